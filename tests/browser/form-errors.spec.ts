import { type Page } from 'playwright-core';
import { afterAction, countApiRequests, errorSummary, finishJourney, focusedId, navItems, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey (c): a form sent with answers the service refuses shows the GOV.UK error summary
 * (focused, each message linking to its field) and the same messages inline, and changes
 * nothing in the database.
 */
const app = useBrowserStack();

const SECRETARIAT = { email: 'amira.okafor@riverside.example', name: 'Amira Okafor' };

/** Inline error for a field, the GOV.UK way: in the field's group, and described-by on the input. */
async function inlineError(page: Page, field: string): Promise<string> {
  const message = page.locator(`#${field}-error`);
  expect(await message.isVisible()).toBe(true);
  const group = page.locator('.govuk-form-group--error', { has: page.locator(`#${field}-error`) });
  expect(await group.count()).toBe(1);
  expect((await page.locator(`#${field}`).getAttribute('aria-describedby')) ?? '').toContain(`${field}-error`);
  return ((await message.textContent()) ?? '').replace(/^Error:\s*/, '').trim();
}

/** Each summary link moves focus to its field. */
async function summaryLinksFocusFields(page: Page, fields: string[]): Promise<void> {
  for (const field of fields) {
    await page.locator(`.govuk-error-summary a[href="#${field}"]`).click();
    expect({ field, focused: await focusedId(page) }).toEqual({ field, focused: field });
  }
}

describe('forms with answers the service refuses', () => {
  it('sign-in with a wrong password shows the error summary and stays signed out', async () => {
    const page = await app.newPage();
    await visit(page, '/sign-in', { h1: 'Sign in' });
    const before = await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM refresh_tokens');
    await page.getByLabel('Email address').fill(SECRETARIAT.email);
    await page.getByLabel('Password', { exact: true }).fill(`${app.demo.password}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await afterAction(page, { h1: 'Sign in', visible: '.govuk-error-summary' });

    const summary = await errorSummary(page);
    expect(summary.focused).toBe(true);
    expect(summary.items).toHaveLength(1);
    expect(summary.items[0].text).toMatch(/email address|password/i);
    expect(await page.title()).toMatch(/^Error: Sign in/);
    expect(await navItems(page)).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // No session was started.
    const after = await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM refresh_tokens');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(await page.evaluate(`localStorage.getItem('pbw.refreshToken')`)).toBeNull();
    await finishJourney(page, 'sign-in-wrong-password');
  });

  it('inviting with an invalid email address and no name shows both errors and invites nobody', async () => {
    const page = await app.newPage();
    await signIn(page, SECRETARIAT.email, app.demo.password, SECRETARIAT.name);
    await visit(page, '/admin/users/invite', { h1: 'Invite a user' });
    // Agency and role chosen, so the service itself judges the email address and the name.
    await page.getByLabel('Email address').fill('not-an-email-address');
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Riverside College' });
    await page.getByLabel('Member', { exact: true }).check();
    const before = await app.snapshotDb();
    await page.getByRole('button', { name: 'Invite user' }).click();
    await afterAction(page, { h1: 'Invite a user', visible: '.govuk-error-summary' });

    const summary = await errorSummary(page);
    expect(summary.focused).toBe(true);
    expect(summary.items.map((i) => i.href).sort()).toEqual(['#email', '#name']);
    const emailError = await inlineError(page, 'email');
    const nameError = await inlineError(page, 'name');
    expect(summary.items.map((i) => i.text).sort()).toEqual([emailError, nameError].sort());
    expect(await page.locator('.govuk-form-group--error').count()).toBe(2);
    expect(await page.title()).toMatch(/^Error: Invite a user/);
    // What was typed is kept.
    expect(await page.getByLabel('Email address').inputValue()).toBe('not-an-email-address');
    expect(await app.snapshotDb()).toEqual(before);

    await summaryLinksFocusFields(page, ['email', 'name']);
    await finishJourney(page, 'invite-invalid');
  });

  it('inviting with nothing filled in shows every required answer, without asking the service', async () => {
    const page = await app.newPage();
    await signIn(page, SECRETARIAT.email, app.demo.password, SECRETARIAT.name);
    await visit(page, '/admin/users/invite', { h1: 'Invite a user' });
    const before = await app.snapshotDb();
    const requests = countApiRequests(page);
    await page.getByRole('button', { name: 'Invite user' }).click();
    await afterAction(page, { h1: 'Invite a user', visible: '.govuk-error-summary' });
    expect(requests()).toBe(0);

    const summary = await errorSummary(page);
    expect(summary.focused).toBe(true);
    expect(summary.items.map((i) => i.href).sort()).toEqual(['#agencyId', '#email', '#name', '#role']);
    for (const field of ['email', 'name', 'agencyId']) await inlineError(page, field);
    expect(await page.locator('#role-error').isVisible()).toBe(true);
    expect(await app.snapshotDb()).toEqual(before);
    await summaryLinksFocusFields(page, ['email', 'name', 'agencyId', 'role']);
    await finishJourney(page, 'invite-empty');
  });

  it('adding an agency whose name is taken shows the error on the name and adds nothing', async () => {
    const page = await app.newPage();
    await signIn(page, SECRETARIAT.email, app.demo.password, SECRETARIAT.name);
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Agencies', exact: true }).click();
    await afterAction(page, { path: '/admin/agencies', h1: 'Agencies' });
    await page.getByRole('button', { name: 'Add an agency' }).click();
    await afterAction(page, { path: '/admin/agencies/new' });
    await page.getByLabel('Agency name').fill('Riverside Police');
    await page.getByLabel('Police', { exact: true }).check();
    const before = await app.snapshotDb();
    await page.getByRole('button', { name: 'Add agency', exact: true }).click();
    await afterAction(page, { path: '/admin/agencies/new', visible: '.govuk-error-summary' });

    const summary = await errorSummary(page);
    expect(summary.focused).toBe(true);
    expect(summary.items).toEqual([{ text: expect.stringMatching(/already exists/), href: '#name' }]);
    expect(await inlineError(page, 'name')).toBe(summary.items[0].text);
    expect(await page.getByLabel('Agency name').inputValue()).toBe('Riverside Police');
    expect(await app.snapshotDb()).toEqual(before);
    const police = await app.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM agencies WHERE name = 'Riverside Police'`);
    expect(police.rows[0].n).toBe(1);
    await summaryLinksFocusFields(page, ['name']);
    await finishJourney(page, 'agency-duplicate-name');
  });
});
