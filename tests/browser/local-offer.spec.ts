import { type Page } from 'playwright-core';
import { afterAction, finishJourney, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey, issue 6: the local offer for care leavers. Signed out, anyone reads the latest
 * published version, and only it: not the changes made since (the demo's unpublished bus
 * pass and reworded leisure pass), nor a commitment outside the offer. It reads on a phone
 * without sideways scrolling. The secretariat's publish page lists what will change; they
 * publish, and the public page shows version 2 with what changed while version 1 is still
 * there to read. Nobody else reaches the publish page.
 *
 * What was published comes from the database's latest local_offer_versions row.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BUS_PASS = 'Free travel to college or training in your first year';
const LEISURE = 'Free Riverside leisure pass for care leavers';

interface Item {
  commitmentId: string;
  area: string;
  title: string;
  wording: string;
}

async function published(): Promise<{ number: number; items: Item[]; slug: string }> {
  const r = await app.pg.query<{ number: number; items: Item[]; slug: string }>(
    `SELECT v.number, v.items, p.slug FROM local_offer_versions v JOIN partnerships p ON p.id = v.partnership_id
      ORDER BY v.number DESC LIMIT 1`,
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0];
}

async function shownItems(page: Page): Promise<Array<{ id: string; text: string }>> {
  return page
    .locator('[data-commitment-id]')
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-commitment-id') ?? '', text: (e.textContent ?? '').replace(/\s+/g, ' ') })),
    );
}

describe('the local offer', () => {
  it('signed out, the public page shows exactly the published version, and reads on a phone', async () => {
    const v = await published();
    expect(v.number).toBe(1);
    const page = await app.newPage();
    await visit(page, `/local-offer/${v.slug}`, { h1: 'Our local offer for care leavers', visible: '#published' });
    expect(await page.locator('#published').innerText()).toMatch(/^Version 1, published /);
    const shown = await shownItems(page);
    expect(shown.map((s) => s.id).sort()).toEqual(v.items.map((i) => i.commitmentId).sort());
    for (const item of v.items) {
      const s = shown.find((x) => x.id === item.commitmentId);
      expect(s?.text).toContain(item.wording.replace(/\s+/g, ' '));
    }
    // Nothing unpublished: the bus pass joined the offer after version 1, the leisure pass was reworded after it.
    const body = await page.locator('main').innerText();
    expect(body).not.toContain(BUS_PASS);
    expect(body).not.toContain('bring a friend for free on Saturdays');
    expect(body).toContain(LEISURE);
    // Nor anything outside the offer.
    const outside = await app.pg.query<{ title: string }>(`SELECT title FROM commitments WHERE NOT in_local_offer`);
    expect(outside.rows.length).toBeGreaterThan(0);
    for (const o of outside.rows) expect(body).not.toContain(o.title);
    // The six areas, in the statutory order, each there even when empty; then any other support.
    const other = v.items.some((i) => i.area === 'OTHER') ? ['Other support'] : [];
    expect(await page.locator('main section[data-area] h2').allInnerTexts()).toEqual([
      'Health and wellbeing',
      'Relationships',
      'Education and training',
      'Employment',
      'Accommodation',
      'Participation in society',
      ...other,
    ]);
    // No menu for a visitor who is not signed in.
    expect(await page.locator('nav[aria-label="Menu"]').count()).toBe(0);

    // On a phone: one column, nothing wider than the screen.
    await page.setViewportSize({ width: 360, height: 740 });
    await afterAction(page, { h1: 'Our local offer for care leavers' });
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    await finishJourney(page, 'local-offer-public-phone', { h1: 'Our local offer for care leavers' });
  });

  it('the secretariat sees what will change, publishes version 2, and the public page shows it with version 1 still there', async () => {
    const v1 = await published();
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password);
    await visit(page, '/commitments', { h1: 'Commitments' });
    await page.getByRole('button', { name: 'Publish the local offer' }).click();
    await afterAction(page, { h1: 'Publish the local offer', path: '/commitments/local-offer' });
    const changes = await page.locator('#preview-changes li').allInnerTexts();
    expect(changes).toEqual(expect.arrayContaining([`New: ${BUS_PASS}`, `Changed: ${LEISURE} (what you get changed)`]));
    expect(changes).toHaveLength(2);

    await page.getByLabel('Introduction').fill('Our offer, updated with the Care Leavers’ Forum in the autumn.');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await afterAction(page, { visible: '.govuk-notification-banner--success' });
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Version 2 of the local offer is published');
    expect(await page.locator('#no-changes').innerText()).toContain('as version 2 published them');
    expect(await page.locator('#nothing-to-publish').count()).toBe(1);

    const v2 = await published();
    expect(v2.number).toBe(2);
    expect(v2.items.map((i) => i.title)).toContain(BUS_PASS);

    // The public page, signed out: version 2 with its changes; version 1 as it was.
    const visitor = await app.newPage();
    await visit(visitor, `/local-offer/${v2.slug}`, { h1: 'Our local offer for care leavers', visible: '#change-list' });
    expect(await visitor.locator('#published').innerText()).toMatch(/^Version 2, published /);
    expect(await visitor.locator('main').innerText()).toContain('Our offer, updated with the Care Leavers’ Forum in the autumn.');
    expect((await shownItems(visitor)).map((s) => s.id).sort()).toEqual(v2.items.map((i) => i.commitmentId).sort());
    expect(await visitor.locator('#change-list li').allInnerTexts()).toEqual(expect.arrayContaining([`New: ${BUS_PASS}`]));
    await visitor.getByRole('link', { name: 'Version 1', exact: true }).click();
    await afterAction(visitor, { path: `/local-offer/${v2.slug}?version=1`, visible: '#older-version' });
    expect((await shownItems(visitor)).map((s) => s.id).sort()).toEqual(v1.items.map((i) => i.commitmentId).sort());
    expect(await visitor.locator('main').innerText()).not.toContain(BUS_PASS);
    await finishJourney(visitor, 'local-offer-version-1', { visible: '#older-version' });
    await finishJourney(page, 'local-offer-published', { h1: 'Publish the local offer' });
  });

  it('only the secretariat reaches the publish page', async () => {
    const page = await app.newPage();
    await signIn(page, 'sam.okoro@riverside.example', app.demo.password);
    await visit(page, '/commitments/local-offer', { h1: 'Page not found' });
    await visit(page, '/commitments', { h1: 'Commitments' });
    expect(await page.getByRole('button', { name: 'Publish the local offer' }).count()).toBe(0);
    await finishJourney(page, 'local-offer-not-secretariat', { h1: 'Commitments' });
  });
});
