import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { FactConfirmation } from '../../domain/facts/kinds.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { permissionsOf } from '../../domain/roles.js';
import { seen, viewerOf } from '../../domain/visibility.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { factAudit, factDto } from './present.js';
import { factRepository, type FactRow } from './repository.js';
import { confirmsAt } from './rules.js';
import type { QueueItem } from './schema.js';

export interface FactServiceDeps {
  clock: Clock;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
}

const QUEUE_LIMIT = 500;

const refuse = (en: string, zh: string) => new AppError('E_FORBIDDEN', en, { messageZh: zh });

/** Why `user` may not decide `f` under `setting`, or null when they may. */
function refusal(user: AuthUser, f: Pick<FactRow, 'recorded_by'>, setting: FactConfirmation) {
  if (!permissionsOf(user.role).confirmFacts)
    return refuse('Your role may not confirm facts', '您的角色不能确认事实');
  if (f.recorded_by === user.id)
    return refuse('You may not confirm or reject your own proposal', '不能确认或退回本人提交的变更');
  if (!confirmsAt(user.role, setting))
    return refuse(
      `This county confirms facts at ${setting} level`,
      setting === 'county' ? '本县关键事实由县级确认' : '本县关键事实由乡镇确认',
    );
  return null;
}

/** The confirmation queue of a township or county, and the decisions on proposals. */
export function createFactDecisions(db: Kysely<DB>, deps: FactServiceDeps) {
  const { clock } = deps;

  /** The setting of each county a list touches, read once per county. */
  function settings() {
    const cache = new Map<string, Promise<FactConfirmation>>();
    return (village: string) => {
      const county = village.slice(0, 6);
      let s = cache.get(county);
      if (!s) {
        s = deps.paramsFor(village, clock.today()).then((p) => p.factConfirmation);
        cache.set(county, s);
      }
      return s;
    };
  }

  async function decide(user: AuthUser, factId: string, confirm: boolean, note: string | null) {
    return db.transaction().execute(async (trx) => {
      const f = await factRepository.lock(trx, factId);
      assertObjectInScope(user, f?.village_code, 'fact', factId);
      const setting = await settings()(f!.village_code);
      const no = refusal(user, f!, setting);
      if (no) throw no;
      if (f!.state !== 'proposed')
        throw new AppError('E_CONFLICT', `Fact ${factId} is ${f!.state}, not a pending proposal`, {
          messageZh: '该变更已处理，不再待确认',
        });
      const row = await factRepository.setState(trx, factId, {
        state: confirm ? 'confirmed' : 'rejected',
        confirmed_by: user.id,
        confirmed_at: clock.now(),
        decision_note: note,
      });
      if (confirm && row.supersedes !== null) {
        const old = await factRepository.lock(trx, row.supersedes);
        if (old?.state === 'confirmed') await factRepository.setState(trx, old.id, { state: 'superseded' });
      }
      await recordAudit(trx, actorOf(user), {
        action: confirm ? 'household.fact.confirm' : 'household.fact.reject',
        entityType: 'household',
        entityId: row.household_id,
        regionCode: row.village_code,
        before: factAudit(f!),
        after: factAudit(row),
        reason: note,
      });
      const named = (await factRepository.ofHousehold(trx, row.household_id)).find((r) => r.id === factId);
      if (!named) throw notFound('fact', factId);
      return factDto(named, viewerOf(user.role, false, clock.today()));
    });
  }

  return {
    /** Pending proposals in the user's scope (or a region of it), oldest first. */
    async queue(user: AuthUser, region?: string): Promise<{ items: QueueItem[]; truncated: boolean }> {
      const scope = scopeFor(user, region);
      const rows = await factRepository.queue(db, scope, QUEUE_LIMIT + 1);
      const v = viewerOf(user.role, false, clock.today());
      const settingOf = settings();
      const items: QueueItem[] = [];
      for (const r of rows.slice(0, QUEUE_LIMIT)) {
        const setting = await settingOf(r.village_code);
        items.push({
          ...factDto(r, v),
          householdNo: r.household_no,
          headName: seen(v, 'name', r.head_name),
          confirmation: setting,
          mayDecide: refusal(user, r, setting) === null,
        });
      }
      return { items, truncated: rows.length > QUEUE_LIMIT };
    },

    confirm: (user: AuthUser, factId: string, note?: string) => decide(user, factId, true, note ?? null),

    reject: (user: AuthUser, factId: string, note: string) => decide(user, factId, false, note),
  };
}
