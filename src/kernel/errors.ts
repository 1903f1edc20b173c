/** Typed application errors with stable codes, mapped to HTTP in one handler (server/app.ts). */
export type ErrorCode =
  | 'E_VALIDATION'
  | 'E_UNAUTHENTICATED'
  | 'E_FORBIDDEN'
  | 'E_OUT_OF_SCOPE'
  | 'E_NOT_FOUND'
  | 'E_CONFLICT'
  | 'E_INVALID_ID_NUMBER'
  | 'E_RATE_LIMITED'
  | 'E_INTERNAL'
  // case procedures (src/domain/cases): a step not allowed now, the wrong role, a requirement missing
  | 'E_TRANSITION_NOT_ALLOWED'
  | 'E_ROLE'
  | 'E_REQUIREMENT';

const STATUS: Record<ErrorCode, number> = {
  E_VALIDATION: 400,
  E_INVALID_ID_NUMBER: 400,
  E_UNAUTHENTICATED: 401,
  E_FORBIDDEN: 403,
  E_OUT_OF_SCOPE: 403,
  E_NOT_FOUND: 404,
  E_CONFLICT: 409,
  E_RATE_LIMITED: 429,
  E_INTERNAL: 500,
  E_TRANSITION_NOT_ALLOWED: 409,
  E_ROLE: 403,
  E_REQUIREMENT: 400,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string, id: string | number) =>
  new AppError('E_NOT_FOUND', `${what} ${id} not found`, { entity: what, id });

export const outOfScope = (regionCode: string) =>
  new AppError('E_OUT_OF_SCOPE', `Region ${regionCode} is outside your scope`, { region: regionCode });
