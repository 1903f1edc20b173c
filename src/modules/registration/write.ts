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
import { checkFormFacts } from './member-facts.js';
import { inScope } from '../../domain/region-code.js';
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
  errors.push(...checkFormFacts(form, today));
  const nearDuplicates = parsed.rows ? await namesakesOf(trx, user, d.village_code, parsed.rows) : [];
  const ids = form.members.map((m) => String(m.id_number ?? '').toUpperCase());
  const params = await deps.paramsFor(d.village_code, today);
  const records = await repo.redLineRecords(trx, ids.filter(Boolean), d.village_code);
  const redLines: RegistrationRedLine[] = registrationRedLines(
    ids,
    records,
    { vehicles: form.facts.declaredVehicles },
    params.redLines,
  );
  return { ok: errors.length === 0, errors, redLines, nearDuplicates, rows: parsed.rows, householdNo };
}

/** A person of the county with the name and birth date of a member being registered, another ID number. */
export interface NearDuplicate {
  memberIndex: number;
  name: string;
  birthDate: string;
  villageCode: string;
  villageName: string | null;
  /** The household, when it is in the user's area (else null, as the import names it). */
  householdNo: string | null;
}

/**
 * Near duplicates (issue 19 item 1): present members anywhere in the county with the same name and
 * birth date as a member of the form but another ID number — a mistyped number or a second
 * registration. Shown as a warning the cadre confirms before submitting; an exact ID number already
 * registered is an error of the registry check instead.
 */
async function namesakesOf(
  trx: Kysely<DB>,
  user: AuthUser,
  village: string,
  rows: ImportRow[],
): Promise<NearDuplicate[]> {
  const people = rows.map((r) => ({ name: r.member.name, birth_date: r.member.birth_date }));
  const found = await repo.namesakes(trx, village.slice(0, 6), people);
  const out: NearDuplicate[] = [];
  rows.forEach((r, i) => {
    for (const f of found)
      if (
        f.name === r.member.name &&
        f.birth_date === r.member.birth_date &&
        f.id_number.toUpperCase() !== r.member.id_number
      )
        out.push({
          memberIndex: i,
          name: f.name,
          birthDate: f.birth_date,
          villageCode: f.village_code,
          villageName: f.village_name,
          householdNo: inScope(user.scopeCode, f.village_code) ? f.household_no : null,
        });
  });
  return out;
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
  seen: { nearDuplicates: number },
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
    after: {
      householdNo: no,
      draftId: d.id,
      members: rows.length,
      year: rows[0]!.income.year,
      // near duplicates the cadre confirmed before submitting
      nearDuplicatesConfirmed: seen.nearDuplicates,
    },
    reason: 'registered in the app (农户信息采集表)',
  });
  return id;
}
