/**
 * Issue 5, "Search": one PostgreSQL full-text search over actions, evidence, highlight
 * reports and the comments on evidence and reports, ranked, with marked snippets, and never
 * returning what the searcher may not see (DESIGN.md §3): each record type's visibility is
 * applied in SQL, comments follow the record they are on, and nothing crosses partnerships.
 */
import { randomUUID } from 'node:crypto';
import {
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  type TestUser,
  type WorkPlanFixture,
  addAgency,
  addMembership,
  addSubGroup,
  addUser,
  createPartnership,
  insertAction,
  insertWorkPlan,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

type Viewer = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'council' | 'outsider' | 'named';
const VIEWERS: Viewer[] = ['secretariat', 'boardMember', 'chair', 'member', 'council', 'outsider', 'named'];
const ALL = VIEWERS;
const HEALTH_MEMBERS: Viewer[] = ['secretariat', 'chair', 'member', 'council'];
const HEALTH_AGENCY: Viewer[] = ['secretariat', 'chair', 'member'];

const SEARCH = `query($query: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
  search(query: $query, kinds: $kinds, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind recordKind recordId title snippet { text highlight } updatedAt } }
  } }`;

type Hit = {
  id: string;
  kind: string;
  recordKind: string;
  recordId: string;
  title: string;
  snippet: Array<{ text: string; highlight: boolean }>;
  updatedAt: string;
};
type Conn = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Hit }>;
};

/**
 * Every record below holds the common word "kestrel" and its own made-up word (its key,
 * lower-cased), so each search's expected answer is exact. Who may see each one:
 */
const RECORDS = {
  // actions, by visibility
  actPub: ALL,
  actSg: HEALTH_MEMBERS,
  actAg: HEALTH_AGENCY,
  actRs: ['secretariat', 'named'],
  // evidence, by visibility and status
  evPubAcc: ALL,
  evSgSub: HEALTH_MEMBERS,
  evAgRet: HEALTH_AGENCY,
  evRsAcc: ['secretariat', 'named'],
  evPubResub: ALL,
  // drafts: the owning agency's people within its visibility, and the author
  evDraftHealth: ['secretariat', 'chair', 'member'],
  evDraftCouncil: ['secretariat', 'council', 'boardMember'],
  evSgDraftCouncil: ['secretariat', 'council'],
  evRsDraftByMember: ['secretariat', 'member'],
  evEduAgPolice: ['secretariat', 'outsider'],
  // evidence comments follow their evidence
  ecOnPub: ALL,
  ecOnRs: ['secretariat', 'named'],
  ecOnAg: HEALTH_AGENCY,
  // reports: drafts and returned ones stay with the sub-group
  hrDraft: HEALTH_MEMBERS,
  hrEduSub: ALL,
  hrRet: HEALTH_MEMBERS,
  hrAcc: ALL,
  // report comments follow their report
  rcOnEduSub: ALL,
  rcOnRet: HEALTH_MEMBERS,
  rcOnAcc: ALL,
} satisfies Record<string, Viewer[]>;
type Key = keyof typeof RECORDS;
const KEYS = Object.keys(RECORDS) as Key[];
const word = (k: Key) => `zq${k.toLowerCase()}`;
const KIND: Record<string, string> = {
  act: 'ACTION',
  ev: 'EVIDENCE',
  ec: 'EVIDENCE_COMMENT',
  hr: 'HIGHLIGHT_REPORT',
  rc: 'REPORT_COMMENT',
};
const kindOf = (k: Key) => KIND[k.replace(/[A-Z].*$/, '')];

