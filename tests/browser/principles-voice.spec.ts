import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { afterAction, errorSummary, finishJourney, signIn, useBrowserStack, visit } from './harness';

/**
 * Journeys, issue 7: the principles and the voice of children in care.
 *
 * The coverage matrix flags each principle with no active action or no evidence this year, by
 * a "Gap" tag and in words, exactly as the database says for the reader; the secretariat
 * writes a principle's self-assessment (a refused form writes nothing) and the matrix shows
 * its rating. The secretariat records what young people raised and gives it to the Education
 * sub-group; its chair answers it; "you said, we did" lists it for the year and downloads it
 * as CSV. A board member reads it all but cannot record.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BOARD = 'helen.ashworth@riverside.example';
const CHAIR = 'sunita.rao@riverside.example';

function financialYear(): { period: string; from: string; to: string } {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  const [y, m] = today.split('-').map(Number);
  const first = m >= 4 ? y : y - 1;
  return { period: `${first}-${String((first + 1) % 100).padStart(2, '0')}`, from: `${first}-04-01`, to: `${first + 1}-03-31` };
}

/** The gaps the reader ($1) should see this year, per principle code, from the database with the api's visibility rules. */
async function expectedGaps(userId: string): Promise<Record<string, string[]>> {
  const fy = financialYear();
  const SEES = (t: string) => `(
    EXISTS (SELECT 1 FROM users s WHERE s.id = $1 AND s.role = 'SECRETARIAT')
    OR ${t}.visibility = 'PARTNERSHIP'
    OR (${t}.visibility = 'SUB_GROUP' AND ${t}.sub_group_id IN (SELECT m.sub_group_id FROM sub_group_memberships m WHERE m.user_id = $1))
    OR (${t}.visibility = 'AGENCY' AND ${t}.agency_id = (SELECT u.agency_id FROM users u WHERE u.id = $1))
    OR (${t}.visibility = 'RESTRICTED' AND $1 = ANY(${t}.restricted_user_ids)))`;
  const r = await app.pg.query<{ code: string; actions: number; evidence: number }>(
    `SELECT fi.code,
            (SELECT count(*)::int FROM action_framework_items l JOIN actions a ON a.id = l.action_id JOIN work_plans wp ON wp.id = a.work_plan_id
              WHERE l.framework_item_id = fi.id AND wp.status = 'ACTIVE' AND a.status IN ('NOT_STARTED','IN_PROGRESS') AND ${SEES('a')}) AS actions,
            (SELECT count(*)::int FROM evidence_framework_items l JOIN evidence e ON e.id = l.evidence_id
              WHERE l.framework_item_id = fi.id AND e.status <> 'DRAFT'
                AND (e.submitted_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
                AND (e.created_by_user_id = $1 OR ${SEES('e')})) AS evidence
       FROM framework_items fi JOIN frameworks f ON f.id = fi.framework_id AND f.built_in
      WHERE fi.retired_at IS NULL ORDER BY fi.position`,
    [userId, fy.from, fy.to],
  );
  return Object.fromEntries(
    r.rows.map((x) => [
      x.code,
      [...(x.actions === 0 ? ['No active action'] : []), ...(x.evidence === 0 ? ['No evidence in this period'] : [])],
    ]),
  );
}

async function userId(email: string): Promise<string> {
  return (await app.pg.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).rows[0].id;
}

async function shownGaps(page: Page): Promise<Record<string, string>> {
  const rows = await page
    .locator('#coverage tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-code') ?? '', (tr.querySelector('[data-testid="gaps"]')?.textContent ?? '').trim()]),
    );
  return Object.fromEntries(rows);
}

