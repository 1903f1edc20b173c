import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../kernel/http.js';
import { PORTAL_COOKIE } from '../modules/portal/session-routes.js';

/**
 * The OpenAPI document's options (`/api/docs/json`, scripts/gen-api-types.ts, scripts/lint-openapi.ts):
 * OpenAPI 3.1 (JSON Schema 2020-12, so a nullable value is `type: [..., 'null']` or `anyOf` with
 * `{ type: 'null' }` rather than 3.0's `nullable`), the two session cookies as security schemes, and
 * each operation's security and operationId set here in one place from its method and URL.
 */

/** The security schemes: the staff/organisation session cookie and the household portal's own. */
export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Staff and organisation session, set by POST /api/auth/login (httpOnly, SameSite=strict)',
  },
  portalSession: {
    type: 'apiKey',
    in: 'cookie',
    name: PORTAL_COOKIE,
    description: 'Household portal session, set by POST /api/portal/login and sent only to /api/portal',
  },
} as const;

type Security = Record<string, string[]>[];

/** Every operation needs a staff session unless listed here (exact "METHOD /url", or a URL prefix ending in `/`). */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /api/health',
  'GET /api/code-lists',
  'POST /api/auth/login',
  // organisations register themselves, picking their area from the division list
  'POST /api/org/register',
  'GET /api/org/regions',
  // anyone may file a grievance and follow it with its receipt code
  '/api/public/',
  'POST /api/portal/login',
];

/** The security requirement of one operation: public `[]`, the portal cookie, or the document's default. */
export function operationSecurity(method: string, url: string): Security | undefined {
  const key = `${method.toUpperCase()} ${url}`;
  if (PUBLIC_ROUTES.some((p) => (p.endsWith('/') ? url.startsWith(p) : key === p))) return [];
  if (key === 'POST /api/portal/logout') return [{ portalSession: [] }, {}]; // signing out without a session is a no-op
  if (url.startsWith('/api/portal/')) return [{ portalSession: [] }];
  return undefined; // the document's `security`: the staff session
}

/** `get /api/households/{id}/members` → `getHouseholdsByIdMembers`: unique as method and path are. */
export function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^[{:](\w+)}?$/.exec(segment);
      return param ? ['by', param[1]!] : segment.split(/[-_.]/);
    });
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * JSON Schema 2020-12 puts a nullable field's description inside its non-null `anyOf` branch; copy it
 * next to the `anyOf` so the field stays documented (openapi-typescript reads it there).
 */
function liftNullableDescriptions(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(liftNullableDescriptions);
  if (!node || typeof node !== 'object') return;
  const schema = node as { anyOf?: { type?: unknown; description?: string }[]; description?: string };
  const branches = schema.anyOf;
  if (branches?.length === 2 && schema.description === undefined) {
    const other = branches.find((b) => b.type !== 'null');
    if (branches.some((b) => b.type === 'null') && other?.description) schema.description = other.description;
  }
  Object.values(node).forEach(liftNullableDescriptions);
}

const transform: SwaggerTransform = (data) => {
  const { schema, url } = jsonSchemaTransform(data);
  if (!schema || (schema as { hide?: boolean }).hide) return { schema, url };
  const methods = [data.route.method].flat();
  const method = methods.find((m) => m !== 'HEAD') ?? methods[0] ?? 'GET';
  const security = operationSecurity(method, url);
  liftNullableDescriptions(schema);
  return {
    schema: { ...schema, operationId: operationId(method, url), ...(security ? { security } : {}) },
    url,
  };
};

/** The options of @fastify/swagger (registered in app.ts). */
export function swaggerOptions(): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jingzhun API',
        description: 'Targeted poverty alleviation registry',
        version: '0.1.0',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // self-hosted: the API is served by the same server as this document
      servers: [{ url: '/', description: 'This server' }],
      components: { securitySchemes: SECURITY_SCHEMES },
      security: [{ session: [] }],
    },
    transform,
  };
}
