import type { CaseKind, FirePayload } from '../../domain/cases/index.js';
import type { MonitoringCategoryCode } from './effects.js';

/** What a caller gives the case service: an opening, and the payload of a step. */
export interface CasePayload extends FirePayload {
  /** The county's monitoring decision: category (required to include) and up to 5 risks. */
  decision?:
    | {
        category?: MonitoringCategoryCode | undefined;
        risks?: string[] | undefined;
        /** dibao approval: category (absent: by the rule) and the member covered alone (单人户). */
        dibaoCategory?: 'A' | 'B' | 'C' | 'full' | 'partial' | undefined;
        singleMemberId?: string | undefined;
        /** 特困 approval: support mode and care level. */
        supportMode?: 'centralised' | 'dispersed' | undefined;
        careLevel?: 'self_care' | 'partly_dependent' | 'fully_dependent' | undefined;
      }
    | undefined;
}

export interface OpenInput {
  kind: CaseKind;
  householdId: string;
  payload: CasePayload;
  /** Go on although the rules find the household ineligible (or cannot decide): kept in the audit. */
  confirmIneligible?: boolean | undefined;
  /** Read the rules before opening (the HTTP opening; an opening from warning signals is not gated). */
  checkEligibility?: boolean | undefined;
  data: {
    staffRelative?: boolean | undefined;
    channel?: string | undefined;
    worklistItemId?: string | undefined;
  };
}
