import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';

/** Who keeps the request and inspection registers: township officers and above. */
export function mayRegister(user: AuthUser): void {
  if (!permissionsOf(user.role).keepBurdenRegisters)
    throw new AppError(
      'E_FORBIDDEN',
      'Only township officers and above keep the request and inspection registers',
    );
}
