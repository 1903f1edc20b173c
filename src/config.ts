import path from 'node:path';
import { z } from 'zod';

/**
 * The one configuration schema. Parsed once at start-up; nothing else reads `process.env`.
 */
const ConfigSchema = z.object({
  /** HTTP port of the web server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Listen address: loopback only by default; set e.g. 0.0.0.0 to serve other machines (behind HTTPS). */
  HOST: z.string().default('127.0.0.1'),
  /** Session cookies `Secure` (sent over HTTPS only): auto = on unless HOST is a loopback address. */
  JZ_SECURE_COOKIES: z.enum(['auto', 'on', 'off']).default('auto'),
  /** The OpenAPI UI and document at /api/docs: auto = on with `serve --demo`, off otherwise. */
  JZ_API_DOCS: z.enum(['auto', 'on', 'off']).default('auto'),
  /** When set, use this PostgreSQL server instead of the embedded one. */
  DATABASE_URL: z.string().url().optional(),
  /** Streaming replicas for dashboards, measures, search and exports: one URL or several, comma-separated (docs/scaling.md). */
  DATABASE_READ_URL: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url())),
  /** A replica further behind the primary than this (ms) is skipped; its reads go to the primary. */
  JZ_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(5000),
  /** How often the replicas' positions and health are probed (ms). */
  JZ_REPLICA_CHECK_MS: z.coerce.number().int().positive().default(1000),
  /** HMAC key of the audit chain (≥ 32 characters); default: `<dataDir>/audit-key`, made on first start. */
  JZ_AUDIT_KEY: z.string().min(32).optional(),
  /** File of the audit chain's checkpointed heads, outside the database; default `<dataDir>/audit-head.json`. */
  JZ_AUDIT_CHECKPOINT: z.string().optional(),
  /** Folder of the embedded PostgreSQL cluster and other local state. */
  JZ_DATA_DIR: z.string().default('./data'),
  /** Port of the embedded PostgreSQL; 0 picks a free one. */
  JZ_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Password of the demo accounts (demo mode only). */
  JZ_DEMO_PASSWORD: z.string().min(10).default('jingzhun-demo'),
  /** Seed of the demo generator. */
  JZ_DEMO_SEED: z.coerce.number().int().default(2014),
  /** Scale factor of the demo county (1 = about 55,000 households). */
  JZ_DEMO_SCALE: z.coerce.number().positive().max(100).default(1),
  /** County code of the demo (6 digits). */
  JZ_DEMO_COUNTY: z
    .string()
    .regex(/^\d{6}$/)
    .default('433124'),
  /** Session lifetime in hours. */
  JZ_SESSION_HOURS: z.coerce.number().positive().default(12),
  /** Maximum login attempts per minute and address. */
  JZ_LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Hours between scheduled data-quality runs over the whole registry in the server; 0 = off. */
  JZ_QUALITY_INTERVAL_HOURS: z.coerce.number().min(0).default(24),
  /** Hours between scheduled rule runs (batch evaluation) filling the worklists in the server; 0 = off. */
  JZ_RULE_RUN_INTERVAL_HOURS: z.coerce.number().min(0).default(24),
  /** China hour (0-23) of the daily digest of every user's inbox (logged, docs/inbox.md); -1 = off. */
  JZ_DIGEST_HOUR: z.coerce.number().int().min(-1).max(23).default(7),
  /** Memory the measures cache may hold for region stores, in MiB (least recently used dropped beyond). */
  JZ_MEASURES_CACHE_MB: z.coerce.number().positive().default(512),
  /**
   * Memory the per-county parts of the measures above county level may hold, in MiB (≈ 60 bytes a
   * household: 512 holds a province of 8 million households; least recently used dropped beyond).
   */
  JZ_MEASURES_PARTS_MB: z.coerce.number().positive().default(512),
  /** Statement timeout (ms) of a request's queries by class, 0 = none (docs/operations.md "Limits per request"). */
  JZ_TIMEOUT_READ_MS: z.coerce.number().int().min(0).default(5000),
  JZ_TIMEOUT_STATISTICS_MS: z.coerce.number().int().min(0).default(10000),
  JZ_TIMEOUT_WRITE_MS: z.coerce.number().int().min(0).default(15000),
  /** Exports, imports and registry-wide runs. */
  JZ_TIMEOUT_BULK_MS: z.coerce.number().int().min(0).default(0),
  /** Requests waiting for a database connection beyond which new ones are answered 503 at once. */
  JZ_DB_QUEUE_LIMIT: z.coerce.number().int().min(0).default(50),
  /** The largest attachment (photo or document) accepted, in MiB (docs/operations.md "Attachments"). */
  JZ_ATTACHMENT_MAX_MB: z.coerce.number().positive().max(100).default(10),
  /** Log level of the server. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string };

/** Whether a listen address reaches this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Whether session cookies are marked `Secure` (JZ_SECURE_COOKIES; auto = unless loopback only). */
export function secureCookies(config: Pick<Config, 'JZ_SECURE_COOKIES' | 'HOST'>): boolean {
  if (config.JZ_SECURE_COOKIES === 'auto') return !isLoopbackHost(config.HOST);
  return config.JZ_SECURE_COOKIES === 'on';
}

/** Whether /api/docs is served (JZ_API_DOCS; auto = only in demo mode). */
export function apiDocsServed(config: Pick<Config, 'JZ_API_DOCS'>, demo: boolean): boolean {
  return config.JZ_API_DOCS === 'auto' ? demo : config.JZ_API_DOCS === 'on';
}

/** The per-request limits of the server (server/bounded-work.ts). */
export const boundedWorkOf = (c: Config) => ({
  timeoutsMs: {
    read: c.JZ_TIMEOUT_READ_MS,
    statistics: c.JZ_TIMEOUT_STATISTICS_MS,
    write: c.JZ_TIMEOUT_WRITE_MS,
    bulk: c.JZ_TIMEOUT_BULK_MS,
  },
  queueLimit: c.JZ_DB_QUEUE_LIMIT,
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const merged = { ...parsed.data, ...overrides };
  return { ...merged, dataDir: path.resolve(merged.JZ_DATA_DIR) };
}

/**
 * The environment of a child `jingzhun` process (e.g. `audit verify` on a restored folder): this
 * process's environment with `set` applied and the names in `drop` removed — read here, so that the
 * config module stays the one reader of `process.env`.
 */
export function childEnv(set: Record<string, string>, drop: readonly string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...set };
  for (const name of drop) delete env[name];
  return env;
}
