import { randomInt } from 'node:crypto';
import { type Page } from 'playwright-core';
import { afterAction, finishJourney, signIn, useBrowserStack, visit } from './harness';

/**
 * Journeys (f), issue 5: search, from the box on every page, and what it never shows.
 *
 * A board member searches from the header box for a word in one of the demo's actions and
 * lands on the results page: exactly the records the database says they may see that match,
 * each linking to its record with the matched words marked; the kind filter narrows them.
 * Evidence a person may not see (kept to its agency, or to people named) is in neither the
 * evidence list, its filters, nor search, and its page answers "Page not found"; its author
 * finds it with the word marked.
 *
 * The expected results come from the database: PostgreSQL's own full-text match on each
 * record's search vector, with the api's visibility rules for the reader.
 */
const app = useBrowserStack();

const BOARD_MEMBER = 'helen.ashworth@riverside.example';
const MEMBER = 'kwame.mensah@riverside.example';
const CHAIR = 'sunita.rao@riverside.example';
const SUB_GROUP = 'Education';

const IS_SECRETARIAT = `EXISTS (SELECT 1 FROM users s WHERE s.id = $1 AND s.role = 'SECRETARIAT')`;

/** libs/db's visibility rule for the record `t`, as the user whose id is $1 sees it. */
const SEES = (t: string) => `(
  ${IS_SECRETARIAT}
  OR ${t}.visibility = 'PARTNERSHIP'
  OR (${t}.visibility = 'SUB_GROUP' AND ${t}.sub_group_id IN (SELECT m.sub_group_id FROM sub_group_memberships m WHERE m.user_id = $1))
  OR (${t}.visibility = 'AGENCY' AND ${t}.agency_id = (SELECT u.agency_id FROM users u WHERE u.id = $1))
  OR (${t}.visibility = 'RESTRICTED' AND $1 = ANY(${t}.restricted_user_ids))
)`;

/** EvidenceRepository.visible: the author; otherwise its visibility, and a draft only to its own agency. */
const SEES_EVIDENCE = `(
  ${IS_SECRETARIAT}
  OR e.created_by_user_id = $1
  OR (${SEES('e')} AND (e.status <> 'DRAFT' OR e.agency_id = (SELECT u.agency_id FROM users u WHERE u.id = $1)))
)`;

/** HighlightReportRepository: submitted or accepted reports, and the reader's own sub-groups' at any stage. */
const SEES_REPORT = `(
  ${IS_SECRETARIAT}
  OR hr.status IN ('SUBMITTED','ACCEPTED')
  OR hr.sub_group_id IN (SELECT m.sub_group_id FROM sub_group_memberships m WHERE m.user_id = $1)
)`;

const QUERY = `websearch_to_tsquery('english', $2)`;

/** Every search hit the reader ($1) should get for the words ($2), as "KIND /path/record-id", in SQL. */
const HITS = `
  SELECT 'ACTION' AS kind, '/actions/' || a.id AS href FROM actions a WHERE a.search_vector @@ ${QUERY} AND ${SEES('a')}
  UNION ALL
  SELECT 'EVIDENCE', '/evidence/' || e.id FROM evidence e WHERE e.search_vector @@ ${QUERY} AND ${SEES_EVIDENCE}
  UNION ALL
  SELECT 'HIGHLIGHT_REPORT', '/reports/' || hr.id FROM highlight_reports hr WHERE hr.search_vector @@ ${QUERY} AND ${SEES_REPORT}
  UNION ALL
  SELECT 'EVIDENCE_COMMENT', '/evidence/' || e.id FROM evidence_comments ec JOIN evidence e ON e.id = ec.evidence_id
   WHERE ec.search_vector @@ ${QUERY} AND ${SEES_EVIDENCE}
  UNION ALL
  SELECT 'REPORT_COMMENT', '/reports/' || hr.id FROM highlight_report_comments hc JOIN highlight_reports hr ON hr.id = hc.report_id
   WHERE hc.search_vector @@ ${QUERY} AND ${SEES_REPORT}`;

async function one<T extends object>(sql: string, params: unknown[] = []): Promise<T> {
  const r = await app.pg.query<T>(sql, params);
  expect(r.rows).toHaveLength(1);
  return r.rows[0];
}

interface Person {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
  role: string;
}

async function person(email: string): Promise<Person> {
  return one<Person>(
    `SELECT u.id, u.name, u.agency_id AS "agencyId", g.name AS "agencyName", u.role
     FROM users u JOIN agencies g ON g.id = u.agency_id WHERE u.email = $1`,
    [email],
  );
}

