import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { netIncome } from '../../domain/import/household.js';
import type { ImportRow } from '../../domain/import/row.js';
import { inScope } from '../../domain/region-code.js';
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

/**
 * Check a batch of households against the registry and the rest of the file (village exists and is
 * in scope; ID numbers not in another household; not earlier in the file), then write the valid ones.
 * Errors are appended to each household's `errors`.
 */
export async function writeHouseholds(
  db: Kysely<DB>,
  batch: PendingHousehold[],
  o: { scope: string; write: boolean; idsInFile: Map<string, number> },
): Promise<{ written: string[]; created: number; updated: number }> {
  const valid = batch.filter((h) => h.errors.length === 0);
  const villages = await importRepository.villagesAmong(db, [
    ...new Set(valid.map((h) => h.rows[0]!.household.village_code)),
    '-',
  ]);
  const existing = await importRepository.existingHouseholds(db, [...valid.map((h) => h.no), '-']);
  const inRegistry = await importRepository.idsInRegistry(
    db,
    valid.flatMap((h) => h.rows.map((r) => r.member.id_number)),
  );
  for (const h of valid) {
    const first = h.rows[0]!;
    const village = first.household.village_code;
    if (!villages.has(village)) {
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
      if (other !== undefined && other !== h.no) {
        h.errors.push({
          row: r.row,
          column: '公民身份号码',
          code: 'E_PERSON_IN_OTHER_HOUSEHOLD',
          message: `this person is already registered in household ${other}`,
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

  const ids = await importRepository.upsertHouseholds(
    db,
    good.map((h) => householdRow(h.rows, existing.get(h.no) !== undefined)),
  );
  const updatedIds = good.filter((h) => existing.has(h.no)).map((h) => ids.get(h.no)!);
  await importRepository.deleteMembersOf(db, updatedIds);
  await importRepository.insertMembers(db, memberColumns(good, ids));
  await importRepository.upsertYears(db, yearColumns(good, ids));
  return {
    written: good.map((h) => h.no),
    created: good.length - updatedIds.length,
    updated: updatedIds.length,
  };
}

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

function yearColumns(good: PendingHousehold[], ids: Map<string, string>): Record<string, unknown[]> {
  const cols: Record<string, unknown[]> = {
    household_id: [],
    year: [],
    village_code: [],
    size: [],
    status: [],
    net_income: [],
    per_capita_income: [],
  };
  for (const k of INCOME_KEYS) cols[k] = [];
  for (const h of good) {
    const first = h.rows[0]!;
    const net = netIncome(first.income);
    cols.household_id!.push(ids.get(h.no));
    cols.year!.push(first.income.year);
    cols.village_code!.push(first.household.village_code);
    cols.size!.push(h.rows.length);
    cols.status!.push(
      STATUS_OF_TYPE[(first.household.household_type as string | undefined) ?? 'ordinary'] ?? 'none',
    );
    cols.net_income!.push(Math.round(net * 100) / 100);
    cols.per_capita_income!.push(Math.round((net / h.rows.length) * 100) / 100);
    for (const k of INCOME_KEYS) cols[k]!.push(first.income[k] ?? 0);
  }
  return cols;
}
