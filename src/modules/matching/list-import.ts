import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Insertable, Kysely } from 'kysely';
import type { DB, DepartmentList, DepartmentRecordTable } from '../../db/types.js';
import type { ImportError } from '../../domain/import/row.js';
import { cellText } from '../../domain/import/values.js';
import type { ListKind } from '../../domain/matching/kinds.js';
import { chinaDate } from '../../domain/calendar.js';
import { parseListRow, resolveListHeaders, type ListLayout } from '../../domain/matching/record.js';
import type { Actor } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { readSheet, type SheetRow } from '../import/reader.js';
import { matchingRepository } from './repository.js';
import { runMatching, type MatchCounts, type ParamsFor } from './run.js';

export interface ListImportOptions {
  actor: Actor;
  /** Region prefix matched ('' = whole country). */
  scope: string;
  kind: ListKind;
  department: string | null;
  /** Name of the file as sent (the path may be a temporary file). */
  fileName: string;
  paramsFor: ParamsFor;
  today: Date;
  maxErrors?: number;
}

export interface ListImportReport {
  list: { id: string; kind: string; department: string | null; fileName: string; reused: boolean } | null;
  rows: { read: number; stored: number; invalidIds: number; dropped: number };
  errors: ImportError[];
  errorsTotal: number;
  flags: MatchCounts;
  committed: boolean;
}

class HeaderRejected extends Error {}

const NO_FLAGS: MatchCounts = { exact: 0, fuzzy: 0, flagged: 0, created: 0, existing: 0 };

/**
 * Import a department list (CSV or XLSX, streamed) and match it against the registry, in one
 * transaction. Rows with an invalid ID number are reported per row, kept, and matched only on name
 * and birth date. The same file imported again in the same scope reuses the stored list: matching
 * runs again, and flags already raised are not duplicated.
 */
export async function importList(
  db: Kysely<DB>,
  file: string,
  o: ListImportOptions,
): Promise<ListImportReport> {
  const report: ListImportReport = {
    list: null,
    rows: { read: 0, stored: 0, invalidIds: 0, dropped: 0 },
    errors: [],
    errorsTotal: 0,
    flags: NO_FLAGS,
    committed: false,
  };
  const maxErrors = o.maxErrors ?? 10_000;
  const addErrors = (errs: ImportError[]) => {
    report.errorsTotal += errs.length;
    for (const e of errs) if (report.errors.length < maxErrors) report.errors.push(e);
  };
  const rows = readSheet(file);
  const sha256 = await sha256File(file);
  try {
    await db.transaction().execute(async (trx) => {
      const existing = await matchingRepository.findList(trx, o.kind, sha256, o.scope);
      const list =
        existing ??
        (await matchingRepository.insertList(trx, {
          kind: o.kind,
          department: o.department,
          file_name: o.fileName,
          sha256,
          scope_code: o.scope,
          imported_by: o.actor.id,
          imported_by_name: o.actor.name,
        }));
      await storeRecords(trx, rows, list, !existing, report, addErrors, chinaDate(o.today));
      if (!existing)
        await matchingRepository.setListCounts(trx, list.id, report.rows.stored, report.rows.invalidIds);
      report.flags = await runMatching(
        trx,
        { id: list.id, kind: o.kind, scope_code: o.scope },
        o.paramsFor,
        o.today,
      );
      report.list = {
        id: list.id,
        kind: list.kind,
        department: list.department,
        fileName: list.file_name,
        reused: !!existing,
      };
      await recordAudit(trx, o.actor, {
        action: 'department_list.import',
        entityType: 'department_list',
        entityId: list.id,
        regionCode: o.scope || null,
        after: {
          kind: o.kind,
          fileName: o.fileName,
          sha256,
          reused: !!existing,
          rows: report.rows,
          flags: report.flags,
        },
        reason: `${o.department ?? o.kind} list ${o.fileName}`,
      });
    });
    report.committed = true;
  } catch (err) {
    if (!(err instanceof HeaderRejected)) throw err;
  }
  return report;
}

/** Read every row (reporting problems); store the records unless the list was stored before. */
async function storeRecords(
  trx: Kysely<DB>,
  rows: AsyncGenerator<SheetRow>,
  list: DepartmentList,
  store: boolean,
  report: ListImportReport,
  addErrors: (e: ImportError[]) => void,
  today: string,
): Promise<void> {
  let layout: ListLayout | null = null;
  let batch: Insertable<DepartmentRecordTable>[] = [];
  const flush = async () => {
    if (store) await matchingRepository.insertRecords(trx, batch);
    batch = [];
  };
  for await (const { row, cells } of rows) {
    if (!layout) {
      const resolved = resolveListHeaders(cells.map((c) => cellText(c)));
      if (resolved.errors.length) {
        addErrors(resolved.errors);
        throw new HeaderRejected();
      }
      layout = resolved.layout;
      continue;
    }
    report.rows.read++;
    const { record, errors } = parseListRow(cells, layout, row, today);
    addErrors(errors);
    if (!record) {
      report.rows.dropped++;
      continue;
    }
    report.rows.stored++;
    if (!record.idValid) report.rows.invalidIds++;
    batch.push({
      list_id: list.id,
      row_no: record.row,
      id_number: record.idNumber,
      id_valid: record.idValid,
      name: record.name,
      birth_date: record.birthDate,
      attributes: JSON.stringify(record.attributes),
    });
    if (batch.length >= 1000) await flush();
  }
  if (!layout) {
    addErrors([{ row: 1, column: '', code: 'E_EMPTY_FILE', message: 'the file has no header row' }]);
    throw new HeaderRejected();
  }
  await flush();
}

function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  return new Promise((resolve, reject) =>
    fs
      .createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject),
  );
}
