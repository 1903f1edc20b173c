import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { ImportRow } from '../../domain/import/row.js';
import { inScope } from '../../domain/region-code.js';
import type { IdRowTable, IdSet } from '../../domain/import/id-table.js';
import { changedHouseholds } from './changes.js';
import { importRepository, type HouseholdRowIn } from './repository.js';
import { copyFields, pgArray } from './copy-text.js';
import { STATUS_OF_TYPE, YEAR_COPY_COLUMNS, yearColumns, yearText } from './year-rows.js';
import type { LoadTables, ProvinceLoads } from './partition-load.js';
import type { PendingHousehold } from './types.js';
import {
  MEMBER_COPY_COLUMNS,
  MEMBER_DEFAULT_VALUES,
  MEMBER_DEFAULTS,
  MEMBER_KEYS,
} from './member-columns.js';

export { copyLine, pgArray } from './copy-text.js';

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
  created: IdSet;
  /** Bulk mode: the registry's ID numbers → household id when the import began (see bulk.ts). */
  registryIds: IdRowTable | null;
  /** The transaction's current_date (status_date of new households). */
  today: string;
  copy: CopyRunner | null;
  /** A province's first load: its new households go to tables of their own (partition-load.ts). */
  loads?: ProvinceLoads | null;
  /** Wall time of the batches' lookups (checkMs) and writes (writeMs). */
  timings: { checkMs: number; writeMs: number };
}

/**
 * Check a batch of households against the registry and the rest of the file (village exists and is
 * in scope; ID numbers not in another household; not earlier in the file), then write the valid ones:
 * new households with COPY (ids drawn from the sequence first), existing ones with an upsert — only
 * those whose values differ from the registry's (changes.ts). Errors are appended to each household's
 * `errors`. `count`: classify the valid households as created, updated or unchanged (also in a dry
 * run); `write`: write them.
 */
export async function writeHouseholds(
  db: Kysely<DB>,
  batch: PendingHousehold[],
  o: WriteContext & { write: boolean; count: boolean },
): Promise<{ created: number; updated: number; unchanged: number }> {
  const c0 = performance.now();
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
  const existing = await importRepository.existingHouseholds(db, nos);
  const inRegistry = o.registryIds
    ? await idsInRegistryBulk(db, ids, o.registryIds)
    : await importRepository.idsInRegistry(db, ids);
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
          message: `this person is already registered in ${inScope(o.scope, other.village_code) ? `household ${other.household_no}` : 'another household outside your area'}`,
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
  const counts = { created: 0, updated: 0, unchanged: 0 };
  if (!o.count || good.length === 0) {
    o.timings.checkMs += performance.now() - c0;
    return counts;
  }

  // households already registered whose file values equal the registry's are left alone
  const old = good.filter((h) => existing.has(h.no));
  const oldIds = new Map(old.map((h) => [h.no, existing.get(h.no)!.id]));
  const changed = await changedHouseholds(
    db,
    old.map((h) => oldIds.get(h.no)!),
    old.map((h) => householdRow(h.rows, true)),
    memberColumns(old, oldIds),
    yearColumns(old, oldIds),
  );
  const toWrite = good.filter((h) => !oldIds.has(h.no) || changed.has(oldIds.get(h.no)!));
  counts.created = good.length - old.length;
  counts.updated = changed.size;
  counts.unchanged = old.length - changed.size;
  const w0 = performance.now();
  o.timings.checkMs += w0 - c0;
  if (!o.write || toWrite.length === 0) return counts;

  const fresh = o.copy ? toWrite.filter((h) => !existing.has(h.no)) : [];
  const upserted = o.copy ? toWrite.filter((h) => existing.has(h.no)) : toWrite;
  if (fresh.length) await copyNewHouseholds(db, fresh, o);
  if (upserted.length) {
    const idOf = await importRepository.upsertHouseholds(
      db,
      upserted.map((h) => householdRow(h.rows, existing.get(h.no) !== undefined)),
    );
    const updatedIds = upserted.filter((h) => existing.has(h.no)).map((h) => idOf.get(h.no)!);
    await importRepository.deleteMembersOf(db, updatedIds);
    await importRepository.insertMembers(db, memberColumns(upserted, idOf));
    await importRepository.upsertYears(db, yearColumns(upserted, idOf));
    for (const h of upserted) if (!existing.has(h.no)) o.created.add(Number(idOf.get(h.no)));
  }
  o.timings.writeMs += performance.now() - w0;
  return counts;
}

/** Bulk mode: the ID numbers among `ids` the registry held when the import began, confirmed in SQL. */
async function idsInRegistryBulk(db: Kysely<DB>, ids: string[], registry: IdRowTable) {
  const hits: string[] = [];
  const households = new Set<number>();
  for (const id of ids) {
    const h = registry.get(id);
    if (h === undefined) continue;
    hits.push(id);
    households.add(h);
  }
  return hits.length ? importRepository.idsInHouseholds(db, hits, [...households]) : new Map();
}