interface Hit {
  kind: string;
  href: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortHits = (hits: Hit[]) => [...hits].sort((x, y) => byText(`${x.kind} ${x.href}`, `${y.kind} ${y.href}`));

async function hitsFromDb(readerId: string, words: string, kind?: string): Promise<Hit[]> {
  const r = await app.pg.query<Hit>(`SELECT kind, href FROM (${HITS}) h ${kind ? 'WHERE kind = $3' : ''}`, [
    readerId,
    words,
    ...(kind ? [kind] : []),
  ]);
  return sortHits(r.rows);
}

interface Shown extends Hit {
  title: string;
  marks: string[];
}

/** The results as the page lists them, in order. */
async function hitsShown(page: Page): Promise<Shown[]> {
  if (!(await page.locator('#search-results').count())) return [];
  return page.locator('#search-results > li').evaluateAll((lis) =>
    lis.map((li) => {
      const a = li.querySelector('h3 a');
      return {
        kind: li.getAttribute('data-kind') ?? '',
        href: a?.getAttribute('href') ?? '',
        title: (a?.textContent ?? '').trim(),
        // The browser's NodeList, typed loosely here: the tests compile without the DOM library.
        marks: Array.from(li.querySelectorAll('.app-search-snippet mark') as unknown as ArrayLike<{ textContent: string | null }>).map(
          (m) => m.textContent ?? '',
        ),
      };
    }),
  );
}

/** Whether PostgreSQL itself takes the marked text for a match of the words searched. */
async function matches(marked: string, words: string): Promise<boolean> {
  return (await one<{ ok: boolean }>(`SELECT to_tsvector('english', $1) @@ websearch_to_tsquery('english', $2) AS ok`, [marked, words])).ok;
}

async function countText(page: Page): Promise<string> {
  return ((await page.locator('#search-count').innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

function resultsFor(n: number, words: string): string {
  return n === 0 ? `No results for ‘${words}’` : `${n} ${n === 1 ? 'result' : 'results'} for ‘${words}’`;
}

describe('search', () => {
  it('searching from the header box lists what the reader may see, with the words marked, and the kind filter narrows it', async () => {
    const reader = await person(BOARD_MEMBER);
    // A word from the title of an action the reader can see, that also turns up in records of other kinds
    // (so the filter has something to take away), with all the results on one page.
    const words = await app.pg.query<{ word: string }>(
      `SELECT DISTINCT lower(w) AS word FROM actions a, regexp_split_to_table(a.title, '[^A-Za-z]+') w
       WHERE length(w) >= 6 AND ${SEES('a')} ORDER BY 1`,
      [reader.id],
    );
    let chosen: { word: string; all: Hit[]; actions: Hit[] } | undefined;
    for (const { word } of words.rows) {
      const all = await hitsFromDb(reader.id, word);
      const actions = all.filter((h) => h.kind === 'ACTION');
      if (actions.length && actions.length < all.length && all.length <= 20 && (!chosen || all.length > chosen.all.length)) {
        chosen = { word, all, actions };
      }
    }
    if (!chosen) throw new Error('No word in an action title also matches other kinds of record: the demo data has changed.');
    const { word, all, actions } = chosen;

    const page = await app.newPage();
    await signIn(page, BOARD_MEMBER, app.demo.password, reader.name);
    await visit(page, '/dashboard', { h1: 'Partnership dashboard', visible: '#dashboard' });
    const box = page.getByRole('search', { name: 'Site search' });
    await box.getByLabel('Search', { exact: true }).fill(word);
    await box.getByRole('button', { name: 'Search' }).click();
    await afterAction(page, { path: `/search?q=${word}`, h1: 'Search', visible: '#search-count' });
    expect(await page.title()).toMatch(new RegExp(`^Search results for ‘${word}’`));
    // The page's own box carries the words on; the header box is ready for the next search.
    expect(await page.locator('#q').inputValue()).toBe(word);
    expect(await page.locator('#header-search').inputValue()).toBe('');

    expect(await countText(page)).toBe(resultsFor(all.length, word));
    const shown = await hitsShown(page);
    expect(sortHits(shown.map(({ kind, href }) => ({ kind, href })))).toEqual(all);
    expect((await page.locator('#search-shown').innerText()).trim()).toBe(`Showing ${all.length} of ${all.length}`);
    // Every snippet marks what matched, and what it marks is a match by PostgreSQL's own reckoning.
    for (const hit of shown) {
      expect({ href: hit.href, marked: hit.marks.length > 0 }).toEqual({ href: hit.href, marked: true });
      for (const m of new Set(hit.marks)) expect({ marked: m, matches: await matches(m, word) }).toEqual({ marked: m, matches: true });
    }

    // Only actions.
    await page.locator('#kind').selectOption('ACTION');
    await page.getByRole('search', { name: 'Search the workspace' }).getByRole('button', { name: 'Search' }).click();
    await afterAction(page, { path: `/search?q=${word}&kind=ACTION`, h1: 'Search', visible: '#search-count' });
    expect(await countText(page)).toBe(`${resultsFor(actions.length, word)} Actions only`);
    const onlyActions = await hitsShown(page);
    expect(sortHits(onlyActions.map(({ kind, href }) => ({ kind, href })))).toEqual(actions);
    expect(onlyActions.length).toBeLessThan(all.length);
    expect(await page.locator('#kind').inputValue()).toBe('ACTION');

    // A result opens its record.
    const first = onlyActions[0];
    const action = await one<{ title: string }>('SELECT title FROM actions WHERE id = $1', [first.href.split('/')[2]]);
    expect(first.title).toBe(action.title);
    await page.locator('#search-results').getByRole('link', { name: first.title, exact: true }).first().click();
    await afterAction(page, { path: first.href, h1: action.title, visible: '#action-details' });
    await finishJourney(page, 'search-from-header');
  });

  it('evidence kept to an agency or to named people is in neither the list nor search of someone outside them', async () => {
    const author = await person(MEMBER);
    const outsider = await person(BOARD_MEMBER);
    const named = await person(CHAIR);
    const subGroup = await one<{ id: string }>('SELECT id FROM sub_groups WHERE name = $1', [SUB_GROUP]);
    // Outside the author's agency, not the person named, and not the secretariat (who sees everything).
    expect(outsider.agencyId).not.toBe(author.agencyId);
    expect(outsider.id).not.toBe(named.id);
    expect(outsider.role).not.toBe('SECRETARIAT');
    // A word no record has, so the search finds only what this test writes.
    const word = `zq${Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;
    expect(await hitsFromDb(author.id, word)).toEqual([]);

    const page = await app.newPage();
    let accessToken = '';
    page.on('response', (res) => {
      if (new URL(res.url()).pathname !== '/graphql' || !(res.request().postData() ?? '').includes('signIn(')) return;
      void res
        .json()
        .then((b: { data?: { signIn?: { accessToken?: string } } }) => (accessToken = b.data?.signIn?.accessToken ?? accessToken))
        .catch(() => undefined);
    });
    await signIn(page, MEMBER, app.demo.password, author.name);
    expect(accessToken).toMatch(/\S{20,}/);
    const call = async <T>(query: string, variables: unknown): Promise<T> => {
      const res = await page.evaluate(
        async ({ query, variables, token }) => {
          const r = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables }),
          });
          return (await r.json()) as { data?: unknown; errors?: unknown[] };
        },
        { query, variables, token: accessToken },
      );
      expect(res.errors).toBeUndefined();
      return res.data as T;
    };
    // The author writes three pieces of evidence with the word, and submits each: kept to their agency,
    // kept to one named person, and (so that the search demonstrably works for the outsider) for everyone.
    const write = async (title: string, visibility: string, restrictedUserIds: string[] = []) => {
      const created = await call<{ createEvidence: { id: string } }>(
        'mutation ($input: CreateEvidenceInput!) { createEvidence(input: $input) { id } }',
        {
          input: {
            subGroupId: subGroup.id,
            title,
            narrative: `Browser test: the ${word} figures.`,
            kind: 'DATA',
            visibility,
            restrictedUserIds,
          },
        },
      );
      const id = created.createEvidence.id;
      const submitted = await call<{ submitEvidence: { status: string } }>(
        'mutation ($input: EvidenceIdInput!) { submitEvidence(input: $input) { status } }',
        { input: { id } },
      );
      expect(submitted.submitEvidence.status).toBe('SUBMITTED');
      return { id, title };
    };
    const agencyOnly = await write(`Agency only: ${word} attendance`, 'AGENCY');
    const namedOnly = await write(`Named people only: ${word} case notes`, 'RESTRICTED', [named.id]);
    const everyone = await write(`For everyone: ${word} summary`, 'PARTNERSHIP');
    const mine = [agencyOnly, namedOnly, everyone];

    /** Which of the three the reader ($1) may see, by the api's rule. */
    const seenBy = async (readerId: string) =>
      (
        await app.pg.query<{ id: string }>(`SELECT e.id FROM evidence e WHERE e.id = ANY($2::uuid[]) AND ${SEES_EVIDENCE} ORDER BY e.id`, [
          readerId,
          mine.map((e) => e.id),
        ])
      ).rows.map((r) => r.id);
    expect(await seenBy(outsider.id)).toEqual([everyone.id]);
    expect(await seenBy(author.id)).toEqual(mine.map((e) => e.id).sort());

    // The author finds all three, the word marked in each.
    await visit(page, `/search?q=${word}`, { h1: 'Search', visible: '#search-count' });
    expect(await countText(page)).toBe(resultsFor(3, word));
    const authorHits = await hitsShown(page);
    expect(sortHits(authorHits.map(({ kind, href }) => ({ kind, href })))).toEqual(await hitsFromDb(author.id, word));
    expect(authorHits.map((h) => h.href).sort()).toEqual(mine.map((e) => `/evidence/${e.id}`).sort());
    for (const h of authorHits) expect(h.marks.map((m) => m.toLowerCase())).toContain(word);
    await finishJourney(page, 'search-author-finds-own-evidence');

    // The outsider: not in the evidence list.
    const other = await app.newPage();
    await signIn(other, BOARD_MEMBER, app.demo.password, outsider.name);
    await other.locator('nav[aria-label="Menu"]').getByRole('link', { name: 'Evidence', exact: true }).click();
    await afterAction(other, { path: '/evidence', h1: 'Evidence', visible: '#evidence-table' });
    const visibleCount = await one<{ n: number }>(`SELECT count(*)::int AS n FROM evidence e WHERE ${SEES_EVIDENCE}`, [outsider.id]);
    const caption = (await other.locator('#evidence-table-caption').innerText()).trim();
    expect(caption).toBe(`Showing 1 to ${Math.min(20, visibleCount.n)} of ${visibleCount.n} items of evidence`);
    const listed = async () =>
      other.locator('#evidence-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-evidence-id')));
    // Newest change first: the one they may see is at the top, the other two nowhere.
    expect((await listed())[0]).toBe(everyone.id);
    expect(await listed()).not.toContain(agencyOnly.id);
    expect(await listed()).not.toContain(namedOnly.id);

    // Nor when the filters pick out exactly the author's sub-group, agency and status.
    const filters = other.getByRole('search', { name: 'Filter evidence' });
    await filters.getByLabel('Sub-group').selectOption({ label: SUB_GROUP });
    await filters.getByLabel('Agency').selectOption({ label: author.agencyName });
    await filters.getByLabel('Status').selectOption({ label: 'Submitted' });
    await filters.getByLabel('Kind').selectOption({ label: 'Data' });
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await afterAction(other, {
      path: `/evidence?subGroup=${subGroup.id}&status=SUBMITTED&kind=DATA&agency=${author.agencyId}`,
      h1: 'Evidence',
      visible: '#evidence-table',
    });
    const filtered = await app.pg.query<{ id: string }>(
      `SELECT e.id FROM evidence e WHERE ${SEES_EVIDENCE} AND e.sub_group_id = $2 AND e.agency_id = $3 AND e.status = 'SUBMITTED' AND e.kind = 'DATA'
       ORDER BY e.updated_at DESC`,
      [outsider.id, subGroup.id, author.agencyId],
    );
    expect(await listed()).toEqual(filtered.rows.map((r) => r.id));
    expect(await listed()).toContain(everyone.id);

    // Nor in search: only the one for everyone.
    await other.locator('#header-search').fill(word);
    await other.locator('#header-search').press('Enter');
    await afterAction(other, { path: `/search?q=${word}`, h1: 'Search', visible: '#search-count' });
    expect(await countText(other)).toBe(resultsFor(1, word));
    const outsiderHits = await hitsShown(other);
    expect(outsiderHits.map(({ kind, href }) => ({ kind, href }))).toEqual(await hitsFromDb(outsider.id, word));
    expect(outsiderHits.map((h) => h.href)).toEqual([`/evidence/${everyone.id}`]);
    // Nor as evidence alone.
    await visit(other, `/search?q=${word}&kind=EVIDENCE`, { h1: 'Search', visible: '#search-count' });
    expect((await hitsShown(other)).map((h) => h.href)).toEqual([`/evidence/${everyone.id}`]);

    // Their pages answer exactly as a page that does not exist.
    for (const e of [agencyOnly, namedOnly]) {
      await visit(other, `/evidence/${e.id}`, { path: `/evidence/${e.id}`, h1: 'Page not found' });
      expect(await other.getByText(e.title).count()).toBe(0);
    }
    for (const path of [`/evidence/${agencyOnly.id}/change`, `/evidence/${agencyOnly.id}/review`]) {
      await visit(other, path, { path, h1: 'Page not found' });
      expect(await other.getByText(agencyOnly.title).count()).toBe(0);
    }
    await finishJourney(other, 'search-evidence-hidden-from-outsider', { h1: 'Page not found' });

    // The person named finds the one kept to them.
    const third = await app.newPage();
    await signIn(third, CHAIR, app.demo.password, named.name);
    const namedSees = await seenBy(named.id);
    expect(namedSees).toContain(namedOnly.id);
    await visit(third, `/search?q=${word}`, { h1: 'Search', visible: '#search-count' });
    expect(await countText(third)).toBe(resultsFor(namedSees.length, word));
    expect((await hitsShown(third)).map((h) => h.href.split('/')[2]).sort()).toEqual(namedSees);
    await finishJourney(third, 'search-named-person-finds-evidence');
  });
});
