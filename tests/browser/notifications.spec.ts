import { type Locator, type Page } from 'playwright-core';
import { afterAction, errorSummary, finishJourney, h1, signIn, useBrowserStack, visit } from './harness';

/**
 * Journeys, issue 8: reminders and notifications.
 *
 * A board member's unread notifications show as a count in the header on every page; the
 * notification centre lists them newest first, marks one read (the header count drops), filters
 * to unread, and marks them all read. Their settings change one kind to a weekly summary, which
 * stays after a reload, while the security e-mails have no controls. A calendar link is made and
 * answers iCalendar, then is replaced and turned off, after which it answers 404. The secretariat
 * changes when "action due" reminders go out, is told in the page when a value is not a number
 * and by the api when it is out of range, previews the e-mail in a sandboxed frame, and sees that
 * no jobs have failed; a sub-group chair cannot reach those pages. Every page reads at 320 pixels.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BOARD = 'helen.ashworth@riverside.example';
const CHAIR = 'sunita.rao@riverside.example';
const ACTION_DUE = 'An action you own is coming up to its due date';

async function userId(email: string): Promise<string> {
  const r = await app.pg.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  expect(r.rows).toHaveLength(1);
  return r.rows[0].id;
}

async function unreadInDb(user: string): Promise<number> {
  const r = await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [
    user,
  ]);
  return r.rows[0].n;
}

let seq = 0;

/** Notifications for a person, written as the worker writes them; `minutesAgo` orders them. */
async function notify(user: string, items: Array<{ title: string; body: string; link: string | null; minutesAgo: number }>): Promise<void> {
  for (const n of items) {
    await app.pg.query(
      `INSERT INTO notifications (partnership_id, user_id, kind, title, body, link, dedupe_key, email_status, created_at)
       SELECT u.partnership_id, u.id, 'ACTION_DUE', $2, $3, $4, $5, 'NONE', now() - make_interval(mins => $6)
         FROM users u WHERE u.id = $1`,
      [user, n.title, n.body, n.link, `browser-test-${Date.now()}-${++seq}`, n.minutesAgo],
    );
  }
}

/** The header's unread count: "Notifications (3)" is 3; plain "Notifications" is 0. */
async function headerCount(page: Page): Promise<number> {
  const text = (await page.locator('nav[aria-label="Menu"] a[href="/notifications"]').innerText()).replace(/\s+/g, ' ').trim();
  const m = /^Notifications(?: \((\d+)(?: unread)? ?\))?$/.exec(text);
  if (!m) throw new Error(`The header's notifications link reads "${text}"`);
  return m[1] ? Number(m[1]) : 0;
}

/** The titles in the notification centre, in order, with whether each is marked "New". */
async function shownNotifications(page: Page): Promise<Array<{ title: string; isNew: boolean }>> {
  return page.locator('#notifications > li').evaluateAll((lis) =>
    lis.map((li) => {
      const el = li as unknown as { querySelector(s: string): { textContent: string | null } | null };
      const link = el.querySelector('h2 a') ?? el.querySelector('h2');
      const title = (link?.textContent ?? '').replace(/\s*New$/, '').trim();
      return { title, isNew: !!el.querySelector('h2 .govuk-tag') };
    }),
  );
}

/** Reads `read` until it gives `want` (or 5 seconds pass), and returns the last answer. */
async function eventually<T>(read: () => Promise<T>, want: T): Promise<T> {
  const deadline = Date.now() + 5_000;
  let last = await read();
  while (last !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

async function rules(): Promise<unknown[]> {
  return (
    await app.pg.query(
      'SELECT kind, enabled, days_before, repeat_every_days, chair_after_days, secretariat_after_days FROM reminder_rules ORDER BY kind',
    )
  ).rows;
}

/**
 * A click on a page with the e-mail preview's sandboxed frame: chromium runs that frame in a
 * process of its own, and a click sent straight after scrolling can be routed by the layout
 * before the scroll. Scroll first and let two frames paint, then click.
 */
async function clickSteady(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  await target.click();
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 640 });
  await afterAction(page);
  const fits = await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');
  expect({ path: new URL(page.url()).pathname, width, fits }).toEqual({ path: new URL(page.url()).pathname, width, fits: true });
}

