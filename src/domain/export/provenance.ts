import { labelOf } from '../code-lists.js';

/**
 * What a generated report states about itself, so that a printed copy can later be tied to the data
 * it came from: the region and filters, who made it and when, and the head hash of the audit chain at
 * the moment its data was read (every registry write adds an audit event in its own transaction, so the
 * head hash names one state of the registry; `jingzhun audit verify` shows the chain up to it is intact).
 */
export interface Provenance {
  region: string;
  filters: ExportFilters;
  layout: 'list' | 'roster';
  masked: boolean;
  households: number;
  rows: number;
  generatedAt: Date;
  generatedBy: string;
  headHash: string;
}

export interface ExportFilters {
  status?: string | undefined;
  type?: string | undefined;
  cause?: string | undefined;
  q?: string | undefined;
}

/** "户状态=未脱贫；主要致贫原因=因病", or "无" without filters. */
export function describeFilters(f: ExportFilters): string {
  const parts = [
    f.status && `户状态=${labelOf('household_status', f.status)}`,
    f.type && `户类型=${labelOf('household_type', f.type)}`,
    f.cause && `致贫原因=${labelOf('poverty_cause', f.cause)}`,
    f.q && `关键字=${f.q}`,
  ].filter(Boolean);
  return parts.length ? parts.join('；') : '无';
}

/** "2026-11-28 15:20:31（北京时间）". */
export function beijingTime(d: Date): string {
  const s = d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false });
  return `${s}（北京时间）`;
}

export const LAYOUT_NAMES = { list: '农户名单', roster: '花名册' } as const;

/** The report's statement about itself, as label/value lines. */
export function provenanceLines(p: Provenance): [string, string][] {
  return [
    ['报表', `${LAYOUT_NAMES[p.layout]}（${p.layout === 'roster' ? '每名在户成员一行' : '每户一行'}）`],
    ['区划', p.region],
    ['筛选条件', describeFilters(p.filters)],
    ['户数', String(p.households)],
    ['行数', String(p.rows)],
    ['敏感信息', p.masked ? '身份证号、电话、银行账号、健康状况已屏蔽' : '未屏蔽（本次导出已记入审计日志）'],
    ['生成时间', beijingTime(p.generatedAt)],
    ['生成人', p.generatedBy],
    ['审计链头哈希', p.headHash],
  ];
}
