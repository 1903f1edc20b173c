import type { Formatters } from '../i18n/format';
import type { ChartOption } from './Chart';

/** Shares as a ring; `compact` (phones) leaves the names to the legend. */
export function pieOption(
  data: { name: string; value: number }[],
  fmt: Formatters,
  compact = false,
): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${p.name}: ${fmt.number(p.value)} (${fmt.percent(p.percent / 100, 1)})`,
    },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '62%'],
        center: ['50%', '45%'],
        data,
        label: { show: !compact, formatter: '{b}' },
        labelLine: { show: !compact },
      },
    ],
  };
}

export function horizontalBarOption(
  data: { name: string; value: number }[],
  fmt: Formatters,
  seriesName: string,
): ChartOption {
  const rows = [...data].reverse();
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => fmt.number(Number(v)),
    },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.number(v) } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        data: rows.map((r) => r.value),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** Per-capita income against the poverty line, by year. */
export function incomeLineOption(
  years: { year: number; perCapitaIncome: number; povertyLine: number }[],
  fmt: Formatters,
  names: { income: string; line: string },
): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt.money(Number(v)) },
    xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.number(v) } },
    series: [
      { name: names.income, type: 'line', data: years.map((y) => y.perCapitaIncome), symbolSize: 8 },
      {
        name: names.line,
        type: 'line',
        data: years.map((y) => y.povertyLine),
        lineStyle: { type: 'dashed' },
        symbol: 'none',
      },
    ],
  };
}
