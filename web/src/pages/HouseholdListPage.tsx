import { Button, Flex, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useCodeLabel } from '../api/codeLists';
import { BulkAssignModal } from '../components/batch/BulkAssignModal';
import {
  useHouseholds,
  type HouseholdFilters,
  type HouseholdListItem,
  type HouseholdSort,
} from '../api/households';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { RegionBreadcrumb } from '../components/RegionBreadcrumb';
import { HouseholdFilterBar } from '../components/HouseholdFilterBar';
import { StatusTag } from '../components/StatusTag';
import { ExportButton } from '../components/household/ExportButton';
import { RegisterLink } from '../components/registration/RegisterLink';
import { useIsMobile } from '../components/responsive';

const SORTS: readonly HouseholdSort[] = ['household_no', 'head_name', 'size', 'per_capita_income', 'status'];
const PAGE_SIZES = [10, 20, 50, 100];

function positiveInt(v: string | null, fallback: number): number {
  const n = v ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The filters live in the query string, so a filtered list can be bookmarked and shared. */
function filtersFrom(params: URLSearchParams): HouseholdFilters {
  const sort = params.get('sort');
  const pageSize = positiveInt(params.get('pageSize'), 20);
  return {
    region: params.get('region') ?? undefined,
    status: params.get('status') ?? undefined,
    type: params.get('type') ?? undefined,
    cause: params.get('cause') ?? undefined,
    q: params.get('q') ?? undefined,
    sort: SORTS.find((s) => s === sort),
    order: params.get('order') === 'desc' ? 'desc' : params.get('order') === 'asc' ? 'asc' : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}

function toParams(f: HouseholdFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'pageSize' && v === 20)) continue;
    p.set(k, String(v));
  }
  return p;
}

export default function HouseholdListPage() {
  const { t } = useTranslation();
  const mayAssign = useUser().permissions.manageResponsibility;
  const [selected, setSelected] = useState<{ id: string; villageCode: string }[]>([]);
  const [assigning, setAssigning] = useState(false);
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const list = useHouseholds(filters);
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const columns = useColumns(filters, mobile);

  /** Change filters; any change but paging goes back to page 1. */
  const update = (patch: Partial<HouseholdFilters>) => {
    const paging = 'page' in patch || 'pageSize' in patch;
    setParams(toParams({ ...filters, ...(paging ? {} : { page: 1 }), ...patch }));
  };
  const regionUrl = (code: string) =>
    `/households?${toParams({ ...filters, region: code || undefined, page: 1 })}`;

  const onTableChange: TableProps<HouseholdListItem>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const sort = s?.order ? SORTS.find((k) => k === s.columnKey) : undefined;
    const order = s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined;
    const sortChanged = sort !== filters.sort || order !== filters.order;
    const pageSize = pagination.pageSize ?? filters.pageSize;
    update({
      sort,
      order: sort ? order : undefined,
      pageSize,
      page: sortChanged || pageSize !== filters.pageSize ? 1 : (pagination.current ?? 1),
    });
  };

  return (
    <div data-testid="households-page">
      <PageHeader
        title={t('households.title')}
        extra={
          <>
            <RegisterLink />
            <ExportButton filters={filters} />
          </>
        }
      />
      <Flex wrap align="center" gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('households.currentRegion')}</Typography.Text>
        <RegionBreadcrumb code={filters.region ?? ''} to={regionUrl} />
        {filters.region && (
          <Button size="small" onClick={() => update({ region: undefined })} data-testid="clear-region">
            {t('households.clearRegion')}
          </Button>
        )}
      </Flex>
      <HouseholdFilterBar
        filters={filters}
        mobile={mobile}
        update={update}
        onReset={() => setParams(new URLSearchParams())}
      />
      {mayAssign && (
        <Flex wrap align="center" gap={8} style={{ marginBottom: 8 }}>
          <Button
            disabled={selected.length === 0}
            onClick={() => setAssigning(true)}
            data-testid="bulk-assign-open"
          >
            {t('batch.assign.button', { n: selected.length })}
          </Button>
          {selected.length === 0 && (
            <Typography.Text type="secondary">{t('batch.assign.selectHint')}</Typography.Text>
          )}
        </Flex>
      )}
      {assigning && (
        <BulkAssignModal
          households={selected}
          onClose={(done) => {
            setAssigning(false);
            if (done) setSelected([]);
          }}
        />
      )}
      {list.isError ? (
        <ErrorResult error={list.error} subject="region" onRetry={() => void list.refetch()} />
      ) : (
        <Table<HouseholdListItem>
          rowKey="id"
          size={mobile ? 'small' : 'middle'}
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          onChange={onTableChange}
          rowSelection={
            mayAssign
              ? {
                  selectedRowKeys: selected.map((h) => h.id),
                  preserveSelectedRowKeys: true,
                  // rows of other pages come back undefined: their households are kept from before
                  onChange: (keys, rows) =>
                    setSelected((prev) => {
                      const byId = new Map(prev.map((h) => [h.id, h]));
                      for (const r of rows) if (r) byId.set(r.id, { id: r.id, villageCode: r.villageCode });
                      return keys.map(String).flatMap((k) => byId.get(k) ?? []);
                    }),
                }
              : undefined
          }
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: !mobile,
            size: mobile ? 'small' : 'medium',
            // a broad search counts up to 1000 matches: "1000+"
            showTotal: (total) => t('common.total', { total: list.data?.totalCapped ? `${total}+` : total }),
          }}
          onRow={(r) =>
            ({
              'data-testid': `household-row-${r.id}`,
              style: { cursor: 'pointer' },
              onClick: (e: React.MouseEvent) => {
                // a click on the selection box selects, it does not open the household
                if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
                void navigate(`/households/${r.id}`);
              },
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      )}
    </div>
  );
}

