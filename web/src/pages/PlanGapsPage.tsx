import { Alert, Col, Flex, Row, Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useCodeLabel } from '../api/codeLists';
import { usePlanGaps, type FitProblemKind, type GapItem } from '../api/plans';
import { useLang } from '../i18n';
import { thisYearChina, useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { GapTable } from '../components/GapTable';
import { HouseholdLink } from '../components/household/HouseholdLink';
import { KpiCard } from '../components/KpiCard';
import { LinkButton } from '../components/LinkButton';
import { PageHeader } from '../components/PageHeader';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { StatusTag } from '../components/StatusTag';
import { useIsMobile } from '../components/responsive';

const PROBLEMS: FitProblemKind[] = [
  'cause_unanswered',
  'no_development',
  'no_social_security',
  'no_measures',
];

/**
 * The gap list of household plans: `/plans/gaps?region&year&problem&page` — plans whose measures do not
 * answer the household's causes, each opening the household, where fixing the plan removes it here.
 */
export default function PlanGapsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const mobile = useIsMobile();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const thisYear = thisYearChina();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters = {
    region: params.get('region') ?? undefined,
    year: Number(params.get('year')) || thisYear,
    problem: params.get('problem') ?? undefined,
    page,
    pageSize: 20,
  };
  const q = usePlanGaps(filters);
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...patch }))
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    setParams(next);
  };
  if (q.isError && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const region = filters.region ?? user.scope.code;

  const columns: TableColumnsType<GapItem> = [
    {
      title: t('plans.household'),
      key: 'household',
      render: (_: unknown, g) => (
        <HouseholdLink
          householdId={g.householdId}
          headName={g.headName}
          householdNo={g.householdNo}
          fallback="—"
          testId={`plan-gap-link-${g.householdId}`}
        />
      ),
    },
    ...(mobile ? [] : [{ title: t('plans.village'), dataIndex: 'villageName' }]),
    ...(mobile
      ? []
      : [
          {
            title: t('households.status'),
            dataIndex: 'householdStatus',
            render: (s: string) => <StatusTag status={s} />,
          },
          {
            title: t('plans.mainCause'),
            dataIndex: 'mainCause',
            render: (c: string | null) => label('poverty_cause', c),
          },
        ]),
    {
      title: t('plans.problem'),
      key: 'problems',
      render: (_: unknown, g) => (
        <Flex vertical gap={2}>
          {g.problems.map((p, i) => (
            <span key={i} style={{ overflowWrap: 'anywhere' }}>
              {p.message[lang]}
            </span>
          ))}
        </Flex>
      ),
    },
    {
      title: t('plans.planStatus'),
      dataIndex: 'planStatus',
      render: (s: string) => <Tag>{t(`plans.status.${s}`, { defaultValue: s })}</Tag>,
    },
  ];

  return (
    <div data-testid="plan-gaps-page">
      <PageHeader
        title={t('plans.gapsTitle')}
        subtitle={t('plans.gapsSubtitle')}
        extra={
          region.length === 12 && (
            <LinkButton
              icon={<PrinterOutlined />}
              to={`/villages/${region}/cards?year=${filters.year}`}
              data-testid="plan-print-village"
            >
              {t('plans.printVillage')}
            </LinkButton>
          )
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <RegionSearchSelect
          onPick={(r) => set({ region: r.code })}
          testId="plan-gaps-region"
          style={{ width: mobile ? '100%' : 260 }}
        />
        <Select
          value={filters.year}
          style={{ width: 100 }}
          aria-label={t('plans.year')}
          onChange={(y: number) => set({ year: y })}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: y }))}
          data-testid="plan-gaps-year"
        />
        <Select
          allowClear
          placeholder={t('plans.allProblems')}
          value={filters.problem}
          style={{ width: mobile ? '100%' : 240 }}
          onChange={(p?: string) => set({ problem: p })}
          options={PROBLEMS.map((p) => ({
            value: p,
            label: `${t(`plans.problemKind.${p}`)}${d?.byProblem[p] !== undefined ? `（${fmt.number(d.byProblem[p])}）` : ''}`,
          }))}
          data-testid="plan-gaps-problem"
        />
      </Flex>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <KpiCard
            title={t('plans.planCount')}
            value={fmt.number(d?.plans)}
            loading={!d}
            testId="plan-kpi-plans"
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            title={t('plans.fitting')}
            value={fmt.number(d?.fitting)}
            loading={!d}
            testId="plan-kpi-fitting"
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            title={t('plans.notFitting')}
            value={fmt.number(d ? d.plans - d.fitting : undefined)}
            loading={!d}
            testId="plan-kpi-not-fitting"
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            title={t('plans.withoutPlan')}
            value={fmt.number(d?.withoutPlan)}
            loading={!d}
            testId="plan-kpi-without"
          />
        </Col>
      </Row>
      {d && d.total === 0 && (
        <Alert type="success" showIcon title={t('plans.empty')} style={{ marginBottom: 12 }} />
      )}
      <GapTable<GapItem>
        rowKey="planId"
        size={mobile ? 'small' : 'middle'}
        loading={q.isFetching}
        data={d}
        columns={columns}
        scroll={!mobile}
        rowTestId={(g) => `plan-gap-${g.householdId}`}
        page={page}
        onPage={(p) => set({ page: p })}
        showTotal
      />
    </div>
  );
}
