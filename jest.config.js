/** One jest config for all suites; the file suffix (.unit/.int/.e2e) picks the layer. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { existsSync } = require('node:fs');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['apps', 'libs', 'test', 'bench']
    .filter((dir) => existsSync(`${__dirname}/${dir}`))
    .map((dir) => `<rootDir>/${dir}`),
  testRegex: '\\.(unit|int|e2e)\\.spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Our TypeScript only. Packages that ship ESM only (NestJS 12, cel-js, canonicalize, commander)
  // load through Node's require(esm), which jest supports when node runs with
  // --experimental-vm-modules: .npmrc passes that flag to `npm test` and `npx jest` alike.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  // Generous: several e2e suites spawn the API from TypeScript, which a busy 2-core machine makes slow.
  testTimeout: 180000,
  reporters: ['default', '<rootDir>/scripts/jest-totals-reporter.js'],
};
