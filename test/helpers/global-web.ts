import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Build the web app once before the browser tier (the server serves web/dist), as for production. */
export default function setup() {
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'],
    // production React, as `npm start` serves: under vitest NODE_ENV is 'test', and a build inheriting
    // it bundles React's development build (StrictMode then mounts every page twice)
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
}
