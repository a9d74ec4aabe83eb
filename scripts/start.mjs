#!/usr/bin/env node
// npm start — everything, from a fresh checkout:
//   1. installs npm dependencies when missing or out of date (scripts/lib/install.mjs);
//   2. unless DATABASE_URL and REDIS_URL are both set, starts (or reuses) the checkout's private
//      PostgreSQL and Redis under .data/ (scripts/services.mjs) and uses them;
//   3. applies migrations and loads the demo partnership (scripts/seed-demo.ts; idempotent);
//   4. runs the api and the worker, waits for /readyz, and prints the address and demo sign-ins.
// Ctrl-C (SIGINT) or SIGTERM stops both. If either dies, the other is stopped and this exits non-zero.
//
// Plain Node.js with node: builtins only, so it runs before dependencies are installed.
/* global AbortSignal */
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installIfNeeded } from './lib/install.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;

const say = (msg) => process.stdout.write(`${msg}\n`);
const warn = (msg) => process.stderr.write(`start: ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(msg, code = 1) {
  warn(msg);
  process.exit(code);
}

function installDependencies() {
  try {
    installIfNeeded(ROOT, say);
  } catch (e) {
    fail(e.message);
  }
}

async function ensureEnv() {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) {
    say('Using DATABASE_URL and REDIS_URL from the environment.');
    return;
  }
  const core = await import('./lib/services-core.mjs');
  try {
    // Honours whichever of DATABASE_URL / REDIS_URL is already set, and starts the rest.
    const { databaseUrl, redisUrl } = await core.ensureServices();
    process.env.DATABASE_URL = databaseUrl;
    process.env.REDIS_URL = redisUrl;
  } catch (e) {
    fail(e instanceof core.ServicesError ? e.message : String(e?.stack ?? e));
  }
}

/** Migrations and the demo partnership; returns the loader's result (sign-ins and password). */
function seed() {
  say('Applying migrations and loading the demo partnership...');
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/seed-demo.ts', '--json'], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) fail(`migrations or demo seed failed (exit ${r.status ?? r.signal}); see the message above.`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let demo;
  try {
    demo = JSON.parse(line);
  } catch {
    fail(`could not read the demo seed's result:\n${r.stdout}`);
  }
  if (demo.applied?.length) say(`  applied migrations: ${demo.applied.join(', ')}`);
  const c = demo.created;
  const added = [
    c.partnership && 'the partnership',
    c.agencies && `${c.agencies} agencies`,
    c.users && `${c.users} people`,
    c.board && 'the board',
    c.subGroups && `${c.subGroups} sub-groups`,
    c.memberships && `${c.memberships} sub-group memberships`,
  ].filter(Boolean);
  say(`  demo partnership: ${added.length ? `added ${added.join(', ')}` : 'already loaded, nothing changed'}`);
  return demo;
}

/** Fails early, with a useful message, when something already listens on the port. */
function assertPortFree(host, port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (e) => {
      if (e.code === 'EADDRINUSE')
        fail(`${host}:${port} is already in use. Stop whatever is using it, or choose another port: PORT=3001 npm start`);
      if (e.code === 'EADDRNOTAVAIL') fail(`HOST=${host} is not an address of this machine.`);
      resolve(); // anything else: let the api report it
    });
    srv.listen(port, host, () => srv.close(() => resolve()));
  });
}

// ---------------------------------------------------------------- children

const children = new Map(); // name -> ChildProcess
let stopping = false;

function startChild(name, args, env) {
  // Own process group (detached), so a terminal's Ctrl-C reaches the children once, from us.
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit', detached: true });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (stopping) {
      if (!children.size) process.exit(process.exitCode ?? 0);
      return;
    }
    warn(`the ${name} stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping the rest.`);
    stopAll('SIGTERM', code || 1);
  });
  return child;
}

