/**
 * Two projects: `unit` (pure logic, `__tests__/` beside the code, from TypeScript sources, no
 * database or process) and `end-to-end` (`test/`, over the compiled services, a real PostgreSQL
 * and real HTTP). `npm test` runs both; `npm run test:unit` the first alone, in seconds.
 */
const shared = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: {
    '^@psea/(contract|auth|service|composition|reference-data|subgraph-kit|devstack|cli)$': '<rootDir>/packages/$1/src',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  setupFiles: ['reflect-metadata'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/bench'],
      testMatch: ['**/__tests__/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'end-to-end',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
  ],
  testTimeout: 30000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
