import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  FORMS,
  formOf,
  levelOfRole,
  REPORT_KINDS,
  REPORT_NAMES,
  type Level,
} from '../../domain/burden/catalogue.js';
import { rosterLayout } from '../../domain/export/layouts.js';
import { HOUSEHOLD_RULE_NAMES } from '../../domain/rules/index.js';
import { burdenRepository as repo } from './repository.js';

/**
 * The burden meter of a region and year: what the system asked grassroots cadres to enter (forms
 * filled and fields, by level) against what it derived itself (reports, rule decisions).
 */
const LEVELS: Level[] = ['village', 'township', 'county', 'national', 'household', 'system'];

type Entry = { action: string; role: string | null; fillings: number };

/** Forms filled and fields entered, per form and per level. */
function askedOf(entries: Entry[], records: Awaited<ReturnType<typeof repo.records>>) {
  const forms = FORMS.map((f) => ({
    id: f.id,
    zh: f.zh,
    en: f.en,
    fieldsPerFilling: f.fields,
    byLevel: Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>,
    fillings: 0,
    fields: 0,
  }));
  const asked = Object.fromEntries(LEVELS.map((l) => [l, { fillings: 0, fields: 0 }])) as Record<
    Level,
    { fillings: number; fields: number }
  >;
  const count = (formId: string, level: Level, fillings: number) => {
    const f = forms.find((x) => x.id === formId)!;
    f.byLevel[level] += fillings;
    f.fillings += fillings;
    f.fields += fillings * f.fieldsPerFilling;
    asked[level].fillings += fillings;
    asked[level].fields += fillings * f.fieldsPerFilling;
  };
  for (const e of entries) {
    const form = formOf(e.action);
    if (form && !form.table) count(form.id, levelOfRole(e.role), e.fillings);
  }
  for (const form of FORMS) if (form.table) count(form.id, 'village', records[form.table]);
  return { forms, asked };
}

export async function burdenMeter(db: Kysely<DB>, scope: string, year: number) {
  const [entries, records, logged, exports, evaluations] = await Promise.all([
    repo.entries(db, scope, year),
    repo.records(db, scope, year),
    repo.reports(db, scope, year),
    repo.exports(db, scope, year),
    repo.evaluations(db, scope, year),
  ]);
  // roster and list exports are audited by the household export, not logged here
  const reports = [
    ...logged,
    { kind: 'roster', n: exports.n, cells: exports.rows * rosterLayout(year).length },
  ];
  const { forms, asked } = askedOf(entries, records);
  const reportCells = reports.reduce((s, r) => s + r.cells, 0);
  const decisions = evaluations.households * HOUSEHOLD_RULE_NAMES.length;
  const grassroots = asked.village.fields + asked.township.fields;
  return {
    region: scope,
    year,
    forms,
    asked,
    derived: {
      reports: REPORT_KINDS.map((k) => ({
        kind: k,
        zh: REPORT_NAMES[k].zh,
        en: REPORT_NAMES[k].en,
        generated: reports.find((r) => r.kind === k)?.n ?? 0,
        cells: reports.find((r) => r.kind === k)?.cells ?? 0,
      })),
      reportCells,
      evaluationRuns: evaluations.runs,
      ruleDecisions: decisions,
      figures: reportCells + decisions,
    },
    grassrootsFields: grassroots,
    derivedPerField: grassroots > 0 ? (reportCells + decisions) / grassroots : null,
  };
}
