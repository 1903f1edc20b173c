import { Button, Flex, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { usePlanList, type PlanListFilters, type PlanListItem } from '../api/batch';
import { withQuery } from '../api/client';
import { useCodeLabel, useCodeOptions } from '../api/codeLists';
import { useLang } from '../i18n';
import { thisYearChina, useFormat } from '../i18n/format';
import { batchZhCN } from '../i18n/batch.zh-CN';
import { ErrorResult } from '../components/ErrorResult';
import { HouseholdLink } from '../components/household/HouseholdLink';
import { LinkButton } from '../components/LinkButton';
import { PageHeader } from '../components/PageHeader';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { StatusTag } from '../components/StatusTag';
import { useIsMobile } from '../components/responsive';

const PLAN_STATUSES = ['draft', 'agreed', 'declined', 'none'] as const;
const MEASURE_TYPES = Object.keys(
  batchZhCN.batch.plans.measureTypes,
) as (keyof typeof batchZhCN.batch.plans.measureTypes)[];
const MEASURE_COLOR: Record<string, string | undefined> = {
  completed: 'green',
  in_progress: 'blue',
  cancelled: 'default',
};

function filtersFrom(p: URLSearchParams): PlanListFilters {
  const status = p.get('status');
  return {
    region: p.get('region') ?? undefined,
    year: Number(p.get('year')) || thisYearChina(),
    status: (PLAN_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as PlanListFilters['status'])
      : undefined,
    cause: p.get('cause') ?? undefined,
    measureType: p.get('measureType') ?? undefined,
    overdue: p.get('overdue') === 'true' ? true : undefined,
    page: Math.max(1, Number(p.get('page')) || 1),
    pageSize: 20,
  };
}

/**
 * The full 一户一策 list: `/plans?region&year&status&cause&measureType&overdue&page` — every household's
 * plan of the year with its measures, status and gaps; filters; export as a workbook; the gap list
 * one click away.
 */
export default function PlanListPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const causes = useCodeOptions('poverty_cause');
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const mobile = useIsMobile();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const q = usePlanList(filters);
  const thisYear = thisYearChina();
  const set = (patch: Record<string, string | number | boolean | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...patch }))
      if (v === undefined || v === '' || v === false) next.delete(k);
      else next.set(k, String(v));
    setParams(next);
  };
  if (q.isError && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const { page: _p, pageSize: _s, ...exportQuery } = filters;

  const columns: TableColumnsType<PlanListItem> = [
    {
      title: t('batch.plans.household'),
      key: 'household',
      render: (_: unknown, x) => (
        <HouseholdLink
          householdId={x.householdId}
          headName={x.headName}
          householdNo={x.householdNo}
          fallback="—"
        />
      ),
    },
    ...(mobile
      ? []
      : [
          {
            title: t('plans.village'),
            key: 'village',
            render: (_: unknown, x: PlanListItem) => x.villageName ?? x.villageCode,
          },
        ]),
    ...(mobile
      ? []
      : [
          {
            title: t('households.status'),
            key: 'status',
            render: (_: unknown, x: PlanListItem) => <StatusTag status={x.householdStatus} />,
          },
          {
            title: t('batch.plans.cause'),
            key: 'causes',
            render: (_: unknown, x: PlanListItem) =>
              x.causes.map((c) => label('poverty_cause', c)).join('、'),
          },
        ]),
    {
      title: t('batch.plans.planStatus'),
      key: 'planStatus',
      render: (_: unknown, x) => (
        <Tag color={x.planStatus === 'agreed' ? 'green' : x.planStatus === 'none' ? 'red' : undefined}>
          {t(`batch.plans.status.${x.planStatus as (typeof PLAN_STATUSES)[number]}`)}
        </Tag>
      ),
    },
    {
      title: t('batch.plans.measures'),
      key: 'measures',
      render: (_: unknown, x) => (
        <Flex wrap gap={4} style={{ maxWidth: 420 }}>
          {x.measures.map((m) => (
            <Tag
              key={m.id}
              color={m.overdue ? 'red' : MEASURE_COLOR[m.status]}
              style={{ whiteSpace: 'normal' }}
            >
              {(lang === 'en' ? m.nameEn : m.nameZh) ?? m.code} ·{' '}
              {t(`batch.plans.measureStatus.${m.status as 'planned'}`)}
              {m.deadline ? ` · ${t('batch.plans.deadline', { date: fmt.date(m.deadline) })}` : ''}
            </Tag>
          ))}
          {x.overdue > 0 && (
            <Typography.Text type="danger">{t('batch.plans.overdueCount', { n: x.overdue })}</Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('batch.plans.gaps'),
      key: 'gaps',
      render: (_: unknown, x) =>
        x.gaps.length === 0 ? (
          <Typography.Text type="success">{t('batch.plans.noGaps')}</Typography.Text>
        ) : (
          <Flex vertical gap={2} style={{ maxWidth: 320 }}>
            {x.gaps.map((g, i) => (
              <Typography.Text key={i} type="warning" style={{ overflowWrap: 'anywhere' }}>
                {g.message[lang]}
              </Typography.Text>
            ))}
          </Flex>
        ),
    },
  ];

  return (
    <div data-testid="plan-list-page">
      <PageHeader
        title={t('batch.plans.title')}
        subtitle={t('batch.plans.subtitle')}
        extra={
          <Flex gap={8}>
            <LinkButton
              to={withQuery('/plans/gaps', { region: filters.region, year: filters.year })}
              data-testid="plan-list-gaps"
            >
              {t('batch.plans.gapsLink')}
            </LinkButton>
            <Button
              icon={<DownloadOutlined />}
              href={withQuery('/api/plans/export', { ...exportQuery })}
              data-testid="plan-list-export"
            >
              {t('batch.plans.export')}
            </Button>
          </Flex>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <RegionSearchSelect
          onPick={(r) => set({ region: r.code })}
          testId="plan-list-region"
          style={{ width: mobile ? '100%' : 240 }}
        />
        <Select
          value={filters.year}
          style={{ width: 100 }}
          aria-label={t('batch.plans.year')}
          onChange={(y: number) => set({ year: y })}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: y }))}
        />
        <Select
          allowClear
          placeholder={t('batch.plans.planStatus')}
          style={{ width: 130 }}
          value={filters.status}
          onChange={(v?: string) => set({ status: v })}
          options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`batch.plans.status.${s}`) }))}
          data-testid="plan-list-status"
        />
        <Select
          allowClear
          placeholder={t('batch.plans.cause')}
          style={{ width: 150 }}
          value={filters.cause}
          onChange={(v?: string) => set({ cause: v })}
          options={causes}
        />
        <Select
          allowClear
          placeholder={t('batch.plans.measureType')}
          style={{ width: 150 }}
          value={filters.measureType}
          onChange={(v?: string) => set({ measureType: v })}
          options={MEASURE_TYPES.map((m) => ({ value: m, label: t(`batch.plans.measureTypes.${m}`) }))}
        />
        <span>
          <Switch checked={filters.overdue === true} onChange={(on) => set({ overdue: on || undefined })} />{' '}
          {t('batch.plans.overdue')}
        </span>
        {filters.region && filters.region !== user.scope.code && (
          <Tag closable onClose={() => set({ region: undefined })}>
            {filters.region}
          </Tag>
        )}
      </Flex>
      <Table<PlanListItem>
        rowKey="householdId"
        size={mobile ? 'small' : 'middle'}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={(x) => ({ 'data-testid': `plan-row-${x.householdId}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page) => set({ page: page === 1 ? undefined : page }),
        }}
      />
    </div>
  );
}
