import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Due, Programme } from '../../domain/safety-net/reconcile.js';
import { inRegion } from '../../kernel/scope.js';

export interface DueRow {
  programme: Programme;
  household_id: string;
  village_code: string;
  roll_id: string | null;
  temporary_id: string | null;
  amount: string;
}

/** SQL of the payment lists; private to the module. */
export const paymentRepository = {
  /**
   * What the rolls and temporary assistance make due in a month in a region: each entry paid that
   * month at the amount of its latest decision effective by then; each temporary aid whose pay
   * month it is.
   */
  async due(db: Kysely<DB>, scope: string, month: string): Promise<DueRow[]> {
    const rolls = await db
      .selectFrom('assistance_roll as r')
      .select([
        'r.programme',
        'r.household_id',
        'r.village_code',
        'r.id as roll_id',
        sql<null>`null`.as('temporary_id'),
        sql<string>`coalesce((select c.amount_after from assistance_roll_change c
          where c.roll_id = r.id and c.effective_month <= ${month}::date
            and c.decision not in ('stop', 'filed', 'dismissed')
          order by c.effective_month desc, c.id desc limit 1), r.monthly_amount)`.as('amount'),
      ])
      .where(inRegion('r.village_code', scope))
      .where('r.start_month', '<=', month)
      .where((eb) => eb.or([eb('r.end_month', 'is', null), eb('r.end_month', '>=', month)]))
      .where((eb) => eb.or([eb('r.state', '<>', 'ceased'), eb('r.end_month', 'is not', null)]))
      .where((eb) =>
        eb.or([
          eb('r.state', '<>', 'gradual_exit'),
          eb('r.gradual_exit_until', 'is', null),
          eb('r.gradual_exit_until', '>=', month),
        ]),
      )
      .orderBy('r.village_code')
      .orderBy('r.id')
      .execute();
    const temporary = await db
      .selectFrom('temporary_assistance as t')
      .select([
        sql<'temporary'>`'temporary'`.as('programme'),
        't.household_id',
        't.village_code',
        sql<null>`null`.as('roll_id'),
        't.id as temporary_id',
        sql<string>`t.amount`.as('amount'),
      ])
      .where(inRegion('t.village_code', scope))
      .where('t.pay_month', '=', month)
      .where('t.state', 'in', ['aided', 'approved', 'regularised'])
      .orderBy('t.village_code')
      .orderBy('t.id')
      .execute();
    return [...(rolls as DueRow[]), ...(temporary as DueRow[])];
  },

  lines: (db: Kysely<DB>, listId: string) =>
    db
      .selectFrom('payment_line')
      .selectAll()
      .where('list_id', '=', listId)
      .orderBy('village_code')
      .orderBy('id')
      .execute(),

  /** Lines with the payee and, for the bank file only, the account. */
  linesWithPayee: (
    db: Kysely<DB>,
    listId: string,
    f: {
      village?: string | undefined;
      programme?: string | undefined;
      state?: string | undefined;
      limit: number;
      offset: number;
    },
  ) => {
    let q = db
      .selectFrom('payment_line as l')
      .innerJoin('household as h', 'h.id', 'l.household_id')
      .leftJoin('assistance_roll as r', 'r.id', 'l.roll_id')
      .where('l.list_id', '=', listId);
    if (f.village) q = q.where(inRegion('l.village_code', f.village));
    if (f.programme) q = q.where('l.programme', '=', f.programme);
    if (f.state) q = q.where('l.state', '=', f.state);
    return Promise.all([
      q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
      q
        .selectAll('l')
        .select(['h.household_no', 'h.head_name', 'h.bank_name', 'h.bank_account', 'r.category'])
        .orderBy('l.village_code')
        .orderBy('l.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
    ]);
  },

  toDue: (rows: readonly DueRow[]): Due[] =>
    rows.map((r) => ({ key: keyOf(r), programme: r.programme, amount: Number(r.amount) })),
};

/** A line's or a due amount's key: its roll entry or its temporary-assistance case. */
export const keyOf = (r: { roll_id: string | null; temporary_id: string | null }) =>
  r.roll_id ? `roll:${r.roll_id}` : `temporary:${r.temporary_id}`;
