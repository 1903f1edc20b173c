import { z } from 'zod';
import { RegionCode } from '../../kernel/schema.js';
import { SETTING_KEYS } from '../../domain/settings/regional-settings.js';

export const SettingKeyParams = z.object({ key: z.enum(SETTING_KEYS) });

export const ViewQuery = z.object({ region: RegionCode.optional() });

export const SetBody = z.object({
  /** '' the country; else a province (2), prefecture (4) or county (6 digits). */
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6})?$/, 'must be empty (national) or a 2-, 4- or 6-digit region code'),
  values: z.record(z.string().regex(/^[a-z][A-Za-z0-9_.]{0,79}$/), z.number().min(-1e6).max(1e6).nullable()),
  reason: z.string().trim().min(1).max(500),
});

const Source = z.object({
  region: z.string(),
  regionName: z.string(),
  setBy: z.string(),
  setAt: z.string(),
  reason: z.string(),
});

export const SettingsView = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  editable: z.boolean(),
  settings: z.array(
    z.object({
      key: z.enum(SETTING_KEYS),
      labelZh: z.string(),
      labelEn: z.string(),
      values: z.array(
        z.object({
          path: z.string(),
          labelZh: z.string(),
          labelEn: z.string(),
          min: z.number(),
          max: z.number(),
          integer: z.boolean(),
          defaultValue: z.number(),
          value: z.number(),
          national: z.number().nullable(),
          inherited: z.number(),
          local: z.number().nullable(),
          source: Source.nullable(),
        }),
      ),
    }),
  ),
});
