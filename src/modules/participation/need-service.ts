import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { levelOf } from '../../domain/region-code.js';
import { personalDataIn, type NeedKind } from '../../domain/participation/needs.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { organisationOf, paging, requireEditor, requireOfficer, type Paging } from './access.js';
import { boardNeed, officerNeed } from './mapper.js';
import { needRepository as repo, type NeedFilter } from './need-repository.js';
import { step } from './need-step.js';
import { regionRepository } from './region-repository.js';

export interface NewNeed {
  kind: NeedKind;
  source: 'household' | 'village';
  householdId?: string | undefined;
  villageCode?: string | undefined;
  title: string;
  description: string;
  amount: number;
}

const invalid = (field: string, message: string, more: object = {}) =>
  new AppError('E_VALIDATION', message, { field, ...more });

/** The village of a new need, and the personal strings its text must not contain. */
async function placeOf(trx: Kysely<DB>, n: NewNeed): Promise<{ village: string; known: string[] }> {
  if (n.source === 'household') {
    if (!n.householdId) throw invalid('householdId', 'householdId is required for a household need');
    const h = await repo.householdForNeed(trx, n.householdId);
    if (!h) throw notFound('household', n.householdId);
    const members = await repo.personalStringsOf(trx, h.id);
    return {
      village: h.village_code,
      known: [h.head_name ?? '', h.address ?? '', h.phone ?? '', h.household_no, ...members],
    };
  }
  if (!n.villageCode || levelOf(n.villageCode) !== 5)
    throw invalid('villageCode', 'villageCode (12 digits) is required for a village need');
  if (!(await regionRepository.region(trx, n.villageCode))) throw notFound('region', n.villageCode);
  return { village: n.villageCode, known: [] };
}

function refusePersonalData(n: NewNeed, known: string[]): void {
  for (const field of ['title', 'description'] as const) {
    const found = personalDataIn(n[field], known);
    if (found.length)
      throw invalid(
        field,
        `${field} must not contain personal data (${found.join(', ')}): the board is public to organisations`,
        { found },
      );
  }
}

/** The needs board: the anonymised board, the officers' list, publishing and withdrawing needs. */
export function createNeedService(db: Kysely<DB>) {
  async function page(f: NeedFilter) {
    return Promise.all([repo.needs(db, f), repo.countNeeds(db, f)]);
  }

  return {
    /** The anonymised board (organisations and officers alike; the township is a filter, not a scope). */
    async board(
      user: AuthUser,
      q: { kind?: string | undefined; township?: string | undefined; status?: string | undefined } & Paging,
    ) {
      const myOrg = user.role === 'organisation' ? (await organisationOf(db, user)).id : null;
      const f = {
        kind: q.kind,
        township: q.township,
        status: q.status,
        excludeWithdrawn: true,
        ...paging(q),
      };
      const [rows, total] = await page(f);
      return { total, items: rows.map((r) => boardNeed(r, myOrg)) };
    },

    async myPledges(user: AuthUser, q: Paging) {
      const org = await organisationOf(db, user);
      const [rows, total] = await page({ organisationId: org.id, ...paging(q) });
      return { total, items: rows.map((r) => boardNeed(r, org.id)) };
    },

    /** Officers' list of needs in their scope, with village and household number. */
    async needs(
      user: AuthUser,
      q: { region?: string | undefined; kind?: string | undefined; status?: string | undefined } & Paging,
    ) {
      requireOfficer(user);
      const f = { scope: scopeFor(user, q.region), kind: q.kind, status: q.status, ...paging(q) };
      const [rows, total] = await page(f);
      return { total, items: rows.map(officerNeed) };
    },

    async publishNeed(user: AuthUser, n: NewNeed): Promise<{ id: string }> {
      requireOfficer(user);
      return db.transaction().execute(async (trx) => {
        const { village, known } = await placeOf(trx, n);
        requireEditor(user, village);
        refusePersonalData(n, known);
        const row = await repo.insertNeed(trx, {
          kind: n.kind,
          source: n.source,
          household_id: n.source === 'household' ? n.householdId! : null,
          village_code: village,
          township_code: village.slice(0, 9),
          title: n.title.trim(),
          description: n.description.trim(),
          amount: n.amount,
          published_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'need.publish',
          entityType: 'need',
          entityId: row.id,
          regionCode: village,
          after: { kind: n.kind, source: n.source, householdId: n.householdId ?? null, amount: n.amount },
        });
        return { id: row.id };
      });
    },

    async withdraw(user: AuthUser, needId: string, reason: string) {
      return db.transaction().execute(async (trx) => {
        const need = await repo.needForUpdate(trx, needId);
        if (!need) throw notFound('need', needId);
        requireEditor(user, need.village_code);
        const status = step(need.status, 'withdraw', needId);
        await repo.updateNeed(trx, needId, { status });
        await recordAudit(trx, actorOf(user), {
          action: 'need.withdraw',
          entityType: 'need',
          entityId: needId,
          regionCode: need.village_code,
          before: { status: need.status },
          after: { status },
          reason,
        });
        return { status };
      });
    },
  };
}
export type NeedService = ReturnType<typeof createNeedService>;
