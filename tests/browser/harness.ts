import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type AppConfig, loadConfig } from '@pbw/core';
import { createDataSource } from '@pbw/db';
import { LocalDiskFileStorage } from '@pbw/files';
import { ENTITIES, loadDemoPartnership, type DemoSignIn } from '@pbw/platform';
import { createTestDatabase, type TestDatabase } from '@pbw/testing';
import { startApi } from '../../apps/api/src/bootstrap';
import { startWorker } from '../../apps/worker/src/bootstrap';

/**
 * The browser-test harness. Each spec file gets the app as `npm start` runs it: the api
 * serving the built web app (built once per run by global-setup.js) and the worker, on a
 * fresh database of its own holding the demo partnership; and one chromium, with a fresh
 * browser context per test.
 *
 * Every page a test reaches goes through `visit` (a full load) or `afterAction` (after a
 * click or submit: the single-page app changes pages without loading), which wait for the
 * page to settle and then run axe-core; any WCAG 2.2 AA violation fails the test. Finish a
 * journey with `finishJourney`: axe once more and a screenshot in test-artifacts/browser/.
 */

const ROOT = join(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts/browser');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserStack {
  /** The app's address, for example http://127.0.0.1:41234 (also its PUBLIC_URL). */
  url: string;
  db: TestDatabase;
  /** A direct connection to the test database, for arranging and asserting. */
  pg: Client;
  /** The api's and worker's configuration (its Redis and queue prefix, to hold a queue still). */
  config: AppConfig;
  /** The demo's accounts and their shared password, as loadDemoPartnership returned them. */
  demo: { signIns: DemoSignIn[]; password: string };
  browser: Browser;
  /** A page in a brand-new browser context (no storage shared with any other). */
  newPage(): Promise<Page>;
  /** Rows and a checksum of every table, to prove an action changed nothing. */
  snapshotDb(): Promise<Record<string, string>>;
}

/** A free TCP port, so the app's PUBLIC_URL (used in invitation links) is its real address. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface Running {
  stack: BrowserStack;
  api: INestApplication;
  worker: INestApplicationContext;
  contexts: BrowserContext[];
  storageDir: string;
}

/**
 * Registers beforeAll/afterEach/afterAll hooks that start and stop the stack, and returns
 * it (usable inside tests). Contexts opened by a test are closed after it.
 */
export function useBrowserStack(): BrowserStack {
  let running: Running | undefined;
  const proxy = new Proxy({} as BrowserStack, {
    get(_t, key: keyof BrowserStack) {
      if (!running) throw new Error('The browser stack is not running (use it inside tests).');
      return running.stack[key];
    },
  });

  beforeAll(async () => {
    running = await startBrowserStack();
  }, 120_000);

  afterEach(async () => {
    const open = running?.contexts.splice(0) ?? [];
    await Promise.all(open.map((c) => c.close().catch(() => undefined)));
  });

  afterAll(async () => {
    if (!running) return;
    const r = running;
    running = undefined;
    await r.stack.browser.close().catch(() => undefined);
    await r.worker.close().catch(() => undefined);
    await r.api.close().catch(() => undefined);
    await r.stack.pg.end().catch(() => undefined);
    await r.stack.db.drop();
    rmSync(r.storageDir, { recursive: true, force: true });
  }, 60_000);

  return proxy;
}

