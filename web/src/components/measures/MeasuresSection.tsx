import { useState } from 'react';
import { Card, Col, Empty, Row, Segmented, Select, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  finite,
  useMeasures,
  useMeasureSeries,
  usePassiveExits,
  type GroupBy,
  type MeasureGroup,
  type MeasureSet,
  type Measures,
  type Num,
  type PassiveExit,
} from '../../api/measures';
import { useLang } from '../../i18n';
import type { measuresZhCN } from '../../i18n/measures.zh-CN';
import { useFormat, type Formatters } from '../../i18n/format';
import { Chart } from '../Chart';
import { ErrorResult } from '../ErrorResult';
import { KpiCard } from '../KpiCard';
import { LinkButton } from '../LinkButton';
import { childBarsOption, incomeSharesOption, seriesOption, sortChildren } from './measuresCharts';

interface Props {
  /** Region code ('' = the user's scope). */
  region: string;
  year: number | undefined;
  /** Key figures only, with a link to the measures page (for the dashboard). */
  compact?: boolean;
}

const pct = (fmt: Formatters, x: Num, digits = 2) => (x === 'Infinity' ? '∞' : fmt.percent(x, digits));

/** Poverty, inequality and MPI measures of a region from the registry, with drill-down. */
export function MeasuresSection({ region, year, compact }: Props) {
  const { t } = useTranslation();
  const m = useMeasures(region, year);
  if (m.isError) return <ErrorResult error={m.error} subject="region" onRetry={() => void m.refetch()} />;
  if (compact)
    return (
      <Card
        size="small"
        title={t('measures.title')}
        data-testid="measures-section"
        style={{ marginBottom: 16 }}
        extra={
          <LinkButton to={`/measures?${new URLSearchParams({ region, year: String(year ?? '') })}`}>
            {t('measures.open')}
          </LinkButton>
        }
      >
        <KeyMeasures m={m.data} loading={m.isLoading} />
      </Card>
    );
  return (
    <div data-testid="measures-section">
      <KeyMeasures m={m.data} loading={m.isLoading} />
      <SeriesCharts region={region} />
      {m.data && <Drill m={m.data} />}
      {m.data && <Decomposition region={region} year={year} />}
      {m.data && <MpiIndicators m={m.data} />}
      {m.data && <PassiveExits region={region} year={year} m={m.data} />}
    </div>
  );
}

function KeyMeasures({ m, loading }: { m: Measures | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const cards = [
    ['headcount', pct(fmt, m?.poverty.headcount ?? null)],
    ['povertyGap', pct(fmt, m?.poverty.povertyGap ?? null)],
    ['squaredGap', pct(fmt, m?.poverty.squaredGap ?? null)],
    ['arpr60', pct(fmt, m?.relative.arpr.p60 ?? null)],
    ['gini', fmt.number(finite(m?.inequality.gini ?? null), 3)],
    ['mpi', fmt.number(finite(m?.mpi.M0 ?? null), 4)],
    ['endogenous', pct(fmt, m?.income.shares.endogenous ?? null, 1)],
    ['passiveExits', m ? `${fmt.number(m.exits.passive)} / ${fmt.number(m.exits.exits)}` : '—'],
  ] as const;
  return (
    <>
      {m && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('measures.basis', {
            line: fmt.money(m.line),
            year: m.year,
            households: fmt.number(m.households),
            persons: fmt.number(m.persons),
          })}
        </Typography.Paragraph>
      )}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {cards.map(([key, value]) => (
          <Col key={key} xs={12} sm={8} lg={6} xxl={3}>
            <KpiCard
              title={t(`measures.kpi.${key}`)}
              value={value}
              loading={loading}
              testId={`measure-${key}`}
            />
          </Col>
        ))}
      </Row>
    </>
  );
}

function SeriesCharts({ region }: { region: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = useMeasureSeries(region);
  const points = s.data?.years ?? [];
  const lines = [
    { name: t('measures.kpi.headcount'), value: (p: MeasureSet) => finite(p.poverty.headcount) },
    { name: t('measures.kpi.povertyGap'), value: (p: MeasureSet) => finite(p.poverty.povertyGap) },
    { name: t('measures.kpi.squaredGap'), value: (p: MeasureSet) => finite(p.poverty.squaredGap) },
    { name: t('measures.kpi.arpr60'), value: (p: MeasureSet) => finite(p.relative.arpr.p60) },
    { name: t('measures.kpi.gini'), value: (p: MeasureSet) => finite(p.inequality.gini) },
    { name: t('measures.kpi.mpi'), value: (p: MeasureSet) => finite(p.mpi.M0) },
  ];
  const names = {
    wage: t('measures.income.wage'),
    business: t('measures.income.business'),
    property: t('measures.income.property'),
    transfer: t('measures.income.transfer'),
  };
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('measures.overYears')} loading={s.isLoading}>
          <Chart option={seriesOption(points, lines, fmt)} testId="measures-series" />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('measures.incomeStructure')} loading={s.isLoading}>
          <Chart option={incomeSharesOption(points, names, fmt)} testId="measures-income" />
        </Card>
      </Col>
    </Row>
  );
}

