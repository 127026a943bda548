// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports that the pure layers (`src/domain`, `src/stats`) must never use (docs/architecture.md, the dependency rule). */
const pureLayerBans = {
  paths: ['typeorm', 'type-graphql', 'graphql', 'graphql-scalars', 'dataloader', 'pg', '@apollo/server'],
  patterns: [
    {
      group: ['typeorm/*', 'graphql/*', '@apollo/*', '@electric-sql/*'],
      message: 'src/domain and src/stats are pure.',
    },
    {
      group: ['**/db', '**/db/**', '**/graphql', '**/graphql/**', '**/app', '**/app/**', '**/server', '**/server/**'],
      message: 'src/domain and src/stats may not import db, app, graphql or server code.',
    },
  ],
};

/** One DateTime scalar for the whole schema: src/graphql/scalars/date-time.scalar.ts (years 0001-9999). */
const dateTimeScalarPaths = [
  {
    name: 'graphql-scalars',
    importNames: ['DateTimeResolver', 'DateTimeISOResolver', 'DateResolver', 'TimestampResolver'],
    message: 'Use DateTimeScalar (src/graphql/scalars/date-time.scalar.ts).',
  },
];

/** A relative import of a folder named `name` (a regex, so that packages such as `@apollo/server` stay allowed). */
const folder = (name) => `^\\.{1,2}/(.*/)?${name}(/|$)`;

/** The demo simulator is a dependency of the seed CLI, the benchmarks and the tests, never of the server's code. */
const demoSeedBan = {
  regex: folder('seed'),
  message: 'src/db/seed is the demo simulator: production code may not import it (shared persistence lives in src/db).',
};

/** GraphQL (the schema, resolvers and the graphql packages) is spoken only by src/graphql and src/server. */
const graphqlBans = [
  {
    regex: folder('graphql'),
    message: 'Only src/graphql and src/server may import src/graphql (docs/architecture.md, the dependency rule).',
  },
  {
    regex: '^((type-)?graphql|graphql-scalars)(/|$)|^@apollo/',
    message: 'Only src/graphql and src/server speak GraphQL (docs/architecture.md, the dependency rule).',
  },
];
const serverBan = {
  regex: folder('server'),
  message: 'Only src/server (the composition root) may import src/server.',
};
/** The dashboard is a client of the public GraphQL API: it shares no code with the server, in either direction. */
const dashboardBan = {
  regex: folder('dashboard'),
  message: 'src/dashboard is the browser app: server code may not import it (docs/architecture.md).',
};
const serverCodeBans = ['domain', 'stats', 'db', 'app', 'graphql', 'server'].map((name) => ({
  regex: `^\\.\\./(\\.\\./)*${name}(/|$)`,
  message: 'src/dashboard reads only the public GraphQL API (POST /graphql): it may not import server code.',
}));
const appBan = {
  regex: folder('app'),
  message: 'src/db is persistence: the application layer (src/app) depends on it, not the other way round.',
};

/** `no-restricted-imports` options for one layer: its banned patterns and, for the API layers, the scalar paths. */
const layerBans = (patterns, paths = []) => ['error', { paths, patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'jest.config.js', 'src/dashboard/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: every TypeScript file belongs to tsconfig.json (src/dashboard: its own), read through the
    // project service.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Plain CommonJS helper scripts that must run before dependencies are installed.
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', console: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The PostGraphile contestant's server: plain ES module JavaScript run by another Node (bench/postgraphile).
    files: ['bench/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    // The dashboard's build configuration (Vite), an ES module run by Node.
    files: ['vite.config.mjs'],
    languageOptions: { sourceType: 'module', globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // Example programs in plain ES module JavaScript, run by `node` as they are (examples/*.mjs).
    files: ['examples/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { Buffer: 'readonly', console: 'readonly', process: 'readonly' },
    },
  },
  // Layer zones (docs/architecture.md, the dependency rule): domain and stats depend on nothing, db on
  // domain, app on domain and db, graphql on app, domain and db, server on everything. ESLint applies one
  // `no-restricted-imports` per file (a later block replaces an earlier one), so each block below
  // lists every ban of its files.
  {
    files: ['src/domain/**/*.ts', 'src/stats/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', pureLayerBans] },
  },
  {
    files: ['src/stats/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...pureLayerBans,
          patterns: [
            ...pureLayerBans.patterns,
            {
              group: ['**/domain', '**/domain/**'],
              message: 'src/stats has no domain words: it may not import src/domain.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    ignores: ['src/db/seed/**'],
    rules: { 'no-restricted-imports': layerBans([...graphqlBans, appBan, serverBan, demoSeedBan, dashboardBan]) },
  },
  {
    // The demo simulator itself is part of src/db and may use its siblings.
    files: ['src/db/seed/**/*.ts'],
    rules: { 'no-restricted-imports': layerBans([...graphqlBans, appBan, serverBan, dashboardBan]) },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: { 'no-restricted-imports': layerBans([...graphqlBans, serverBan, demoSeedBan, dashboardBan]) },
  },
  {
    files: ['src/graphql/**/*.ts'],
    rules: { 'no-restricted-imports': layerBans([serverBan, demoSeedBan, dashboardBan], dateTimeScalarPaths) },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': layerBans([demoSeedBan, dashboardBan], dateTimeScalarPaths) },
  },
  {
    files: ['src/dashboard/**/*.ts', 'src/dashboard/**/*.tsx'],
    rules: { 'no-restricted-imports': layerBans(serverCodeBans) },
  },
);
