import { useMemo } from 'react';
import { Alert, Button, Card, Flex, Select, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useCodeLabel } from '../api/codeLists';
import {
  useOutcomes,
  type OutcomeCell,
  type OutcomeEstimate,
  type OutcomesQuery,
  type OutcomesResult,
} from '../api/outcomes';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { useLang } from '../i18n';
import { useFormat, type Formatters } from '../i18n/format';

/**
 * What worked (什么措施有效, issue 21 item 4; docs/what-worked.md):
 * `/outcomes?region&by&comparison&horizon&minCell&kind` — each measure kind (and cause, and start year)
 * beside matched comparable households without it, with the method and its limits on the page.
 */

type Row = OutcomeCell & { key: string; children?: Row[] };
const HORIZONS = [1, 2, 3, 4, 5];
const MIN_CELLS = [5, 10, 20, 50];
const ALL = '*';

function queryOf(params: URLSearchParams): Required<Omit<OutcomesQuery, 'region'>> & { region: string } {
  const horizon = Number(params.get('horizon'));
  const minCell = Number(params.get('minCell'));
  return {
    region: params.get('region') ?? '',
    by: params.get('by') === 'measure' ? 'measure' : 'type',
    comparison: params.get('comparison') === 'all' ? 'all' : 'assisted',
    horizon: HORIZONS.includes(horizon) ? horizon : 2,
    minCell: MIN_CELLS.includes(minCell) ? minCell : 10,
  };
}

/** Kind rows (all causes, every year) with their causes and start years as children. */
function rowsOf(cells: readonly OutcomeCell[], kind: string | null): Row[] {
  const rows: Row[] = [];
  for (const c of cells) {
    if (kind && c.kind !== kind) continue;
    const key = `${c.kind}|${c.cause}|${c.startYear ?? ''}`;
    if (c.cause === ALL && c.startYear === null) rows.push({ ...c, key, children: [] });
    else rows.at(-1)?.children?.push({ ...c, key });
  }
  return rows;
}

/** One outcome: the difference, both means and the interval; or why there is none. */
function EstimateView({
  e,
  show,
}: {
  e: OutcomeEstimate;
  show: (v: number | null, signed?: boolean) => string;
}) {
  const { t } = useTranslation();
  if (e.treated === 0 && e.comparison === 0)
    return <Typography.Text type="secondary">{t('outcomes.notDefined')}</Typography.Text>;
  if (e.hidden)
    return (
      <Typography.Text type="secondary" data-testid="outcome-hidden">
        {t('outcomes.hidden')}
      </Typography.Text>
    );
  return (
    <Flex vertical gap={0}>
      <Typography.Text strong>{t('outcomes.difference', { d: show(e.difference, true) })}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('outcomes.treatedVsComparison', { t: show(e.treatedMean), c: show(e.comparisonMean) })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {e.low === null || e.high === null
          ? t('outcomes.noInterval')
          : t('outcomes.interval', { low: show(e.low, true), high: show(e.high, true) })}
      </Typography.Text>
    </Flex>
  );
}

const signed = (s: string, v: number | null) => (v !== null && v > 0 ? `+${s}` : s);
const showers = (fmt: Formatters) => ({
  money: (v: number | null, sign = false) => (sign ? signed(fmt.number(v, 0), v) : fmt.number(v, 0)),
  share: (v: number | null, sign = false) => (sign ? signed(fmt.percent(v, 1), v) : fmt.percent(v, 1)),
});

