import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import {
  EditResult,
  HouseholdParams,
  HouseholdPatch,
  MemberNew,
  MemberParams,
  MemberPatch,
  MemberRemove,
  StatusPost,
  YearParams,
  YearPut,
} from './edit-schema.js';
import type { HouseholdEditService } from './edit-service.js';
import type { MemberEditService } from './member-edit-service.js';

const responses = { 200: EditResult, ...errorResponses, 409: ErrorBody };
const tags = ['households'];

/** Editing households and members. Every body carries the household `version` (stale → 409 E_CONFLICT). */
export function householdEditRoutes(
  app: ZodApp,
  households: HouseholdEditService,
  members: MemberEditService,
) {
  app.patch('/api/households/:id', {
    schema: {
      tags,
      summary: 'Change household fields',
      params: HouseholdParams,
      body: HouseholdPatch,
      response: responses,
    },
    handler: (req) => households.updateHousehold(currentUser(req), req.params.id, req.body),
  });

  app.put('/api/households/:id/years/:year', {
    schema: {
      tags,
      summary: "Set a year's income (all components; reason required)",
      params: YearParams,
      body: YearPut,
      response: responses,
    },
    handler: (req) => households.putYear(currentUser(req), req.params.id, req.params.year, req.body),
  });

  app.post('/api/households/:id/status', {
    schema: {
      tags,
      summary: 'Change the household status (township officers and above; reason required)',
      params: HouseholdParams,
      body: StatusPost,
      response: responses,
    },
    handler: (req) => households.changeStatus(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/households/:id/members', {
    schema: { tags, summary: 'Add a member', params: HouseholdParams, body: MemberNew, response: responses },
    handler: (req) => members.addMember(currentUser(req), req.params.id, req.body),
  });

  app.patch('/api/households/:id/members/:memberId', {
    schema: {
      tags,
      summary: 'Change member fields',
      params: MemberParams,
      body: MemberPatch,
      response: responses,
    },
    handler: (req) => members.updateMember(currentUser(req), req.params.id, req.params.memberId, req.body),
  });

  app.delete('/api/households/:id/members/:memberId', {
    schema: {
      tags,
      summary: 'Mark a member moved out or deceased (kept on record; reason required)',
      params: MemberParams,
      body: MemberRemove,
      response: responses,
    },
    handler: (req) => members.removeMember(currentUser(req), req.params.id, req.params.memberId, req.body),
  });
}