describe('search', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let education: string;
  const users = {} as Record<Viewer, TestUser>;
  const tokens = {} as Record<Viewer, string>;
  let tokenB: string;
  const as = (who: Viewer): GqlClient => stack.client(tokens[who]);
  const ids = {} as Record<Key, string>;
  const bIds: string[] = [];
  const extra: Record<string, string> = {};

  const search = async (who: Viewer, vars: Record<string, unknown>): Promise<Conn> =>
    (await as(who).ok<{ search: Conn }>(SEARCH, { first: 100, ...vars })).search;

  // ---- fixtures, written straight to the database --------------------------------------------

  const meeting = async (p: TestPartnership, startsAt = '2026-12-03T10:00:00Z'): Promise<string> => {
    const id = randomUUID();
    await stack.pg.query('INSERT INTO meetings (id, partnership_id, starts_at, report_deadline) VALUES ($1, $2, $3, $4)', [
      id,
      p.id,
      startsAt,
      '2026-11-19',
    ]);
    return id;
  };
  const action = async (
    p: TestPartnership,
    plan: WorkPlanFixture,
    title: string,
    description: string,
    o: Parameters<typeof insertAction>[3] = {},
  ) => {
    const id = await insertAction(stack.pg, p, plan, { title, ...o });
    await stack.pg.query('UPDATE actions SET description = $2 WHERE id = $1', [id, description]);
    return id;
  };
  const evidence = async (
    p: TestPartnership,
    o: {
      subGroupId?: string;
      status: string;
      title: string;
      narrative?: string;
      visibility?: string;
      agencyId?: string;
      by: string;
      restrictedUserIds?: string[];
    },
  ): Promise<string> => {
    const id = randomUUID();
    await stack.pg.query(
      `INSERT INTO evidence (id, partnership_id, sub_group_id, agency_id, created_by_user_id, title, narrative, kind, status, visibility,
                             restricted_user_ids, return_comment, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'CASE_STUDY', $8, $9, $10, CASE WHEN $8 = 'RETURNED' THEN 'Please add dates' END,
               CASE WHEN $8 <> 'DRAFT' THEN now() END)`,
      [
        id,
        p.id,
        o.subGroupId ?? p.subGroupId,
        o.agencyId ?? p.agencies.health,
        o.by,
        o.title,
        o.narrative ?? '',
        o.status,
        o.visibility ?? 'PARTNERSHIP',
        o.restrictedUserIds ?? [],
      ],
    );
    return id;
  };
  const report = async (p: TestPartnership, o: { meetingId: string; subGroupId: string; status: string; summary: string; by: string }) => {
    const id = randomUUID();
    await stack.pg.query(
      `INSERT INTO highlight_reports (id, partnership_id, meeting_id, sub_group_id, created_by_user_id, status, summary, snapshot, submitted_at,
                                      return_comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6 <> 'DRAFT' THEN '{}'::jsonb END, CASE WHEN $6 <> 'DRAFT' THEN now() END,
               CASE WHEN $6 = 'RETURNED' THEN 'Please add the figures' END)`,
      [id, p.id, o.meetingId, o.subGroupId, o.by, o.status, o.summary],
    );
    return id;
  };
  const evidenceComment = async (p: TestPartnership, evidenceId: string, by: string, body: string) =>
    (
      await stack.pg.query<{ id: string }>(
        'INSERT INTO evidence_comments (partnership_id, evidence_id, author_user_id, body) VALUES ($1, $2, $3, $4) RETURNING id',
        [p.id, evidenceId, by, body],
      )
    ).rows[0].id;
  const reportComment = async (p: TestPartnership, reportId: string, by: string, body: string) =>
    (
      await stack.pg.query<{ id: string }>(
        'INSERT INTO highlight_report_comments (partnership_id, report_id, author_user_id, body) VALUES ($1, $2, $3, $4) RETURNING id',
        [p.id, reportId, by, body],
      )
    ).rows[0].id;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Saltmarsh');
    B = await createPartnership(stack.pg, 'Farside');
    const police = await addAgency(stack.pg, A, 'Saltmarsh Police', 'POLICE');
    const voluntary = await addAgency(stack.pg, A, 'Saltmarsh Voluntary Action', 'VOLUNTARY');
    const council = await addUser(stack.pg, A, 'councilmember', { agencyId: A.agencies.council });
    await addMembership(stack.pg, A, council.id);
    const outsider = await addUser(stack.pg, A, 'outsider', { agencyId: police });
    education = await addSubGroup(stack.pg, A, 'Education');
    await addMembership(stack.pg, A, outsider.id, 'MEMBER', education);
    const named = await addUser(stack.pg, A, 'named', { agencyId: voluntary });
    Object.assign(users, {
      secretariat: A.secretariat,
      boardMember: A.boardMember,
      chair: A.chair,
      member: A.member,
      council,
      outsider,
      named,
    });
    const sessions = await Promise.all(VIEWERS.map((w) => signIn(stack.client(), users[w].email)));
    VIEWERS.forEach((w, i) => (tokens[w] = sessions[i].accessToken));
    tokenB = (await signIn(stack.client(), B.secretariat.email)).accessToken;

    const text = (k: Key) => `The kestrel ${word(k)} record`;
    const plan = await insertWorkPlan(stack.pg, A);
    ids.actPub = await action(A, plan, 'Partnership action', text('actPub'));
    ids.actSg = await action(A, plan, 'Sub-group action', text('actSg'), { visibility: 'SUB_GROUP' });
    ids.actAg = await action(A, plan, 'Agency action', text('actAg'), { visibility: 'AGENCY' });
    ids.actRs = await action(A, plan, 'Restricted action', text('actRs'), { visibility: 'RESTRICTED', restrictedUserIds: [named.id] });

    const sec = A.secretariat.id;
    const ev = (k: Key, o: Omit<Parameters<typeof evidence>[1], 'title' | 'narrative'>) =>
      evidence(A, { title: `Evidence ${k}`, narrative: text(k), ...o }).then((id) => (ids[k] = id));
    await ev('evPubAcc', { status: 'ACCEPTED', by: sec });
    await ev('evSgSub', { status: 'SUBMITTED', visibility: 'SUB_GROUP', by: sec });
    await ev('evAgRet', { status: 'RETURNED', visibility: 'AGENCY', by: sec });
    await ev('evRsAcc', { status: 'ACCEPTED', visibility: 'RESTRICTED', restrictedUserIds: [named.id], by: sec });
    await ev('evPubResub', { status: 'RESUBMITTED', by: sec });
    await ev('evDraftHealth', { status: 'DRAFT', by: A.member.id });
    await ev('evDraftCouncil', { status: 'DRAFT', agencyId: A.agencies.council, by: council.id });
    await ev('evSgDraftCouncil', { status: 'DRAFT', visibility: 'SUB_GROUP', agencyId: A.agencies.council, by: council.id });
    await ev('evRsDraftByMember', { status: 'DRAFT', visibility: 'RESTRICTED', restrictedUserIds: [named.id], by: A.member.id });
    await ev('evEduAgPolice', { status: 'SUBMITTED', visibility: 'AGENCY', agencyId: police, subGroupId: education, by: outsider.id });
    ids.ecOnPub = await evidenceComment(A, ids.evPubAcc, A.chair.id, text('ecOnPub'));
    ids.ecOnRs = await evidenceComment(A, ids.evRsAcc, sec, text('ecOnRs'));
    ids.ecOnAg = await evidenceComment(A, ids.evAgRet, A.chair.id, text('ecOnAg'));

    const m1 = await meeting(A);
    const m2 = await meeting(A, '2027-02-04T10:00:00Z');
    const m3 = await meeting(A, '2027-04-01T09:00:00Z');
    ids.hrDraft = await report(A, { meetingId: m1, subGroupId: A.subGroupId, status: 'DRAFT', summary: text('hrDraft'), by: A.chair.id });
    ids.hrEduSub = await report(A, { meetingId: m1, subGroupId: education, status: 'SUBMITTED', summary: text('hrEduSub'), by: sec });
    ids.hrRet = await report(A, { meetingId: m2, subGroupId: A.subGroupId, status: 'RETURNED', summary: text('hrRet'), by: A.chair.id });
    ids.hrAcc = await report(A, { meetingId: m3, subGroupId: A.subGroupId, status: 'ACCEPTED', summary: text('hrAcc'), by: A.chair.id });
    ids.rcOnEduSub = await reportComment(A, ids.hrEduSub, A.boardMember.id, text('rcOnEduSub'));
    ids.rcOnRet = await reportComment(A, ids.hrRet, sec, text('rcOnRet'));
    ids.rcOnAcc = await reportComment(A, ids.hrAcc, A.boardMember.id, text('rcOnAcc'));

    // For ranking and snippets: title matches and narrative-only matches.
    extra.heronTitle = await action(A, plan, 'Heron survey of care leavers', '');
    extra.heronBody = await action(A, plan, 'Wetland access', 'Includes a heron count for the whole county');
    extra.evHeronTitle = await evidence(A, { status: 'ACCEPTED', title: 'Heron report', narrative: 'Seen on the estuary', by: sec });
    extra.evHeronBody = await evidence(A, { status: 'ACCEPTED', title: 'Field notes', narrative: 'We saw one heron at dusk', by: sec });
    // Text that already holds the snippet markers' characters.
    extra.markers = await action(A, plan, 'Pelican marker test', 'Plain \u0001pretend\u0002 marks and \u0002more\u0001 here');
    // Text shaped like markup (and the stand-in character for "<") must come back exactly as written.
    extra.markup = await action(A, plan, 'Cormorant notes', 'Write <b>not bold</b> and a < b, with \u0003 too, cormorant');

    // Partnership B holds every one of the same words, in every kind of record.
    const everything = `kestrel heron pelican ${KEYS.map(word).join(' ')}`;
    const planB = await insertWorkPlan(stack.pg, B);
    bIds.push(await action(B, planB, 'Kestrel heron pelican', everything));
    const evB = await evidence(B, { status: 'ACCEPTED', title: 'Kestrel heron pelican', narrative: everything, by: B.secretariat.id });
    const mB = await meeting(B);
    const hrB = await report(B, { meetingId: mB, subGroupId: B.subGroupId, status: 'SUBMITTED', summary: everything, by: B.chair.id });
    bIds.push(evB, hrB, await evidenceComment(B, evB, B.chair.id, everything), await reportComment(B, hrB, B.boardMember.id, everything));
  });
  afterAll(() => stack?.close());

  // ---- 8. what each person finds -----------------------------------------------------------

  it.each(VIEWERS)('%s finds exactly the records they may see, and nothing of another partnership', async (who) => {
    const visible = KEYS.filter((k) => (RECORDS[k] as Viewer[]).includes(who));
    const hits = await search(who, { query: 'kestrel' });
    expect({ who, found: hits.edges.map((e) => `${e.node.kind}:${e.node.id}`).sort() }).toEqual({
      who,
      found: visible.map((k) => `${kindOf(k)}:${ids[k]}`).sort(),
    });
    expect(hits.totalCount).toBe(visible.length);
    expect(hits.pageInfo.hasNextPage).toBe(false);
    // One record's own word finds that record, or nothing at all.
    for (const k of KEYS) {
      const one = await search(who, { query: word(k) });
      expect({ who, k, found: one.edges.map((e) => e.node.id), total: one.totalCount }).toEqual({
        who,
        k,
        found: visible.includes(k) ? [ids[k]] : [],
        total: visible.includes(k) ? 1 : 0,
      });
    }
    const wide = JSON.stringify(await search(who, { query: 'kestrel OR heron OR pelican' }));
    for (const id of bIds) expect(wide).not.toContain(id);
  });

  it('the other partnership’s secretariat finds only its own records', async () => {
    const hits = (await stack.client(tokenB).ok<{ search: Conn }>(SEARCH, { query: `kestrel ${word('actRs')}`, first: 100 })).search;
    expect(hits.edges.map((e) => e.node.id).sort()).toEqual([...bIds].sort());
  });

  it('a hit names the record to open: comments open the evidence or report they are on', async () => {
    const hits = new Map((await search('secretariat', { query: 'kestrel' })).edges.map((e) => [e.node.id, e.node]));
    const pick = (k: Key) => {
      const h = hits.get(ids[k]) as Hit;
      return { kind: h.kind, recordKind: h.recordKind, recordId: h.recordId, title: h.title };
    };
    expect(pick('actSg')).toEqual({ kind: 'ACTION', recordKind: 'ACTION', recordId: ids.actSg, title: 'Sub-group action' });
    expect(pick('evAgRet')).toEqual({ kind: 'EVIDENCE', recordKind: 'EVIDENCE', recordId: ids.evAgRet, title: 'Evidence evAgRet' });
    expect(pick('ecOnRs')).toEqual({
      kind: 'EVIDENCE_COMMENT',
      recordKind: 'EVIDENCE',
      recordId: ids.evRsAcc,
      title: 'Comment on Evidence evRsAcc',
    });
    expect(pick('hrEduSub')).toEqual({
      kind: 'HIGHLIGHT_REPORT',
      recordKind: 'HIGHLIGHT_REPORT',
      recordId: ids.hrEduSub,
      title: 'Education highlight report, 3 December 2026',
    });
    expect(pick('rcOnRet')).toEqual({
      kind: 'REPORT_COMMENT',
      recordKind: 'HIGHLIGHT_REPORT',
      recordId: ids.hrRet,
      title: 'Comment on the Health highlight report',
    });
  });

  // ---- 9. ranking, snippets, kinds, pages and odd input ------------------------------------

  it('a title match ranks above a narrative-only match', async () => {
    const hits = (await search('boardMember', { query: 'heron' })).edges.map((e) => e.node.id);
    expect(hits).toHaveLength(4);
    expect(new Set(hits.slice(0, 2))).toEqual(new Set([extra.heronTitle, extra.evHeronTitle]));
    expect(new Set(hits.slice(2))).toEqual(new Set([extra.heronBody, extra.evHeronBody]));
  });

  it('snippets are plain text parts with the matched words marked', async () => {
    const snippetOf = async (query: string, id: string) => {
      const hit = (await search('member', { query })).edges.find((e) => e.node.id === id);
      expect(hit).toBeDefined();
      return hit!.node.snippet;
    };
    const marked = (parts: Hit['snippet']) => parts.filter((p) => p.highlight).map((p) => p.text);
    const plain = (parts: Hit['snippet']) => parts.map((p) => p.text).join('');

    const one = await snippetOf('heron', extra.heronBody);
    expect(marked(one)).toEqual(['heron']);
    expect(plain(one)).toContain('Wetland access. Includes a heron count for the whole county');
    // Neighbouring parts never share a highlight state, so each marked word is its own part.
    one.forEach((p, i) => i > 0 && expect(p.highlight).not.toBe(one[i - 1].highlight));

    // Both words, and stemmed forms: "counting" finds and marks "count".
    expect(marked(await snippetOf('heron counting', extra.heronBody))).toEqual(['heron', 'count']);
    expect(marked(await snippetOf('Heron', extra.heronTitle))).toEqual(['Heron']);

    // Characters that mark a snippet never come from the text searched.
    const odd = await snippetOf('pelican', extra.markers);
    expect(marked(odd)).toEqual(['Pelican']);
    expect(plain(odd)).toMatch(/^Pelican marker test\. Plain\s*pretend\s*marks and\s*more\s*here/);
    expect([...plain(odd)].filter((c) => c === '\u0001' || c === '\u0002')).toEqual([]);
    const hidden = await snippetOf('pretend', extra.markers);
    expect(marked(hidden)).toEqual(['pretend']);

    const markup = await snippetOf('cormorant', extra.markup);
    expect(plain(markup)).toBe('Cormorant notes. Write <b>not bold</b> and a < b, with  too, cormorant');
  });

  it('kinds narrows the search, within what the person may see', async () => {
    const found = async (who: Viewer, kinds: string[]) =>
      (await search(who, { query: 'kestrel', kinds })).edges.map((e) => `${e.node.kind}:${e.node.id}`).sort();
    const expect_ = (who: Viewer, kinds: string[]) =>
      KEYS.filter((k) => (RECORDS[k] as Viewer[]).includes(who) && kinds.includes(kindOf(k)))
        .map((k) => `${kindOf(k)}:${ids[k]}`)
        .sort();
    for (const [who, kinds] of [
      ['secretariat', ['EVIDENCE_COMMENT', 'REPORT_COMMENT']],
      ['named', ['ACTION']],
      ['boardMember', ['EVIDENCE']],
      ['council', ['HIGHLIGHT_REPORT', 'REPORT_COMMENT']],
      ['member', ['EVIDENCE', 'EVIDENCE_COMMENT']],
    ] as Array<[Viewer, string[]]>) {
      expect({ who, kinds, found: await found(who, kinds) }).toEqual({ who, kinds, found: expect_(who, kinds) });
    }
    // An empty list means every kind.
    expect((await search('outsider', { query: 'kestrel', kinds: [] })).totalCount).toBe(
      KEYS.filter((k) => (RECORDS[k] as Viewer[]).includes('outsider')).length,
    );
  });

  it('pages follow one another with first/after: no duplicates, nothing missed, the same total on each page', async () => {
    const whole = (await search('secretariat', { query: 'kestrel' })).edges.map((e) => e.node.id);
    expect(whole).toHaveLength(KEYS.length);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Conn = await search('secretariat', { query: 'kestrel', first: 5, after });
      pages += 1;
      expect(page.totalCount).toBe(KEYS.length);
      expect(page.edges.length).toBe(Math.min(5, KEYS.length - seen.length));
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(KEYS.length / 5));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(whole);
    // Past the end: an empty page.
    const last = await search('secretariat', { query: 'kestrel', first: 5, after });
    const beyond = await search('secretariat', { query: 'kestrel', first: 5, after: last.pageInfo.endCursor });
    expect([beyond.edges, beyond.pageInfo]).toEqual([[], { hasNextPage: false, endCursor: null }]);
  });

  const expectFieldError = (r: GqlResult<unknown>, fields: Array<{ path: string; message: string }>) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ path: ['search'], extensions: { code: 'BAD_USER_INPUT', fields } });
  };

  it('a cursor that is not one of this search’s is a field error, not a crash', async () => {
    const cursor = (key: unknown) => Buffer.from(JSON.stringify([key, randomUUID()]), 'utf8').toString('base64url');
    for (const after of ['nonsense', cursor(-5), cursor(1.5), cursor('2026-01-01T00:00:00.000Z')]) {
      expectFieldError(await as('member').request(SEARCH, { query: 'kestrel', after }), [
        { path: 'after', message: 'This cursor is not valid. Use the endCursor of a previous page.' },
      ]);
    }
  });

  it('stop words alone find nothing; fewer than 2 characters is refused', async () => {
    for (const query of ['the', 'the and of', 'was it']) {
      expect(await search('secretariat', { query })).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
    }
    for (const query of ['k', '  k  ', '']) {
      expectFieldError(await as('member').request(SEARCH, { query }), [
        { path: 'query', message: 'Enter at least 2 characters to search for.' },
      ]);
    }
    expectFieldError(await as('member').request(SEARCH, { query: 'kestrel '.repeat(30) }), [
      { path: 'query', message: 'Search for 200 characters or fewer.' },
    ]);
    const anon = await stack.client().request(SEARCH, { query: 'kestrel' });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('quotes, operators, markup and control characters in a query do not break anything', async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    const kestrel = (await search('chair', { query: 'kestrel' })).edges.map((e) => e.node.id).sort();
    const same = async (query: string) =>
      expect({ query, ids: (await search('chair', { query })).edges.map((e) => e.node.id).sort() }).toEqual({ query, ids: kestrel });
    await same('\u0001kestrel\u0002');
    await same('kestrel\u0002\u0001');
    await same('"kestrel');
    await same('kestrel"');
    await same("'kestrel'");
    await same('kestrel & | ! ( ) : *');
    const ids_ = async (query: string) => (await search('chair', { query })).edges.map((e) => e.node.id).sort();
    expect(await ids_('"heron count"')).toEqual([extra.heronBody]);
    expect(await ids_('"count heron"')).toEqual([]);
    expect(await ids_('heron -count')).toEqual([extra.heronTitle, extra.evHeronTitle, extra.evHeronBody].sort());
    expect(await ids_('pelican OR "heron survey"')).toEqual([extra.markers, extra.heronTitle].sort());
    for (const query of ["'; DROP TABLE actions; --", '\\\\', '""', "''", '\u0001\u0002', '--', 'OR OR', '!!', '::', '<b>kestrel</b>']) {
      const r = await as('chair').request<{ search: Conn }>(SEARCH, { query, first: 100 });
      expect({ query, errors: r.errors }).toEqual({ query, errors: undefined });
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });
});
