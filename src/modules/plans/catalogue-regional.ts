import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { DB, MeasureCatalogueLocalTable } from '../../db/types.js';
import { parseEligibility, type Eligibility } from '../../domain/catalogue/eligibility.js';
import { resolveRegional, settingRegionsOf } from '../../domain/catalogue/regional.js';
import type { CatalogueEntry } from '../../domain/plans/catalogue.js';
import { catalogueMap } from '../../domain/plans/fit.js';
import { catalogueEntry } from './repository.js';

/**
 * The measure catalogue as a regional setting (issue 21, docs/knowledge.md): national rows in
 * `measure_catalogue`, provincial / prefectural / county rows in `measure_catalogue_local`; for a
 * region the nearest row of each code wins. Rows only and their explained form.
 */
export type LocalRow = Selectable<MeasureCatalogueLocalTable>;
/** A row of either table; a national row has region_code '' and no creator. */
export type AnyCatalogueRow = Omit<LocalRow, 'created_by'>;

export interface ExplainedEntry extends CatalogueEntry {
  version: number;
  /** The region whose row this is: '' national, else the province, prefecture or county code. */
  region: string;
  descriptionZh: string;
  descriptionEn: string;
  eligibility: Eligibility | null;
  howToApplyZh: string;
  howToApplyEn: string;
  documents: string[];
  contact: string | null;
  limitsZh: string;
  /** Keys of policy_document. */
  policyBasis: string[];
}

export const explained = (r: AnyCatalogueRow): ExplainedEntry => ({
  ...catalogueEntry(r),
  version: r.version,
  region: r.region_code,
  descriptionZh: r.description_zh,
  descriptionEn: r.description_en,
  eligibility: parseEligibility(r.eligibility),
  howToApplyZh: r.how_to_apply_zh,
  howToApplyEn: r.how_to_apply_en,
  documents: r.documents,
  contact: r.contact,
  limitsZh: r.limits_zh,
  policyBasis: r.policy_basis,
});

const COLUMNS = sql.raw(`code, name_zh, name_en, batch, measure_type, causes, conditions, labour,
  funding_source, default_amount, responsible_unit, months, sort, active, description_zh,
  description_en, eligibility, how_to_apply_zh, how_to_apply_en, documents, contact, limits_zh,
  policy_basis, version, updated_at`);

export const regionalRepository = {
  /** Every row that may apply in `region` (national and the rows of its setting regions). */
  async rowsFor(db: Kysely<DB>, region: string): Promise<AnyCatalogueRow[]> {
    const regions = settingRegionsOf(region).filter((r) => r !== '');
    const res = await sql<AnyCatalogueRow>`
      select ''::varchar(12) as region_code, ${COLUMNS} from measure_catalogue
      union all
      select region_code, ${COLUMNS} from measure_catalogue_local
      where region_code = any(${regions}::text[])`.execute(db);
    return res.rows;
  },

  localRow: (db: Kysely<DB>, region: string, code: string, lock = false) => {
    const q = db
      .selectFrom('measure_catalogue_local')
      .selectAll()
      .where('region_code', '=', region)
      .where('code', '=', code);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  },

  /** Insert a region's row; undefined when the region already has one of that code. */
  insertLocal: (db: Kysely<DB>, row: Insertable<MeasureCatalogueLocalTable>) =>
    db
      .insertInto('measure_catalogue_local')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst(),

  updateLocal: (db: Kysely<DB>, region: string, code: string, set: Updateable<MeasureCatalogueLocalTable>) =>
    db
      .updateTable('measure_catalogue_local')
      .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
      .where('region_code', '=', region)
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow(),
};

/** The effective catalogue of a region, sorted as the catalogue is. */
export async function regionalCatalogue(db: Kysely<DB>, region: string): Promise<ExplainedEntry[]> {
  const rows = await regionalRepository.rowsFor(db, region);
  return resolveRegional(
    rows.map((r) => ({ ...explained(r), code: r.code })),
    region,
  ).sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
}

/** The effective catalogue of a household's village as entries and a map by code (drafting, fit). */
export async function loadRegionalCatalogue(db: Kysely<DB>, villageCode: string) {
  const entries = await regionalCatalogue(db, villageCode);
  return { entries, map: catalogueMap(entries) };
}