function Method() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('outcomes.methodTitle')} data-testid="outcomes-method">
      {(['what', 'match', 'outcomes', 'estimate', 'limits'] as const).map((k) => (
        <Typography.Paragraph key={k} style={{ marginBottom: 8 }}>
          {t(`outcomes.method.${k}`)}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}

/** The name of a kind: a measure type's label, or a catalogue measure's name. */
function useKindLabel(data: OutcomesResult | undefined): (kind: string) => string {
  const { t } = useTranslation();
  const lang = useLang();
  const names = useMemo(() => new Map((data?.names ?? []).map((n) => [n.code, n])), [data]);
  return (kind) => {
    if (data?.by === 'measure') {
      const n = names.get(kind);
      return n ? (lang === 'en' ? n.nameEn : n.nameZh) : kind;
    }
    return t(`outcomes.types.${kind}`, { defaultValue: kind });
  };
}

function useColumns(data: OutcomesResult | undefined): TableColumnsType<Row> {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const show = showers(fmt);
  const kindLabel = useKindLabel(data);
  return [
    {
      title: t('outcomes.kind'),
      key: 'kind',
      render: (_, r) => {
        if (r.cause === ALL && r.startYear === null)
          return <Typography.Text strong>{kindLabel(r.kind)}</Typography.Text>;
        if (r.startYear !== null) return t('outcomes.startYear', { year: r.startYear });
        return r.cause === '-' ? t('outcomes.noCause') : label('poverty_cause', r.cause);
      },
    },
    {
      title: <Tooltip title={t('outcomes.treatedHelp')}>{t('outcomes.treated')}</Tooltip>,
      key: 'treated',
      render: (_, r) => (
        <Flex vertical gap={0}>
          <span>
            {fmt.number(r.matchedTreated)} / {fmt.number(r.treated)}
          </span>
          {r.tooRecent + r.noBaseline > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('outcomes.leftOut', {
                recent: fmt.number(r.tooRecent),
                noBaseline: fmt.number(r.noBaseline),
              })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('outcomes.comparisonHouseholds'),
      key: 'comparison',
      render: (_, r) => fmt.number(r.comparisonHouseholds),
    },
    {
      title: t('outcomes.incomeChange'),
      key: 'income',
      render: (_, r) => <EstimateView e={r.outcomes.incomeChange} show={show.money} />,
    },
    {
      title: t('outcomes.lastingExit'),
      key: 'exit',
      render: (_, r) => <EstimateView e={r.outcomes.lastingExit} show={show.share} />,
    },
    {
      title: t('outcomes.entered'),
      key: 'entered',
      render: (_, r) => <EstimateView e={r.outcomes.entered} show={show.share} />,
    },
  ];
}

export default function OutcomesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const kind = params.get('kind');
  // computed for a county or smaller (docs/what-worked.md): wider scopes pick one first
  const ready = (query.region || user.scope.code).length >= 6;
  const res = useOutcomes(query, ready);
  const columns = useColumns(res.data);
  const kindLabel = useKindLabel(res.data);
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    setParams(p, { replace: true });
  };
  const rows = useMemo(() => rowsOf(res.data?.cells ?? [], kind), [res.data, kind]);
  const select = (
    key: string,
    value: string | number,
    options: { value: string | number; label: string }[],
  ) => (
    <Select
      data-testid={`outcomes-${key}`}
      value={value}
      style={{ minWidth: 120 }}
      onChange={(v: string | number) => set({ [key]: String(v) })}
      options={options}
    />
  );
  return (
    <Flex vertical gap={12}>
      <PageHeader
        title={t('outcomes.title')}
        subtitle={t('outcomes.subtitle')}
        extra={
          user.scope.code.length < 9 && (
            <RegionSearchSelect
              testId="outcomes-region"
              placeholder={t('outcomes.pickRegion')}
              style={{ width: 240 }}
              onPick={(r) => set({ region: r.code })}
            />
          )
        }
      />
      <Flex wrap gap={12} align="center">
        <span>{t('outcomes.by')}</span>
        {select('by', query.by, [
          { value: 'type', label: t('outcomes.byType') },
          { value: 'measure', label: t('outcomes.byMeasure') },
        ])}
        <span>{t('outcomes.comparison')}</span>
        {select('comparison', query.comparison, [
          { value: 'assisted', label: t('outcomes.comparisonAssisted') },
          { value: 'all', label: t('outcomes.comparisonAll') },
        ])}
        <span>{t('outcomes.horizon')}</span>
        {select(
          'horizon',
          query.horizon,
          HORIZONS.map((n) => ({ value: n, label: t('outcomes.horizonYears', { n }) })),
        )}
        <span>{t('outcomes.minCell')}</span>
        {select(
          'minCell',
          query.minCell,
          MIN_CELLS.map((n) => ({ value: n, label: fmt.number(n) })),
        )}
      </Flex>
      {!ready ? (
        <Alert type="info" title={t('outcomes.pickCounty')} data-testid="outcomes-pick-county" />
      ) : res.isError ? (
        <ErrorResult error={res.error} onRetry={() => void res.refetch()} />
      ) : (
        <>
          {res.data && (
            <Typography.Text type="secondary" data-testid="outcomes-summary">
              {res.data.region.name} ·{' '}
              {t('outcomes.summary', {
                households: fmt.number(res.data.households),
                lastYear: res.data.lastYear,
              })}
            </Typography.Text>
          )}
          {kind && (
            <Alert
              type="info"
              title={t('outcomes.filtered', { kind: kindLabel(kind) })}
              action={
                <Button size="small" onClick={() => set({ kind: null })}>
                  {t('outcomes.showAll')}
                </Button>
              }
            />
          )}
          <Table<Row>
            rowKey="key"
            size="small"
            data-testid="outcomes-table"
            loading={res.isFetching}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: t('outcomes.empty') }}
          />
        </>
      )}
      <Method />
    </Flex>
  );
}
