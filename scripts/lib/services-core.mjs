// Private PostgreSQL + Redis for this checkout, run from the machine's own
// binaries under the git-ignored data folder (<repo>/.data by default).
//
// Plain Node.js (>= 20), ESM, node: builtins only.
//
//   import { ensureServices, stopServices } from './lib/services-core.mjs';
//   const { databaseUrl, redisUrl } = await ensureServices();
//
// Environment:
//   PBW_PG_PORT     PostgreSQL port on 127.0.0.1 (default 54329)
//   PBW_REDIS_PORT  Redis port on 127.0.0.1      (default 63799)
//   PBW_DATA_DIR    data folder                   (default <repo>/.data)
//   DATABASE_URL / REDIS_URL: when set to something other than our own URL,
//     ensureServices() uses that server instead of starting the private one.

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_PG_PORT = 54329;
export const DEFAULT_REDIS_PORT = 63799;

const PG_USER = 'postgres'; // OS user that runs the server when we are root
const LOCK_WAIT_MS = 20 * 60_000; // the holder may be running apt-get
const LOCK_MAX_AGE_MS = 45 * 60_000;
const PG_START_TIMEOUT_S = 90;

/** Errors with a message meant for humans (no stack trace needed). */
export class ServicesError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ServicesError';
  }
}

// ---------------------------------------------------------------- config

function portFromEnv(env, name, def) {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new ServicesError(`${name} must be a TCP port number (1-65535), got "${raw}".`);
  }
  return n;
}

/** Resolved paths and ports (pure: creates nothing). */
export function getConfig(env = process.env) {
  const pgPort = portFromEnv(env, 'PBW_PG_PORT', DEFAULT_PG_PORT);
  const redisPort = portFromEnv(env, 'PBW_REDIS_PORT', DEFAULT_REDIS_PORT);
  if (pgPort === redisPort) {
    throw new ServicesError(`PBW_PG_PORT and PBW_REDIS_PORT are both ${pgPort}; give them different values.`);
  }
  const dataDir = path.resolve(env.PBW_DATA_DIR || path.join(REPO_ROOT, '.data'));
  const runDir = path.join(dataDir, 'run');
  // A Unix socket path is limited to ~107 bytes; fall back to a short private
  // folder in the temp dir when the checkout lives at a very long path.
  let sockDir = runDir;
  if (Buffer.byteLength(path.join(runDir, `.s.PGSQL.${pgPort}.lock`)) > 100) {
    const h = crypto.createHash('sha1').update(dataDir).digest('hex').slice(0, 12);
    sockDir = path.join(os.tmpdir(), `pbw-pg-${h}`);
  }
  return {
    dataDir,
    runDir,
    sockDir,
    pgDir: path.join(dataDir, 'pg'),
    pgLog: path.join(dataDir, 'pg.log'),
    redisDir: path.join(dataDir, 'redis'),
    redisLog: path.join(dataDir, 'redis.log'),
    redisPidFile: path.join(runDir, 'redis.pid'),
    envFile: path.join(dataDir, 'services.env'),
    lockFile: path.join(dataDir, 'services.lock'),
    aptLog: path.join(dataDir, 'apt.log'),
    pgPort,
    redisPort,
    databaseUrl: `postgres://pbw:pbw@127.0.0.1:${pgPort}/pbw`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
  };
}

/** URLs the project should use: external ones from the environment win when they differ from ours. */
export function serviceUrls(env = process.env) {
  const cfg = getConfig(env);
  const ext = externalUrls(cfg, env);
  return { databaseUrl: ext.databaseUrl ?? cfg.databaseUrl, redisUrl: ext.redisUrl ?? cfg.redisUrl };
}

function externalUrls(cfg, env) {
  const d = env.DATABASE_URL;
  const r = env.REDIS_URL;
  return {
    databaseUrl: d && !sameServer(d, cfg.pgPort) ? d : undefined,
    redisUrl: r && !sameServer(r, cfg.redisPort) ? r : undefined,
  };
}

