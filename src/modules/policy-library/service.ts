import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { settingRegionOf } from '../../domain/catalogue/regional.js';
import { permissionsOf } from '../../domain/roles.js';
import { termsOf } from '../../domain/search-terms.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { onScopeLine } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { libraryRepository as repo, type DocumentRow } from './repository.js';

export interface DocumentInput {
  title: string;
  issuer: string;
  docNo: string | null;
  issuedOn: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  body: string;
  bodyIsSummary: boolean;
}

/** National, provincial, prefectural or county by the length of the region code. */
export const levelOf = (region: string) =>
  (({ 0: 'national', 2: 'provincial', 4: 'prefectural', 6: 'county' }) as const)[
    region.length as 0 | 2 | 4 | 6
  ] ?? 'county';

const documentDto = (d: DocumentRow) => ({
  id: d.id,
  key: d.key,
  region: d.region_code,
  level: levelOf(d.region_code),
  title: d.title,
  issuer: d.issuer,
  docNo: d.doc_no,
  issuedOn: d.issued_on,
  effectiveFrom: d.effective_from,
  effectiveTo: d.effective_to,
  body: d.body,
  bodyIsSummary: d.body_is_summary,
  attachmentId: d.attachment_id,
  version: d.version,
});

/**
 * The policy library (issue 21): documents of the country and of the regions on the reader's line
 * (above and within the scope; another county's documents are not shown), searched in Chinese;
 * what each grounds (rules, parameters, catalogue entries). Kept by county officers and above for
 * their own region (national documents: the whole-country scope); audited.
 */
export function createPolicyLibraryService(db: Kysely<DB>) {
  async function visible(user: AuthUser, id: string) {
    const d = await repo.document(db, id);
    if (!d || !onScopeLine(user, d.region_code)) throw notFound('policy document', id);
    return d;
  }

  return {
    async search(user: AuthUser, q: string | undefined, limit: number) {
      const rows = await repo.search(db, user.scopeCode, termsOf(q), limit);
      return rows.map((r) => ({
        id: r.id,
        key: r.key,
        region: r.region_code,
        level: levelOf(r.region_code),
        title: r.title,
        issuer: r.issuer,
        docNo: r.doc_no,
        issuedOn: r.issued_on,
        effectiveFrom: r.effective_from,
        effectiveTo: r.effective_to,
        bodyIsSummary: r.body_is_summary,
        excerpt: r.excerpt,
      }));
    },

    async get(user: AuthUser, id: string) {
      const d = await visible(user, id);
      const [links, entries] = await Promise.all([
        repo.linksOf(db, d.id),
        d.key ? repo.citingEntries(db, d.key) : Promise.resolve([]),
      ]);
      return {
        ...documentDto(d),
        grounds: links.map((l) => ({ kind: l.target_kind as 'rule' | 'param', key: l.target_key })),
        catalogueEntries: entries
          .filter((e) => onScopeLine(user, e.region_code))
          .map((e) => ({ code: e.code, nameZh: e.name_zh, nameEn: e.name_en, region: e.region_code })),
      };
    },

    /** The policy basis of every rule and parameter, for "policy basis" beside reasons and values. */
    async basis(user: AuthUser) {
      const rows = await repo.allLinks(db, user.scopeCode);
      return rows.map((r) => ({
        kind: r.target_kind as 'rule' | 'param',
        key: r.target_key,
        documentId: r.id,
        title: r.title,
        docNo: r.doc_no,
        region: r.region_code,
      }));
    },

    async create(user: AuthUser, input: DocumentInput, reason?: string) {
      const region = permissionsOf(user.role).editMeasureCatalogue ? settingRegionOf(user.scopeCode) : null;
      if (region === null)
        throw new AppError(
          'E_FORBIDDEN',
          'Only county officers and above may add policy documents (for their own region)',
        );
      if (input.effectiveFrom && input.effectiveTo && input.effectiveTo < input.effectiveFrom)
        throw new AppError('E_VALIDATION', 'Invalid body.effectiveTo: before body.effectiveFrom', [
          { field: 'body.effectiveTo', message: `${input.effectiveTo} is before ${input.effectiveFrom}` },
        ]);
      return db.transaction().execute(async (trx) => {
        const row = await repo.insert(trx, {
          region_code: region,
          title: input.title,
          issuer: input.issuer,
          doc_no: input.docNo,
          issued_on: input.issuedOn,
          effective_from: input.effectiveFrom,
          effective_to: input.effectiveTo,
          body: input.body,
          body_is_summary: input.bodyIsSummary,
          created_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'policy_document.create',
          entityType: 'policy_document',
          entityId: row.id,
          regionCode: region === '' ? null : region,
          after: { title: input.title, docNo: input.docNo, region },
          reason: reason ?? null,
        });
        return documentDto(row);
      });
    },
  };
}
export type PolicyLibraryService = ReturnType<typeof createPolicyLibraryService>;
