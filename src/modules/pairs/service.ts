import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { CommitmentCategory, PairKind } from '../../domain/projects/kinds.js';
import { progressPct } from '../../domain/projects/targets.js';
import { AppError, notFound, outOfScope } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import { assertInScope, assertObjectInScope, onScopeLine, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertManager } from '../projects/access.js';
import { pairsRepository as repo, type PairRow, type PairYearRow } from './repository.js';

export interface NewPair {
  kind: PairKind;
  helperName: string;
  helperLevel: string;
  recipientCode: string;
  startYear: number;
  endYear?: number | null | undefined;
  note?: string | null | undefined;
}

const num = (s: string | null) => (s === null ? 0 : Number(s));

/** Committed vs delivered per year and category, with the percentage delivered. */
function yearsOf(rows: readonly PairYearRow[]) {
  const byYear = new Map<
    number,
    { category: string; committed: number; delivered: number; pct: number | null }[]
  >();
  for (const r of rows) {
    const list = byYear.get(r.year) ?? [];
    const committed = num(r.committed);
    const delivered = num(r.delivered);
    list.push({
      category: r.category,
      committed,
      delivered,
      pct: progressPct(delivered, r.committed === null ? null : committed),
    });
    byYear.set(r.year, list);
  }
  return [...byYear.entries()].sort(([a], [b]) => b - a).map(([year, categories]) => ({ year, categories }));
}

const pairDto = (p: PairRow, rows: readonly PairYearRow[]) => ({
  id: p.id,
  kind: p.kind,
  helperName: p.helper_name,
  helperLevel: p.helper_level,
  recipientCode: p.recipient_code,
  recipientName: p.recipient_name,
  startYear: p.start_year,
  endYear: p.end_year,
  note: p.note,
  years: yearsOf(rows.filter((r) => r.pair_id === p.id)),
});

/** Paired assistance: pairs touching a region, one pair, recording a pair, commitments and deliveries. */
export function createPairService(db: Kysely<DB>, clock: Clock) {
  async function load(user: AuthUser, id: string) {
    const pair = await repo.byId(db, id);
    if (!pair) throw notFound('pair', id);
    assertObjectInScope(user, pair.recipient_code, 'pair', id);
    return pair;
  }

  return {
    /** Pairs whose receiving region lies in the requested region ('' or absent: the user's scope) or contains it. */
    async list(user: AuthUser, region?: string) {
      const scope = scopeFor(user, region);
      const pairs = await repo.list(db, scope);
      const rows = await repo.yearly(
        db,
        pairs.map((p) => p.id),
      );
      return { items: pairs.map((p) => pairDto(p, rows)) };
    },

    async get(user: AuthUser, id: string) {
      const pair = await repo.byId(db, id);
      if (!pair) throw notFound('pair', id);
      // a pair of a region above the user (a prefecture's east–west pair) is read by its counties too
      if (!onScopeLine(user, pair.recipient_code)) throw outOfScope(pair.recipient_code);
      const [rows, deliveries] = await Promise.all([repo.yearly(db, [id]), repo.deliveries(db, id)]);
      return {
        ...pairDto(pair, rows),
        deliveries: deliveries.map((d) => ({ ...d, amount: Number(d.amount) })),
      };
    },

    async create(user: AuthUser, p: NewPair) {
      assertManager(user, 'record paired assistance');
      assertInScope(user, p.recipientCode);
      if (!(await repo.regionExists(db, p.recipientCode)))
        throw new AppError('E_VALIDATION', `Unknown region ${p.recipientCode}`, { field: 'recipientCode' });
      return db.transaction().execute(async (trx) => {
        const id = await repo.insertPair(trx, {
          kind: p.kind,
          helper_name: p.helperName.trim(),
          helper_level: p.helperLevel,
          recipient_code: p.recipientCode,
          start_year: p.startYear,
          end_year: p.endYear ?? null,
          note: p.note ?? null,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'pair.create',
          entityType: 'assist_pair',
          entityId: id,
          regionCode: p.recipientCode,
          after: p,
        });
        return { id };
      });
    },

    async commit(
      user: AuthUser,
      id: string,
      c: { year: number; category: CommitmentCategory; amount: number },
    ) {
      assertManager(user, 'record paired assistance');
      const pair = await load(user, id);
      return db.transaction().execute(async (trx) => {
        await repo.upsertCommitment(trx, {
          pair_id: id,
          year: c.year,
          category: c.category,
          amount: c.amount,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'pair.commit',
          entityType: 'assist_pair',
          entityId: id,
          regionCode: pair.recipient_code,
          after: c,
        });
        return { ok: true as const };
      });
    },

    async deliver(
      user: AuthUser,
      id: string,
      d: {
        year: number;
        category: CommitmentCategory;
        amount: number;
        deliveredOn: string;
        note?: string | undefined;
      },
    ) {
      assertManager(user, 'record paired assistance');
      const pair = await load(user, id);
      if (d.deliveredOn > clock.today())
        throw new AppError('E_VALIDATION', `deliveredOn ${d.deliveredOn} lies in the future`, {
          field: 'deliveredOn',
          messageZh: `到位日期 ${d.deliveredOn} 晚于今天`,
        });
      return db.transaction().execute(async (trx) => {
        const deliveryId = await repo.insertDelivery(trx, {
          pair_id: id,
          year: d.year,
          category: d.category,
          amount: d.amount,
          delivered_on: d.deliveredOn,
          note: d.note ?? null,
          recorded_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'pair.deliver',
          entityType: 'assist_pair',
          entityId: id,
          regionCode: pair.recipient_code,
          after: d,
        });
        return { id: deliveryId };
      });
    },
  };
}
export type PairService = ReturnType<typeof createPairService>;
