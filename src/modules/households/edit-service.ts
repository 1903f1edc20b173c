import type { Kysely } from 'kysely';
import type { DB, HouseholdUpdate } from '../../db/types.js';
import { labelOf } from '../../domain/code-lists.js';
import { changedFields } from '../../domain/registry-edit/changes.js';
import {
  HOUSEHOLD_FIELDS,
  INCOME_FIELDS,
  STATUS_FIELDS,
  YEAR_AUDIT_FIELDS,
} from '../../domain/registry-edit/fields.js';
import { checkIncome, parseFields } from '../../domain/registry-edit/validate.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';
import { editRepository } from './edit-repository.js';
import { invalid, type EditTransaction } from './edit-transaction.js';

export interface Versioned {
  version: number;
  reason?: string | undefined;
}

export type FieldsBody = Versioned & Record<string, unknown>;

export interface YearBody extends Versioned {
  reason: string;
  size?: number | undefined;
  [field: string]: unknown;
}

export interface StatusBody extends Versioned {
  reason: string;
  status: string;
  changedOn?: string | undefined;
}

const pick = (values: Record<string, unknown>, columns: string[]) =>
  Object.fromEntries(columns.map((c) => [c, values[c]]));

/** Edits of a household's own fields, of a year's income and of its status. */
export function createHouseholdEditService(tx: EditTransaction, o: { incomeCeiling: number }) {
  return {
    /** PATCH: the given fields, checked as the import checks them. */
    updateHousehold(user: AuthUser, id: string, body: FieldsBody) {
      const { version, reason, ...fields } = body;
      return tx.edit(user, id, version, async (trx, h) => {
        const { values, errors } = parseFields(HOUSEHOLD_FIELDS, fields);
        if (errors.length) throw invalid(errors);
        const diff = changedFields(HOUSEHOLD_FIELDS, h, values);
        if (!diff.columns.length) return null;
        await editRepository.updateHousehold(trx, id, pick(values, diff.columns) as HouseholdUpdate);
        return { action: 'household.update', before: diff.before, after: diff.after, reason };
      });
    },

    /** PUT: all income components of a year (optional ones default to 0); size defaults to the year's or the household's. */
    putYear(user: AuthUser, id: string, year: number, body: YearBody) {
      const { version, reason, size, ...fields } = body;
      return tx.edit(user, id, version, async (trx, h) => {
        const parsed = parseFields(INCOME_FIELDS, fields);
        const income = Object.fromEntries(INCOME_FIELDS.map((f) => [f.column, parsed.values[f.column] ?? 0]));
        const existing = await editRepository.year(trx, id, year);
        const n = size ?? existing?.size ?? Math.max(1, h.size);
        const { net, perCapita, errors } = checkIncome(income as Record<string, number>, n, o.incomeCeiling);
        if (parsed.errors.length || errors.length) throw invalid([...parsed.errors, ...errors]);
        const row = { ...income, size: n, net_income: net, per_capita_income: perCapita };
        const diff = changedFields(YEAR_AUDIT_FIELDS, existing ?? null, row);
        if (existing && !diff.columns.length) return null;
        await yearWrite(trx, {
          id,
          year,
          village: h.village_code,
          status: existing?.status ?? h.status,
          row,
        });
        return {
          action: 'household.income',
          before: existing ? { year, ...diff.before } : null,
          after: { year, ...diff.after },
          reason,
        };
      });
    },

    /** POST status: township officers and above; the change enters the status history. */
    changeStatus(user: AuthUser, id: string, body: StatusBody) {
      if (!permissionsOf(user.role).changeStatus)
        throw new AppError('E_FORBIDDEN', 'Only township officers and above may change a household status');
      const { version, reason, status, changedOn } = body;
      return tx.edit(user, id, version, async (trx, h) => {
        const on = changedOn ?? tx.clock.today();
        const { values, errors } = parseFields(STATUS_FIELDS, { status, statusDate: on });
        if (status === h.status)
          errors.push({
            field: 'status',
            code: 'E_UNCHANGED',
            message: `the household is already ${labelOf('household_status', status)}`,
          });
        if (on > tx.clock.today())
          errors.push({ field: 'changedOn', code: 'E_DATE', message: `${on} is in the future` });
        if (errors.length)
          throw invalid(errors.map((e) => (e.field === 'statusDate' ? { ...e, field: 'changedOn' } : e)));
        const diff = changedFields(STATUS_FIELDS, h, values);
        await editRepository.updateHousehold(trx, id, { status, status_date: on });
        await editRepository.addStatusHistory(trx, {
          household_id: id,
          village_code: h.village_code,
          from_status: h.status,
          to_status: status,
          changed_on: on,
          reason,
          actor_id: user.id,
        });
        return { action: 'household.status', before: diff.before, after: diff.after, reason };
      });
    },
  };
}
export type HouseholdEditService = ReturnType<typeof createHouseholdEditService>;

async function yearWrite(
  trx: Kysely<DB>,
  w: { id: string; year: number; village: string; status: string; row: Record<string, number> },
) {
  await editRepository.upsertYear(trx, {
    ...(w.row as { size: number; net_income: number; per_capita_income: number }),
    household_id: w.id,
    year: w.year,
    village_code: w.village,
    status: w.status,
  });
  await editRepository.updateHousehold(trx, w.id, {});
}
