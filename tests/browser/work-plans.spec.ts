import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { afterAction, countApiRequests, finishJourney, h1, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey (d), issue 4: the partnership dashboard and the sub-groups' work plans, on the
 * demo partnership's active plans. A sub-group chair edits one of their plan's actions and
 * posts an update that changes its RAG, and the dashboard counts it; a member of another
 * agency can read that action but not change it, in the page or by calling the api
 * directly; filtering a plan by RAG lists exactly what the database holds; and the plan's
 * CSV export has the documented columns.
 *
 * What each journey expects is worked out from the database (with the same visibility rules
 * the api applies), so it does not depend on the demo's wording or on the day it runs.
 */
const app = useBrowserStack();

const CHAIR = { email: 'sunita.rao@riverside.example', name: 'Sunita Rao', subGroup: 'Education' };
const BOARD_MEMBER = { email: 'helen.ashworth@riverside.example', name: 'Helen Ashworth' };

/** The columns the README documents for the CSV import and export, in export order. */
const CSV_COLUMNS = [
  'objective',
  'title',
  'description',
  'owner_email',
  'lead_agency',
  'supporting_agencies',
  'start_date',
  'due_date',
  'status',
  'rag',
  'success_measure',
  'framework_items',
  'visibility',
];

const OPEN = `a.status IN ('NOT_STARTED','IN_PROGRESS')`;

/** The actions a user may see (as applyVisibility in libs/db decides), for the user whose id is $1. */
const VISIBLE_TO = `(
  EXISTS (SELECT 1 FROM users s WHERE s.id = $1 AND s.role = 'SECRETARIAT')
  OR a.visibility = 'PARTNERSHIP'
  OR (a.visibility = 'SUB_GROUP' AND a.sub_group_id IN (SELECT m.sub_group_id FROM sub_group_memberships m WHERE m.user_id = $1))
  OR (a.visibility = 'AGENCY' AND a.lead_agency_id = (SELECT u.agency_id FROM users u WHERE u.id = $1))
  OR (a.visibility = 'RESTRICTED' AND $1 = ANY(a.restricted_user_ids))
)`;

interface ChosenAction {
  id: string;
  title: string;
  subGroupId: string;
  workPlanId: string;
  planTitle: string;
  ownerUserId: string;
  leadAgencyId: string;
  /** The plan's last day, YYYY-MM-DD: a due date the edit may move the action to. */
  periodEnd: string;
}

async function one<T extends object>(sql: string, params: unknown[] = []): Promise<T> {
  const r = await app.pg.query<T>(sql, params);
  expect(r.rows).toHaveLength(1);
  return r.rows[0];
}

async function userId(email: string): Promise<string> {
  return (await one<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).id;
}

let chosen: ChosenAction | undefined;

/**
 * The action the first two journeys share: in the chair's sub-group's active plan, in
 * progress, Green, and seen by the whole partnership. Chosen once, before anything changes it.
 */
async function educationAction(): Promise<ChosenAction> {
  chosen ??= await one<ChosenAction>(
    `SELECT a.id, a.title, a.sub_group_id AS "subGroupId", a.work_plan_id AS "workPlanId", w.title AS "planTitle",
            a.owner_user_id AS "ownerUserId", a.lead_agency_id AS "leadAgencyId", to_char(w.period_end, 'YYYY-MM-DD') AS "periodEnd"
     FROM actions a JOIN work_plans w ON w.id = a.work_plan_id JOIN sub_groups g ON g.id = a.sub_group_id
     WHERE g.name = $1 AND w.status = 'ACTIVE' AND a.status = 'IN_PROGRESS' AND a.rag = 'GREEN' AND a.visibility = 'PARTNERSHIP'
     ORDER BY a.title LIMIT 1`,
    [CHAIR.subGroup],
  );
  return chosen;
}

interface ActionRow {
  title: string;
  status: string;
  rag: string;
  version: number;
  success_measure: string;
  due_date: string;
}

async function actionRow(id: string): Promise<ActionRow> {
  return one<ActionRow>(
    `SELECT title, status, rag, version, success_measure, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM actions WHERE id = $1`,
    [id],
  );
}

/** The dashboard's RAG tags for a plan as the api should count them for this user: "1 Red", "2 Amber", "3 Green", "1 Complete". */
async function ragTagsFromDb(workPlanId: string, viewerId: string): Promise<string[]> {
  const r = await one<{ red: number; amber: number; green: number; blue: number }>(
    `SELECT count(*) FILTER (WHERE ${OPEN} AND a.rag = 'RED')::int AS red,
            count(*) FILTER (WHERE ${OPEN} AND a.rag = 'AMBER')::int AS amber,
            count(*) FILTER (WHERE ${OPEN} AND a.rag = 'GREEN')::int AS green,
            count(*) FILTER (WHERE a.status = 'COMPLETE')::int AS blue
     FROM actions a WHERE a.work_plan_id = $2 AND ${VISIBLE_TO}`,
    [viewerId, workPlanId],
  );
  return [`${r.red} Red`, `${r.amber} Amber`, `${r.green} Green`, `${r.blue} Complete`];
}

async function dashboardTags(page: Page, subGroup: string): Promise<string[]> {
  const row = page.locator(`#dashboard tr[data-sub-group="${subGroup}"]`);
  expect(await row.count()).toBe(1);
  return (await row.locator('.govuk-tag').allInnerTexts()).map((t) => t.trim());
}

/** The value shown against a key in a GOV.UK summary list. */
async function summaryValue(page: Page, list: string, key: string): Promise<string> {
  const row = page.locator(`${list} .govuk-summary-list__row`, {
    has: page.locator('.govuk-summary-list__key', { hasText: new RegExp(`^\\s*${key}\\s*$`) }),
  });
  expect(await row.count()).toBe(1);
  return ((await row.locator('.govuk-summary-list__value').innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

async function bannerText(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner--success').innerText()).replace(/\s+/g, ' ').trim();
}

/** Today in London as the date fields show it: { day: '5', month: '3', year: '2027' }. */
function todayParts(): { day: string; month: string; year: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value]),
  );
  return { day: String(Number(p.day)), month: String(Number(p.month)), year: p.year };
}

/** "31 March 2027", as the pages write a calendar date. */
function longDate(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** RFC 4180, enough to read an export's records (cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('work plans and the dashboard', () => {
  it('a sub-group chair edits an action and posts an update that turns it Red, and the dashboard counts it', async () => {
    const action = await educationAction();
    const chairId = await userId(CHAIR.email);
    const tagsBefore = await ragTagsFromDb(action.workPlanId, chairId);
    const updatesBefore = await one<{ n: number }>('SELECT count(*)::int AS n FROM action_updates WHERE action_id = $1', [action.id]);
    const before = await actionRow(action.id);

    const page = await app.newPage();
    await signIn(page, CHAIR.email, app.demo.password, CHAIR.name);
    await page.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Dashboard', exact: true }).click();
    await afterAction(page, { path: '/dashboard', h1: 'Partnership dashboard', visible: '#dashboard' });
    expect(await page.locator('nav[aria-label="Menu"] a[aria-current="page"]').allInnerTexts()).toEqual(['Dashboard']);
    // The dashboard counts what the database holds, as this chair may see it.
    expect(await dashboardTags(page, CHAIR.subGroup)).toEqual(tagsBefore);

    // Dashboard → Education's work plan → the action.
    await page
      .locator(`#dashboard tr[data-sub-group="${CHAIR.subGroup}"]`)
      .getByRole('link', { name: CHAIR.subGroup, exact: true })
      .click();
    await afterAction(page, { path: `/sub-groups/${action.subGroupId}/work-plan`, h1: action.planTitle, visible: '#plan-summary' });
    expect(await summaryValue(page, '#plan-summary', 'RAG')).toBe(tagsBefore.join(' '));
    await page.locator('#plan-actions').getByRole('link', { name: action.title, exact: true }).click();
    await afterAction(page, { path: `/actions/${action.id}`, h1: action.title, visible: '#action-details' });
    expect(await summaryValue(page, '#action-details', 'RAG')).toBe('Green');
    expect(await summaryValue(page, '#action-details', 'Status')).toBe('In progress');

    // Edit: a new success measure and due date; everything else as it was.
    const successMeasure = `Browser test: ${Date.now()}. Every PEP sampled in the summer term rated good or better.`;
    const due = action.periodEnd === before.due_date ? `${action.periodEnd.slice(0, 8)}01` : action.periodEnd;
    // "Edit action" is a link styled as a button.
    const editLink = page.getByRole('button', { name: 'Edit action' });
    expect(await editLink.getAttribute('href')).toBe(`/actions/${action.id}/edit`);
    await editLink.click();
    await afterAction(page, { path: `/actions/${action.id}/edit`, h1: 'Edit action', visible: '#title' });
    expect(await page.locator('#title').inputValue()).toBe(before.title);
    expect(await page.locator('#successMeasure').inputValue()).toBe(before.success_measure);
    expect(await page.locator('#ownerUserId').inputValue()).toBe(action.ownerUserId);
    expect(await page.locator('#leadAgencyId').inputValue()).toBe(action.leadAgencyId);
    expect(await page.locator('input[name="rag"]:checked').inputValue()).toBe('GREEN');
    expect(await page.locator('input[name="status"]:checked').inputValue()).toBe('IN_PROGRESS');
    await page.locator('#successMeasure').fill(successMeasure);
    const [y, m, d] = due.split('-');
    await page.locator('#dueDate-day').fill(String(Number(d)));
    await page.locator('#dueDate-month').fill(String(Number(m)));
    await page.locator('#dueDate-year').fill(y);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { path: `/actions/${action.id}`, h1: action.title, visible: '.govuk-notification-banner--success' });
    expect(await bannerText(page)).toContain('Action saved');
    expect(await summaryValue(page, '#action-details', 'Success measure')).toBe(successMeasure);
    expect(await summaryValue(page, '#action-details', 'Due date')).toBe(longDate(due));
    const edited = await actionRow(action.id);
    expect(edited).toEqual({ ...before, success_measure: successMeasure, due_date: due, version: before.version + 1 });

    // An update that turns it Red, dated today (the form's default).
    const form = page.locator('#update-form');
    const today = todayParts();
    expect({
      day: await page.locator('#updateDate-day').inputValue(),
      month: await page.locator('#updateDate-month').inputValue(),
      year: await page.locator('#updateDate-year').inputValue(),
    }).toEqual(today);
    const narrative = `Browser test ${Date.now()}: two schools withdrew from the summer sampling, so the term's figures will be late.`;
    await form.getByLabel('What progress has been made?').fill(narrative);
    await form.getByRole('group', { name: 'Status' }).getByLabel('In progress', { exact: true }).check();
    await form
      .getByRole('group', { name: /^RAG rating/ })
      .getByLabel('Red', { exact: true })
      .check();
    await form.getByRole('button', { name: 'Post update' }).click();
    await afterAction(page, { path: `/actions/${action.id}`, h1: action.title, visible: '.govuk-notification-banner--success' });
    expect(await bannerText(page)).toContain('Update posted');
    expect(await summaryValue(page, '#action-details', 'RAG')).toBe('Red');

    const posted = await one<{ id: string; narrative: string; rag: string; status: string; author: string; day: string }>(
      `SELECT u.id, u.narrative, u.rag, u.status, a.email AS author, to_char(u.update_date, 'YYYY-MM-DD') AS day
       FROM action_updates u JOIN users a ON a.id = u.author_user_id WHERE u.action_id = $1 ORDER BY u.created_at DESC LIMIT 1`,
      [action.id],
    );
    const isoToday = `${today.year}-${today.month.padStart(2, '0')}-${today.day.padStart(2, '0')}`;
    expect(posted).toEqual({ id: expect.any(String), narrative, rag: 'RED', status: 'IN_PROGRESS', author: CHAIR.email, day: isoToday });
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM action_updates WHERE action_id = $1', [action.id])).n).toBe(
      updatesBefore.n + 1,
    );
    expect(await actionRow(action.id)).toEqual({ ...edited, rag: 'RED', version: edited.version + 1 });

    // The history shows the new update first, and it is the latest update.
    const history = page.locator('#history-list > li');
    expect(await history.count()).toBe(updatesBefore.n + 1);
    expect(await history.first().locator('[data-update-id]').getAttribute('data-update-id')).toBe(posted.id);
    expect(await history.first().innerText()).toContain(narrative);
    expect(await history.first().innerText()).toMatch(/RAG:\s*Red/);
    expect(await page.locator('#latest-update-entry').getAttribute('data-update-id')).toBe(posted.id);
    // The form is ready for the next update.
    expect(await form.getByLabel('What progress has been made?').inputValue()).toBe('');

    // The dashboard now counts it Red: one more Red, one fewer Green, the rest as they were.
    const count = (tags: string[], word: string) => Number(tags.find((t) => t.endsWith(` ${word}`))?.split(' ')[0]);
    const tagsAfter = [`${count(tagsBefore, 'Red') + 1} Red`, tagsBefore[1], `${count(tagsBefore, 'Green') - 1} Green`, tagsBefore[3]];
    expect(await ragTagsFromDb(action.workPlanId, chairId)).toEqual(tagsAfter);
    await page.locator('nav[aria-label="Breadcrumb"]').getByRole('link', { name: 'Dashboard', exact: true }).click();
    await afterAction(page, { path: '/dashboard', h1: 'Partnership dashboard', visible: '#dashboard' });
    expect(await dashboardTags(page, CHAIR.subGroup)).toEqual(tagsAfter);
    await finishJourney(page, 'work-plan-chair-update');
  });

  it('a member of another agency reads the action but cannot edit or update it, in the page or through the api', async () => {
    const action = await educationAction();
    // A demo member who neither owns the action nor works for its lead agency, and does not chair its sub-group
    // (one who sits on the sub-group first: they see most of it).
    const members = app.demo.signIns.filter((s) => s.role === 'MEMBER').map((s) => s.email);
    const other = await one<{ id: string; email: string; name: string }>(
      `SELECT u.id, u.email, u.name FROM users u
       WHERE u.email = ANY($1) AND u.status = 'ACTIVE' AND u.role = 'MEMBER' AND u.agency_id <> $2 AND u.id <> $3
         AND NOT EXISTS (SELECT 1 FROM sub_group_memberships m WHERE m.user_id = u.id AND m.sub_group_id = $4 AND m.role = 'CHAIR')
       ORDER BY EXISTS (SELECT 1 FROM sub_group_memberships m WHERE m.user_id = u.id AND m.sub_group_id = $4) DESC, u.email
       LIMIT 1`,
      [members, action.leadAgencyId, action.ownerUserId, action.subGroupId],
    );

    const page = await app.newPage();
    // Their own session's access token, from the sign-in the page makes.
    let accessToken = '';
    page.on('response', (res) => {
      if (new URL(res.url()).pathname !== '/graphql' || !(res.request().postData() ?? '').includes('signIn(')) return;
      void res
        .json()
        .then((b: { data?: { signIn?: { accessToken?: string } } }) => (accessToken = b.data?.signIn?.accessToken ?? accessToken))
        .catch(() => undefined);
    });
    await signIn(page, other.email, app.demo.password, other.name);
    expect(accessToken).toMatch(/\S{20,}/);

    await visit(page, `/actions/${action.id}`, { h1: action.title, visible: '#action-details' });
    expect(await page.getByRole('button', { name: 'Edit action' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit action' }).count()).toBe(0);
    expect(await page.locator('#update-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Post update' }).count()).toBe(0);
    // What they can read is all there.
    expect(await page.locator('#history-list').isVisible()).toBe(true);
    await visit(page, `/actions/${action.id}/edit`, { path: `/actions/${action.id}/edit`, h1: 'Page not found' });
    expect(await page.locator('#title').count()).toBe(0);

    // Straight to the api with their own session: refused, and nothing changes.
    const current = await actionRow(action.id);
    const before = await app.snapshotDb();
    const call = (query: string, variables: unknown) =>
      page.evaluate(
        async ({ query, variables, token }) => {
          const res = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables }),
          });
          return (await res.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
        },
        { query, variables, token: accessToken },
      );
    // The token works: they read the action, and the api says what they may do with it.
    const read = await call('query ($id: ID!) { action(id: $id) { id version canEdit canUpdate } }', { id: action.id });
    expect(read).toEqual({ data: { action: { id: action.id, version: current.version, canEdit: false, canUpdate: false } } });

    const edit = await call('mutation ($input: UpdateActionInput!) { updateAction(input: $input) { id rag version } }', {
      input: { id: action.id, version: current.version, title: 'Taken over by another agency', rag: 'GREEN', status: 'COMPLETE' },
    });
    expect(edit.data ?? null).toBeNull();
    expect(edit.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const update = await call('mutation ($input: PostActionUpdateInput!) { postActionUpdate(input: $input) { update { id } } }', {
      input: { actionId: action.id, version: current.version, narrative: 'Not mine to post.', status: 'COMPLETE', rag: 'GREEN' },
    });
    expect(update.data ?? null).toBeNull();
    expect(update.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    expect(await app.snapshotDb()).toEqual(before);
    expect(await actionRow(action.id)).toEqual(current);
    // And the action page still shows it as it was, with nothing for them to change.
    await visit(page, `/actions/${action.id}`, { h1: action.title, visible: '#action-details' });
    expect(await page.locator('#update-form').count()).toBe(0);
    await finishJourney(page, 'work-plan-other-agency-refused');
  });

  it('filtering a plan by RAG Red lists exactly the red open actions the viewer may see, and the address keeps the filter', async () => {
    const viewer = await userId(BOARD_MEMBER.email);
    // The active plan with the most red open actions this board member can see.
    const plan = await one<{ id: string; title: string; subGroupId: string; n: number }>(
      `SELECT w.id, w.title, w.sub_group_id AS "subGroupId", count(a.id)::int AS n
       FROM work_plans w JOIN sub_groups g ON g.id = w.sub_group_id
       LEFT JOIN actions a ON a.work_plan_id = w.id AND ${OPEN} AND a.rag = 'RED' AND ${VISIBLE_TO}
       WHERE w.status = 'ACTIVE' GROUP BY w.id, g.name ORDER BY n DESC, g.name LIMIT 1`,
      [viewer],
    );
    const red = await app.pg.query<{ title: string }>(
      `SELECT a.title FROM actions a WHERE a.work_plan_id = $2 AND ${OPEN} AND a.rag = 'RED' AND ${VISIBLE_TO} ORDER BY a.title`,
      [viewer, plan.id],
    );
    const want = red.rows.map((r) => r.title);
    expect(want.length).toBeGreaterThan(0);
    const all = await one<{ n: number }>(`SELECT count(*)::int AS n FROM actions a WHERE a.work_plan_id = $2 AND ${VISIBLE_TO}`, [
      viewer,
      plan.id,
    ]);
    // Some of the plan's actions are not red, so the filter has something to leave out.
    expect(all.n).toBeGreaterThan(want.length);
    expect(want.length).toBeLessThanOrEqual(20); // one page of results

    const page = await app.newPage();
    await signIn(page, BOARD_MEMBER.email, app.demo.password, BOARD_MEMBER.name);
    await visit(page, `/sub-groups/${plan.subGroupId}/work-plan`, { h1: plan.title, visible: '#filters' });
    // Unfiltered, the plan shows every action it lets this viewer see, grouped by objective.
    expect(await page.locator('#actions-table').count()).toBe(0);
    expect(await page.locator('#plan-actions table tbody tr').count()).toBe(all.n);

    const filters = page.getByRole('search', { name: 'Filter and sort actions' });
    await filters.getByRole('group', { name: 'RAG' }).getByLabel('Red', { exact: true }).check();
    await filters.getByRole('button', { name: 'Apply' }).click();
    await afterAction(page, { path: `/sub-groups/${plan.subGroupId}/work-plan?rag=RED`, visible: '#actions-table' });
    expect(new URL(page.url()).searchParams.getAll('rag')).toEqual(['RED']);
    expect(await h1(page)).toBe(plan.title);
    expect((await page.locator('#results-heading').innerText()).trim()).toBe(
      want.length === 1 ? '1 action matches the filters' : `${want.length} actions match the filters`,
    );
    // Focus moves to the results.
    expect(await page.evaluate(`document.activeElement && document.activeElement.id`)).toBe('results-heading');

    const rows = page.locator('#actions-table tbody tr');
    const titles = await rows.locator('th a').allInnerTexts();
    expect([...titles].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(want);
    // Every row says Red in its RAG column (the sixth: action, objective, owner, due, status, RAG).
    const rags = await rows.evaluateAll((trs) =>
      trs.map((tr) => ((tr as unknown as { children: Array<{ textContent: string | null }> }).children[5]?.textContent ?? '').trim()),
    );
    expect(rags).toEqual(want.map(() => 'Red'));
    // The filter stays chosen, and survives a reload of the address.
    expect(await filters.getByRole('group', { name: 'RAG' }).getByLabel('Red', { exact: true }).isChecked()).toBe(true);
    await visit(page, `/sub-groups/${plan.subGroupId}/work-plan?rag=RED`, { h1: plan.title, visible: '#actions-table' });
    expect(await page.locator('#actions-table tbody tr').count()).toBe(want.length);
    await finishJourney(page, 'work-plan-filter-red');
  });

  it('the plan’s CSV export downloads a file with the documented columns and a row per action the viewer may see', async () => {
    const action = await educationAction();
    const chairId = await userId(CHAIR.email);
    const visible = await one<{ n: number }>(`SELECT count(*)::int AS n FROM actions a WHERE a.work_plan_id = $2 AND ${VISIBLE_TO}`, [
      chairId,
      action.workPlanId,
    ]);

    const page = await app.newPage();
    await signIn(page, CHAIR.email, app.demo.password, CHAIR.name);
    await visit(page, `/sub-groups/${action.subGroupId}/work-plan`, { h1: action.planTitle, visible: '#plan-summary' });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const slug = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    expect(file.suggestedFilename()).toBe(`${slug(CHAIR.subGroup)}-${slug(action.planTitle)}.csv`);
    const text = readFileSync((await file.path()) as string, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = parseCsv(text.slice(1));
    expect(records[0]).toEqual(CSV_COLUMNS);
    expect(records.slice(1).filter((r) => r.some((c) => c !== ''))).toHaveLength(visible.n);
    expect(records.slice(1).every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(records.slice(1).map((r) => r[1])).toContain(action.title);
    await afterAction(page, { h1: action.planTitle, visible: '#plan-summary' });
    expect((await page.locator('#export-status').innerText()).trim()).toBe(
      `The plan's actions have been downloaded as ${file.suggestedFilename()}.`,
    );
    await finishJourney(page, 'work-plan-csv-export');
  });

  it('every work-plan page the chair can open passes axe', async () => {
    const action = await educationAction();
    const objective = await one<{ id: string }>('SELECT objective_id AS id FROM actions WHERE id = $1', [action.id]);
    const NOT_NOT_FOUND = /^(?!Page not found$)./;
    const plan = `/work-plans/${action.workPlanId}`;
    const pages: Array<[string, string | RegExp]> = [
      [plan, action.planTitle],
      [`${plan}?status=IN_PROGRESS&status=NOT_STARTED&overdue=yes&sort=rag`, action.planTitle],
      [`${plan}/change`, 'Change plan details'],
      [`${plan}/roll-forward`, 'Roll forward to a new plan'],
      [`${plan}/close`, NOT_NOT_FOUND],
      [`${plan}/import`, 'Import actions from CSV'],
      [`${plan}/objectives/new`, 'Add an objective'],
      [`${plan}/objectives/${objective.id}/change`, 'Change objective'],
      [`${plan}/actions/new?objective=${objective.id}`, 'Add an action'],
      [`/sub-groups/${action.subGroupId}/work-plan/new`, NOT_NOT_FOUND],
    ];
    const page = await app.newPage();
    await signIn(page, CHAIR.email, app.demo.password, CHAIR.name);
    for (const [path, heading] of pages) await visit(page, path, { path, h1: heading });
    await finishJourney(page, 'every-page-work-plans-chair', { path: pages[pages.length - 1][0] });
  });

  it('work-plan forms sent with answers the app refuses show the error summary and change nothing', async () => {
    const action = await educationAction();
    const page = await app.newPage();
    await signIn(page, CHAIR.email, app.demo.password, CHAIR.name);
    const summaryLinks = async () => page.locator('.govuk-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));

    // Each full page load refreshes the session (a refresh token and its audit event), so each check starts from the loaded page.
    // An update with nothing said about progress.
    await visit(page, `/actions/${action.id}`, { h1: action.title, visible: '#update-form' });
    let before = await app.snapshotDb();
    await page.locator('#update-form').getByRole('button', { name: 'Post update' }).click();
    await afterAction(page, { path: `/actions/${action.id}`, visible: '.govuk-error-summary' });
    expect(await summaryLinks()).toEqual(['#narrative']);
    expect(await page.locator('#narrative-error').isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await app.snapshotDb()).toEqual(before);

    // An edit with no title and a due date that does not exist.
    await visit(page, `/actions/${action.id}/edit`, { h1: 'Edit action', visible: '#title' });
    before = await app.snapshotDb();
    await page.locator('#title').fill('');
    await page.locator('#dueDate-day').fill('31');
    await page.locator('#dueDate-month').fill('2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { path: `/actions/${action.id}/edit`, visible: '.govuk-error-summary' });
    const links = await summaryLinks();
    expect(links[0]).toBe('#title');
    expect(links.slice(1)).toEqual([expect.stringMatching(/^#dueDate(-day)?$/)]);
    expect(await page.locator('#title-error').isVisible()).toBe(true);
    expect(await page.locator('#dueDate-error').isVisible()).toBe(true);
    expect(await app.snapshotDb()).toEqual(before);

    // A "due within" filter that is not a number of days.
    await visit(page, `/sub-groups/${action.subGroupId}/work-plan`, { h1: action.planTitle, visible: '#filters' });
    const requests = countApiRequests(page);
    await page.getByLabel('Due within').fill('soon');
    await page.getByRole('search', { name: 'Filter and sort actions' }).getByRole('button', { name: 'Apply' }).click();
    await afterAction(page, { path: `/sub-groups/${action.subGroupId}/work-plan`, visible: '.govuk-error-summary' });
    expect(await summaryLinks()).toEqual(['#due']);
    expect(await page.locator('#due-error').isVisible()).toBe(true);
    // Refused in the page: the address and the list stay as they were.
    expect(requests()).toBe(0);
    await finishJourney(page, 'work-plan-forms-refused');
  });
});
