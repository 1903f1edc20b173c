import { z } from 'zod';
import { IsoDate, RegionCode } from '../../kernel/schema.js';

/** Parameters are set nationally ('') or for a province, prefecture or county. */
export const RegionPrefix = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6})?$/, 'must be empty (national) or a province, prefecture or county code');

export const Source = z.object({
  level: z.enum(['national', 'province', 'prefecture', 'county']),
  regionCode: z.string(),
  regionName: z.string(),
  effectiveFrom: z.string(),
  reason: z.string(),
  setBy: z.string(),
  setAt: z.string().nullable(),
  synthetic: z.boolean(),
  derived: z.string().nullable(),
});

export const EffectiveQuery = z.object({
  region: RegionCode.optional(),
  date: IsoDate.optional(),
});

export const EffectiveResponse = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  date: z.string(),
  year: z.number(),
  western: z.boolean(),
  params: z.array(
    z.object({
      key: z.string(),
      label: z.object({ zh: z.string(), en: z.string() }),
      unit: z.string(),
      editable: z.boolean(),
      value: z.unknown(),
      source: Source,
    }),
  ),
});

export const Version = z.object({
  key: z.string(),
  regionPrefix: z.string(),
  effectiveFrom: z.string(),
  value: z.unknown(),
  setBy: z.string(),
  setAt: z.string().nullable(),
  reason: z.string(),
  synthetic: z.boolean(),
});

export const KeyParams = z.object({ key: z.string().regex(/^[A-Za-z]{2,40}$/, 'must be a parameter key') });

export const SetBody = z.object({
  regionPrefix: RegionPrefix,
  effectiveFrom: IsoDate,
  value: z.unknown(),
  reason: z.string().trim().min(2).max(500),
});

export const DeleteBody = SetBody.omit({ value: true });
