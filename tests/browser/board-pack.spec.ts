import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { type Page } from 'playwright-core';
import { QUEUES, redisConnection } from '@pbw/queue';
import { afterAction, errorSummary, finishJourney, h1, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey, issue 9: the board pack, compiled, checked, published and downloaded.
 *
 * The secretariat adds an item to the demo's next meeting's agenda (its title carries a
 * helpline number, which the personal-data check should find) and keeps a list of names for the
 * check (a one-letter name is refused against the field, changing nothing). On the board pack
 * page, with the packs queue held still, a compile shows its progress bar at 0% "Waiting to
 * start" and is cancelled; the next compile, once the queue runs, moves to "ready". The version
 * cannot be published while findings are open; each is cleared with a reason (an empty reason is
 * refused against its field, changing nothing), then the version is published and both editions
 * download with the sha256 the page shows. The board member finds the members' edition on the
 * meeting page; a sub-group chair only the public one, and "Page not found" on the secretariat's
 * pack page. A later version is a supplement: publishing it needs a note of what changed. Axe
 * runs on every page; the pack pages read at 320 pixels.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BOARD = 'helen.ashworth@riverside.example';
const CHAIR = 'sunita.rao@riverside.example';
const HELPLINE = 'Care leavers’ helpline: 0161 496 0000 from April';
const PHONE = '0161 496 0000';

const made: { meetingId?: string; packId?: string; secondId?: string } = {};

function need<K extends keyof typeof made>(key: K): NonNullable<(typeof made)[K]> {
  const v = made[key];
  if (v === undefined) throw new Error(`An earlier test did not make ${key}`);
  return v as NonNullable<(typeof made)[K]>;
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const r = await app.pg.query(sql, params);
  expect(r.rows).toHaveLength(1);
  return r.rows[0] as T;
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The packs queue, as the api and worker see it: held still so a compile stays waiting. */
function packsQueue(): Queue {
  return new Queue(QUEUES.PACKS, { connection: redisConnection(app.config.redisUrl), prefix: app.config.queuePrefix });
}

/** Clicks a download link and answers the file's bytes. */
async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await file.path();
  return readFileSync(path);
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** The versions table: each row's version and status words. */
async function versions(page: Page): Promise<string[]> {
  return page.locator('#pack-versions tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const el = tr as unknown as { querySelector(s: string): { textContent: string | null } | null };
      const v = (el.querySelector('th')?.textContent ?? '').trim();
      const s = (el.querySelector('.govuk-tag')?.textContent ?? '').trim();
      return `${v}: ${s}`;
    }),
  );
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 640 });
  await afterAction(page);
  const fits = await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');
  expect({ path: new URL(page.url()).pathname, width, fits }).toEqual({ path: new URL(page.url()).pathname, width, fits: true });
}

