import { DEVELOPMENT_MEASURES, type MeasureType } from '../rules/facts.js';

/**
 * The measure catalogue (一户一策): which measures answer which poverty causes, grouped by the five
 * batches (五个一批). The entries are data (table `measure_catalogue`, seeded by migration 008 and
 * edited by county officers); the functions here only read them.
 */
export const BATCHES = ['production', 'relocation', 'eco', 'education', 'social_security'] as const;
export type Batch = (typeof BATCHES)[number];

export const BATCH_LABELS: Record<Batch, { zh: string; en: string }> = {
  production: { zh: '发展生产脱贫一批', en: 'developing production' },
  relocation: { zh: '易地搬迁脱贫一批', en: 'relocation' },
  eco: { zh: '生态补偿脱贫一批', en: 'ecological compensation' },
  education: { zh: '发展教育脱贫一批', en: 'education' },
  social_security: { zh: '社会保障兜底一批', en: 'social security safety net' },
};

export const MEASURE_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const PLAN_STATUSES = ['draft', 'agreed', 'declined'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const AGREEMENT_METHODS = ['signature', 'thumbprint', 'portal', 'on_behalf'] as const;
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number];

/** Conditions of a household that call for a measure without being a recorded cause. */
export const CONDITIONS = ['illness', 'disability', 'student', 'house_unsafe'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const LABOUR_RULES = ['any', 'able', 'unable'] as const;
export type LabourRule = (typeof LABOUR_RULES)[number];

/** Household statuses that have a plan and a card: registered (poor, exited, returned) and monitored. */
export const PLANNED_STATUSES = ['poor', 'returned', 'monitored', 'exited'] as const;

export interface CatalogueEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  batch: Batch;
  measureType: string;
  /** Poverty causes this measure answers. */
  causes: readonly string[];
  conditions: readonly string[];
  labour: LabourRule;
  fundingSource: string | null;
  defaultAmount: number | null;
  responsibleUnit: string | null;
  months: number;
  sort: number;
  active: boolean;
}

/** Development-oriented (开发式) measure types: a household that can work needs at least one. */
export const isDevelopment = (measureType: string) =>
  (DEVELOPMENT_MEASURES as readonly string[]).includes(measureType as MeasureType);
/** The safety net (兜底): dibao, special hardship, pension paid by the state. */
export const isSocialSecurity = (measureType: string) => measureType === 'social_security';
