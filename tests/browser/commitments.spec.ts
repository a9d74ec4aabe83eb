import { type Page } from 'playwright-core';
import { afterAction, errorSummary, finishJourney, signIn, useBrowserStack, visit } from './harness';

/**
 * Journey, issue 6: a partner agency's person logs a commitment and posts an update on it,
 * and their agency's summary on the commitments page changes with it; a refused form
 * changes nothing; someone of another agency reads the commitment but has no controls to
 * change it, and the api refuses them too.
 *
 * Expected counts come from the database, with the api's visibility rule for the reader.
 */
const app = useBrowserStack();

const SAM = 'sam.okoro@riverside.example';
const KWAME = 'kwame.mensah@riverside.example';

const IS_SECRETARIAT = `EXISTS (SELECT 1 FROM users s WHERE s.id = $1 AND s.role = 'SECRETARIAT')`;
/** libs/db's visibility rule for commitment c, as the user whose id is $1 sees it. */
const SEES = `(
  ${IS_SECRETARIAT}
  OR c.visibility = 'PARTNERSHIP'
  OR (c.visibility = 'SUB_GROUP' AND c.sub_group_id IN (SELECT m.sub_group_id FROM sub_group_memberships m WHERE m.user_id = $1))
  OR (c.visibility = 'AGENCY' AND c.agency_id = (SELECT u.agency_id FROM users u WHERE u.id = $1))
  OR (c.visibility = 'RESTRICTED' AND $1 = ANY(c.restricted_user_ids))
)`;

interface Person {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
}

async function person(email: string): Promise<Person> {
  const r = await app.pg.query<Person>(
    `SELECT u.id, u.name, u.agency_id AS "agencyId", a.name AS "agencyName" FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.email = $1`,
    [email],
  );
  expect(r.rows).toHaveLength(1);
  return r.rows[0];
}

