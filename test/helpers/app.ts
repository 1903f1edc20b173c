import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Database } from '../../src/db/database.js';
import { systemClock, type Clock } from '../../src/kernel/clock.js';

/**
 * The app on a test database. `clock` is the one clock of the server (kernel/clock.ts); tests that
 * depend on "today" pass a fixed one.
 */
export async function testApp(db: Database, clock: Clock = systemClock): Promise<FastifyInstance> {
  const app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent', clock });
  await app.ready();
  return app;
}

/** Log in through the API and return the session cookie header. */
export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'jz_session');
  if (!cookie) throw new Error('no session cookie');
  return `jz_session=${cookie.value}`;
}
