import { ErrorBody, errorResponses } from '../../kernel/http.js';

/** The error answers of the safety net's routes (409: a conflict with the rolls' state or limits). */
export const errors = { ...errorResponses, 409: ErrorBody };
