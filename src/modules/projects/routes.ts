import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import type { ProjectEditService } from './edit-service.js';
import {
  AssistanceSummary,
  BeneficiaryBody,
  BenefitBody,
  CompleteBody,
  Created,
  FollowUpBody,
  FundBody,
  IdParam,
  NewProjectBody,
  Ok,
  ProjectDetail,
  ProjectList,
  ProjectListQuery,
  SummaryQuery,
} from './schema.js';
import type { ProjectService } from './service.js';
import type { AssistanceSummary as Summary } from './summary.js';

const tags = ['projects'];

/** A write to one project: its id, a body, a small answer. */
const write = <B, R>(summary: string, body: B, response: R) => ({
  tags,
  summary,
  params: IdParam,
  body,
  response: { 200: response, ...errorResponses },
});

/** The project library (项目库) and the dashboard's delivery figures. */
export function projectRoutes(app: ZodApp, projects: ProjectService & ProjectEditService, summary: Summary) {
  app.get('/api/projects', {
    schema: {
      tags,
      summary: 'The project library of a region with signals (bonsai, idle) and fund concentration',
      querystring: ProjectListQuery,
      response: { 200: ProjectList, ...errorResponses },
    },
    handler: (req) => projects.list(currentUser(req), req.query),
  });
  app.get('/api/projects/summary', {
    schema: {
      tags,
      summary: 'Dashboard figures: target progress, funds disbursed, idle and bonsai projects',
      querystring: SummaryQuery,
      response: { 200: AssistanceSummary, ...errorResponses },
    },
    handler: (req) => summary(currentUser(req), req.query),
  });
  app.get('/api/projects/:id', {
    schema: {
      tags,
      summary: 'One project: indicators, linkage, funds, beneficiaries, follow-ups, signals',
      params: IdParam,
      response: { 200: ProjectDetail, ...errorResponses },
    },
    handler: (req) => projects.get(currentUser(req), req.params.id),
  });
  app.post('/api/projects', {
    schema: {
      tags,
      summary:
        'Enter a project into the library: refused (400 E_REQUIREMENT) without performance targets or benefit linkage',
      body: NewProjectBody,
      response: { 200: Created, ...errorResponses },
    },
    handler: (req) => projects.create(currentUser(req), req.body),
  });
  app.put('/api/projects/:id/funds', {
    schema: write('Set allocation and disbursement of one source and year (audited)', FundBody, Ok),
    handler: (req) => projects.setFund(currentUser(req), req.params.id, req.body),
  });
  app.post('/api/projects/:id/beneficiaries', {
    schema: write('Add a beneficiary household with its linkage type (audited)', BeneficiaryBody, Ok),
    handler: (req) => projects.addBeneficiary(currentUser(req), req.params.id, req.body),
  });
  app.put('/api/projects/:id/benefits', {
    schema: write("Record a beneficiary's benefit in a year (audited)", BenefitBody, Ok),
    handler: (req) => projects.recordBenefit(currentUser(req), req.params.id, req.body),
  });
  app.post('/api/projects/:id/complete', {
    schema: write('Mark the project completed (audited)', CompleteBody, Ok),
    handler: (req) => projects.complete(currentUser(req), req.params.id, req.body),
  });
  app.post('/api/projects/:id/followups', {
    schema: write(
      'Record a yearly follow-up; revival needs a plan; newOperator reassigns the asset (audited)',
      FollowUpBody,
      Created,
    ),
    handler: (req) => projects.followUp(currentUser(req), req.params.id, req.body),
  });
}
