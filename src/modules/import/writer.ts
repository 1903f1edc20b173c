import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { netIncome } from '../../domain/import/household.js';
import type { ImportRow } from '../../domain/import/row.js';
import { inScope } from '../../domain/region-code.js';
import type { IdRowTable } from '../../domain/import/id-table.js';
import { importRepository, type HouseholdRowIn } from './repository.js';
import type { PendingHousehold } from './service.js';

const STATUS_OF_TYPE: Record<string, string> = {
  general_poor: 'poor',
  dibao_poor: 'poor',
  dibao: 'poor',
  tekun: 'poor',
  exited: 'exited',
  ordinary: 'none',
};

const nz = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Runs `COPY … from stdin` with text-format data on the import's connection (null: not available). */
export type CopyRunner = (copySql: string, data: string) => Promise<void>;

/** State of one import shared by its batches (they are checked and written in file order). */
export interface WriteContext {
  scope: string;
  /** First row of every ID number seen so far in the file. */
  idsInFile: IdRowTable;
  /** Villages known to exist (level 5). */
  villages: Set<string>;
  /** Ids of the households this import created (their members are not "already in the registry"). */
  created: Set<number>;
  /** The transaction's current_date (status_date of new households). */
  today: string;
  copy: CopyRunner | null;
}

/**
 * Check a batch of households against the registry and the rest of the file (village exists and is
 * in scope; ID numbers not in another household; not earlier in the file), then write the valid ones:
 * new households with COPY (ids drawn from the sequence first), existing ones with an upsert.
 * Errors are appended to each household's `errors`.
 */
export async function writeHouseholds(
  db: Kysely<DB>,
  batch: PendingHousehold[],
  o: WriteContext & { write: boolean },
): Promise<{ written: string[]; created: number; updated: number }> {
  const valid = batch.filter((h) => h.errors.length === 0);
  const unknownVillages = new Set<string>();
  for (const h of valid) {
    const v = h.rows[0]!.household.village_code;
    if (!o.villages.has(v)) unknownVillages.add(v);
  }
  if (unknownVillages.size)
    for (const v of await importRepository.villagesAmong(db, [...unknownVillages])) o.villages.add(v);
  const nos: string[] = [];
  const ids: string[] = [];
  for (const h of valid) {
    nos.push(h.no);
    for (const r of h.rows) ids.push(r.member.id_number);
  }
  const [existing, inRegistry] = await Promise.all([
    importRepository.existingHouseholds(db, nos),
    importRepository.idsInRegistry(db, ids),
  ]);
  for (const h of valid) {
    const first = h.rows[0]!;
    const village = first.household.village_code;
    if (!o.villages.has(village)) {
      h.errors.push({
        row: first.row,
        column: '村代码',
        code: 'E_REGION',
        message: `${village} is not a village in the division list`,
      });
    } else if (!inScope(o.scope, village)) {
      h.errors.push({
        row: first.row,
        column: '村代码',
        code: 'E_OUT_OF_SCOPE',
        message: `village ${village} is outside your scope`,
      });
    }
    for (const r of h.rows) {
      const id = r.member.id_number;
      const other = inRegistry.get(id);
      if (other !== undefined && other.household_no !== h.no && !o.created.has(Number(other.household_id))) {
        h.errors.push({
          row: r.row,
          column: '公民身份号码',
          code: 'E_PERSON_IN_OTHER_HOUSEHOLD',
          message: `this person is already registered in household ${other.household_no}`,
        });
      }
      const earlier = o.idsInFile.get(id);
      if (earlier !== undefined && !h.rowNumbers.includes(earlier)) {
        h.errors.push({
          row: r.row,
          column: '公民身份号码',
          code: 'E_DUPLICATE_ID_IN_FILE',
          message: `ID number also on row ${earlier}`,
        });
      }
    }
    for (const r of h.rows)
      if (!o.idsInFile.has(r.member.id_number)) o.idsInFile.set(r.member.id_number, r.row);
  }
  for (const h of batch)
    if (h.errors.length)
      for (const r of h.rows)
        if (!o.idsInFile.has(r.member.id_number)) o.idsInFile.set(r.member.id_number, r.row);

  const good = valid.filter((h) => h.errors.length === 0);
  if (!o.write || good.length === 0) return { written: [], created: 0, updated: 0 };

  const fresh = o.copy ? good.filter((h) => !existing.has(h.no)) : [];
  const upserted = o.copy ? good.filter((h) => existing.has(h.no)) : good;
  let updated = 0;
  if (fresh.length) await copyNewHouseholds(db, fresh, o);
  if (upserted.length) {
    const idOf = await importRepository.upsertHouseholds(
      db,
      upserted.map((h) => householdRow(h.rows, existing.get(h.no) !== undefined)),
    );
    const updatedIds = upserted.filter((h) => existing.has(h.no)).map((h) => idOf.get(h.no)!);
    updated = updatedIds.length;
    await importRepository.deleteMembersOf(db, updatedIds);
    await importRepository.insertMembers(db, memberColumns(upserted, idOf));
    await importRepository.upsertYears(db, yearColumns(upserted, idOf));
    for (const h of upserted)
      if (!existing.has(h.no)) o.created.add(Number(idOf.get(h.no)));
  }
  return { written: good.map((h) => h.no), created: good.length - updated, updated };
}

