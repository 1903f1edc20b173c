import type { FastifyInstance } from 'fastify';
import { AppError } from '../kernel/errors.js';

/**
 * Deny by default for organisation accounts (enterprises, NGOs, volunteers, paired units, consumers'
 * groups): they reach only sign-in, their own organisation API, the anonymised needs board, and
 * consumption assistance. Every other API route — registry, regions, statistics, audit, import,
 * matching, duplicates, cases, worklists, policy, documentation — answers 403 before its handler
 * (and before any scope check, so a scope that some code reads as "whole country" cannot leak).
 */
const ORGANISATION_ROUTES = /^\/api\/(auth|org|needs|products)(\/|$)|^\/api\/health$/;

/** May an organisation account reach this path (the path without its query string)? */
export function organisationMayReach(path: string): boolean {
  return ORGANISATION_ROUTES.test(path.split('?')[0]!);
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

const ROUTES = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route registered on the app (collected by the guard's onRoute hook; tests iterate it). */
export const registeredRoutes = (app: FastifyInstance): RegisteredRoute[] => ROUTES.get(app) ?? [];

/** Install the guard; call first, before any route is registered. */
export function installOrganisationGuard(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) routes.push({ method: m, url: r.url });
  });
  // preValidation: after the session hook (onRequest) set req.user, before body validation.
  app.addHook('preValidation', async (req) => {
    if (req.user?.role !== 'organisation') return;
    // the matched route's pattern when there is one (immune to odd spellings of the URL), else the path
    const path = req.routeOptions.url ?? req.url.split('?')[0]!;
    if (!path.startsWith('/api') && !req.url.startsWith('/api')) return; // the web app's static files
    if (!organisationMayReach(path) || !organisationMayReach(req.url))
      throw new AppError(
        'E_FORBIDDEN',
        'Organisation accounts may use only the needs board and their own data',
      );
  });
}
