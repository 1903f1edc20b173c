import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { KIND_INFO, subjectOf, type FactConfirmation, type KindValue } from '../../domain/facts/kinds.js';
import { permissionsOf } from '../../domain/roles.js';
import { viewerOf } from '../../domain/visibility.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit, type AuditAction } from '../audit/service.js';
import { factAudit, factDto } from './present.js';
import { factRepository, type FactRow } from './repository.js';
import { checkValue, invalidFact, needsConfirmation, observedOnFor, type FieldProblem } from './rules.js';
import type { CorrectionBody, FactBody } from './schema.js';
import { createFactDecisions, type FactServiceDeps } from './decisions.js';

export type { FactServiceDeps } from './decisions.js';

/** A fact to write, checked: what the API body and an import row both become. */
export interface CheckedFact {
  kv: KindValue;
  memberId: string | null;
  observedOn: string;
  source: FactBody['source'];
  sourceRef: string | null;
}

const refuse = (en: string, zh: string) => new AppError('E_FORBIDDEN', en, { messageZh: zh });

/**
 * Check a fact for a household: its value against its kind, the member (one of the household's, for
 * a kind about a member; none otherwise), and its day (not in the future). `prefix` names the
 * fields as the caller reports them ('body' for the API, the row for an import).
 */
export async function checkFact(
  trx: Kysely<DB>,
  householdId: string,
  input: Pick<FactBody, 'kind' | 'memberId' | 'observedOn' | 'source' | 'sourceRef' | 'value'>,
  today: string,
  prefix: string,
): Promise<{ ok: true; fact: CheckedFact } | { ok: false; problems: FieldProblem[] }> {
  const v = checkValue(input.kind, input.value, `${prefix}.value`);
  if (!v.ok) return v;
  const problems: FieldProblem[] = [];
  const memberId = input.memberId ?? null;
  if (KIND_INFO[input.kind].of === 'member') {
    const m = memberId === null ? undefined : await factRepository.memberHousehold(trx, memberId);
    if (m?.household_id !== householdId)
      problems.push({
        field: `${prefix}.memberId`,
        message: `kind ${input.kind} needs a member of this household`,
        messageZh: `「${KIND_INFO[input.kind].zh}」须指定本户的一名成员`,
      });
  } else if (memberId !== null)
    problems.push({
      field: `${prefix}.memberId`,
      message: `kind ${input.kind} is about the household, not a member`,
      messageZh: `「${KIND_INFO[input.kind].zh}」是户的事实，不填成员`,
    });
  const day = observedOnFor(v.kv, input.observedOn, today, prefix);
  if (!day.ok) problems.push(...day.problems);
  if (problems.length || !day.ok) return { ok: false, problems };
  return {
    ok: true,
    fact: {
      kv: v.kv,
      memberId,
      observedOn: day.day,
      source: input.source,
      sourceRef: input.sourceRef ?? null,
    },
  };
}

/** The county's maker–checker setting for a village on a day. */
export const settingFor = async (deps: FactServiceDeps, village: string, day: string) =>
  (await deps.paramsFor(village, day)).factConfirmation;

/**
 * Write one checked fact for a locked household in `trx`: proposed or confirmed by the maker–checker
 * setting, superseding `supersedes` (a confirmed correction supersedes at once; a proposal does when
 * confirmed; a pending proposal corrected is withdrawn), and its audit event.
 */
export async function writeFact(
  trx: Kysely<DB>,
  user: AuthUser,
  h: { id: string; village_code: string },
  fact: CheckedFact,
  opts: { setting: FactConfirmation; now: Date; supersedes: FactRow | null; note: string | null },
): Promise<FactRow> {
  const proposed = needsConfirmation(user.role, fact.kv.kind, opts.setting);
  const row = await factRepository.insert(trx, {
    village_code: h.village_code,
    household_id: h.id,
    member_id: fact.memberId,
    kind: fact.kv.kind,
    subject: subjectOf(fact.kv),
    value: fact.kv.value,
    observed_on: fact.observedOn,
    source: fact.source,
    source_ref: fact.sourceRef,
    state: proposed ? 'proposed' : 'confirmed',
    recorded_by: user.id,
    recorded_at: opts.now,
    confirmed_by: proposed ? null : user.id,
    confirmed_at: proposed ? null : opts.now,
    decision_note: null,
    supersedes: opts.supersedes?.id ?? null,
  });
  const old = opts.supersedes;
  if (old && (!proposed || old.state === 'proposed'))
    await factRepository.setState(trx, old.id, { state: 'superseded' });
  const action: AuditAction = proposed ? 'household.fact.propose' : 'household.fact.record';
  await recordAudit(trx, actorOf(user), {
    action,
    entityType: 'household',
    entityId: h.id,
    regionCode: h.village_code,
    before: old ? factAudit(old) : null,
    after: factAudit(row),
    reason: opts.note,
  });
  return row;
}