async function startBrowserStack(): Promise<Running> {
  const db = await createTestDatabase();
  const port = await freePort();
  // Uploads and the demo's attachments go to a folder of this stack's own, removed on close.
  const storageDir = mkdtempSync(join(tmpdir(), 'pbw-browser-files-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: `pbwbrowser${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // The same build as dist/web, made by global-setup.js where nothing else in the checkout writes.
    WEB_DIST_DIR: process.env.BROWSER_WEB_DIR ? resolve(ROOT, process.env.BROWSER_WEB_DIR) : join(ROOT, 'tmp/browser-web'),
    FILE_STORAGE_DIR: storageDir,
  });
  const { app: api, url } = await startApi(config);
  const worker = await startWorker(config, { schemaWaitMs: 10_000 });

  const ds = createDataSource({ url: db.url, entities: ENTITIES, applicationName: 'pbw-browser-demo', poolSize: 2 });
  await ds.initialize();
  let demo: BrowserStack['demo'];
  try {
    const loaded = await loadDemoPartnership(ds, { storage: new LocalDiskFileStorage(storageDir) });
    demo = { signIns: loaded.signIns, password: loaded.password };
  } finally {
    await ds.destroy();
  }

  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];

  const stack: BrowserStack = {
    url,
    db,
    pg,
    config,
    demo,
    browser,
    async newPage() {
      const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      contexts.push(context);
      context.setDefaultTimeout(10_000);
      await context.addInitScript(TRACK_REQUESTS);
      const page = await context.newPage();
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (e) => errors.push(String(e.stack ?? e)));
      return page;
    },
    async snapshotDb() {
      const tables = await pg.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      const out: Record<string, string> = {};
      for (const { name } of tables.rows) {
        const r = await pg.query<{ n: string; sum: string }>(
          `SELECT count(*)::text AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
        );
        out[name] = `${r.rows[0].n} rows, ${r.rows[0].sum}`;
      }
      return out;
    },
  };
  return { stack, api, worker, contexts, storageDir };
}

// ---- settling and accessibility ------------------------------------------------------

const pageErrors = new WeakMap<Page, string[]>();

/** Counts the app's requests in flight (fetch and reading its body), so we know when a page has its data. */
const TRACK_REQUESTS = `(() => {
  window.__pbwPending = 0;
  const done = () => setTimeout(() => { window.__pbwPending--; }, 0);
  const fetch0 = window.fetch;
  window.fetch = function (...args) {
    window.__pbwPending++;
    return fetch0.apply(this, args).then(
      (res) => {
        const json0 = res.json.bind(res);
        res.json = () => { window.__pbwPending++; return json0().finally(done); };
        done();
        return res;
      },
      (err) => { done(); throw err; },
    );
  };
})()`;

/** A settled page: no request in flight, a visible h1 in <main>, and no "Loading…". */
const SETTLED = `(() => {
  if ((window.__pbwPending || 0) > 0) return false;
  const main = document.querySelector('main');
  const h1 = main && main.querySelector('h1');
  if (!h1) return false;
  const box = h1.getBoundingClientRect();
  if (!box.width || !box.height) return false;
  return !/Loading…|Loading\\.\\.\\./.test(main.textContent || '');
})()`;

export interface Expectation {
  /** The h1 the page must come to show (exact text, or a pattern). */
  h1?: string | RegExp;
  /** A selector that must become visible (for example '.govuk-error-summary'). */
  visible?: string;
  /** The path (with query) the page must come to, exact or a pattern. */
  path?: string | RegExp;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function matches(actual: string, want: string | RegExp): boolean {
  return typeof want === 'string' ? actual === want : want.test(actual);
}

function pathOf(page: Page): string {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

/**
 * Waits until the page shows what was expected and has settled (twice in a row, 150 ms
 * apart, so a render that follows the last response is not missed).
 */
export async function settle(page: Page, want: Expectation = {}, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let stable = 0;
  let last = '';
  while (Date.now() < deadline) {
    const errors = pageErrors.get(page) ?? [];
    if (errors.length) throw new Error(`The page threw an uncaught error:\n${errors.join('\n')}`);
    const settled = (await page.evaluate(SETTLED).catch(() => false)) as boolean;
    const h1 = settled ? ((await page.locator('main h1').first().textContent()) ?? '').replace(/\s+/g, ' ').trim() : '';
    const ok =
      settled &&
      (!want.h1 || matches(h1, want.h1)) &&
      (!want.path || matches(pathOf(page), want.path)) &&
      (!want.visible || (await page.locator(want.visible).first().isVisible()));
    last = `path ${pathOf(page)}, settled ${settled}, h1 "${h1}"`;
    stable = ok ? stable + 1 : 0;
    if (stable >= 2) return;
    await sleep(ok ? 150 : 50);
  }
  const shot = await failureScreenshot(page);
  throw new Error(`The page did not settle as expected (${describe(want)}); last seen: ${last}${shot}`);
}

function describe(e: Expectation): string {
  const parts = [e.h1 && `h1 ${String(e.h1)}`, e.visible && `visible ${e.visible}`, e.path && `path ${String(e.path)}`].filter(Boolean);
  return parts.length ? parts.join(', ') : 'a visible h1 and no request in flight';
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string; summary: string }>;
}

/** Every page axe checked in this run, for the record (test-artifacts/browser/axe-pages.txt). */
function record(line: string): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(join(ARTIFACTS, 'axe-pages.txt'), `${new Date().toISOString()}  ${line}\n`);
}

/** Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now; throws a readable list of violations. */
export async function checkAccessibility(page: Page, note = ''): Promise<void> {
  if (!(await page.evaluate(`typeof window.axe !== 'undefined'`))) await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary || '' })),
    })))`)) as AxeViolation[];
  // One-time tokens in the address (invitation and reset links) stay out of the record.
  const where = `${pathOf(page).replace(/token=[^&]+/, 'token=…')} ("${(await page.title()).trim()}")`;
  record(`${violations.length ? `FAIL ${violations.length}` : 'ok    '}  ${where}${note ? `  [${note}]` : ''}`);
  if (!violations.length) return;
  const lines = violations.flatMap((v) => [
    `- ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}  ${v.helpUrl}`,
    ...v.nodes.flatMap((n) => [`    target: ${JSON.stringify(n.target)}`, `    html:   ${n.html.slice(0, 300)}`]),
  ]);
  const shot = note ? '' : await failureScreenshot(page);
  throw new Error(`axe found ${violations.length} accessibility violation(s) on ${where}:\n${lines.join('\n')}${shot}`);
}

