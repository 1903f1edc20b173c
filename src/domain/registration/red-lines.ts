import { RED_LINE_OF, isRedLine, redLineEffects } from '../matching/kinds.js';
import { RED_LINE_LABELS } from '../rules/identification.js';
import type { RedLine } from '../rules/red-lines.js';

/** A red line an applicant household touches, shown to the cadre before the registration is saved. */
export interface RegistrationRedLine {
  key: string;
  effect: 'block' | 'exception';
  /** The member (0-based index in the form) the department record names; null: the household. */
  memberIndex: number | null;
  /** Where it comes from: a department's list, or what the household declared. */
  source: string;
  label_zh: string;
  label_en: string;
  rests: string[];
}

/**
 * The red lines (DOMAIN.md §4) of an applicant household: records of other departments' red-line
 * lists naming a member's ID number, and a car declared in the means (车辆). Effects are the
 * county's policy parameters, as the identification rule reads them.
 */
export function registrationRedLines(
  idNumbers: readonly string[],
  records: readonly { id_number: string; kind: string; department: string | null; file_name: string }[],
  declared: { vehicles?: number | null | undefined },
  lines: readonly RedLine[],
): RegistrationRedLine[] {
  const effects = redLineEffects(lines);
  const out: RegistrationRedLine[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (!isRedLine(r.kind)) continue;
    const idx = idNumbers.indexOf(r.id_number);
    const key = RED_LINE_OF[r.kind];
    if (seen.has(`${key}:${idx}`)) continue;
    seen.add(`${key}:${idx}`);
    const label = RED_LINE_LABELS[key];
    const source = r.department ?? r.file_name;
    out.push({
      key,
      effect: effects[r.kind],
      memberIndex: idx < 0 ? null : idx,
      source,
      label_zh: `${label.zh}（${source}名单，第 ${idx + 1} 位成员）`,
      label_en: `${label.en} (list of ${source}, member ${idx + 1})`,
      rests: ['idNumber'],
    });
  }
  if ((declared.vehicles ?? 0) > 0 && !out.some((x) => x.key === 'car')) {
    out.push({
      key: 'car',
      effect: effects.vehicle,
      memberIndex: null,
      source: 'declared',
      label_zh: `${RED_LINE_LABELS.car.zh}（户申报车辆 ${declared.vehicles} 辆）`,
      label_en: `${RED_LINE_LABELS.car.en} (the household declared ${declared.vehicles} vehicle(s))`,
      rests: [],
    });
  }
  return out;
}