/** True when url points at our own private server (127.0.0.1/localhost on our port). */
function sameServer(url, port) {
  try {
    const u = new URL(url);
    return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) && Number(u.port) === port;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const defaultLog = (msg) => process.stderr.write(`services: ${msg}\n`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: opts.stdio ?? ['ignore', 'pipe', 'pipe'],
    timeout: opts.timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    code: r.status ?? (r.error ? 127 : 1),
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    error: r.error,
  };
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function which(name) {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  for (const d of [...dirs, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    const p = path.join(d, name);
    if (isExecutable(p)) return p;
  }
  return null;
}

function tail(file, lines = 25) {
  try {
    const txt = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return txt.slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function writeFileAtomic(file, content) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Env for PostgreSQL client/server tools: no stray PG* settings from the caller. */
function pgEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG')) env[k] = v;
  return { ...env, PGCONNECT_TIMEOUT: '5', ...extra };
}

// ---------------------------------------------------------------- processes

/** State of a pid: 'dead', 'zombie', or 'alive'. */
function pidState(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return 'dead';
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code === 'ESRCH') return 'dead';
  }
  const stat = readText(`/proc/${pid}/stat`);
  if (stat) {
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return 'zombie';
  }
  return 'alive';
}
const pidAlive = (pid) => pidState(pid) === 'alive';

function realpathOr(p) {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Is `pid` a live process named like `name` whose working directory is `dir`?
 * (postgres and redis-server both chdir into their data dir.)
 */
function isOurProcess(pid, name, dir) {
  if (!pidAlive(pid)) return false;
  if (fs.existsSync('/proc/self/cwd')) {
    let cwd;
    let cmd;
    try {
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return false; // gone, or another user's process: not ours
    }
    return cmd.includes(name) && cwd === realpathOr(dir);
  }
  const r = run('ps', ['-o', 'command=', '-p', String(pid)]);
  return r.code === 0 && r.stdout.includes(name);
}

/** Linux only: pids of `name` processes whose cwd is `dir` (e.g. orphaned postgres children). */
function processesInDir(name, dir) {
  const out = [];
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  const want = realpathOr(dir);
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (fs.readlinkSync(`/proc/${e}/cwd`) !== want) continue;
      if (!fs.readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(name)) continue;
      if (pidAlive(pid)) out.push(pid);
    } catch {
      /* vanished or not readable */
    }
  }
  return out;
}

async function waitDead(pids, ms) {
  const deadline = Date.now() + ms;
  while (pids.some(pidAlive) && Date.now() < deadline) await sleep(100);
  return !pids.some(pidAlive);
}

async function killHard(pids) {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  await waitDead(pids, 5000);
}

// ---------------------------------------------------------------- network probes

function tcpProbe(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (v) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** Raw RESP PING; resolves true on "+PONG". */
export function redisPing(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    let buf = '';
    const done = (v) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      buf += d.toString('latin1');
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
    s.once('error', () => done(false));
    s.once('close', () => done(buf.startsWith('+PONG')));
  });
}

// ---------------------------------------------------------------- binaries / install

function pgBinDirCandidates() {
  const dirs = [];
  const pgc = which('pg_config');
  if (pgc) {
    const r = run(pgc, ['--bindir']);
    if (r.code === 0 && r.stdout.trim()) dirs.push(r.stdout.trim());
  }
  const lib = '/usr/lib/postgresql';
  try {
    const versions = fs
      .readdirSync(lib)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => parseFloat(b) - parseFloat(a));
    for (const v of versions) dirs.push(path.join(lib, v, 'bin'));
  } catch {
    /* not Debian-style */
  }
  const initdb = which('initdb');
  if (initdb) dirs.push(path.dirname(fs.realpathSync(initdb)), path.dirname(initdb));
  for (const base of ['/opt/homebrew/opt', '/usr/local/opt']) {
    try {
      const vs = fs
        .readdirSync(base)
        .filter((d) => /^postgresql(@\d+)?$/.test(d))
        .sort((a, b) => (parseInt(b.split('@')[1] || '0', 10) || 0) - (parseInt(a.split('@')[1] || '0', 10) || 0));
      for (const v of vs) dirs.push(path.join(base, v, 'bin'));
    } catch {
      /* no Homebrew */
    }
  }
  return [...new Set(dirs)].filter((d) => ['initdb', 'pg_ctl', 'postgres'].every((t) => isExecutable(path.join(d, t))));
}

function pgMajor(binDir) {
  const r = run(path.join(binDir, 'postgres'), ['--version']);
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout);
  return m ? m[1] : null;
}

/** Pick the PostgreSQL bin dir, preferring the major version that created an existing data dir. */
function findPgBin(cfg) {
  const dirs = pgBinDirCandidates();
  if (!dirs.length) return null;
  const existing = readText(path.join(cfg.pgDir, 'PG_VERSION'))?.trim();
  if (!existing) return { binDir: dirs[0], major: pgMajor(dirs[0]) };
  for (const d of dirs) {
    const major = pgMajor(d);
    if (major === existing) return { binDir: d, major };
  }
  throw new ServicesError(
    `The database in ${cfg.pgDir} was created by PostgreSQL ${existing}, but only PostgreSQL ` +
      `${dirs.map(pgMajor).join(', ')} is installed. Install postgresql-${existing}, or delete ${cfg.pgDir} to start afresh.`,
  );
}

