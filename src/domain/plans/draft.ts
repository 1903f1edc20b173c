import { isDevelopment, isSocialSecurity, type CatalogueEntry, type Condition } from './catalogue.js';
import { ABLE_CAPACITIES, causesOf } from './fit.js';

/**
 * The draft of a household plan, generated from its causes and conditions through the catalogue:
 * - each cause gets the first fitting active entry (two for the main cause) whose labour rule suits
 *   the household ('able' entries only where someone can work, 'unable' only where no one can);
 * - conditions that are not recorded causes still get their measure: illness (family doctor),
 *   disability (disability subsidies), children in school (student aid), an unsafe house (renovation);
 * - someone able to work → at least one development measure; no one → a social-security measure.
 * The officer edits the draft; the household agrees to it.
 */
export interface DraftMember {
  labourCapacity: string | null;
  health: string | null;
  disabilityGrade: number | null;
  studentStatus: string | null;
  status: string;
}

export interface DraftHousehold {
  mainCause: string | null;
  otherCauses: readonly string[];
  houseGrade: string | null;
  members: readonly DraftMember[];
}

export interface DraftMeasure {
  catalogueCode: string;
  measureType: string;
  batch: string;
  fundingSource: string | null;
  amount: number | null;
  responsibleUnit: string | null;
  startDate: string;
  deadline: string;
  /** Why it is in the draft: a cause code, 'condition:<c>', 'development' or 'social_security'. */
  because: string;
}

const IN_SCHOOL = [
  'preschool',
  'primary',
  'junior',
  'senior',
  'vocational',
  'higher_vocational',
  'university',
];

export const presentOf = (members: readonly DraftMember[]) =>
  members.filter((m) => m.status === 'present' || !m.status);

export function ableToWork(members: readonly DraftMember[]): number {
  return presentOf(members).filter((m) => ABLE_CAPACITIES.includes(m.labourCapacity ?? '')).length;
}

/** How many present members have each condition. */
export function conditionsOf(h: DraftHousehold): Map<Condition, number> {
  const present = presentOf(h.members);
  const out = new Map<Condition, number>();
  const count = (c: Condition, n: number) => n > 0 && out.set(c, n);
  count('illness', present.filter((m) => m.health === 'chronic' || m.health === 'serious').length);
  count('disability', present.filter((m) => m.health === 'disabled' || m.disabilityGrade !== null).length);
  count('student', present.filter((m) => IN_SCHOOL.includes(m.studentStatus ?? '')).length);
  count('house_unsafe', h.houseGrade === 'C' || h.houseGrade === 'D' ? 1 : 0);
  return out;
}

/** ISO date + months − 1 day (a 12-month measure from 2025-03-01 ends 2026-02-28). */
export function deadlineOf(start: string, months: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function draftPlan(
  h: DraftHousehold,
  catalogue: readonly CatalogueEntry[],
  startOn: string,
): DraftMeasure[] {
  const able = ableToWork(h.members);
  const usable = catalogue
    .filter((e) => e.active && (e.labour === 'any' || (e.labour === 'able') === able > 0))
    .sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
  const chosen = new Map<string, DraftMeasure>();
  const add = (e: CatalogueEntry, because: string, times = 1) => {
    if (chosen.has(e.code)) return;
    chosen.set(e.code, {
      catalogueCode: e.code,
      measureType: e.measureType,
      batch: e.batch,
      fundingSource: e.fundingSource,
      amount: e.defaultAmount === null ? null : Math.round(e.defaultAmount * times * 100) / 100,
      responsibleUnit: e.responsibleUnit,
      startDate: startOn,
      deadline: deadlineOf(startOn, e.months),
      because,
    });
  };

  const causes = causesOf(h.mainCause, h.otherCauses);
  for (const cause of causes) {
    const fitting = usable.filter((e) => e.causes.includes(cause));
    const already = [...chosen.values()].some((m) => fitting.some((e) => e.code === m.catalogueCode));
    const want = (cause === h.mainCause ? 2 : 1) - (already ? 1 : 0);
    fitting
      .filter((e) => !chosen.has(e.code))
      .slice(0, Math.max(0, want))
      .forEach((e) => add(e, cause));
  }
  for (const [condition, n] of conditionsOf(h)) {
    if (usable.some((e) => chosen.has(e.code) && e.conditions.includes(condition))) continue;
    const e = usable.find((x) => x.conditions.includes(condition));
    if (e) add(e, `condition:${condition}`, condition === 'house_unsafe' ? 1 : n);
  }
  const picked = () => [...chosen.values()];
  if (able > 0 && !picked().some((m) => isDevelopment(m.measureType))) {
    const e = usable.find((x) => isDevelopment(x.measureType));
    if (e) add(e, 'development');
  }
  if (able === 0 && !picked().some((m) => isSocialSecurity(m.measureType))) {
    const e = usable.find((x) => isSocialSecurity(x.measureType));
    if (e) add(e, 'social_security');
  }
  return picked();
}
