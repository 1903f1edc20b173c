import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { passiveExitFlag } from '../../domain/effort/passive-exit.js';
import type { PolicyParams } from '../../domain/rules/params.js';

/** The passive-exit flag recorded with an exit decision (issue 21 item 5; docs/effort.md). */
export interface PassiveExitAtDecision {
  year: number;
  passive: boolean;
  perCapita: number;
  perCapitaWithoutTransfers: number;
  line: number;
  reasons: { criterion: string; label_zh: string; label_en: string; value: unknown; threshold: unknown }[];
}

/** The exit procedure's deciding step: the township or county closes the record (销号). */
export const isExitDecision = (kind: string, action: string) => kind === 'exit' && action === 'close_record';

/**
 * The passive-exit flag at the exit decision, from the household's latest income year against that
 * year's poverty line in its village: income per person at or above the line only by transfers. It
 * warns the deciding level and is recorded with the decision (case data, outcome reason, audit); it
 * does not refuse. Null when the household has no income year.
 */
export async function passiveExitAtDecision(
  trx: Kysely<DB>,
  paramsFor: (region: string, date: string) => Promise<PolicyParams>,
  c: { household_id: string; village_code: string },
  today: string,
): Promise<PassiveExitAtDecision | null> {
  const y = await trx
    .selectFrom('household_year')
    .select(['year', 'size', 'net_income', 'transfer_income'])
    .where('household_id', '=', c.household_id)
    .orderBy('year', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!y) return null;
  const asOf = `${y.year}-12-31` < today ? `${y.year}-12-31` : today;
  const line = (await paramsFor(c.village_code, asOf)).povertyLine;
  const f = passiveExitFlag(
    { netIncome: Number(y.net_income), transfers: Number(y.transfer_income), size: y.size },
    line,
  );
  return {
    year: y.year,
    passive: f.passive,
    perCapita: f.perCapita,
    perCapitaWithoutTransfers: f.perCapitaWithoutTransfers,
    line: f.line,
    reasons: f.reasons.map((r) => ({
      criterion: r.criterion,
      label_zh: r.label_zh,
      label_en: r.label_en,
      value: r.value,
      threshold: r.threshold,
    })),
  };
}

/** The decision's outcome reason with the passive-exit warning appended (when the flag is raised). */
export function outcomeWithPassiveExit(note: string | null, flag: PassiveExitAtDecision | null) {
  if (!flag?.passive) return note;
  const warning = flag.reasons.map((r) => r.label_zh).join('；');
  return note ? `${note}（${warning}）` : warning;
}
