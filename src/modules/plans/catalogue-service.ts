import type { Insertable, Kysely } from 'kysely';
import type { DB, MeasureCatalogueLocalTable, MeasureCatalogueTable } from '../../db/types.js';
import type { Eligibility } from '../../domain/catalogue/eligibility.js';
import { settingRegionOf } from '../../domain/catalogue/regional.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import {
  explained,
  regionalCatalogue,
  regionalRepository,
  type ExplainedEntry,
} from './catalogue-regional.js';
import { conflict, invalid, same } from './plan-view.js';
import { plansRepository as repo } from './repository.js';

export interface CatalogueInput {
  nameZh: string;
  nameEn: string;
  batch: string;
  measureType: string;
  causes: string[];
  conditions: string[];
  labour: string;
  fundingSource: string | null;
  defaultAmount: number | null;
  responsibleUnit: string | null;
  months: number;
  sort: number;
  active: boolean;
  descriptionZh?: string | undefined;
  descriptionEn?: string | undefined;
  eligibility?: Eligibility | null | undefined;
  howToApplyZh?: string | undefined;
  howToApplyEn?: string | undefined;
  documents?: string[] | undefined;
  contact?: string | null | undefined;
  limitsZh?: string | undefined;
  policyBasis?: string[] | undefined;
}

const CATALOGUE_COLUMNS = {
  nameZh: 'name_zh',
  nameEn: 'name_en',
  batch: 'batch',
  measureType: 'measure_type',
  causes: 'causes',
  conditions: 'conditions',
  labour: 'labour',
  fundingSource: 'funding_source',
  defaultAmount: 'default_amount',
  responsibleUnit: 'responsible_unit',
  months: 'months',
  sort: 'sort',
  active: 'active',
  descriptionZh: 'description_zh',
  descriptionEn: 'description_en',
  eligibility: 'eligibility',
  howToApplyZh: 'how_to_apply_zh',
  howToApplyEn: 'how_to_apply_en',
  documents: 'documents',
  contact: 'contact',
  limitsZh: 'limits_zh',
  policyBasis: 'policy_basis',
} as const;
type Field = keyof typeof CATALOGUE_COLUMNS;

/** Column values of an entry (names of the tables' columns). */
type Columns = Record<string, unknown>;
type LocalInsert = Insertable<MeasureCatalogueLocalTable>;

/** A column's value as written: the eligibility tree as JSON text. */
const columnValue = (k: string, v: unknown) =>
  k === 'eligibility' ? (v === null ? null : JSON.stringify(v)) : v;

/** The columns of an entry's fields (those given). */
function columnsOf(fields: object): Columns {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(CATALOGUE_COLUMNS)) {
    const v = (fields as Record<string, unknown>)[k];
    if (v !== undefined) out[col] = columnValue(k, v);
  }
  return out;
}

/** The region a user keeps catalogue entries for ('' the national catalogue), or E_FORBIDDEN. */
function editRegion(user: AuthUser): string {
  const region = permissionsOf(user.role).editMeasureCatalogue ? settingRegionOf(user.scopeCode) : null;
  // national entries are kept by administrators of the whole country, as every regional setting
  if (region === null || (region === '' && user.role !== 'admin'))
    throw new AppError(
      'E_FORBIDDEN',
      'Only county officers and above may edit the measure catalogue (national entries: administrators of the whole country)',
    );
  return region;
}

/** The changed fields of a catalogue entry: audit before/after and the columns to set. */
function catalogueDiff(current: ExplainedEntry, fields: Partial<CatalogueInput>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(CATALOGUE_COLUMNS)) {
    const v = (fields as Record<string, unknown>)[k];
    const now = current[k as Field];
    if (v === undefined || same(v, now)) continue;
    before[k] = now;
    after[k] = v;
    set[col] = columnValue(k, v);
  }
  return { before, after, set };
}

/** The editor's region for the audit event (the country: null). */
const eventRegion = (region: string) => (region === '' ? null : region);

/**
 * The measure catalogue (五个一批) as a regional setting: read by everyone for their region, national
 * entries kept at the whole-country scope, provinces / prefectures / counties adding entries and
 * overriding inherited ones for their own region (audited).
 */
export function createCatalogueService(db: Kysely<DB>) {
  /** Insert a region's own row: a new entry, or an override seeded with the inherited entry. */
  function insertLocal(trx: Kysely<DB>, region: string, code: string, set: Columns, base?: ExplainedEntry) {
    const seed = base ? columnsOf(base) : {};
    return regionalRepository.insertLocal(trx, { ...seed, ...set, region_code: region, code } as LocalInsert);
  }

  return {
    /** The catalogue effective in `region` (default: the reader's scope). */
    async catalogueRows(user?: AuthUser, region?: string) {
      return regionalCatalogue(db, user ? scopeFor(user, region) : '');
    },

    async createCatalogueEntry(user: AuthUser, code: string, input: CatalogueInput, reason?: string) {
      const region = editRegion(user);
      return db.transaction().execute(async (trx) => {
        const existing = (await regionalCatalogue(trx, region)).find((e) => e.code === code);
        if (existing)
          throw invalid(
            'code',
            `the catalogue already has a measure ${code}${existing.region ? ` (region ${existing.region})` : ''}`,
          );
        const cols = columnsOf(input);
        const row =
          region === ''
            ? await repo.insertCatalogue(trx, { ...cols, code } as Insertable<MeasureCatalogueTable>)
            : await insertLocal(trx, region, code, { ...cols, created_by: user.id });
        if (!row) throw invalid('code', `the catalogue already has a measure ${code}`);
        await recordAudit(trx, actorOf(user), {
          action: 'catalogue.create',
          entityType: 'measure_catalogue',
          entityId: null,
          regionCode: eventRegion(region),
          after: { code, ...input },
          reason: reason ?? null,
        });
        return explained({ ...row, region_code: region });
      });
    },

    async updateCatalogueEntry(
      user: AuthUser,
      code: string,
      body: Partial<CatalogueInput> & { version: number; reason?: string | undefined },
    ) {
      const region = editRegion(user);
      const { version, reason, ...fields } = body;
      return db.transaction().execute(async (trx) => {
        const own =
          region === ''
            ? await repo.catalogueRow(trx, code, true)
            : await regionalRepository.localRow(trx, region, code, true);
        const current = own
          ? explained({ ...own, region_code: region })
          : (await regionalCatalogue(trx, region)).find((e) => e.code === code);
        if (!current) throw notFound('catalogue measure', code);
        if (current.version !== version)
          throw conflict(`Catalogue measure ${code}`, current.version, version, current);
        const { before, after, set } = catalogueDiff(current, fields);
        if (!Object.keys(set).length) return current;
        const updated = own
          ? region === ''
            ? await repo.updateCatalogue(trx, code, set)
            : await regionalRepository.updateLocal(trx, region, code, set)
          : await insertLocal(trx, region, code, { ...set, created_by: user.id }, current);
        if (!updated) throw conflict(`Catalogue measure ${code}`, current.version + 1, version, current);
        await recordAudit(trx, actorOf(user), {
          action: 'catalogue.update',
          entityType: 'measure_catalogue',
          entityId: null,
          regionCode: eventRegion(region),
          before: { code, ...before },
          after: own ? { code, ...after } : { code, overrides: current.region || 'national', ...after },
          reason: reason ?? null,
        });
        return explained({ ...updated, region_code: region });
      });
    },
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;
