import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { SYSTEM_ACTOR } from '../kernel/user.js';
import type { Clock } from '../kernel/clock.js';
import { auditChangesSince, recordAudit, registryChangeMark } from '../modules/audit/service.js';
import { verifyPassword } from '../modules/auth/password.js';
import { loadRegions } from '../modules/regions/loader.js';
import { createUserService } from '../modules/users/service.js';
import { linkDemoOrganisation } from './seeders/participation.js';
import { forgetDemoExtensions, runDemoExtensions } from './extensions.js';
import { deleteCountyHouseholds } from './reset.js';
import { generateDemo } from './service.js';

export interface DemoOptions {
  countyCode: string;
  seed: number;
  scale: number;
  password: string;
  log: (line: string) => void;
  onProgress?: (done: number, total: number) => void;
  /** The demo's "today" for dated extension data is read from this clock once (the CLI: systemClock). */
  clock: Clock;
}

export interface DemoAccount {
  username: string;
  role: string;
  scopeCode: string;
  scopeName: string;
}

/** 十八洞村 (Shibadong, 花垣县), where "targeted poverty alleviation" was first named in 2013. */
const PREFERRED_VILLAGE = '433124110226';

async function householdsIn(db: Kysely<DB>, county: string): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*) as n from household where village_code like ${county + '%'}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Make sure the demo county exists: regions, households (generated once), and the demo accounts. */
export async function ensureDemo(db: Kysely<DB>, o: DemoOptions): Promise<DemoAccount[]> {
  // an interrupted first start left its writes unnamed: name the county's since the beginning then
  const done = await db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', `demo:${o.countyCode}`)
    .executeTakeFirst();
  return seedDemo(db, o, done ? await registryChangeMark(db) : '0');
}

async function seedDemo(db: Kysely<DB>, o: DemoOptions, mark: string): Promise<DemoAccount[]> {
  const hasVillages = await db
    .selectFrom('region')
    .select('code')
    .where('parent_code', 'like', `${o.countyCode}%`)
    .where('level', '=', 5)
    .limit(1)
    .executeTakeFirst();
  if (!hasVillages) {
    o.log(`loading regions: all provinces, prefectures and counties, and the villages of ${o.countyCode}`);
    await loadRegions(db, { counties: [o.countyCode] });
  }
  const county = await db
    .selectFrom('region')
    .selectAll()
    .where('code', '=', o.countyCode)
    .executeTakeFirst();
  if (!county) throw new Error(`county ${o.countyCode} is not in the division list`);
  const marker = `demo:${o.countyCode}`;
  const done = await db.selectFrom('app_meta').select('value').where('key', '=', marker).executeTakeFirst();
  if (!done && (await householdsIn(db, o.countyCode)) > 0) {
    // an earlier first start was interrupted while generating: start the demo over
    o.log(`the demo of ${o.countyCode} is incomplete (interrupted first start): regenerating`);
    await deleteCountyHouseholds(db, o.countyCode, SYSTEM_ACTOR);
    await forgetDemoExtensions(db, o.countyCode);
  }
  if (!done) {
    o.log(`generating the demo census of ${county.name} (${o.countyCode}), seed ${o.seed}, scale ${o.scale}`);
    const res = await generateDemo(db, {
      countyCode: o.countyCode,
      seed: o.seed,
      scale: o.scale,
      onProgress: o.onProgress,
    });
    await db.transaction().execute((trx) =>
      recordAudit(trx, SYSTEM_ACTOR, {
        action: 'demo.generate',
        entityType: 'region',
        entityId: o.countyCode,
        regionCode: o.countyCode,
        after: { households: res.households, persons: res.persons, seed: o.seed, scale: o.scale },
        reason: '模拟演示县',
      }),
    );
    await markDemoComplete(db, o.countyCode, { ...res, seed: o.seed, scale: o.scale });
    o.log(
      `generated ${res.households} households, ${res.persons} persons in ${(res.ms / 1000).toFixed(1)} s`,
    );
  }
  // accounts first: an extension may link its data to them (cadres: the `village` login)
  const accounts = await ensureDemoAccounts(db, o.countyCode, o.password);
  await runDemoExtensions({
    db,
    countyCode: o.countyCode,
    seed: o.seed,
    scale: o.scale,
    today: o.clock.now(),
    log: o.log,
    password: o.password,
  });
  // the generator and the seeders write with COPY and plain SQL in their own transactions: name them
  await auditChangesSince(db, mark, o.countyCode, SYSTEM_ACTOR, {
    action: 'demo.generate',
    entityType: 'region',
    entityId: o.countyCode,
    regionCode: o.countyCode,
    reason: '模拟演示县：生成数据时的登记写入',
  });
  return accounts;
}

