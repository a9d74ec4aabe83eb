import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { londonToday } from '@pbw/core';
import { financialYearOf } from '@pbw/principles';
import { afterAction, errorSummary, finishJourney, h1, navItems, signIn, useBrowserStack, visit } from './harness';

/**
 * Issue 9: the secretariat's annual update editor and the public board packs page. The
 * secretariat drafts the year's update from the workspace, changes a section and adds one, a
 * save with an empty heading is refused against that field and changes nothing, a save over
 * someone else's is refused and shows theirs, the PDF has the saved words, and "Draft it
 * again" replaces the edits after a confirm. A board member gets "Page not found" there.
 * Signed out, the public page lists the pack the worker compiled and the secretariat published
 * (through the api), its download is that public edition, and it reads at 320 pixels wide.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BOARD = 'helen.ashworth@riverside.example';
const SLUG = 'riverside';
const PERIOD = financialYearOf(londonToday());
const ADDED = 'The virtual school’s tutoring reached forty more young people this year.';
const NEW_HEADING = 'Looking ahead';
const NEW_BODY = '- Open a second hub for care leavers';

/** The api, as the secretariat: for arranging what a test needs that another page makes. */
async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const post = async (q: string, v: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: q, variables: v }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const signedIn = await post('mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
    input: { email: SECRETARIAT, password: app.demo.password },
  });
  return post(query, variables, (signedIn as unknown as { signIn: { accessToken: string } }).signIn.accessToken);
}

async function annualRow(): Promise<
  { id: string; title: string; version: number; sections: Array<{ heading: string; body: string }> } | undefined
> {
  const r = await app.pg.query(`SELECT id, title, version, sections FROM annual_updates WHERE period = $1`, [PERIOD]);
  return r.rows[0];
}

/** The text of a PDF, page by page, read by the same pdf.js script the pack tests use. */
function pdfText(file: string): string {
  const out = execFileSync(process.execPath, [join(__dirname, '..', '..', 'libs', 'packs', 'src', 'pdf-text.mjs'), file], {
    encoding: 'utf8',
  });
  return (JSON.parse(out) as { pages: Array<{ text: string }> }).pages
    .map((p) => p.text)
    .join(' ')
    .replace(/\s+/g, ' ');
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 640 });
  await afterAction(page);
  const fits = await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');
  expect({ path: new URL(page.url()).pathname, width, fits }).toEqual({ path: new URL(page.url()).pathname, width, fits: true });
}

describe('the annual update editor', () => {
  it('the secretariat drafts it, changes and adds sections, is refused an empty heading and a stale save, downloads the PDF and drafts it again', async () => {
    expect(await annualRow()).toBeUndefined();
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    expect(await navItems(page)).toContain('Annual update');
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Annual update', exact: true }).click();
    await afterAction(page, { path: '/annual-update', h1: 'Annual update' });
    expect(await page.locator('main').textContent()).toContain(`There is no annual update for ${PERIOD} yet`);
    expect(await page.getByLabel('Financial year').inputValue()).toBe(PERIOD);

    await page.getByRole('button', { name: 'Draft it from the workspace' }).click();
    await afterAction(page, { visible: '#annual-form' });
    const drafted = (await annualRow())!;
    expect(drafted.version).toBe(1);
    expect(await page.getByLabel('Title').inputValue()).toBe(drafted.title);
    expect(await page.locator('#annual-form fieldset').count()).toBe(drafted.sections.length);
    expect(await page.locator('#section-0-heading').inputValue()).toBe(drafted.sections[0].heading);

    // Change the first section's text and add a section at the end.
    await page.locator('#section-0-body').fill(`${drafted.sections[0].body}\n\n${ADDED}`);
    await page.getByRole('button', { name: 'Add a section' }).click();
    const last = drafted.sections.length;
    expect(
      await page
        .locator(`#section-${last}-heading`)
        .evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement),
    ).toBe(true);
    await page.locator(`#section-${last}-heading`).fill(NEW_HEADING);
    await page.locator(`#section-${last}-body`).fill(NEW_BODY);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { visible: '#annual-done' });
    expect(await page.locator('#annual-done').textContent()).toContain('Annual update saved');
    let row = (await annualRow())!;
    expect(row.version).toBe(2);
    expect(row.sections[0].body.endsWith(ADDED)).toBe(true);
    expect(row.sections[last]).toEqual({ heading: NEW_HEADING, body: NEW_BODY });
    expect(row.sections).toHaveLength(drafted.sections.length + 1);

    // An empty heading is refused against its field, and nothing changes.
    const before = await app.snapshotDb();
    await page.locator('#section-1-heading').fill('   ');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect(await errorSummary(page)).toEqual({
      focused: true,
      items: [{ text: 'Section 2: Give each section a heading.', href: '#section-1-heading' }],
    });
    expect(await page.locator('#section-1-heading-error').textContent()).toContain('Section 2: Give each section a heading.');
    expect(await page.title()).toMatch(/^Error: Annual update /);
    expect(await app.snapshotDb()).toEqual(before);

    // Someone else saves meanwhile: this page's save is refused, theirs is shown, and what was typed stays.
    await api(`mutation($input: UpdateAnnualUpdateInput!) { updateAnnualUpdate(input: $input) { version } }`, {
      input: { id: row.id, version: row.version, title: 'Corporate parenting: the year in review' },
    });
    await page.locator('#section-1-heading').fill(drafted.sections[1].heading);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { visible: '#theirs' });
    expect((await errorSummary(page)).items[0].text).toMatch(/^Someone else saved this annual update since you opened it/);
    expect(await page.locator('#theirs').textContent()).toContain('Corporate parenting: the year in review');
    expect(await page.locator('#section-0-body').inputValue()).toContain(ADDED);
    expect((await annualRow())!.version).toBe(3);
    // Saved again, knowingly: it now goes in over theirs.
    await page.getByLabel('Title').fill('Corporate parenting: the year in review');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { visible: '#annual-done' });
    row = (await annualRow())!;
    expect({ version: row.version, title: row.title }).toEqual({ version: 4, title: 'Corporate parenting: the year in review' });

    // The PDF is the update as saved.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`annual-update-${PERIOD}.pdf`);
    const file = (await download.path()) as string;
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(file);
    for (const words of [
      'Corporate parenting: the year in review',
      'tutoring reached forty more young people',
      NEW_HEADING,
      'Open a second hub for care leavers',
    ])
      expect({ words, found: text.includes(words) }).toEqual({ words, found: true });

    // Drafting it again asks first, then replaces every edit.
    await page.getByRole('link', { name: 'Draft it again from the workspace' }).click();
    await afterAction(page, { path: `/annual-update/draft-again?period=${PERIOD}`, h1: 'Draft the annual update again?' });
    await page.getByRole('button', { name: 'Yes, draft it again' }).click();
    await afterAction(page, { path: `/annual-update?period=${PERIOD}`, visible: '#annual-form' });
    expect(await page.locator('main').textContent()).toContain(`The ${PERIOD} annual update was drafted again`);
    row = (await annualRow())!;
    expect({ version: row.version, title: row.title, sections: row.sections }).toEqual({
      version: 5,
      title: drafted.title,
      sections: drafted.sections,
    });
    expect(await page.getByLabel('Title').inputValue()).toBe(drafted.title);
    await finishJourney(page, 'annual-update-secretariat', { visible: '#annual-form' });
  });

  it('a board member gets "Page not found" on the annual update pages, and has no link to them', async () => {
    const page = await app.newPage();
    await signIn(page, BOARD, app.demo.password, 'Helen Ashworth');
    expect(await navItems(page)).not.toContain('Annual update');
    await visit(page, '/annual-update', { h1: 'Page not found' });
    await visit(page, `/annual-update/draft-again?period=${PERIOD}`, { h1: 'Page not found' });
    await finishJourney(page, 'annual-update-board-member-refused', { h1: 'Page not found' });
  });
});

