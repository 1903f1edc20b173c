import type { CaseKind, FirePayload } from '../../domain/cases/index.js';
import type { MonitoringCategoryCode } from './effects.js';

/** What a caller gives the case service: an opening, and the payload of a step. */
export interface CasePayload extends FirePayload {
  /** The county's monitoring decision: category (required to include) and up to 5 risks. */
  decision?: { category?: MonitoringCategoryCode | undefined; risks?: string[] | undefined } | undefined;
}

export interface OpenInput {
  kind: CaseKind;
  householdId: string;
  payload: CasePayload;
  data: {
    staffRelative?: boolean | undefined;
    channel?: string | undefined;
    worklistItemId?: string | undefined;
  };
}
