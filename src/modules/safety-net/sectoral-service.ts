import type { Kysely, Selectable } from 'kysely';
import type { DB, SectoralAssistanceTable } from '../../db/types.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, inRegion, scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { audit } from './audit.js';
import { notAfterToday, refuse, requireRight } from './rights.js';
import { recordMedicalSpending } from './sectoral-facts.js';

export type SectoralInput =
  | {
      sector: 'medical';
      householdId: string;
      memberId?: string | undefined;
      occurredOn: string;
      totalCost: number;
      basicPaid: number;
      criticalPaid: number;
      amount: number;
      sourceRef?: string | undefined;
    }
  | {
      sector: 'education';
      householdId: string;
      memberId?: string | undefined;
      occurredOn: string;
      stage: string;
      amount: number;
      sourceRef?: string | undefined;
    }
  | {
      sector: 'housing';
      householdId: string;
      occurredOn: string;
      grade: 'C' | 'D';
      amount: number;
      done: boolean;
      sourceRef?: string | undefined;
    };

type Row = Selectable<SectoralAssistanceTable> & { household_no: string };

const item = (r: Row) => ({
  id: r.id,
  householdId: r.household_id,
  householdNo: r.household_no,
  villageCode: r.village_code,
  memberId: r.member_id,
  sector: r.sector,
  occurredOn: r.occurred_on,
  amount: Number(r.amount),
  details: (r.details ?? {}) as Record<string, unknown>,
  source: r.source,
  sourceRef: r.source_ref,
});

/** Medical assistance pays after the insurances: at most what they left the household to pay. */
export function sectoralProblem(i: SectoralInput): string | null {
  if (i.sector !== 'medical') return null;
  if (i.basicPaid + i.criticalPaid > i.totalCost) return 'basicPaid + criticalPaid exceed totalCost';
  if (i.amount > i.totalCost - i.basicPaid - i.criticalPaid)
    return 'amount exceeds what the insurances left to pay';
  return null;
}

const detailsOf = (i: SectoralInput) => {
  if (i.sector === 'medical')
    return {
      totalCost: i.totalCost,
      basicPaid: i.basicPaid,
      criticalPaid: i.criticalPaid,
      selfPaid: i.totalCost - i.basicPaid - i.criticalPaid - i.amount,
    };
  if (i.sector === 'education') return { stage: i.stage };
  return { grade: i.grade, done: i.done };
};

/**
 * What the sectoral records leave the household to pay in a period, by kind of rigid spending
 * (medical: after the insurances and the assistance; schooling: none recorded here): the loader the
 * facts mapper may call (docs/safety-net.md "Sectoral assistance and the facts").
 */
export async function sectoralRigidSpending(
  db: Kysely<DB>,
  householdIds: readonly string[],
  from: string,
  to: string,
) {
  const out = new Map<
    string,
    { medicalSelfPaid: number; medicalAssistance: number; educationAid: number; housingAid: number }
  >();
  if (householdIds.length === 0) return out;
  const rows = await db
    .selectFrom('sectoral_assistance')
    .select(['household_id', 'sector', 'amount', 'details'])
    .where('household_id', 'in', [...householdIds])
    .where('occurred_on', '>=', from)
    .where('occurred_on', '<=', to)
    .execute();
  for (const r of rows) {
    const x = out.get(r.household_id) ?? {
      medicalSelfPaid: 0,
      medicalAssistance: 0,
      educationAid: 0,
      housingAid: 0,
    };
    const a = Number(r.amount);
    if (r.sector === 'medical') {
      x.medicalAssistance += a;
      x.medicalSelfPaid += Number((r.details as { selfPaid?: number }).selfPaid ?? 0);
    } else if (r.sector === 'education') x.educationAid += a;
    else x.housingAid += a;
    out.set(r.household_id, x);
  }
  return out;
}

async function assertMemberOf(db: Kysely<DB>, householdId: string, memberId: string) {
  const m = await db
    .selectFrom('member')
    .select('id')
    .where('id', '=', memberId)
    .where('household_id', '=', householdId)
    .executeTakeFirst();
  if (!m)
    throw refuse(
      'E_VALIDATION',
      'Invalid body.memberId: not a member of the household',
      '该成员不属于这一户',
      {
        field: 'body.memberId',
      },
    );
}

interface Deps {
  db: Kysely<DB>;
  clock: Clock;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
}

