import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import {
  ActionParams,
  CaseDetail,
  CaseParams,
  CasePayload,
  ListQuery,
  ListResponse,
  NoticeResponse,
  OpenBody,
} from './schema.js';
import type { CaseService } from './service.js';
import { z } from 'zod';

const errors = { ...errorResponses, 409: ErrorBody };

export function caseRoutes(app: ZodApp, cases: CaseService) {
  app.post('/api/cases', {
    schema: {
      tags: ['cases'],
      summary:
        'Open a case (identification, exit, monitoring, dibao, tekun) for a household in scope, in its initial state; a household the rules find ineligible or undecided (verify) answers 409 with the reasons (details.reason "ineligible") unless `confirmIneligible: true`, which the audit records',
      body: OpenBody,
      response: { 200: CaseDetail, ...errors },
    },
    handler: (req) => cases.open(currentUser(req), { ...req.body, checkEligibility: true }),
  });

  app.get('/api/cases', {
    schema: {
      tags: ['cases'],
      summary:
        'Cases in a region by kind, state and deadline (`overdue=true`: open cases past their due date)',
      querystring: ListQuery,
      response: { 200: ListResponse, ...errors },
    },
    handler: (req) => cases.list(currentUser(req), req.query),
  });

  app.get('/api/cases/:id', {
    schema: {
      tags: ['cases'],
      summary: 'One case with its timeline, deadline and the actions the current user may take',
      params: CaseParams,
      response: { 200: CaseDetail, ...errors },
    },
    handler: (req) => cases.detail(currentUser(req), req.params.id),
  });

  app.post('/api/cases/:id/actions/:action', {
    schema: {
      tags: ['cases'],
      summary:
        'Fire a step: 409 E_TRANSITION_NOT_ALLOWED, 403 E_ROLE, 400 E_REQUIREMENT (details.missing); a final state updates the household. A vote step (民主评议) on a household the rules find ineligible or undecided answers 409 with the reasons (details.reason "ineligible") unless `confirmIneligible: true`, which the audit records',
      params: ActionParams,
      body: z.object({ payload: CasePayload.default({}), confirmIneligible: z.boolean().optional() }),
      response: { 200: CaseDetail, ...errors },
    },
    handler: (req) =>
      cases.act(currentUser(req), req.params.id, req.params.action, req.body.payload, {
        checkEligibility: true,
        confirmIneligible: req.body.confirmIneligible,
      }),
  });

  app.get('/api/cases/:id/notice', {
    schema: {
      tags: ['cases'],
      summary:
        'The public notice of a case: village, names, household numbers, proposed decision, period, where to object (never ID number, phone, bank account or health)',
      params: CaseParams,
      response: { 200: NoticeResponse, ...errors },
    },
    handler: (req) => cases.notice(currentUser(req), req.params.id),
  });

  app.get('/notices/:id', {
    schema: { hide: true, params: CaseParams },
    handler: (req, reply) => reply.redirect(`/cases/${req.params.id}/notice`),
  });
}
