import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

const infrastructure = ['@nestjs/*', 'kafkajs', 'better-sqlite3', 'pg', 'kysely', '@eventstore/*', 'fastify'];
const boundary = (group, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'data/',
      'tmp/',
      '.kafka/',
      'bench/results/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Nest reads constructor parameter types at run time: a type-only import there breaks DI.
    files: ['apps/**/*.ts', 'libs/**/*.module.ts', 'libs/**/*.nest.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // The domain is pure: no framework, no storage, no broker, no file system, no clock.
    files: ['libs/domain/**/*.ts'],
    rules: boundary([...infrastructure, 'node:fs', 'fs'], 'The domain stays free of I/O and frameworks.'),
  },
  {
    // The rules engine may read ruleset files, but never touches storage, brokers or Nest.
    files: ['libs/rules/**/*.ts'],
    rules: boundary(infrastructure, 'The rules engine sees facts only, never storage or frameworks.'),
  },
  {
    files: [
      'libs/event-store/**/*.ts',
      'libs/projections/**/*.ts',
      'libs/feed/**/*.ts',
      'libs/credentials/**/*.ts',
    ],
    rules: boundary(['@nestjs/*'], 'Libraries stay framework-free; Nest lives in apps/.'),
  },
  {
    files: ['**/*.spec.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/valid-expect': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', '**.then*', 'assert*'] }],
    },
  },
);
