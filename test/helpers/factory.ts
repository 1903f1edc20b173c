import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { makeIdNumber, type Sex } from '../../src/domain/id-number.js';
import { hashPassword } from '../../src/modules/auth/password.js';

let seq = 0;

/** Regions for tests: one county with two townships and three villages (real codes of 花垣县). */
export const T = {
  province: '43',
  prefecture: '4331',
  county: '433124',
  townshipA: '433124110',
  townshipB: '433124100',
  villageA1: '433124110226',
  villageA2: '433124110201',
  villageB1: '433124100201',
};

export async function seedRegions(db: Database): Promise<void> {
  await db
    .insertInto('region')
    .values([
      { code: T.province, level: 1, parent_code: null, name: '湖南省' },
      { code: T.prefecture, level: 2, parent_code: T.province, name: '湘西土家族苗族自治州' },
      { code: T.county, level: 3, parent_code: T.prefecture, name: '花垣县' },
      { code: T.townshipA, level: 4, parent_code: T.county, name: '双龙镇' },
      { code: T.townshipB, level: 4, parent_code: T.county, name: '花垣镇' },
      { code: T.villageA1, level: 5, parent_code: T.townshipA, name: '十八洞村' },
      { code: T.villageA2, level: 5, parent_code: T.townshipA, name: '测试甲村' },
      { code: T.villageB1, level: 5, parent_code: T.townshipB, name: '测试乙村' },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface HouseholdSpec {
  village: string;
  status?: string;
  type?: string;
  cause?: string | null;
  headName?: string;
  members?: { name: string; sex: Sex; birth: string; relation: string; health?: string }[];
  income?: { year: number; perCapita: number; status?: string }[];
}

/** Insert one household with members and yearly rows; returns ids and the head's ID number. */
export async function createHousehold(db: Database, spec: HouseholdSpec) {
  seq++;
  const members = spec.members ?? [
    {
      name: spec.headName ?? `户主${seq}`,
      sex: '1' as Sex,
      birth: '1970-03-0' + ((seq % 9) + 1),
      relation: 'head',
      health: 'chronic',
    },
    { name: `配偶${seq}`, sex: '2' as Sex, birth: '1972-05-11', relation: 'spouse' },
  ];
  const h = await db
    .insertInto('household')
    .values({
      household_no: `${spec.village}${String(seq).padStart(4, '0')}`,
      village_code: spec.village,
      household_type: spec.type ?? 'general_poor',
      status: spec.status ?? 'poor',
      main_cause: spec.cause === undefined ? 'illness' : spec.cause,
      head_name: members[0]!.name,
      size: members.length,
      phone: '13812345678',
      bank_account: '6217001234567890123',
      registered_year: 2014,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids = members.map((m, i) => makeIdNumber(spec.village.slice(0, 6), m.birth, m.sex, seq * 10 + i));
  await db
    .insertInto('member')
    .values(
      members.map((m, i) => ({
        household_id: h.id,
        village_code: spec.village,
        name: m.name,
        sex: m.sex,
        id_number: ids[i]!,
        birth_date: m.birth,
        relation: m.relation,
        health: m.health ?? 'healthy',
      })),
    )
    .execute();
  for (const y of spec.income ?? [{ year: 2025, perCapita: 3000 }]) {
    const net = y.perCapita * members.length;
    await db
      .insertInto('household_year')
      .values({
        household_id: h.id,
        year: y.year,
        village_code: spec.village,
        size: members.length,
        status: y.status ?? spec.status ?? 'poor',
        wage_income: net,
        net_income: net,
        per_capita_income: y.perCapita,
      })
      .execute();
  }
  return { id: h.id, headIdNumber: ids[0]! };
}

export async function createUser(
  db: Database,
  username: string,
  role: string,
  scope: string,
  password = 'test-password-1',
) {
  await db
    .insertInto('app_user')
    .values({
      username,
      display_name: username,
      password_hash: await hashPassword(password),
      role,
      scope_code: scope,
    })
    .execute();
  return { username, password };
}

/** Members of a household in id order (all statuses). */
export const membersOf = (db: Database, householdId: string) =>
  db.selectFrom('member').selectAll().where('household_id', '=', householdId).orderBy('id').execute();

/** Audit events of one action, oldest first. */
export const auditEventsOf = (db: Database, action: string) =>
  db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();

/** `n` one-person households in a village, numbered `${prefix}` + 5 digits, inserted by SQL in one go. */
export async function createManyHouseholds(db: Database, village: string, n: number, prefix: string) {
  const { sql } = await import('kysely');
  await sql`insert into household (household_no, village_code, household_type, status, head_name, size)
    select ${prefix} || lpad(i::text, 5, '0'), ${village}, 'general_poor', 'poor', '批量' || i, 1
    from generate_series(1, ${n}) as i`.execute(db);
  // one birth date per thousand households, so that every ID number is its own (migration 044: an ID
  // number is held by one present member in the country)
  await sql`insert into member (household_id, village_code, name, sex, id_number, birth_date, relation)
    select h.id, h.village_code, h.head_name, '1',
      ${village.slice(0, 6)} || to_char(b.birth, 'YYYYMMDD') || lpad((h.id % 1000)::text, 3, '0') || 'X', b.birth, 'head'
    from household h cross join lateral (select date '1980-01-01' + (h.id / 1000)::int as birth) b
    where h.household_no like ${prefix + '%'}`.execute(db);
}

/** Status history rows of a household ([to status, date] each), in its village's partition (migration 058). */
export const insertStatusHistory = (db: Database, household_id: string, rows: [string, string][]) =>
  db
    .insertInto('status_history')
    .values(
      rows.map(([to_status, changed_on]) => ({
        household_id,
        village_code: sql<string>`(select village_code from household_key where id = ${household_id})`,
        to_status,
        changed_on,
        reason: '测试',
      })),
    )
    .execute();
