import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the audit chain's secrets live — outside the database (docs/audit.md, "The insider model"):
 * the HMAC key (`JZ_AUDIT_KEY`, else `<dataDir>/audit-key`, generated on first start, mode 0600, like
 * `pg-password`) and the checkpoint file of the segments' heads (`JZ_AUDIT_CHECKPOINT`, else
 * `<dataDir>/audit-head.json`). Set once per process by the composition root (`configureAudit`);
 * unset (tests that do not ask for it), events are written keyless and nothing is checkpointed.
 */
export interface AuditSetup {
  key: Buffer | null;
  checkpointPath: string | null;
}

let current: AuditSetup = { key: null, checkpointPath: null };

export const auditSetup = (): AuditSetup => current;

export function configureAudit(setup: AuditSetup): void {
  current = setup;
}

export interface AuditPaths {
  dataDir: string;
  JZ_AUDIT_KEY?: string | undefined;
  JZ_AUDIT_CHECKPOINT?: string | undefined;
}

/** The audit key: `JZ_AUDIT_KEY`, else the key file in the data folder (made on first use). */
export function loadAuditKey(c: AuditPaths, log: (l: string) => void = () => undefined): Buffer {
  if (c.JZ_AUDIT_KEY) return Buffer.from(c.JZ_AUDIT_KEY, 'utf8');
  const file = path.join(c.dataDir, 'audit-key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(c.dataDir, { recursive: true });
    // written aside, then linked in place: a concurrent process sees no key file or a whole one
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
      log(`generated the audit key ${file} (back it up with the data folder)`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // made by a concurrent process
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`the audit key ${file} is shorter than 32 characters`);
  return Buffer.from(key, 'utf8');
}

export const checkpointPathOf = (c: AuditPaths): string =>
  c.JZ_AUDIT_CHECKPOINT ? path.resolve(c.JZ_AUDIT_CHECKPOINT) : path.join(c.dataDir, 'audit-head.json');