describe('principles and the voice of children in care', () => {
  it('the coverage matrix flags each principle with no action or no evidence, at a glance and in words', async () => {
    // Arrange a principle with nothing behind it: every demo principle has actions, so CPP-B's are untagged here.
    await app.pg.query(
      `DELETE FROM action_framework_items WHERE framework_item_id IN
         (SELECT fi.id FROM framework_items fi JOIN frameworks f ON f.id = fi.framework_id AND f.built_in WHERE fi.code = 'CPP-B')`,
    );
    const page = await app.newPage();
    await signIn(page, BOARD, app.demo.password);
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Principles', exact: true }).click();
    await afterAction(page, { path: '/principles', visible: '#coverage' });
    const expected = await expectedGaps(await userId(BOARD));
    const noAction = Object.entries(expected).filter(([, g]) => g.includes('No active action'));
    expect(noAction.map(([c]) => c)).toContain('CPP-B');
    const shown = await shownGaps(page);
    for (const [code, gaps] of Object.entries(expected)) {
      const words = gaps.length === 2 ? 'No active action and no evidence in this period' : (gaps[0] ?? '');
      expect({ code, shown: shown[code] }).toEqual({ code, shown: gaps.length ? `Gap${words}` : 'None' });
    }
    const flagged = Object.values(expected).filter((g) => g.length).length;
    expect(await page.locator('#gap-count').innerText()).toBe(`${flagged} of 7 principles have a gap this year.`);
    // The gap is marked by more than colour: the row has the tag and the words, and a principle's page says the same.
    const code = 'CPP-B';
    await page.locator(`tr[data-code="${code}"] th a`).click();
    await afterAction(page, { path: /^\/principles\/[0-9a-f-]{36}\?period=/, visible: '#principle-counts' });
    expect(await page.locator('#principle-counts').innerText()).toContain('No active action');
    // A board member reads the self-assessment but has no form.
    expect(await page.locator('#assess-heading').count()).toBe(0);
    await finishJourney(page, 'principles-coverage-board-member', { visible: '#principle-counts' });
  });

  it('the secretariat writes a principle’s self-assessment, and the matrix shows its rating', async () => {
    const fy = financialYear();
    const unassessed = await app.pg.query<{ id: string; code: string }>(
      `SELECT fi.id, fi.code FROM framework_items fi JOIN frameworks f ON f.id = fi.framework_id AND f.built_in
        WHERE NOT EXISTS (SELECT 1 FROM self_assessments sa WHERE sa.framework_item_id = fi.id AND sa.period = $1) ORDER BY fi.position LIMIT 1`,
      [fy.period],
    );
    const { id, code } = unassessed.rows[0];
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password);
    await visit(page, `/principles/${id}?period=${fy.period}`, { visible: '#assess-heading' });
    expect(await page.locator('#self-assessment').innerText()).toBe(`Not yet assessed for ${fy.period}.`);
    const before = await app.snapshotDb();
    await page.getByRole('button', { name: 'Save self-assessment' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items.map((i) => i.text)).toEqual([
      'Choose a rating',
      'Say how well the partnership delivers against it, and why',
    ]);
    expect(await app.snapshotDb()).toEqual(before);

    await page.getByLabel('Requires improvement').check();
    await page.getByLabel('Why').fill('Young people say they are not asked; the Children in Care Council is drafting a charter.');
    await page.getByRole('button', { name: 'Save self-assessment' }).click();
    await afterAction(page, { visible: '.govuk-notification-banner--success' });
    expect(await page.locator('#self-assessment').innerText()).toContain('Requires improvement');
    const row = await app.pg.query(`SELECT rating, version FROM self_assessments WHERE framework_item_id = $1 AND period = $2`, [
      id,
      fy.period,
    ]);
    expect(row.rows).toEqual([{ rating: 'REQUIRES_IMPROVEMENT', version: 1 }]);

    await visit(page, `/principles?period=${fy.period}`, { visible: '#coverage' });
    expect(await page.locator(`tr[data-code="${code}"]`).innerText()).toContain('Requires improvement');
    await finishJourney(page, 'principles-self-assessment', { visible: '#coverage' });
  });

  it('the secretariat records what young people raised for Education; its chair answers; "you said, we did" lists and downloads it', async () => {
    const issue = 'We want our school to know less about us being in care, and only what it needs.';
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password);
    await visit(page, '/voice', { h1: 'Voice of children in care', visible: '#voice-table' });
    await page.getByRole('button', { name: 'Record an item' }).click();
    await afterAction(page, { path: '/voice/new', h1: 'Record what young people raised' });
    const before = await app.snapshotDb();
    await page.getByRole('button', { name: 'Record item' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items.map((i) => i.text)).toEqual([
      'Enter the date it was raised',
      'Say which group raised it',
      'Say what young people raised',
    ]);
    expect(await app.snapshotDb()).toEqual(before);

    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    const [y, m, d] = today.split('-');
    await page.locator('#raisedOn-day').fill(String(Number(d)));
    await page.locator('#raisedOn-month').fill(String(Number(m)));
    await page.locator('#raisedOn-year').fill(y);
    await page.getByLabel('Which group raised it?').fill('Children in Care Council (11 to 15)');
    await page.getByLabel('What did young people say?').fill(issue);
    await page.getByLabel('A sub-group').check();
    await page.getByLabel('Sub-group', { exact: true }).selectOption({ label: 'Education' });
    await page.getByRole('button', { name: 'Record item' }).click();
    await afterAction(page, { path: /^\/voice\/[0-9a-f-]{36}$/, h1: 'What young people raised' });
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    expect(await page.locator('#issue').innerText()).toBe(issue);
    // Its change page shows it as recorded, assigned to the Education sub-group.
    await visit(page, `/voice/${id}/edit`, { h1: 'Change the item', visible: '#assignedSubGroupId' });
    expect(await page.locator('#issue').inputValue()).toBe(issue);

    // The Education chair sees it assigned to her sub-group and answers it.
    const chair = await app.newPage();
    await signIn(chair, CHAIR, app.demo.password);
    await visit(chair, '/voice?mine=yes', { visible: `tr[data-voice-id="${id}"]` });
    await chair.locator(`tr[data-voice-id="${id}"] a`).click();
    await afterAction(chair, { path: `/voice/${id}`, visible: '#respond-heading' });
    await chair.getByLabel('What was done').fill('Designated teachers now agree with each young person what school staff are told.');
    await chair.getByRole('button', { name: 'Save answer' }).click();
    await afterAction(chair, { visible: '#voice-response' });
    await chair.waitForFunction(`document.querySelector('#voice-response')?.textContent?.includes('Designated teachers')`);
    const stored = await app.pg.query(`SELECT status, response FROM voice_items WHERE id = $1`, [id]);
    expect(stored.rows[0].status).toBe('RESPONDED');
    await finishJourney(chair, 'voice-answered-by-chair', { visible: '#voice-response' });

    // "You said, we did" for the year: every answered item raised in it, as the database says.
    const fy = financialYear();
    await visit(page, `/voice/you-said-we-did?period=${fy.period}`, { h1: 'You said, we did', visible: '#yswd' });
    const answered = await app.pg.query<{ id: string }>(
      `SELECT id FROM voice_items WHERE status IN ('RESPONDED','CLOSED') AND raised_on BETWEEN $1 AND $2 ORDER BY raised_on, created_at, id`,
      [fy.from, fy.to],
    );
    expect(await page.locator('#yswd > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-voice-id')))).toEqual(
      answered.rows.map((r) => r.id),
    );
    expect(await page.locator(`#yswd > li[data-voice-id="${id}"]`).innerText()).toContain('Designated teachers now agree');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`you-said-we-did-${fy.period}.csv`);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.startsWith('\uFEFFDate raised,Raised by,You said,We did,Date responded,Themes,Status\r\n')).toBe(true);
    expect(csv).toContain(issue);
    expect(csv.trim().split('\r\n')).toHaveLength(answered.rows.length + 1);
    await finishJourney(page, 'voice-you-said-we-did', { h1: 'You said, we did' });
  });

  it('a board member reads every item but cannot record one', async () => {
    const page = await app.newPage();
    await signIn(page, BOARD, app.demo.password);
    await visit(page, '/voice', { visible: '#voice-table' });
    const total = await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM voice_items');
    expect(await page.locator('#voice-caption').innerText()).toContain(`${total.rows[0].n}`);
    expect(await page.getByRole('button', { name: 'Record an item' }).count()).toBe(0);
    await visit(page, '/voice/new', { h1: 'Page not found' });
    const open = await app.pg.query<{ id: string }>(`SELECT id FROM voice_items WHERE status = 'OPEN' ORDER BY raised_on LIMIT 1`);
    await visit(page, `/voice/${open.rows[0].id}`, { h1: 'What young people raised' });
    expect(await page.locator('#respond-heading').count()).toBe(0);
    await finishJourney(page, 'voice-board-member', { h1: 'What young people raised' });
  });
});
