import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, WarningSignalTable } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of the warnings module: signals, disaster areas, vulnerability facts and the set-based derivations. */
export interface SignalRow {
  id: string;
  household_id: string;
  channel: string;
  kind: string;
  observed_on: string;
  detail: unknown;
  source: string | null;
  created_by: string | null;
  created_at: Date;
  status: string;
  resolved_reason: string | null;
  case_id: string | null;
}

export interface ScopedSignalRow extends SignalRow {
  household_no: string;
  head_name: string | null;
  village_code: string;
  village_name: string | null;
  household_status: string;
}

export interface VulnerabilityRow {
  household_id: string;
  no_labour: boolean;
  serious_illness: boolean;
  disability: boolean;
  elderly_alone: boolean;
}

const SIGNAL_COLUMNS = [
  's.id',
  's.household_id',
  's.channel',
  's.kind',
  's.observed_on',
  's.detail',
  's.source',
  's.created_by',
  's.created_at',
  's.status',
  's.resolved_reason',
  's.case_id',
] as const;

const affected = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);
const CHINA_DAY = (col: string) => sql`(${sql.ref(col)} at time zone 'Asia/Shanghai')::date`;
const DERIVED_CONFLICT = sql`on conflict (household_id, channel, kind, source, village_code) where source is not null do nothing`;

