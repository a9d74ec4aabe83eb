import { type Page } from 'playwright-core';
import { afterAction, checkAccessibility, finishJourney, h1, navItems, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey (a): each kind of user signs in and sees exactly the navigation their role
 * allows; a page outside it answers "Page not found", exactly like a missing page.
 */
const app = useBrowserStack();

const SECRETARIAT_NAV = [
  'Home',
  'Dashboard',
  'Evidence',
  'Meetings',
  'Commitments',
  'Scorecard',
  'Principles',
  'Voice',
  'Annual update',
  'Partnership',
  'Agencies',
  'Users',
  'Board and sub-groups',
  'Audit log',
  'Notifications',
  'Sign out',
];
const OTHERS_NAV = [
  'Home',
  'Dashboard',
  'Evidence',
  'Meetings',
  'Commitments',
  'Scorecard',
  'Principles',
  'Voice',
  'Notifications',
  'Sign out',
];

/** Where everyone's navigation goes. */
const SHARED_PAGES: Record<string, string> = {
  Dashboard: '/dashboard',
  Evidence: '/evidence',
  Meetings: '/meetings',
  Commitments: '/commitments',
  Scorecard: '/scorecard',
  Principles: '/principles',
  Voice: '/voice',
  Notifications: '/notifications',
};

/** Where the secretariat's navigation goes. */
const SECRETARIAT_PAGES: Record<string, string> = {
  ...SHARED_PAGES,
  'Annual update': '/annual-update',
  Partnership: '/admin/partnership',
  Agencies: '/admin/agencies',
  Users: '/admin/users',
  'Board and sub-groups': '/admin/board',
  'Audit log': '/admin/audit',
};

const PEOPLE = [
  { journey: 'sign-in-secretariat', email: 'amira.okafor@riverside.example', name: 'Amira Okafor', role: 'Board secretariat' },
  { journey: 'sign-in-board-member', email: 'helen.ashworth@riverside.example', name: 'Helen Ashworth', role: 'Board member' },
  // A member who chairs a sub-group (Education): chairing gives no administration.
  { journey: 'sign-in-sub-group-chair', email: 'sunita.rao@riverside.example', name: 'Sunita Rao', role: 'Member' },
  // A plain member: Peter Walsh sits on Education and chairs nothing.
  { journey: 'sign-in-member', email: 'peter.walsh@riverside.example', name: 'Peter Walsh', role: 'Member' },
] as const;

async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page.locator('.govuk-summary-list__row', { has: page.locator('.govuk-summary-list__key', { hasText: key }) });
  return ((await row.locator('.govuk-summary-list__value').textContent()) ?? '').trim();
}

