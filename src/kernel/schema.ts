import { z } from 'zod';
import { isRealDate } from '../domain/calendar.js';

/** Shared zod primitives of requests: ids, region codes, dates, years, paging. */

/** Region code query/param: digits of a published division code, or '' for the country. */
export const RegionCode = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/, 'must be a division code of 2, 4, 6, 9 or 12 digits');

export const Page = z.coerce.number().int().min(1).max(100000).default(1);
export const PageSize = (max = 200, def = 20) => z.coerce.number().int().min(1).max(max).default(def);

/** A database id (bigint serial) in a path or query: digits only. */
export const Id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');

/** A real calendar date 'YYYY-MM-DD' (30 February and month 13 are refused). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isRealDate, 'must be a real date');

/** A 12-digit village code. */
export const VillageCode = z.string().regex(/^\d{12}$/, 'must be a 12-digit village code');

/** A 6-digit county code. */
export const CountyCode = z.string().regex(/^\d{6}$/, 'must be a county code (6 digits)');

/** A registry year (income, status, measures). */
export const Year = z.coerce.number().int().min(2000).max(2100);

/** The largest value a PostgreSQL `numeric(precision, scale)` column holds (numeric(14, 2): 999 999 999 999.99). */
export const numericMax = (precision: number, scale: number) =>
  Number((10 ** (precision - scale) - 10 ** -scale).toFixed(scale));

/**
 * A non-negative amount kept in a `numeric(precision, scale)` column (yuan, 万元, a target value):
 * finite and within the column, so 1e308 or 2^64 is a 400 naming the field, never a database error.
 */
export const Amount = (precision = 14, scale = 2) =>
  z
    .number()
    .min(0)
    .max(numericMax(precision, scale), `must be at most ${numericMax(precision, scale)}`);

/** A signed sum of money in a request that is computed on, not stored (incomes, earnings): ± 10^12. */
export const MoneyValue = z.number().min(-1e12).max(1e12);

/** A count kept in an `integer` column (a target's households, people, jobs). */
export const Count = z.number().int().min(0).max(2_147_483_647);

/** An optimistic-lock version as read (an `integer` column): 2^31 is a 400, not a database error. */
export const Version = z.number().int().min(0).max(2_147_483_647);
