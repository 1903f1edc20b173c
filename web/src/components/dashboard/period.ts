import type { Formatters } from '../../i18n/format';
import type { SubRegionStat, Summary, TrendPoint } from '../../api/stats';
import type { ChartOption } from '../Chart';

/**
 * The dashboard by period (issue 20 item 6): before 2021 the poverty frame (incidence, exits), from 2021
 * the monitoring frame (monitored share, new risks, risks removed, exited income, dibao linkage). The
 * server names the frame of the selected year (`summary.frame`); these are the texts and chart options.
 */
export type Frame = Summary['frame'];

export const PERIOD_TEXT = {
  'zh-CN': {
    exits: '当年脱贫户数',
    monitoredShare: '监测对象占比',
    newRisks: '新识别监测对象',
    risksRemoved: '当年风险消除',
    exitedIncome: '脱贫户人均纯收入',
    monitoredWithDibao: '纳入低保的监测对象',
    subRegionsMonitoring: '各地监测对象占比',
    subRegionsMonitoringHint: '2021 年起按监测对象户数占总户数的比例比较，点击条形进入下级',
    trendIncidence: '贫困发生率（至 2020 年）',
    trendMonitored: '监测对象占比（2021 年起）',
    trendCount: '贫困人口 / 监测对象户数',
    registryStatuses: '建档立卡与监测户（不含一般农户）',
  },
  en: {
    exits: 'Households exited this year',
    monitoredShare: 'Monitored share',
    newRisks: 'New monitored households',
    risksRemoved: 'Risks removed this year',
    exitedIncome: 'Income per person of exited households',
    monitoredWithDibao: 'Monitored households on dibao',
    subRegionsMonitoring: 'Monitored share by sub-region',
    subRegionsMonitoringHint:
      'From 2021 compared by monitored households over all households; click a bar to drill down',
    trendIncidence: 'Poverty incidence (to 2020)',
    trendMonitored: 'Monitored share (from 2021)',
    trendCount: 'Poor persons / monitored households',
    registryStatuses: 'Registered and monitored households (ordinary households left out)',
  },
} as const;

/** The figure a sub-region bar shows in a frame. */
export const subRegionValue = (frame: Frame, r: SubRegionStat): number =>
  frame === 'poverty' ? r.incidence : r.monitoredShare;

/** Ascending by the frame's figure: ECharts draws the first category at the bottom. */
export const subRegionOrder = (frame: Frame, rows: SubRegionStat[]): SubRegionStat[] =>
  [...rows].sort((a, b) => subRegionValue(frame, a) - subRegionValue(frame, b));

/** Sub-regions as horizontal bars of the frame's share (incidence, or monitored share). */
export function shareBarOption(
  frame: Frame,
  sorted: SubRegionStat[],
  fmt: Formatters,
  seriesName: string,
): ChartOption {
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => fmt.percent(Number(v)),
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.percent(v, 0) } },
    yAxis: {
      type: 'category',
      data: sorted.map((r) => r.name),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        data: sorted.map((r) => subRegionValue(frame, r)),
        cursor: 'pointer',
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: unknown }) => fmt.percent(Number(p.value), 1),
        },
      },
    ],
  };
}

/**
 * By year: the count (poor persons to 2020, monitored households from 2021) as bars, and the share as two
 * lines — incidence to 2020, monitored share from 2021 — each drawn only in its own period, so that
 * neither falls to a meaningless 0 across the change of frame.
 */
export function periodTrendOption(
  trend: TrendPoint[],
  fmt: Formatters,
  names: { count: string; incidence: string; monitored: string },
  from = 2021,
): ChartOption {
  const before = (p: TrendPoint) => p.year < from;
  return {
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: trend.map((p) => String(p.year)) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => fmt.number(v) } },
      {
        type: 'value',
        axisLabel: { formatter: (v: number) => fmt.percent(v, 0) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: names.count,
        type: 'bar',
        data: trend.map((p) => (before(p) ? p.poorPersons : p.monitoredHouseholds)),
        tooltip: { valueFormatter: (v: unknown) => fmt.number(Number(v)) },
      },
      {
        name: names.incidence,
        type: 'line',
        yAxisIndex: 1,
        data: trend.map((p) => (before(p) ? p.incidence : null)),
        tooltip: { valueFormatter: (v: unknown) => (v === null ? '—' : fmt.percent(Number(v))) },
      },
      {
        name: names.monitored,
        type: 'line',
        yAxisIndex: 1,
        data: trend.map((p) => (before(p) ? null : p.monitoredShare)),
        tooltip: { valueFormatter: (v: unknown) => (v === null ? '—' : fmt.percent(Number(v))) },
      },
    ],
  };
}
