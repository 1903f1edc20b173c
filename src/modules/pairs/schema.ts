import { z } from 'zod';
import { COMMITMENT_CATEGORIES, HELPER_LEVELS, PAIR_KINDS } from '../../domain/projects/kinds.js';
import { Id, IsoDate, RegionCode, Year, Amount } from '../../kernel/schema.js';

export const IdParam = z.object({ id: Id });
export const RegionQuery = z.object({ region: RegionCode.optional() });
export const Ok = z.object({ ok: z.literal(true) });
export const Created = z.object({ id: z.string() });

const CategoryYear = z.object({
  category: z.string(),
  committed: z.number(),
  delivered: z.number(),
  pct: z.number().nullable(),
});
export const Pair = z.object({
  id: z.string(),
  kind: z.string(),
  helperName: z.string(),
  helperLevel: z.string(),
  recipientCode: z.string(),
  recipientName: z.string(),
  startYear: z.number(),
  endYear: z.number().nullable(),
  note: z.string().nullable(),
  years: z.array(z.object({ year: z.number(), categories: z.array(CategoryYear) })),
});
export const PairList = z.object({ items: z.array(Pair) });
export const PairDetail = Pair.extend({
  deliveries: z.array(
    z.object({
      id: z.string(),
      year: z.number(),
      category: z.string(),
      amount: z.number(),
      delivered_on: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export const NewPairBody = z.object({
  kind: z.enum(PAIR_KINDS),
  helperName: z.string().trim().min(1).max(200),
  helperLevel: z.enum(HELPER_LEVELS),
  recipientCode: RegionCode.min(2),
  startYear: Year,
  endYear: Year.nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
});
export const CommitmentBody = z.object({
  year: Year,
  category: z.enum(COMMITMENT_CATEGORIES),
  amount: Amount(),
});
export const DeliveryBody = z.object({
  year: Year,
  category: z.enum(COMMITMENT_CATEGORIES),
  amount: Amount().positive(),
  deliveredOn: IsoDate,
  note: z.string().max(2000).optional(),
});
