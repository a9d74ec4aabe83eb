// Runs once before any test: makes sure PostgreSQL and Redis are up (the project's own
// private ones unless DATABASE_URL and REDIS_URL are given). Each test file then makes its
// own database from a migrated template (see test-database.ts).
const path = require('path');

module.exports = async function globalSetup() {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) return;
  const core = await import(path.join(__dirname, '../../../scripts/lib/services-core.mjs'));
  const { databaseUrl, redisUrl } = await core.ensureServices();
  process.env.DATABASE_URL = process.env.DATABASE_URL || databaseUrl;
  process.env.REDIS_URL = process.env.REDIS_URL || redisUrl;
};
