import type { Formatters } from '../../i18n/format';
import { finite, type MeasureSeries, type MeasureSet } from '../../api/measures';
import type { ChartOption } from '../Chart';

type Point = MeasureSeries['years'][number];

/** Fractions over years as lines (headcount, gaps, relative poverty, Gini, MPI). */
export function seriesOption(
  points: Point[],
  lines: { name: string; value: (p: Point) => number | null }[],
  fmt: Formatters,
): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { type: 'scroll', top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt.percent(Number(v), 1) },
    xAxis: { type: 'category', data: points.map((p) => String(p.year)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.percent(v, 0) } },
    series: lines.map((l) => ({
      name: l.name,
      type: 'line',
      data: points.map(l.value),
      connectNulls: false,
    })),
  };
}

/** Income shares by year as stacked bars (wage, business, property, transfer). */
export function incomeSharesOption(
  points: Point[],
  names: Record<'wage' | 'business' | 'property' | 'transfer', string>,
  fmt: Formatters,
): ChartOption {
  const keys = ['wage', 'business', 'property', 'transfer'] as const;
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt.percent(Number(v), 1) },
    xAxis: { type: 'category', data: points.map((p) => String(p.year)) },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => fmt.percent(v, 0) } },
    series: keys.map((k) => ({
      name: names[k],
      type: 'bar',
      stack: 'income',
      data: points.map((p) => finite(p.income.shares[k])),
    })),
  };
}

/** One measure of each child region as horizontal bars, highest on top; click → that region. */
export function childBarsOption(
  rows: { name: string; value: number | null }[],
  fmt: Formatters,
  seriesName: string,
): ChartOption {
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => fmt.percent(Number(v), 1),
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.percent(v, 0) } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        cursor: 'pointer',
        data: rows.map((r) => r.value),
        label: {
          show: true,
          position: 'right',
          formatter: (p: { value: unknown }) => fmt.percent(Number(p.value), 1),
        },
      },
    ],
  };
}

/** Children sorted ascending by a measure (ECharts draws the first category at the bottom). */
export function sortChildren<T extends MeasureSet & { name: string }>(
  rows: T[],
  pick: (m: MeasureSet) => number | null,
) {
  return [...rows].sort((a, b) => (pick(a) ?? -1) - (pick(b) ?? -1));
}
