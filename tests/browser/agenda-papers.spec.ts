import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { afterAction, finishJourney, signIn, useBrowserStack, visit } from './harness';

/**
 * Journeys, issue 9: agenda papers come down.
 *
 * A meeting has two papers by the same author: one public, one exempt under paragraph 1 of
 * Schedule 12A. A board member sees "Download the paper" for both on the meeting's page and
 * each downloads exactly as uploaded, under its own name; a member of another agency sees it
 * for the public paper only, and the exempt paper's own page is "Page not found" to them. The
 * secretariat downloads from pack readiness. Someone signed out following a pack's link to a
 * paper signs in, comes back to the paper's page and downloads it.
 *
 * The meeting and papers are arranged through the api, as their author would add them.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BOARD = 'helen.ashworth@riverside.example';
const AUTHOR = 'kwame.mensah@riverside.example';
const OTHER = 'peter.walsh@riverside.example';

const PUBLIC = 'Dental access for children in care';
const EXEMPT = 'A young person’s placement: review';
const TXT_NAME = 'Dental access – notes (v2).txt';
const TXT = Buffer.from('Dental access for children in care\nWaiting times by practice\n', 'utf8');
const PDF_NAME = 'placement-review.pdf';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(400, 'x'), Buffer.from('\n%%EOF\n')]);

const made: { meetingId?: string; publicId?: string; exemptId?: string } = {};
function need<K extends keyof typeof made>(key: K): string {
  const v = made[key];
  if (v === undefined) throw new Error(`The set-up did not make ${key}`);
  return v;
}

async function api<T>(token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function tokenOf(email: string): Promise<string> {
  const d = await api<{ signIn: { accessToken: string } }>(
    undefined,
    'mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }',
    { input: { email, password: app.demo.password } },
  );
  return d.signIn.accessToken;
}

async function upload(token: string, bytes: Buffer, name: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), name);
  const res = await fetch(`${app.url}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id) throw new Error(`Upload of ${name} failed: ${res.status}`);
  return body.id;
}

/** Clicks a download link and answers the file's suggested name and bytes. */
async function downloadFrom(page: Page, name: RegExp | string): Promise<{ name: string; bytes: Buffer }> {
  const link = page.getByRole('link', { name });
  await link.waitFor({ timeout: 5_000 }).catch(async () => {
    const seen = await page.locator('a[download]').allTextContents();
    throw new Error(`No link named ${String(name)}; the download links read: ${JSON.stringify(seen)}`);
  });
  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path()) as string) };
}

/** The link's name as heard: the file, then the item it is for (in visually hidden text). */
const linkName = (number: string, title: string, file: string) => `Download the paper: ${file} for item ${number} ${title}`;

beforeAll(async () => {
  const [secretariat, author] = [await tokenOf(SECRETARIAT), await tokenOf(AUTHOR)];
  const authorId = (await app.pg.query('SELECT id FROM users WHERE email = $1', [AUTHOR])).rows[0].id as string;
  const startsAt = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  made.meetingId = (
    await api<{ createMeeting: { id: string } }>(
      secretariat,
      'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
      { input: { title: 'Papers board', startsAt: `${startsAt}T10:00:00Z`, reportDeadline: deadline } },
    )
  ).createMeeting.id;
  const add = async (input: Record<string, unknown>) =>
    (
      await api<{ addAgendaItem: { id: string } }>(
        secretariat,
        'mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }',
        { input: { meetingId: made.meetingId, kind: 'PAPER', authorUserId: authorId, ...input } },
      )
    ).addAgendaItem.id;
  made.publicId = await add({ title: PUBLIC });
  made.exemptId = await add({ title: EXEMPT, exempt: true, exemptParagraph: 1, exemptReason: 'About one young person.' });
  for (const [agendaItemId, bytes, name] of [
    [made.publicId, TXT, TXT_NAME],
    [made.exemptId, PDF, PDF_NAME],
  ] as const) {
    const fileId = await upload(author, bytes, name);
    await api(author, 'mutation($input: AttachAgendaPaperInput!) { attachAgendaPaper(input: $input) { id } }', {
      input: { agendaItemId, fileId },
    });
  }
});

describe('agenda papers', () => {
  it('a board member downloads both papers from the meeting’s page, exactly as uploaded', async () => {
    const page = await app.newPage();
    await signIn(page, BOARD, app.demo.password, 'Helen Ashworth');
    await visit(page, `/meetings/${need('meetingId')}`, { visible: '#agenda' });
    const pub = await downloadFrom(page, linkName('1', PUBLIC, TXT_NAME));
    expect({ name: pub.name, same: pub.bytes.equals(TXT) }).toEqual({ name: TXT_NAME, same: true });
    const exempt = await downloadFrom(page, linkName('2', EXEMPT, PDF_NAME));
    expect({ name: exempt.name, same: exempt.bytes.equals(PDF) }).toEqual({ name: PDF_NAME, same: true });
    await finishJourney(page, 'meeting-papers-board-member');
  });

  it('a member of another agency gets the public paper only; the exempt paper’s page is not found', async () => {
    const page = await app.newPage();
    await signIn(page, OTHER, app.demo.password);
    await visit(page, `/meetings/${need('meetingId')}`, { visible: '#agenda' });
    const links = page.locator('#agenda').getByRole('link', { name: /^Download the paper/ });
    expect(await links.count()).toBe(1);
    expect(
      await page
        .locator(`#item-${need('exemptId')}`)
        .getByRole('link', { name: /^Download/ })
        .count(),
    ).toBe(0);
    const pub = await downloadFrom(page, linkName('1', PUBLIC, TXT_NAME));
    expect(pub.bytes.equals(TXT)).toBe(true);
    await visit(page, `/meetings/${need('meetingId')}/papers/${need('exemptId')}`, { h1: 'Page not found' });
    await finishJourney(page, 'meeting-paper-exempt-refused', { h1: 'Page not found' });
  });

  it('the secretariat downloads a paper from pack readiness', async () => {
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await visit(page, `/meetings/${need('meetingId')}/readiness`, { h1: 'Pack readiness', visible: '#readiness' });
    const exempt = await downloadFrom(page, linkName('2', EXEMPT, PDF_NAME));
    expect({ name: exempt.name, same: exempt.bytes.equals(PDF) }).toEqual({ name: PDF_NAME, same: true });
    await finishJourney(page, 'pack-readiness-paper-download', { h1: 'Pack readiness' });
  });

  it('signed out, a pack’s link to a paper leads through sign-in to the paper’s page and its download', async () => {
    const page = await app.newPage();
    const path = `/meetings/${need('meetingId')}/papers/${need('publicId')}`;
    await visit(page, path, { h1: 'Sign in', path: `/sign-in?next=${encodeURIComponent(path)}` });
    await page.getByLabel('Email address').fill(BOARD);
    await page.getByLabel('Password', { exact: true }).fill(app.demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await afterAction(page, { path, h1: `Paper for item 1 ${PUBLIC}` });
    const pub = await downloadFrom(page, linkName('1', PUBLIC, TXT_NAME));
    expect({ name: pub.name, same: pub.bytes.equals(TXT) }).toEqual({ name: TXT_NAME, same: true });
    await finishJourney(page, 'paper-page-from-pack-link', { h1: `Paper for item 1 ${PUBLIC}` });
  });
});
