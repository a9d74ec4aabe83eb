import { type Page } from 'playwright-core';
import { afterAction, errorSummary, finishJourney, h1, signIn, useBrowserStack, visit } from './harness';

/**
 * Journeys, issue 9: meetings end to end.
 *
 * The secretariat schedules a meeting (its report deadline already passed) and builds its agenda:
 * a welcome, three sub-group reports, a paper as a sub-item (2.1) and an item exempt under
 * paragraph 1 of Schedule 12A, whose words show beside it. The form refuses a time that is not
 * HH:MM and an exempt item without its paragraph, against the fields. Moving items up and down
 * (by click and by keyboard) renumbers the agenda; an item is changed and another removed after
 * confirming. Pack readiness lists each report and paper with its author and status; reminding one
 * author and then everyone outstanding answers with how many were reminded, the paper's author
 * hears of it and adds the paper (late), and the demo's next meeting shows reports submitted,
 * returned and missing. After the meeting the secretariat records attendance (shown by agency on
 * the meeting's page) and minutes (a stale save is refused with what the other person wrote).
 * Board actions are added at meetings; one from the meeting before shows on the next meeting's
 * action log and on /board-actions as overdue until its owner closes it. A sub-group chair gets
 * "Page not found" on the secretariat's pages; every page reads at 320 pixels.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BOARD = 'helen.ashworth@riverside.example';
const CHAIR = 'sunita.rao@riverside.example';
const AUTHOR = 'kwame.mensah@riverside.example';
const OWNER = 'sam.okoro@riverside.example';

const PAPER = 'Key Stage 4 results by school';
const EXEMPT = 'A young person’s placement: review';
const ACTION = 'Write to the three authorities that have not signed the PEP protocol';
const FIGURES = 'Send the Key Stage 4 figures by school to every board member';
const MEETING = 'Extraordinary board meeting: education';

/** What the tests share as the journey goes on. */
const made: { meetingId?: string; meetingTitle?: string; items?: Record<string, string>; actionId?: string } = {};

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

async function userId(email: string): Promise<string> {
  return (await one<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).id;
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The agenda as shown: each item's number and title, in page order. */
async function agenda(page: Page): Promise<string[]> {
  return page.locator('#agenda .app-agenda__item').evaluateAll((lis) =>
    lis.map((li) => {
      const el = li as unknown as { querySelector(s: string): { textContent: string | null } | null };
      return (el.querySelector('h2, h3')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    }),
  );
}

/** Pack readiness as shown: each row's number, title (with its kind), author and status. */
async function readiness(page: Page): Promise<string[][]> {
  return page.locator('#readiness tbody tr').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = (tr as unknown as { querySelectorAll(s: string): ArrayLike<{ innerText: string }> }).querySelectorAll('th, td');
      return Array.from(cells)
        .slice(0, 4)
        .map((c) => c.innerText.replace(/\s+/g, ' ').trim());
    }),
  );
}

/** An agenda item's block on the page, by its title. */
function itemBlock(page: Page, title: string) {
  return page.locator('#agenda .app-agenda__item', { has: page.locator('h2, h3', { hasText: title }) }).last();
}

