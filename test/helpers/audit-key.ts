import { configureAudit } from '../../src/modules/audit/keys.js';

/**
 * The CLI keys the audit chain (its data folder's key, or `JZ_AUDIT_KEY`); an in-process test app has
 * no key unless told. A test that runs the CLI against its database and then writes audit events
 * in-process gives both this key: pass `JZ_AUDIT_KEY: TEST_AUDIT_KEY` in the CLI's environment and call
 * `keyAuditLikeTheCli()` in the test process (module state: it lasts for the test file).
 */
export const TEST_AUDIT_KEY = 'test-audit-key-shared-by-the-cli-and-the-app-0123456789';

export function keyAuditLikeTheCli(): void {
  configureAudit({ key: Buffer.from(TEST_AUDIT_KEY, 'utf8'), checkpointPath: null });
}

export function unkeyAudit(): void {
  configureAudit({ key: null, checkpointPath: null });
}
