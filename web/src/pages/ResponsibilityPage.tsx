import { Col, Row, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSummary } from '../api/responsibility';
import { useFormat } from '../i18n/format';
import { KpiCard } from '../components/KpiCard';
import { PageHeader } from '../components/PageHeader';
import { CadreList } from '../components/responsibility/CadreList';
import { NoCadreList, NoTeamList, OverdueList } from '../components/responsibility/GapLists';
import { VisitPlanEditor } from '../components/responsibility/VisitPlanEditor';

const TABS = ['noCadre', 'overdue', 'noTeam', 'cadres', 'plan'] as const;
type Tab = (typeof TABS)[number];

/** Gap lists and their fixes (`/responsibility?tab&region&page`): assign a cadre, record a visit, station a team. */
export default function ResponsibilityPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'noCadre';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (patch: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...patch });
  const summary = useSummary(region);
  const s = summary.data;

  return (
    <div data-testid="responsibility-page">
      <PageHeader title={t('resp.title')} subtitle={t('resp.subtitle')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <KpiCard
            testId="resp-kpi-without"
            title={t('resp.kpi.without')}
            value={s ? fmt.number(s.cadres.householdsWithout) : '—'}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="resp-kpi-overdue"
            title={t('resp.kpi.overdue')}
            value={s ? fmt.number(s.visits.overdue) : '—'}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="resp-kpi-noteam"
            title={t('resp.kpi.villagesWithout')}
            value={s ? fmt.number(s.teams.villagesWithout) : '—'}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="resp-kpi-cadres"
            title={t('resp.kpi.cadres')}
            value={s ? fmt.number(s.cadres.active) : '—'}
          />
        </Col>
      </Row>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k, page: '1' })}
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`resp-tab-${k}`}>{t(`resp.tabs.${k}`)}</span>,
        }))}
      />
      {tab === 'noCadre' && (
        <NoCadreList region={region} page={page} onPage={(p) => set({ page: String(p) })} />
      )}
      {tab === 'overdue' && (
        <OverdueList region={region} page={page} onPage={(p) => set({ page: String(p) })} />
      )}
      {tab === 'noTeam' && (
        <NoTeamList region={region} page={page} onPage={(p) => set({ page: String(p) })} />
      )}
      {tab === 'cadres' && <CadreList region={region} page={page} onPage={(p) => set({ page: String(p) })} />}
      {tab === 'plan' && <VisitPlanEditor region={region} />}
    </div>
  );
}
