#!/usr/bin/env node
// npm test — every check, in order, stopping at the first failure:
//   lint (eslint, prettier --check, scripts/check-scoped.mjs) → typecheck (tsc) →
//   jest (unit, integration and e2e, against real PostgreSQL and Redis) → browser tests
//   (tests/browser with its own jest config, only when that folder holds tests).
// On a fresh checkout it first installs dependencies, and, unless DATABASE_URL and REDIS_URL
// are both set, starts (or reuses) the checkout's private PostgreSQL and Redis under .data/.
// Arguments after `npm test --` go to jest (for example `npm test -- tests/integration/auth`).
//
// Plain Node.js with node: builtins only, so it runs before dependencies are installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installIfNeeded } from './lib/install.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const say = (msg) => process.stdout.write(`${msg}\n`);
const timings = [];

function finish(failedStep, code) {
  say('');
  for (const t of timings) say(`  ${t.ok ? 'ok  ' : 'FAIL'}  ${t.name.padEnd(12)} ${secs(t.ms)}`);
  if (failedStep) say(`\nnpm test: FAILED at step "${failedStep}" (exit ${code}). Total ${secs(Date.now() - started)}.`);
  else say(`\nnpm test: all steps passed. Total ${secs(Date.now() - started)}.`);
  process.exit(failedStep ? code || 1 : 0);
}

function step(name, cmd, args) {
  say(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: process.env, shell: process.platform === 'win32' });
  const ok = r.status === 0;
  timings.push({ name, ok, ms: Date.now() - t0 });
  if (!ok) finish(name, r.status ?? 1);
}

/** Test files under tests/browser (the browser tests arrive with the web app). */
function browserTests() {
  const dir = path.join(ROOT, 'tests', 'browser');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).filter((f) => /\.(spec|test)\.[cm]?[jt]sx?$/.test(String(f)));
}

async function main() {
  process.chdir(ROOT);

  try {
    installIfNeeded(ROOT, say);
  } catch (e) {
    say(`\nnpm test failed at step: install\n${e.message}`);
    process.exit(1);
  }

  if (!(process.env.DATABASE_URL && process.env.REDIS_URL)) {
    say('\n=== services: private PostgreSQL and Redis (scripts/services.mjs)');
    const t0 = Date.now();
    const core = await import('./lib/services-core.mjs');
    try {
      const { databaseUrl, redisUrl } = await core.ensureServices();
      process.env.DATABASE_URL = databaseUrl;
      process.env.REDIS_URL = redisUrl;
      timings.push({ name: 'services', ok: true, ms: Date.now() - t0 });
    } catch (e) {
      process.stderr.write(`${e instanceof core.ServicesError ? e.message : String(e?.stack ?? e)}\n`);
      timings.push({ name: 'services', ok: false, ms: Date.now() - t0 });
      finish('services', 1);
    }
  }

  step('lint', 'npm', ['run', 'lint']);
  step('typecheck', 'npm', ['run', 'typecheck']);
  step('jest', 'npx', ['jest', '--ci', ...process.argv.slice(2)]);

  const browser = browserTests();
  if (browser.length) {
    // The built web app served by the real api and worker, driven through Debian's chromium
    // (installed with apt-get when missing and root on Debian); one browser at a time. See tests/browser/harness.ts.
    const core = await import('./lib/services-core.mjs');
    try {
      core.ensureChromium();
    } catch (e) {
      process.stderr.write(`${e instanceof core.ServicesError ? e.message : String(e?.stack ?? e)}\n`);
      finish('browser', 1);
    }
    step('browser', 'npx', ['jest', '-c', 'tests/browser/jest.config.js', '--ci', '--runInBand']);
  } else {
    say('\n=== browser: skipped (no tests in tests/browser yet)');
  }

  finish(null, 0);
}

main().catch((e) => {
  process.stderr.write(`${String(e?.stack ?? e)}\n`);
  finish('test runner', 1);
});