function stopAll(signal, exitCode = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (!children.size) process.exit(exitCode);
  for (const c of children.values()) c.kill(signal);
  setTimeout(() => {
    for (const [name, c] of children) {
      warn(`the ${name} did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it.`);
      c.kill('SIGKILL');
    }
  }, STOP_TIMEOUT_MS).unref();
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (stopping) return;
    say(`\nStopping (${sig})...`);
    stopAll(sig, 0);
  });
}
// If this process goes away some other way, do not leave the children behind.
process.on('exit', () => {
  for (const c of children.values()) c.kill('SIGTERM');
});

async function waitReady(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (stopping) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.status === 200) return true;
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = e?.cause?.code ?? e?.message ?? String(e);
    }
    await sleep(500);
  }
  warn(`the api was not ready at ${url} after ${READY_TIMEOUT_MS / 1000}s (last answer: ${last}).`);
  stopAll('SIGTERM', 1);
  return false;
}

// ---------------------------------------------------------------- output

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => `  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

function banner(base, demo, web) {
  const first = demo.signIns[0];
  const signIn = JSON.stringify({
    query: 'mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }',
    variables: { input: { email: first.email, password: demo.password } },
  });
  return [
    '',
    'Partnership Board Workspace is running.',
    '',
    `  Open      ${web ?? base}/   (the web app: sign in with an account below)`,
    `  GraphQL   ${base}/graphql`,
    `  Health    ${base}/healthz`,
    `  Ready     ${base}/readyz`,
    // The same default as libs/core/src/config.ts: with no SMTP server, e-mails are files to open.
    process.env.SMTP_URL
      ? '  E-mail    sent through SMTP_URL'
      : `  E-mail    no SMTP_URL: each e-mail is written as an .eml file in ${process.env.MAIL_OUTBOX_DIR || path.join(ROOT, '.data/outbox')}`,
    '',
    'Demo partnership: Riverside Children in Care Partnership (fictional). Demo sign-ins:',
    '',
    table([['email', 'name', 'role', 'who'], ...demo.signIns.map((s) => [s.email, s.name, s.role, s.note])]),
    '',
    `  Password for every demo account: ${demo.password}`,
    '',
    'Try it:',
    `  curl -s ${base}/graphql -H 'content-type: application/json' -d '${signIn}'`,
    '',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  process.chdir(ROOT);
  installDependencies();
  await ensureEnv();
  const host = process.env.HOST || '127.0.0.1';
  const port = Number(process.env.PORT || 3000);
  process.env.PORT = String(port);
  await assertPortFree(host, port);
  const demo = seed();
  if (stopping) return;

  // `npm start` builds the web app once and the api serves it; `npm run dev` runs Vite's
  // dev server instead, with hot reload, proxying the api.
  const dev = process.argv.includes('--dev');
  if (!dev) {
    say('Building the web app...');
    const r = spawnSync('npm', ['run', '--silent', 'web:build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) fail('Building the web app failed (npm run web:build).');
  }

  const env = { ...process.env };
  startChild('api', ['-r', '@swc-node/register', 'apps/api/src/main.ts'], env);
  startChild('worker', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], env);
  let web;
  if (dev) {
    spawnSync('npm', ['run', '--silent', 'web:codegen'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const webPort = Number(process.env.WEB_DEV_PORT || 5173);
    startChild(
      'web',
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), '--config', 'apps/web/vite.config.ts', '--strictPort', '--host', host],
      {
        ...env,
        WEB_DEV_PORT: String(webPort),
        API_URL: `http://${host}:${port}`,
      },
    );
    web = `http://${host}:${webPort}`;
  }

  const probeHost = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host;
  const urlHost = probeHost.includes(':') ? `[${probeHost}]` : probeHost;
  const base = `http://${urlHost}:${port}`;
  if (await waitReady(`${base}/readyz`)) say(banner(base, demo, web));
}

main().catch((e) => {
  warn(String(e?.stack ?? e));
  stopAll('SIGTERM', 1);
});
