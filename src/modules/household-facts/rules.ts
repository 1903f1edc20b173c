import {
  KIND_INFO,
  observedOnOf,
  parseFactValue,
  type FactConfirmation,
  type FactKind,
  type KindValue,
} from '../../domain/facts/kinds.js';
import type { Role } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';

/**
 * The checks of a recorded fact, the same for the API and the CSV import: each failure an AppError
 * naming the kind and the field (`field` is the path the caller reports: `body.value.items.wage`
 * for the API, a column for the import), in English and Chinese.
 */

export interface FieldProblem {
  field: string;
  message: string;
  messageZh: string;
}

export const invalidFact = (problems: FieldProblem[]): AppError =>
  new AppError(
    'E_VALIDATION',
    `Invalid ${problems[0]!.field}: ${problems[0]!.message}`,
    problems.map((p) => ({ ...p, code: 'E_VALIDATION' })),
  );

/** A kind's value, parsed, or the problems naming `prefix.field` and the kind. */
export function checkValue(
  kind: FactKind,
  value: unknown,
  prefix: string,
): { ok: true; kv: KindValue } | { ok: false; problems: FieldProblem[] } {
  const r = parseFactValue(kind, value);
  if (r.ok) return { ok: true, kv: { kind, value: r.value } as KindValue };
  return {
    ok: false,
    problems: r.issues.map((i) => ({
      field: `${prefix}.${i.field}`,
      message: `${i.message} (kind ${kind})`,
      messageZh: `「${KIND_INFO[kind].zh}」：${i.messageZh}`,
    })),
  };
}

/** The dates a value carries besides its observation day, to refuse a future one. */
function datesOf(kv: KindValue): [field: string, day: string][] {
  switch (kv.kind) {
    case 'rigid_spending':
      return [['periodFrom', kv.value.periodFrom]];
    case 'risk':
      return [
        ['startedOn', kv.value.startedOn],
        ...(kv.value.removedOn ? [['removedOn', kv.value.removedOn] as [string, string]] : []),
      ];
    case 'shock':
      return [['date', kv.value.date]];
    default:
      return [];
  }
}

/**
 * The day a fact holds as of: given, or fixed by the value (an income month's first day; a given day
 * must agree with it); never after today (the Clock's), nor any date inside the value.
 */
export function observedOnFor(
  kv: KindValue,
  given: string | undefined,
  today: string,
  prefix: string,
): { ok: true; day: string } | { ok: false; problems: FieldProblem[] } {
  const fixed = observedOnOf(kv);
  const problems: FieldProblem[] = [];
  if (fixed !== null && given !== undefined && given !== fixed)
    problems.push({
      field: `${prefix}.observedOn`,
      message: `must be ${fixed}, the first day of the month recorded`,
      messageZh: `须为所记录月份的第一天 ${fixed}`,
    });
  const day = fixed ?? given;
  if (day === undefined)
    problems.push({
      field: `${prefix}.observedOn`,
      message: `required for kind ${kv.kind}`,
      messageZh: '必填：事实所依据的日期',
    });
  else if (day > today)
    problems.push({
      field: `${prefix}.observedOn`,
      message: `${day} is in the future (today is ${today})`,
      messageZh: `${day} 晚于今天（${today}）`,
    });
  for (const [field, d] of datesOf(kv))
    if (d > today)
      problems.push({
        field: `${prefix}.value.${field}`,
        message: `${d} is in the future (today is ${today})`,
        messageZh: `${d} 晚于今天（${today}）`,
      });
  return problems.length || day === undefined ? { ok: false, problems } : { ok: true, day };
}

const RANK: Record<Role, number> = {
  village_cadre: 1,
  township_officer: 2,
  county_officer: 3,
  admin: 4,
  organisation: 0,
  civil_affairs_township: 0,
  civil_affairs_county: 0,
};
const NEEDED: Record<Exclude<FactConfirmation, 'none'>, number> = { township: 2, county: 3 };

/**
 * Maker–checker: a fact recorded by `role` is a proposal when the county asks for confirmation, the
 * kind is decision-critical, and the recorder is below the confirming level (a village cadre, or a
 * township officer where the county confirms); an officer at the level records at once.
 */
export function needsConfirmation(role: Role, kind: FactKind, setting: FactConfirmation): boolean {
  if (setting === 'none' || !KIND_INFO[kind].critical) return false;
  return RANK[role] < NEEDED[setting];
}

/** Whether `role` is at the level that confirms under `setting` ('none': township and up). */
export const confirmsAt = (role: Role, setting: FactConfirmation): boolean =>
  RANK[role] >= NEEDED[setting === 'none' ? 'township' : setting];