/**
 * An update made offline names the fact it was based on (`basedOn`, docs/offline.md): the newest
 * standing fact (proposed or confirmed) of the same kind, member and subject, when it is another one.
 */
async function newerThanBase(
  trx: Kysely<DB>,
  householdId: string,
  fact: CheckedFact,
  basedOn: string | null,
) {
  const subject = subjectOf(fact.kv);
  const newest = (await factRepository.ofHousehold(trx, householdId))
    .filter((r) => r.kind === fact.kv.kind && r.member_id === fact.memberId && r.subject === subject)
    .filter((r) => r.state === 'confirmed' || r.state === 'proposed')
    .reduce<FactRow | null>((a, r) => (!a || BigInt(r.id) > BigInt(a.id) ? r : a), null);
  return newest && newest.id !== basedOn ? newest : null;
}

/** The facts of households: list with history, record, correct; the confirmation queue and decisions. */
export function createHouseholdFactService(db: Kysely<DB>, deps: FactServiceDeps) {
  const { clock } = deps;
  const viewer = (user: AuthUser) => viewerOf(user.role, false, clock.today());

  async function lockHousehold(trx: Kysely<DB>, user: AuthUser, id: string) {
    const h = await trx
      .selectFrom('household')
      .select(['id', 'village_code'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    assertObjectInScope(user, h?.village_code, 'household', id);
    return h!;
  }

  async function one(trx: Kysely<DB>, user: AuthUser, householdId: string, factId: string) {
    const rows = await factRepository.ofHousehold(trx, householdId);
    const r = rows.find((x) => x.id === factId);
    if (!r) throw notFound('fact', factId);
    return factDto(r, viewer(user));
  }

  async function write(user: AuthUser, householdId: string, body: FactBody, correcting: string | null) {
    if (!permissionsOf(user.role).editHouseholds)
      throw refuse('Your role may not record facts', '您的角色不能记录事实');
    return db.transaction().execute(async (trx) => {
      const h = await lockHousehold(trx, user, householdId);
      const old = correcting === null ? null : await factRepository.lock(trx, correcting);
      if (correcting !== null && old?.household_id !== householdId) throw notFound('fact', correcting);
      if (old && old.state !== 'confirmed' && old.state !== 'proposed')
        throw new AppError('E_CONFLICT', `Fact ${old.id} is ${old.state}; correct the current one`, {
          messageZh: `该记录已${old.state === 'rejected' ? '退回' : '更正'}，请更正现行记录`,
        });
      const today = clock.today();
      const checked = await checkFact(trx, householdId, body, today, 'body');
      if (!checked.ok) throw invalidFact(checked.problems);
      const newer =
        body.basedOn === undefined ? null : await newerThanBase(trx, householdId, checked.fact, body.basedOn);
      // the outbox sending again after a lost answer: this user's own fact with this value answers
      if (newer?.recorded_by === user.id && isDeepStrictEqual(newer.value, checked.fact.kv.value))
        return one(trx, user, householdId, newer.id);
      if (newer)
        throw new AppError(
          'E_CONFLICT',
          `Fact ${newer.id} was recorded after the one this change was based on`,
          {
            messageZh: '此后已有新的记录，请对照后再定',
            current: await one(trx, user, householdId, newer.id),
          },
        );
      const setting = await settingFor(deps, h.village_code, today);
      const row = await writeFact(trx, user, h, checked.fact, {
        setting,
        now: clock.now(),
        supersedes: old ?? null,
        note: body.note ?? null,
      });
      return one(trx, user, householdId, row.id);
    });
  }

  return {
    /** Every fact of a household, history included, as the user sees it. */
    async list(user: AuthUser, householdId: string) {
      const h = await db
        .selectFrom('household')
        .select(['id', 'village_code'])
        .where('id', '=', householdId)
        .executeTakeFirst();
      assertObjectInScope(user, h?.village_code, 'household', householdId);
      const rows = await factRepository.ofHousehold(db, householdId);
      const v = viewer(user);
      return {
        householdId,
        confirmation: await settingFor(deps, h!.village_code, clock.today()),
        facts: rows.map((r) => factDto(r, v)),
      };
    },

    record: (user: AuthUser, householdId: string, body: FactBody) => write(user, householdId, body, null),

    /** A correction: a new row of the same kind and member that supersedes `factId`. */
    async correct(user: AuthUser, householdId: string, factId: string, body: CorrectionBody) {
      const old = await db
        .selectFrom('household_fact')
        .select(['kind', 'member_id', 'household_id', 'village_code'])
        .where('id', '=', factId)
        .executeTakeFirst();
      assertObjectInScope(user, old?.village_code, 'fact', factId);
      if (old!.household_id !== householdId) throw notFound('fact', factId);
      const kind = old!.kind as FactBody['kind'];
      return write(user, householdId, { ...body, kind, memberId: old!.member_id }, factId);
    },

    ...createFactDecisions(db, deps),
  };
}
export type HouseholdFactService = ReturnType<typeof createHouseholdFactService>;
