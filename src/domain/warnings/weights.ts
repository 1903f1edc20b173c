import type { SignalKind } from './kinds.js';

/**
 * How much each signal adds to a household's risk score (0–100): data, not code. A county may pass
 * its own object to `riskScore`; these defaults are documented in docs/warnings.md.
 */
export interface WarningWeights {
  /** Points of a fresh signal of each kind (before decay). */
  kinds: Record<SignalKind, number>;
  /** A signal loses half its points every `halfLifeDays` days after it was observed. */
  halfLifeDays: number;
  /** Estimated loss (screenings, self-reports): +`lossPointsPer1000` per 1,000 yuan, at most `lossPointsMax`. */
  lossPointsPer1000: number;
  lossPointsMax: number;
  /** Medical bills: extra points per 10 % of the household's annual net income the bill takes, up to `medicalRatioMax`. */
  medicalRatioPointsPer10pct: number;
  medicalRatioMax: number;
  /** All signals together add at most this (each kind counts once: its strongest signal). */
  signalsCap: number;
  /** Income in the monitoring range: up to `incomeMax` points, full at or below the poverty line, 0 at the monitoring line. */
  incomeMax: number;
  /** Vulnerability of the household (members present), together at most `vulnerabilityCap`. */
  vulnerability: { noLabour: number; seriousIllness: number; disability: number; elderlyAlone: number };
  vulnerabilityCap: number;
  /** Age at or above which a member counts as elderly. */
  elderlyAge: number;
}

export const DEFAULT_WEIGHTS: WarningWeights = {
  kinds: {
    illness: 30,
    accident: 25,
    disaster: 20,
    job_loss: 20,
    dropout: 15,
    housing_damage: 20,
    income_drop: 25,
    other: 10,
    medical_bill: 20,
    disaster_area: 10,
    school_dropout: 15,
    job_loss_list: 20,
    dangerous_house: 15,
    // the income signal's points come from `incomeMax` (proximity to the line), not from here
    income_in_range: 0,
  },
  halfLifeDays: 180,
  lossPointsPer1000: 1,
  lossPointsMax: 10,
  medicalRatioPointsPer10pct: 2,
  medicalRatioMax: 20,
  signalsCap: 60,
  incomeMax: 30,
  vulnerability: { noLabour: 15, seriousIllness: 10, disability: 8, elderlyAlone: 12 },
  vulnerabilityCap: 30,
  elderlyAge: 60,
};
