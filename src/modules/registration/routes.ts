import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { EditResult } from '../households/edit-schema.js';
import type { MemberEventService } from './events.js';
import {
  CheckResult,
  Draft,
  DraftCreate,
  DraftList,
  DraftParams,
  DraftPut,
  DraftSubmit,
  DraftVersion,
  HouseholdParams,
  MemberEventBody,
  MemberEventList,
  SubmitResult,
} from './schema.js';
import type { RegistrationService } from './service.js';

const tags = ['registration'];
const withConflict = { ...errorResponses, 409: ErrorBody };

/**
 * Registering a household in the app (docs/field.md): drafts as plain JSON with a version (a stale
 * one → 409), the check, the submit; dated member events of a household.
 */
export function registrationRoutes(app: ZodApp, s: RegistrationService, events: MemberEventService) {
  app.get('/api/registrations', {
    schema: { tags, summary: 'My open registration drafts', response: { 200: DraftList, ...errorResponses } },
    handler: (req) => s.listDrafts(currentUser(req)),
  });
  app.post('/api/registrations', {
    schema: {
      tags,
      summary: 'Start a registration draft in a village',
      body: DraftCreate,
      response: { 200: Draft, ...errorResponses },
    },
    handler: (req) => s.createDraft(currentUser(req), req.body),
  });
  app.get('/api/registrations/:id', {
    schema: {
      tags,
      summary: 'One of my drafts',
      params: DraftParams,
      response: { 200: Draft, ...errorResponses },
    },
    handler: (req) => s.getDraft(currentUser(req), req.params.id),
  });
  app.put('/api/registrations/:id', {
    schema: {
      tags,
      summary: 'Save a draft (incomplete is fine)',
      params: DraftParams,
      body: DraftPut,
      response: { 200: Draft, ...withConflict },
    },
    handler: (req) => s.saveDraft(currentUser(req), req.params.id, req.body),
  });
  app.post('/api/registrations/:id/discard', {
    schema: {
      tags,
      summary: 'Discard a draft',
      params: DraftParams,
      body: DraftVersion,
      response: { 200: Draft, ...withConflict },
    },
    handler: (req) => s.discardDraft(currentUser(req), req.params.id, req.body),
  });
  app.post('/api/registrations/:id/check', {
    schema: {
      tags,
      summary: "The import's checks, duplicate persons and red lines of a draft (writes nothing)",
      params: DraftParams,
      response: { 200: CheckResult, ...errorResponses },
    },
    handler: (req) => s.checkDraft(currentUser(req), req.params.id),
  });
  app.post('/api/registrations/:id/submit', {
    schema: {
      tags,
      summary: 'Register the household and open its identification case',
      params: DraftParams,
      body: DraftSubmit,
      response: { 200: SubmitResult, ...withConflict },
    },
    handler: (req) => s.submit(currentUser(req), req.params.id, req.body),
  });
  app.get('/api/households/:id/member-events', {
    schema: {
      tags,
      summary: 'Member events of a household',
      params: HouseholdParams,
      response: { 200: MemberEventList, ...errorResponses },
    },
    handler: (req) => events.list(currentUser(req), req.params.id),
  });
  app.post('/api/households/:id/member-events', {
    schema: {
      tags,
      summary: 'Record a dated member event (birth, marriage in/out, moving in/out, death)',
      params: HouseholdParams,
      body: MemberEventBody,
      response: { 200: EditResult, ...withConflict },
    },
    handler: (req) => events.record(currentUser(req), req.params.id, req.body),
  });
}
