import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { conflict, invalid, same } from './plan-view.js';
import { catalogueEntry, plansRepository as repo } from './repository.js';

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
} as const;

/** The catalogue is shared: its events are filed under the editor's own region (the country: null). */
const eventRegion = (user: AuthUser) => (user.scopeCode === '' ? null : user.scopeCode);

function assertMayEditCatalogue(user: AuthUser) {
  if (!permissionsOf(user.role).editMeasureCatalogue)
    throw new AppError('E_FORBIDDEN', 'Only county officers and above may edit the measure catalogue');
}

/** The changed fields of a catalogue entry: audit before/after and the columns to set. */
function catalogueDiff(current: Record<string, unknown>, fields: Partial<CatalogueInput>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(CATALOGUE_COLUMNS)) {
    const v = (fields as Record<string, unknown>)[k];
    if (v === undefined || same(v, current[k])) continue;
    before[k] = current[k];
    after[k] = v;
    set[col] = v;
  }
  return { before, after, set };
}

/** The measure catalogue (五个一批): read by everyone, kept by county officers and above (audited). */
export function createCatalogueService(db: Kysely<DB>) {
  return {
    async catalogueRows() {
      return (await repo.catalogue(db)).map((r) => ({ ...catalogueEntry(r), version: r.version }));
    },

    async createCatalogueEntry(user: AuthUser, code: string, input: CatalogueInput, reason?: string) {
      assertMayEditCatalogue(user);
      return db.transaction().execute(async (trx) => {
        const row = await repo.insertCatalogue(trx, {
          code,
          name_zh: input.nameZh,
          name_en: input.nameEn,
          batch: input.batch,
          measure_type: input.measureType,
          causes: input.causes,
          conditions: input.conditions,
          labour: input.labour,
          funding_source: input.fundingSource,
          default_amount: input.defaultAmount,
          responsible_unit: input.responsibleUnit,
          months: input.months,
          sort: input.sort,
          active: input.active,
        });
        if (!row) throw invalid('code', `the catalogue already has a measure ${code}`);
        await recordAudit(trx, actorOf(user), {
          action: 'catalogue.create',
          entityType: 'measure_catalogue',
          entityId: null,
          regionCode: eventRegion(user),
          after: { code, ...input },
          reason: reason ?? null,
        });
        return { ...catalogueEntry(row), version: row.version };
      });
    },

    async updateCatalogueEntry(
      user: AuthUser,
      code: string,
      body: Partial<CatalogueInput> & { version: number; reason?: string | undefined },
    ) {
      assertMayEditCatalogue(user);
      const { version, reason, ...fields } = body;
      return db.transaction().execute(async (trx) => {
        const row = await repo.catalogueRow(trx, code, true);
        if (!row) throw notFound('catalogue measure', code);
        const current = { ...catalogueEntry(row), version: row.version };
        if (row.version !== version)
          throw conflict(`Catalogue measure ${code}`, row.version, version, current);
        const { before, after, set } = catalogueDiff(current, fields);
        if (!Object.keys(set).length) return current;
        const updated = await repo.updateCatalogue(trx, code, set);
        await recordAudit(trx, actorOf(user), {
          action: 'catalogue.update',
          entityType: 'measure_catalogue',
          entityId: null,
          regionCode: eventRegion(user),
          before: { code, ...before },
          after: { code, ...after },
          reason: reason ?? null,
        });
        return { ...catalogueEntry(updated), version: updated.version };
      });
    },
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;