/** The agency's summary line as the page words it, from the database: what the reader may see of the agency's commitments. */
async function expectedSummary(reader: string, agencyId: string): Promise<string> {
  const r = await app.pg.query<Record<string, number>>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE c.status IN ('NOT_STARTED','IN_PROGRESS'))::int AS open,
            count(*) FILTER (WHERE c.status IN ('NOT_STARTED','IN_PROGRESS') AND c.rag = 'RED')::int AS red,
            count(*) FILTER (WHERE c.status IN ('NOT_STARTED','IN_PROGRESS') AND c.rag = 'AMBER')::int AS amber,
            count(*) FILTER (WHERE c.status IN ('NOT_STARTED','IN_PROGRESS') AND c.rag = 'GREEN')::int AS green,
            count(*) FILTER (WHERE c.status = 'COMPLETE')::int AS complete,
            count(*) FILTER (WHERE c.status = 'CANCELLED')::int AS cancelled,
            count(*) FILTER (WHERE c.status IN ('NOT_STARTED','IN_PROGRESS') AND c.review_date < (now() AT TIME ZONE 'Europe/London')::date)::int AS overdue,
            count(*) FILTER (WHERE c.in_local_offer)::int AS offer
       FROM commitments c WHERE c.agency_id = $2 AND ${SEES}`,
    [reader, agencyId],
  );
  const s = r.rows[0];
  const detail = [
    s.open ? `${s.open} open (${s.red} red, ${s.amber} amber, ${s.green} green)` : '',
    s.complete ? `${s.complete} complete` : '',
    s.cancelled ? `${s.cancelled} cancelled` : '',
    s.overdue ? `${s.overdue} review overdue` : '',
    s.offer ? `${s.offer} in the local offer` : '',
  ].filter(Boolean);
  const head = `${s.total} ${s.total === 1 ? 'commitment' : 'commitments'}`;
  return detail.length ? `${head}: ${detail.join('; ')}` : head;
}

async function shownSummary(page: Page, agencyId: string): Promise<string> {
  return ((await page.locator(`section[data-agency-id="${agencyId}"] [data-testid="agency-summary"]`).textContent()) ?? '').trim();
}

const TITLE = 'Mentoring for care leavers starting university';

describe('commitments', () => {
  it('a partner agency person logs a commitment and posts an update, and their agency summary changes', async () => {
    const sam = await person(SAM);
    const page = await app.newPage();
    await signIn(page, SAM, app.demo.password, sam.name);

    await visit(page, '/commitments', { h1: 'Commitments', visible: `section[data-agency-id="${sam.agencyId}"]` });
    const before = await expectedSummary(sam.id, sam.agencyId);
    expect(await shownSummary(page, sam.agencyId)).toBe(before);
    // Every commitment Sam may see is listed once, under its agency.
    const visible = await app.pg.query<{ id: string }>(`SELECT c.id FROM commitments c WHERE ${SEES}`, [sam.id]);
    expect(
      (await page.locator('tr[data-commitment-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-commitment-id')))).sort(),
    ).toEqual(visible.rows.map((r) => r.id).sort());

    // A form with nothing in it is refused, each problem named, and nothing is written.
    await page.getByRole('button', { name: 'Add a commitment' }).click();
    await afterAction(page, { h1: 'Add a commitment', path: '/commitments/new' });
    expect(await page.locator('.govuk-caption-l').textContent()).toBe(sam.agencyName);
    const snapshot = await app.snapshotDb();
    await page.getByRole('button', { name: 'Add commitment' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items.map((i) => i.text)).toEqual([
      'Enter the commitment',
      'Choose a local offer area, or other',
      'Enter a due date or a review date',
    ]);
    // In the local offer, the wording is needed; a bad figure is named.
    await page.getByLabel('Commitment', { exact: true }).fill(TITLE);
    await page.getByLabel('Local offer area').selectOption('EDUCATION_AND_TRAINING');
    await page.getByLabel('Target').fill('ten');
    await page.locator('#dueDate-day').fill('31');
    await page.locator('#dueDate-month').fill('7');
    await page.locator('#dueDate-year').fill('2027');
    await page.getByLabel('This is part of the local offer').check();
    await page.getByRole('button', { name: 'Add commitment' }).click();
    await afterAction(page, { visible: '.govuk-error-summary' });
    expect((await errorSummary(page)).items.map((i) => i.text)).toEqual([
      'Target must be a number, like 12 or 4.5',
      'Say what care leavers get, in plain words, for the local offer',
    ]);
    expect(await app.snapshotDb()).toEqual(snapshot);

    await page.getByLabel('Target').fill('10');
    await page.getByLabel('Baseline').fill('0');
    await page.getByLabel('Measure').fill('care leavers at university with a mentor');
    await page.getByLabel('Unit').fill('care leavers');
    await page.getByLabel('What care leavers are told').fill('If you go to university, we will find you a mentor who was in care too.');
    await page.getByRole('button', { name: 'Add commitment' }).click();
    await afterAction(page, { h1: TITLE, path: /^\/commitments\/[0-9a-f-]{36}$/ });
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const row = await app.pg.query(
      `SELECT agency_id, created_by_user_id, target::float, in_local_offer, status FROM commitments WHERE id = $1`,
      [id],
    );
    expect(row.rows).toEqual([
      { agency_id: sam.agencyId, created_by_user_id: sam.id, target: 10, in_local_offer: true, status: 'NOT_STARTED' },
    ]);
    expect(await page.locator('#commitment-progress-label').count()).toBe(0);
    expect(await page.getByText('No progress figure yet').count()).toBe(1);

    // An update: a value of 4 from 0 towards 10 is 40% of the way; status and RAG change with it.
    await page.getByLabel(/^Value/).fill('4');
    await page.getByLabel('What has happened').fill('Four mentors matched with first-year students this term.');
    await page.getByLabel('Status').selectOption('IN_PROGRESS');
    await page.getByLabel('RAG').selectOption('AMBER');
    await page.getByRole('button', { name: 'Post update' }).click();
    await afterAction(page, { visible: '#update-history' });
    expect((await page.locator('[role="progressbar"]').getAttribute('aria-valuenow')) ?? '').toBe('40');
    expect(await page.locator('#commitment-progress-label').innerText()).toContain('40% of the way to the target');
    expect(await page.locator('#update-history li').first().innerText()).toContain(
      'Four mentors matched with first-year students this term.',
    );
    const stored = await app.pg.query(`SELECT status, rag, current_value::float AS v FROM commitments WHERE id = $1`, [id]);
    expect(stored.rows).toEqual([{ status: 'IN_PROGRESS', rag: 'AMBER', v: 4 }]);

    // The agency's summary on the commitments page counts it.
    await visit(page, '/commitments', { h1: 'Commitments', visible: `tr[data-commitment-id="${id}"]` });
    const after = await expectedSummary(sam.id, sam.agencyId);
    expect(after).not.toBe(before);
    expect(await shownSummary(page, sam.agencyId)).toBe(after);
    expect(await page.locator(`tr[data-commitment-id="${id}"] [role="progressbar"]`).getAttribute('aria-valuenow')).toBe('40');

    // By local offer area, it is under Education and training.
    await page.getByRole('link', { name: 'local offer area' }).click();
    await afterAction(page, { path: '/commitments?view=area', visible: '#area-EDUCATION_AND_TRAINING' });
    expect(
      await page.locator('section[aria-labelledby="area-EDUCATION_AND_TRAINING"]').locator(`tr[data-commitment-id="${id}"]`).count(),
    ).toBe(1);

    // Filtered to RAG amber and Sam's agency only: the address holds the filters.
    await visit(page, '/commitments?rag=AMBER&mine=yes', { h1: 'Commitments', visible: `tr[data-commitment-id="${id}"]` });
    const amber = await app.pg.query<{ id: string }>(
      `SELECT c.id FROM commitments c WHERE c.agency_id = $2 AND c.rag = 'AMBER' AND c.status IN ('NOT_STARTED','IN_PROGRESS') AND ${SEES}`,
      [sam.id, sam.agencyId],
    );
    expect(
      (await page.locator('tr[data-commitment-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-commitment-id')))).sort(),
    ).toEqual(amber.rows.map((r) => r.id).sort());
    await finishJourney(page, 'commitments-logged', { h1: 'Commitments' });
  });

  it('someone of another agency reads the commitment but cannot change it, in the page or the api', async () => {
    const sam = await person(SAM);
    const kwame = await person(KWAME);
    expect(kwame.agencyId).not.toBe(sam.agencyId);
    const c = await app.pg.query<{ id: string; title: string; version: number }>(
      `SELECT id, title, version FROM commitments WHERE agency_id = $1 AND visibility = 'PARTNERSHIP' ORDER BY title LIMIT 1`,
      [sam.agencyId],
    );
    const commitment = c.rows[0];

    const page = await app.newPage();
    let accessToken = '';
    page.on('response', (res) => {
      if (new URL(res.url()).pathname !== '/graphql' || !(res.request().postData() ?? '').includes('signIn(')) return;
      void res
        .json()
        .then((b: { data?: { signIn?: { accessToken?: string } } }) => (accessToken = b.data?.signIn?.accessToken ?? accessToken))
        .catch(() => undefined);
    });
    await signIn(page, KWAME, app.demo.password, kwame.name);
    await visit(page, `/commitments/${commitment.id}`, { h1: commitment.title, visible: '#updates' });
    expect(await page.getByRole('link', { name: 'Change commitment' }).count()).toBe(0);
    expect(await page.locator('#post-update').count()).toBe(0);
    await visit(page, `/commitments/${commitment.id}/edit`, { h1: 'Change commitment' });
    expect(await page.locator('#title').count()).toBe(0);
    expect(await page.getByText('Only the agency’s own people and the board secretariat can change its commitments.').count()).toBe(1);

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
    const read = await call('query ($id: ID!) { commitment(id: $id) { id canEdit } }', { id: commitment.id });
    expect(read).toEqual({ data: { commitment: { id: commitment.id, canEdit: false } } });
    const edit = await call('mutation ($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { id } }', {
      input: { id: commitment.id, version: commitment.version, title: 'Taken over' },
    });
    expect(edit.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const post = await call('mutation ($input: PostCommitmentUpdateInput!) { postCommitmentUpdate(input: $input) { update { id } } }', {
      input: { commitmentId: commitment.id, version: commitment.version, narrative: 'Not mine.', status: 'COMPLETE', rag: 'GREEN' },
    });
    expect(post.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await app.snapshotDb()).toEqual(before);
    await finishJourney(page, 'commitments-other-agency', { h1: 'Change commitment' });
  });

  it('a board member reads commitments with no add or change controls', async () => {
    const page = await app.newPage();
    await signIn(page, 'helen.ashworth@riverside.example', app.demo.password);
    await visit(page, '/commitments?view=area', { h1: 'Commitments', visible: '#area-HEALTH_AND_WELLBEING' });
    expect(await page.getByRole('button', { name: 'Add a commitment' }).count()).toBe(0);
    const any = await app.pg.query<{ id: string; title: string }>(
      `SELECT id, title FROM commitments WHERE visibility = 'PARTNERSHIP' ORDER BY title LIMIT 1`,
    );
    await visit(page, `/commitments/${any.rows[0].id}`, { h1: any.rows[0].title });
    expect(await page.getByRole('link', { name: 'Change commitment' }).count()).toBe(0);
    await visit(page, '/commitments/new', { h1: 'Add a commitment' });
    expect(await page.locator('#title').count()).toBe(0);
    await finishJourney(page, 'commitments-board-member', { h1: 'Add a commitment' });
  });
});
