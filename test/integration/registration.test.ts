import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { importFile } from '../../src/modules/import/service.js';
import { createAuditService } from '../../src/modules/audit/service.js';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { person, writeCsv } from '../helpers/import-files.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let elsewhere: { id: string; headIdNumber: string };
// 12:00 on 15 June 2026 in Beijing
const clock = fixedClock('2026-06-15T04:00:00Z');
const TODAY = '2026-06-15';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  elsewhere = await createHousehold(tdb.db, { village: T.villageB1 });
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'vilb', 'village_cadre', T.villageB1);
  app = await testApp(tdb.db, clock);
  for (const u of ['vil', 'vilb']) cookies[u] = await login(app, u, 'test-password-1');
});
/** Registry rows the fixtures wrote without audit; the app's writes add none. */
let unauditedAtStart = 0;
beforeAll(async () => {
  await createHousehold(tdb.db, { village: T.villageA1 }).then((h) => (memberEventHousehold = h.id));
  // namesakes of the near-duplicate tests: another township of the county, and the cadre's own one
  namesake = await createHousehold(tdb.db, {
    village: T.villageB1,
    members: [{ name: '滕老四', sex: '1', birth: '1961-08-15', relation: 'head' }],
  });
  await createHousehold(tdb.db, {
    village: T.villageA2,
    members: [{ name: '石二妹', sex: '2', birth: '1980-01-01', relation: 'head' }],
  });
  unauditedAtStart = (await createAuditService(tdb.db).verify()).unaudited.total;
});
let memberEventHousehold = '';
let namesake: { id: string };

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

type Method = 'GET' | 'POST' | 'PUT';
const send = (user: string, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, ...(payload && { payload }), headers: { cookie: cookies[user]! } });

const income = {
  year: 2025,
  wage_income: 6000,
  business_income: 1200,
  property_income: 0,
  transfer_income: 800,
  production_cost: 500,
};
const headId = makeIdNumber('433124', '1968-04-02', '1', 11);
const spouseId = makeIdNumber('433124', '1970-09-21', '2', 12);
const goodForm = () => ({
  household: { address: '十八洞村5组', main_cause: '缺技术', house_grade: 'C', safe_water: true },
  members: [
    { name: '石大山', id_number: headId, relation: '户主' },
    { name: '龙小花', id_number: spouseId, relation: 'spouse', health: '健康' },
  ],
  income,
  facts: { foodClothingSecure: true, declaredVehicles: 0 },
});

async function newDraft(user = 'vil', payload?: object) {
  const res = await send(user, 'POST', '/api/registrations', { villageCode: T.villageA1, payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: string; version: number }>();
}

describe('drafts', () => {
  it('saves an incomplete draft, resumes it, refuses a stale version and lists it for its owner only', async () => {
    const d = await newDraft();
    expect(d.version).toBe(1);
    const partial = {
      household: { address: '十八洞村2组' },
      members: [{ name: '半填' }],
      income: {},
      facts: {},
    };
    const saved = await send('vil', 'PUT', `/api/registrations/${d.id}`, { version: 1, payload: partial });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, payload: { members: [{ name: '半填' }] } });
    const stale = await send('vil', 'PUT', `/api/registrations/${d.id}`, { version: 1, payload: partial });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current.version).toBe(2);
    const resumed = await send('vil', 'GET', `/api/registrations/${d.id}`);
    expect(resumed.json()).toMatchObject({ version: 2, payload: { household: { address: '十八洞村2组' } } });
    const mine = await send('vil', 'GET', '/api/registrations');
    expect(mine.json().items.map((x: { id: string }) => x.id)).toContain(d.id);
    const theirs = await send('vilb', 'GET', '/api/registrations');
    expect(theirs.json().items).toEqual([]);
    expect((await send('vilb', 'GET', `/api/registrations/${d.id}`)).statusCode).toBe(404);
  });

  it("answers 404 for a village outside the cadre's own", async () => {
    const res = await send('vil', 'POST', '/api/registrations', { villageCode: T.villageB1 });
    expect(res.statusCode).toBe(404);
    expect(
      await tdb.db
        .selectFrom('registration_draft')
        .selectAll()
        .where('village_code', '=', T.villageB1)
        .execute(),
    ).toEqual([]);
  });
});

