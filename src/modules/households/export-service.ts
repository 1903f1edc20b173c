import { PassThrough, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB, Member } from '../../db/types.js';
import { listLayout, rosterLayout, type CellValue } from '../../domain/export/layouts.js';
import type { ExportFilters, Provenance } from '../../domain/export/provenance.js';
import { permissionsOf, type Role } from '../../domain/roles.js';
import { viewerOf, type Viewer } from '../../domain/visibility.js';
import { AppError } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { createAuditService, recordAudit, type AuditInput } from '../audit/service.js';
import type { RegionService } from '../regions/service.js';
import { exportRepository, type ExportHouseholdRow } from './export-repository.js';
import { csvSink, xlsxSink, type ExportSink } from './export-writer.js';
import { exportHousehold, exportMember } from './mapper.js';

export interface ExportQuery extends ExportFilters {
  region: string;
  format: 'csv' | 'xlsx';
  layout: 'list' | 'roster';
  unmask: boolean;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  stream: Readable;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const ROLE_NAMES: Record<Role, string> = {
  admin: '系统管理员',
  county_officer: '县级干部',
  township_officer: '乡镇干部',
  village_cadre: '村干部',
  organisation: '社会组织',
  civil_affairs_county: '县民政局',
  civil_affairs_township: '乡镇民政助理员',
};

type Lines = (db: Kysely<DB>, page: ExportHouseholdRow[]) => Promise<CellValue[][]>;

/** The columns of a layout and how a page of households becomes its rows. */
function layoutOf(layout: ExportQuery['layout'], year: number | null, viewer: Viewer) {
  if (layout === 'list') {
    const columns = listLayout(year);
    const lines: Lines = async (_db, page) =>
      page.map((r) => {
        const h = exportHousehold(r);
        return columns.map((c) => c.value(h, viewer));
      });
    return { columns, lines };
  }
  const columns = rosterLayout(year);
  const lines: Lines = async (db, page) => {
    const byHousehold = new Map<string, Member[]>();
    for (const m of await exportRepository.presentMembers(
      db,
      page.map((h) => h.id),
    ))
      byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m]);
    return page.flatMap((r) => {
      const household = exportHousehold(r);
      return (byHousehold.get(r.id) ?? []).map((m) => {
        const row = { household, member: exportMember(m) };
        return columns.map((c) => c.value(row, viewer));
      });
    });
  };
  return { columns, lines };
}

interface Job {
  user: AuthUser;
  query: ExportQuery;
  scope: string;
  region: string;
  out: PassThrough;
}

/**
 * Export of the household list (any list filter) as CSV or XLSX, in the list or the roster (花名册)
 * layout, streamed from one read-only snapshot in keyset pages. The report states the audit chain head
 * of that snapshot. Each export is audited; an unmasked one also before any data leaves.
 */
export function createHouseholdExportService(
  db: Kysely<DB>,
  regions: RegionService,
  clock: Clock,
  reads = db, // the snapshot's handle (a replica when configured); audits on `db`
) {
  const audit = (user: AuthUser, input: AuditInput) =>
    db.transaction().execute((trx) => recordAudit(trx, actorOf(user), input));
  const filterOf = (j: Pick<Job, 'query' | 'scope'>) => ({
    region: j.scope,
    status: j.query.status,
    type: j.query.type,
    cause: j.query.cause,
    q: j.query.q,
  });

  async function regionLabel(user: AuthUser, scope: string): Promise<string> {
    if (scope === '') return '全国';
    const path = await regions.path(user, scope);
    return `${path.map((r) => r.name).join(' / ')}（${scope}）`;
  }

  /** Read the snapshot and write its rows; returns what the provenance needs. */
  async function write(j: Job, progress: { households: number; rows: number }, ready: () => void) {
    return reads
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const headHash = await createAuditService(trx).headHash();
        const year = await exportRepository.latestYear(trx);
        const viewer = viewerOf(j.user.role, j.query.unmask, clock.today());
        const { columns, lines } = layoutOf(j.query.layout, year, viewer);
        const sink: ExportSink =
          j.query.format === 'csv'
            ? csvSink(j.out, columns)
            : xlsxSink(j.out, columns, { layout: j.query.layout, region: j.region, headHash });
        ready();
        for await (const page of exportRepository.pages(trx, { ...filterOf(j), scope: j.scope }, year)) {
          const rows = await lines(trx, page);
          progress.households += page.length;
          progress.rows += rows.length;
          await sink.rows(rows);
        }
        return { sink, headHash };
      });
  }

  /** Write the file; `ready` is called once the snapshot is open and the header written. */
  async function run(j: Job, ready: () => void): Promise<void> {
    const generatedAt = clock.now();
    const progress = { households: 0, rows: 0 };
    const record = (completed: boolean, headHash: string | null) =>
      audit(j.user, {
        action: 'household.export',
        entityType: 'household',
        regionCode: j.scope || null,
        after: {
          ...progress,
          filter: filterOf(j),
          format: j.query.format,
          layout: j.query.layout,
          masked: !j.query.unmask,
          completed,
          reportHeadHash: headHash,
        },
      });
    let result: Awaited<ReturnType<typeof write>>;
    try {
      result = await write(j, progress, ready);
    } catch (err) {
      await record(false, null).catch(() => undefined);
      throw err;
    }
    await record(true, result.headHash);
    const p: Provenance = {
      region: j.region,
      filters: j.query,
      layout: j.query.layout,
      masked: !j.query.unmask,
      ...progress,
      generatedAt,
      generatedBy: `${j.user.displayName}（${j.user.username}，${ROLE_NAMES[j.user.role]}）`,
      headHash: result.headHash,
    };
    await result.sink.finish(p);
  }

  return {
    /** Check the request, then stream the file; errors before the first byte are thrown here. */
    async start(user: AuthUser, query: ExportQuery): Promise<ExportFile> {
      const scope = scopeFor(user, query.region);
      if (query.unmask && !permissionsOf(user.role).unmask)
        throw new AppError('E_FORBIDDEN', 'Your role may not export unmasked personal data');
      const region = await regionLabel(user, scope);
      const job: Job = { user, query, scope, region, out: new PassThrough() };
      if (query.unmask)
        await audit(user, {
          action: 'household.export.unmask',
          entityType: 'household',
          regionCode: scope || null,
          after: { filter: filterOf(job), format: query.format, layout: query.layout },
          reason: 'export with ID numbers, phones, bank accounts and health unmasked',
        });
      // Errors until the header is written answer the request; later ones cut the file short.
      let started = false;
      await new Promise<void>((resolve, reject) => {
        const ready = () => {
          started = true;
          resolve();
        };
        run(job, ready).catch((err: unknown) => (started ? job.out.destroy(err as Error) : reject(err)));
      });
      const day = clock.today().replaceAll('-', '');
      return {
        filename: `jingzhun-${query.layout}-${scope || 'all'}-${day}.${query.format}`,
        contentType: CONTENT_TYPES[query.format],
        stream: job.out,
      };
    },
  };
}
export type HouseholdExportService = ReturnType<typeof createHouseholdExportService>;
