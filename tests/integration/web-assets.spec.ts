import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestStack, type TestStack } from '@pbw/testing';

describe('the api serves the built web app', () => {
  let stack: TestStack;
  const dir = mkdtempSync(join(tmpdir(), 'pbw-web-'));
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app shell</title>');
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    stack = await startTestStack({ env: { WEB_DIST_DIR: dir } });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a page address with the app shell, uncached', async () => {
    const res = await fetch(`${stack.url}/admin/users?x=1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('app shell');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets for a year and a missing asset as 404, not the shell', async () => {
    const ok = await fetch(`${stack.url}/assets/app-abc123.js`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${stack.url}/assets/missing.js`)).status).toBe(404);
  });

  it('leaves the api paths to the api', async () => {
    expect((await fetch(`${stack.url}/healthz`)).headers.get('content-type')).toContain('application/json');
    const gql = await stack.client().request('{ __typename }');
    expect(gql.data).toEqual({ __typename: 'Query' });
    // A calendar program asking for a feed gets the api's answer, not the web page.
    const feed = await fetch(`${stack.url}/calendar/${'x'.repeat(43)}.ics`);
    expect([feed.status, feed.headers.get('content-type')]).toEqual([404, expect.stringContaining('text/plain')]);
    // An agenda paper's download is the api's (signed out: 401 JSON); the meeting's pages beside it stay the app's.
    const id = '00000000-0000-4000-8000-000000000000';
    const paper = await fetch(`${stack.url}/meetings/${id}/papers/${id}`);
    expect([paper.status, paper.headers.get('content-type')]).toEqual([401, expect.stringContaining('application/json')]);
    for (const page of [`/meetings/${id}`, `/meetings/${id}/agenda/${id}/paper`, `/meetings/${id}/papers`]) {
      expect(await (await fetch(`${stack.url}${page}`)).text()).toContain('app shell');
    }
    // A browser following a pack's link to a paper (a page load, no token) gets the app's page for it, which signs them in.
    const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    expect(await (await fetch(`${stack.url}/meetings/${id}/papers/${id}`, { headers: html })).text()).toContain('app shell');
    for (const api of [
      fetch(`${stack.url}/meetings/${id}/papers/${id}?token=x`, { headers: html }),
      fetch(`${stack.url}/meetings/${id}/papers/${id}`, { headers: { ...html, authorization: 'Bearer x' } }),
    ]) {
      expect((await api).status).toBe(401);
    }
  });
});
