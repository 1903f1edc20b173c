import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { reconcile } from '../../domain/safety-net/reconcile.js';
import { notFound } from '../../kernel/errors.js';
import { assertInScope, assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { audit } from './audit.js';
import { bankFile, type BankRow } from './bank-file.js';
import { listed, listInScope } from './payment-list.js';
import { paymentRepository } from './payment-repository.js';
import { refuse } from './rights.js';
import { endGradualExits } from './roll-ops.js';

/** Make (or remake, while not exported) the list of a county and month. */
export async function makeList(
  db: Kysely<DB>,
  now: Date,
  user: AuthUser,
  input: { county: string; month: string },
) {
  assertInScope(user, input.county);
  const id = await db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('payment_list')
      .selectAll()
      .where('county_code', '=', input.county)
      .where('month', '=', input.month)
      .forUpdate()
      .executeTakeFirst();
    if (old?.state === 'exported')
      throw refuse(
        'E_CONFLICT',
        `the list of ${input.month} was exported; record returns and corrections instead`,
        '本月发放清单已导出，请登记退回或更正',
        { listId: old.id },
      );
    await endGradualExits(trx, user, input.county, input.month, now);
    const due = await paymentRepository.due(trx, input.county, input.month);
    const listId = old
      ? old.id
      : (
          await trx
            .insertInto('payment_list')
            .values({
              county_code: input.county,
              month: input.month,
              state: 'draft',
              created_by: user.id,
              created_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    if (old) await trx.deleteFrom('payment_line').where('list_id', '=', listId).execute();
    for (let i = 0; i < due.length; i += 1000)
      await trx
        .insertInto('payment_line')
        .values(
          due.slice(i, i + 1000).map((d) => ({
            list_id: listId,
            village_code: d.village_code,
            household_id: d.household_id,
            programme: d.programme,
            roll_id: d.roll_id,
            temporary_id: d.temporary_id,
            amount: d.amount,
            state: 'due',
            updated_at: now,
          })),
        )
        .execute();
    const r = reconcile(paymentRepository.toDue(due), listed(due.map((d) => ({ ...d, state: 'due' }))));
    await trx
      .updateTable('payment_list')
      .set({ totals: JSON.stringify({ totals: r.totals }) })
      .where('id', '=', listId)
      .execute();
    await audit(trx, user, 'payment_list', {
      entityType: 'payment_list',
      entityId: listId,
      regionCode: input.county,
      after: { month: input.month, lines: due.length, totals: r.totals, remade: Boolean(old) },
    });
    return listId;
  });
  return id;
}

/** The bank file: whole account numbers, for the county bureau only; every export audited. */
export async function exportList(db: Kysely<DB>, user: AuthUser, id: string, format: 'csv' | 'xlsx') {
  return db.transaction().execute(async (trx) => {
    const l = await listInScope(trx, user, id);
    const [, rows] = await paymentRepository.linesWithPayee(trx, id, { limit: 1_000_000, offset: 0 });
    const net = new Map<string, number>();
    for (const r of rows)
      if (r.state === 'correction' && r.corrects)
        net.set(r.corrects, (net.get(r.corrects) ?? 0) + Number(r.amount));
    const bank: BankRow[] = rows
      .filter((r) => r.state === 'due')
      .map((r, i) => ({
        seq: i + 1,
        villageCode: r.village_code,
        householdNo: r.household_no,
        payee: r.category === 'centralised' ? '集中供养机构' : (r.head_name ?? ''),
        bankName: r.category === 'centralised' ? '' : (r.bank_name ?? ''),
        account: r.category === 'centralised' ? '' : (r.bank_account ?? ''),
        programme: r.programme,
        amount: Math.round((Number(r.amount) + (net.get(r.id) ?? 0)) * 100) / 100,
      }));
    await trx
      .updateTable('payment_list')
      .set((eb) => ({ state: 'exported', exports: eb('exports', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const total = bank.reduce((s, r) => s + r.amount, 0);
    await audit(trx, user, 'payment_export', {
      entityType: 'payment_list',
      entityId: id,
      regionCode: l.county_code,
      after: {
        month: l.month,
        format,
        rows: bank.length,
        total: Math.round(total * 100) / 100,
        withoutAccount: bank.filter((b) => !b.account).length,
      },
    });
    const body = await bankFile(bank, format, `${l.county_code} ${l.month.slice(0, 7)} 社会救助资金发放清单`);
    return {
      body,
      filename: `payments-${l.county_code}-${l.month.slice(0, 7)}.${format}`,
      contentType:
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  });
}

/** The list's stored totals after a return or a correction: its lines against the rolls now. */
async function refreshTotals(trx: Kysely<DB>, list: { id: string; county_code: string; month: string }) {
  // the list locked first: a concurrent return waits, then reads this one's line (read committed)
  await trx.selectFrom('payment_list').select('id').where('id', '=', list.id).forUpdate().execute();
  const [due, lines] = await Promise.all([
    paymentRepository.due(trx, list.county_code, list.month),
    paymentRepository.lines(trx, list.id),
  ]);
  const r = reconcile(paymentRepository.toDue(due), listed(lines));
  await trx
    .updateTable('payment_list')
    .set({ totals: JSON.stringify({ totals: r.totals }) })
    .where('id', '=', list.id)
    .execute();
}

/** The bank returned a line (closed account, deceased payee…). */
export async function returnLine(
  db: Kysely<DB>,
  now: Date,
  user: AuthUser,
  id: string,
  lineId: string,
  note: string,
) {
  await db.transaction().execute(async (trx) => {
    const list = await listInScope(trx, user, id);
    const line = await trx
      .selectFrom('payment_line')
      .selectAll()
      .where('id', '=', lineId)
      .where('list_id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!line) throw notFound('payment line', lineId);
    assertObjectInScope(user, line.village_code, 'payment line', lineId);
    if (line.state !== 'due')
      throw refuse('E_CONFLICT', `line ${lineId} is ${line.state}`, `该行状态为 ${line.state}，不能登记退回`);
    await trx
      .updateTable('payment_line')
      .set({ state: 'returned', note, updated_at: now })
      .where('id', '=', lineId)
      .execute();
    await audit(trx, user, 'payment_return', {
      entityType: 'payment_line',
      entityId: lineId,
      regionCode: line.village_code,
      after: { listId: id, amount: Number(line.amount) },
      reason: note,
    });
    await refreshTotals(trx, list);
  });
}

/** A correction of a line's entry this month (+ back payment, − claw-back), as a line of its own. */
export async function correctLine(
  db: Kysely<DB>,
  now: Date,
  user: AuthUser,
  id: string,
  lineId: string,
  input: { amount: number; note: string },
) {
  await db.transaction().execute(async (trx) => {
    const list = await listInScope(trx, user, id);
    const line = await trx
      .selectFrom('payment_line')
      .selectAll()
      .where('id', '=', lineId)
      .where('list_id', '=', id)
      .executeTakeFirst();
    if (!line || line.state === 'correction') throw notFound('payment line', lineId);
    assertObjectInScope(user, line.village_code, 'payment line', lineId);
    const r = await trx
      .insertInto('payment_line')
      .values({
        list_id: id,
        village_code: line.village_code,
        household_id: line.household_id,
        programme: line.programme,
        roll_id: line.roll_id,
        temporary_id: line.temporary_id,
        amount: String(input.amount),
        state: 'correction',
        corrects: line.id,
        note: input.note,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, user, 'payment_correct', {
      entityType: 'payment_line',
      entityId: r.id,
      regionCode: line.village_code,
      after: { listId: id, corrects: lineId, amount: input.amount },
      reason: input.note,
    });
    await refreshTotals(trx, list);
  });
}