describe('reminders and notifications', () => {
  it('the header counts unread notifications; the centre lists them, marks one and then all read', async () => {
    const helen = await userId(BOARD);
    await app.pg.query('DELETE FROM notifications WHERE user_id = $1', [helen]);
    await notify(helen, [
      { title: 'Test: the oldest notification', body: 'Written first.', link: '/meetings', minutesAgo: 180 },
      { title: 'Test: a notification in the middle', body: 'Line one.\nLine two.', link: '/dashboard', minutesAgo: 120 },
      { title: 'Test: the newest notification', body: 'Written last.', link: '/scorecard', minutesAgo: 60 },
    ]);

    const page = await app.newPage();
    await signIn(page, BOARD, app.demo.password, 'Helen Ashworth');
    const unread = await unreadInDb(helen);
    expect(unread).toBeGreaterThanOrEqual(3);
    expect(await headerCount(page)).toBe(unread);
    // Seen as "(3)", heard as "(3 unread)".
    const link = page.locator('nav[aria-label="Menu"] a[href="/notifications"]');
    expect(await link.locator('[data-testid="unread-count"] .govuk-visually-hidden').textContent()).toBe(' unread');
    expect(await link.getAttribute('aria-current')).toBeNull();

    await link.click();
    await afterAction(page, { path: '/notifications', h1: 'Notifications', visible: '#notifications' });
    expect(await page.locator('nav[aria-label="Menu"] a[aria-current="page"]').getAttribute('href')).toBe('/notifications');
    const ours = (await shownNotifications(page)).filter((n) => n.title.startsWith('Test: '));
    expect(ours).toEqual([
      { title: 'Test: the newest notification', isNew: true },
      { title: 'Test: a notification in the middle', isNew: true },
      { title: 'Test: the oldest notification', isNew: true },
    ]);
    // Each shows its body, its time in London and links to its page in the app.
    const middle = page.locator('#notifications > li', { hasText: 'Test: a notification in the middle' });
    expect(await middle.innerText()).toContain('Line two.');
    expect(await middle.innerText()).toMatch(/\d{1,2} \w+ \d{4} at (\d{1,2}:\d{2}(am|pm)|midday|midnight)/);
    expect(await middle.locator('h2 a').getAttribute('href')).toBe('/dashboard');

    // Mark one as read: its "New" goes and the header's count drops by one.
    await page.getByRole('button', { name: /^Mark as read ?: Test: the newest notification$/ }).click();
    await afterAction(page, { visible: '#notifications-done' });
    expect(await page.locator('#notifications-done').innerText()).toContain('Marked as read: Test: the newest notification');
    const newest = await app.pg.query<{ read_at: Date | null }>(`SELECT read_at FROM notifications WHERE title = $1`, [
      'Test: the newest notification',
    ]);
    expect(newest.rows[0].read_at).not.toBeNull();
    expect(await headerCount(page)).toBe(unread - 1);
    expect(await headerCount(page)).toBe(await unreadInDb(helen));
    expect((await shownNotifications(page)).find((n) => n.title === 'Test: the newest notification')).toEqual({
      title: 'Test: the newest notification',
      isNew: false,
    });

    await finishJourney(page, 'notifications-one-read', { path: '/notifications' });

    // Unread only.
    await page.getByLabel('Unread only').check();
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await afterAction(page, { path: '/notifications?unread=yes', visible: '#notifications' });
    const unreadShown = (await shownNotifications(page)).map((n) => n.title);
    expect(unreadShown).not.toContain('Test: the newest notification');
    expect(unreadShown).toEqual(expect.arrayContaining(['Test: a notification in the middle', 'Test: the oldest notification']));

    // Mark all as read: none left, the header shows no count.
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await afterAction(page, { visible: '#notifications-empty' });
    expect(await page.locator('#notifications-done').innerText()).toContain('All your notifications are marked as read');
    expect(await unreadInDb(helen)).toBe(0);
    expect(await headerCount(page)).toBe(0);
    expect(await page.locator('#notifications-empty').innerText()).toBe('You have no unread notifications.');
    await finishJourney(page, 'notifications-all-read', { path: '/notifications?unread=yes' });

    // A new one, opened from the centre, is read by opening it; the count follows on navigation.
    await notify(helen, [{ title: 'Test: opened from the list', body: 'Open me.', link: '/dashboard', minutesAgo: 1 }]);
    await visit(page, '/notifications', { h1: 'Notifications', visible: '#notifications' });
    expect(await headerCount(page)).toBe(1);
    await page.locator('#notifications').getByRole('link', { name: 'Test: opened from the list' }).click();
    await afterAction(page, { path: '/dashboard' });
    expect(await eventually(() => unreadInDb(helen), 0)).toBe(0);
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Home', exact: true }).click();
    await afterAction(page, { path: '/' });
    expect(await headerCount(page)).toBe(0);
  });

  it('settings: a kind changed to a weekly summary stays so; security e-mails have no controls', async () => {
    const page = await app.newPage();
    await signIn(page, BOARD, app.demo.password, 'Helen Ashworth');
    await page
      .locator('#what-you-can-do')
      .getByRole('link', { name: /Choose how you hear about reminders/ })
      .click();
    await afterAction(page, { path: '/notifications/settings', h1: 'Notification settings' });

    // Eight kinds, each with its four choices; every one at once to start with.
    expect(await page.locator('#preferences fieldset').count()).toBe(8);
    const group = page.getByRole('group', { name: ACTION_DUE });
    for (const label of ['At once', 'Daily summary', 'Weekly summary', 'Off']) expect(await group.getByLabel(label).count()).toBe(1);
    expect(await group.getByLabel('At once').isChecked()).toBe(true);

    // The security e-mails: said, with nothing to change.
    const fixed = (await page.locator('#fixed-preferences').innerText()).replace(/\s+/g, ' ');
    expect(fixed).toContain('Invitations to the workspace Always sent at once');
    expect(fixed).toContain('Password resets Always sent at once');
    expect(await page.locator('input[name="mode-INVITATION"], input[name="mode-PASSWORD_RESET"]').count()).toBe(0);

    await group.getByLabel('Weekly summary').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await afterAction(page, { visible: '#settings-done' });
    expect(await page.locator('#settings-done').innerText()).toContain('Your notification settings are saved');
    const stored = await app.pg.query<{ kind: string; mode: string }>(
      `SELECT kind, mode FROM notification_preferences WHERE user_id = $1 ORDER BY kind`,
      [await userId(BOARD)],
    );
    expect(stored.rows).toEqual([{ kind: 'ACTION_DUE', mode: 'WEEKLY' }]);

    await visit(page, '/notifications/settings', { h1: 'Notification settings', visible: '#preferences' });
    expect(await page.getByRole('group', { name: ACTION_DUE }).getByLabel('Weekly summary').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'An action is overdue' }).getByLabel('At once').isChecked()).toBe(true);
    await finishJourney(page, 'notification-settings', { h1: 'Notification settings' });
  });

  it('calendar: a link is made and answers iCalendar; a new one replaces it; turned off, it answers 404', async () => {
    const page = await app.newPage();
    await signIn(page, CHAIR, app.demo.password, 'Sunita Rao');
    await visit(page, '/notifications/settings', { h1: 'Notification settings', visible: '#calendar' });
    expect(await page.locator('#calendar-none').innerText()).toBe('You do not have a calendar link.');

    await page.getByRole('button', { name: 'Make a calendar link' }).click();
    await afterAction(page, { visible: '#calendar-url' });
    const url = await page.getByLabel('Your calendar link').inputValue();
    expect(url.startsWith(`${app.url}/calendar/`)).toBe(true);
    expect(await page.locator('#calendar-url').getAttribute('readonly')).not.toBeNull();
    expect(await page.locator('#calendar').innerText()).toMatch(/shown only once/);

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await res.text()).toContain('BEGIN:VCALENDAR');

    // Shown once: after a reload, when it was made and last used, not the link.
    await visit(page, '/notifications/settings', { h1: 'Notification settings', visible: '#calendar-feed' });
    expect(await page.locator('#calendar-url').count()).toBe(0);
    const feed = (await page.locator('#calendar-feed').innerText()).replace(/\s+/g, ' ');
    expect(feed).toMatch(/Link made \d{1,2} \w+ \d{4} at /);
    expect(feed).toMatch(/Last used \d{1,2} \w+ \d{4} at /);

    await page.getByRole('button', { name: 'Make a new link' }).click();
    await afterAction(page, { visible: '#calendar-url' });
    const second = await page.getByLabel('Your calendar link').inputValue();
    expect(second).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);

    await page.getByRole('button', { name: 'Turn off calendar link' }).click();
    await afterAction(page, { visible: '#calendar-none' });
    expect(await page.locator('#calendar-done').innerText()).toContain('Your calendar link is turned off');
    expect(await page.locator('#calendar-url').count()).toBe(0);
    expect((await fetch(second)).status).toBe(404);
    await finishJourney(page, 'notification-calendar-off', { h1: 'Notification settings' });
  });

  it('the secretariat changes when action reminders go out, sees refused values, and previews the e-mail', async () => {
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await page
      .locator('#what-you-can-do')
      .getByRole('link', { name: /^Reminders:/ })
      .click();
    await afterAction(page, { path: '/admin/reminders', h1: 'Reminders', visible: '#reminder-rules' });
    // The admin area's menu item stays current.
    expect(await page.locator('nav[aria-label="Menu"] a[aria-current="page"]').allInnerTexts()).toEqual(['Partnership']);

    const card = page.locator('.govuk-summary-card[data-kind="ACTION_DUE"]');
    expect(await card.locator('.govuk-summary-card__title').innerText()).toBe(`${ACTION_DUE} Default`);
    expect(await card.locator('[data-setting="daysBefore"]').innerText()).toBe('14 and 3 days before the due date, and on the day');
    expect(await page.locator('.govuk-summary-card').count()).toBe(8);

    await card.getByRole('link', { name: `Change ${ACTION_DUE.toLowerCase()}` }).click();
    await afterAction(page, { path: '/admin/reminders/action-due', h1: ACTION_DUE, visible: '#preview-frame' });

    // The e-mail preview: subject, the HTML in a sandboxed frame with a title, the plain text behind "Plain text version".
    const frame = page.locator('#preview-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('title')).toMatch(/^Preview of the e-mail: .+/);
    expect(await frame.getAttribute('srcdoc')).toMatch(/<html|<body|<p/i);
    const subject = await page.locator('#preview-subject').innerText();
    expect(subject.length).toBeGreaterThan(0);
    // The frame shows the e-mail itself, with no script of its own (the sandbox allows none).
    const email = page.frames().find((f) => f.url() === 'about:srcdoc');
    expect(email).toBeDefined();
    expect(await email?.evaluate('document.body.innerText')).toContain(subject);
    await page.getByLabel('Preview as').selectOption('WEEKLY');
    await clickSteady(page, page.getByRole('button', { name: 'Show preview' }));
    await afterAction(page, { path: '/admin/reminders/action-due' });
    expect(await eventually(() => page.locator('#preview-subject').innerText(), 'Your weekly summary: 2 updates')).toBe(
      'Your weekly summary: 2 updates',
    );
    await clickSteady(page, page.getByText('Plain text version'));
    expect(await page.locator('#preview-text').innerText()).toMatch(/^Your weekly summary: 2 updates\n/);

    const before = await rules();
    // Not a number: refused in the page, naming the field, and nothing is saved.
    const field = page.getByLabel('Days before the due date');
    expect(await field.inputValue()).toBe('14, 3, 0');
    await field.fill('ten');
    await clickSteady(page, page.getByRole('button', { name: 'Save reminder' }));
    await afterAction(page, { path: '/admin/reminders/action-due', visible: '.govuk-error-summary' });
    let summary = await errorSummary(page);
    expect(summary.focused).toBe(true);
    expect(summary.items).toEqual([
      { text: 'Days before the due date must be whole numbers separated by commas, like 14, 3, 0', href: '#daysBefore' },
    ]);
    expect(await page.locator('#daysBefore-error').innerText()).toContain('Days before the due date must be whole numbers');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await rules()).toEqual(before);

    // Out of range: refused by the api, shown against the field.
    await field.fill('400, 3');
    await clickSteady(page, page.getByRole('button', { name: 'Save reminder' }));
    await afterAction(page, { path: '/admin/reminders/action-due', visible: '#daysBefore-error' });
    summary = await errorSummary(page);
    expect(summary.items).toEqual([{ text: 'Days before must be at most 365.', href: '#daysBefore' }]);
    expect(await rules()).toEqual(before);

    await field.fill('10, 1, 0');
    await clickSteady(page, page.getByRole('button', { name: 'Save reminder' }));
    await afterAction(page, { path: '/admin/reminders', h1: 'Reminders', visible: '.govuk-notification-banner' });
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Reminder saved');
    const saved = page.locator('.govuk-summary-card[data-kind="ACTION_DUE"]');
    expect(await saved.locator('[data-setting="daysBefore"]').innerText()).toBe('10 and 1 days before the due date, and on the day');
    expect(await saved.locator('.govuk-summary-card__title').innerText()).toBe(ACTION_DUE);
    const row = await app.pg.query<{ enabled: boolean; days_before: number[] }>(
      `SELECT enabled, days_before FROM reminder_rules WHERE kind = 'ACTION_DUE'`,
    );
    expect(row.rows).toEqual([{ enabled: true, days_before: [10, 1, 0] }]);

    await finishJourney(page, 'reminder-rules-saved', { h1: 'Reminders' });

    // Overdue actions: the api's rule that the secretariat hears after the chair, against its field.
    await visit(page, '/admin/reminders/action-overdue', { h1: 'An action is overdue', visible: '#chairAfterDays' });
    expect(await page.locator('#daysBefore').count()).toBe(0);
    await page.getByLabel('How many days overdue before the sub-group’s chair is told?').fill('30');
    await page.getByLabel('How many days overdue before the secretariat is told?').fill('20');
    await clickSteady(page, page.getByRole('button', { name: 'Save reminder' }));
    await afterAction(page, { visible: '#secretariatAfterDays-error' });
    summary = await errorSummary(page);
    expect(summary.items).toEqual([
      {
        text: 'The secretariat hears after the chair: give at least as many days as for the chair.',
        href: '#secretariatAfterDays',
      },
    ]);
    await page.getByLabel('How often should the owner be reminded while the action is overdue?').fill('soon');
    await clickSteady(page, page.getByRole('button', { name: 'Save reminder' }));
    await afterAction(page, { visible: '#repeatEveryDays-error' });
    expect((await errorSummary(page)).items.map((i) => i.href)).toEqual(['#repeatEveryDays']);
    await finishJourney(page, 'reminder-rule-refused', { h1: 'An action is overdue' });

    // Failed jobs: linked from the reminders page; none have failed.
    await visit(page, '/admin/reminders', { h1: 'Reminders' });
    await page.getByRole('link', { name: 'See reminder and e-mail jobs that failed' }).click();
    await afterAction(page, { path: '/admin/failed-jobs', h1: 'Failed reminder and e-mail jobs' });
    expect(await page.locator('#failed-jobs-empty').innerText()).toBe('No reminder or e-mail jobs have failed.');
    // Also linked from the partnership's details.
    await visit(page, '/admin/partnership', { h1: 'Partnership details' });
    expect(await page.locator('#partnership-reminders a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/admin/reminders',
      '/admin/failed-jobs',
    ]);
    await finishJourney(page, 'reminder-rules', { h1: 'Partnership details' });
  });

  it('a sub-group chair gets "Page not found" on the secretariat’s reminder pages', async () => {
    const page = await app.newPage();
    await signIn(page, CHAIR, app.demo.password, 'Sunita Rao');
    expect(await page.locator('#what-you-can-do a[href="/admin/reminders"]').count()).toBe(0);
    for (const path of ['/admin/reminders', '/admin/reminders/action-due', '/admin/failed-jobs']) {
      await visit(page, path, { path, h1: 'Page not found' });
    }
    // Their own notification pages are there.
    await visit(page, '/notifications', { h1: 'Notifications' });
    await visit(page, '/notifications/settings', { h1: 'Notification settings' });
    await finishJourney(page, 'reminders-refused-chair', { h1: 'Notification settings' });
  });

  it('every notification and reminder page reads at 320 pixels wide, without scrolling sideways', async () => {
    const helen = await userId(BOARD);
    await notify(helen, [
      {
        title: 'Test: a notification with a long title that has to wrap on a small phone screen',
        body: 'A long body that also wraps. '.repeat(8),
        link: '/dashboard',
        minutesAgo: 5,
      },
    ]);
    const member = await app.newPage();
    await signIn(member, BOARD, app.demo.password, 'Helen Ashworth');
    await visit(member, '/notifications', { h1: 'Notifications', visible: '#notifications' });
    await fitsWidth(member, 320);
    await visit(member, '/notifications/settings', { h1: 'Notification settings' });
    await member.getByRole('button', { name: 'Make a calendar link' }).click();
    await afterAction(member, { visible: '#calendar-url' });
    await fitsWidth(member, 320);
    await finishJourney(member, 'notification-settings-phone', { h1: 'Notification settings' });

    const admin = await app.newPage();
    await signIn(admin, SECRETARIAT, app.demo.password, 'Amira Okafor');
    for (const [path, heading] of [
      ['/admin/reminders', 'Reminders'],
      ['/admin/reminders/action-overdue', 'An action is overdue'],
      ['/admin/reminders/report-deadline', 'A highlight report deadline is coming up'],
      ['/admin/failed-jobs', 'Failed reminder and e-mail jobs'],
    ]) {
      await admin.setViewportSize({ width: 1280, height: 900 });
      await visit(admin, path, { path, h1: heading });
      await fitsWidth(admin, 320);
      expect(await h1(admin)).toBe(heading);
    }
    await finishJourney(admin, 'failed-jobs-phone', { h1: 'Failed reminder and e-mail jobs' });
  });
});