function pgTool(pg, name) {
  const p = path.join(pg.binDir, name);
  if (isExecutable(p)) return p;
  const w = which(name);
  if (w) return w;
  throw new ServicesError(`PostgreSQL tool ${name} not found next to ${pg.binDir} nor on PATH.`);
}

const findRedisServer = () => which('redis-server');

const PG_MISSING =
  'PostgreSQL server binaries not found. Install them: sudo apt-get install postgresql (Debian/Ubuntu) or brew install postgresql@16 (macOS), or set DATABASE_URL.';
const REDIS_MISSING =
  'Redis server binary (redis-server) not found. Install it: sudo apt-get install redis-server (Debian/Ubuntu) or brew install redis (macOS), or set REDIS_URL.';

const canApt = () => isRoot() && fs.existsSync('/etc/debian_version') && !!which('apt-get');

function aptInstall(pkgs, cfg, log) {
  const t0 = Date.now();
  log(`installing ${pkgs.join(' ')} with apt-get (output in ${cfg.aptLog}) ...`);
  const fd = fs.openSync(cfg.aptLog, 'a');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockOpt = ['-o', 'DPkg::Lock::Timeout=600'];
  try {
    for (const args of [
      ['update', ...lockOpt],
      ['install', '-y', '--no-install-recommends', ...lockOpt, ...pkgs],
    ]) {
      fs.writeSync(fd, `\n$ apt-get ${args.join(' ')}\n`);
      const r = spawnSync('apt-get', args, { stdio: ['ignore', fd, fd], env });
      if (r.status !== 0) {
        throw new ServicesError(
          `apt-get ${args[0]} failed (exit ${r.status ?? r.signal}). Last lines of ${cfg.aptLog}:\n${tail(cfg.aptLog)}`,
        );
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  // The Debian packages create and (where they can) start system-wide servers
  // on the standard ports. We use our own data dirs, so stop those, best-effort.
  if (pkgs.includes('postgresql')) {
    const l = run('pg_lsclusters', ['-h']);
    for (const line of l.stdout.split('\n')) {
      const [ver, name, , st] = line.trim().split(/\s+/);
      if (ver && name && st && st.startsWith('online')) run('pg_ctlcluster', [ver, name, 'stop'], { timeout: 60_000 });
    }
    run('service', ['postgresql', 'stop'], { timeout: 60_000 });
  }
  if (pkgs.includes('redis-server')) run('service', ['redis-server', 'stop'], { timeout: 30_000 });
  log(`installed ${pkgs.join(' ')} in ${Math.round((Date.now() - t0) / 1000)}s`);
}

/** Make sure the binaries we need exist, installing with apt-get when root on Debian. */
function ensureBinaries(cfg, needPg, needRedis, log) {
  const missing = [];
  if (needPg && !pgBinDirCandidates().length) missing.push('postgresql');
  if (needRedis && !findRedisServer()) missing.push('redis-server');
  if (missing.length && canApt()) aptInstall(missing, cfg, log);
  if (needPg && !pgBinDirCandidates().length) throw new ServicesError(PG_MISSING);
  if (needRedis && !findRedisServer()) throw new ServicesError(REDIS_MISSING);
}

/**
 * The browser tests' chromium (Debian's package: no test tool may download a browser). Installed
 * with apt-get when root on Debian, like the services' binaries; otherwise says what to install.
 */
export function ensureChromium({ log = defaultLog, env = process.env } = {}) {
  const binary = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(binary)) return binary;
  if (!env.CHROMIUM_PATH && canApt()) {
    const cfg = getConfig(env);
    fs.mkdirSync(path.dirname(cfg.aptLog), { recursive: true });
    aptInstall(['chromium'], cfg, log);
  }
  if (fs.existsSync(binary)) return binary;
  throw new ServicesError(
    `Chromium not found at ${binary}. Install it: sudo apt-get install chromium (Debian/Ubuntu), or set CHROMIUM_PATH to a chromium binary.`,
  );
}

// ---------------------------------------------------------------- directories / ownership

function pgOwner() {
  if (!isRoot()) return null;
  const uid = run('id', ['-u', PG_USER]);
  if (uid.code !== 0) {
    // No postgres OS user (e.g. binaries not from the distro package): create one.
    const r = run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      PG_USER,
    ]);
    if (r.code !== 0 && run('id', ['-u', PG_USER]).code !== 0) {
      throw new ServicesError(
        `Running as root, but there is no "${PG_USER}" user to run PostgreSQL as and useradd failed: ${r.stderr.trim()}`,
      );
    }
  }
  return {
    uid: Number(run('id', ['-u', PG_USER]).stdout.trim()),
    gid: Number(run('id', ['-g', PG_USER]).stdout.trim()),
  };
}

