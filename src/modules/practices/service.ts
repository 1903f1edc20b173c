import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { termsOf } from '../../domain/search-terms.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, onScopeLine, scopeFor, withinScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { practiceRepository as repo, type PracticeRow } from './repository.js';

export type PracticeKind = 'experience' | 'failure' | 'problem';
export type SourceKind = 'quality_finding' | 'grievance';

export interface PracticeInput {
  kind: PracticeKind;
  regionCode?: string | undefined;
  authorUnit?: string | undefined;
  title: string;
  summary: string;
  body: string;
  actions: string;
  results: string;
  lessons: string;
  projectIds: string[];
  measureCodes: string[];
  causes: string[];
  tags: string[];
  source?: { kind: SourceKind; id: string } | undefined;
}

export interface ListInput {
  q?: string | undefined;
  region?: string | undefined;
  kind?: PracticeKind | undefined;
  cause?: string | undefined;
  measure?: string | undefined;
  state?: 'submitted' | 'approved' | 'returned' | undefined;
  limit: number;
}

/** The roles that write practice entries (the staff ladder) and those that review them (the county). */
const WRITERS = new Set(['village_cadre', 'township_officer', 'county_officer', 'admin']);
const REVIEWERS = new Set(['county_officer', 'admin']);

export const practiceDto = (p: PracticeRow, regionName: string | null = null) => ({
  id: p.id,
  kind: p.kind as PracticeKind,
  region: p.region_code,
  regionName,
  county: p.county_code,
  authorUnit: p.author_unit,
  title: p.title,
  summary: p.summary,
  body: p.body,
  actions: p.actions,
  results: p.results,
  lessons: p.lessons,
  projectIds: p.project_ids,
  measureCodes: p.measure_codes,
  causes: p.causes,
  tags: p.tags,
  state: p.state as 'submitted' | 'approved' | 'returned',
  reviewNote: p.review_note,
  reviewedAt: p.reviewed_at ? new Date(p.reviewed_at).toISOString() : null,
  source:
    p.source_kind && p.source_id !== null ? { kind: p.source_kind as SourceKind, id: p.source_id } : null,
  createdAt: new Date(p.created_at).toISOString(),
  version: p.version,
});

/** Whether the user reads the entry (the SQL `readable` of the repository, for one row). */
export function readsPractice(user: AuthUser, p: PracticeRow): boolean {
  if (!onScopeLine(user, p.county_code)) return false;
  return p.state === 'approved' || onScopeLine(user, p.author_scope);
}

const invalid = (field: string, message: string, messageZh: string) =>
  new AppError('E_VALIDATION', `Invalid ${field}: ${message}`, { field, message, messageZh });

/**
 * The practice library (案例库, issue 21 item 3): entries written by the staff of a village work
 * team, township or county about a place within their scope, reviewed by the county; approved
 * entries are read county-wide (and above), the others only on the author's unit's line. Audited.
 */
export function createPracticeService(db: Kysely<DB>) {
  async function visible(user: AuthUser, id: string) {
    const p = await repo.byId(db, id);
    if (!p || !readsPractice(user, p)) throw notFound('practice', id);
    return p;
  }

  async function checkReferences(user: AuthUser, input: PracticeInput) {
    const known = await repo.knownMeasures(db, input.measureCodes);
    const unknown = input.measureCodes.find((c) => !known.has(c));
    if (unknown)
      throw invalid('body.measureCodes', `${unknown} is not a catalogue code`, `${unknown} 不是措施目录代码`);
    const projects = await repo.projectVillages(db, input.projectIds);
    for (const id of input.projectIds)
      assertObjectInScope(user, projects.find((p) => p.id === id)?.village_code, 'project', id);
    if (input.source) {
      const region = await repo.sourceRegion(db, input.source.kind, input.source.id);
      assertObjectInScope(user, region, input.source.kind, input.source.id);
    }
  }

  return {
    async list(user: AuthUser, f: ListInput) {
      const region = f.region ? scopeFor(user, f.region) : null;
      const rows = await repo.list(db, { ...f, scope: user.scopeCode, region, terms: termsOf(f.q) });
      return rows.map((r) => practiceDto(r));
    },

    async get(user: AuthUser, id: string) {
      const p = await visible(user, id);
      return practiceDto(p, await repo.regionName(db, p.region_code));
    },

    async create(user: AuthUser, input: PracticeInput) {
      if (!WRITERS.has(user.role))
        throw new AppError('E_FORBIDDEN', 'Your role does not write practice entries', {
          messageZh: '您的角色不能撰写案例',
        });
      const region = scopeFor(user, input.regionCode ?? null);
      if (region.length < 6)
        throw invalid('body.regionCode', 'name a county, township or village', '请选择县、乡镇或村');
      await checkReferences(user, input);
      const unit =
        input.authorUnit ?? (await repo.regionName(db, user.scopeCode)) ?? (user.scopeCode || '全国');
      return db.transaction().execute(async (trx) => {
        const row = await repo.insert(trx, {
          kind: input.kind,
          region_code: region,
          county_code: region.slice(0, 6),
          author_scope: user.scopeCode,
          author_unit: unit,
          title: input.title,
          summary: input.summary,
          body: input.body,
          actions: input.actions,
          results: input.results,
          lessons: input.lessons,
          project_ids: input.projectIds,
          measure_codes: [...new Set(input.measureCodes)],
          causes: [...new Set(input.causes)],
          tags: [...new Set(input.tags)],
          source_kind: input.source?.kind ?? null,
          source_id: input.source?.id ?? null,
          created_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'practice.create',
          entityType: 'practice',
          entityId: row.id,
          regionCode: region,
          after: { kind: input.kind, title: input.title, region, source: input.source ?? null },
        });
        return practiceDto(row);
      });
    },

    async review(
      user: AuthUser,
      id: string,
      d: { decision: 'approve' | 'return'; note?: string | undefined; version: number },
    ) {
      const p = await visible(user, id);
      if (!REVIEWERS.has(user.role) || !withinScope(user, p.county_code))
        throw new AppError('E_FORBIDDEN', 'Only the county reviews practice entries', {
          messageZh: '案例由县级审核',
        });
      if (d.decision === 'return' && !d.note)
        throw invalid('body.note', 'a returned entry needs a note for its author', '退回须写明意见');
      return db.transaction().execute(async (trx) => {
        const state = d.decision === 'approve' ? 'approved' : 'returned';
        const row = await repo.review(trx, id, d.version, { state, note: d.note ?? null, by: user.id });
        if (!row)
          throw new AppError(
            'E_CONFLICT',
            `Practice ${id} is ${p.state} (version ${p.version}): not waiting for review`,
            {
              state: p.state,
              version: p.version,
              messageZh: '该案例不在待审状态或已被他人修改',
            },
          );
        await recordAudit(trx, actorOf(user), {
          action: 'practice.review',
          entityType: 'practice',
          entityId: id,
          regionCode: p.region_code,
          before: { state: p.state },
          after: { state, note: d.note ?? null },
        });
        return practiceDto(row);
      });
    },
  };
}
export type PracticeService = ReturnType<typeof createPracticeService>;