/**
 * New households: ids from the sequence, then one COPY each into household, member and household_year.
 * Each line is built as one flat string (Array.join — `+=` would leave a rope of ~50 string pieces per
 * line alive until the COPY is done) and each table's text is built just before its COPY, so only one
 * table's text of one batch is held at a time.
 */
async function copyNewHouseholds(db: Kysely<DB>, fresh: PendingHousehold[], o: WriteContext): Promise<void> {
  const ids = await importRepository.nextHouseholdIds(db, fresh.length);
  for (const id of ids) o.created.add(Number(id));
  // by the tables they go to: the live ones, or a province's load tables on its first load
  const groups = new Map<LoadTables | null, { hh: PendingHousehold[]; ids: string[] }>();
  for (let i = 0; i < fresh.length; i++) {
    const tables = o.loads ? await o.loads.tablesFor(db, fresh[i]!.rows[0]!.household.village_code) : null;
    let g = groups.get(tables);
    if (!g) groups.set(tables, (g = { hh: [], ids: [] }));
    g.hh.push(fresh[i]!);
    g.ids.push(ids[i]!);
  }
  const copy = o.copy!;
  for (const [tables, g] of groups) {
    const t = tables ?? LIVE_TABLES;
    await copy(
      `copy ${t.household} (id, ${HOUSEHOLD_COPY_COLUMNS}) from stdin`,
      householdText(g.hh, g.ids, o.today),
    );
    await copy(
      `copy ${t.member} (household_id, village_code, ${MEMBER_COPY_COLUMNS}) from stdin`,
      memberText(g.hh, g.ids),
    );
    await copy(
      `copy ${t.household_year} (household_id, ${YEAR_COPY_COLUMNS}) from stdin`,
      yearText(g.hh, g.ids),
    );
  }
}

const LIVE_TABLES: LoadTables = {
  household: 'household',
  member: 'member',
  household_year: 'household_year',
};

function householdText(fresh: PendingHousehold[], ids: string[], today: string): string {
  const lines: string[] = [];
  const f: unknown[] = new Array(25);
  for (let i = 0; i < fresh.length; i++) {
    const rows = fresh[i]!.rows;
    const h = rows[0]!.household;
    const type = (h.household_type as string | undefined) ?? 'ordinary';
    const other = h.other_causes as string[] | undefined;
    f[0] = ids[i];
    f[1] = h.household_no;
    f[2] = h.village_code;
    f[3] = h.group_no;
    f[4] = h.address;
    f[5] = h.phone;
    f[6] = h.bank_name;
    f[7] = h.bank_account;
    f[8] = h.id_standard;
    f[9] = type;
    f[10] = STATUS_OF_TYPE[type] ?? 'none';
    f[11] = today;
    f[12] = h.main_cause;
    f[13] = other && other.length ? pgArray(other) : '{}';
    f[14] = rows.length;
    f[15] = headOf(rows).member.name;
    f[16] = h.land_cultivated_mu;
    f[17] = h.land_forest_mu;
    f[18] = h.house_area_m2;
    f[19] = h.house_grade;
    f[20] = h.relocated ?? false;
    f[21] = h.safe_water ?? true;
    f[22] = h.sanitary_toilet ?? false;
    f[23] = h.electricity ?? true;
    f[24] = h.road_distance_km;
    lines.push(copyFields(f));
  }
  lines.push('');
  return lines.join('\n');
}

function memberText(fresh: PendingHousehold[], ids: string[]): string {
  const lines: string[] = [];
  const f: unknown[] = new Array(7 + MEMBER_KEYS.length);
  for (let i = 0; i < fresh.length; i++) {
    f[0] = ids[i];
    // the member's village is its household's (the partition key of member, migration 044)
    f[1] = fresh[i]!.rows[0]!.household.village_code;
    for (const row of fresh[i]!.rows) {
      const m = row.member;
      f[2] = m.name;
      f[3] = m.sex;
      f[4] = m.id_number;
      f[5] = m.birth_date;
      f[6] = m.relation;
      for (let k = 0; k < MEMBER_KEYS.length; k++) f[7 + k] = m[MEMBER_KEYS[k]!] ?? MEMBER_DEFAULT_VALUES[k];
      lines.push(copyFields(f));
    }
  }
  lines.push('');
  return lines.join('\n');
}

const headOf = (rows: ImportRow[]): ImportRow => rows.find((r) => r.member.relation === 'head')!;

const HOUSEHOLD_COPY_COLUMNS =
  'household_no, village_code, group_no, address, phone, bank_name, bank_account, id_standard, household_type, ' +
  'status, status_date, main_cause, other_causes, size, head_name, land_cultivated_mu, land_forest_mu, ' +
  'house_area_m2, house_grade, relocated, safe_water, sanitary_toilet, electricity, road_distance_km';

function householdRow(rows: ImportRow[], exists: boolean): HouseholdRowIn {
  const h = rows[0]!.household;
  const head = headOf(rows);
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
