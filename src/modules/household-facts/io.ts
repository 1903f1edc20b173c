import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { isFactKind, parseFactValue, type FactKind } from '../../domain/facts/kinds.js';
import { isRole, permissionsOf } from '../../domain/roles.js';
import { seen, viewerOf } from '../../domain/visibility.js';
import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { factDto } from './present.js';
import { factRepository } from './repository.js';
import type { FactServiceDeps } from './decisions.js';
import { FACT_COLUMNS, importRows, type ImportReport, type ImportRow } from './io-import.js';

export { FACT_COLUMNS } from './io-import.js';
export type { ImportReport, ImportRow, RowProblem } from './io-import.js';

/**
 * Export and import of recorded facts as a sheet (docs/facts.md "Import and export"): one row per
 * fact, the value as one JSON cell. The export writes the current confirmed facts of a region as the
 * exporting user sees them; the import writes rows through the same checks and the same recording
 * path as the API (checkFact, writeFact: maker–checker, history, audit).
 */

/** The account a command acts for (an unknown or disabled one: an error naming it). */
export async function userByName(db: Kysely<DB>, username: string): Promise<AuthUser> {
  const u = await factRepository.activeUser(db, username);
  if (!u || !isRole(u.role))
    throw new AppError('E_NOT_FOUND', `No active user ${username}`, {
      messageZh: `没有可用的账号 ${username}`,
    });
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    scopeCode: u.scope_code,
  };
}

export interface ExportOptions {
  region: string;
  kind: FactKind | null;
  asOf: string;
  unmask: boolean;
}

export interface ExportResult {
  header: string[];
  rows: (string | null)[][];
  /** Facts left out because the user does not see their value whole (a disability, a masked name). */
  withheld: number;
}

/** The facts import and export for the CLI, on the services' clock and policy. */
export function createFactsIo(db: Kysely<DB>, deps: FactServiceDeps) {
  const { clock } = deps;

  return {
    /**
     * The current confirmed facts of a region within the user's scope: the member's ID number as the
     * user's role sees it (masked unless unmasked and allowed); a fact whose value the user does not
     * see whole is left out and counted. Audited as an export (and an unmasked one before).
     */
    async exportFacts(user: AuthUser, o: ExportOptions): Promise<ExportResult> {
      const scope = scopeFor(user, o.region);
      if (o.unmask && !permissionsOf(user.role).unmask)
        throw new AppError('E_FORBIDDEN', 'Your role may not export unmasked personal data', {
          messageZh: '您的角色不能导出未脱敏的个人信息',
        });
      const audit = (action: 'household.export' | 'household.export.unmask', after: object) =>
        db.transaction().execute((trx) =>
          recordAudit(trx, actorOf(user), {
            action,
            entityType: 'household',
            regionCode: scope || null,
            after: { facts: true, kind: o.kind, asOf: o.asOf, ...after },
          }),
        );
      if (o.unmask) await audit('household.export.unmask', {});
      const v = viewerOf(user.role, o.unmask, clock.today());
      const rows: (string | null)[][] = [];
      let withheld = 0;
      for (const r of await factRepository.currentOfRegion(db, scope, o.asOf, o.kind)) {
        const parsed = isFactKind(r.kind) ? parseFactValue(r.kind, r.value) : null;
        const shown = factDto(r, v).value;
        if (!parsed?.ok || shown === null || JSON.stringify(shown) !== JSON.stringify(parsed.value)) {
          withheld++;
          continue;
        }
        rows.push([
          r.household_no,
          r.member_id,
          seen(v, 'idNumber', r.id_number),
          r.kind,
          r.observed_on,
          JSON.stringify(parsed.value),
          r.source,
          r.source_ref,
        ]);
      }
      await audit('household.export', { rows: rows.length, withheld, masked: !o.unmask });
      return { header: FACT_COLUMNS.map((c) => c.zh), rows, withheld };
    },

    /**
     * Import rows (the header first): every row checked as the API checks a body; nothing is written
     * unless every row is good; a row equal to a confirmed or pending fact (same household, kind,
     * member, subject, day and value) is left as it is.
     */
    async importFacts(
      user: AuthUser,
      header: string[],
      rows: ImportRow[],
      o: { sourceRef: string | null },
    ): Promise<ImportReport> {
      if (!permissionsOf(user.role).editHouseholds)
        throw new AppError('E_FORBIDDEN', 'Your role may not record facts', {
          messageZh: '您的角色不能记录事实',
        });
      return db.transaction().execute((trx) => importRows(trx, deps, user, header, rows, o));
    },
  };
}
export type FactsIo = ReturnType<typeof createFactsIo>;
