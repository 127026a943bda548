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
      group: ['**/db', '**/db/**', '**/graphql', '**/graphql/**', '**/server', '**/server/**'],
      message: 'src/domain and src/stats may not import db, graphql or server code.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
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
    // One DateTime scalar for the whole schema: src/graphql/scalars/date-time.scalar.ts (years 0001-9999).
    files: ['src/graphql/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'graphql-scalars',
              importNames: ['DateTimeResolver', 'DateTimeISOResolver', 'DateResolver', 'TimestampResolver'],
              message: 'Use DateTimeScalar (src/graphql/scalars/date-time.scalar.ts).',
            },
          ],
        },
      ],
    },
  },
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
);
