import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { IdRowTable, IdSet } from '../../domain/import/id-table.js';
import type { ImportRow } from '../../domain/import/row.js';
import {
  checkForm,
  withFields,
  type FormError,
  type RegistrationForm,
} from '../../domain/registration/form.js';
import { registrationRedLines, type RegistrationRedLine } from '../../domain/registration/red-lines.js';
import { AppError } from '../../kernel/errors.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { writeHouseholds } from '../import/writer.js';
import { registrationRepository as repo, type DraftRow } from './repository.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import type { Clock } from '../../kernel/clock.js';
import type { OpenInput } from '../cases/input.js';

export interface RegistrationDeps {
  db: Kysely<DB>;
  clock: Clock;
  paramsFor: (region: string, date: string) => Promise<PolicyParams>;
  /** The case service's opening (src/modules/cases/opening.ts). */
  openCase: (user: AuthUser, input: OpenInput) => Promise<string>;
  incomeCeiling: number;
}

export const invalidForm = (errors: FormError[]) =>
  new AppError(
    'E_VALIDATION',
    `Invalid ${errors[0]?.field ?? 'form'}: ${errors[0]?.message ?? 'not accepted'}`,
    {
      errors,
      messageZh: `登记表有 ${errors.length} 处错误`,
    },
  );

/**
 * The check of a registration: the form by the import's row and household checks, then the
 * registry by the import's writer without writing (village, scope, a person already registered in
 * another household anywhere in the country), and the red lines. Then the write, as the import writes.
 */
/** The import's checks of the form, then of the registry; the red lines. */
export async function checkRegistration(
  trx: Kysely<DB>,
  deps: Pick<RegistrationDeps, 'clock' | 'paramsFor' | 'incomeCeiling'>,
  user: AuthUser,
  d: DraftRow,
  form: RegistrationForm,
) {
  const today = deps.clock.today();
  const householdNo = await repo.nextHouseholdNo(trx, d.village_code);
  const parsed = checkForm(form, {
    villageCode: d.village_code,
    householdNo,
    today,
    incomeCeiling: deps.incomeCeiling,
  });
  const errors = [...parsed.errors];
  if (parsed.rows) {
    const pending = {
      no: householdNo,
      rows: parsed.rows,
      rowNumbers: parsed.rows.map((r) => r.row),
      errors: [],
    };
    await writeHouseholds(trx, [pending], writeContext(user, today, false));
    errors.push(...withFields(pending.errors));
  }
  const ids = form.members.map((m) => String(m.id_number ?? '').toUpperCase());
  const params = await deps.paramsFor(d.village_code, today);
  const records = await repo.redLineRecords(trx, ids.filter(Boolean), d.village_code);
  const redLines: RegistrationRedLine[] = registrationRedLines(
    ids,
    records,
    { vehicles: form.facts.declaredVehicles },
    params.redLines,
  );
  return { ok: errors.length === 0, errors, redLines, rows: parsed.rows, householdNo };
}

function writeContext(user: AuthUser, today: string, write: boolean) {
  return {
    scope: user.scopeCode,
    idsInFile: new IdRowTable(),
    villages: new Set<string>(),
    created: new IdSet(),
    registryIds: null,
    today,
    copy: null,
    timings: { checkMs: 0, writeMs: 0 },
    write,
    count: write,
  };
}

/** Write the household as the import does, and its one audit event; returns its id. */
export async function writeRegisteredHousehold(
  trx: Kysely<DB>,
  deps: Pick<RegistrationDeps, 'clock'>,
  user: AuthUser,
  d: DraftRow,
  no: string,
  rows: ImportRow[],
) {
  const pending = { no, rows, rowNumbers: rows.map((r) => r.row), errors: [] };
  const counts = await writeHouseholds(trx, [pending], writeContext(user, deps.clock.today(), true));
  if (pending.errors.length || counts.created !== 1) throw invalidForm(withFields(pending.errors));
  const { id } = await repo.householdIdByNo(trx, no);
  await recordAudit(trx, actorOf(user), {
    action: 'household.register',
    entityType: 'household',
    entityId: id,
    regionCode: d.village_code,
    after: { householdNo: no, draftId: d.id, members: rows.length, year: rows[0]!.income.year },
    reason: 'registered in the app (农户信息采集表)',
  });
  return id;
}
