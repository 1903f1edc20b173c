/**
 * The layer check of `npm run lint` (docs/layers.md): dependency-cruiser with .dependency-cruiser.cjs.
 *
 *   node scripts/check-layers.mjs              self-test, then check src/ and web/src/
 *   node scripts/check-layers.mjs --self-test  only the self-test
 *
 * The self-test lays out a small tree in a temporary folder with one deliberate violation of every rule
 * (and the allowed edges beside them) and runs the same config over it: each rule must fire exactly on
 * its violation. It guards against a rule that silently stops matching (a path typo, a tool upgrade).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Fixture files: path → source. Comments say which rule each import breaks (or that it is allowed). */
const FIXTURE = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true, jsx: 'react-jsx' },
    include: ['src', 'web/src'],
  }),
  'src/db/types.ts': 'export interface DB { x: number }\n',
  'src/domain/rules.ts': 'export const rule = 1;\n',
  // domain-is-pure
  'src/domain/impure.ts': "import type { DB } from '../db/types.js';\nexport type T = DB;\n",
  // no-circular
  'src/domain/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = () => b;\n",
  'src/domain/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
  // allowed: kernel → domain; kernel-imports-only-domain: kernel → module
  'src/kernel/scope.ts': "import { rule } from '../domain/rules.js';\nexport const scope = rule;\n",
  'src/kernel/bad.ts': "import { service } from '../modules/b/service.js';\nexport const k = service;\n",
  // allowed: a module's own repository
  'src/modules/b/repository.ts': 'export const repo = {};\n',
  'src/modules/b/export-repository.ts': 'export const exportRepo = {};\n',
  'src/modules/b/service.ts':
    "import { repo } from './repository.js';\nimport { exportRepo } from './export-repository.js';\nexport const service = { repo, exportRepo };\n",
  // repository-private-to-its-module; allowed: another module's service
  'src/modules/a/service.ts':
    "import { exportRepo } from '../b/export-repository.js';\nimport { service as b } from '../b/service.js';\nexport const service = { exportRepo, b };\n",
  // demo-only-from-cli
  'src/modules/a/seeding.ts': "import { seed } from '../../demo/seed.js';\nexport const s = seed;\n",
  // modules-not-above-themselves
  'src/modules/a/wiring.ts': "import { app } from '../../server/app.js';\nexport const w = app;\n",
  // allowed: the demo seeders use repositories; the CLI starts the demo
  'src/demo/seed.ts': "import { repo } from '../modules/b/repository.js';\nexport const seed = repo;\n",
  'src/cli/main.ts': "import { seed } from '../demo/seed.js';\nexport const main = seed;\n",
  // repository-not-outside-modules
  'src/server/app.ts': "import { repo } from '../modules/b/repository.js';\nexport const app = repo;\n",
  // composition-not-server
  'src/composition/services.ts': "import { app } from '../server/app.js';\nexport const services = app;\n",
  // allowed: web → domain (values) and `import type` of server files; web-shares-only-types-and-domain
  'web/src/api/ok.ts':
    "import { rule } from '../../../src/domain/rules.js';\nimport type { DB } from '../../../src/db/types.js';\nexport const ok: DB | number = rule;\n",
  'web/src/api/bad.ts':
    "import { service } from '../../../src/modules/b/service.js';\nexport const bad = service;\n",
};

/** Every violation the fixture must produce: `rule from → to`. */
const EXPECTED = [
  'domain-is-pure src/domain/impure.ts → src/db/types.ts',
  'no-circular src/domain/cycle-a.ts → src/domain/cycle-b.ts',
  'kernel-imports-only-domain src/kernel/bad.ts → src/modules/b/service.ts',
  'repository-private-to-its-module src/modules/a/service.ts → src/modules/b/export-repository.ts',
  'demo-only-from-cli src/modules/a/seeding.ts → src/demo/seed.ts',
  'modules-not-above-themselves src/modules/a/wiring.ts → src/server/app.ts',
  'repository-not-outside-modules src/server/app.ts → src/modules/b/repository.ts',
  'composition-not-server src/composition/services.ts → src/server/app.ts',
  'web-shares-only-types-and-domain web/src/api/bad.ts → src/modules/b/service.ts',
].sort();

function cruise(cwd) {
  const r = spawnSync(
    process.execPath,
    [DEPCRUISE, 'src', 'web/src', '--config', CONFIG, '--output-type', 'json'],
    { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (!r.stdout) throw new Error(`dependency-cruiser failed to run:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const describe = (v) => `${v.rule.name} ${v.from} → ${v.to}`;

function selfTest() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-layers-'));
  try {
    for (const [file, text] of Object.entries(FIXTURE)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const found = cruise(dir).summary.violations.map(describe).sort();
    const missing = EXPECTED.filter((e) => !found.includes(e));
    const extra = found.filter((f) => !EXPECTED.includes(f));
    if (missing.length || extra.length) {
      console.error('layers self-test FAILED: the rules no longer catch what they should.');
      for (const m of missing) console.error(`  not caught: ${m}`);
      for (const e of extra) console.error(`  unexpected: ${e}`);
      return false;
    }
    console.log(`layers self-test: ${EXPECTED.length} deliberate violations caught, allowed edges passed`);
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function check() {
  const { summary } = cruise(ROOT);
  for (const v of summary.violations) {
    const cycle = v.cycle?.length ? `\n      cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')}` : '';
    console.error(`  ${v.rule.severity} ${describe(v)}${cycle}`);
  }
  const errors = summary.violations.filter((v) => v.rule.severity === 'error').length;
  console.log(
    `layers: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} dependencies, ${errors} violations`,
  );
  if (errors) console.error('See docs/layers.md for the rules and how to fix a violation.');
  return errors === 0;
}

const ok = selfTest() && (process.argv.includes('--self-test') || check());
process.exit(ok ? 0 : 1);