describe('the public board packs page', () => {
  it('signed out, it lists the published pack with its download, which is the public edition; an unknown partnership is not found', async () => {
    // The demo's planned meeting, compiled by the worker and published by the secretariat through the api.
    const meeting = (
      await app.pg.query<{ id: string; title: string; starts_at: Date }>(
        `SELECT id, title, starts_at FROM meetings WHERE status = 'PLANNED' ORDER BY starts_at LIMIT 1`,
      )
    ).rows[0];
    const pack = (
      await api<{ compileBoardPack: { id: string } }>(`mutation($input: CompilePackInput!) { compileBoardPack(input: $input) { id } }`, {
        input: { meetingId: meeting.id },
      })
    ).compileBoardPack;
    const end = Date.now() + 90_000;
    let status = '';
    while (Date.now() < end) {
      status = (await app.pg.query<{ status: string }>('SELECT status FROM board_packs WHERE id = $1', [pack.id])).rows[0].status;
      if (status === 'DONE' || status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe('DONE');
    const findings = (
      await api<{ packFindings: Array<{ id: string }> }>(`query($id: ID!) { packFindings(packId: $id) { id } }`, { id: pack.id })
    ).packFindings;
    for (const f of findings)
      await api(`mutation($input: ClearPackFindingInput!) { clearPackFinding(input: $input) { id } }`, {
        input: { id: f.id, note: 'Checked: demo data.' },
      });
    await api(`mutation($input: PublishPackInput!) { publishBoardPack(input: $input) { id } }`, { input: { id: pack.id } });
    const row = (
      await app.pg.query<{ version: number; public_pages: number; public_sha256: string }>(
        'SELECT version, public_pages, public_sha256 FROM board_packs WHERE id = $1',
        [pack.id],
      )
    ).rows[0];

    const page = await app.newPage();
    await visit(page, `/board-packs/${SLUG}`, { h1: 'Board packs' });
    expect(await navItems(page)).toEqual([]);
    const items = page.locator('#packs > li');
    expect(await items.count()).toBe(1);
    const item = items.first();
    expect(await item.getAttribute('data-meeting-id')).toBe(meeting.id);
    expect(await item.locator('h2').textContent()).toBe(meeting.title);
    const text = ((await item.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toMatch(new RegExp(`Version ?${row.version}\\b`));
    expect(text).toContain(`${row.public_pages} pages`);
    expect(text).not.toContain('Supplement');
    // Nothing of any exempt item is named on the page.
    const exempt = (await app.pg.query<{ title: string }>('SELECT title FROM agenda_items WHERE meeting_id = $1 AND exempt', [meeting.id]))
      .rows;
    expect(exempt.length).toBeGreaterThan(0);
    const all = (await page.locator('main').textContent()) ?? '';
    for (const e of exempt) expect({ exempt: e.title, shown: all.includes(e.title) }).toEqual({ exempt: e.title, shown: false });

    const link = item.getByRole('link', { name: `Download the ${meeting.title} pack (PDF, ${row.public_pages} pages)` });
    expect(await link.getAttribute('href')).toBe(`/public/packs/${SLUG}/${meeting.id}.pdf`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const pdf = readFileSync((await download.path()) as string);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(row.public_sha256);

    await fitsWidth(page, 320);
    expect(await h1(page)).toBe('Board packs');
    await page.setViewportSize({ width: 1280, height: 900 });
    await visit(page, '/board-packs/no-such-partnership', { h1: 'Page not found' });
    await finishJourney(page, 'public-board-packs', { h1: 'Page not found' });
  }, 150_000);
});
