import { z } from 'zod';
import { REPORT_KINDS } from '../../domain/warnings/kinds.js';
import { Id, IsoDate } from '../../kernel/schema.js';
import { Cards } from '../plans/schema.js';

/** Request and response schemas of the household portal. */

export const HouseholdRef = z.object({ id: z.string(), householdNo: z.string(), villageCode: z.string() });

export const LoginBody = z.object({
  householdNo: z.string().trim().min(1).max(20),
  code: z.string().min(1).max(100),
});

export const IssueCodesBody = z.union([
  z.object({ householdIds: z.array(Id).min(1).max(1000) }),
  z.object({ villageCode: z.string().regex(/^\d{12}$/) }),
]);

export const IssuedCodes = z.object({
  codes: z.array(
    z.object({
      householdId: z.string(),
      householdNo: z.string(),
      headName: z.string().nullable(),
      code: z.string(),
    }),
  ),
});

export const AccessStatus = z.object({
  issuedAt: z.string().nullable(),
  failedSignIns: z.number(),
  failedSince: z.string().nullable(),
  lastFailedAt: z.string().nullable(),
  slowedUntil: z.string().nullable(),
});

export const Me = z.object({
  year: z.number(),
  village: z.object({ code: z.string(), name: z.string(), path: z.string() }),
  card: Cards.shape.cards.element,
  measures: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), status: z.string() })),
  ratings: z.array(
    z.object({
      year: z.number(),
      measureId: z.string().nullable(),
      rating: z.number(),
      comment: z.string().nullable(),
      ratedAt: z.string(),
    }),
  ),
});

export const Need = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  amount: z.number(),
  status: z.string(),
  organisation: z.string().nullable(),
  deliveryNote: z.string().nullable(),
  publishedAt: z.string(),
  deliveredAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  rating: z.number().nullable(),
});

export const AgreementBody = z.object({
  agreed: z.boolean(),
  by: z.string().trim().min(1).max(40),
  declineReason: z.string().trim().max(1000).optional(),
});

export const ConfirmNeedBody = z.object({
  note: z.string().trim().max(1000).default(''),
  rating: z.number().int().min(1).max(5).optional(),
});

export const RatingBody = z.object({
  year: z.number().int(),
  measureId: Id.optional(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

export const Rating = z.object({
  year: z.number(),
  measureId: z.string().nullable(),
  rating: z.number(),
  comment: z.string().nullable(),
});

export const DifficultyBody = z.object({
  kind: z.enum(REPORT_KINDS),
  description: z.string().trim().min(1).max(2000),
  observedOn: IsoDate,
});