function mkdirp(dir, mode = 0o755) {
  fs.mkdirSync(dir, { recursive: true, mode });
}

/** root only: every ancestor of dir must be searchable (o+x) by the postgres user. */
function makeTraversable(dir, log) {
  let d = path.resolve(dir);
  const chain = [];
  while (true) {
    chain.push(d);
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const p of chain) {
    try {
      const st = fs.statSync(p);
      if (!(st.mode & 0o001)) {
        fs.chmodSync(p, (st.mode & 0o7777) | 0o001);
        log(`made ${p} traversable (o+x) so the ${PG_USER} user can reach the data dir`);
      }
    } catch {
      /* ignore */
    }
  }
}

function chownIfNeeded(p, owner, recursive = false) {
  const st = fs.statSync(p);
  if (st.uid === owner.uid && st.gid === owner.gid) return;
  if (recursive) {
    const r = run('chown', ['-R', `${owner.uid}:${owner.gid}`, p]);
    if (r.code !== 0) throw new ServicesError(`chown -R ${PG_USER} ${p} failed: ${r.stderr.trim()}`);
  } else {
    fs.chownSync(p, owner.uid, owner.gid);
  }
}

function prepareDirs(cfg, owner, log) {
  for (const d of [cfg.dataDir, cfg.runDir, cfg.redisDir, cfg.sockDir]) mkdirp(d, 0o755);
  if (!fs.existsSync(cfg.pgLog)) fs.writeFileSync(cfg.pgLog, '');
  if (owner) {
    makeTraversable(cfg.dataDir, log);
    makeTraversable(cfg.sockDir, log);
    fs.chmodSync(cfg.dataDir, (fs.statSync(cfg.dataDir).mode & 0o7777) | 0o005);
    chownIfNeeded(cfg.runDir, owner);
    chownIfNeeded(cfg.sockDir, owner);
    chownIfNeeded(cfg.pgLog, owner);
    if (fs.existsSync(cfg.pgDir)) chownIfNeeded(cfg.pgDir, owner, true);
  }
}

// ---------------------------------------------------------------- PostgreSQL

/** Run a PostgreSQL server tool, as the postgres user when we are root. */
function runPg(cfg, tool, args, opts = {}) {
  const env = pgEnv(opts.env);
  if (isRoot()) return run('runuser', ['-u', PG_USER, '--', tool, ...args], { cwd: cfg.dataDir, env, timeout: opts.timeout });
  return run(tool, args, { cwd: cfg.dataDir, env, timeout: opts.timeout });
}

function readPostmasterPid(cfg) {
  const txt = readText(path.join(cfg.pgDir, 'postmaster.pid'));
  if (txt === null) return null;
  const l = txt.split('\n');
  return { pid: Number(l[0]), port: Number(l[3]), sockDir: l[4] || '', status: (l[7] || '').trim() };
}

/** { running, pid, port, stalePidFile } for our data dir. */
function pgState(cfg) {
  const pm = readPostmasterPid(cfg);
  if (!pm) return { running: false, stalePidFile: false };
  if (isOurProcess(pm.pid, 'postgres', cfg.pgDir)) return { running: true, pid: pm.pid, port: pm.port, status: pm.status };
  return { running: false, stalePidFile: true, pid: pm.pid };
}

