import { type Page } from 'playwright-core';
import { afterAction, finishJourney, navItems, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey (b): the secretariat invites someone through the web app and reads the one-time
 * link from the confirmation page; the invited person opens it in their own browser, sets a
 * password and lands signed in on the home page; then signs out and back in with it.
 */
const app = useBrowserStack();

const SECRETARIAT = { email: 'amira.okafor@riverside.example', name: 'Amira Okafor' };
const INVITED = {
  name: 'Priya Castellano',
  email: 'priya.castellano@riverside.example',
  jobTitle: 'Care Leavers Personal Adviser',
  agency: 'Riverside Care Leavers\u2019 Trust',
  password: 'lantern-orchard-pebble-river',
};

async function userRow(email: string): Promise<{ status: string; name: string; role: string } | undefined> {
  const r = await app.pg.query<{ status: string; name: string; role: string }>('SELECT status, name, role FROM users WHERE email = $1', [
    email,
  ]);
  return r.rows[0];
}

/** The set-password form behind an invitation link. */
async function setPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
}

describe('inviting a user', () => {
  it('the secretariat invites someone, who sets a password from the link, signs out and signs in again', async () => {
    // The secretariat, in their own browser.
    const admin = await app.newPage();
    await signIn(admin, SECRETARIAT.email, app.demo.password, SECRETARIAT.name);
    await admin.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Users', exact: true }).click();
    await afterAction(admin, { path: '/admin/users', h1: 'Users' });
    await admin.getByRole('button', { name: 'Invite a user' }).click();
    await afterAction(admin, { path: '/admin/users/invite', h1: 'Invite a user' });

    await admin.getByLabel('Email address').fill(INVITED.email);
    await admin.getByLabel('Full name').fill(INVITED.name);
    await admin.getByLabel('Job title (optional)').fill(INVITED.jobTitle);
    await admin.getByLabel('Agency', { exact: true }).selectOption({ label: INVITED.agency });
    await admin.getByLabel('Member', { exact: true }).check();
    await admin.getByRole('button', { name: 'Invite user' }).click();
    await afterAction(admin, { h1: 'Invitation created', visible: '#invitation-url' });

    const link = ((await admin.locator('#invitation-url').textContent()) ?? '').trim();
    const url = new URL(link);
    expect(url.origin).toBe(app.url);
    expect(url.pathname).toBe('/accept-invitation');
    expect(url.searchParams.get('token')).toEqual(expect.stringMatching(/.{20,}/));
    expect(await userRow(INVITED.email)).toEqual({ status: 'INVITED', name: INVITED.name, role: 'MEMBER' });
    await finishJourney(admin, 'invitation-created');

    // The invited person, in a browser of their own, opens the link exactly as sent.
    const invited = await app.newPage();
    await visit(invited, link, { path: /^\/accept-invitation\?token=/, h1: 'Set your password' });
    await setPassword(invited, INVITED.password);
    await afterAction(invited, { path: '/', h1: `Welcome, ${INVITED.name}` });
    expect(await invited.locator('.govuk-notification-banner').innerText()).toMatch(/password has been set/i);
    expect(await navItems(invited)).toEqual([
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
    ]);
    expect((await userRow(INVITED.email))?.status).toBe('ACTIVE');

    // Signing out ends the session; a signed-in page then asks to sign in.
    await invited.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Sign out', exact: true }).click();
    await afterAction(invited, { path: '/sign-out', h1: 'You have signed out' });
    expect(await navItems(invited)).toEqual([]);
    expect(await invited.evaluate(`localStorage.getItem('pbw.refreshToken')`)).toBeNull();
    await visit(invited, '/', { h1: 'Sign in' });

    // And back in with the password they chose.
    await signIn(invited, INVITED.email, INVITED.password, INVITED.name);
    expect(await navItems(invited)).toEqual([
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
    ]);
    await finishJourney(invited, 'invitation-accepted');

    // The link worked once: opened again, anywhere, it sets nothing.
    const again = await app.newPage();
    await visit(again, link, { h1: 'Set your password' });
    const before = await app.snapshotDb();
    await setPassword(again, 'another-quite-different-passphrase');
    await afterAction(again, { h1: 'Set your password', visible: '.govuk-error-summary' });
    expect(await again.locator('.govuk-error-summary').innerText()).toMatch(/\S/);
    expect(await navItems(again)).toEqual([]);
    expect(await app.snapshotDb()).toEqual(before);
    await finishJourney(again, 'invitation-link-reused');
  });
});