/** New households: ids from the sequence, then one COPY each into household, member and household_year. */
async function copyNewHouseholds(db: Kysely<DB>, fresh: PendingHousehold[], o: WriteContext): Promise<void> {
  const ids = await importRepository.nextHouseholdIds(db, fresh.length);
  const hh: string[] = [];
  const mm: string[] = [];
  const yy: string[] = [];
  fresh.forEach((h, i) => {
    const id = ids[i]!;
    o.created.add(Number(id));
    const r = householdRow(h.rows, false);
    hh.push(
      copyLine([
        id,
        r.household_no,
        r.village_code,
        r.group_no,
        r.address,
        r.phone,
        r.bank_name,
        r.bank_account,
        r.id_standard,
        r.household_type,
        r.status,
        o.today,
        r.main_cause,
        pgArray(r.other_causes ? r.other_causes.split(',') : []),
        r.size,
        r.head_name,
        r.land_cultivated_mu,
        r.land_forest_mu,
        r.house_area_m2,
        r.house_grade,
        r.relocated,
        r.safe_water,
        r.sanitary_toilet,
        r.electricity,
        r.road_distance_km,
      ]),
    );
    for (const row of h.rows) {
      const m = row.member;
      const line: unknown[] = [id, m.name, m.sex, m.id_number, m.birth_date, m.relation];
      for (const k of MEMBER_KEYS) line.push(m[k] ?? MEMBER_DEFAULTS[k]);
      mm.push(copyLine(line));
    }
    const y = yearValues(h);
    yy.push(copyLine([id, ...y]));
  });
  await o.copy!(
    `copy household (id, ${HOUSEHOLD_COPY_COLUMNS}) from stdin`,
    hh.join(''),
  );
  await o.copy!(`copy member (household_id, ${MEMBER_COPY_COLUMNS}) from stdin`, mm.join(''));
  await o.copy!(`copy household_year (household_id, ${YEAR_COPY_COLUMNS}) from stdin`, yy.join(''));
}

const HOUSEHOLD_COPY_COLUMNS =
  'household_no, village_code, group_no, address, phone, bank_name, bank_account, id_standard, household_type, ' +
  'status, status_date, main_cause, other_causes, size, head_name, land_cultivated_mu, land_forest_mu, ' +
  'house_area_m2, house_grade, relocated, safe_water, sanitary_toilet, electricity, road_distance_km';

/** One line of COPY text format: tab-separated, \N for null, backslash escapes. */
export function copyLine(values: unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) line += '\t';
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'boolean') line += v ? 't' : 'f';
    else if (typeof v === 'number') line += String(v);
    else {
      const s = String(v);
      line += /[\\\t\n\r]/.test(s)
        ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
        : s;
    }
  }
  return line + '\n';
}

