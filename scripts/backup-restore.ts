/**
 * Backup and restore of a data folder (docs/operations.md, "Backup and restore"); the work is in
 * src/cli/backup.ts (also `jingzhun backup <file>` / `jingzhun restore <file> --data <dir>`).
 *
 *   npx tsx scripts/backup-restore.ts backup <dataDir> <file.tar.gz>
 *   npx tsx scripts/backup-restore.ts restore <file.tar.gz> <newDataDir>
 *   npx tsx scripts/backup-restore.ts check <dataDir>   back up, restore into a fresh folder, run
 *       `jingzhun audit verify` there and compare every table's row count with the original (exit 1
 *       on any difference)
 */
import path from 'node:path';
import { backup, check, restore } from '../src/cli/backup.js';

export { auditVerify, backup, restore, tableCounts } from '../src/cli/backup.js';

const [cmd, a, b] = process.argv.slice(2);
if (cmd === 'backup' && a && b) backup(path.resolve(a), b);
else if (cmd === 'restore' && a && b) restore(a, path.resolve(b));
else if (cmd === 'check' && a) process.exitCode = (await check(path.resolve(a))) ? 0 : 1;
else {
  console.error(
    'usage: backup-restore.ts backup <dataDir> <file> | restore <file> <newDataDir> | check <dataDir>',
  );
  process.exitCode = 2;
}