describe('signing in as each role', () => {
  it('the demo loader gives a password and the people this suite signs in as', () => {
    expect(app.demo.password).toEqual(expect.any(String));
    const emails = app.demo.signIns.map((s) => s.email);
    for (const p of PEOPLE.slice(0, 3)) expect(emails).toContain(p.email);
  });

  it('the accessibility check fails a page that breaks WCAG (a field loses its label)', async () => {
    const page = await app.newPage();
    await visit(page, '/sign-in', { h1: 'Sign in' });
    await page.evaluate(`document.querySelector('label[for="email"]').remove()`);
    await expect(checkAccessibility(page, 'self-check: a label removed on purpose')).rejects.toThrow(
      /axe found \d+ accessibility violation\(s\) on \/sign-in[\s\S]*- label \(critical\)[\s\S]*target: \["#email"\]/,
    );
  });

  it('a signed-out visit to a signed-in page goes to sign in, and back after signing in', async () => {
    const page = await app.newPage();
    await visit(page, '/admin/users', { h1: 'Sign in', path: '/sign-in?next=%2Fadmin%2Fusers' });
    expect(await navItems(page)).toEqual([]);
    await page.getByLabel('Email address').fill(PEOPLE[0].email);
    await page.getByLabel('Password', { exact: true }).fill(app.demo.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await finishJourney(page, 'sign-in-return-to-page', { path: '/admin/users' });
    expect(await navItems(page)).toEqual(SECRETARIAT_NAV);
  });

  it.each(PEOPLE)('$journey: $name sees the navigation for their role', async (person) => {
    const page = await app.newPage();
    await signIn(page, person.email, app.demo.password, person.name);
    expect(await summaryValue(page, 'Role')).toBe(person.role);

    const secretariat = person.role === 'Board secretariat';
    expect(await navItems(page)).toEqual(secretariat ? SECRETARIAT_NAV : OTHERS_NAV);
    expect(await page.locator('nav[aria-label="Menu"] a[aria-current="page"]').allInnerTexts()).toEqual(['Home']);

    // Every page in the navigation opens (client-side), marks itself current, and passes axe.
    for (const [label, path] of Object.entries(secretariat ? SECRETARIAT_PAGES : SHARED_PAGES)) {
      // Notifications carries its unread count: "Notifications (2 unread)".
      const name = label === 'Notifications' ? /^Notifications( \(\d+ unread ?\))?$/ : label;
      await page.locator('nav[aria-label="Menu"]').getByRole('link', { name, exact: true }).click();
      await afterAction(page, { path });
      expect({ label, h1: await h1(page) }).not.toEqual({ label, h1: 'Page not found' });
      const current = await page.locator('nav[aria-label="Menu"] a[aria-current="page"]').allInnerTexts();
      expect(current.map((t) => t.replace(/\s+/g, ' ').replace(/ \(\d+(?: unread)? ?\)$/, ''))).toEqual([label]);
    }
    if (!secretariat) {
      // A secretariat page, typed into the address bar, is not there for this role.
      await visit(page, '/admin/users', { h1: 'Page not found' });
      expect(await navItems(page)).toEqual(OTHERS_NAV);
      await visit(page, '/admin/agencies', { h1: 'Page not found' });
      await visit(page, '/meetings/new', { h1: 'Page not found' });
      await visit(page, '/admin/reminders', { h1: 'Page not found' });
      await visit(page, '/annual-update', { h1: 'Page not found' });
    }
    await finishJourney(page, person.journey);
  });
});

describe('every page passes axe', () => {
  const NOT_NOT_FOUND = /^(?!Page not found$)./;

  async function idOf(sql: string, value: string): Promise<string> {
    const r = await app.pg.query<{ id: string }>(sql, [value]);
    expect(r.rows).toHaveLength(1);
    return r.rows[0].id;
  }

  it('the secretariat opens each of their pages, with a real record where a page needs one', async () => {
    const user = await idOf('SELECT id FROM users WHERE email = $1', 'peter.walsh@riverside.example');
    const agency = await idOf('SELECT id FROM agencies WHERE name = $1', 'Riverside College');
    const subGroup = await idOf('SELECT id FROM sub_groups WHERE name = $1', 'Education');
    const pages: Array<[string, string | RegExp]> = [
      ['/admin/partnership', 'Partnership details'],
      ['/admin/partnership/change', 'Change partnership details'],
      ['/admin/agencies', 'Agencies'],
      ['/admin/agencies/new', 'Add an agency'],
      [`/admin/agencies/${agency}`, 'Change agency'],
      ['/admin/users', 'Users'],
      ['/admin/users/invite', 'Invite a user'],
      [`/admin/users/${user}`, 'Peter Walsh'],
      [`/admin/users/${user}/change`, 'Change user details'],
      [`/admin/users/${user}/deactivate`, 'Deactivate Peter Walsh'],
      ['/admin/board', 'Board and sub-groups'],
      ['/admin/board/change', 'Change board details'],
      ['/admin/sub-groups/new', 'Add a sub-group'],
      [`/admin/sub-groups/${subGroup}`, 'Education'],
      [`/admin/sub-groups/${subGroup}/change`, 'Change sub-group details'],
      [`/admin/sub-groups/${subGroup}/members/${user}/remove`, NOT_NOT_FOUND],
      ['/admin/audit', 'Audit log'],
      ['/admin/reminders', 'Reminders'],
      ['/admin/reminders/action-due', 'An action you own is coming up to its due date'],
      ['/admin/reminders/action-overdue', 'An action is overdue'],
      ['/admin/failed-jobs', 'Failed reminder and e-mail jobs'],
      ['/notifications', 'Notifications'],
      ['/notifications/settings', 'Notification settings'],
      ['/account/password', 'Change your password'],
    ];
    const page = await app.newPage();
    await signIn(page, PEOPLE[0].email, app.demo.password, PEOPLE[0].name);
    for (const [path, heading] of pages) await visit(page, path, { path, h1: heading });
    await finishJourney(page, 'every-page-secretariat', { path: '/account/password' });
    // Two dozen full page loads, each checked by axe: more than the default minute on a busy two-core machine.
  }, 120_000);

  it('the secretariat opens each evidence, meeting, report and search page, on the demo’s records', async () => {
    const one = async (sql: string): Promise<{ id: string; title: string }> => {
      const r = await app.pg.query<{ id: string; title: string }>(sql);
      expect(r.rows).toHaveLength(1);
      return r.rows[0];
    };
    const draft = await one(`SELECT id, title FROM evidence WHERE status = 'DRAFT' ORDER BY title LIMIT 1`);
    const submitted = await one(`SELECT id, title FROM evidence WHERE status = 'SUBMITTED' ORDER BY title LIMIT 1`);
    const planned = await one(`SELECT id, title FROM meetings WHERE status = 'PLANNED' ORDER BY starts_at LIMIT 1`);
    const draftReport = await one(
      `SELECT r.id, g.name AS title FROM highlight_reports r JOIN sub_groups g ON g.id = r.sub_group_id
       WHERE r.status = 'DRAFT' ORDER BY g.name LIMIT 1`,
    );
    const submittedReport = await one(
      `SELECT r.id, g.name AS title FROM highlight_reports r JOIN sub_groups g ON g.id = r.sub_group_id
       WHERE r.status = 'SUBMITTED' ORDER BY g.name LIMIT 1`,
    );
    const pages: Array<[string, string | RegExp]> = [
      ['/evidence', 'Evidence'],
      ['/evidence?status=SUBMITTED&review=yes', 'Evidence'],
      ['/evidence/new', 'Add evidence'],
      [`/evidence/${draft.id}`, draft.title],
      [`/evidence/${draft.id}/change`, 'Change evidence'],
      [`/evidence/${submitted.id}/review`, 'Review evidence'],
      ['/meetings', 'Board meetings'],
      ['/meetings/new', 'Schedule a meeting'],
      [`/meetings/${planned.id}`, new RegExp(`^${planned.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `)],
      [`/meetings/${planned.id}/change`, 'Change meeting details'],
      [`/meetings/${planned.id}/held`, NOT_NOT_FOUND],
      [`/meetings/${planned.id}/cancel`, NOT_NOT_FOUND],
      [`/reports/${draftReport.id}`, `${draftReport.title} highlight report`],
      [`/reports/${draftReport.id}/change`, `Change the ${draftReport.title} highlight report`],
      [`/reports/${draftReport.id}/submit`, `Submit the ${draftReport.title} highlight report`],
      [`/reports/${submittedReport.id}/review`, `Review the ${submittedReport.title} highlight report`],
      ['/search', 'Search'],
    ];
    const page = await app.newPage();
    await signIn(page, PEOPLE[0].email, app.demo.password, PEOPLE[0].name);
    for (const [path, heading] of pages) await visit(page, path, { path, h1: heading });
    await finishJourney(page, 'every-page-evidence-meetings-secretariat', { path: '/search' });
  });

  it('the secretariat opens each commitments page, on a demo commitment in the local offer', async () => {
    const r = await app.pg.query<{ id: string; title: string }>(
      `SELECT id, title FROM commitments WHERE in_local_offer AND visibility = 'PARTNERSHIP' ORDER BY title LIMIT 1`,
    );
    expect(r.rows).toHaveLength(1);
    const c = r.rows[0];
    const pages: Array<[string, string | RegExp]> = [
      ['/commitments', 'Commitments'],
      ['/commitments?view=area', 'Commitments'],
      ['/commitments?status=IN_PROGRESS&rag=AMBER&offer=yes', 'Commitments'],
      ['/commitments/new', 'Add a commitment'],
      [`/commitments/${c.id}`, c.title],
      [`/commitments/${c.id}/edit`, 'Change commitment'],
    ];
    const page = await app.newPage();
    await signIn(page, PEOPLE[0].email, app.demo.password, PEOPLE[0].name);
    for (const [path, heading] of pages) await visit(page, path, { path, h1: heading });
    // The secretariat chooses the agency; the change form is there (not the refusal).
    await visit(page, '/commitments/new', { h1: 'Add a commitment', visible: '#agencyId' });
    await visit(page, `/commitments/${c.id}/edit`, { h1: 'Change commitment', visible: '#title' });
    await finishJourney(page, 'every-page-commitments-secretariat', { h1: 'Change commitment' });
  });

  it('the pages anyone can open signed out', async () => {
    const page = await app.newPage();
    await visit(page, '/reset-password', { path: '/reset-password', h1: NOT_NOT_FOUND });
    await visit(page, '/reset-password?token=not-a-real-token', { h1: 'Reset your password' });
    await visit(page, '/accept-invitation', { h1: 'This invitation link is not complete' });
    await visit(page, '/no-such-page', { h1: 'Page not found' });
    await visit(page, '/sign-out', { h1: 'You have signed out' });
    await finishJourney(page, 'every-page-signed-out', { path: '/sign-out' });
  });
});
