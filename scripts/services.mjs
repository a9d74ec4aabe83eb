#!/usr/bin/env node
// Private PostgreSQL + Redis for this checkout (data under .data/, git-ignored).
//
//   node scripts/services.mjs start    # idempotent; one status line on stderr
//   node scripts/services.mjs stop     # idempotent
//   node scripts/services.mjs status   # exit 0 when both are up, 3 otherwise
//   node scripts/services.mjs env      # DATABASE_URL=... / REDIS_URL=... (shell-sourceable)
//
// Env: PBW_PG_PORT (54329), PBW_REDIS_PORT (63799), PBW_DATA_DIR (<repo>/.data).

import { ServicesError, ensureServicesDetailed, formatEnv, serviceUrls, servicesStatus, stopServices } from './lib/services-core.mjs';

const USAGE = 'usage: node scripts/services.mjs start|stop|status|env';

async function main(cmd) {
  switch (cmd) {
    case 'start': {
      const r = await ensureServicesDetailed();
      const pg = r.postgres === 'external' ? `postgres external (DATABASE_URL)` : `postgres 127.0.0.1:${r.pgPort} ${r.postgres}`;
      const rd = r.redis === 'external' ? `redis external (REDIS_URL)` : `redis 127.0.0.1:${r.redisPort} ${r.redis}`;
      process.stderr.write(`services: ${pg}; ${rd}\n`);
      return 0;
    }
    case 'stop': {
      const r = await stopServices();
      process.stderr.write(`services: postgres ${r.postgres}; redis ${r.redis}\n`);
      return 0;
    }
    case 'status': {
      const s = await servicesStatus();
      const line = (name, x) =>
        `${name.padEnd(9)}${x.running ? `running (pid ${x.pid}) on 127.0.0.1:${x.port}${x.ready ? '' : ', NOT answering'}` : `stopped (port ${x.port})`}`;
      process.stdout.write(`${line('postgres', s.postgres)}\n${line('redis', s.redis)}\ndata     ${s.dataDir}\n${formatEnv(s)}`);
      return s.postgres.running && s.postgres.ready && s.redis.running && s.redis.ready ? 0 : 3;
    }
    case 'env':
      process.stdout.write(formatEnv(serviceUrls()));
      return 0;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv[2]);
} catch (err) {
  process.stderr.write(`services: ${err instanceof ServicesError ? err.message : err?.stack || err}\n`);
  process.exitCode = 1;
}
