import { z } from 'zod';
import { currentUser, errorResponses, ErrorBody, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import {
  Commitment,
  CommitmentBody,
  ConfirmBody,
  EarnBody,
  Effort,
  Employment,
  EmploymentBody,
  Ledger,
  LedgerEntry,
  PassiveExit,
  PendingProgress,
  ProgressBody,
  RedeemBody,
  RegionQuery,
  Rule,
  RuleBody,
  Rules,
  ShopItem,
  ShopItemBody,
  Training,
  TrainingBody,
  Wage,
  WageBody,
  WorkReliefFlag,
  WorkReliefProject,
} from './schema.js';
import type { EffortServices } from './service.js';

const tags = ['effort'];
const errors = { ...errorResponses, 409: ErrorBody };
const H = z.object({ id: Id });

/** The household's own effort (内生动力): records, ledger, shop, work relief, commitments. */
export function effortRoutes(app: ZodApp, s: EffortServices) {
  const base = '/api/effort/households/:id';
  app.get(base, {
    schema: {
      tags,
      summary:
        "A household's effort: employment, training, work-relief wages, commitments, ledger, passive-exit flag",
      params: H,
      response: { 200: Effort, ...errors },
    },
    handler: (req) => s.records.overview(currentUser(req), req.params.id),
  });
  app.get(`${base}/passive-exit`, {
    schema: {
      tags,
      summary: 'The passive-exit flag of the latest income year (for the deciding level)',
      params: H,
      response: { 200: PassiveExit.nullable(), ...errors },
    },
    handler: (req) => s.records.passiveExit(currentUser(req), req.params.id),
  });
  app.post(`${base}/employment`, {
    schema: {
      tags,
      summary: "A member's employment record (audited)",
      params: H,
      body: EmploymentBody,
      response: { 200: Employment, ...errors },
    },
    handler: (req) => s.records.addEmployment(currentUser(req), req.params.id, req.body),
  });
  app.post(`${base}/training`, {
    schema: {
      tags,
      summary: "A member's skills training record (audited)",
      params: H,
      body: TrainingBody,
      response: { 200: Training, ...errors },
    },
    handler: (req) => s.records.addTraining(currentUser(req), req.params.id, req.body),
  });
  app.get(`${base}/ledger`, {
    schema: {
      tags,
      summary: "The household's incentive ledger and balance",
      params: H,
      response: { 200: Ledger, ...errors },
    },
    handler: (req) => s.ledger.ledger(currentUser(req), req.params.id),
  });
  app.post(`${base}/ledger/earn`, {
    schema: {
      tags,
      summary: "Points earned by the county's rule (audited)",
      params: H,
      body: EarnBody,
      response: { 200: LedgerEntry, ...errors },
    },
    handler: (req) => s.ledger.earn(currentUser(req), req.params.id, req.body),
  });
  app.post(`${base}/ledger/redeem`, {
    schema: {
      tags,
      summary: 'Points redeemed at the points shop; never below zero (audited)',
      params: H,
      body: RedeemBody,
      response: { 200: LedgerEntry, ...errors },
    },
    handler: (req) => s.ledger.redeem(currentUser(req), req.params.id, req.body),
  });
  app.get(`${base}/commitments`, {
    schema: {
      tags,
      summary: "The household's commitments and reported progress",
      params: H,
      response: { 200: z.array(Commitment), ...errors },
    },
    handler: (req) => s.commitments.list(currentUser(req), req.params.id),
  });
  app.post(`${base}/commitments`, {
    schema: {
      tags,
      summary: 'A commitment written into the household plan (audited)',
      params: H,
      body: CommitmentBody,
      response: { 200: Commitment, ...errors },
    },
    handler: (req) => s.commitments.add(currentUser(req), req.params.id, req.body),
  });
  app.post(`${base}/commitments/progress`, {
    schema: {
      tags,
      summary: 'Progress recorded by the cadre (audited)',
      params: H,
      body: ProgressBody,
      response: { 200: z.array(Commitment), ...errors },
    },
    handler: (req) => s.commitments.reportByCadre(currentUser(req), req.params.id, req.body),
  });
  app.post(`${base}/commitments/confirm`, {
    schema: {
      tags,
      summary: "The cadre confirms reported progress (earns the county's commitment points)",
      params: H,
      body: ConfirmBody,
      response: { 200: z.array(Commitment), ...errors },
    },
    handler: (req) => s.commitments.confirm(currentUser(req), req.params.id, req.body),
  });
  sharedRoutes(app, s);
}

function sharedRoutes(app: ZodApp, s: EffortServices) {
  app.get('/api/effort/commitments/pending', {
    schema: {
      tags,
      summary: 'Progress reported on commitments awaiting confirmation, in scope (oldest first)',
      querystring: RegionQuery,
      response: { 200: PendingProgress, ...errors },
    },
    handler: (req) => s.pendingProgress.pending(currentUser(req), req.query.region),
  });
  app.get('/api/effort/rules', {
    schema: {
      tags,
      summary: "A county's incentive rules (own, and default templates not adopted)",
      querystring: RegionQuery,
      response: { 200: Rules, ...errors },
    },
    handler: (req) => s.incentives.rules(currentUser(req), req.query.region),
  });
  app.put('/api/effort/rules', {
    schema: {
      tags,
      summary: "Set one of the county's incentive rules (county officers; audited)",
      body: RuleBody,
      response: { 200: Rule, ...errors },
    },
    handler: (req) => s.incentives.setRule(currentUser(req), req.body),
  });
  app.get('/api/effort/shop', {
    schema: {
      tags,
      summary: 'Points-shop items of a region (and of the township above a village)',
      querystring: RegionQuery,
      response: { 200: z.array(ShopItem), ...errors },
    },
    handler: (req) => s.incentives.shop(currentUser(req), req.query.region),
  });
  app.post('/api/effort/shop', {
    schema: {
      tags,
      summary: 'A points-shop item of a village or township (audited)',
      body: ShopItemBody,
      response: { 200: ShopItem, ...errors },
    },
    handler: (req) => s.incentives.addShopItem(currentUser(req), req.body),
  });
  app.get('/api/effort/work-relief', {
    schema: {
      tags,
      summary: 'Work-relief projects in scope with wages paid',
      querystring: RegionQuery,
      response: { 200: z.array(WorkReliefProject), ...errors },
    },
    handler: (req) => s.workRelief.projects(currentUser(req), req.query.region),
  });
  app.put('/api/effort/projects/:id/work-relief', {
    schema: {
      tags,
      summary: 'Flag a project as work relief (以工代赈; audited)',
      params: H,
      body: WorkReliefFlag,
      response: { 200: z.object({ id: z.string(), workRelief: z.boolean() }), ...errors },
    },
    handler: (req) => s.workRelief.flag(currentUser(req), req.params.id, req.body.workRelief),
  });
  app.get('/api/effort/projects/:id/wages', {
    schema: {
      tags,
      summary: "A work-relief project's wages",
      params: H,
      response: { 200: z.array(Wage), ...errors },
    },
    handler: (req) => s.workRelief.wages(currentUser(req), req.params.id),
  });
  app.post('/api/effort/projects/:id/wages', {
    schema: {
      tags,
      summary: "A wage paid to a local member, written into the household's income month (audited)",
      params: H,
      body: WageBody,
      response: { 200: Wage.extend({ factState: z.string() }), ...errors },
    },
    handler: (req) => s.workRelief.pay(currentUser(req), req.params.id, req.body),
  });
}