/** Record that the demo of a county was generated completely (an interrupted one is regenerated). */
export async function markDemoComplete(
  db: Kysely<DB>,
  countyCode: string,
  info: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('app_meta')
    .values({ key: `demo:${countyCode}`, value: JSON.stringify(info) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
    .execute();
}

async function pickVillage(db: Kysely<DB>, county: string) {
  const preferred = PREFERRED_VILLAGE.startsWith(county)
    ? await db.selectFrom('region').selectAll().where('code', '=', PREFERRED_VILLAGE).executeTakeFirst()
    : undefined;
  if (preferred) return preferred;
  const r = await sql<{ village_code: string }>`
    select village_code from household where village_code like ${county + '%'}
    group by village_code order by count(*) desc, village_code limit 1`.execute(db);
  const code = r.rows[0]?.village_code;
  if (!code) throw new Error(`no households in ${county}`);
  return db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

/** The demo accounts: admin (country), county, township and village staff, county and township civil
 *  affairs, an organisation. */
export async function ensureDemoAccounts(
  db: Kysely<DB>,
  countyCode: string,
  password: string,
): Promise<DemoAccount[]> {
  const village = await pickVillage(db, countyCode);
  const township = await db
    .selectFrom('region')
    .selectAll()
    .where('code', '=', village.parent_code!)
    .executeTakeFirstOrThrow();
  const county = await db
    .selectFrom('region')
    .selectAll()
    .where('code', '=', countyCode)
    .executeTakeFirstOrThrow();
  const accounts = [
    { username: 'admin', role: 'admin', scopeCode: '', scopeName: '全国', displayName: '系统管理员' },
    {
      username: 'county',
      role: 'county_officer',
      scopeCode: county.code,
      scopeName: county.name,
      displayName: `${county.name}乡村振兴局`,
    },
    {
      username: 'township',
      role: 'township_officer',
      scopeCode: township.code,
      scopeName: township.name,
      displayName: `${township.name}干部`,
    },
    {
      username: 'village',
      role: 'village_cadre',
      scopeCode: village.code,
      scopeName: village.name,
      displayName: `${village.name}村干部`,
    },
    // civil affairs (another bureau): the county's dibao / 特困 rolls and payments, the township's reviews
    {
      username: 'civil',
      role: 'civil_affairs_county',
      scopeCode: county.code,
      scopeName: county.name,
      displayName: `${county.name}民政局`,
    },
    {
      username: 'civiltown',
      role: 'civil_affairs_township',
      scopeCode: township.code,
      scopeName: township.name,
      displayName: `${township.name}民政助理员`,
    },
    // an approved organisation (src/demo/seeders/participation.ts): the needs board and its own data only
    {
      username: 'org',
      role: 'organisation',
      scopeCode: county.code,
      scopeName: county.name,
      displayName: '花垣县爱心助农联合会',
    },
  ];
  const users = createUserService(db);
  for (const a of accounts) {
    const existing = await db
      .selectFrom('app_user')
      .select(['scope_code', 'role', 'password_hash'])
      .where('username', '=', a.username)
      .executeTakeFirst();
    const same = existing && existing.scope_code === a.scopeCode && existing.role === a.role;
    if (same && (await verifyPassword(password, existing.password_hash))) continue;
    await users.upsert(SYSTEM_ACTOR, { ...a, password }, true);
  }
  await linkDemoOrganisation(db);
  return accounts.map(({ username, role, scopeCode, scopeName }) => ({
    username,
    role,
    scopeCode,
    scopeName,
  }));
}