/** A PostgreSQL array literal of strings. */
export const pgArray = (items: string[]): string =>
  `{${items.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;

function householdRow(rows: ImportRow[], exists: boolean): HouseholdRowIn {
  const h = rows[0]!.household;
  const head = rows.find((r) => r.member.relation === 'head')!;
  const type = (h.household_type as string | undefined) ?? 'ordinary';
  return {
    household_no: h.household_no,
    village_code: h.village_code,
    group_no: nz(h.group_no as number | undefined),
    address: nz(h.address as string | undefined),
    phone: nz(h.phone as string | undefined),
    bank_name: nz(h.bank_name as string | undefined),
    bank_account: nz(h.bank_account as string | undefined),
    id_standard: nz(h.id_standard as string | undefined),
    household_type: type,
    status: exists ? 'none' : (STATUS_OF_TYPE[type] ?? 'none'), // existing: status kept by the upsert
    main_cause: nz(h.main_cause as string | undefined),
    other_causes: ((h.other_causes as string[] | undefined) ?? []).join(','),
    size: rows.length,
    head_name: head.member.name,
    land_cultivated_mu: nz(h.land_cultivated_mu as number | undefined),
    land_forest_mu: nz(h.land_forest_mu as number | undefined),
    house_area_m2: nz(h.house_area_m2 as number | undefined),
    house_grade: nz(h.house_grade as string | undefined),
    relocated: (h.relocated as boolean | undefined) ?? false,
    safe_water: (h.safe_water as boolean | undefined) ?? true,
    sanitary_toilet: (h.sanitary_toilet as boolean | undefined) ?? false,
    electricity: (h.electricity as boolean | undefined) ?? true,
    road_distance_km: nz(h.road_distance_km as number | undefined),
  };
}

const MEMBER_DEFAULTS: Record<string, unknown> = {
  ethnicity: null,
  education: null,
  student_status: null,
  out_of_school_reason: null,
  health: null,
  disability_grade: null,
  labour_capacity: null,
  migrant_place: null,
  migrant_months: null,
  migrant_monthly_wage: null,
  welfare_job_months: null,
  ins_basic_medical: true,
  ins_critical_illness: true,
  ins_medical_assistance: false,
  ins_pension: false,
  is_dibao: false,
  is_tekun: false,
};

const MEMBER_KEYS = Object.keys(MEMBER_DEFAULTS);
const MEMBER_COPY_COLUMNS = `name, sex, id_number, birth_date, relation, ${MEMBER_KEYS.join(', ')}`;

function memberColumns(good: PendingHousehold[], ids: Map<string, string>): Record<string, unknown[]> {
  const cols: Record<string, unknown[]> = {
    household_id: [],
    name: [],
    sex: [],
    id_number: [],
    birth_date: [],
    relation: [],
  };
  for (const k of Object.keys(MEMBER_DEFAULTS)) cols[k] = [];
  for (const h of good) {
    const hid = ids.get(h.no)!;
    for (const r of h.rows) {
      cols.household_id!.push(hid);
      for (const k of ['name', 'sex', 'id_number', 'birth_date', 'relation']) cols[k]!.push(r.member[k]);
      for (const [k, d] of Object.entries(MEMBER_DEFAULTS)) cols[k]!.push(r.member[k] ?? d);
    }
  }
  return cols;
}

const INCOME_KEYS = [
  'wage_income',
  'business_income',
  'production_cost',
  'property_income',
  'transfer_income',
  'transfer_dibao',
  'transfer_pension',
  'transfer_eco',
  'medical_cost',
] as const;

const YEAR_COPY_COLUMNS = `year, village_code, size, status, net_income, per_capita_income, ${INCOME_KEYS.join(', ')}`;

/** A household's household_year values in the order of YEAR_COPY_COLUMNS. */
function yearValues(h: PendingHousehold): unknown[] {
  const first = h.rows[0]!;
  const net = netIncome(first.income);
  const out: unknown[] = [
    first.income.year,
    first.household.village_code,
    h.rows.length,
    STATUS_OF_TYPE[(first.household.household_type as string | undefined) ?? 'ordinary'] ?? 'none',
    Math.round(net * 100) / 100,
    Math.round((net / h.rows.length) * 100) / 100,
  ];
  for (const k of INCOME_KEYS) out.push(first.income[k] ?? 0);
  return out;
}

function yearColumns(good: PendingHousehold[], ids: Map<string, string>): Record<string, unknown[]> {
  const names = ['year', 'village_code', 'size', 'status', 'net_income', 'per_capita_income', ...INCOME_KEYS];
  const cols: Record<string, unknown[]> = { household_id: [] };
  for (const k of names) cols[k] = [];
  for (const h of good) {
    cols.household_id!.push(ids.get(h.no));
    yearValues(h).forEach((v, i) => cols[names[i]!]!.push(v));
  }
  return cols;
}
