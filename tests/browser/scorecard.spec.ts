import { type Page } from 'playwright-core';
import { afterAction, errorSummary, finishJourney, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey, issue 7: the performance scorecard. The secretariat imports figures from a CSV
 * file: a file with problems is refused, each bad row named by row and column, and nothing
 * changes; a valid file adds a new latest period for the children-looked-after rate and a
 * suppressed figure for another indicator. The scorecard row changes with it (new figure,
 * RAG and trend, checked against what the figures and the indicator's target imply), the
 * suppressed one reads "Suppressed (c)" with no RAG, and the indicator's page has the chart
 * (an SVG picture with an accessible name) and the figures table with the new period. The
 * indicator form names its problems, the api's too, and a stale change is refused with the
 * indicator as it is now. A board member reads the scorecard and an indicator but has no
 * controls, and the import and indicator forms answer "Page not found".
 *
 * Expected figures come from the database (the demo's indicators and values), not guesses.
 */
const app = useBrowserStack();

const SECRETARIAT = 'amira.okafor@riverside.example';
const BOARD_MEMBER = 'helen.ashworth@riverside.example';

interface Indicator {
  id: string;
  code: string;
  name: string;
  unit: 'PERCENTAGE' | 'RATE_PER_10000' | 'COUNT' | 'DAYS';
  polarity: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  target: number | null;
  tolerance: number;
  subGroupId: string | null;
  version: number;
}

async function indicator(code: string): Promise<Indicator> {
  const r = await app.pg.query<Indicator>(
    `SELECT id, code, name, unit, polarity, target::float AS target, amber_tolerance::float AS tolerance,
            sub_group_id AS "subGroupId", version
       FROM indicators WHERE code = $1`,
    [code],
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0];
}

/** Our latest recorded figure of an indicator: its reporting year (the year its period ends) and value. */
async function latestOurs(id: string): Promise<{ year: number; value: number | null; marker: string | null; label: string }> {
  const r = await app.pg.query<{ year: number; value: number | null; marker: string | null; label: string }>(
    `SELECT extract(year FROM period_end)::int AS year, value::float AS value, marker, period_label AS label
       FROM indicator_values WHERE indicator_id = $1 AND area = 'LOCAL' ORDER BY period_end DESC LIMIT 1`,
    [id],
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0];
}

/** A figure as the pages write it in its unit. */
function inUnit(v: number, unit: Indicator['unit']): string {
  const n = v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return unit === 'PERCENTAGE' ? `${n}%` : unit === 'RATE_PER_10000' ? `${n} per 10,000` : unit === 'DAYS' ? `${n} days` : n;
}

/** The RAG the figure earns against the indicator's target, tolerance and polarity (the rule in DESIGN.md). */
function ragFor(v: number, ind: Indicator): 'Red' | 'Amber' | 'Green' {
  if (ind.target === null) throw new Error(`${ind.code} has no target`);
  const shortfall = ind.polarity === 'HIGHER_IS_BETTER' ? ind.target - v : v - ind.target;
  return shortfall <= 0 ? 'Green' : shortfall <= ind.tolerance ? 'Amber' : 'Red';
}

/** Better or worse, from which way the figure moved and which way is better. */
function better(from: number, to: number, polarity: Indicator['polarity']): boolean {
  return polarity === 'HIGHER_IS_BETTER' ? to > from : to < from;
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().innerText()) ?? '').replace(/\s+/g, ' ').trim();

/** The words of an element without what is hidden from screen readers (the trend's arrow, which only repeats them). */
async function words(page: Page, selector: string): Promise<string> {
  type Part = { remove(): void; prepend(s: string): void };
  type Copy = { querySelectorAll(s: string): { forEach(f: (n: Part) => void): void }; textContent: string | null };
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const copy = (el as unknown as { cloneNode(deep: boolean): Copy }).cloneNode(true);
      copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
      copy.querySelectorAll('.govuk-\\!-display-block').forEach((n) => n.prepend(' '));
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
}

/** A scorecard row's cells by column, as shown. */
async function scorecardRow(page: Page, code: string) {
  const row = `#scorecard tr[data-indicator-code="${code}"]`;
  return {
    period: await text(page, `${row} [data-column="period"]`),
    ours: await text(page, `${row} [data-column="ours"]`),
    target: await text(page, `${row} [data-column="target"]`),
    rag: await text(page, `${row} [data-column="rag"]`),
    trend: await words(page, `${row} [data-column="trend"]`),
    arrow: (await page.locator(`${row} [data-trend] [aria-hidden="true"]`).count())
      ? await text(page, `${row} [data-trend] [aria-hidden="true"]`)
      : '',
    trendKind: await page.locator(`${row} [data-trend]`).getAttribute('data-trend'),
    neighbours: await text(page, `${row} [data-area="STATISTICAL_NEIGHBOURS"]`),
    region: await text(page, `${row} [data-area="REGION"]`),
    england: await text(page, `${row} [data-area="ENGLAND"]`),
  };
}

async function chooseCsv(page: Page, name: string, csv: string): Promise<void> {
  await page.locator('#csvFile').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
}

describe('the scorecard', () => {
  it('the secretariat imports figures: a bad file changes nothing; a good one changes the scorecard and the chart', async () => {
    const rate = await indicator('CLA-RATE');
    const touch = await indicator('CL-TOUCH-1921');
    const before = await latestOurs(rate.id);
    const first = await app.pg.query<{ value: number; label: string }>(
      `SELECT value::float AS value, period_label AS label FROM indicator_values
        WHERE indicator_id = $1 AND area = 'LOCAL' ORDER BY period_end LIMIT 1`,
      [rate.id],
    );
    const touchBefore = await latestOurs(touch.id);
    expect(before.value).not.toBeNull();
    expect(touchBefore.value).not.toBeNull();
    const year = before.year + 1;
    const newLabel = `Year to 31 March ${year}`;

    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await visit(page, '/scorecard', { h1: 'Scorecard', visible: '#scorecard' });
    // One row per current indicator.
    const current = await app.pg.query<{ code: string }>(`SELECT code FROM indicators WHERE retired_at IS NULL ORDER BY code`);
    const codes = await page
      .locator('#scorecard tr[data-indicator-code]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-indicator-code')));
    expect([...codes].sort()).toEqual(current.rows.map((r) => r.code).sort());
    const was = await scorecardRow(page, 'CLA-RATE');
    expect(was.period).toBe(before.label);
    expect(was.ours).toBe(inUnit(before.value as number, rate.unit));
    expect(was.target).toBe(inUnit(rate.target as number, rate.unit));
    expect(was.rag).toBe(ragFor(before.value as number, rate));

    await page.getByRole('button', { name: 'Import figures' }).click();
    await afterAction(page, { h1: 'Import figures', path: '/scorecard/import' });

    // A file with problems: every bad row is named by row and column, and nothing is written.
    const bad = [
      'time_period,time_identifier,geographic_level,area_name,indicator,value,commentary',
      `${year},Reporting year,Local authority,Riverside,CLA-RATE,86,`,
      `${year},Reporting year,Local authority,Riverside,NO-SUCH-CODE,12,`,
      `${year},Reporting year,National,England,CLA-RATE,seventy,`,
      `${year},Reporting year,Planet,Earth,CLA-RATE,70,`,
      `${year},Fortnight,Local authority,Riverside,CL-TOUCH-1921,c,`,
    ].join('\n');
    const snapshot = await app.snapshotDb();
    await chooseCsv(page, 'figures-with-problems.csv', bad);
    await page.getByRole('button', { name: 'Check file' }).click();
    await afterAction(page, { visible: '#import-errors' });
    expect((await errorSummary(page)).items).toEqual([
      { text: 'The file has 4 problems. Fix them in the file and check it again', href: '#csvFile' },
    ]);
    const problems: string[][] = [];
    for (const row of await page.locator('#import-errors tbody tr').all()) problems.push(await row.locator('td').allInnerTexts());
    expect(problems.map(([row, column]) => [row, column])).toEqual([
      ['3', 'indicator'],
      ['4', 'value'],
      ['5', 'geographic_level'],
      ['6', 'time_identifier'],
    ]);
    expect(problems[0][2]).toContain('NO-SUCH-CODE');
    expect(problems[1][2]).toContain('seventy');
    expect(await text(page, '#import-problems-count')).toContain(
      'The file has 5 rows of figures, and 4 rows have problems. Nothing has been imported.',
    );
    expect(await page.getByRole('button', { name: 'Import figures' }).count()).toBe(0);
    expect(await app.snapshotDb()).toEqual(snapshot);

    // A valid file: a new latest year for the rate with its comparators, and a suppressed figure for care leavers in touch.
    const ours = 86;
    const neighbours = 52;
    const region = 63;
    const england = 69;
    const commentary = 'Down for the fourth year: the edge of care service now works weekends.';
    const good = [
      'time_period,time_identifier,geographic_level,area_name,indicator,value,commentary',
      `${year},Reporting year,Local authority,Riverside,CLA-RATE,${ours},${commentary}`,
      `${year},Reporting year,Statistical neighbours,,CLA-RATE,${neighbours},`,
      `${year},Reporting year,Regional,,CLA-RATE,${region},`,
      `${year},Reporting year,National,England,CLA-RATE,${england},`,
      `${year},Reporting year,Local authority,Riverside,CL-TOUCH-1921,c,Fewer than six young people: suppressed.`,
    ].join('\n');
    await chooseCsv(page, 'figures.csv', good);
    await page.getByRole('button', { name: 'Check file' }).click();
    await afterAction(page, { visible: '#import-ready' });
    expect(await text(page, '#import-ready')).toBe('5 figures ready to import');
    const counts = (await page.locator('#import-summary .govuk-summary-list__row').allInnerTexts()).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
    expect(counts).toEqual([
      'File figures.csv',
      'Rows of figures 5',
      'New figures 5',
      'Figures replacing one already recorded 0',
      'Rows the same as what is recorded 0',
      'Suppressed or missing, kept as a gap with its marker 1',
    ]);
    expect(await app.snapshotDb()).toEqual(snapshot);

    await page.getByRole('button', { name: 'Import figures' }).click();
    await afterAction(page, { h1: 'Figures imported', path: '/scorecard/import' });
    const stored = await app.pg.query<{ code: string; area: string; value: number | null; marker: string | null; label: string }>(
      `SELECT i.code, v.area, v.value::float AS value, v.marker, v.period_label AS label
         FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
        WHERE extract(year FROM v.period_end) = $1 ORDER BY i.code, v.area`,
      [year],
    );
    expect(stored.rows).toEqual([
      { code: 'CL-TOUCH-1921', area: 'LOCAL', value: null, marker: 'c', label: newLabel },
      { code: 'CLA-RATE', area: 'ENGLAND', value: england, marker: null, label: newLabel },
      { code: 'CLA-RATE', area: 'LOCAL', value: ours, marker: null, label: newLabel },
      { code: 'CLA-RATE', area: 'REGION', value: region, marker: null, label: newLabel },
      { code: 'CLA-RATE', area: 'STATISTICAL_NEIGHBOURS', value: neighbours, marker: null, label: newLabel },
    ]);

    await page.getByRole('link', { name: 'Go to the scorecard' }).click();
    await afterAction(page, { h1: 'Scorecard', path: '/scorecard', visible: '#scorecard' });
    const now = await scorecardRow(page, 'CLA-RATE');
    const improving = better(before.value as number, ours, rate.polarity);
    const direction = ours < (before.value as number) ? 'down' : 'up';
    expect(now).toEqual({
      period: newLabel,
      ours: inUnit(ours, rate.unit),
      target: inUnit(rate.target as number, rate.unit),
      rag: ragFor(ours, rate),
      trend: `${improving ? 'Improving' : 'Getting worse'} ${direction} from ${inUnit(before.value as number, rate.unit)}`,
      arrow: direction === 'down' ? '↓' : '↑',
      trendKind: improving ? 'IMPROVING' : 'WORSENING',
      neighbours: `${inUnit(neighbours, rate.unit)} ${better(neighbours, ours, rate.polarity) ? 'Ours is better' : 'Ours is worse'}`,
      region: `${inUnit(region, rate.unit)} ${better(region, ours, rate.polarity) ? 'Ours is better' : 'Ours is worse'}`,
      england: `${inUnit(england, rate.unit)} ${better(england, ours, rate.polarity) ? 'Ours is better' : 'Ours is worse'}`,
    });
    // The figures move the RAG: the demo's 92 was red against a target of 80 with 6 of tolerance; 86 is amber, at the edge.
    expect(was.rag).not.toBe(now.rag);

    // The suppressed figure is shown in words, never as zero, and earns no RAG and no trend.
    const suppressed = await scorecardRow(page, 'CL-TOUCH-1921');
    expect(suppressed.period).toBe(newLabel);
    expect(suppressed.ours).toBe('Suppressed (c)');
    expect(suppressed.rag).toBe('No figure');
    expect(suppressed.trend).toBe('Not comparable');
    expect(suppressed.neighbours).toBe('No figure');

    // The indicator's page: the chart, a picture with a name and a description, and every figure in the table under it.
    await page.getByRole('link', { name: rate.name }).click();
    await afterAction(page, { h1: rate.name, path: `/scorecard/${rate.id}`, visible: 'svg[role="img"]' });
    const chart = page.getByRole('img', { name: `${rate.name}: ours against comparators over time` });
    expect(await chart.count()).toBe(1);
    const description = await chart.getAttribute('aria-describedby');
    expect(await text(page, `[id="${description}"]`)).toContain(
      `Ours was ${inUnit(first.rows[0].value, rate.unit)} in ${first.rows[0].label} and ${inUnit(ours, rate.unit)} in ${newLabel}.`,
    );
    // Four lines (ours and three comparators) and the target rule are drawn.
    expect(await page.locator('[data-testid="indicator-chart"] svg[role="img"] path').count()).toBeGreaterThanOrEqual(4);
    const periods = await page.locator('#figures-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period')));
    expect(periods[periods.length - 1]).toBe(newLabel);
    expect(periods).toHaveLength(4);
    const last = `#figures-table tr[data-period="${newLabel}"]`;
    expect(await text(page, `${last} [data-area="LOCAL"]`)).toBe(inUnit(ours, rate.unit));
    expect(await text(page, `${last} [data-area="STATISTICAL_NEIGHBOURS"]`)).toBe(inUnit(neighbours, rate.unit));
    expect(await text(page, `${last} [data-area="REGION"]`)).toBe(inUnit(region, rate.unit));
    expect(await text(page, `${last} [data-area="ENGLAND"]`)).toBe(inUnit(england, rate.unit));
    expect(await text(page, `${last} [data-column="rag"]`)).toBe(ragFor(ours, rate));
    expect(await text(page, last)).toContain(commentary);

    // The suppressed indicator's chart leaves a gap: its table says so in words.
    await visit(page, `/scorecard/${touch.id}`, { h1: touch.name, visible: 'svg[role="img"]' });
    expect(await text(page, `#figures-table tr[data-period="${newLabel}"] [data-area="LOCAL"]`)).toBe('Suppressed (c)');
    expect(await text(page, `#figures-table tr[data-period="${newLabel}"] [data-column="rag"]`)).toBe('No figure');
    await finishJourney(page, 'scorecard-import');
  });

  it('the indicator form names every problem, the api’s too, and a stale change shows the indicator as it is now', async () => {
    const page = await app.newPage();
    await signIn(page, SECRETARIAT, app.demo.password, 'Amira Okafor');
    await visit(page, '/scorecard', { h1: 'Scorecard', visible: '#scorecard' });
    await page.getByRole('button', { name: 'Add an indicator' }).click();
    await afterAction(page, { h1: 'Add an indicator', path: '/scorecard/new' });
    const snapshot = await app.snapshotDb();
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items).toEqual([
      { text: 'Enter a short code for the indicator, such as CLA-RATE', href: '#code' },
      { text: 'Enter the indicator’s name', href: '#name' },
      { text: 'Choose a unit', href: '#unit' },
      { text: 'Choose whether higher or lower is better', href: '#polarity' },
      { text: 'Choose how often it is reported', href: '#frequency' },
    ]);
    // Filled in, but with a code already taken and a percentage target over 100: the api names both fields in turn.
    await page.getByLabel('Code').fill('cla-rate');
    await page.getByLabel('Name').fill('Care leavers with a pathway plan');
    await page.getByLabel('Percentage').check();
    await page.getByLabel('Higher is better').check();
    await page.getByLabel('Target (optional)').fill('120');
    await page.getByLabel('Annual').check();
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items).toEqual([{ text: 'Another indicator already has the code CLA-RATE.', href: '#code' }]);
    expect(await text(page, '#code-error')).toBe('Error: Another indicator already has the code CLA-RATE.');
    await page.getByLabel('Code').fill('CL-PATHWAY');
    await page.getByRole('button', { name: 'Add indicator' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items).toEqual([{ text: 'A percentage target must be between 0 and 100.', href: '#target' }]);
    expect(await app.snapshotDb()).toEqual(snapshot);

    // A change made on a stale page is refused; the form then shows the indicator as it is now.
    const dental = await indicator('DENTAL');
    await visit(page, `/scorecard/${dental.id}`, { h1: dental.name, visible: 'svg[role="img"]' });
    await page.getByRole('button', { name: 'Change indicator' }).click();
    await afterAction(page, { h1: 'Change indicator', path: `/scorecard/${dental.id}/edit` });
    await app.pg.query(`UPDATE indicators SET name = 'Dental checks in the year', version = version + 1 WHERE id = $1`, [dental.id]);
    await page.getByLabel('Target (optional)').fill('90');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { visible: '#conflict' });
    expect((await errorSummary(page)).items.map((i) => i.text)).toEqual([
      'Someone else changed this indicator since you opened it. Check the current details and make your change again.',
    ]);
    expect(await page.getByLabel('Name').inputValue()).toBe('Dental checks in the year');
    expect(await page.getByLabel('Target (optional)').inputValue()).toBe(String(dental.target));
    await page.getByLabel('Target (optional)').fill('90');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { h1: 'Dental checks in the year', path: `/scorecard/${dental.id}` });
    const saved = await indicator('DENTAL');
    expect(saved.target).toBe(90);
    expect(saved.version).toBe(dental.version + 2);

    // Recording a figure on the indicator's page: a period the api cannot read is named on its field; a marker is kept as a gap.
    const latest = await latestOurs(dental.id);
    await page.getByLabel('Period (time_period)').fill(`${latest.year - 1}${String(latest.year % 100).padStart(2, '0')}`);
    await page.getByLabel('England').check();
    await page.getByRole('textbox', { name: /^Figure \(/ }).fill('x');
    await page.getByRole('button', { name: 'Record figure' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items).toEqual([
      { text: 'For a reporting year, time_period must be the year it ends, for example 2025.', href: '#timePeriod' },
    ]);
    await page.getByLabel('Period (time_period)').fill(String(latest.year));
    await page.getByRole('button', { name: 'Record figure' }).click();
    await afterAction(page, { visible: '.govuk-notification-banner--success' });
    expect(await text(page, `#figures-table tr[data-period="${latest.label}"] [data-area="ENGLAND"]`)).toBe('Not available (x)');
    const england = await app.pg.query(
      `SELECT value, marker FROM indicator_values WHERE indicator_id = $1 AND area = 'ENGLAND' AND period_label = $2`,
      [dental.id, latest.label],
    );
    expect(england.rows).toEqual([{ value: null, marker: 'x' }]);
    await finishJourney(page, 'scorecard-indicator-form');
  });

  it('a board member reads the scorecard and an indicator but gets no controls, and no import or indicator forms', async () => {
    const page = await app.newPage();
    await signIn(page, BOARD_MEMBER, app.demo.password, 'Helen Ashworth');
    await visit(page, '/scorecard', { h1: 'Scorecard', visible: '#scorecard' });
    expect(await page.getByRole('button', { name: 'Import figures' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add an indicator' }).count()).toBe(0);

    // The sub-group filter: only the indicators the chosen sub-group owns.
    const group = await app.pg.query<{ id: string; name: string }>(`SELECT id, name FROM sub_groups WHERE name = 'Placements'`);
    const owned = await app.pg.query<{ code: string }>(`SELECT code FROM indicators WHERE sub_group_id = $1 AND retired_at IS NULL`, [
      group.rows[0].id,
    ]);
    expect(owned.rows.length).toBeGreaterThan(0);
    await page.getByLabel('Sub-group').selectOption({ label: 'Placements' });
    await page.getByRole('button', { name: 'Show indicators' }).click();
    await afterAction(page, { h1: 'Scorecard', path: `/scorecard?subGroup=${group.rows[0].id}`, visible: '#scorecard' });
    const codes = await page
      .locator('#scorecard tr[data-indicator-code]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-indicator-code')));
    expect([...codes].sort()).toEqual(owned.rows.map((r) => r.code).sort());

    const rate = await indicator('CLA-RATE');
    await page.getByRole('link', { name: rate.name }).click();
    await afterAction(page, { h1: rate.name, path: `/scorecard/${rate.id}`, visible: 'svg[role="img"]' });
    expect(await page.getByRole('button', { name: 'Change indicator' }).count()).toBe(0);
    expect(await page.locator('#record-figure').count()).toBe(0);

    for (const path of ['/scorecard/import', '/scorecard/new', `/scorecard/${rate.id}/edit`]) {
      await visit(page, path, { h1: 'Page not found' });
    }
    await finishJourney(page, 'scorecard-board-member', { h1: 'Page not found' });
  });
});
