import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import { Basis, CreateDocument, Document, DocumentDetail, DocumentSummary, SearchQuery } from './schema.js';
import type { PolicyLibraryService } from './service.js';

const tags = ['policy-library'];

/** The policy library (政策文件库): search, read, what a document grounds, add a regional document. */
export function policyLibraryRoutes(app: ZodApp, library: PolicyLibraryService) {
  app.get('/api/policy-library/documents', {
    schema: {
      tags,
      summary:
        'Policy documents of the country and of the regions above and within your scope, searched in Chinese (every term must occur)',
      querystring: SearchQuery,
      response: { 200: z.array(DocumentSummary), ...errorResponses },
    },
    handler: (req) => library.search(currentUser(req), req.query.q, req.query.limit),
  });

  app.get('/api/policy-library/documents/:id', {
    schema: {
      tags,
      summary: 'A policy document with the rules, parameters and catalogue measures it grounds',
      params: z.object({ id: Id }),
      response: { 200: DocumentDetail, ...errorResponses },
    },
    handler: (req) => library.get(currentUser(req), req.params.id),
  });

  app.get('/api/policy-library/basis', {
    schema: {
      tags,
      summary: 'The policy basis of every rule and parameter (documents on your scope line)',
      response: { 200: Basis, ...errorResponses },
    },
    handler: (req) => library.basis(currentUser(req)),
  });

  app.post('/api/policy-library/documents', {
    schema: {
      tags,
      summary:
        'Add a policy document of your region (county officers and above; national: whole-country scope; audited)',
      body: CreateDocument,
      response: { 200: Document, ...errorResponses },
    },
    handler: (req) => {
      const { reason, ...input } = req.body;
      return library.create(currentUser(req), input, reason);
    },
  });
}