export const warningRepository = {
  household: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'household_no', 'village_code', 'status', 'head_name'])
      .where('id', '=', id)
      .executeTakeFirst(),

  async insertSignal(db: Kysely<DB>, row: Insertable<WarningSignalTable>): Promise<string> {
    const r = await db.insertInto('warning_signal').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  signalsOfHousehold: (db: Kysely<DB>, householdId: string): Promise<SignalRow[]> =>
    db
      .selectFrom('warning_signal as s')
      .select(SIGNAL_COLUMNS)
      .where('s.household_id', '=', householdId)
      .orderBy('s.observed_on', 'desc')
      .orderBy('s.id', 'desc')
      .execute(),

  /** Every signal of a status in a region, with its household (the worklist scores them in memory). */
  signalsInScope: (db: Kysely<DB>, scope: string, status: string): Promise<ScopedSignalRow[]> =>
    db
      .selectFrom('warning_signal as s')
      .innerJoin('household as h', 'h.id', 's.household_id')
      .leftJoin('region as v', 'v.code', 'h.village_code')
      .select([
        ...SIGNAL_COLUMNS,
        'h.household_no',
        'h.head_name',
        'h.village_code',
        'v.name as village_name',
        'h.status as household_status',
      ])
      .where('s.status', '=', status)
      .where(inRegion('h.village_code', scope))
      // the signal's own village too: a scoped worklist reads only its province's partitions
      .where(inRegion('s.village_code', scope))
      .execute(),

  /** Vulnerability of households from their present members (one row per household with members). */
  async vulnerability(db: Kysely<DB>, ids: string[], elderlyAge: number, today: string) {
    const out: VulnerabilityRow[] = [];
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000);
      const r = await sql<VulnerabilityRow>`
        select household_id::text as household_id,
          bool_and(coalesce(labour_capacity, '') in ('lost', 'none')) as no_labour,
          bool_or(health = 'serious') as serious_illness,
          bool_or(health = 'disabled' or disability_grade is not null) as disability,
          (bool_and(birth_date <= (${today}::date - make_interval(years => ${elderlyAge}))) and count(*) <= 2)
            as elderly_alone
        from member
        where household_id = any(${chunk}::bigint[]) and member_status = 'present'
        group by household_id`.execute(db);
      out.push(...r.rows);
    }
    return out;
  },

  async markCaseOpened(db: Kysely<DB>, householdId: string, caseId: string, userId: string, now: Date) {
    const r = await db
      .updateTable('warning_signal')
      .set({ status: 'case_opened', case_id: caseId, resolved_by: userId, resolved_at: now })
      .where('household_id', '=', householdId)
      .where('status', '=', 'open')
      .returning('id')
      .execute();
    return r.map((x) => x.id);
  },

  async dismiss(
    db: Kysely<DB>,
    householdId: string,
    ids: string[] | null,
    reason: string,
    userId: string,
    now: Date,
  ) {
    let q = db
      .updateTable('warning_signal')
      .set({ status: 'dismissed', resolved_reason: reason, resolved_by: userId, resolved_at: now })
      .where('household_id', '=', householdId)
      .where('status', '=', 'open');
    if (ids) q = q.where('id', 'in', ids);
    const r = await q.returning('id').execute();
    return r.map((x) => x.id);
  },

  async insertDisasterAreas(db: Kysely<DB>, rows: Insertable<DB['disaster_area']>[]) {
    if (rows.length === 0) return [];
    return db
      .insertInto('disaster_area')
      .values(rows)
      .onConflict((oc) => oc.columns(['village_code', 'kind', 'started_on']).doNothing())
      .returning(['id', 'village_code'])
      .execute();
  },

  disasterAreas: (db: Kysely<DB>, scope: string) =>
    db
      .selectFrom('disaster_area as d')
      .leftJoin('region as v', 'v.code', 'd.village_code')
      .select([
        'd.id',
        'd.village_code',
        'v.name as village_name',
        'd.kind',
        'd.started_on',
        'd.ended_on',
        'd.severity',
        'd.source',
        'd.note',
      ])
      .where(inRegion('d.village_code', scope))
      .orderBy('d.started_on', 'desc')
      .orderBy('d.village_code')
      .limit(500)
      .execute(),

  villages: (db: Kysely<DB>, codes: string[]) =>
    codes.length === 0
      ? Promise.resolve([])
      : db.selectFrom('region').select(['code', 'level']).where('code', 'in', codes).execute(),

  /**
   * Medical bills matched by valid ID number to a present member in the list's scope: a signal when
   * the bill reaches `threshold` yuan, or `share` of the household's latest annual net income, or
   * gives no amount. Records whose match a reviewer dismissed are left out.
   */
  async deriveMedicalBills(db: Kysely<DB>, scope: string, threshold: number, share: number) {
    const r = await sql`
      insert into warning_signal (household_id, village_code, channel, kind, observed_on, detail, source)
      select h.id, h.village_code, 'department', 'medical_bill', ${CHINA_DAY('dl.imported_at')},
        jsonb_build_object('amount', b.amount, 'annualIncome', hy.net_income, 'listId', dl.id::text,
          'recordId', r.id::text, 'memberId', m.id::text, 'department', dl.department),
        'department_record:' || r.id
      from department_record r
      join department_list dl on dl.id = r.list_id and dl.kind = 'medical_bill'
      join member m on m.id_number = r.id_number and m.member_status = 'present'
      join household h on h.id = m.household_id
        and left(h.village_code, length(dl.scope_code)) = dl.scope_code
      cross join lateral (select nullif(regexp_replace(coalesce(r.attributes->>'medical_amount', ''),
        '[^0-9.]', '', 'g'), '')::numeric as amount) b
      left join lateral (select y.net_income from household_year y where y.household_id = h.id
        order by y.year desc limit 1) hy on true
      where r.id_valid and ${inRegion('h.village_code', scope)}
        and (b.amount is null or b.amount >= ${threshold}
          or (hy.net_income > 0 and b.amount >= ${share} * hy.net_income))
        and not exists (select 1 from match_flag f
          where f.record_id = r.id and f.member_id = m.id and f.status = 'dismissed')
      ${DERIVED_CONFLICT}`.execute(db);
    return affected(r);
  },

  /** Dropouts, job losses and dangerous houses from match flags (fuzzy matches once confirmed). */
  async deriveFromFlags(db: Kysely<DB>, scope: string) {
    const r = await sql`
      insert into warning_signal (household_id, village_code, channel, kind, observed_on, detail, source)
      select f.household_id, h.village_code, 'department',
        case f.flag_kind when 'job_loss' then 'job_loss_list' else f.flag_kind end,
        ${CHINA_DAY('f.created_at')},
        jsonb_build_object('flagId', f.id::text, 'listKind', f.list_kind, 'memberId', f.member_id::text,
          'matchType', f.match_type),
        'match_flag:' || f.id
      from match_flag f
      join household h on h.id = f.household_id
      where f.flag_kind in ('school_dropout', 'job_loss', 'dangerous_house')
        and f.status <> 'dismissed' and (f.match_type = 'exact_id' or f.status = 'confirmed')
        and ${inRegion('h.village_code', scope)}
      ${DERIVED_CONFLICT}`.execute(db);
    return affected(r);
  },

  /** Every household of a declared disaster village (areas still current or ended within a year). */
  async deriveDisasterAreas(db: Kysely<DB>, scope: string, today: string) {
    const r = await sql`
      insert into warning_signal (household_id, village_code, channel, kind, observed_on, detail, source)
      select h.id, h.village_code, 'department', 'disaster_area', d.started_on,
        jsonb_build_object('disasterKind', d.kind, 'severity', d.severity, 'areaId', d.id::text,
          'source', d.source),
        'disaster_area:' || d.id
      from disaster_area d
      join household h on h.village_code = d.village_code
      where ${inRegion('d.village_code', scope)}
        and (d.ended_on is null or d.ended_on >= ${today}::date - 365)
      ${DERIVED_CONFLICT}`.execute(db);
    return affected(r);
  },

  /** Monitoring-range items of an evaluation run (in range: unstable or marginal) with the rule's numbers. */
  monitoringItems: (db: Kysely<DB>, runId: string, scope: string) =>
    sql<{
      household_id: string;
      village_code: string;
      /** the household's village now (the signal's: the run may predate a move) */
      household_village: string;
      decision: string;
      per_capita: string | null;
      line: string | null;
    }>`
      select w.household_id::text as household_id, w.village_code, k.village_code as household_village, w.decision,
        (select x->>'value' from jsonb_array_elements(w.reasons) x
          where x->>'criterion' = 'income_in_monitoring_range' limit 1) as per_capita,
        (select x->>'threshold' from jsonb_array_elements(w.reasons) x
          where x->>'criterion' = 'income_in_monitoring_range' limit 1) as line
      from worklist_item w join household_key k on k.id = w.household_id
      where w.run_id = ${runId} and w.rule = 'monitoring' and w.decision in ('unstable', 'marginal')
        and ${inRegion('w.village_code', scope)}`
      .execute(db)
      .then((r) => r.rows),

  /** Income signals, one per household and year: a rerun refreshes an open one's numbers. */
  async upsertIncome(db: Kysely<DB>, rows: Insertable<WarningSignalTable>[]) {
    let n = 0;
    for (let i = 0; i < rows.length; i += 2000) {
      const r = await db
        .insertInto('warning_signal')
        .values(rows.slice(i, i + 2000))
        .onConflict((oc) =>
          oc
            .columns(['household_id', 'channel', 'kind', 'source', 'village_code'])
            .where('source', 'is not', null)
            .doUpdateSet({
              detail: (eb) => eb.ref('excluded.detail'),
              observed_on: (eb) => eb.ref('excluded.observed_on'),
            })
            .where('warning_signal.status', '=', 'open'),
        )
        .executeTakeFirst();
      n += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    return n;
  },
};
