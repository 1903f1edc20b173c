import { useMemo } from 'react';
import { Card, Col, Empty, Row, Select, Typography } from 'antd';
import { ApartmentOutlined, HomeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useCodeLabel } from '../api/codeLists';
import { useSummary, type Summary } from '../api/stats';
import { useFormat } from '../i18n/format';
import { AssistanceFigures } from '../components/assistance/AssistanceFigures';
import { Chart } from '../components/Chart';
import { ErrorResult } from '../components/ErrorResult';
import { KpiCard } from '../components/KpiCard';
import { LinkButton } from '../components/LinkButton';
import { PageHeader } from '../components/PageHeader';
import { RegionBreadcrumb } from '../components/RegionBreadcrumb';
import { useIsMobile } from '../components/responsive';
import { FullPageSpin } from '../components/RequireAuth';
import { ResponsibilityPanel } from '../components/responsibility/ResponsibilityPanel';
import { MeasuresSection } from '../components/measures/MeasuresSection';
import { horizontalBarOption, pieOption } from '../components/dashboardCharts';
import {
  PERIOD_TEXT,
  periodTrendOption,
  shareBarOption,
  subRegionOrder,
} from '../components/dashboard/period';
import { useLang } from '../i18n';

function parseYear(v: string | null): number | undefined {
  return v && /^\d{4}$/.test(v) ? Number(v) : undefined;
}

