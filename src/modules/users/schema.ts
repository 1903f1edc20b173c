import { z } from 'zod';
import { ROLES } from '../../domain/roles.js';
import { Page, PageSize, RegionCode } from '../../kernel/schema.js';

/** Requests and answers of user administration (routes.ts). */
export const UserRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  scopeCode: z.string(),
  scopeName: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** Whether the caller may change this account (not their own, within their reach). */
  manageable: z.boolean(),
});

export const UserListQuery = z.object({
  q: z.string().trim().max(60).optional(),
  role: z.enum(ROLES).optional(),
  page: Page,
  pageSize: PageSize(500, 50),
});

export const UserList = z.object({
  items: z.array(UserRow),
  total: z.number(),
  /** The roles the caller may give. */
  assignableRoles: z.array(z.string()),
});

/** A temporary password typed by the administrator (the policy applies); absent: one is generated. */
const TemporaryPassword = z.string().min(1).max(200);
const DisplayName = z.string().trim().min(1).max(60);

export const NewUserBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[\w.-]{2,40}$/, 'must be 2–40 letters, digits, dot, dash or underscore'),
  displayName: DisplayName.optional(),
  role: z.enum(ROLES),
  scopeCode: RegionCode,
  password: TemporaryPassword.optional(),
});

export const UserChangeBody = z
  .object({ displayName: DisplayName, role: z.enum(ROLES), scopeCode: RegionCode })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'name at least one of displayName, role, scopeCode');

export const DisabledBody = z.object({ disabled: z.boolean() });
export const ResetBody = z.object({ password: TemporaryPassword.optional() });

/** The account and, when the server generated it, the temporary password (shown once, never stored plain). */
export const WithPassword = z.object({ user: UserRow, temporaryPassword: z.string().nullable() });
