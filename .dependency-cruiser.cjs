/**
 * Layer rules of the code (docs/layers.md), checked by `npm run lint:layers` (part of `npm run lint`).
 * Each rule names what it forbids; a violation fails the lint with the rule's name and comment.
 */

/** A module's SQL: `src/modules/<m>/repository*.ts` and `src/modules/<m>/*-repository.ts`. */
const REPOSITORY = '^src/modules/([^/]+)/(repository[^/]*|[^/]*-repository)\\.ts$';
/** Tests may reach into any layer. */
const TESTS = ['\\.test\\.tsx?$', '^test/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles: move what both sides need into a leaf file so imports go one way.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'src/domain is the pure knowledge of the field: it imports no database, kernel, module, server, composition, CLI or demo code.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(db|kernel|modules|server|composition|cli|demo)/' },
    },
    {
      name: 'kernel-imports-only-domain',
      severity: 'error',
      comment: 'src/kernel is imported by every module, so it imports only src/domain (and libraries).',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: '^src/(domain|kernel)/' },
    },
    {
      name: 'repository-private-to-its-module',
      severity: 'error',
      comment:
        "A module's repository files are its own: other modules go through its service. Exceptions: the demo seeders (src/demo) and tests.",
      from: { path: '^src/modules/([^/]+)/', pathNot: TESTS },
      to: { path: REPOSITORY, pathNot: '^src/modules/$1/' },
    },
    {
      name: 'repository-not-outside-modules',
      severity: 'error',
      comment:
        "A module's repository files are reached only from its own folder (or the demo seeders, or tests), never from the server, composition, CLI or kernel.",
      from: { path: '^(src|web/src)/', pathNot: ['^src/modules/', '^src/demo/', ...TESTS] },
      to: { path: REPOSITORY },
    },
    {
      name: 'demo-only-from-cli',
      severity: 'error',
      comment: 'The demo (src/demo) is started by the CLI only: no production code imports it.',
      from: { path: '^src/', pathNot: ['^src/cli/', '^src/demo/', ...TESTS] },
      to: { path: '^src/demo/' },
    },
    {
      name: 'modules-not-above-themselves',
      severity: 'error',
      comment: 'Modules are wired by the composition root; they never import the server, composition or CLI.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(server|composition|cli)/' },
    },
    {
      name: 'composition-not-server',
      severity: 'error',
      comment: 'The composition root serves both the server and the CLI, so it does not import the server.',
      from: { path: '^src/composition/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'web-shares-only-types-and-domain',
      severity: 'error',
      comment:
        'The web app may import the pure src/domain, and types (import type) of server files; never server code itself.',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/domain/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^web/dist', '^dist'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