describe('one validation, two doors', () => {
  it('reports the same codes and texts as the import for the same bad values', async () => {
    const badId = headId.slice(0, 17) + (headId[17] === '0' ? '1' : '0');
    const form = {
      household: {},
      members: [
        { name: '错号', id_number: badId, relation: '户主' },
        { name: '侄子', id_number: spouseId, relation: '之侄' },
      ],
      income: { ...income, wage_income: -5 },
      facts: {},
    };
    const d = await newDraft('vil', form);
    const res = await send('vil', 'POST', `/api/registrations/${d.id}/check`);
    expect(res.statusCode, res.body).toBe(200);
    const app = res.json<{
      ok: boolean;
      errors: { column: string; code: string; message: string; messageZh: string; field: string }[];
    }>();
    expect(app.ok).toBe(false);
    // each in Chinese too, the check character named (no English inside the Chinese text)
    expect(app.errors.find((e) => e.code === 'E_ID_CHECK_DIGIT')?.messageZh).toMatch(/^身份证号码校验位为/);
    for (const e of app.errors) expect(e.messageZh).not.toMatch(/[A-Za-z]{3,}/);
    const file = writeCsv([
      person('H-SAME', T.villageA1, '错号', 'head', '1', '1968-04-02', {
        公民身份号码: badId,
        工资性收入: '-5',
        性别: '',
      }),
      person('H-SAME', T.villageA1, '侄子', '之侄', '2', '1970-09-21', {
        公民身份号码: spouseId,
        工资性收入: '-5',
        性别: '',
      }),
    ]);
    const imported = await importFile(tdb.db, file, {
      actor: { id: null, name: 'test' },
      scope: '',
      acceptValid: false,
      dryRun: true,
      incomeCeiling: 200_000,
      today: TODAY,
    });
    const key = (e: { column: string; code: string; message: string; messageZh?: string }) =>
      `${e.column}|${e.code}|${e.message}|${e.messageZh}`;
    expect(app.errors.map(key).sort()).toEqual(imported.errors.map(key).sort());
    expect(app.errors.map((e) => e.code).sort()).toEqual([
      'E_CODE',
      'E_ID_CHECK_DIGIT',
      'E_RANGE',
      'E_RANGE',
    ]);
    expect(app.errors.find((e) => e.code === 'E_ID_CHECK_DIGIT')?.field).toBe('members.0.id_number');
    expect(app.errors.find((e) => e.code === 'E_CODE')?.field).toBe('members.1.relation');
  });

  it('refuses a person already registered in another household, with nothing written', async () => {
    const form = goodForm();
    form.members[1]!.id_number = elsewhere.headIdNumber;
    const d = await newDraft('vil', form);
    const check = await send('vil', 'POST', `/api/registrations/${d.id}/check`);
    expect(check.json().errors).toEqual([
      expect.objectContaining({
        field: 'members.1.id_number',
        code: 'E_PERSON_IN_OTHER_HOUSEHOLD',
        message: 'this person is already registered in another household outside your area',
      }),
    ]);
    const before = await tdb.db.selectFrom('household').select('id').execute();
    const res = await send('vil', 'POST', `/api/registrations/${d.id}/submit`, { version: d.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.errors[0].code).toBe('E_PERSON_IN_OTHER_HOUSEHOLD');
    expect(await tdb.db.selectFrom('household').select('id').execute()).toHaveLength(before.length);
  });
});

describe('drafts sent again from the outbox', () => {
  it('answers the same draft for the same device key, and refuses the key for another village', async () => {
    const clientKey = '6f1c1f0e-7d2a-4c43-9d51-2b7f1a0c9e11';
    const body = { villageCode: T.villageA1, clientKey, payload: { ...goodForm(), members: [] } };
    const first = await send('vil', 'POST', '/api/registrations', body);
    const again = await send('vil', 'POST', '/api/registrations', body);
    expect(first.statusCode, first.body).toBe(200);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const stored = await tdb.db
      .selectFrom('registration_draft')
      .select(['id', 'client_key'])
      .where('client_key', '=', clientKey)
      .execute();
    expect(stored).toEqual([{ id: first.json().id, client_key: clientKey }]);
    // another cadre's key is their own: the same key makes their own draft
    const vilb = await send('vilb', 'POST', '/api/registrations', { ...body, villageCode: T.villageB1 });
    expect(vilb.statusCode, vilb.body).toBe(200);
    expect(vilb.json().id).not.toBe(first.json().id);
    // a township officer's key used again for another village of the township is refused
    await createUser(tdb.db, 'twn-reg', 'township_officer', T.townshipA);
    cookies['twn-reg'] = await login(app, 'twn-reg', 'test-password-1');
    const townKey = { ...body, clientKey: '0b3a5c2e-1f4d-4e6a-8c7b-9d0e1f2a3b4c' };
    expect((await send('twn-reg', 'POST', '/api/registrations', townKey)).statusCode).toBe(200);
    const other = await send('twn-reg', 'POST', '/api/registrations', {
      ...townKey,
      villageCode: T.villageA2,
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().details.field).toBe('body.clientKey');
    // drafts started online have no key: two posts, two drafts
    const a = await newDraft();
    const b = await newDraft();
    expect(a.id).not.toBe(b.id);
  });
});

describe('member facts at registration', () => {
  const schoolId = makeIdNumber('433124', '2014-03-08', '2', 31);
  const form = () => {
    const f = goodForm();
    return {
      ...f,
      household: { ...f.household, address: '十八洞村7组' },
      members: [
        { name: '麻成武', id_number: makeIdNumber('433124', '1975-01-19', '1', 33), relation: '户主' },
        { name: '麻小妹', id_number: schoolId, relation: 'daughter' },
      ],
      facts: {
        ...f.facts,
        members: [
          {
            insurance: { basicMedical: true, criticalIllness: false },
            disability: { disabilityType: 'physical', disabilityGrade: 5 },
          },
          { schooling: { status: 'in_school', stage: 'primary' } },
        ],
        spending: [{ category: 'schooling', amount: 1800, periodFrom: '2026-07-01', periodTo: '2026-12-31' }],
      },
    };
  };

  it("checks them by the facts' own rules, in English and Chinese, and records them for their members", async () => {
    const d = await newDraft('vil', form());
    const check = await send('vil', 'POST', `/api/registrations/${d.id}/check`);
    expect(check.statusCode, check.body).toBe(200);
    const errors = check.json<{ errors: { field: string; code: string; messageZh: string }[] }>().errors;
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['facts.members.0.disability.disabilityGrade', 'E_FACT_VALUE'],
      ['facts.spending.0.periodFrom', 'E_DATE_FUTURE'],
    ]);
    expect(errors[0]!.messageZh).toMatch(/残疾.*不能大于 4/);
    expect(errors[1]!.messageZh).toMatch(/2026-07-01 晚于今天/);
    const refused = await send('vil', 'POST', `/api/registrations/${d.id}/submit`, { version: d.version });
    expect(refused.statusCode).toBe(400);

    const fixed = form();
    fixed.facts.members[0]!.disability!.disabilityGrade = 2;
    fixed.facts.spending[0]!.periodFrom = '2026-01-01';
    fixed.facts.spending[0]!.periodTo = '2026-06-30';
    const saved = await send('vil', 'PUT', `/api/registrations/${d.id}`, {
      version: d.version,
      payload: fixed,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await send('vil', 'POST', `/api/registrations/${d.id}/submit`, {
      version: saved.json().version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const householdId = res.json().householdId as string;
    const facts = await tdb.db
      .selectFrom('household_fact as f')
      .leftJoin('member as m', 'm.id', 'f.member_id')
      .select(['f.kind', 'm.name', 'f.value'])
      .where('f.household_id', '=', householdId)
      .where('f.kind', 'in', ['schooling', 'insurance', 'disability', 'rigid_spending'])
      .orderBy('f.kind')
      .execute();
    expect(facts).toEqual([
      { kind: 'disability', name: '麻成武', value: { disabilityType: 'physical', disabilityGrade: 2 } },
      {
        kind: 'insurance',
        name: '麻成武',
        value: { basicMedical: true, criticalIllness: false, medicalAssistance: false },
      },
      {
        kind: 'rigid_spending',
        name: null,
        value: { category: 'schooling', amount: 1800, periodFrom: '2026-01-01', periodTo: '2026-06-30' },
      },
      { kind: 'schooling', name: '麻小妹', value: { status: 'in_school', stage: 'primary' } },
    ]);
  });

  it('refuses a member fact for a member the form does not have', async () => {
    const f = form();
    f.facts.members[0]!.disability!.disabilityGrade = 2;
    f.facts.spending = [];
    const d = await newDraft('vil', {
      ...f,
      members: [{ ...f.members[0]!, id_number: makeIdNumber('433124', '1975-01-20', '1', 35) }],
    });
    const check = await send('vil', 'POST', `/api/registrations/${d.id}/check`);
    expect(check.json().errors).toEqual([
      expect.objectContaining({ field: 'facts.members.1.schooling', code: 'E_FACT_MEMBER' }),
    ]);
  });
});

describe('near duplicates', () => {
  it('warns of a person of the county with the same name and birth date, and registers only when confirmed', async () => {
    const f = goodForm();
    const form = {
      ...f,
      members: [
        // the same person with another ID number (a mistyped sequence), and the wife
        { name: '滕老四', id_number: makeIdNumber('433124', '1961-08-15', '1', 401), relation: '户主' },
        { name: '吴阿花', id_number: makeIdNumber('433124', '1963-02-02', '2', 402), relation: 'spouse' },
      ],
    };
    const d = await newDraft('vil', form);
    const check = await send('vil', 'POST', `/api/registrations/${d.id}/check`);
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({
      ok: true,
      nearDuplicates: [
        {
          memberIndex: 0,
          name: '滕老四',
          birthDate: '1961-08-15',
          villageCode: T.villageB1,
          villageName: '测试乙村',
          householdNo: null, // outside the village cadre's area: not named
        },
      ],
    });
    const households = async () => (await tdb.db.selectFrom('household').select('id').execute()).length;
    const before = await households();
    const unconfirmed = await send('vil', 'POST', `/api/registrations/${d.id}/submit`, {
      version: d.version,
    });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().details).toMatchObject({
      field: 'body.confirmNearDuplicates',
      nearDuplicates: [{ memberIndex: 0 }],
    });
    expect(unconfirmed.json().details.messageZh).toMatch(/同名同出生日期/);
    expect(await households()).toBe(before);
    const confirmed = await send('vil', 'POST', `/api/registrations/${d.id}/submit`, {
      version: d.version,
      confirmNearDuplicates: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const [event] = (await auditEventsOf(tdb.db, 'household.register')).slice(-1);
    expect(event?.after).toMatchObject({ nearDuplicatesConfirmed: 1 });
    expect(namesake.id).not.toBe(confirmed.json().householdId);
  });

  it('does not warn for the same name with another birth date', async () => {
    const f = goodForm();
    const d = await newDraft('vil', {
      ...f,
      members: [
        { name: '石二妹', id_number: makeIdNumber('433124', '1980-01-02', '2', 411), relation: '户主' },
      ],
    });
    const check = await send('vil', 'POST', `/api/registrations/${d.id}/check`);
    expect(check.json()).toMatchObject({ ok: true, nearDuplicates: [] });
  });
});

describe('submit', () => {
  it('creates the household audited, records its facts and opens its identification case', async () => {
    const d = await newDraft('vil', goodForm());
    const res = await send('vil', 'POST', `/api/registrations/${d.id}/submit`, { version: d.version });
    expect(res.statusCode, res.body).toBe(200);
    const done = res.json<{
      householdId: string;
      householdNo: string;
      caseId: string | null;
      caseError: string | null;
    }>();
    expect(done.caseError).toBeNull();
    expect(done.householdNo).toMatch(new RegExp(`^${T.villageA1}\\d{4}$`));
    const members = await membersOf(tdb.db, done.householdId);
    expect(members.map((m) => [m.name, m.relation, m.birth_date])).toEqual([
      ['石大山', 'head', '1968-04-02'],
      ['龙小花', 'spouse', '1970-09-21'],
    ]);
    const [event] = (await auditEventsOf(tdb.db, 'household.register')).slice(-1);
    expect(event).toMatchObject({ entity_id: done.householdId, region_code: T.villageA1 });
    const facts = await tdb.db
      .selectFrom('household_fact')
      .select(['kind', 'state'])
      .where('household_id', '=', done.householdId)
      .execute();
    expect(facts.map((f) => f.kind).sort()).toEqual([
      'dibao_means',
      'drinking_water',
      'food_clothing',
      'housing_safety',
    ]);
    const cases = await send('vil', 'GET', '/api/cases?kind=identification');
    const item = cases.json().items.find((c: { id: string }) => c.id === done.caseId);
    expect(item).toMatchObject({ state: 'applied' });
    expect((await send('vil', 'GET', `/api/registrations/${d.id}`)).json()).toMatchObject({
      state: 'submitted',
      householdId: done.householdId,
    });
    const again = await send('vil', 'POST', `/api/registrations/${d.id}/submit`, { version: d.version });
    expect(again.statusCode).toBe(409);
    const audit = await createAuditService(tdb.db).verify();
    expect(audit.broken).toBeNull();
    expect(audit.unaudited.total).toBe(unauditedAtStart);
  });
});

describe('member events', () => {
  const household = () => memberEventHousehold;
  const version = async () =>
    (
      await tdb.db
        .selectFrom('household')
        .select('version')
        .where('id', '=', household())
        .executeTakeFirstOrThrow()
    ).version;
  const childId = makeIdNumber('433124', '2026-05-01', '2', 21);

  it('rejects a future date and a birth not on the encoded birth date, writing nothing', async () => {
    const url = `/api/households/${household()}/member-events`;
    const member = { name: '新生儿', idNumber: childId, relation: 'daughter' };
    const future = await send('vil', 'POST', url, {
      version: await version(),
      kind: 'birth',
      date: '2026-07-01',
      member,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().details.errors[0]).toMatchObject({ field: 'body.date', code: 'E_DATE_FUTURE' });
    const wrong = await send('vil', 'POST', url, {
      version: await version(),
      kind: 'birth',
      date: '2026-05-02',
      member,
    });
    expect(wrong.json().details.errors[0].code).toBe('E_ID_BIRTH_MISMATCH');
    expect(await membersOf(tdb.db, household())).toHaveLength(2);
  });

  it('adds a born child and records a death as dated, audited events shown as a timeline', async () => {
    const url = `/api/households/${household()}/member-events`;
    const born = await send('vil', 'POST', url, {
      version: await version(),
      kind: 'birth',
      date: '2026-05-01',
      member: { name: '新生儿', idNumber: childId, relation: 'daughter' },
    });
    expect(born.statusCode, born.body).toBe(200);
    const spouse = (await membersOf(tdb.db, household())).find((m) => m.relation === 'spouse')!;
    const early = await send('vil', 'POST', url, {
      version: await version(),
      kind: 'death',
      date: '1960-01-01',
      memberId: spouse.id,
    });
    expect(early.json().details.errors[0].code).toBe('E_DATE_BEFORE_BIRTH');
    const died = await send('vil', 'POST', url, {
      version: await version(),
      kind: 'death',
      date: '2026-06-01',
      memberId: spouse.id,
      note: '病故',
    });
    expect(died.statusCode, died.body).toBe(200);
    const members = await membersOf(tdb.db, household());
    expect(members.find((m) => m.id === spouse.id)?.member_status).toBe('deceased');
    expect(members.find((m) => m.id_number === childId)?.member_status).toBe('present');
    const list = (await send('vil', 'GET', url)).json<{ items: { kind: string; date: string }[] }>();
    expect(list.items.map((e) => [e.kind, e.date])).toEqual([
      ['death', '2026-06-01'],
      ['birth', '2026-05-01'],
    ]);
    expect((await auditEventsOf(tdb.db, 'household.member.remove')).at(-1)?.reason).toBe(
      '死亡 2026-06-01：病故',
    );
    expect((await send('vilb', 'GET', url)).statusCode).toBe(404);
    const audit = await createAuditService(tdb.db).verify();
    expect(audit.broken).toBeNull();
    expect(audit.unaudited.total).toBe(unauditedAtStart);
  });
});
