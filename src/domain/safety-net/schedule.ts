import type { DibaoReviewKind } from '../rules/dibao-review.js';
import { addMonthsToDate } from './month.js';
import type { SafetyNetParams } from './params.js';

/** The next review of a dibao entry: the decision day plus the interval of the household's kind. */
export const nextReviewOn = (decidedOn: string, kind: DibaoReviewKind, p: SafetyNetParams): string =>
  addMonthsToDate(decidedOn, p.reviewMonths[kind]);

/** Days until a review is due (negative: overdue). */
export const reviewDue = (nextReview: string | null, today: string): boolean =>
  nextReview !== null && nextReview <= today;