/** A day `n` days from today in Europe/London, as YYYY-MM-DD. */
function londonDay(n: number): string {
  const d = new Date(Date.now() + n * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A small, well-formed one-page PDF. */
function makePdf(words: string): Buffer {
  const content = `BT /F1 18 Tf 72 770 Td (${words.replace(/[()\\]/g, '')}) Tj ET\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Reads `read` until it gives `want` (or 10 seconds pass), and returns the last answer. */
async function eventually<T>(read: () => Promise<T>, want: T): Promise<T> {
  const deadline = Date.now() + 10_000;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(want) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 640 });
  await afterAction(page);
  const fits = await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');
  expect({ path: new URL(page.url()).pathname, width, fits }).toEqual({ path: new URL(page.url()).pathname, width, fits: true });
}

/** Adds an agenda item through the form, from the agenda page. */
async function addItem(
  page: Page,
  item: {
    title: string;
    kind: string;
    subGroup?: string;
    author?: string;
    under?: string;
    presenter?: string;
    time?: string;
    minutes?: string;
  },
): Promise<void> {
  const meetingId = need('meetingId');
  if (item.under) {
    await itemBlock(page, item.under)
      .getByRole('link', { name: /^Add a sub-item/ })
      .click();
  } else {
    await page.getByRole('button', { name: 'Add an item' }).click();
  }
  await afterAction(page, { path: /^\/meetings\/[^/]+\/agenda\/new/, h1: 'Add an agenda item' });
  await page.getByLabel('Title', { exact: true }).fill(item.title);
  await page.getByLabel(item.kind, { exact: true }).check();
  if (item.subGroup) await page.getByLabel('Sub-group', { exact: true }).selectOption({ label: item.subGroup });
  if (item.author) await page.getByLabel('Who writes the paper? (optional)').selectOption({ label: item.author });
  if (item.presenter) await page.getByLabel('Presented by (optional)').fill(item.presenter);
  if (item.time) await page.getByLabel('Start time (optional)').fill(item.time);
  if (item.minutes) await page.getByLabel('How long does it take? (optional)').fill(item.minutes);
  await page.getByRole('button', { name: 'Add item' }).click();
  await afterAction(page, { path: `/meetings/${meetingId}/agenda`, h1: 'Agenda', visible: '.govuk-notification-banner' });
  expect(await text(page, '.govuk-notification-banner')).toContain('Item added');
}

describe('meetings end to end', () => {
  it('the secretariat schedules a meeting, builds its agenda, is told what is wrong against the fields, and reorders it', async () => {
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');

    // A meeting of its own, whose report deadline has passed (so anything sent now is late).
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Meetings', exact: true }).click();
    await afterAction(page, { path: '/meetings', h1: 'Board meetings' });
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    await afterAction(page, { path: '/meetings/new', h1: 'Schedule a meeting' });
    const day = londonDay(35);
    const deadline = londonDay(-1);
    await page.getByLabel('Title').fill(MEETING);
    await page.locator('#date-day').fill(String(Number(day.slice(8))));
    await page.locator('#date-month').fill(String(Number(day.slice(5, 7))));
    await page.locator('#date-year').fill(day.slice(0, 4));
    await page.getByLabel('Start time').fill('14:00');
    await page.locator('#reportDeadline-day').fill(String(Number(deadline.slice(8))));
    await page.locator('#reportDeadline-month').fill(String(Number(deadline.slice(5, 7))));
    await page.locator('#reportDeadline-year').fill(deadline.slice(0, 4));
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    await afterAction(page, { path: /^\/meetings\/[0-9a-f-]{36}$/, visible: '#agenda-heading' });
    const meeting = await one<{ id: string; title: string }>('SELECT id, title FROM meetings WHERE title = $1', [MEETING]);
    made.meetingId = meeting.id;
    made.meetingTitle = meeting.title;
    expect(await text(page, '#agenda')).toBe('The agenda has not been set yet.');
    await page.getByRole('button', { name: 'Build the agenda' }).click();
    await afterAction(page, { path: `/meetings/${meeting.id}/agenda`, h1: 'Agenda' });
    expect(await text(page, '#agenda')).toBe('The agenda has no items yet.');

    // Nothing filled in: told in the page, in the form's order.
    await page.getByRole('button', { name: 'Add an item' }).click();
    await afterAction(page, { h1: 'Add an agenda item' });
    await page.getByRole('button', { name: 'Add item' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    let summary = await errorSummary(page);
    expect(summary.focused).toBe(true);
    expect(summary.items).toEqual([
      { text: 'Enter a title for the item', href: '#title' },
      { text: 'Choose what kind of item this is', href: '#kind' },
    ]);
    expect(await page.title()).toMatch(/^Error: Add an agenda item/);
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await afterAction(page, { path: `/meetings/${meeting.id}/agenda`, h1: 'Agenda' });

    await addItem(page, { title: 'Welcome and apologies', kind: 'Other business', time: '10:00', minutes: '5' });
    await addItem(page, {
      title: 'Education highlight report',
      kind: 'Sub-group highlight report',
      subGroup: 'Education',
      presenter: 'Sunita Rao, chair of Education',
      time: '10:05',
      minutes: '20',
    });
    await addItem(page, { title: 'Placements highlight report', kind: 'Sub-group highlight report', subGroup: 'Placements' });
    await addItem(page, { title: 'Health highlight report', kind: 'Sub-group highlight report', subGroup: 'Health' });
    await addItem(page, { title: PAPER, kind: 'Paper', author: 'Kwame Mensah (Riverside College)', under: 'Education highlight report' });
    expect(await agenda(page)).toEqual([
      '1 Welcome and apologies',
      '2 Education highlight report',
      `2.1 ${PAPER}`,
      '3 Placements highlight report',
      '4 Health highlight report',
    ]);
    const education = itemBlock(page, 'Education highlight report');
    expect((await education.locator('p').first().innerText()).trim()).toBe(
      'Sub-group highlight report: Education. Presented by Sunita Rao, chair of Education. 10:05, 20 minutes',
    );

    // An exempt item: a time that is not HH:MM is refused by the api against its field…
    await page.getByRole('button', { name: 'Add an item' }).click();
    await afterAction(page, { h1: 'Add an agenda item' });
    await page.getByLabel('Title', { exact: true }).fill(EXEMPT);
    await page.getByLabel('Paper', { exact: true }).check();
    await page.getByLabel('Start time (optional)').fill('11:75');
    await page.getByLabel('Yes, it is exempt').check();
    // Each paragraph of Schedule 12A with its words.
    expect(await text(page, '#exemptParagraph-item-hint')).toBe('Information relating to any individual.');
    expect(await page.locator('input[name="exemptParagraph"]').count()).toBe(7);
    await page.getByRole('button', { name: 'Add item' }).click();
    await afterAction(page, { visible: '#startsAt-error' });
    summary = await errorSummary(page);
    expect(summary.items).toEqual([{ text: 'Give the time as HH:MM, for example 10:15.', href: '#startsAt' }]);
    expect(await text(page, '#startsAt-error')).toBe('Error: Give the time as HH:MM, for example 10:15.');

    // … and so is an exempt item without its paragraph.
    await page.getByLabel('Start time (optional)').fill('11:40');
    await page.getByRole('button', { name: 'Add item' }).click();
    await afterAction(page, { visible: '#exemptParagraph-error' });
    summary = await errorSummary(page);
    expect(summary.focused).toBe(true);
    expect(summary.items).toEqual([{ text: 'Give the paragraph of Schedule 12A that makes this item exempt.', href: '#exemptParagraph' }]);
    expect(await page.locator('#startsAt-error').count()).toBe(0);
    const items = await app.pg.query('SELECT id FROM agenda_items WHERE meeting_id = $1', [meeting.id]);
    expect(items.rows).toHaveLength(5);

    await page.getByLabel('Paragraph 1', { exact: true }).check();
    await page.getByLabel('Why does it apply here? (optional)').fill('The paper is about one young person.');
    await page.getByRole('button', { name: 'Add item' }).click();
    await afterAction(page, { path: `/meetings/${meeting.id}/agenda`, h1: 'Agenda', visible: '.govuk-notification-banner' });
    const exempt = itemBlock(page, EXEMPT);
    expect(await exempt.getAttribute('data-item')).toBe('5');
    expect(await text(page, `#agenda [data-item="5"] .govuk-tag`)).toBe('Exempt (paragraph 1)');
    expect((await exempt.innerText()).replace(/\s+/g, ' ')).toContain('Schedule 12A, paragraph 1: Information relating to any individual.');
    const stored = await one<{ exempt: boolean; exempt_paragraph: number; starts_at: string }>(
      'SELECT exempt, exempt_paragraph, starts_at FROM agenda_items WHERE title = $1',
      [EXEMPT],
    );
    expect(stored).toEqual({ exempt: true, exempt_paragraph: 1, starts_at: '11:40' });

    // The first item has no "Move up", the last of its level no "Move down".
    expect(
      await itemBlock(page, 'Welcome and apologies')
        .getByRole('button', { name: /^Move up/ })
        .count(),
    ).toBe(0);
    expect(
      await itemBlock(page, EXEMPT)
        .getByRole('button', { name: /^Move down/ })
        .count(),
    ).toBe(0);
    expect(
      await itemBlock(page, PAPER)
        .getByRole('button', { name: /^Move (up|down)/ })
        .count(),
    ).toBe(0);

    // Health moves up above Placements: the numbers follow, and focus stays on the button.
    await page.getByRole('button', { name: 'Move up item 4 Health highlight report' }).click();
    await afterAction(page, { h1: 'Agenda' });
    expect(
      await eventually(
        () => agenda(page),
        [
          '1 Welcome and apologies',
          '2 Education highlight report',
          `2.1 ${PAPER}`,
          '3 Health highlight report',
          '4 Placements highlight report',
          `5 ${EXEMPT}`,
        ],
      ),
    ).toEqual([
      '1 Welcome and apologies',
      '2 Education highlight report',
      `2.1 ${PAPER}`,
      '3 Health highlight report',
      '4 Placements highlight report',
      `5 ${EXEMPT}`,
    ]);
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
      'Move up item 3 Health highlight report',
    );
    expect(await text(page, '#agenda-status')).toBe('Health highlight report moved up. It is now item 3.');
    // With the keyboard: Enter on the exempt item's "Move up", then back down with a click.
    await itemBlock(page, EXEMPT)
      .getByRole('button', { name: /^Move up/ })
      .focus();
    await page.keyboard.press('Enter');
    await afterAction(page, { h1: 'Agenda' });
    expect(await eventually(() => agenda(page).then((a) => a[4]), `4 ${EXEMPT}`)).toBe(`4 ${EXEMPT}`);
    await page.getByRole('button', { name: `Move down item 4 ${EXEMPT}` }).click();
    await afterAction(page, { h1: 'Agenda' });
    expect(await eventually(() => agenda(page).then((a) => a[5]), `5 ${EXEMPT}`)).toBe(`5 ${EXEMPT}`);

    // Change an item: its form shows it as saved; a time like 9:30 is taken as 09:30.
    await itemBlock(page, 'Placements highlight report')
      .getByRole('link', { name: /^Change/ })
      .click();
    await afterAction(page, { h1: 'Change agenda item' });
    expect(await page.getByLabel('Sub-group', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Start time (optional)').fill('9:30');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { path: `/meetings/${meeting.id}/agenda`, visible: '.govuk-notification-banner' });
    expect((await itemBlock(page, 'Placements highlight report').innerText()).replace(/\s+/g, ' ')).toContain('09:30');

    // Remove an item, after confirming.
    await addItem(page, { title: 'Any other business', kind: 'Other business' });
    await itemBlock(page, 'Any other business')
      .getByRole('link', { name: /^Remove/ })
      .click();
    await afterAction(page, { h1: 'Remove item 6 Any other business?' });
    await page.getByRole('button', { name: 'Remove item' }).click();
    await afterAction(page, { path: `/meetings/${meeting.id}/agenda`, visible: '.govuk-notification-banner' });
    expect(await text(page, '.govuk-notification-banner')).toContain('Item removed');
    expect((await agenda(page)).length).toBe(6);

    const ids = await app.pg.query<{ id: string; title: string }>('SELECT id, title FROM agenda_items WHERE meeting_id = $1', [meeting.id]);
    made.items = Object.fromEntries(ids.rows.map((r) => [r.title, r.id]));
    await finishJourney(page, 'meeting-agenda-built', { h1: 'Agenda' });

    // Everyone else reads the numbered agenda on the meeting's page.
    const member = await app.newPage();
    await signIn(member, BOARD, app.demo.password, 'Helen Ashworth');
    await visit(member, `/meetings/${meeting.id}`, { visible: '#agenda' });
    expect(await agenda(member)).toEqual([
      '1 Welcome and apologies',
      '2 Education highlight report',
      `2.1 ${PAPER}`,
      '3 Health highlight report',
      '4 Placements highlight report',
      `5 ${EXEMPT}`,
    ]);
    expect(await member.getByRole('link', { name: /Change the agenda|Build the agenda/ }).count()).toBe(0);
    expect(await member.locator('#agenda').getByRole('button').count()).toBe(0);
    await finishJourney(member, 'meeting-agenda-read', { path: `/meetings/${meeting.id}` });
  });

  it('pack readiness shows each contribution; reminders answer with how many; the author adds the paper', async () => {
    const meetingId = need('meetingId');
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await visit(page, `/meetings/${meetingId}`, { visible: '#agenda' });
    await page.getByRole('link', { name: 'Pack readiness' }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/readiness`, h1: 'Pack readiness', visible: '#readiness' });

    expect(await readiness(page)).toEqual([
      ['2', 'Education highlight report Sub-group report', 'Sunita Rao', 'Missing'],
      ['2.1', `${PAPER} Paper`, 'Kwame Mensah', 'Missing'],
      ['3', 'Health highlight report Sub-group report', 'Rachel Turner', 'Missing'],
      ['4', 'Placements highlight report Sub-group report', 'Graham Ellis', 'Missing'],
      ['5', `${EXEMPT} Paper`, 'No one named', 'Missing'],
    ]);
    expect(await text(page, '#readiness-summary')).toBe('5 missing.');
    // A paper no one is named for has no "Remind".
    expect(await page.locator('#readiness tr[data-item="5"]').getByRole('button').count()).toBe(0);

    // One author, from their row.
    await page.getByRole('button', { name: 'Remind Kwame Mensah about item 2.1' }).click();
    await afterAction(page, { visible: '#reminded' });
    expect(await text(page, '#reminded')).toContain('Reminders sent for 1 report or paper');
    expect(await text(page, '#reminded')).toContain('Kwame Mensah was reminded about item 2.1');
    const kwame = await userId(AUTHOR);
    const heard = async () =>
      (
        await app.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND title LIKE $2`, [
          kwame,
          `The board secretariat is waiting for your paper: ${PAPER}`,
        ])
      ).rows[0].n;
    expect(await eventually(heard, 1)).toBe(1);

    // Everyone outstanding who has an author: three sub-groups' chairs and Kwame.
    await page.getByRole('button', { name: /^Send reminders/ }).click();
    await afterAction(page, { visible: '#reminded' });
    expect(await text(page, '#reminded')).toContain('Reminders sent for 4 reports and papers');
    await finishJourney(page, 'meeting-pack-readiness', { h1: 'Pack readiness' });

    // The paper's author sees the reminder's link, and adds the paper from the meeting's page.
    const author = await app.newPage();
    await signIn(author, AUTHOR, app.demo.password, 'Kwame Mensah');
    await visit(author, `/meetings/${meetingId}`, { visible: '#agenda' });
    // Only for their own paper.
    expect(
      await author
        .locator('#agenda')
        .getByRole('link', { name: /^Add the paper/ })
        .count(),
    ).toBe(1);
    await author.getByRole('link', { name: `Add the paper for item 2.1 ${PAPER}` }).click();
    await afterAction(author, { path: `/meetings/${meetingId}/agenda/${need('items')[PAPER]}/paper`, h1: 'Add the paper' });
    await author.getByRole('button', { name: 'Add the paper' }).click();
    await afterAction(author, { visible: '#fileId-error' });
    expect((await errorSummary(author)).items).toEqual([{ text: 'Choose the file of the paper', href: '#fileId' }]);
    await author.locator('#fileId').setInputFiles({ name: 'ks4-by-school.pdf', mimeType: 'application/pdf', buffer: makePdf('KS4') });
    await author.locator('#fileId-list').waitFor();
    await author.getByRole('button', { name: 'Add the paper' }).click();
    await afterAction(author, { path: `/meetings/${meetingId}`, visible: '.govuk-notification-banner' });
    expect(await text(author, '.govuk-notification-banner')).toContain('Paper added');
    expect(await text(author, `#item-${need('items')[PAPER]}`)).toContain('Paper added');
    // Not the exempt paper, which is not theirs.
    await visit(author, `/meetings/${meetingId}/agenda/${need('items')[EXEMPT]}/paper`, { h1: 'Page not found' });
    await finishJourney(author, 'meeting-paper-added', { h1: 'Page not found' });

    // In after the report deadline: late.
    await visit(page, `/meetings/${meetingId}/readiness`, { h1: 'Pack readiness', visible: '#readiness' });
    expect((await readiness(page))[1]).toEqual(['2.1', `${PAPER} Paper`, 'Kwame Mensah', 'Late']);
    expect(await page.locator('#readiness tr[data-item="2.1"] td').nth(3).innerText()).toMatch(/^\d{1,2} \w+ \d{4} at /);
    expect(await page.locator('#readiness tr[data-item="2.1"]').getByRole('button').count()).toBe(0);

    // The demo's next meeting, whose sub-groups' reports are at every stage: one submitted, one returned, the rest not in.
    const planned = await one<{ id: string }>(
      `SELECT id FROM meetings WHERE status = 'PLANNED' AND title <> $1 ORDER BY starts_at LIMIT 1`,
      [MEETING],
    );
    await visit(page, `/meetings/${planned.id}/readiness`, { h1: 'Pack readiness', visible: '#readiness' });
    const demo = Object.fromEntries((await readiness(page)).map(([, title, author, status]) => [title, [author, status]]));
    expect(demo).toMatchObject({
      'Education Sub-group report': ['Sunita Rao', 'Missing'],
      'Health Sub-group report': ['Rachel Turner', 'Submitted'],
      'Placements Sub-group report': ['Graham Ellis', 'Returned'],
      'Housing and support for care leavers Sub-group report': ['Bethan Lloyd', 'Missing'],
    });
    const health = page.locator('#readiness tbody tr', { has: page.locator('th', { hasText: /^Health/ }) });
    expect(await health.locator('td').nth(3).innerText()).toMatch(/^\d{1,2} \w+ \d{4} at /);
    expect(await health.getByRole('button').count()).toBe(0);
    expect(await health.getByRole('link', { name: /^View report/ }).count()).toBe(1);
    await finishJourney(page, 'meeting-pack-readiness-demo', { h1: 'Pack readiness' });
  });

  it('after the meeting: attendance by agency, and minutes (a stale save is refused with what was saved)', async () => {
    const meetingId = need('meetingId');
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await visit(page, `/meetings/${meetingId}`, { visible: '#agenda' });
    await page.getByRole('link', { name: 'Record attendance and minutes' }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/record`, h1: 'Attendance and minutes' });

    // Everyone active, by agency; no one chosen yet.
    expect(await page.locator('table.app-attendance caption').first().innerText()).toBe('Riverside Borough Council');
    expect(await page.locator('.app-attendance input[type="radio"]:checked').count()).toBe(0);
    const choose = async (name: string, status: string) => page.getByRole('radio', { name: `${name}: ${status}`, exact: true }).check();
    await choose('Amira Okafor', 'Present');
    await choose('Helen Ashworth', 'Present');
    await choose('Sunita Rao', 'Apologies');
    await choose('Kwame Mensah', 'Absent');
    await choose('Bethan Lloyd', 'Present');
    await choose('Sam Okoro', 'Present');
    // A choice can be taken back.
    await page.getByRole('button', { name: 'Clear the choice for Sam Okoro' }).click();
    expect(await page.getByRole('radio', { name: 'Sam Okoro: Present', exact: true }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await afterAction(page, { visible: '#record-done' });
    expect(await text(page, '#record-done')).toContain('Attendance saved 3 present, 1 apologies, 1 absent.');
    const stored = await app.pg.query<{ name: string; status: string }>(
      `SELECT u.name, a.status FROM meeting_attendance a JOIN users u ON u.id = a.user_id WHERE a.meeting_id = $1 ORDER BY u.name`,
      [meetingId],
    );
    expect(stored.rows).toEqual([
      { name: 'Amira Okafor', status: 'PRESENT' },
      { name: 'Bethan Lloyd', status: 'PRESENT' },
      { name: 'Helen Ashworth', status: 'PRESENT' },
      { name: 'Kwame Mensah', status: 'ABSENT' },
      { name: 'Sunita Rao', status: 'APOLOGIES' },
    ]);

    // Minutes of item 2, with its decisions a line each.
    const education = need('items')['Education highlight report'];
    await page
      .getByLabel('Minutes of item 2', { exact: true })
      .fill('Sunita Rao presented the report.\n\nThe board welcomed the PEP results.');
    await page.getByLabel('Decisions under item 2', { exact: true }).fill('Report noted.\nThe chair to write to the three authorities.');
    await page.getByRole('button', { name: 'Save minutes of item 2 Education highlight report' }).click();
    await afterAction(page, { visible: `#minutes-saved-${education} .govuk-tag` });
    expect(await text(page, `#minutes-saved-${education}`)).toBe('Saved Minutes of item 2 Education highlight report saved.');

    // Someone else saves item 1's minutes meanwhile: this page's save is refused, what they wrote is shown, and what was typed is kept.
    const welcome = need('items')['Welcome and apologies'];
    await app.pg.query(`UPDATE agenda_items SET minutes = 'The chair welcomed everyone.', version = version + 1 WHERE id = $1`, [welcome]);
    await page.getByLabel('Minutes of item 1', { exact: true }).fill('Apologies were received from Sunita Rao.');
    await page.getByRole('button', { name: 'Save minutes of item 1 Welcome and apologies' }).click();
    await afterAction(page, { visible: `#theirs-${welcome}` });
    const summary = await errorSummary(page);
    expect(summary.items).toEqual([
      {
        text: 'Someone else saved the minutes of item 1 Welcome and apologies since you opened this page, so yours have not been saved. Theirs are shown under the item: check yours against them, then save again.',
        href: `#minutes-${welcome}`,
      },
    ]);
    expect(await text(page, `#theirs-${welcome}`)).toContain('The chair welcomed everyone.');
    expect(await page.getByLabel('Minutes of item 1', { exact: true }).inputValue()).toBe('Apologies were received from Sunita Rao.');
    await page
      .getByLabel('Minutes of item 1', { exact: true })
      .fill('The chair welcomed everyone. Apologies were received from Sunita Rao.');
    await page.getByRole('button', { name: 'Save minutes of item 1 Welcome and apologies' }).click();
    await afterAction(page, { visible: `#minutes-saved-${welcome} .govuk-tag` });
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    await finishJourney(page, 'meeting-recorded', { h1: 'Attendance and minutes' });

    // Everyone reads them on the meeting's page: attendance by agency, then the minutes.
    const member = await app.newPage();
    await signIn(member, BOARD, app.demo.password, 'Helen Ashworth');
    await visit(member, `/meetings/${meetingId}`, { visible: '#attendance' });
    expect(await text(member, '#attendance-counts')).toBe('3 present, 1 apologies, 1 absent.');
    const byAgency = await member
      .locator('#attendance .govuk-summary-list__row')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()));
    expect(byAgency).toEqual([
      'Riverside Borough Council Amira Okafor: Present Helen Ashworth: Present',
      'Riverside College Kwame Mensah: Absent',
      'Riverside Housing Options Bethan Lloyd: Present',
      'Riverside Virtual School Sunita Rao: Apologies',
    ]);
    const minutes = await text(member, '#minutes');
    expect(minutes).toContain('1 Welcome and apologies The chair welcomed everyone. Apologies were received from Sunita Rao.');
    expect(minutes).toContain(
      '2 Education highlight report Sunita Rao presented the report. The board welcomed the PEP results. Decisions Report noted. The chair to write to the three authorities.',
    );
    expect(await member.locator('#minutes [data-item="2"] ul li').count()).toBe(2);
    await finishJourney(member, 'meeting-minutes-read', { path: `/meetings/${meetingId}` });
  });

  it('board actions are added at meetings, show on the next meeting’s action log as overdue, and the owner closes one', async () => {
    const meetingId = need('meetingId');
    const held = await one<{ id: string }>(`SELECT id FROM meetings WHERE status = 'HELD' ORDER BY starts_at DESC LIMIT 1`);
    // The demo's next meeting, whose meeting before is the held one.
    const next = await one<{ id: string }>(`SELECT id FROM meetings WHERE status = 'PLANNED' AND title <> $1 ORDER BY starts_at LIMIT 1`, [
      MEETING,
    ]);
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');

    // At this meeting, under an item of its agenda: nothing filled in is refused in the page first.
    await visit(page, `/meetings/${meetingId}`, { visible: '#actions-arising' });
    expect(await text(page, '#actions-arising-table')).toBe('The board has not asked for any actions at this meeting.');
    await page.getByRole('button', { name: 'Add an action' }).click();
    await afterAction(page, { path: `/meetings/${meetingId}/actions/new`, h1: 'Add an action' });
    await page.getByRole('button', { name: 'Add action' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items).toEqual([
      { text: 'Enter what the action is', href: '#title' },
      { text: 'Choose who owns the action', href: '#ownerUserId' },
      { text: 'Enter the date the action is due', href: '#dueDate-day' },
    ]);
    const later = londonDay(14);
    await page.getByLabel('What did the board ask for?').fill(FIGURES);
    await page.getByLabel('Agenda item (optional)').selectOption({ label: '2 Education highlight report' });
    await page.getByLabel('Owner').selectOption(await userId(AUTHOR));
    await page.getByLabel('Day').fill(String(Number(later.slice(8))));
    await page.getByLabel('Month').fill(String(Number(later.slice(5, 7))));
    await page.getByLabel('Year').fill(later.slice(0, 4));
    await page.getByRole('button', { name: 'Add action' }).click();
    await afterAction(page, { path: `/meetings/${meetingId}`, visible: '#actions-arising-table tbody' });
    expect(await text(page, '.govuk-notification-banner')).toContain('Action added');
    const arising = page.locator('#actions-arising-table tbody tr', { hasText: FIGURES });
    expect(await arising.innerText()).toContain('Kwame Mensah');
    expect(await arising.locator('.govuk-tag').allInnerTexts()).toEqual(['Open']);
    const figures = await one<{ due: string; agenda_item_id: string }>(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due, agenda_item_id FROM board_actions WHERE title = $1`,
      [FIGURES],
    );
    expect(figures).toEqual({ due: later, agenda_item_id: need('items')['Education highlight report'] });

    // At the meeting before, due three days ago.
    await visit(page, `/meetings/${held.id}`, { visible: '#actions-arising' });
    await page.getByRole('button', { name: 'Add an action' }).click();
    await afterAction(page, { path: `/meetings/${held.id}/actions/new`, h1: 'Add an action' });
    const due = londonDay(-3);
    await page.getByLabel('What did the board ask for?').fill(ACTION);
    await page.getByLabel('Owner').selectOption(await userId(OWNER));
    await page.getByLabel('Day').fill(String(Number(due.slice(8))));
    await page.getByLabel('Month').fill(String(Number(due.slice(5, 7))));
    await page.getByLabel('Year').fill(due.slice(0, 4));
    await page.getByRole('button', { name: 'Add action' }).click();
    await afterAction(page, { path: `/meetings/${held.id}`, visible: '#actions-arising-table tbody' });
    const action = await one<{ id: string; status: string; due: string }>(
      `SELECT id, status, to_char(due_date, 'YYYY-MM-DD') AS due FROM board_actions WHERE title = $1`,
      [ACTION],
    );
    expect(action).toEqual({ id: action.id, status: 'OPEN', due });
    made.actionId = action.id;

    // The next meeting's action log carries it, overdue.
    await visit(page, `/meetings/${next.id}`, { visible: '#action-log-table tbody' });
    const logged = page.locator('#action-log-table tbody tr', { hasText: ACTION });
    expect(await logged.innerText()).toContain('Sam Okoro');
    expect(await logged.locator('.govuk-tag').allInnerTexts()).toEqual(['Overdue', 'Open']);
    expect(await page.locator('#action-log-table tbody tr', { hasText: FIGURES }).count()).toBe(0);

    // The board's action log, from the meetings page; filtered by status.
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Meetings', exact: true }).click();
    await afterAction(page, { path: '/meetings', h1: 'Board meetings' });
    await page.getByRole('link', { name: 'See the board’s actions' }).click();
    await afterAction(page, { path: '/board-actions', h1: 'Board actions', visible: '#board-actions' });
    expect(await page.locator('nav[aria-label="Menu"] a[aria-current="page"]').allInnerTexts()).toEqual(['Meetings']);
    // By due date: the overdue one before the one due in a fortnight.
    const titles = await page.locator('#board-actions tbody th').allInnerTexts();
    expect(titles.indexOf(ACTION)).toBeGreaterThanOrEqual(0);
    expect(titles.indexOf(ACTION)).toBeLessThan(titles.indexOf(FIGURES));
    const listed = page.locator('#board-actions tbody tr', { hasText: ACTION });
    expect(await listed.locator('.govuk-tag').allInnerTexts()).toEqual(['Overdue', 'Open']);
    await page.getByLabel('Status').selectOption('COMPLETE');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await afterAction(page, { path: '/board-actions?status=COMPLETE', visible: '#board-actions' });
    expect(await page.locator('#board-actions tbody tr', { hasText: ACTION }).count()).toBe(0);
    expect(new Set(await page.locator('#board-actions tbody .govuk-tag').allInnerTexts())).toEqual(new Set(['Complete']));
    await finishJourney(page, 'board-actions-secretariat', { h1: 'Board actions' });

    // Someone who neither owns it nor keeps the log reads it, without a form.
    const other = await app.newPage();
    await signIn(other, AUTHOR, app.demo.password, 'Kwame Mensah');
    await visit(other, `/board-actions/${action.id}`, { h1: ACTION });
    expect(await other.locator('#action-form').count()).toBe(0);

    // The owner closes it: only its status and a note are theirs to change.
    const owner = await app.newPage();
    await signIn(owner, OWNER, app.demo.password, 'Sam Okoro');
    await owner
      .locator('#what-you-can-do')
      .getByRole('link', { name: /^Board actions/ })
      .click();
    await afterAction(owner, { path: '/board-actions', h1: 'Board actions', visible: '#board-actions' });
    await owner.locator('#board-actions').getByRole('link', { name: ACTION }).click();
    await afterAction(owner, { path: `/board-actions/${action.id}`, h1: ACTION, visible: '#action-form' });
    expect(await text(owner, '#action-details')).toContain('Overdue');
    expect(await owner.locator('#action-form #title, #action-form #ownerUserId, #action-form #dueDate-day').count()).toBe(0);
    await owner.getByLabel('Complete', { exact: true }).check();
    await owner.getByLabel('Where it stands (optional)').fill('Letters sent to all three authorities.');
    await owner.getByRole('button', { name: 'Save' }).click();
    await afterAction(owner, { visible: '#action-saved' });
    expect(await text(owner, '#action-saved')).toContain('Action saved');
    expect(await text(owner, '#action-details')).toContain('Complete');
    expect(await text(owner, '#action-details')).not.toContain('Overdue');
    expect(await text(owner, '#action-details')).toContain('Letters sent to all three authorities.');
    const closed = await one<{ status: string; closed: boolean; note: string }>(
      'SELECT status, closed_at IS NOT NULL AS closed, note FROM board_actions WHERE id = $1',
      [action.id],
    );
    expect(closed).toEqual({ status: 'COMPLETE', closed: true, note: 'Letters sent to all three authorities.' });
    await visit(owner, '/board-actions?status=COMPLETE', { h1: 'Board actions', visible: '#board-actions tbody' });
    expect(await owner.locator('#board-actions tbody tr', { hasText: ACTION }).locator('.govuk-tag').allInnerTexts()).toEqual(['Complete']);
    // Closed since the meeting before, it stays on the next meeting's log, as complete.
    await visit(owner, `/meetings/${next.id}`, { visible: '#action-log-table tbody' });
    expect(await owner.locator('#action-log-table tbody tr', { hasText: ACTION }).locator('.govuk-tag').allInnerTexts()).toEqual([
      'Complete',
    ]);
    await finishJourney(owner, 'board-action-closed-by-owner', { path: `/meetings/${next.id}` });

    // The secretariat's save after someone else's is refused, and the page shows the action as it is now.
    await visit(page, `/board-actions/${action.id}`, { h1: ACTION, visible: '#action-form' });
    await app.pg.query(`UPDATE board_actions SET note = 'Changed meanwhile.', version = version + 1 WHERE id = $1`, [action.id]);
    await page.getByLabel('Where it stands (optional)').fill('Checked by the secretariat.');
    await page.getByRole('button', { name: 'Save' }).click();
    await afterAction(page, { visible: '#conflict' });
    expect((await errorSummary(page)).items[0].text).toMatch(/^Someone else changed this action/);
    expect(await page.getByLabel('Where it stands (optional)').inputValue()).toBe('Changed meanwhile.');
    await finishJourney(page, 'board-action-conflict', { h1: ACTION });
  });

  it('a sub-group chair gets "Page not found" on the secretariat’s meeting pages', async () => {
    const meetingId = need('meetingId');
    const items = need('items');
    const page = await app.newPage();
    await signIn(page, CHAIR, app.demo.password, 'Sunita Rao');
    await visit(page, `/meetings/${meetingId}`, { visible: '#agenda' });
    expect(await page.locator('#secretariat-meeting-links').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add an action' }).count()).toBe(0);
    for (const path of [
      `/meetings/${meetingId}/agenda`,
      `/meetings/${meetingId}/agenda/new`,
      `/meetings/${meetingId}/agenda/${items['Education highlight report']}`,
      `/meetings/${meetingId}/agenda/${items['Education highlight report']}/remove`,
      `/meetings/${meetingId}/agenda/${items[PAPER]}/paper`,
      `/meetings/${meetingId}/readiness`,
      `/meetings/${meetingId}/record`,
      `/meetings/${meetingId}/actions/new`,
    ]) {
      await visit(page, path, { path, h1: 'Page not found' });
    }
    // The action log is everyone's.
    await visit(page, '/board-actions', { h1: 'Board actions' });
    await visit(page, `/board-actions/${need('actionId')}`, { h1: ACTION });
    expect(await page.locator('#action-form').count()).toBe(0);
    await finishJourney(page, 'meeting-pages-refused-chair', { h1: ACTION });
  });

  it('every meeting page reads at 320 pixels wide, without scrolling sideways', async () => {
    const meetingId = need('meetingId');
    const next = await one<{ id: string }>(`SELECT id FROM meetings WHERE status = 'PLANNED' AND title <> $1 ORDER BY starts_at LIMIT 1`, [
      MEETING,
    ]);
    const items = need('items');
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    for (const [path, heading] of [
      [`/meetings/${meetingId}`, new RegExp(`^${need('meetingTitle')}, `)],
      [`/meetings/${meetingId}/agenda`, 'Agenda'],
      [`/meetings/${meetingId}/agenda/new`, 'Add an agenda item'],
      [`/meetings/${meetingId}/agenda/${items[EXEMPT]}`, 'Change agenda item'],
      [`/meetings/${meetingId}/agenda/${items['Education highlight report']}/remove`, 'Remove item 2 Education highlight report?'],
      [`/meetings/${meetingId}/agenda/${items[PAPER]}/paper`, 'Replace the paper'],
      [`/meetings/${meetingId}/readiness`, 'Pack readiness'],
      [`/meetings/${meetingId}/record`, 'Attendance and minutes'],
      [`/meetings/${meetingId}/actions/new`, 'Add an action'],
      ['/board-actions', 'Board actions'],
      [`/board-actions/${need('actionId')}`, ACTION],
      // The demo's next meeting, with its full agenda and action log.
      [`/meetings/${next.id}`, /, \d{1,2} \w+ \d{4}$/],
      [`/meetings/${next.id}/agenda`, 'Agenda'],
      [`/meetings/${next.id}/readiness`, 'Pack readiness'],
    ] as Array<[string, string | RegExp]>) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await visit(page, path, { path, h1: heading });
      await fitsWidth(page, 320);
      expect(await h1(page)).toMatch(heading);
    }
    // The exempt item's form opens on its paragraph, with the words beside it.
    await visit(page, `/meetings/${meetingId}/agenda/${items[EXEMPT]}`, { h1: 'Change agenda item' });
    expect(await page.getByLabel('Paragraph 1', { exact: true }).isChecked()).toBe(true);
    await finishJourney(page, 'meeting-pages-phone', { h1: 'Change agenda item' });
  });
});