const DRILL_MEASURES = {
  headcount: (m: MeasureSet) => finite(m.poverty.headcount),
  povertyGap: (m: MeasureSet) => finite(m.poverty.povertyGap),
  arpr60: (m: MeasureSet) => finite(m.relative.arpr.p60),
  gini: (m: MeasureSet) => finite(m.inequality.gini),
  mpi: (m: MeasureSet) => finite(m.mpi.M0),
  transfer: (m: MeasureSet) => finite(m.income.shares.transfer),
} as const;
type DrillKey = keyof typeof DRILL_MEASURES;
type MpiName = keyof typeof measuresZhCN.measures.mpi;

function Drill({ m }: { m: Measures }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [key, setKey] = useState<DrillKey>('headcount');
  if (m.children.length === 0) return null;
  const pick = DRILL_MEASURES[key];
  const rows = sortChildren(m.children, pick);
  return (
    <Card
      size="small"
      title={t('measures.byChild')}
      style={{ marginBottom: 16 }}
      extra={
        <Select<DrillKey>
          aria-label={t('measures.measure')}
          value={key}
          style={{ width: 150 }}
          onChange={setKey}
          options={(Object.keys(DRILL_MEASURES) as DrillKey[]).map((k) => ({
            value: k,
            label: k === 'transfer' ? t('measures.income.transferShare') : t(`measures.kpi.${k}`),
          }))}
        />
      }
    >
      <Chart
        testId="measures-children"
        height={Math.max(200, rows.length * 26)}
        option={childBarsOption(
          rows.map((r) => ({ name: r.name, value: pick(r) })),
          fmt,
          key === 'transfer' ? t('measures.income.transferShare') : t(`measures.kpi.${key}`),
        )}
        onClick={(e) => {
          const code = rows[e.dataIndex]?.code;
          if (code) void navigate(`/measures?region=${code}&year=${m.year}`);
        }}
      />
    </Card>
  );
}

function Decomposition({ region, year }: { region: string; year: number | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLang();
  const [by, setBy] = useState<GroupBy>('township');
  const m = useMeasures(region, year, by);
  const groups = m.data?.by?.groups ?? [];
  return (
    <Card
      size="small"
      title={t('measures.decomposition')}
      style={{ marginBottom: 16 }}
      extra={
        <Segmented<GroupBy>
          size="small"
          value={by}
          onChange={setBy}
          options={(['township', 'village', 'household_type', 'cause'] as const).map((b) => ({
            value: b,
            label: t(`measures.by.${b}`),
          }))}
        />
      }
    >
      <Table<MeasureGroup>
        size="small"
        rowKey="key"
        loading={m.isFetching}
        dataSource={groups}
        pagination={groups.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('dashboard.noData')} /> }}
        columns={[
          { title: t('measures.group'), render: (_, g) => (lang === 'en' ? g.labelEn : g.label) },
          { title: t('measures.populationShare'), render: (_, g) => pct(fmt, g.populationShare, 1) },
          { title: t('measures.kpi.headcount'), render: (_, g) => pct(fmt, g.headcount) },
          { title: t('measures.kpi.povertyGap'), render: (_, g) => pct(fmt, g.povertyGap) },
          { title: t('measures.contribution'), render: (_, g) => pct(fmt, g.contribution.headcount, 1) },
          { title: t('measures.kpi.mpi'), render: (_, g) => fmt.number(finite(g.mpiM0), 4) },
        ]}
      />
    </Card>
  );
}

function MpiIndicators({ m }: { m: Measures }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card
      size="small"
      title={t('measures.mpiTitle', { H: pct(fmt, m.mpi.H, 1), A: pct(fmt, m.mpi.A, 1) })}
      style={{ marginBottom: 16 }}
    >
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={m.mpi.indicators}
        columns={[
          { title: t('measures.indicator'), render: (_, r) => t(`measures.mpi.${r.name as MpiName}`) },
          { title: t('measures.weight'), render: (_, r) => fmt.number(r.weight, 4) },
          { title: t('measures.uncensored'), render: (_, r) => pct(fmt, r.uncensored, 1) },
          { title: t('measures.censored'), render: (_, r) => pct(fmt, r.censored, 1) },
          { title: t('measures.contribution'), render: (_, r) => pct(fmt, r.contribution, 1) },
        ]}
      />
    </Card>
  );
}

function PassiveExits({ region, year, m }: { region: string; year: number | undefined; m: Measures }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = usePassiveExits(region, year, m.exits.passive > 0);
  return (
    <Card
      size="small"
      title={t('measures.passiveTitle', { passive: m.exits.passive, exits: m.exits.exits })}
      data-testid="measures-passive"
    >
      <Typography.Paragraph type="secondary">{t('measures.passiveHint')}</Typography.Paragraph>
      {m.exits.passive > 0 && (
        <Table<PassiveExit>
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: t('measures.household'),
              render: (_, h) => <Link to={`/households/${h.id}`}>{`${h.householdNo} ${h.headName}`}</Link>,
            },
            { title: t('measures.perCapita'), render: (_, h) => fmt.money(h.perCapitaIncome) },
            { title: t('measures.perCapitaTransfer'), render: (_, h) => fmt.money(h.perCapitaTransfer) },
            { title: t('measures.withoutTransfer'), render: (_, h) => fmt.money(h.perCapitaWithoutTransfer) },
          ]}
        />
      )}
    </Card>
  );
}
