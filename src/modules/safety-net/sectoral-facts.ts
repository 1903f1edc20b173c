import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { round2 } from '../../domain/rules/reason.js';
import type { AuthUser } from '../../kernel/user.js';
import { checkFact, writeFact } from '../household-facts/service.js';
import { refuse } from './rights.js';

/**
 * A medical-assistance record feeds the household's rigid-spending facts (issue 16; docs/safety-net.md
 * "Sectoral assistance"): what the insurances and the assistance leave the household to pay
 * (`selfPaid`) becomes a `rigid_spending` fact of category medical for the day of care (subject
 * `medical:<day>`), recorded by the civil-affairs user under the county's maker–checker setting (a
 * proposal the staff confirm, as every critical fact). A fact of the same day already on file is
 * superseded: one recorded before the assistance (the cadre's figure) is replaced by what is left
 * after it; one made by another sectoral record of the same day is added to.
 * Education aid and housing records leave the facts alone: an education record carries the aid, not
 * the schooling cost (the cost is recorded as a fact by the staff); a housing record is not spending.
 */
export interface MedicalRecord {
  id: string;
  householdId: string;
  villageCode: string;
  occurredOn: string;
  selfPaid: number;
  source: 'civil_affairs' | 'department_list';
}

export const SECTORAL_REF = 'sectoral_assistance:';

export async function recordMedicalSpending(
  trx: Kysely<DB>,
  user: AuthUser,
  r: MedicalRecord,
  ctx: { now: Date; today: string; paramsFor: (region: string, date: string) => Promise<PolicyParams> },
): Promise<string | null> {
  if (r.selfPaid <= 0 || r.occurredOn > ctx.today) return null;
  const subject = `medical:${r.occurredOn}`;
  const old = await trx
    .selectFrom('household_fact')
    .selectAll()
    .where('household_id', '=', r.householdId)
    .where('kind', '=', 'rigid_spending')
    .where('subject', '=', subject)
    .where('state', 'in', ['confirmed', 'proposed'])
    .orderBy('id', 'desc')
    .forUpdate()
    .executeTakeFirst();
  const fromSectoral = old?.source_ref?.startsWith(SECTORAL_REF) === true;
  const before = fromSectoral ? Number((old?.value as { amount?: number }).amount ?? 0) : 0;
  const checked = await checkFact(
    trx,
    r.householdId,
    {
      kind: 'rigid_spending',
      memberId: null,
      observedOn: r.occurredOn,
      source: r.source,
      sourceRef: `${SECTORAL_REF}${r.id}`,
      value: {
        category: 'medical',
        amount: round2(before + r.selfPaid),
        periodFrom: r.occurredOn,
        periodTo: r.occurredOn,
      },
    },
    ctx.today,
    'body',
  );
  if (!checked.ok)
    throw refuse(
      'E_VALIDATION',
      `Invalid body: ${checked.problems[0]?.message ?? 'rigid spending'}`,
      checked.problems[0]?.messageZh ?? '刚性支出记录无效',
      { field: 'body.occurredOn' },
    );
  const setting = (await ctx.paramsFor(r.villageCode, ctx.today)).factConfirmation;
  const row = await writeFact(trx, user, { id: r.householdId, village_code: r.villageCode }, checked.fact, {
    setting,
    now: ctx.now,
    supersedes: old ?? null,
    note: `医疗救助记录 #${r.id}`,
  });
  return row.id;
}