function useColumns(filters: HouseholdFilters, mobile: boolean): TableColumnsType<HouseholdListItem> {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const sortable = (key: HouseholdSort) => ({
    key,
    sorter: true,
    sortOrder:
      filters.sort === key ? (filters.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null,
  });
  const village = (r: HouseholdListItem) => [r.townshipName, r.villageName].filter(Boolean).join(' / ');
  const status = {
    title: t('households.status'),
    ...sortable('status'),
    render: (_: unknown, r: HouseholdListItem) => <StatusTag status={r.status} />,
  };
  const size = {
    title: t('households.size'),
    ...sortable('size'),
    dataIndex: 'size',
    align: 'right' as const,
  };

  if (mobile) {
    return [
      {
        title: t('households.headName'),
        ...sortable('head_name'),
        render: (_: unknown, r) => (
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{r.headName}</Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.householdNo}
              </Typography.Text>
            </div>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {village(r)}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      status,
      size,
    ];
  }
  return [
    { title: t('households.householdNo'), dataIndex: 'householdNo', ...sortable('household_no') },
    { title: t('households.headName'), dataIndex: 'headName', ...sortable('head_name') },
    {
      title: t('households.headIdNumber'),
      dataIndex: 'headIdNumber',
      render: (v: string) => <code>{v}</code>,
    },
    { title: t('households.village'), key: 'village', render: (_: unknown, r) => village(r) },
    size,
    status,
    {
      title: t('households.type'),
      dataIndex: 'householdType',
      render: (v: string) => label('household_type', v),
    },
    {
      title: t('households.cause'),
      dataIndex: 'mainCause',
      render: (v: string | null) => label('poverty_cause', v),
    },
    {
      title: t('households.perCapitaIncome'),
      ...sortable('per_capita_income'),
      align: 'right',
      render: (_: unknown, r) =>
        r.perCapitaIncome === null
          ? '—'
          : `${fmt.money(r.perCapitaIncome)}${r.incomeYear ? t('households.incomeYear', { year: r.incomeYear }) : ''}`,
    },
  ];
}
