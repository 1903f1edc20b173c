import { z } from 'zod';
import { IsoDate, RegionCode, Year } from '../../kernel/schema.js';

export const Training = z.object({
  id: z.string(),
  cadreId: z.string(),
  region: z.string(),
  trainedOn: z.string(),
  topic: z.string(),
  hours: z.number(),
  organiser: z.string(),
});

export const CreateTraining = z.object({
  trainedOn: IsoDate,
  topic: z.string().trim().min(2).max(200),
  hours: z.number().positive().max(500).multipleOf(0.5),
  organiser: z.string().trim().min(2).max(200),
});

export const SummaryQuery = z.object({ region: RegionCode.optional(), year: Year.optional() });

export const TrainingSummary = z.object({
  region: z.string(),
  year: z.number(),
  townships: z.array(
    z.object({
      township: z.string(),
      name: z.string().nullable(),
      records: z.number(),
      cadres: z.number(),
      hours: z.number(),
    }),
  ),
});
