// Build the web app when web/dist is missing or older than its sources (keeps restarts fast).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(root, 'web/dist/index.html');

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

const sources = [
  path.join(root, 'web/src'),
  path.join(root, 'web/index.html'),
  path.join(root, 'vite.config.ts'),
];
/** The bundle was built for production (vite.config.ts writes build.json). */
function production() {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(root, 'web/dist/build.json'), 'utf8')).nodeEnv === 'production'
    );
  } catch {
    return false;
  }
}

/** The entry script has its precompressed siblings (vite.config.ts writes .br and .gz since they are served). */
function precompressed() {
  const entry = /src="\/(assets\/[^"]+\.js)"/.exec(fs.readFileSync(built, 'utf8'))?.[1];
  return entry !== undefined && fs.existsSync(path.join(root, 'web/dist', `${entry}.br`));
}

const stale =
  !fs.existsSync(built) ||
  !production() ||
  !precompressed() ||
  Math.max(...sources.filter(fs.existsSync).map(newest)) > fs.statSync(built).mtimeMs;
if (stale) {
  console.error('building the web app (vite)…');
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  process.exit(r.status ?? 1);
}
