import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Build the web app once before the browser tier (the server serves web/dist). */
export default function setup() {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
