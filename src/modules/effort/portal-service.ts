import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import type { Actor } from '../../kernel/user.js';
import { redeemIn } from './ledger-service.js';
import { entryDto, shopItemDto } from './present.js';
import { effortRepository as repo } from './repository.js';

type PortalHousehold = { id: string; villageCode: string };

/**
 * The portal's points (积分): the signed-in household's balance and ledger, the items of its own
 * village's and township's points shop, and a redemption it makes itself (audited under the
 * household's actor; refused above the balance, nothing written).
 */
export function createPortalPointsService(db: Kysely<DB>, clock: Clock) {
  async function points(h: PortalHousehold) {
    const [entries, items, rules] = await Promise.all([
      repo.entries(db, h.id),
      repo.shopItems(db, [h.villageCode.slice(0, 9), h.villageCode]),
      repo.rules(db, h.villageCode.slice(0, 6)),
    ]);
    return {
      balance: entries[0]?.balance_after ?? 0,
      entries: entries.map(entryDto),
      shop: items.filter((i) => i.active).map(shopItemDto),
      // what each earning was for, in words (the county's rules)
      rules: rules.map((r) => ({ code: r.code, labelZh: r.label_zh, labelEn: r.label_en, points: r.points })),
    };
  }
  return {
    points,
    async redeem(h: PortalHousehold, actor: Actor, b: { itemId: string; quantity: number }) {
      const entry = await db.transaction().execute(async (trx) => {
        const locked = await repo.lockHousehold(trx, h.id);
        return redeemIn(trx, { actor, userId: null }, locked!, b, clock.now());
      });
      return { entry, ...(await points(h)) };
    },
  };
}
