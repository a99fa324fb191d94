// One runner for every test: unit specs next to the code, integration specs under test/.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

const aliases = ['domain', 'contracts', 'event-store', 'read-models', 'config', 'auth', 'commands', 'projections', 'deadlines', 'observability', 'database', 'audit', 'infrastructure', 'transparency', 'notifications', 'transparency-log', 'personal-data', 'client', 'http-edge'];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    ...Object.fromEntries(aliases.map((a) => [`^@recourse/${a}$`, `<rootDir>/libs/${a}/src`])),
    // the decider's spec harness, for specs only (the build leaves testing/ out)
    '^@recourse/domain/testing$': '<rootDir>/libs/domain/src/testing',
    '^@recourse/read-models/testing$': '<rootDir>/libs/read-models/src/testing',
  },
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
};