describe('the board pack', () => {
  it('the secretariat adds to the agenda and keeps the names the check looks for (a bad name is refused against the field)', async () => {
    const meeting = await one<{ id: string }>(`SELECT id FROM meetings WHERE status = 'PLANNED' ORDER BY starts_at LIMIT 1`);
    made.meetingId = meeting.id;
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');

    await visit(page, `/meetings/${meeting.id}/agenda`, { h1: 'Agenda' });
    await page.getByRole('button', { name: 'Add an item' }).click();
    await afterAction(page, { h1: 'Add an agenda item' });
    await page.getByLabel('Title', { exact: true }).fill(HELPLINE);
    await page.getByLabel('Other business', { exact: true }).check();
    await page.getByRole('button', { name: 'Add item' }).click();
    await afterAction(page, { path: `/meetings/${meeting.id}/agenda`, visible: '.govuk-notification-banner' });
    expect(await text(page, '#agenda')).toContain(HELPLINE);

    // The names for the check, from the partnership's settings.
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Partnership', exact: true }).click();
    await afterAction(page, { path: '/admin/partnership' });
    await page.getByRole('link', { name: 'Names the personal-data check looks for' }).click();
    await afterAction(page, { path: '/admin/personal-data-names', h1: 'Names the personal-data check looks for' });
    expect(await text(page, '#names-count')).toBe('The list has 0 names.');
    const before = await app.snapshotDb();
    await page.getByLabel('Names to look for').fill('Jordan Example\nR\n');
    await page.getByRole('button', { name: 'Save the names' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    const summary = await errorSummary(page);
    expect(summary.focused).toBe(true);
    expect(summary.items).toHaveLength(1);
    expect(summary.items[0]).toEqual({ text: expect.stringContaining('Each name must be at least 2 characters.'), href: '#names' });
    expect(await text(page, '#names-error')).toContain('Each name must be at least 2 characters.');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await app.snapshotDb()).toEqual(before);

    await page.getByLabel('Names to look for').fill('Jordan Example\n  jordan   example \nRiley Sample\n');
    await page.getByRole('button', { name: 'Save the names' }).click();
    await afterAction(page, { visible: '#names-saved' });
    expect(await text(page, '#names-saved')).toContain('The check looks for 2 names in packs compiled from now on.');
    expect(await page.getByLabel('Names to look for').inputValue()).toBe('Jordan Example\nRiley Sample');
    const stored = await app.pg.query('SELECT name FROM personal_data_names ORDER BY name');
    expect(stored.rows.map((r: { name: string }) => r.name)).toEqual(['Jordan Example', 'Riley Sample']);
    await finishJourney(page, 'pack-names', { h1: 'Names the personal-data check looks for' });
  });

  it('compiles with the progress bar showing, cancels one, and the next comes to ready', async () => {
    const meetingId = need('meetingId');
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await visit(page, `/meetings/${meetingId}`, { visible: '#agenda-heading' });
    await page.getByRole('link', { name: 'Board pack', exact: true }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/pack`, h1: 'Board pack' });
    expect(await text(page, '#pack-versions')).toBe('The pack has not been compiled yet.');

    const queue = packsQueue();
    try {
      // Held still, a compile waits: the bar is there at 0%, and it can be cancelled.
      await queue.pause();
      await page.getByRole('button', { name: 'Compile the pack' }).click();
      await afterAction(page, { visible: '#compiling-1' });
      expect(await page.locator('#compile-progress-1').getAttribute('value')).toBe('0');
      expect(await text(page, '#compile-step-1')).toBe('0%: Waiting to start');
      await page.getByRole('button', { name: 'Cancel this compile of version 1' }).click();
      await afterAction(page, { visible: '#pack-done' });
      expect(await text(page, '#pack-done')).toContain('Version 1 cancelled');
      expect(await page.locator('#compiling-1').count()).toBe(0);
      expect(await versions(page)).toEqual(['Version 1: Cancelled']);
      expect((await one<{ status: string }>('SELECT status FROM board_packs WHERE meeting_id = $1', [meetingId])).status).toBe('CANCELLED');

      await page.getByRole('button', { name: 'Compile a new version' }).click();
      await afterAction(page, { visible: '#compiling-2' });
      expect(await page.locator('#compile-progress-2').isVisible()).toBe(true);
      expect(await page.getByLabel('Progress').getAttribute('max')).toBe('100');
      // Record every step the page shows from here on, to see the bar move.
      await page.evaluate(`(() => {
        window.__steps = [];
        const seen = () => { const el = document.querySelector('#compile-step-2'); if (el) window.__steps.push(el.textContent); };
        new MutationObserver(seen).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
      })()`);
    } finally {
      await queue.resume();
      await queue.close();
    }
    await page.locator('#compile-finished', { hasText: 'Version 2 is ready' }).waitFor({ timeout: 60_000 });
    await afterAction(page, { h1: 'Board pack' });
    expect(await text(page, '#compile-finished')).toBe('Version 2 is ready. Check it for personal data, then publish it.');
    const steps = (await page.evaluate('window.__steps')) as string[];
    expect(steps.every((s) => /^\d{1,3}%: /.test(s))).toBe(true);
    expect(await page.locator('#compiling-2').count()).toBe(0);
    expect(await versions(page)).toEqual(['Version 2: Ready', 'Version 1: Cancelled']);
    const v2 = await one<{ id: string; members_sha256: string; public_sha256: string }>(
      'SELECT id, members_sha256, public_sha256 FROM board_packs WHERE meeting_id = $1 AND version = 2',
      [meetingId],
    );
    made.packId = v2.id;
    // In the closed "Checksums" details: read as text, not as shown.
    expect(await page.locator('#pack-versions tbody tr[data-version="2"] [data-sha="members"]').textContent()).toBe(v2.members_sha256);
    expect(await page.locator('#pack-versions tbody tr[data-version="2"] [data-sha="public"]').textContent()).toBe(v2.public_sha256);
    await finishJourney(page, 'pack-compiled', { h1: 'Board pack' });
  });

  it('findings block publishing until each is cleared with a reason; then it is published and both editions download', async () => {
    const meetingId = need('meetingId');
    const packId = need('packId');
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await visit(page, `/meetings/${meetingId}/pack`, { h1: 'Board pack' });

    // Publishing first: refused while findings are open, with the way to them.
    const row = page.locator('#pack-versions tbody tr[data-version="2"]');
    await row.getByRole('link', { name: 'Publish version 2' }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/pack/${packId}/publish`, h1: 'Publish version 2' });
    const open = await app.pg.query<{ kind: string; match: string; page: number }>(
      'SELECT kind, match, page FROM pack_findings WHERE pack_id = $1 AND cleared_at IS NULL ORDER BY page, kind',
      [packId],
    );
    expect(open.rows).toEqual(expect.arrayContaining([{ kind: 'PHONE', match: PHONE, page: expect.any(Number) }]));
    expect(await text(page, '#publish-findings')).toContain(
      `${open.rows.length} likely ${open.rows.length === 1 ? 'piece' : 'pieces'} of personal data in the public edition`,
    );
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Fix or clear the personal data findings' }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/pack/${packId}/findings`, h1: 'Personal data check' });
    // The number is found where the item starts and in the contents, each with its page.
    const phones = open.rows.filter((r) => r.kind === 'PHONE' && r.match === PHONE);
    expect(phones.length).toBeGreaterThanOrEqual(2);
    const phoneRows = page.locator('#findings tbody tr[data-kind="PHONE"]', { hasText: PHONE });
    expect(await phoneRows.locator('td:first-child').allInnerTexts()).toEqual(phones.map((r) => String(r.page)));
    expect(await phoneRows.locator('mark').allInnerTexts()).toEqual(phones.map(() => PHONE));
    const phoneRow = phoneRows.first();
    expect(await text(page, '#findings-summary')).toBe(
      `${open.rows.length} of ${open.rows.length} ${open.rows.length === 1 ? 'finding is' : 'findings are'} not cleared yet.`,
    );

    // An empty reason is refused against its field and changes nothing.
    await phoneRow.getByRole('link', { name: /^Clear/ }).click();
    await afterAction(page, { h1: 'Clear a finding' });
    expect(await text(page, '#finding')).toContain(`Phone number: ${PHONE}`);
    const before = await app.snapshotDb();
    await page.getByRole('button', { name: 'Clear this finding' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items).toEqual([{ text: 'Say why this may be published.', href: '#note' }]);
    expect(await text(page, '#note-error')).toBe('Error: Say why this may be published.');
    expect(await app.snapshotDb()).toEqual(before);
    await page.getByLabel('Why may this be published?').fill('The care leavers’ helpline is a public council number.');
    await page.getByRole('button', { name: 'Clear this finding' }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/pack/${packId}/findings`, visible: '.govuk-notification-banner' });
    expect(await text(page, '.govuk-notification-banner')).toContain('Finding cleared');
    expect(await phoneRow.innerText()).toContain('The care leavers’ helpline is a public council number.');
    // Whatever else the demo's pack holds is cleared the same way.
    for (
      let left = await page
        .locator('#findings')
        .getByRole('link', { name: /^Clear/ })
        .count();
      left > 0;
      left--
    ) {
      await page
        .locator('#findings')
        .getByRole('link', { name: /^Clear/ })
        .first()
        .click();
      await afterAction(page, { h1: 'Clear a finding' });
      await page.getByLabel('Why may this be published?').fill('Checked: a council contact, published before.');
      await page.getByRole('button', { name: 'Clear this finding' }).click();
      await afterAction(page, { path: `/meetings/${meetingId}/pack/${packId}/findings`, visible: '.govuk-notification-banner' });
    }
    expect(await text(page, '#findings-summary')).toMatch(/^All \d+ findings? (is|are) cleared: this version can be published\.$/);
    const audited = await one<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'packFinding.clear'");
    expect(audited.n).toBe(open.rows.length);

    await page.getByRole('link', { name: 'Publish version 2' }).click();
    await afterAction(page, { h1: 'Publish version 2' });
    // The first version published is not a supplement: nothing to say about what changed.
    expect(await page.locator('#changeNote').count()).toBe(0);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/pack`, visible: '.govuk-notification-banner' });
    expect(await text(page, '.govuk-notification-banner')).toContain('Version 2 published');
    expect(await versions(page)).toEqual(['Version 2: Published', 'Version 1: Cancelled']);
    expect(await text(page, '#pack-published')).toContain('Version 2 is published');
    expect(await page.locator('#pack-published a').getAttribute('href')).toMatch(/^\/board-packs\/[a-z0-9-]+$/);

    const sums = await one<{ members_sha256: string; public_sha256: string; published_at: Date | null }>(
      'SELECT members_sha256, public_sha256, published_at FROM board_packs WHERE id = $1',
      [packId],
    );
    expect(sums.published_at).not.toBeNull();
    const members = await download(page, row.getByRole('link', { name: 'Download the members’ edition of version 2' }));
    expect(members.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256(members)).toBe(sums.members_sha256);
    const pub = await download(page, row.getByRole('link', { name: 'Download the public edition of version 2' }));
    expect(sha256(pub)).toBe(sums.public_sha256);
    // And at the public address, for anyone.
    const slug = (
      await one<{ slug: string }>('SELECT slug FROM partnerships p JOIN meetings m ON m.partnership_id = p.id WHERE m.id = $1', [meetingId])
    ).slug;
    const open2 = await fetch(`${app.url}/public/packs/${slug}/${meetingId}.pdf`);
    expect(open2.status).toBe(200);
    expect(sha256(Buffer.from(await open2.arrayBuffer()))).toBe(sums.public_sha256);
    await finishJourney(page, 'pack-published', { h1: 'Board pack' });
  });

  it('the board member downloads the members’ edition from the meeting page; a chair has the public one only', async () => {
    const meetingId = need('meetingId');
    const packId = need('packId');
    const sums = await one<{ members_sha256: string; public_sha256: string }>(
      'SELECT members_sha256, public_sha256 FROM board_packs WHERE id = $1',
      [packId],
    );
    const board = await app.newPage();
    await signIn(board, BOARD, app.demo.password);
    await visit(board, `/meetings/${meetingId}`, { visible: '#published-pack' });
    expect(await text(board, '#published-pack')).toMatch(/^Version 2 was published on /);
    const members = await download(board, board.getByRole('link', { name: 'Download the members’ edition of version 2' }));
    expect(sha256(members)).toBe(sums.members_sha256);
    await finishJourney(board, 'pack-board-member', { visible: '#published-pack' });

    const chair = await app.newPage();
    await signIn(chair, CHAIR, app.demo.password);
    await visit(chair, `/meetings/${meetingId}`, { visible: '#published-pack' });
    expect(await chair.getByRole('link', { name: /members’ edition/ }).count()).toBe(0);
    const pub = await download(chair, chair.getByRole('link', { name: 'Download the public edition of version 2' }));
    expect(sha256(pub)).toBe(sums.public_sha256);
    await visit(chair, `/meetings/${meetingId}/pack`, { h1: 'Page not found' });
    await visit(chair, `/meetings/${meetingId}/pack/${packId}/findings`, { h1: 'Page not found' });
    await visit(chair, '/admin/personal-data-names', { h1: 'Page not found' });
  });

  it('a later version is a supplement: publishing it needs what changed; the pages read at 320 pixels', async () => {
    const meetingId = need('meetingId');
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await visit(page, `/meetings/${meetingId}/pack`, { h1: 'Board pack' });
    await page.getByRole('button', { name: 'Compile a new version' }).click();
    await page.locator('#compile-finished', { hasText: 'Version 3 is ready' }).waitFor({ timeout: 60_000 });
    await afterAction(page, { h1: 'Board pack' });
    const v3 = await one<{ id: string }>('SELECT id FROM board_packs WHERE meeting_id = $1 AND version = 3', [meetingId]);
    made.secondId = v3.id;
    // Version 3 finds what version 2 found; the secretariat clears it again, as in the api.
    await app.pg.query(
      `UPDATE pack_findings SET cleared_at = now(), clear_note = 'As in version 2.',
         cleared_by_user_id = (SELECT id FROM users WHERE email = $2) WHERE pack_id = $1 AND cleared_at IS NULL`,
      [v3.id, SECRETARIAT],
    );
    await visit(page, `/meetings/${meetingId}/pack/${v3.id}/publish`, { h1: 'Publish version 3' });
    const before = await app.snapshotDb();
    await page.getByRole('button', { name: 'Publish the supplement' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items).toEqual([
      { text: 'Say what changed since version 2: this version is a supplement.', href: '#changeNote' },
    ]);
    expect(await app.snapshotDb()).toEqual(before);
    await page.getByLabel('What has changed since version 2?').fill('The helpline item now gives the opening hours.');
    await page.getByRole('button', { name: 'Publish the supplement' }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/pack`, visible: '.govuk-notification-banner' });
    expect(await versions(page)).toEqual(['Version 3: Published supplement', 'Version 2: Published', 'Version 1: Cancelled']);
    await visit(page, `/meetings/${meetingId}`, { visible: '#published-pack' });
    expect(await text(page, '#published-pack')).toMatch(
      /^Version 3, a supplement, was published on .+\. What changed: The helpline item now gives the opening hours\./,
    );

    for (const [path, heading] of [
      [`/meetings/${meetingId}/pack`, 'Board pack'],
      [`/meetings/${meetingId}/pack/${need('packId')}/findings`, 'Personal data check'],
      [`/meetings/${meetingId}/pack/${need('packId')}/publish`, 'Publish version 2'],
      ['/admin/personal-data-names', 'Names the personal-data check looks for'],
    ] as Array<[string, string]>) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, path, { path, h1: heading });
      await fitsWidth(page, 320);
      expect(await h1(page)).toBe(heading);
    }
    await finishJourney(page, 'pack-phone', { h1: 'Names the personal-data check looks for' });
  });
});
