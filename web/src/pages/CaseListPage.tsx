import { Flex, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CASE_KINDS, useCases, type CaseFilters, type CaseKind, type CaseListItem } from '../api/cases';
import { useFormat } from '../i18n/format';
import { stateColor, useCaseLabels } from '../components/cases/labels';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { useIsMobile } from '../components/responsive';

const STATES: Record<CaseKind, string[]> = {
  identification: [
    'applied',
    'first_notice',
    'verification',
    'township_review',
    'second_notice',
    'county_approval',
    'announced',
    'registered',
    'rejected',
    'withdrawn',
  ],
  exit: [
    'proposed',
    'household_consent',
    'village_notice',
    'announcement',
    'announced',
    'closed',
    'rejected',
    'withdrawn',
  ],
  monitoring: [
    'lead',
    'village_review',
    'village_notice',
    'township_review',
    'county_decision',
    'monitored',
    'removal_review',
    'removal_notice',
    'removal_township',
    'removal_county',
    'risk_removed',
    'not_included',
    'withdrawn',
  ],
  dibao: [
    'applied',
    'democratic_review',
    'notice',
    'county_check',
    'decision',
    'approved',
    'denied',
    'withdrawn',
  ],
  tekun: ['applied', 'notice', 'county_check', 'decision', 'approved', 'denied', 'withdrawn'],
};
const FINAL = new Set([
  'registered',
  'rejected',
  'withdrawn',
  'closed',
  'risk_removed',
  'not_included',
  'approved',
  'denied',
]);

function filtersFrom(p: URLSearchParams): CaseFilters {
  const kind = CASE_KINDS.find((k) => k === p.get('kind'));
  const page = Number(p.get('page'));
  const open = p.get('open');
  return {
    region: p.get('region') ?? undefined,
    kind,
    state: p.get('state') ?? undefined,
    overdue: p.get('overdue') === 'true' ? true : undefined,
    open: open === 'true' ? true : open === 'false' ? false : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: 20,
  };
}

function toParams(f: CaseFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && k !== 'pageSize') p.set(k, String(v));
  return p;
}

/** Cases by kind, state and deadline: `/cases?kind&state&overdue&open&region&page`. */
export default function CaseListPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useCaseLabels();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const list = useCases(filters);
  const update = (patch: Partial<CaseFilters>) => setParams(toParams({ ...filters, page: 1, ...patch }));
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;

  const states = filters.kind ? STATES[filters.kind] : [...new Set(Object.values(STATES).flat())];
  const columns: TableColumnsType<CaseListItem> = [
    { title: '#', dataIndex: 'id', render: (id: string) => <Link to={`/cases/${id}`}>{id}</Link> },
    { title: t('cases.kind'), dataIndex: 'kind', render: (k: string) => labels.kind(k) },
    {
      title: t('cases.household'),
      key: 'household',
      render: (_: unknown, c) => (
        <span>
          {c.headName} <Typography.Text type="secondary">{c.householdNo}</Typography.Text>
        </span>
      ),
    },
    ...(mobile ? [] : [{ title: t('cases.village'), dataIndex: 'villageName' }]),
    {
      title: t('cases.state'),
      dataIndex: 'state',
      render: (s: string, c: CaseListItem) => <Tag color={stateColor(s, c.closed)}>{labels.state(s)}</Tag>,
    },
    ...(mobile
      ? []
      : [{ title: t('cases.opened'), dataIndex: 'openedAt', render: (v: string) => fmt.dateTime(v) }]),
    {
      title: t('cases.due'),
      key: 'due',
      render: (_: unknown, c) =>
        c.dueOn === null ? (
          '—'
        ) : (
          <span data-testid={`case-due-${c.id}`}>
            {fmt.date(c.dueOn)}{' '}
            {c.overdue ? (
              <Tag color="red">{t('cases.overdueDays', { count: -(c.daysLeft ?? 0) })}</Tag>
            ) : (
              <Tag>{t('cases.daysLeft', { count: c.daysLeft ?? 0 })}</Tag>
            )}
          </span>
        ),
    },
  ];

  return (
    <div data-testid="case-list-page">
      <PageHeader title={t('cases.title')} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          data-testid="case-filter-kind"
          placeholder={t('cases.kind')}
          style={{ width: mobile ? '100%' : 180 }}
          value={filters.kind}
          onChange={(kind?: CaseKind) => update({ kind, state: undefined })}
          options={CASE_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
        />
        <Select
          allowClear
          data-testid="case-filter-state"
          placeholder={t('cases.state')}
          style={{ width: mobile ? '100%' : 180 }}
          value={filters.state}
          onChange={(state?: string) => update({ state })}
          options={states.map((s) => ({ value: s, label: labels.state(s) }))}
        />
        <Select
          data-testid="case-filter-open"
          style={{ width: mobile ? '100%' : 140 }}
          value={filters.open === undefined ? 'all' : String(filters.open)}
          onChange={(v: string) => update({ open: v === 'all' ? undefined : v === 'true' })}
          options={[
            { value: 'all', label: t('cases.all') },
            { value: 'true', label: t('cases.open') },
            { value: 'false', label: t('cases.closed') },
          ]}
        />
        <span>
          <Switch
            data-testid="case-filter-overdue"
            checked={filters.overdue === true}
            onChange={(on) => update({ overdue: on ? true : undefined })}
          />{' '}
          {t('cases.overdueOnly')}
        </span>
      </Flex>
      <Table<CaseListItem>
        rowKey="id"
        size={mobile ? 'small' : 'middle'}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        rowClassName={(c) => (FINAL.has(c.state) ? 'case-closed' : '')}
        onRow={(c) =>
          ({
            'data-testid': `case-row-${c.id}`,
            style: { cursor: 'pointer' },
            onClick: () => void navigate(`/cases/${c.id}`),
          }) as React.HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page) => setParams(toParams({ ...filters, page })),
        }}
      />
    </div>
  );
}
