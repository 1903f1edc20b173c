import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  assessRequest,
  DEFAULT_INSPECTION_LIMITS,
  flagInspections,
  formOf,
  FORMS,
  levelOfRole,
  REPORT_KINDS,
  REPORT_NAMES,
  type InspectionLimits,
  type Level,
  type ReportKind,
} from '../../domain/burden/catalogue.js';
import { rosterLayout } from '../../domain/export/layouts.js';
import { HOUSEHOLD_RULE_NAMES } from '../../domain/rules/index.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { auditRepository } from '../audit/repository.js';
import { GENESIS_HASH } from '../../domain/audit-chain.js';
import { recordAudit } from '../audit/service.js';
import type { AuthUser } from '../../kernel/user.js';
import { burdenRepository as repo } from './repository.js';
import { buildReport, reportXlsx } from './reports.js';
import type { Clock } from '../../kernel/clock.js';

/**
 * The burden meter (减负): what the system asked grassroots cadres to enter against what it derived
 * itself; standard reports generated on demand (logged, so derived work is counted); the register
 * of data requests and inspections from higher levels, with flags for requests for data the system
 * already holds and for inspections beyond the configured frequency.
 */
export interface RequestInput {
  region: string;
  requester: string;
  requesterLevel: string;
  title: string;
  items: string[];
  receivedOn: string;
  dueOn?: string | null | undefined;
}

export interface InspectionInput {
  region: string;
  inspector: string;
  inspectorLevel: string;
  purpose: string;
  startOn: string;
  days: number;
  note?: string | null | undefined;
}

const LIMITS_KEY = 'burden:inspection-limits';
const LEVELS: Level[] = ['village', 'township', 'county', 'national', 'household', 'system'];
const actorOf = (u: AuthUser) => ({ id: u.id, name: u.username });

function mayRegister(user: AuthUser) {
  if (!permissionsOf(user.role).keepBurdenRegisters)
    throw new AppError(
      'E_FORBIDDEN',
      'Only township officers and above keep the request and inspection registers',
    );
}

