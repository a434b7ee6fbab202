/** One jest config for all suites; the file suffix (.unit/.int/.e2e) picks the layer. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/bench'],
  testRegex: '\\.(unit|int|e2e)\\.spec\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // cel-js, canonicalize and commander ship ESM only; jest's CommonJS runtime cannot load them without
    // --experimental-vm-modules, so they are compiled to CommonJS like our own sources.
    '/node_modules/(@marcbachmann/cel-js|canonicalize|commander)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@marcbachmann/cel-js|canonicalize|commander)/)'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/scripts/jest-totals-reporter.js'],
};
