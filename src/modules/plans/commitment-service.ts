import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type Actor, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { commitmentRepository as repo } from './commitment-repository.js';

type Household = { id: string; village_code: string };

/** Earns the county's rule points in `trx` (the incentive ledger, src/modules/effort); null: no rule. */
export type EarnHook = (
  trx: Kysely<DB>,
  user: AuthUser,
  h: Household,
  ruleCode: string,
  note: string | null,
  now: Date,
) => Promise<{ id: string; points: number } | null>;

const day = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));

/**
 * Household commitments (一户一策): a line the household commits to, written into its latest plan;
 * progress the household reports in the portal (or its cadre records), confirmed by its cadre — a
 * confirmation earns the county's `commitment_kept` points when the county has that rule. Audited.
 */
export function createCommitmentService(db: Kysely<DB>, clock: Clock, earn: EarnHook) {
  async function householdIn(dbx: Kysely<DB>, user: AuthUser, id: string, lock = false) {
    const q = dbx.selectFrom('household').select(['id', 'village_code']).where('id', '=', id);
    const h = await (lock ? q.forUpdate() : q).executeTakeFirst();
    assertObjectInScope(user, h?.village_code, 'household', id);
    return h!;
  }
  const mayEdit = (user: AuthUser) => {
    if (!permissionsOf(user.role).editHouseholds)
      throw new AppError('E_FORBIDDEN', 'Your role may not keep household commitments', {
        messageZh: '您的角色不能记录农户承诺',
      });
  };

  async function list(householdId: string) {
    const [cs, ps] = await Promise.all([repo.ofHousehold(db, householdId), repo.progressOf(db, householdId)]);
    return cs.map((c) => ({
      id: c.id,
      planId: c.plan_id,
      text: c.text,
      dueOn: c.due_on === null ? null : day(c.due_on),
      state: c.state,
      progress: ps
        .filter((p) => p.commitment_id === c.id)
        .map((p) => ({
          id: p.id,
          reportedOn: day(p.reported_on),
          text: p.text,
          reportedVia: p.reported_via,
          confirmed: p.confirmed_at !== null,
          confirmedAt: p.confirmed_at === null ? null : new Date(p.confirmed_at).toISOString(),
          pointsEarned: p.points ?? null,
        })),
    }));
  }

  async function report(
    trx: Kysely<DB>,
    actor: Actor,
    h: Household,
    b: { commitmentId: string; text: string },
    via: 'portal' | 'cadre',
  ) {
    const c = await repo.commitment(trx, b.commitmentId);
    if (c?.household_id !== h.id) throw notFound('commitment', b.commitmentId);
    if (c.state !== 'open')
      throw new AppError('E_CONFLICT', `Commitment ${c.id} is ${c.state}`, { messageZh: '该承诺已结束' });
    const p = await repo.insertProgress(trx, {
      commitment_id: c.id,
      village_code: h.village_code,
      household_id: h.id,
      reported_on: clock.today(),
      text: b.text,
      reported_via: via,
    });
    await recordAudit(trx, actor, {
      action: 'effort.commitment',
      entityType: 'household',
      entityId: h.id,
      regionCode: h.village_code,
      after: { progress: p.id, commitment: c.id, via },
    });
    return p.id;
  }

  return {
    async list(user: AuthUser, householdId: string) {
      await householdIn(db, user, householdId);
      return list(householdId);
    },

    /** The portal: the signed-in household's own commitments. */
    ofPortal: (h: { id: string }) => list(h.id),

    async add(user: AuthUser, householdId: string, b: { text: string; dueOn?: string | null | undefined }) {
      mayEdit(user);
      const id = await db.transaction().execute(async (trx) => {
        const h = await householdIn(trx, user, householdId, true);
        const plan = await repo.latestPlan(trx, h.id);
        const c = await repo.insert(trx, {
          village_code: h.village_code,
          household_id: h.id,
          plan_id: plan?.id ?? null,
          text: b.text,
          due_on: b.dueOn ?? null,
          created_by: user.id,
          created_at: clock.now(),
        });
        await recordAudit(trx, actorOf(user), {
          action: 'effort.commitment',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          after: { commitment: c.id, plan: c.plan_id, text: c.text, dueOn: b.dueOn ?? null },
        });
        return c.id;
      });
      return (await list(householdId)).find((x) => x.id === id)!;
    },

    /** Progress the household reports in the portal. */
    async reportFromPortal(
      h: { id: string; villageCode: string },
      actor: Actor,
      b: { commitmentId: string; text: string },
    ) {
      await db
        .transaction()
        .execute((trx) => report(trx, actor, { id: h.id, village_code: h.villageCode }, b, 'portal'));
      return list(h.id);
    },

    async reportByCadre(user: AuthUser, householdId: string, b: { commitmentId: string; text: string }) {
      mayEdit(user);
      await db.transaction().execute(async (trx) => {
        const h = await householdIn(trx, user, householdId, true);
        await report(trx, actorOf(user), h, b, 'cadre');
      });
      return list(householdId);
    },

    /** The cadre confirms reported progress; `kept` closes the commitment. Earns the county's points. */
    async confirm(user: AuthUser, householdId: string, b: { progressId: string; kept: boolean }) {
      mayEdit(user);
      await db.transaction().execute(async (trx) => {
        const h = await householdIn(trx, user, householdId, true);
        const p = await repo.progress(trx, b.progressId);
        if (p?.household_id !== h.id) throw notFound('progress', b.progressId);
        if (p.confirmed_at !== null)
          throw new AppError('E_CONFLICT', `Progress ${p.id} is already confirmed`, {
            messageZh: '该进展已确认',
          });
        const now = clock.now();
        const entry = await earn(trx, user, h, 'commitment_kept', `承诺进展 #${p.id} 经干部确认`, now);
        await repo.confirm(trx, p.id, user.id, now, entry?.id ?? null);
        if (b.kept) await repo.setState(trx, p.commitment_id, 'kept');
        await recordAudit(trx, actorOf(user), {
          action: 'effort.commitment',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          after: { confirmed: p.id, kept: b.kept, points: entry?.points ?? 0 },
        });
      });
      return list(householdId);
    },
  };
}
export type CommitmentService = ReturnType<typeof createCommitmentService>;