/** A screenshot of the page as a check failed on it, named after the test; returns a line for the error. */
async function failureScreenshot(page: Page): Promise<string> {
  const test = (expect.getState().currentTestName ?? 'unknown test').replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80);
  const file = join(ARTIFACTS, `FAILED-${test}.png`);
  try {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    return `\nScreenshot: ${file}`;
  } catch {
    return '';
  }
}

/** A full page load of `path`, then settle and axe. */
export async function visit(page: Page, path: string, want: Expectation = {}): Promise<void> {
  await page.goto(path);
  await afterAction(page, want);
}

/** After a click or submit (the app changes pages without loading): settle, then axe. */
export async function afterAction(page: Page, want: Expectation = {}): Promise<void> {
  await settle(page, want);
  await checkAccessibility(page);
}

/** The end of a journey: settle, axe, and a full-page screenshot at test-artifacts/browser/<journey>.png. */
export async function finishJourney(page: Page, journey: string, want: Expectation = {}): Promise<void> {
  await afterAction(page, want);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${journey}.png`), fullPage: true });
}

// ---- what the pages show ---------------------------------------------------------------

export async function h1(page: Page): Promise<string> {
  return ((await page.locator('main h1').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The labels in the service navigation, in order. The Notifications link's unread count
 * ("Notifications (3 unread)") is left out: it depends on what the worker has sent by then.
 */
export async function navItems(page: Page): Promise<string[]> {
  return (await page.locator('nav[aria-label="Menu"] li').allInnerTexts()).map((t) =>
    t
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^Notifications \(\d+(?: unread)? ?\)$/, 'Notifications'),
  );
}

/** Signs in through the sign-in page and waits for the home page. */
export async function signIn(page: Page, email: string, password: string, name?: string): Promise<void> {
  await visit(page, '/sign-in', { h1: 'Sign in' });
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await afterAction(page, { path: '/', h1: name ? `Welcome, ${name}` : /^Welcome, / });
}

/** Counts the GraphQL requests the page sends from now on; call the result to read the count. */
export function countApiRequests(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/graphql') n++;
  });
  return () => n;
}

/** The id of the element the page's focus is on ('' when none has an id). */
export async function focusedId(page: Page): Promise<string> {
  return (await page.evaluate(`document.activeElement ? document.activeElement.id : ''`)) as string;
}

/** True when the focused element is (or is inside) the first element matching the selector. */
export async function hasFocus(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const doc = (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument;
      const active = doc.activeElement;
      return active === el || (el as unknown as { contains(o: unknown): boolean }).contains(active);
    });
}

/**
 * The GOV.UK error summary as shown: its messages with the fragment each links to ('' for
 * a line without a link), and whether it has focus.
 */
export async function errorSummary(page: Page): Promise<{ focused: boolean; items: Array<{ text: string; href: string }> }> {
  const summary = page.locator('.govuk-error-summary');
  const items = await summary.locator('.govuk-error-summary__list li').evaluateAll((lis) =>
    lis.map((li) => {
      const el = li as unknown as {
        textContent: string | null;
        querySelector(s: string): { getAttribute(a: string): string | null } | null;
      };
      return { text: (el.textContent ?? '').replace(/\s+/g, ' ').trim(), href: el.querySelector('a')?.getAttribute('href') ?? '' };
    }),
  );
  return { focused: await hasFocus(page, '.govuk-error-summary'), items };
}
