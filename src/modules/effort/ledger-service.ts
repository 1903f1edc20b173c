import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { DEFAULT_INCENTIVE_RULES, earn, redeem } from '../../domain/effort/ledger.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type Actor, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { householdIn, invalid, need } from './access.js';
import { entryDto, shopItemDto } from './present.js';
import { effortRepository as repo } from './repository.js';

type Household = { id: string; village_code: string };

const mayEdit = (user: AuthUser) =>
  need(user, 'editHouseholds', 'Your role may not keep incentive ledgers', '您的角色不能记录积分');

/**
 * Points earned in `trx` for a locked household by its county's active rule `ruleCode`; null when the
 * county has no such active rule (nothing is earned). Audited as `effort.ledger`.
 */
export async function earnIn(
  trx: Kysely<DB>,
  user: AuthUser,
  h: Household,
  ruleCode: string,
  note: string | null,
  now: Date,
) {
  const rule = (await repo.rules(trx, h.village_code.slice(0, 6))).find(
    (r) => r.code === ruleCode && r.active,
  );
  if (!rule) return null;
  const balance = await repo.balance(trx, h.id);
  const step = earn(balance, rule.points);
  if (!step.ok) return null;
  const row = await repo.insertEntry(trx, {
    village_code: h.village_code,
    household_id: h.id,
    kind: 'earn',
    points: step.points,
    rule_code: rule.code,
    note,
    balance_after: step.balanceAfter,
    recorded_by: user.id,
    recorded_at: now,
  });
  await recordAudit(trx, actorOf(user), {
    action: 'effort.ledger',
    entityType: 'household',
    entityId: h.id,
    regionCode: h.village_code,
    before: { balance },
    after: { entry: row.id, kind: 'earn', rule: rule.code, points: step.points, balance: step.balanceAfter },
    reason: note,
  });
  return row;
}

/**
 * A redemption in `trx` for a locked household at its own village's or township's shop (another
 * shop's item, or an inactive one, answers 404); refused above the balance (409, nothing written).
 * `by` is the cadre recording it, or the household itself in the portal (no user). Audited.
 */
export async function redeemIn(
  trx: Kysely<DB>,
  by: { actor: Actor; userId: string | null },
  h: Household,
  b: { itemId: string; quantity: number; note?: string | undefined },
  now: Date,
) {
  const item = await repo.shopItem(trx, b.itemId);
  // the item of the household's own village or township shop
  if (!(item && item.active && h.village_code.startsWith(item.region_code)))
    throw notFound('shop item', b.itemId);
  const balance = await repo.balance(trx, h.id);
  const step = redeem(balance, item.points, b.quantity);
  if (!step.ok)
    throw new AppError(
      'E_CONFLICT',
      `Balance ${step.balance} points is below ${step.needed} needed for body.itemId ${b.itemId}`,
      {
        field: 'body.quantity',
        messageZh: `积分余额 ${step.balance} 分，不足兑换所需 ${step.needed} 分`,
        balance,
        needed: step.needed,
      },
    );
  const row = await repo.insertEntry(trx, {
    village_code: h.village_code,
    household_id: h.id,
    kind: 'redeem',
    points: step.points,
    item_id: item.id,
    quantity: b.quantity,
    note: b.note ?? null,
    balance_after: step.balanceAfter,
    recorded_by: by.userId,
    recorded_at: now,
  });
  await recordAudit(trx, by.actor, {
    action: 'effort.ledger',
    entityType: 'household',
    entityId: h.id,
    regionCode: h.village_code,
    before: { balance },
    after: {
      entry: row.id,
      kind: 'redeem',
      item: item.id,
      quantity: b.quantity,
      points: step.points,
      balance: step.balanceAfter,
    },
    reason: b.note ?? null,
  });
  return entryDto({ ...row, item_name: item.name });
}

