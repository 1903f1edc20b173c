import { nextNeedStatus, type NeedAction, type NeedStatus } from '../../domain/participation/needs.js';
import { AppError } from '../../kernel/errors.js';

/** The next status of a need after `action`, or 409 E_TRANSITION_NOT_ALLOWED. */
export function step(status: string, action: NeedAction, needId: string): NeedStatus {
  const next = nextNeedStatus(status as NeedStatus, action);
  if (!next)
    throw new AppError('E_TRANSITION_NOT_ALLOWED', `need ${needId} is ${status}: cannot ${action}`, {
      need: needId,
      status,
      action,
    });
  return next;
}
