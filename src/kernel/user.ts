import type { Role } from '../domain/roles.js';

/** The signed-in user of a request: who they are, what role they act in, which region they may see. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Division code of the user's region ('' = the whole country); see kernel/scope.ts. */
  scopeCode: string;
}

/** Who an audit event names as its author. */
export interface Actor {
  id: string | null;
  name: string;
}

/** The actor of writes made by the system itself (schedules, derivations, the demo). */
export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** The one way to turn a user into the actor of an audit event. */
export const actorOf = (user: Pick<AuthUser, 'id' | 'username'>): Actor => ({
  id: user.id,
  name: user.username,
});
