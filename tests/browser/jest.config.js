// Browser tests: the built web app served by the real api and worker, against a private
// database with the demo partnership, driven through Debian's chromium (never a downloaded
// browser). Run as their own step after the main jest run (npm run test:browser; npm test).
const path = require('path');
const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  rootDir: path.join(__dirname, '../..'),
  roots: ['<rootDir>/tests/browser'],
  testMatch: ['**/*.spec.ts'],
  // Services first (the preset's setup), then one build of the web app for the whole run.
  globalSetup: path.join(__dirname, 'global-setup.js'),
  // One browser at a time: two cores run the api, the worker, PostgreSQL and chromium.
  maxWorkers: 1,
  testTimeout: 60000,
};
