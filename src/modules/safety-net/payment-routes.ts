import { currentUser, type ZodApp } from '../../kernel/http.js';
import type { SafetyNetServices } from './index.js';
import { errors } from './route-errors.js';
import {
  CorrectBody,
  LineParams,
  PaymentCreate,
  PaymentExportQuery,
  PaymentLineQuery,
  PaymentLines,
  PaymentListParams,
  PaymentListQuery,
  PaymentLists,
  PaymentListSummary,
  Reconciliation,
  ReturnBody,
  RollParams,
  SectoralCreate,
  SectoralItem,
  SectoralList,
  SectoralQuery,
  TemporaryCreate,
  TemporaryDecide,
  TemporaryItem,
  TemporaryList,
  TemporaryQuery,
} from './schema.js';

const tags = ['safety-net'];

/** Temporary and sectoral assistance, and the monthly payment lists. */
export function paymentRoutes(app: ZodApp, s: SafetyNetServices) {
  app.post('/api/safety-net/temporary', {
    schema: {
      tags,
      summary: 'Apply for temporary assistance (emergency may be fast-tracked: aid first, procedure after)',
      body: TemporaryCreate,
      response: { 200: TemporaryItem, ...errors },
    },
    handler: (req) => s.temporary.create(currentUser(req), req.body),
  });
  app.get('/api/safety-net/temporary', {
    schema: {
      tags,
      summary: 'Temporary-assistance cases of a region',
      querystring: TemporaryQuery,
      response: { 200: TemporaryList, ...errors },
    },
    handler: (req) => s.temporary.list(currentUser(req), req.query),
  });
  app.get('/api/safety-net/temporary/:id', {
    schema: {
      tags,
      summary: 'One temporary-assistance case',
      params: RollParams,
      response: { 200: TemporaryItem, ...errors },
    },
    handler: (req) => s.temporary.detail(currentUser(req), req.params.id),
  });
  app.post('/api/safety-net/temporary/:id/decide', {
    schema: {
      tags,
      summary:
        'Approve (within limits; above the township limit the county), deny, or regularise a fast-tracked aid',
      params: RollParams,
      body: TemporaryDecide,
      response: { 200: TemporaryItem, ...errors },
    },
    handler: (req) => s.temporary.decide(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/safety-net/sectoral', {
    schema: {
      tags,
      summary: 'Record medical (after the insurances), education or housing assistance',
      body: SectoralCreate,
      response: { 200: SectoralItem, ...errors },
    },
    handler: (req) => s.sectoral.create(currentUser(req), req.body),
  });
  app.get('/api/safety-net/sectoral', {
    schema: {
      tags,
      summary: 'Sectoral assistance records of a region',
      querystring: SectoralQuery,
      response: { 200: SectoralList, ...errors },
    },
    handler: (req) => s.sectoral.list(currentUser(req), req.query),
  });

  app.post('/api/safety-net/payments', {
    schema: {
      tags,
      summary: "Make (or remake, until exported) a county's payment list of a month from the rolls",
      body: PaymentCreate,
      response: { 200: PaymentListSummary, ...errors },
    },
    handler: (req) => s.payments.create(currentUser(req), req.body),
  });
  app.get('/api/safety-net/payments', {
    schema: {
      tags,
      summary: 'Payment lists (newest month first) with their totals',
      querystring: PaymentListQuery,
      response: { 200: PaymentLists, ...errors },
    },
    handler: (req) => s.payments.lists(currentUser(req), req.query),
  });
  app.get('/api/safety-net/payments/:id', {
    schema: {
      tags,
      summary: 'One payment list with its totals by programme',
      params: PaymentListParams,
      response: { 200: PaymentListSummary, ...errors },
    },
    handler: (req) => s.payments.get(currentUser(req), req.params.id),
  });
  app.get('/api/safety-net/payments/:id/lines', {
    schema: {
      tags,
      summary: 'The lines of a list (no account numbers)',
      params: PaymentListParams,
      querystring: PaymentLineQuery,
      response: { 200: PaymentLines, ...errors },
    },
    handler: (req) => s.payments.lines(currentUser(req), req.params.id, req.query),
  });
  app.get('/api/safety-net/payments/:id/bank-file', {
    schema: {
      tags,
      summary: 'The bank file (CSV or XLSX) with whole account numbers; every export is audited',
      params: PaymentListParams,
      querystring: PaymentExportQuery,
    },
    handler: async (req, reply) => {
      const f = await s.payments.exportBankFile(currentUser(req), req.params.id, req.query.format);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename="${f.filename}"`)
        .send(f.body);
    },
  });
  app.post('/api/safety-net/payments/:id/lines/:lineId/return', {
    schema: {
      tags,
      summary: 'Record a line returned by the bank',
      params: LineParams,
      body: ReturnBody,
      response: { 200: PaymentListSummary, ...errors },
    },
    handler: (req) =>
      s.payments.returnLine(currentUser(req), req.params.id, req.params.lineId, req.body.note),
  });
  app.post('/api/safety-net/payments/:id/lines/:lineId/correct', {
    schema: {
      tags,
      summary: 'Record a correction of a line (+ back payment, − claw-back)',
      params: LineParams,
      body: CorrectBody,
      response: { 200: Reconciliation, ...errors },
    },
    handler: (req) => s.payments.correct(currentUser(req), req.params.id, req.params.lineId, req.body),
  });
  app.get('/api/safety-net/payments/:id/reconcile', {
    schema: {
      tags,
      summary: 'The list against what the rolls make due: per entry and per programme',
      params: PaymentListParams,
      response: { 200: Reconciliation, ...errors },
    },
    handler: (req) => s.payments.reconcile(currentUser(req), req.params.id),
  });
}