export function createBurdenService(db: Kysely<DB>, clock: Clock) {
  async function regionOf(code: string) {
    if (code === '') return { code: '', name: '全国' };
    const r = await db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!r) throw new AppError('E_NOT_FOUND', `No region ${code}`);
    return r;
  }

  async function limits(): Promise<InspectionLimits> {
    const row = await db
      .selectFrom('app_meta')
      .select('value')
      .where('key', '=', LIMITS_KEY)
      .executeTakeFirst();
    return { ...DEFAULT_INSPECTION_LIMITS, ...((row?.value as Partial<InspectionLimits> | undefined) ?? {}) };
  }

  const headHash = async () => (await auditRepository.headHash(db)) ?? GENESIS_HASH;

  return {
    /** Asked versus derived for a region and year, by level. */
    async meter(user: AuthUser, region: string | undefined, year: number) {
      const scope = region ?? user.scopeCode;
      assertInScope(user, scope);
      const [entries, records, logged, exports, evaluations] = await Promise.all([
        repo.entries(db, scope, year),
        repo.records(db, scope, year),
        repo.reports(db, scope, year),
        repo.exports(db, scope, year),
        repo.evaluations(db, scope, year),
      ]);
      // roster and list exports are audited by the household export, not logged here
      const reports = [
        ...logged,
        { kind: 'roster', n: exports.n, cells: exports.rows * rosterLayout(year).length },
      ];
      const forms = FORMS.map((f) => ({
        id: f.id,
        zh: f.zh,
        en: f.en,
        fieldsPerFilling: f.fields,
        byLevel: Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>,
        fillings: 0,
        fields: 0,
      }));
      const asked = Object.fromEntries(LEVELS.map((l) => [l, { fillings: 0, fields: 0 }])) as Record<
        Level,
        { fillings: number; fields: number }
      >;
      const count = (formId: string, level: Level, fillings: number) => {
        const f = forms.find((x) => x.id === formId)!;
        f.byLevel[level] += fillings;
        f.fillings += fillings;
        f.fields += fillings * f.fieldsPerFilling;
        asked[level].fillings += fillings;
        asked[level].fields += fillings * f.fieldsPerFilling;
      };
      for (const e of entries) {
        const form = formOf(e.action);
        if (form && !form.table) count(form.id, levelOfRole(e.role), e.fillings);
      }
      for (const form of FORMS) if (form.table) count(form.id, 'village', records[form.table]);
      const reportCells = reports.reduce((s, r) => s + r.cells, 0);
      const decisions = evaluations.households * HOUSEHOLD_RULE_NAMES.length;
      const grassroots = asked.village.fields + asked.township.fields;
      return {
        region: scope,
        year,
        forms,
        asked,
        derived: {
          reports: REPORT_KINDS.map((k) => ({
            kind: k,
            zh: REPORT_NAMES[k].zh,
            en: REPORT_NAMES[k].en,
            generated: reports.find((r) => r.kind === k)?.n ?? 0,
            cells: reports.find((r) => r.kind === k)?.cells ?? 0,
          })),
          reportCells,
          evaluationRuns: evaluations.runs,
          ruleDecisions: decisions,
          figures: reportCells + decisions,
        },
        grassrootsFields: grassroots,
        derivedPerField: grassroots > 0 ? (reportCells + decisions) / grassroots : null,
      };
    },

    reportKinds: () => REPORT_KINDS.map((k) => ({ kind: k, ...REPORT_NAMES[k] })),

    /** A standard report as a table (print view, format 'print') or an XLSX file; logged. */
    async report(
      user: AuthUser,
      kind: Exclude<ReportKind, 'roster'>,
      q: { region?: string | undefined; year: number; format: 'print' | 'xlsx' },
    ) {
      const code = q.region ?? user.scopeCode;
      assertInScope(user, code);
      const region = await regionOf(code);
      const table = await buildReport(db, user, kind, region, q.year, await headHash(), clock.now());
      const cells = (table.rows.length + (table.totals ? 1 : 0)) * table.columns.length;
      await repo.logReport(db, {
        kind,
        region_code: code,
        year: q.year,
        format: q.format,
        rows: table.rows.length,
        cells,
        head_hash: table.headHash,
        generated_by: user.id,
      });
      if (q.format === 'print') return { table, file: null };
      return {
        table,
        file: {
          filename: `${kind}-${code || 'national'}-${q.year}.xlsx`,
          body: await reportXlsx(table),
        },
      };
    },

    async requests(user: AuthUser, region: string | undefined, year: number) {
      const scope = region ?? user.scopeCode;
      assertInScope(user, scope);
      return (await repo.requests(db, scope, year)).map((r) => ({
        id: r.id,
        region: r.region_code,
        requester: r.requester,
        requesterLevel: r.requester_level,
        title: r.title,
        items: r.items,
        receivedOn: r.received_on,
        dueOn: r.due_on,
        status: r.status,
        responseNote: r.response_note,
        version: r.version,
        assessment: assessRequest(r.items),
      }));
    },

    async addRequest(user: AuthUser, input: RequestInput) {
      mayRegister(user);
      assertInScope(user, input.region);
      await regionOf(input.region);
      const assessment = assessRequest(input.items);
      if (assessment.unknown.length)
        throw new AppError(
          'E_VALIDATION',
          `items: not in the data-item catalogue: ${assessment.unknown.join(', ')}`,
        );
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('data_request')
          .values({
            region_code: input.region,
            requester: input.requester.trim(),
            requester_level: input.requesterLevel,
            title: input.title.trim(),
            items: input.items,
            received_on: input.receivedOn,
            due_on: input.dueOn ?? null,
            created_by: user.id,
          })
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(user), {
          action: 'burden.request',
          entityType: 'data_request',
          entityId: row.id,
          regionCode: input.region,
          after: { ...input, answerableFromSystem: assessment.answerableFromSystem },
        });
        return { id: row.id, version: row.version, assessment };
      });
    },

    async answerRequest(
      user: AuthUser,
      id: string,
      input: {
        version: number;
        status: 'answered_by_report' | 'answered_by_villages' | 'declined';
        note: string;
      },
    ) {
      mayRegister(user);
      const cur = await repo.request(db, id);
      if (!cur) throw new AppError('E_NOT_FOUND', `No data request ${id}`);
      assertInScope(user, cur.region_code);
      if (!input.note.trim())
        throw new AppError('E_VALIDATION', 'note: say how the request was answered or why it was declined');
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('data_request')
          .set((eb) => ({
            status: input.status,
            response_note: input.note.trim(),
            version: eb('version', '+', 1),
          }))
          .where('id', '=', id)
          .where('version', '=', input.version)
          .returning(['version', 'status'])
          .executeTakeFirst();
        if (!row) throw new AppError('E_CONFLICT', `Data request ${id} was changed by someone else; reload`);
        await recordAudit(trx, actorOf(user), {
          action: 'burden.request_answer',
          entityType: 'data_request',
          entityId: id,
          regionCode: cur.region_code,
          before: { status: cur.status },
          after: { status: input.status, note: input.note.trim() },
        });
        return row;
      });
    },

    async inspections(user: AuthUser, region: string | undefined, year: number) {
      const scope = region ?? user.scopeCode;
      assertInScope(user, scope);
      const [rows, lim] = await Promise.all([repo.inspections(db, scope, year), limits()]);
      const flags = flagInspections(
        rows.map((r) => ({ id: r.id, regionCode: r.region_code, startOn: r.start_on, days: r.days })),
        lim,
      );
      return {
        limits: lim,
        items: rows.map((r) => ({
          id: r.id,
          region: r.region_code,
          inspector: r.inspector,
          inspectorLevel: r.inspector_level,
          purpose: r.purpose,
          startOn: r.start_on,
          days: r.days,
          note: r.note,
          ...flags.get(r.id)!,
        })),
      };
    },

    async addInspection(user: AuthUser, input: InspectionInput) {
      mayRegister(user);
      assertInScope(user, input.region);
      await regionOf(input.region);
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('inspection')
          .values({
            region_code: input.region,
            inspector: input.inspector.trim(),
            inspector_level: input.inspectorLevel,
            purpose: input.purpose.trim(),
            start_on: input.startOn,
            days: input.days,
            note: input.note?.trim() || null,
            created_by: user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(user), {
          action: 'burden.inspection',
          entityType: 'inspection',
          entityId: row.id,
          regionCode: input.region,
          after: { ...input },
        });
        return { id: row.id };
      });
    },

    limits,

    async setLimits(user: AuthUser, next: InspectionLimits, reason: string) {
      if (!permissionsOf(user.role).setInspectionLimits)
        throw new AppError('E_FORBIDDEN', 'Only county officers and above set the inspection limits');
      if (!reason.trim()) throw new AppError('E_VALIDATION', 'reason: required');
      const before = await limits();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('app_meta')
          .values({ key: LIMITS_KEY, value: JSON.stringify(next) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
          .execute();
        await recordAudit(trx, actorOf(user), {
          action: 'burden.limits',
          entityType: 'setting',
          entityId: LIMITS_KEY,
          regionCode: null,
          before: { ...before },
          after: { ...next },
          reason,
        });
      });
      return next;
    },
  };
}

export type BurdenService = ReturnType<typeof createBurdenService>;
