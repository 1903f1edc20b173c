import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import type { PairService } from './pairs-service.js';
import {
  AssistanceSummary,
  BeneficiaryBody,
  BenefitBody,
  CommitmentBody,
  CompleteBody,
  Created,
  DeliveryBody,
  FollowUpBody,
  FundBody,
  IdParam,
  NewPairBody,
  NewProjectBody,
  Ok,
  PairDetail,
  PairList,
  ProjectDetail,
  ProjectList,
  ProjectListQuery,
  RegionQuery,
  SplitBody,
  SummaryQuery,
  TargetQuery,
  TargetTree,
} from './schema.js';
import type { ProjectService } from './service.js';
import type { createAssistanceSummary } from './summary.js';
import type { TargetService } from './targets-service.js';
import { z } from 'zod';

export interface AssistanceServices {
  pairs: PairService;
  targets: TargetService;
  projects: ProjectService;
  summary: ReturnType<typeof createAssistanceSummary>;
}

const write = (tags: string[], summary: string, body: z.ZodType, response: z.ZodType) => ({
  tags,
  summary,
  params: IdParam,
  body,
  response: { 200: response, ...errorResponses },
});

export function assistanceRoutes(app: ZodApp, s: AssistanceServices) {
  const P = ['pairs'];
  app.get('/api/pairs', {
    schema: {
      tags: P,
      summary: 'Paired assistance touching a region, committed vs delivered per year',
      querystring: RegionQuery,
      response: { 200: PairList, ...errorResponses },
    },
    handler: (req) => s.pairs.list(currentUser(req), req.query.region),
  });
  app.get('/api/pairs/:id', {
    schema: {
      tags: P,
      summary: 'One pair with its yearly summary and deliveries',
      params: IdParam,
      response: { 200: PairDetail, ...errorResponses },
    },
    handler: (req) => s.pairs.get(currentUser(req), req.params.id),
  });
  app.post('/api/pairs', {
    schema: {
      tags: P,
      summary: 'Record a pair (audited)',
      body: NewPairBody,
      response: { 200: Created, ...errorResponses },
    },
    handler: (req) => s.pairs.create(currentUser(req), req.body),
  });
  app.put('/api/pairs/:id/commitments', {
    schema: write(P, "Set a year's commitment of one category (audited)", CommitmentBody, Ok),
    handler: (req) =>
      s.pairs.commit(currentUser(req), req.params.id, req.body as z.infer<typeof CommitmentBody>),
  });
  app.post('/api/pairs/:id/deliveries', {
    schema: write(P, 'Record a delivery (audited)', DeliveryBody, Created),
    handler: (req) =>
      s.pairs.deliver(currentUser(req), req.params.id, req.body as z.infer<typeof DeliveryBody>),
  });

  const T = ['targets'];
  app.get('/api/targets', {
    schema: {
      tags: T,
      summary:
        'Targets of a region and its sub-regions with progress computed from the registry and quality signals',
      querystring: TargetQuery,
      response: { 200: TargetTree, ...errorResponses },
    },
    handler: (req) => s.targets.tree(currentUser(req), req.query),
  });
  app.put('/api/targets/split', {
    schema: {
      tags: T,
      summary: "Split a region's target among its sub-regions; the sum must equal it (audited)",
      body: SplitBody,
      response: { 200: z.object({ saved: z.number() }), ...errorResponses },
    },
    handler: (req) => s.targets.split(currentUser(req), req.body),
  });

  const J = ['projects'];
  app.get('/api/projects', {
    schema: {
      tags: J,
      summary: 'The project library of a region with signals (bonsai, idle) and fund concentration',
      querystring: ProjectListQuery,
      response: { 200: ProjectList, ...errorResponses },
    },
    handler: (req) => s.projects.list(currentUser(req), req.query),
  });
  app.get('/api/projects/summary', {
    schema: {
      tags: J,
      summary: 'Dashboard figures: target progress, funds disbursed, idle and bonsai projects',
      querystring: SummaryQuery,
      response: { 200: AssistanceSummary, ...errorResponses },
    },
    handler: (req) => s.summary(currentUser(req), req.query),
  });
  app.get('/api/projects/:id', {
    schema: {
      tags: J,
      summary: 'One project: indicators, linkage, funds, beneficiaries, follow-ups, signals',
      params: IdParam,
      response: { 200: ProjectDetail, ...errorResponses },
    },
    handler: (req) => s.projects.get(currentUser(req), req.params.id),
  });
  app.post('/api/projects', {
    schema: {
      tags: J,
      summary:
        'Enter a project into the library: refused (400 E_REQUIREMENT) without performance targets or benefit linkage',
      body: NewProjectBody,
      response: { 200: Created, ...errorResponses },
    },
    handler: (req) => s.projects.create(currentUser(req), req.body),
  });
  app.put('/api/projects/:id/funds', {
    schema: write(J, 'Set allocation and disbursement of one source and year (audited)', FundBody, Ok),
    handler: (req) =>
      s.projects.setFund(currentUser(req), req.params.id, req.body as z.infer<typeof FundBody>),
  });
  app.post('/api/projects/:id/beneficiaries', {
    schema: write(J, 'Add a beneficiary household with its linkage type (audited)', BeneficiaryBody, Ok),
    handler: (req) =>
      s.projects.addBeneficiary(currentUser(req), req.params.id, req.body as z.infer<typeof BeneficiaryBody>),
  });
  app.put('/api/projects/:id/benefits', {
    schema: write(J, "Record a beneficiary's benefit in a year (audited)", BenefitBody, Ok),
    handler: (req) =>
      s.projects.recordBenefit(currentUser(req), req.params.id, req.body as z.infer<typeof BenefitBody>),
  });
  app.post('/api/projects/:id/complete', {
    schema: write(J, 'Mark the project completed (audited)', CompleteBody, Ok),
    handler: (req) =>
      s.projects.complete(currentUser(req), req.params.id, req.body as z.infer<typeof CompleteBody>),
  });
  app.post('/api/projects/:id/followups', {
    schema: write(
      J,
      'Record a yearly follow-up; revival needs a plan; newOperator reassigns the asset (audited)',
      FollowUpBody,
      Created,
    ),
    handler: (req) =>
      s.projects.followUp(currentUser(req), req.params.id, req.body as z.infer<typeof FollowUpBody>),
  });
}
