/**
 * Three projects: `unit` (no database), `integration` (GraphQL through Apollo against PostgreSQL) and `e2e` (the
 * dashboard in headless Chromium against a server process).
 */
const os = require('node:os');
const { compilerOptions } = require('./tsconfig.json');

/**
 * swc transpiles the TypeScript with tsconfig.json's emit options, decorator metadata included (type-graphql and
 * TypeORM read it), as ts-node's swc mode does for the scripts. Type-checking is `npm run typecheck`'s job.
 */
const target = compilerOptions.target.toLowerCase();
const swcJest = [
  '@swc/jest',
  {
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: 'commonjs', strictMode: true, noInterop: !compilerOptions.esModuleInterop },
    jsc: {
      parser: { syntax: 'typescript', decorators: compilerOptions.experimentalDecorators },
      target,
      keepClassNames: true,
      transform: {
        legacyDecorator: true,
        decoratorMetadata: compilerOptions.emitDecoratorMetadata,
        // TypeScript's default: class fields are defined (not assigned) from target ES2022 on.
        useDefineForClassFields: compilerOptions.useDefineForClassFields ?? Number(target.slice(2)) >= 2022,
      },
    },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  clearMocks: true,
  // One worker per core (Jest's default leaves one core to itself); each integration worker has its own database
  // (test/integration/global-setup.ts). `--maxWorkers=N` or `--runInBand` (one worker) overrides it.
  maxWorkers: os.availableParallelism(),
  // Global: Jest reads testTimeout from the root config, not from a project.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/unit'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': swcJest },
      setupFiles: ['reflect-metadata'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.int.test.ts'],
      transform: { '^.+\\.ts$': swcJest },
      setupFiles: ['reflect-metadata', '<rootDir>/test/integration/worker-database.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    {
      // The dashboard in headless Chromium against a server process with the demo portfolio (test/e2e).
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.test.ts'],
      transform: { '^.+\\.ts$': swcJest },
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
    },
  ],
};
