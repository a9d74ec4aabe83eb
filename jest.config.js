// One jest run over the whole workspace: a single worker pool is faster on 2 cores than a
// jest per project. Integration tests boot the real api against real PostgreSQL and Redis.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tests'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/tests/browser/'],
  testTimeout: 30000,
};