/** Key figures and charts for a region: `?region=CODE` (default the user's scope), `?year=YYYY`. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? '';
  const year = parseYear(params.get('year'));
  const summary = useSummary(region, year);
  const navigate = useNavigate();

  const dashboardUrl = (code: string) => {
    const next = new URLSearchParams();
    if (code) next.set('region', code);
    if (year) next.set('year', String(year));
    const s = next.toString();
    return s ? `/dashboard?${s}` : '/dashboard';
  };
  const setYear = (y: number) => {
    const next = new URLSearchParams(params);
    next.set('year', String(y));
    setParams(next);
  };

  if (summary.isError)
    return <ErrorResult error={summary.error} subject="region" onRetry={() => void summary.refetch()} />;
  if (!summary.data) return <FullPageSpin />;
  const s = summary.data;
  const regionCode = s.region.code;
  const listQuery = regionCode ? `?region=${regionCode}` : '';

  return (
    <div data-testid="dashboard">
      <div style={{ marginBottom: 8 }}>
        <RegionBreadcrumb code={region} to={dashboardUrl} />
      </div>
      <PageHeader
        title={s.region.code === '' ? t('region.country') : s.region.name}
        subtitle={<PovertyLine value={s.povertyLine} />}
        extra={
          <>
            <Select<number>
              aria-label={t('dashboard.year')}
              data-testid="year-select"
              value={s.year}
              style={{ width: 110 }}
              options={[...s.years]
                .sort((a, b) => b - a)
                .map((y) => ({ value: y, label: t('common.yearValue', { year: y }) }))}
              onChange={setYear}
            />
            <LinkButton
              to={`/regions${regionCode ? `?parent=${regionCode}` : ''}`}
              icon={<ApartmentOutlined />}
            >
              {t('dashboard.openRegions')}
            </LinkButton>
            <LinkButton to={`/households${listQuery}`} icon={<HomeOutlined />}>
              {t('dashboard.openHouseholds')}
            </LinkButton>
          </>
        }
      />
      <KeyFigures s={s} />
      <ResponsibilityPanel
        region={regionCode}
        year={s.year}
        extra={<AssistanceFigures region={regionCode} year={s.year} />}
      />
      <Charts s={s} onDrill={(code) => void navigate(dashboardUrl(code))} />
      <MeasuresSection region={regionCode} year={s.year} compact />
    </div>
  );
}

function PovertyLine({ value }: { value: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return <>{t('dashboard.povertyLine', { value: fmt.money(value) })}</>;
}

function KeyFigures({ s }: { s: Summary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const p = PERIOD_TEXT[useLang()];
  const poverty = s.frame === 'poverty';
  const all = [
    {
      key: 'households',
      title: t('dashboard.households'),
      value: fmt.number(s.households),
      testId: 'kpi-households',
    },
    { key: 'persons', title: t('dashboard.persons'), value: fmt.number(s.persons), testId: 'kpi-persons' },
    {
      key: 'registered',
      title: t('dashboard.registeredHouseholds'),
      value: fmt.number(s.registeredHouseholds),
      testId: 'kpi-registered-households',
    },
    {
      key: 'poorHouseholds',
      title: t('dashboard.poorHouseholds'),
      value: fmt.number(s.poorHouseholds),
      testId: 'kpi-poor-households',
    },
    {
      key: 'poorPersons',
      title: t('dashboard.poorPersons'),
      value: fmt.number(s.poorPersons),
      testId: 'kpi-poor-persons',
    },
    {
      key: 'incidence',
      title: t('dashboard.incidence'),
      value: fmt.percent(s.incidence),
      testId: 'kpi-incidence',
    },
    {
      key: 'monitored',
      title: t('dashboard.monitoredHouseholds'),
      value: fmt.number(s.monitoredHouseholds),
      testId: 'kpi-monitored-households',
    },
    { key: 'exits', title: p.exits, value: fmt.number(s.exits), testId: 'kpi-exits' },
    {
      key: 'monitoredShare',
      title: p.monitoredShare,
      value: fmt.percent(s.monitoredShare),
      testId: 'kpi-monitored-share',
    },
    { key: 'newRisks', title: p.newRisks, value: fmt.number(s.newRisks), testId: 'kpi-new-risks' },
    {
      key: 'risksRemoved',
      title: p.risksRemoved,
      value: fmt.number(s.risksRemoved),
      testId: 'kpi-risks-removed',
    },
    {
      key: 'exitedIncome',
      title: p.exitedIncome,
      value: s.exitedPerCapitaIncome === null ? '—' : fmt.money(s.exitedPerCapitaIncome),
      testId: 'kpi-exited-income',
    },
    {
      key: 'monitoredWithDibao',
      title: p.monitoredWithDibao,
      value: fmt.number(s.monitoredWithDibao),
      testId: 'kpi-monitored-dibao',
    },
  ];
  // before 2021 the poverty frame, from 2021 the monitoring frame (components/dashboard/period.ts)
  const shown = poverty
    ? ['households', 'persons', 'registered', 'poorHouseholds', 'poorPersons', 'incidence', 'exits']
    : [
        'households',
        'persons',
        'monitored',
        'monitoredShare',
        'newRisks',
        'risksRemoved',
        'exitedIncome',
        'monitoredWithDibao',
      ];
  const cards = all.filter((c) => shown.includes(c.key));
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="kpis" data-frame={s.frame}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} sm={8} lg={6} xxl={3}>
          <KpiCard title={c.title} value={c.value} testId={c.testId} />
        </Col>
      ))}
    </Row>
  );
}

function Charts({ s, onDrill }: { s: Summary; onDrill: (code: string) => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const fmt = useFormat();
  const label = useCodeLabel();
  const p = PERIOD_TEXT[useLang()];
  const poverty = s.frame === 'poverty';
  const bars = useMemo(() => subRegionOrder(s.frame, s.bySubRegion), [s.frame, s.bySubRegion]);
  const causes = s.byCause
    .filter((c) => c.households > 0)
    .map((c) => ({ name: label('poverty_cause', c.cause), value: c.households }));
  // ordinary households (most of a region) would dwarf the registry's bars: they are left out
  const statuses = s.byStatus
    .filter((b) => b.status !== 'none' && b.households > 0)
    .map((b) => ({ name: label('household_status', b.status), value: b.households }));
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />;

  return (
    <Row gutter={[16, 16]}>
      {bars.length > 0 && (
        <Col xs={24} xl={12}>
          <Card
            title={poverty ? t('dashboard.bySubRegion') : p.subRegionsMonitoring}
            data-testid="chart-subregions"
          >
            <Typography.Text type="secondary">
              {poverty ? t('dashboard.bySubRegionHint') : p.subRegionsMonitoringHint}
            </Typography.Text>
            <Chart
              option={shareBarOption(
                s.frame,
                bars,
                fmt,
                poverty ? t('dashboard.incidence') : p.monitoredShare,
              )}
              height={Math.max(240, bars.length * 26 + 40)}
              onClick={(e) => {
                const target = bars[e.dataIndex];
                if (target) onDrill(target.code);
              }}
            />
          </Card>
        </Col>
      )}
      <Col xs={24} xl={12}>
        <Card title={t('dashboard.byCause')} data-testid="chart-causes">
          {causes.length ? <Chart option={pieOption(causes, fmt, mobile)} height={320} /> : empty}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('dashboard.trend')} data-testid="chart-trend">
          {s.trend.length ? (
            <Chart
              option={periodTrendOption(s.trend, fmt, {
                count: p.trendCount,
                incidence: p.trendIncidence,
                monitored: p.trendMonitored,
              })}
              height={300}
            />
          ) : (
            empty
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('dashboard.byStatus')} extra={p.registryStatuses} data-testid="chart-status">
          {statuses.length ? (
            <Chart
              option={horizontalBarOption(statuses, fmt, t('dashboard.households'))}
              height={Math.max(200, statuses.length * 30 + 40)}
            />
          ) : (
            empty
          )}
        </Card>
      </Col>
    </Row>
  );
}
