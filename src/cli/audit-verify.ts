import type { VerifyReport } from '../modules/audit/verify.js';

/**
 * The lines of `audit verify` and its exit code: 0 when every segment is intact and no registry change
 * was made outside the application, else 1 — each problem told precisely (segment, event id, what).
 */
export function verifyLines(r: VerifyReport): { lines: string[]; code: number } {
  const lines: string[] = [];
  for (const s of r.segments)
    lines.push(`  segment ${s.segment || '(national)'}: ${s.events} events${s.broken ? ' — BROKEN' : ''}`);
  for (const s of r.segments)
    if (s.broken)
      lines.push(
        `BROKEN at event ${s.broken.id} in segment ${s.segment || '(national)'}: ${s.broken.problem}`,
      );
  for (const c of r.unaudited.rows)
    lines.push(
      `CHANGED OUTSIDE THE APPLICATION: ${c.op} of ${c.rows} row(s) in ${c.tbl} (transaction ${c.txid}, ` +
        `${new Date(c.at).toISOString()}, role ${c.dbUser}, counties ${c.regions.join(' ') || '(none)'}) wrote no audit event`,
    );
  if (r.unaudited.total > r.unaudited.rows.length)
    lines.push(`  … and ${r.unaudited.total - r.unaudited.rows.length} more changes without an audit event`);
  lines.push(
    `keyed: ${r.keyed ? 'yes (HMAC-SHA256, key outside the database)' : 'no (no audit key configured)'}; ` +
      `checkpoint: ${r.checkpoint.state}${r.checkpoint.path ? ` (${r.checkpoint.path})` : ''}`,
  );
  if (!r.role.leastPrivilege)
    lines.push(
      `not least-privilege: the database role ${r.role.name} may change or delete audit rows or disable the ` +
        'change-capture triggers (docs/audit.md, "The insider model")',
    );
  const bad = r.segments.some((s) => s.broken) || r.unaudited.total > 0;
  if (!bad)
    lines.push(`audit chain intact: ${r.events} events in ${r.segments.length} segments, head ${r.headHash}`);
  else lines.push(`audit verify FAILED (${r.events} events read)`);
  return { lines, code: bad ? 1 : 0 };
}