/** One record in `trxDb` (a transaction): the row and, for medical assistance, its rigid-spending fact. */
async function record(
  deps: Deps,
  user: AuthUser,
  i: SectoralInput,
  source: 'civil_affairs' | 'department_list',
  trxDb: Kysely<DB>,
) {
  const problem = sectoralProblem(i);
  if (problem)
    throw refuse(
      'E_VALIDATION',
      `Invalid body: ${problem}`,
      '医疗救助应在基本医保和大病保险报销之后、不超过个人负担部分',
      { field: 'body.amount' },
    );
  const h = await trxDb
    .selectFrom('household')
    .select(['id', 'village_code'])
    .where('id', '=', i.householdId)
    .executeTakeFirst();
  if (!h) throw notFound('household', i.householdId);
  assertObjectInScope(user, h.village_code, 'household', i.householdId);
  const memberId = 'memberId' in i ? (i.memberId ?? null) : null;
  if (memberId) await assertMemberOf(trxDb, h.id, memberId);
  const r = await trxDb
    .insertInto('sectoral_assistance')
    .values({
      household_id: h.id,
      village_code: h.village_code,
      member_id: memberId,
      sector: i.sector,
      occurred_on: i.occurredOn,
      amount: String(i.amount),
      details: JSON.stringify(detailsOf(i)),
      source,
      source_ref: i.sourceRef ?? null,
      recorded_by: user.id,
      recorded_at: deps.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // what the insurances and the assistance leave to pay: the household's medical rigid spending
  const fact =
    i.sector === 'medical'
      ? await recordMedicalSpending(
          trxDb,
          user,
          {
            id: r.id,
            householdId: h.id,
            villageCode: h.village_code,
            occurredOn: i.occurredOn,
            selfPaid: i.totalCost - i.basicPaid - i.criticalPaid - i.amount,
            source,
          },
          { now: deps.clock.now(), today: deps.clock.today(), paramsFor: deps.paramsFor },
        )
      : null;
  return { id: r.id, villageCode: h.village_code, factId: fact };
}

/** Sectoral assistance records (medical, education, housing) entered by civil affairs or imported. */
export function createSectoralService(deps: Deps) {
  const { db, clock } = deps;

  return {
    async create(user: AuthUser, i: SectoralInput) {
      requireRight(user, 'runSafetyNet');
      notAfterToday('body.occurredOn', i.occurredOn, clock.today());
      const id = await db.transaction().execute(async (trx) => {
        const r = await record(deps, user, i, 'civil_affairs', trx);
        await audit(trx, user, 'sectoral', {
          entityType: 'sectoral_assistance',
          entityId: r.id,
          regionCode: r.villageCode,
          after: { sector: i.sector, amount: i.amount, occurredOn: i.occurredOn },
        });
        return r.id;
      });
      const row = await db
        .selectFrom('sectoral_assistance as s')
        .innerJoin('household as h', 'h.id', 's.household_id')
        .selectAll('s')
        .select('h.household_no')
        .where('s.id', '=', id)
        .executeTakeFirstOrThrow();
      return item(row);
    },

    /**
     * A department's list (`jingzhun sectoral import`): all rows in one transaction through the same
     * path as an entry (medical rows feed the rigid-spending facts), one audit event per county; a row
     * refused inside rolls all back and its error names the file's row (`details.row`).
     */
    async importRows(user: AuthUser, rows: readonly (SectoralInput & { line?: number })[], listName: string) {
      requireRight(user, 'runSafetyNet');
      const today = clock.today();
      return db.transaction().execute(async (trx) => {
        const counties = new Map<string, Record<string, number>>();
        for (const [n, i] of rows.entries()) {
          let r: Awaited<ReturnType<typeof record>>;
          try {
            notAfterToday('occurredOn', i.occurredOn, today);
            r = await record(
              deps,
              user,
              { ...i, sourceRef: i.sourceRef ?? listName },
              'department_list',
              trx,
            );
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            const row = i.line ?? n + 1;
            throw new AppError(err.code, `row ${row}: ${err.message}`, {
              ...(err.details as object | undefined),
              row,
            });
          }
          const c = counties.get(r.villageCode.slice(0, 6)) ?? {};
          c[i.sector] = (c[i.sector] ?? 0) + 1;
          counties.set(r.villageCode.slice(0, 6), c);
        }
        for (const [county, bySector] of counties)
          await audit(trx, user, 'sectoral', {
            entityType: 'sectoral_import',
            entityId: listName.slice(0, 60),
            regionCode: county,
            after: { rows: Object.values(bySector).reduce((a, b) => a + b, 0), bySector, list: listName },
          });
        return { imported: rows.length, byCounty: Object.fromEntries(counties) };
      });
    },

    async list(
      user: AuthUser,
      q: {
        region?: string | undefined;
        householdId?: string | undefined;
        sector?: string | undefined;
        year?: number | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      requireRight(user, 'runSafetyNet');
      let s = db
        .selectFrom('sectoral_assistance as s')
        .innerJoin('household as h', 'h.id', 's.household_id')
        .where(inRegion('s.village_code', scopeFor(user, q.region)));
      if (q.householdId) s = s.where('s.household_id', '=', q.householdId);
      if (q.sector) s = s.where('s.sector', '=', q.sector);
      if (q.year)
        s = s.where('s.occurred_on', '>=', `${q.year}-01-01`).where('s.occurred_on', '<=', `${q.year}-12-31`);
      const [{ total }, rows] = await Promise.all([
        s.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
        s
          .selectAll('s')
          .select('h.household_no')
          .orderBy('s.occurred_on', 'desc')
          .orderBy('s.id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      return { total: Number(total), page: q.page, pageSize: q.pageSize, items: rows.map(item) };
    },
  };
}
export type SectoralService = ReturnType<typeof createSectoralService>;
