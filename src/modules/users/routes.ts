import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import type { UserAdminService } from './admin-service.js';
import {
  DisabledBody,
  NewUserBody,
  ResetBody,
  UserChangeBody,
  UserList,
  UserListQuery,
  UserRow,
  WithPassword,
} from './schema.js';

const tags = ['users'];
const params = z.object({ id: Id });

/** User administration (admins and county officers; who may change whom: access.ts). */
export function userRoutes(app: ZodApp, users: UserAdminService) {
  app.get('/api/users', {
    schema: {
      tags,
      summary: 'Accounts within your scope (admins and county officers)',
      querystring: UserListQuery,
      response: { 200: UserList, ...errorResponses },
    },
    handler: (req) => users.list(currentUser(req), req.query),
  });

  app.post('/api/users', {
    schema: {
      tags,
      summary: 'Create an account; it must set its own password at first sign-in',
      body: NewUserBody,
      response: { 200: WithPassword, ...errorResponses },
    },
    handler: (req) => users.create(currentUser(req), req.body),
  });

  app.patch('/api/users/:id', {
    schema: {
      tags,
      summary: "Change an account's display name, role or scope",
      params,
      body: UserChangeBody,
      response: { 200: UserRow, ...errorResponses },
    },
    handler: (req) => users.update(currentUser(req), req.params.id, req.body),
  });

  app.put('/api/users/:id/disabled', {
    schema: {
      tags,
      summary: 'Disable (ends its sessions) or enable an account',
      params,
      body: DisabledBody,
      response: { 200: UserRow, ...errorResponses },
    },
    handler: (req) => users.setDisabled(currentUser(req), req.params.id, req.body.disabled),
  });

  app.post('/api/users/:id/password-reset', {
    schema: {
      tags,
      summary: 'Set a temporary password (typed, or generated and returned once); ends its sessions',
      params,
      body: ResetBody,
      response: { 200: WithPassword, ...errorResponses },
    },
    handler: (req) => users.resetPassword(currentUser(req), req.params.id, req.body.password),
  });
}
