import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pbw/core';
import { startWorker } from './bootstrap';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  await startWorker(config);
}

main().catch((e: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'worker failed to start', err: String((e as Error)?.stack ?? e) })}\n`);
  process.exit(1);
});