async function pgReady(cfg, pg, port, timeoutMs) {
  const isready = pgTool(pg, 'pg_isready');
  const deadline = Date.now() + timeoutMs;
  do {
    const r = run(isready, ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-t', '2'], { env: pgEnv() });
    if (r.code === 0) return true;
    await sleep(200);
  } while (Date.now() < deadline);
  return false;
}

/** Remove leftovers of a dead server: orphaned children, postmaster.pid, socket lock files. */
async function cleanStalePg(cfg, log, why) {
  const orphans = processesInDir('postgres', cfg.pgDir);
  const pm = readPostmasterPid(cfg);
  if (orphans.length) {
    log(`killing ${orphans.length} orphaned postgres process(es) of ${cfg.pgDir}`);
    await killHard(orphans);
  }
  if (pm && !isOurProcess(pm.pid, 'postgres', cfg.pgDir)) {
    fs.rmSync(path.join(cfg.pgDir, 'postmaster.pid'), { force: true });
    if (why) log(`removed stale ${path.join(cfg.pgDir, 'postmaster.pid')} (${why})`);
  }
  let names = [];
  try {
    names = fs.readdirSync(cfg.sockDir);
  } catch {
    /* none */
  }
  for (const n of names) {
    const m = /^\.s\.PGSQL\.(\d+)\.lock$/.exec(n);
    if (!m) continue;
    const pid = Number((readText(path.join(cfg.sockDir, n)) || '').split('\n')[0]);
    if (!isOurProcess(pid, 'postgres', cfg.pgDir)) {
      fs.rmSync(path.join(cfg.sockDir, n), { force: true });
      fs.rmSync(path.join(cfg.sockDir, `.s.PGSQL.${m[1]}`), { force: true });
    }
  }
}

function initdb(cfg, pg, owner, log) {
  if (fs.existsSync(path.join(cfg.pgDir, 'PG_VERSION'))) return false;
  if (fs.existsSync(cfg.pgDir)) {
    // Half-made dir from an interrupted run (we initdb elsewhere and rename, so this is rare).
    fs.rmSync(cfg.pgDir, { recursive: true, force: true });
  }
  const tmp = path.join(cfg.dataDir, `pg.init-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  mkdirp(tmp, 0o700);
  if (owner) fs.chownSync(tmp, owner.uid, owner.gid);
  const utf8 = /^c\.utf-?8$/im.test(run('locale', ['-a']).stdout) ? 'C.UTF-8' : 'C';
  const r = runPg(
    cfg,
    pgTool(pg, 'initdb'),
    ['-D', tmp, '-U', 'postgres', '--auth-local=trust', '--auth-host=trust', '-E', 'UTF8', `--locale=${utf8}`, '--no-sync'],
    { env: { LC_ALL: 'C', LANG: 'C' }, timeout: 300_000 },
  );
  if (r.code !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new ServicesError(`initdb failed (exit ${r.code}):\n${(r.stdout + r.stderr).trim()}`);
  }
  fs.renameSync(tmp, cfg.pgDir);
  log(`created PostgreSQL ${pg.major} cluster in ${cfg.pgDir}`);
  return true;
}

function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

async function pgStop(cfg, pg, log) {
  const st = pgState(cfg);
  if (!st.running) {
    await cleanStalePg(cfg, log, st.stalePidFile ? 'server not running' : '');
    return false;
  }
  let stopped = false;
  if (pg) {
    const ctl = pgTool(pg, 'pg_ctl');
    stopped = runPg(cfg, ctl, ['stop', '-D', cfg.pgDir, '-m', 'fast', '-w', '-t', '60'], { timeout: 90_000 }).code === 0;
    if (!stopped) stopped = runPg(cfg, ctl, ['stop', '-D', cfg.pgDir, '-m', 'immediate', '-w', '-t', '30'], { timeout: 60_000 }).code === 0;
  } else {
    try {
      process.kill(st.pid, 'SIGINT'); // "fast" shutdown
    } catch {
      /* gone */
    }
    stopped = await waitDead([st.pid], 60_000);
  }
  if (!stopped || pidAlive(st.pid)) await killHard([st.pid]);
  await cleanStalePg(cfg, log, '');
  return true;
}

async function pgBootstrap(cfg, pg, port) {
  const psql = pgTool(pg, 'psql');
  const base = ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres'];
  const q = (sql) => {
    const r = run(psql, [...base, '-c', sql], { env: pgEnv(), timeout: 60_000 });
    if (r.code !== 0) throw new ServicesError(`psql failed on "${sql}":\n${r.stderr.trim()}`);
    return r.stdout.trim();
  };
  const have = q(
    "select (select count(*) from pg_roles where rolname = 'pbw' and rolsuper and rolcanlogin) || ',' || (select count(*) from pg_database where datname = 'pbw')",
  );
  const [role, db] = have.split(',').map(Number);
  if (!role) {
    q(
      "DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'pbw') THEN ALTER ROLE pbw WITH SUPERUSER LOGIN PASSWORD 'pbw'; " +
        "ELSE CREATE ROLE pbw WITH SUPERUSER LOGIN PASSWORD 'pbw'; END IF; END $$",
    );
  }
  if (!db) q('CREATE DATABASE pbw OWNER pbw');
}

/** Start (or confirm) our PostgreSQL. Returns a short word for the status line. */
async function ensurePostgres(cfg, log) {
  const pg = findPgBin(cfg);
  if (!pg) throw new ServicesError(PG_MISSING);
  const owner = pgOwner();
  prepareDirs(cfg, owner, log);
  let action = initdb(cfg, pg, owner, log) ? 'created+started' : 'started';

  let st = pgState(cfg);
  if (st.running && st.port !== cfg.pgPort) {
    log(`PostgreSQL in ${cfg.pgDir} is running on port ${st.port}, restarting it on ${cfg.pgPort}`);
    await pgStop(cfg, pg, log);
    st = pgState(cfg);
  }
  if (st.running) {
    if (await pgReady(cfg, pg, cfg.pgPort, 30_000)) {
      await pgBootstrap(cfg, pg, cfg.pgPort);
      return 'already running';
    }
    log(`PostgreSQL (pid ${st.pid}) is not answering; restarting it`);
    await pgStop(cfg, pg, log);
    action = 'restarted';
  } else {
    await cleanStalePg(cfg, log, st.stalePidFile ? `pid ${st.pid} is not our server` : '');
  }

  if (await tcpProbe(cfg.pgPort)) {
    throw new ServicesError(
      `Port ${cfg.pgPort} on 127.0.0.1 is already in use by another program (not this checkout's PostgreSQL in ${cfg.pgDir}). ` +
        `Set PBW_PG_PORT to a free port (e.g. PBW_PG_PORT=${cfg.pgPort + 1}), or stop that program.`,
    );
  }

  const opts = [
    `-p ${cfg.pgPort}`,
    `-k ${shellQuote(cfg.sockDir)}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  const r = runPg(
    cfg,
    pgTool(pg, 'pg_ctl'),
    ['-D', cfg.pgDir, '-l', cfg.pgLog, '-o', opts, '-w', '-t', String(PG_START_TIMEOUT_S), 'start'],
    {
      timeout: (PG_START_TIMEOUT_S + 30) * 1000,
    },
  );
  if (r.code !== 0) {
    throw new ServicesError(
      `PostgreSQL failed to start (pg_ctl exit ${r.code}). ${(r.stdout + r.stderr).trim()}\nLast lines of ${cfg.pgLog}:\n${tail(cfg.pgLog)}`,
    );
  }
  if (!(await pgReady(cfg, pg, cfg.pgPort, 30_000))) {
    throw new ServicesError(
      `PostgreSQL started but does not accept connections on 127.0.0.1:${cfg.pgPort}. See ${cfg.pgLog}:\n${tail(cfg.pgLog)}`,
    );
  }
  await pgBootstrap(cfg, pg, cfg.pgPort);
  return action;
}

// ---------------------------------------------------------------- Redis

function redisState(cfg) {
  const txt = readText(cfg.redisPidFile);
  if (txt === null) return { running: false, stalePidFile: false };
  const pid = Number(txt.trim());
  if (isOurProcess(pid, 'redis-server', cfg.redisDir)) {
    let port = null;
    try {
      const m = /:(\d+)/.exec(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      if (m) port = Number(m[1]);
    } catch {
      /* non-Linux */
    }
    return { running: true, pid, port };
  }
  return { running: false, stalePidFile: true, pid };
}

async function redisStop(cfg, log) {
  const st = redisState(cfg);
  if (!st.running) {
    if (st.stalePidFile) fs.rmSync(cfg.redisPidFile, { force: true });
    return false;
  }
  try {
    process.kill(st.pid, 'SIGTERM'); // redis: flush AOF and exit
  } catch {
    /* gone */
  }
  if (!(await waitDead([st.pid], 20_000))) {
    log(`redis-server (pid ${st.pid}) did not exit on SIGTERM; killing it`);
    await killHard([st.pid]);
  }
  fs.rmSync(cfg.redisPidFile, { force: true });
  return true;
}

async function waitPing(port, ms) {
  const deadline = Date.now() + ms;
  do {
    if (await redisPing(port)) return true;
    await sleep(100);
  } while (Date.now() < deadline);
  return false;
}

async function ensureRedis(cfg, log) {
  const bin = findRedisServer();
  if (!bin) throw new ServicesError(REDIS_MISSING);
  mkdirp(cfg.redisDir);
  mkdirp(cfg.runDir);
  let action = 'started';
  let st = redisState(cfg);
  if (st.running && st.port && st.port !== cfg.redisPort) {
    log(`Redis in ${cfg.redisDir} is running on port ${st.port}, restarting it on ${cfg.redisPort}`);
    await redisStop(cfg, log);
    st = redisState(cfg);
  }
  if (st.running) {
    if (await waitPing(cfg.redisPort, 10_000)) return 'already running';
    log(`redis-server (pid ${st.pid}) is not answering PING; restarting it`);
    await redisStop(cfg, log);
    action = 'restarted';
  } else if (st.stalePidFile) {
    fs.rmSync(cfg.redisPidFile, { force: true });
    log(`removed stale ${cfg.redisPidFile} (pid ${st.pid} is not our server)`);
  }

  if (await tcpProbe(cfg.redisPort)) {
    throw new ServicesError(
      `Port ${cfg.redisPort} on 127.0.0.1 is already in use by another program (not this checkout's Redis in ${cfg.redisDir}). ` +
        `Set PBW_REDIS_PORT to a free port (e.g. PBW_REDIS_PORT=${cfg.redisPort + 1}), or stop that program.`,
    );
  }

  const r = run(
    bin,
    [
      '--port',
      String(cfg.redisPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      cfg.redisDir,
      '--daemonize',
      'yes',
      '--pidfile',
      cfg.redisPidFile,
      '--logfile',
      cfg.redisLog,
      '--save',
      '',
      '--appendonly',
      'yes',
      // BullMQ's jobs must never be evicted; the apps refuse to start on any other policy.
      '--maxmemory-policy',
      'noeviction',
    ],
    { cwd: cfg.redisDir, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
  );
  if (r.code !== 0) {
    throw new ServicesError(
      `redis-server failed to start (exit ${r.code}): ${(r.stdout + r.stderr).trim()}\nLast lines of ${cfg.redisLog}:\n${tail(cfg.redisLog)}`,
    );
  }
  if (!(await waitPing(cfg.redisPort, 30_000))) {
    throw new ServicesError(
      `redis-server started but does not answer PING on 127.0.0.1:${cfg.redisPort}. See ${cfg.redisLog}:\n${tail(cfg.redisLog)}`,
    );
  }
  return action;
}

// ---------------------------------------------------------------- cross-process lock

// Shared through globalThis so that two copies of this module in one process
// (e.g. Jest module registries) still agree on which locks this process holds.
const G = (globalThis[Symbol.for('pbw.services-core')] ??= { chain: Promise.resolve(), tokens: new Set() });
const myTokens = G.tokens;

function readLock(file) {
  try {
    const raw = fs.readFileSync(file, 'utf8');
    const mtimeMs = fs.statSync(file).mtimeMs;
    let info = null;
    try {
      info = JSON.parse(raw);
    } catch {
      /* being written, or garbage */
    }
    return { raw, info, mtimeMs };
  } catch {
    return null; // vanished
  }
}

function lockIsStale(h) {
  const age = Date.now() - h.mtimeMs;
  if (!h.info) return age > 5000; // empty/garbage: the creator writes right after O_EXCL create
  if (age > LOCK_MAX_AGE_MS) return true;
  if (h.info.host !== os.hostname()) return false; // shared disk, can't check the pid
  if (h.info.pid === process.pid) return !myTokens.has(h.info.token); // pid reused after a restart
  return !pidAlive(h.info.pid);
}

function breakStaleLock(file, h) {
  const grave = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(file, grave);
  } catch {
    return; // someone else got there first
  }
  if (readText(grave) !== h.raw) {
    // We moved a *fresh* lock taken in between; put it back if the slot is still free.
    try {
      fs.linkSync(grave, file);
    } catch {
      /* slot taken again: nothing better to do */
    }
  }
  fs.rmSync(grave, { force: true });
}

async function acquireLock(cfg, log) {
  try {
    mkdirp(cfg.dataDir);
    fs.accessSync(cfg.dataDir, fs.constants.W_OK);
  } catch (e) {
    throw new ServicesError(`Cannot use data dir ${cfg.dataDir} (${e.code || e.message}). Fix its permissions or set PBW_DATA_DIR.`);
  }
  const token = crypto.randomUUID();
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), token, since: new Date().toISOString() });
  const t0 = Date.now();
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(cfg.lockFile, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o644);
      fs.writeSync(fd, me);
      fs.closeSync(fd);
      myTokens.add(token);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    const h = readLock(cfg.lockFile);
    if (!h) continue;
    if (lockIsStale(h)) {
      breakStaleLock(cfg.lockFile, h);
      continue;
    }
    if (Date.now() - t0 > LOCK_WAIT_MS) {
      throw new ServicesError(
        `Timed out waiting for ${cfg.lockFile} (held by pid ${h.info?.pid ?? '?'}). If no other services.mjs is running, delete that file.`,
      );
    }
    if (!announced && Date.now() - t0 > 2000) {
      log(`waiting for another services.mjs (pid ${h.info?.pid ?? '?'}) holding ${cfg.lockFile} ...`);
      announced = true;
    }
    await sleep(150);
  }
  const release = () => {
    myTokens.delete(token);
    try {
      if (fs.readFileSync(cfg.lockFile, 'utf8') === me) fs.unlinkSync(cfg.lockFile);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return () => {
    process.removeListener('exit', release);
    release();
  };
}

function withLock(cfg, log, fn) {
  const p = G.chain.then(async () => {
    const release = await acquireLock(cfg, log);
    try {
      return await fn();
    } finally {
      release();
    }
  });
  G.chain = p.catch(() => {});
  return p;
}

// ---------------------------------------------------------------- public API

/**
 * Start (if needed) the private PostgreSQL and Redis, and return their URLs.
 * Idempotent, and safe to call concurrently from several processes.
 * @param {{ log?: (msg: string) => void, useEnvUrls?: boolean }} [options]
 *   log: progress notes (default: stderr, only for slow/unusual events);
 *   useEnvUrls (default true): honour DATABASE_URL / REDIS_URL from the
 *   environment when they point somewhere other than our private servers.
 * @returns {Promise<{ databaseUrl: string, redisUrl: string }>}
 */
export async function ensureServices(options = {}) {
  const { databaseUrl, redisUrl } = await ensureServicesDetailed(options);
  return { databaseUrl, redisUrl };
}

/** Like ensureServices, plus what happened: { postgres, redis } = 'started' | 'already running' | 'external' | ... */
export async function ensureServicesDetailed({ log = defaultLog, useEnvUrls = true } = {}) {
  const cfg = getConfig();
  const ext = useEnvUrls ? externalUrls(cfg, process.env) : {};
  const needPg = !ext.databaseUrl;
  const needRedis = !ext.redisUrl;
  return withLock(cfg, log, async () => {
    ensureBinaries(cfg, needPg, needRedis, log);
    const postgres = needPg ? await ensurePostgres(cfg, log) : 'external';
    const redis = needRedis ? await ensureRedis(cfg, log) : 'external';
    const databaseUrl = ext.databaseUrl ?? cfg.databaseUrl;
    const redisUrl = ext.redisUrl ?? cfg.redisUrl;
    writeFileAtomic(cfg.envFile, formatEnv({ databaseUrl, redisUrl }));
    return { databaseUrl, redisUrl, postgres, redis, pgPort: cfg.pgPort, redisPort: cfg.redisPort, dataDir: cfg.dataDir };
  });
}

/**
 * Stop the private PostgreSQL and Redis of this data dir (idempotent).
 * @returns {Promise<{ postgres: 'stopped' | 'not running', redis: 'stopped' | 'not running' }>}
 */
export async function stopServices({ log = defaultLog } = {}) {
  const cfg = getConfig();
  if (!fs.existsSync(cfg.dataDir)) return { postgres: 'not running', redis: 'not running' };
  return withLock(cfg, log, async () => {
    let pg = null;
    try {
      pg = pgBinDirCandidates().length ? findPgBin(cfg) : null;
    } catch {
      pg = null; // version mismatch: fall back to signals
    }
    const postgres = (await pgStop(cfg, pg, log)) ? 'stopped' : 'not running';
    const redis = (await redisStop(cfg, log)) ? 'stopped' : 'not running';
    return { postgres, redis };
  });
}

/**
 * Current state, without starting anything.
 * @returns {Promise<{ postgres: {running, ready, pid?, port}, redis: {running, ready, pid?, port}, databaseUrl, redisUrl, dataDir }>}
 */
export async function servicesStatus() {
  const cfg = getConfig();
  const p = pgState(cfg);
  const r = redisState(cfg);
  let pgReadyNow = false;
  if (p.running) {
    const cands = pgBinDirCandidates();
    const isready = cands.length ? path.join(cands[0], 'pg_isready') : which('pg_isready');
    pgReadyNow = isready
      ? run(isready, ['-q', '-h', '127.0.0.1', '-p', String(p.port), '-U', 'postgres', '-d', 'postgres', '-t', '2'], { env: pgEnv() })
          .code === 0
      : await tcpProbe(p.port);
  }
  return {
    postgres: { running: p.running, ready: pgReadyNow, pid: p.running ? p.pid : undefined, port: p.running ? p.port : cfg.pgPort },
    redis: {
      running: r.running,
      ready: r.running ? await redisPing(r.port ?? cfg.redisPort) : false,
      pid: r.running ? r.pid : undefined,
      port: r.port ?? cfg.redisPort,
    },
    ...serviceUrls(),
    dataDir: cfg.dataDir,
  };
}

/** Shell-sourceable KEY=value lines. */
export function formatEnv({ databaseUrl, redisUrl }) {
  const q = (v) => (/^[A-Za-z0-9_@%+=:,./~-]*$/.test(v) ? v : shellQuote(v));
  return `DATABASE_URL=${q(databaseUrl)}\nREDIS_URL=${q(redisUrl)}\n`;
}