/** The incentive ledger (奖补 / 积分): a household's entries, earning and redeeming, audited. */
export function createLedgerService(db: Kysely<DB>, clock: Clock) {
  return {
    async ledger(user: AuthUser, householdId: string) {
      await householdIn(db, user, householdId);
      const entries = await repo.entries(db, householdId);
      return { householdId, balance: entries[0]?.balance_after ?? 0, entries: entries.map(entryDto) };
    },

    async earn(user: AuthUser, householdId: string, b: { ruleCode: string; note?: string | undefined }) {
      mayEdit(user);
      return db.transaction().execute(async (trx) => {
        const h = await householdIn(trx, user, householdId, true);
        const row = await earnIn(trx, user, h, b.ruleCode, b.note ?? null, clock.now());
        if (!row)
          throw invalid(
            'body.ruleCode',
            `the county has no active rule ${b.ruleCode}`,
            `本县没有启用的积分规则「${b.ruleCode}」`,
          );
        return entryDto(row);
      });
    },

    async redeem(
      user: AuthUser,
      householdId: string,
      b: { itemId: string; quantity: number; note?: string | undefined },
    ) {
      mayEdit(user);
      return db.transaction().execute(async (trx) => {
        const h = await householdIn(trx, user, householdId, true);
        const item = await repo.shopItem(trx, b.itemId);
        if (!(item && item.active && h.village_code.startsWith(item.region_code)))
          assertObjectInScope(user, item?.region_code, 'shop item', b.itemId);
        return redeemIn(trx, { actor: actorOf(user), userId: user.id }, h, b, clock.now());
      });
    },
  };
}
export type LedgerService = ReturnType<typeof createLedgerService>;

/** The county's incentive rules (data) and the points shops of villages and townships, audited. */
export function createIncentiveSetupService(db: Kysely<DB>, clock: Clock) {
  return {
    /** A county's rules: its own rows, beside the default templates it has not adopted. */
    async rules(user: AuthUser, region: string | undefined) {
      const scope = scopeFor(user, region);
      const county = (scope.length >= 6 ? scope : user.scopeCode).slice(0, 6);
      if (county.length < 6)
        throw invalid(
          'query.region',
          'name a county (6 digits or below)',
          '请指定一个县（6 位或更长的区划代码）',
        );
      const own = await repo.rules(db, county);
      const rules = own.map((r) => ({
        code: r.code,
        labelZh: r.label_zh,
        labelEn: r.label_en,
        points: r.points,
        active: r.active,
        own: true,
      }));
      for (const d of DEFAULT_INCENTIVE_RULES)
        if (!own.some((r) => r.code === d.code)) rules.push({ ...d, active: false, own: false });
      return { countyCode: county, rules };
    },

    async setRule(
      user: AuthUser,
      b: {
        countyCode: string;
        code: string;
        labelZh: string;
        labelEn: string;
        points: number;
        active: boolean;
      },
    ) {
      need(user, 'editMeasureCatalogue', 'Incentive rules are set by the county', '积分规则由县级设定');
      assertInScope(user, b.countyCode);
      return db.transaction().execute(async (trx) => {
        const r = await repo.upsertRule(
          trx,
          {
            county_code: b.countyCode,
            code: b.code,
            label_zh: b.labelZh,
            label_en: b.labelEn,
            points: b.points,
            active: b.active,
          },
          user.id,
          clock.now(),
        );
        await recordAudit(trx, actorOf(user), {
          action: 'effort.rule',
          entityType: 'incentive_rule',
          entityId: r.id,
          regionCode: b.countyCode,
          after: { code: r.code, points: r.points, active: r.active },
        });
        return {
          code: r.code,
          labelZh: r.label_zh,
          labelEn: r.label_en,
          points: r.points,
          active: r.active,
          own: true,
        };
      });
    },

    /** The shop items in a region (a township's and its villages'), or those a household may redeem. */
    async shop(user: AuthUser, region: string | undefined) {
      const scope = scopeFor(user, region);
      const within = await repo.shopItemsIn(db, scope);
      const above = scope.length === 12 ? await repo.shopItems(db, [scope.slice(0, 9)]) : [];
      return [...above, ...within].map(shopItemDto);
    },

    async addShopItem(user: AuthUser, b: { regionCode: string; name: string; points: number }) {
      mayEdit(user);
      assertInScope(user, b.regionCode);
      return db.transaction().execute(async (trx) => {
        const r = await repo.insertShopItem(trx, {
          region_code: b.regionCode,
          name: b.name,
          points: b.points,
          created_by: user.id,
          created_at: clock.now(),
        });
        await recordAudit(trx, actorOf(user), {
          action: 'effort.shop',
          entityType: 'shop_item',
          entityId: r.id,
          regionCode: b.regionCode,
          after: { name: r.name, points: r.points },
        });
        return shopItemDto(r);
      });
    },
  };
}
