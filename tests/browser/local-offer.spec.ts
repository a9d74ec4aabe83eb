import { type Page } from 'playwright-core';
import { afterAction, errorSummary, finishJourney, navItems, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey, issue 6: the local offer for care leavers. Signed out, anyone reads the latest
 * published version, and only it: not the changes made since (the demo's unpublished bus
 * pass and reworded leisure pass), nor a commitment outside the offer. It reads on a phone
 * without sideways scrolling. The secretariat's publish page shows the version published
 * now and lists what will change, by area, with a changed wording before and after; they
 * publish with a new introduction (a second, stale copy of the page is then refused and
 * says why), and the public page shows version 2 with what changed while version 1 is
 * still there to read, signed out or in. Nobody else reaches the publish page.
 *
 * Expected values come from the database: the local_offer_versions rows and the commitments.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BUS_PASS = 'Free travel to college or training in your first year';
const LEISURE = 'Free Riverside leisure pass for care leavers';
const NEW_INTRODUCTION = 'Our offer, updated with the Care Leavers’ Forum in the autumn.';
const H1 = 'Our local offer for care leavers';

interface Item {
  commitmentId: string;
  area: string;
  title: string;
  wording: string;
  eligibility: string | null;
  agencyName: string;
}
interface Change {
  kind: 'ADDED' | 'CHANGED' | 'REMOVED';
  commitmentId: string;
  area: string;
  fields: string[];
}
interface Version {
  number: number;
  items: Item[];
  changes: Change[];
  introduction: string;
  publishedAt: Date;
  slug: string;
  partnershipName: string;
}

const AREAS = [
  ['HEALTH_AND_WELLBEING', 'Health and wellbeing'],
  ['RELATIONSHIPS', 'Relationships'],
  ['EDUCATION_AND_TRAINING', 'Education and training'],
  ['EMPLOYMENT', 'Employment'],
  ['ACCOMMODATION', 'Accommodation'],
  ['PARTICIPATION_IN_SOCIETY', 'Participation in society'],
] as const;

const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The latest published version, or the one numbered, as the database holds it. */
async function published(number?: number): Promise<Version> {
  const r = await app.pg.query<Version>(
    `SELECT v.number, v.items, v.changes, v.introduction, v.published_at AS "publishedAt", p.slug, p.name AS "partnershipName"
       FROM local_offer_versions v JOIN partnerships p ON p.id = v.partnership_id
      WHERE $1::int IS NULL OR v.number = $1
      ORDER BY v.number DESC LIMIT 1`,
    [number ?? null],
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0];
}

async function versionCount(): Promise<number> {
  return Number((await app.pg.query<{ n: string }>(`SELECT count(*) AS n FROM local_offer_versions`)).rows[0].n);
}

/** The offer items the public page shows: id, area and text. */
async function shownItems(page: Page): Promise<Array<{ id: string; area: string; text: string }>> {
  return page.locator('section[data-area] [data-commitment-id]').evaluateAll((els) =>
    els.map((e) => ({
      id: e.getAttribute('data-commitment-id') ?? '',
      area: e.closest('section')?.getAttribute('data-area') ?? '',
      text: (e.textContent ?? '').replace(/\s+/g, ' '),
    })),
  );
}

/** A change list as shown: kind, commitment and the area heading it sits under. */
async function shownChanges(page: Page, list: string): Promise<Array<{ kind: string; id: string; area: string }>> {
  return page.locator(`${list} li[data-change]`).evaluateAll((els) =>
    els.map((e) => ({
      kind: e.getAttribute('data-change') ?? '',
      id: e.getAttribute('data-commitment-id') ?? '',
      area: e.closest('[data-change-area]')?.getAttribute('data-change-area') ?? '',
    })),
  );
}

const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

/** The public page shows exactly the version's items, each in its area with its wording, eligibility and provider. */
async function expectShowsVersion(page: Page, v: Version): Promise<void> {
  expect(await page.locator('#published').innerText()).toBe(`Version ${v.number}, published ${LONDON_DAY.format(v.publishedAt)}.`);
  expect(await page.locator('main .govuk-caption-l').innerText()).toBe(v.partnershipName);
  expect(byId(await shownItems(page)).map((s) => [s.id, s.area])).toEqual(
    byId(v.items.map((i) => ({ id: i.commitmentId, area: i.area }))).map((i) => [i.id, i.area]),
  );
  const shown = await shownItems(page);
  for (const item of v.items) {
    const text = shown.find((x) => x.id === item.commitmentId)?.text ?? '';
    expect(text).toContain(squash(item.title));
    expect(text).toContain(squash(item.wording));
    if (item.eligibility) expect(text).toContain(`Who can get it: ${squash(item.eligibility)}`);
    expect(text).toContain(`From ${item.agencyName}`);
  }
  if (v.introduction) expect(squash(await page.locator('#introduction').innerText())).toBe(squash(v.introduction));
  // The six areas in the statutory order, each there even when empty (and then saying so); then any other support.
  const other = v.items.some((i) => i.area === 'OTHER') ? ['Other support'] : [];
  expect(await page.locator('main section[data-area] h2').allInnerTexts()).toEqual([...AREAS.map(([, label]) => label), ...other]);
  for (const [area] of AREAS) {
    const empty = await page.locator(`section[data-area="${area}"] [data-empty-area]`).count();
    expect(empty).toBe(v.items.some((i) => i.area === area) ? 0 : 1);
  }
  // What changed since the version before, grouped by area, exactly as that version recorded it (the first had none before it).
  const changes = v.number > 1 ? v.changes : [];
  expect(byId(await shownChanges(page, '#change-list'))).toEqual(
    byId(changes.map((c) => ({ kind: c.kind, id: c.commitmentId, area: c.area }))),
  );
  expect(await page.locator('#what-changed').count()).toBe(changes.length ? 1 : 0);
}

/** Nothing wider than the screen, at a phone's width. */
async function fitsWidth(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await afterAction(page, { h1: H1 });
  expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
}

describe('the local offer', () => {
  it('signed out, the public page shows exactly the published version, and reads on a phone', async () => {
    const v = await published();
    expect(v.number).toBe(1);
    const page = await app.newPage();
    await visit(page, `/local-offer/${v.slug}`, { h1: H1, visible: '#published' });
    expect(await page.locator('nav[aria-label="Menu"]').count()).toBe(0);
    await expectShowsVersion(page, v);
    expect(await page.locator('#older-version').count()).toBe(0);
    expect(await page.locator('#what-changed').count()).toBe(0);

    // Nothing unpublished: the bus pass joined the offer after version 1, the leisure pass was reworded after it.
    const body = await page.locator('main').innerText();
    expect(body).not.toContain(BUS_PASS);
    expect(body).not.toContain('bring a friend for free on Saturdays');
    expect(body).toContain(LEISURE);
    const unpublished = await app.pg.query<{ title: string; wording: string }>(
      `SELECT title, offer_wording AS wording FROM commitments WHERE in_local_offer AND NOT (id::text = ANY($1))`,
      [v.items.map((i) => i.commitmentId)],
    );
    expect(unpublished.rows.map((r) => r.title)).toEqual([BUS_PASS]);
    expect(body).not.toContain(squash(unpublished.rows[0].wording));
    // Nor anything outside the offer.
    const outside = await app.pg.query<{ title: string }>(`SELECT title FROM commitments WHERE NOT in_local_offer`);
    expect(outside.rows.length).toBeGreaterThan(0);
    for (const o of outside.rows) expect(body).not.toContain(o.title);

    // The JSON document the page links to is the same version.
    const json = (await (await fetch(new URL((await page.locator('#json-link').getAttribute('href')) ?? '', app.url))).json()) as {
      version: number;
      areas: Array<{ items: Array<{ commitmentId: string }> }>;
    };
    expect(json.version).toBe(1);
    expect(json.areas.flatMap((a) => a.items.map((i) => i.commitmentId)).sort()).toEqual(v.items.map((i) => i.commitmentId).sort());

    // A version never published, a version that is not a number, a partnership with no offer: not found.
    await visit(page, `/local-offer/${v.slug}?version=2`, { h1: 'Page not found' });
    await visit(page, `/local-offer/${v.slug}?version=latest`, { h1: 'Page not found' });
    await visit(page, '/local-offer/no-such-partnership', { h1: 'Page not found' });

    // On a phone: one column, no table, nothing wider than the screen, down to 320 pixels wide.
    await visit(page, `/local-offer/${v.slug}`, { h1: H1, visible: '#published' });
    expect(await page.locator('main table').count()).toBe(0);
    await fitsWidth(page, 375, 667);
    await fitsWidth(page, 320, 568);
    await finishJourney(page, 'local-offer-public-phone', { h1: H1 });
  });

  it('the secretariat sees what will change, publishes version 2, and the public page shows it with version 1 still there', async () => {
    const v1 = await published();
    expect(v1.number).toBe(1);
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password);
    await visit(page, '/commitments', { h1: 'Commitments' });
    expect(await page.locator('main a[href="/commitments/local-offer"]').count()).toBe(1);
    await visit(page, '/commitments/local-offer', { h1: 'Publish the local offer', visible: '#preview-changes' });

    // The version published now, with its introduction, which the form starts from.
    const now = squash(await page.locator('#latest-version').innerText());
    expect(now).toContain(`Version ${v1.number}`);
    expect(now).toContain(squash(v1.introduction));
    expect(await page.getByLabel('Introduction').inputValue()).toBe(v1.introduction);

    // What will change: exactly the offer's commitments now against version 1, by area.
    const current = await app.pg.query<{ id: string; title: string; area: string; wording: string }>(
      `SELECT id::text, title, offer_area AS area, offer_wording AS wording FROM commitments WHERE in_local_offer`,
    );
    const before = new Map(v1.items.map((i) => [i.commitmentId, i]));
    const expected = current.rows.flatMap((c) => {
      const was = before.get(c.id);
      if (!was) return [{ kind: 'ADDED', id: c.id, area: c.area }];
      return was.wording !== c.wording || was.title !== c.title || was.area !== c.area ? [{ kind: 'CHANGED', id: c.id, area: c.area }] : [];
    });
    const bus = current.rows.find((c) => c.title === BUS_PASS);
    const leisure = current.rows.find((c) => c.title === LEISURE);
    expect(byId(expected)).toEqual(
      byId([
        { kind: 'ADDED', id: bus?.id ?? '', area: 'EDUCATION_AND_TRAINING' },
        { kind: 'CHANGED', id: leisure?.id ?? '', area: 'HEALTH_AND_WELLBEING' },
      ]),
    );
    expect(byId(await shownChanges(page, '#preview-changes'))).toEqual(byId(expected));
    expect(await page.locator('#preview-changes h3').allInnerTexts()).toEqual(['Health and wellbeing', 'Education and training']);
    const added = page.locator(`#preview-changes li[data-commitment-id="${bus?.id}"]`);
    expect(squash(await added.innerText())).toContain(`New: ${BUS_PASS}`);
    expect(squash(await added.innerText())).toContain(squash(bus?.wording ?? ''));
    // The changed wording before and after, its new words marked.
    const changed = page.locator(`#preview-changes li[data-commitment-id="${leisure?.id}"]`);
    expect(squash(await changed.locator('.app-change-line').innerText())).toBe(`Changed: ${LEISURE} (what you get changed)`);
    const row = changed.locator('tr[data-field="wording"]');
    const cell = async (side: string) => squash((await row.locator(`td[data-side="${side}"]`).textContent()) ?? '');
    const unmarked = (s: string) => s.replace(/\[(new|removed): ([^\]]*)\]/g, '$2');
    expect(unmarked(await cell('before'))).toBe(squash(before.get(leisure?.id ?? '')?.wording ?? ''));
    expect(unmarked(await cell('after'))).toBe(squash(leisure?.wording ?? ''));
    expect(await row.locator('td[data-side="after"] ins').innerText()).toContain('bring a friend for free on Saturdays');

    // A second copy of the page, opened before publishing, will be out of date.
    const stale = await app.newPage();
    await signIn(stale, SECRETARIAT, app.demo.password);
    await visit(stale, '/commitments/local-offer', { h1: 'Publish the local offer', visible: '#preview-changes' });

    await page.getByLabel('Introduction').fill(NEW_INTRODUCTION);
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    await afterAction(page, { visible: '.govuk-notification-banner--success' });
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Version 2 of the local offer is published');
    expect(squash(await page.locator('#latest-version').innerText())).toContain(NEW_INTRODUCTION);
    expect(await page.locator('#no-changes').innerText()).toContain('as version 2 published them');
    expect(await page.locator('#nothing-to-publish').innerText()).toContain('Nothing has changed since version 2');
    expect(await page.getByRole('button', { name: /^Publish version/ }).count()).toBe(0);

    const v2 = await published();
    expect(v2.number).toBe(2);
    expect(v2.introduction).toBe(NEW_INTRODUCTION);
    expect(v2.items.map((i) => i.title)).toContain(BUS_PASS);
    expect(v2.items.find((i) => i.title === LEISURE)?.wording).toBe(leisure?.wording);

    // The stale page is refused, says why, and shows what publishing would change now.
    await stale.getByRole('button', { name: 'Publish version 2' }).click();
    await afterAction(stale, { visible: '.govuk-error-summary' });
    const summary = await errorSummary(stale);
    expect(summary.focused).toBe(true);
    expect(summary.items.map((i) => i.text)).toEqual([
      'Version 2 has been published since you opened this page. Check what will change and publish again.',
    ]);
    expect(await stale.title()).toMatch(/^Error: /);
    expect(await stale.locator('#no-changes').innerText()).toContain('as version 2 published them');
    // Its introduction was left as it was read, so it becomes version 2's rather than putting version 1's back.
    expect(await stale.getByLabel('Introduction').inputValue()).toBe(NEW_INTRODUCTION);
    expect(await stale.locator('#nothing-to-publish').innerText()).toContain('Nothing has changed since version 2');
    expect(await versionCount()).toBe(2);
    await finishJourney(stale, 'local-offer-stale', { visible: '.govuk-error-summary' });

    // The public page, signed out: version 2 with what changed; version 1 as it was.
    const visitor = await app.newPage();
    await visit(visitor, `/local-offer/${v2.slug}`, { h1: H1, visible: '#change-list' });
    await expectShowsVersion(visitor, v2);
    const whatChanged = squash(await visitor.locator('#change-list').innerText());
    expect(whatChanged).toContain(`New: ${BUS_PASS}`);
    expect(whatChanged).toContain(`Changed: ${LEISURE} (what you get changed)`);
    expect(await visitor.locator('main').innerText()).toContain('bring a friend for free on Saturdays');
    await fitsWidth(visitor, 375, 667);
    await visitor.getByRole('link', { name: 'Version 1', exact: true }).click();
    await afterAction(visitor, { path: `/local-offer/${v2.slug}?version=1`, visible: '#older-version' });
    expect(await visitor.locator('#older-version').innerText()).toContain('This is an older version of the offer, not the latest.');
    await expectShowsVersion(visitor, await published(1));
    expect(await visitor.locator('main').innerText()).not.toContain(BUS_PASS);
    expect(await visitor.locator('#json-link').getAttribute('href')).toBe(`/public/local-offer/${v2.slug}?version=1`);
    await finishJourney(visitor, 'local-offer-version-1', { visible: '#older-version' });

    // Signed in, the publish page's list of versions leads to the same public pages.
    expect(await page.locator('#versions li').allInnerTexts()).toHaveLength(2);
    await page.locator('#versions').getByRole('link', { name: 'Version 1', exact: true }).click();
    await afterAction(page, { h1: H1, path: `/local-offer/${v2.slug}?version=1`, visible: '#older-version' });
    expect(await navItems(page)).toContain('Commitments');
    await expectShowsVersion(page, await published(1));
    await page.getByRole('link', { name: 'Read the latest version (version 2)' }).click();
    await afterAction(page, { h1: H1, path: `/local-offer/${v2.slug}`, visible: '#change-list' });
    expect(await page.locator('#older-version').count()).toBe(0);
    await expectShowsVersion(page, v2);
    await finishJourney(page, 'local-offer-published-signed-in', { h1: H1 });
  });

  it('only the secretariat reaches the publish page', async () => {
    for (const email of ['sam.okoro@riverside.example', 'helen.ashworth@riverside.example']) {
      const page = await app.newPage();
      await signIn(page, email, app.demo.password);
      await visit(page, '/commitments/local-offer', { h1: 'Page not found' });
      await visit(page, '/commitments', { h1: 'Commitments' });
      expect(await page.locator('main a[href="/commitments/local-offer"]').count()).toBe(0);
      await finishJourney(page, `local-offer-not-secretariat-${email.split('.')[0]}`, { h1: 'Commitments' });
    }
    // Signed out, the publish page asks to sign in first.
    const visitor = await app.newPage();
    await visit(visitor, '/commitments/local-offer', { h1: 'Sign in', path: /^\/sign-in\?next=/ });
  });
});
