/**
 * Size rules of the house (docs/architecture.md), checked by `npm run lint`:
 * - no source file over 400 lines in src/ or web/src/ (generated files aside), no page over 350;
 * - no service factory (a function named `create…`) whose body spans more than 150 lines;
 * - no route handler (a `handler:` property holding a function) over 15 lines.
 * `--self-test` first checks that each rule catches a planted violation.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const GENERATED = ['src/db/types.ts', 'web/src/api/generated/'];
export const LIMITS = { file: 400, page: 350, factory: 150, handler: 15 };

export interface Violation {
  file: string;
  line: number;
  rule: keyof typeof LIMITS;
  lines: number;
  name: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

const span = (sf: ts.SourceFile, node: ts.Node) =>
  sf.getLineAndCharacterOfPosition(node.getEnd()).line -
  sf.getLineAndCharacterOfPosition(node.getStart(sf)).line +
  1;

/** The violations of one file's text (`rel` is its path from the repository root). */
export function checkText(rel: string, text: string): Violation[] {
  const out: Violation[] = [];
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const isPage = rel.startsWith('web/src/pages/');
  const fileLimit = isPage ? LIMITS.page : LIMITS.file;
  if (lines > fileLimit)
    out.push({ file: rel, line: 1, rule: isPage ? 'page' : 'file', lines, name: path.basename(rel) });
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    let name: string | null = null;
    let body: ts.Node | undefined;
    if (ts.isFunctionDeclaration(node) && node.name) [name, body] = [node.name.text, node.body];
    else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = node.initializer;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
        [name, body] = [node.name.text, init.body];
    }
    if (name && body && /^create[A-Z]/.test(name) && span(sf, body) > LIMITS.factory)
      out.push({ file: rel, line: line(sf, node), rule: 'factory', lines: span(sf, body), name });
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'handler' &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) &&
      span(sf, node.initializer) > LIMITS.handler
    )
      out.push({
        file: rel,
        line: line(sf, node),
        rule: 'handler',
        lines: span(sf, node.initializer),
        name: 'handler',
      });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const line = (sf: ts.SourceFile, node: ts.Node) =>
  sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

function selfTest(): void {
  const long = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join('\n');
  const planted: [string, string, keyof typeof LIMITS][] = [
    ['src/modules/x/big.ts', `${long(401)}\n`, 'file'],
    ['web/src/pages/BigPage.tsx', `${long(351)}\n`, 'page'],
    ['src/modules/x/service.ts', `export function createX() {\n${long(150)}\n  return {};\n}\n`, 'factory'],
    [
      'src/modules/x/service2.ts',
      `export const createY = () => {\n${long(150)}\n  return {};\n};\n`,
      'factory',
    ],
    [
      'src/modules/x/routes.ts',
      `app.get('/x', {\n  handler: async () => {\n${long(14)}\n  },\n});\n`,
      'handler',
    ],
  ];
  for (const [rel, text, rule] of planted) {
    const found = checkText(rel, text).map((v) => v.rule);
    if (!found.includes(rule))
      throw new Error(`size self-test: a planted ${rule} violation in ${rel} was not caught`);
  }
  const fine = `export function createZ() {\n${long(140)}\n  return {};\n}\n`;
  if (checkText('src/modules/x/fine.ts', fine).length)
    throw new Error('size self-test: a file within limits was flagged');
  console.log(`size self-test: ${planted.length} planted violations caught, a file within limits passed`);
}

function main(): void {
  selfTest();
  const files = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'web/src'))];
  const violations: Violation[] = [];
  for (const abs of files) {
    const rel = path.relative(ROOT, abs).split(path.sep).join('/');
    if (GENERATED.some((g) => rel === g || (g.endsWith('/') && rel.startsWith(g)))) continue;
    violations.push(...checkText(rel, fs.readFileSync(abs, 'utf8')));
  }
  for (const v of violations)
    console.error(`${v.file}:${v.line}: ${v.rule} ${v.name} has ${v.lines} lines (limit ${LIMITS[v.rule]})`);
  console.log(`size: ${files.length} files, ${violations.length} violations`);
  if (violations.length) process.exit(1);
}

main();
