import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../scripts/openapi-document.js';
import { operationId, operationSecurity, PUBLIC_ROUTES } from './openapi.js';

type Operation = { operationId?: string; security?: unknown };

describe('the OpenAPI document', () => {
  it('names operations after their method and path', () => {
    expect(operationId('get', '/api/households/{id}/members')).toBe('getHouseholdsByIdMembers');
    expect(operationId('POST', '/api/public/grievances/{code}/feedback')).toBe(
      'postPublicGrievancesByCodeFeedback',
    );
    expect(operationId('get', '/api/imports/template.xlsx')).toBe('getImportsTemplateXlsx');
  });

  it('marks public routes, portal routes and the rest', () => {
    expect(operationSecurity('GET', '/api/health')).toEqual([]);
    expect(operationSecurity('POST', '/api/public/grievances')).toEqual([]);
    expect(operationSecurity('POST', '/api/portal/login')).toEqual([]);
    expect(operationSecurity('GET', '/api/portal/me')).toEqual([{ portalSession: [] }]);
    expect(operationSecurity('POST', '/api/portal-codes')).toBeUndefined();
    expect(operationSecurity('POST', '/api/auth/logout')).toBeUndefined();
  });

  it('declares the cookies, a default security and unique operationIds; every public entry is a route', async () => {
    const doc = (await openApiDocument()) as unknown as {
      openapi: string;
      security: unknown;
      components: { securitySchemes: Record<string, { in: string; name: string }> };
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.security).toEqual([{ session: [] }]);
    expect(doc.components.securitySchemes.session).toMatchObject({ in: 'cookie', name: 'jz_session' });
    expect(doc.components.securitySchemes.portalSession).toMatchObject({ in: 'cookie', name: 'jz_portal' });
    const ops = Object.entries(doc.paths).flatMap(([url, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => ({ key: `${method.toUpperCase()} ${url}`, url, op })),
    );
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ops.length);
    for (const entry of PUBLIC_ROUTES) {
      const matched = ops.filter((o) => (entry.endsWith('/') ? o.url.startsWith(entry) : o.key === entry));
      expect(matched.length, entry).toBeGreaterThan(0);
      for (const o of matched) expect(o.op.security, o.key).toEqual([]);
    }
  }, 60_000);
});
