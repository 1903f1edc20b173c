import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Before the browser tier: the web bundle `npm start` serves (web/dist), built by the same script —
 * a production build, rebuilt only when missing, older than its sources or not built for production.
 */
export default function setup() {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'scripts/ensure-web.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}
