/**
 * Issue 7, the corporate parenting principles: the coverage matrix on a known data set (the
 * counts and exactly the flags expected, only what the reader may see counted), and the
 * secretariat's self-assessment per principle per financial year (create, change, CONFLICT,
 * field errors that write nothing, links read through the reader's own visibility).
 */
import { randomUUID } from 'node:crypto';
import {
  OPS,
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  addAgency,
  addSubGroup,
  addUser,
  createPartnership,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

const COVERAGE = `query($period: String, $from: String, $to: String, $frameworkId: ID) {
  coverage(period: $period, from: $from, to: $to, frameworkId: $frameworkId) {
  period from to framework { id builtIn }
  rows { code title red amber green activeActions commitments evidence indicators flags gapSummary frameworkItem { id }
         selfAssessment { id rating } } } }`;
const SAVE = `mutation($input: SaveSelfAssessmentInput!) { saveSelfAssessment(input: $input) {
  id period rating narrative version frameworkItem { code } updatedBy { id }
  evidence { id } actions { id } commitments { id } indicators { id } } }`;
const LIST = `query($period: String!, $frameworkId: ID) { selfAssessments(period: $period, frameworkId: $frameworkId) {
  id rating frameworkItem { code } evidence { id } actions { id } commitments { id } indicators { id } } }`;
const ONE = `query($id: ID!) { selfAssessment(id: $id) { id rating evidence { id } actions { id } commitments { id } indicators { id } } }`;

type Who = 'secretariat' | 'boardMember' | 'chair' | 'member';
const WHO: Who[] = ['secretariat', 'boardMember', 'chair', 'member'];

interface Row {
  code: string;
  red: number;
  amber: number;
  green: number;
  activeActions: number;
  commitments: number;
  evidence: number;
  indicators: number;
  flags: string[];
  gapSummary: string;
  selfAssessment: { id: string; rating: string } | null;
}

describe('principles: coverage and self-assessment', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let Q: TestPartnership;
  let cpp: Record<string, string>;
  let frameworkId: string;
  const tokens = {} as Record<Who, string>;
  const as = (who: Who): GqlClient => stack.client(tokens[who]);
  /** Records the tests link to. */
  const r = {} as Record<
    'action' | 'hiddenAction' | 'commitment' | 'evidence' | 'hiddenEvidence' | 'indicator' | 'policeCommitment',
    string
  >;

  const q = (sql: string, params: unknown[]) => stack.pg.query(sql, params);
  const ids = (xs: Array<{ id: string }>): string[] => xs.map((x) => x.id).sort();

  async function plan(subGroupId: string, status: string): Promise<{ plan: string; objective: string }> {
    const plan = randomUUID();
    const objective = randomUUID();
    await q(
      `INSERT INTO work_plans (id, partnership_id, sub_group_id, title, period_start, period_end, status) VALUES ($1, $2, $3, 'Plan', '2025-04-01', '2026-03-31', $4)`,
      [plan, P.id, subGroupId, status],
    );
    await q(`INSERT INTO objectives (id, partnership_id, work_plan_id, title, position) VALUES ($1, $2, $3, 'Objective', 1)`, [
      objective,
      P.id,
      plan,
    ]);
    return { plan, objective };
  }

  async function action(
    p: { plan: string; objective: string },
    subGroupId: string,
    o: { status?: string; rag: string; items: string[]; visibility?: string; restricted?: string[] },
  ): Promise<string> {
    const id = randomUUID();
    await q(
      `INSERT INTO actions (id, partnership_id, work_plan_id, objective_id, sub_group_id, title, owner_user_id, lead_agency_id, due_date, status, rag, visibility, restricted_user_ids)
       VALUES ($1, $2, $3, $4, $5, 'Action', $6, $7, '2026-03-31', $8, $9, $10, $11)`,
      [
        id,
        P.id,
        p.plan,
        p.objective,
        subGroupId,
        P.chair.id,
        P.agencies.health,
        o.status ?? 'IN_PROGRESS',
        o.rag,
        o.visibility ?? 'PARTNERSHIP',
        o.restricted ?? [],
      ],
    );
    for (const item of o.items)
      await q(`INSERT INTO action_framework_items (partnership_id, action_id, framework_item_id) VALUES ($1, $2, $3)`, [P.id, id, item]);
    return id;
  }

  async function commitment(agencyId: string, status: string, items: string[], visibility = 'PARTNERSHIP'): Promise<string> {
    const id = randomUUID();
    await q(
      `INSERT INTO commitments (id, partnership_id, agency_id, created_by_user_id, title, offer_area, due_date, status, rag, visibility)
       VALUES ($1, $2, $3, $4, 'Commitment', 'OTHER', '2026-03-31', $5, 'GREEN', $6)`,
      [id, P.id, agencyId, P.secretariat.id, status, visibility],
    );
    for (const item of items)
      await q(`INSERT INTO commitment_framework_items (partnership_id, commitment_id, framework_item_id) VALUES ($1, $2, $3)`, [
        P.id,
        id,
        item,
      ]);
    return id;
  }

  async function evidence(o: {
    status: string;
    submittedAt: string | null;
    items: string[];
    visibility?: string;
    restricted?: string[];
  }): Promise<string> {
    const id = randomUUID();
    await q(
      `INSERT INTO evidence (id, partnership_id, sub_group_id, agency_id, created_by_user_id, title, kind, status, visibility, restricted_user_ids, submitted_at)
       VALUES ($1, $2, $3, $4, $5, 'Evidence', 'DOCUMENT', $6, $7, $8, $9)`,
      [id, P.id, P.subGroupId, P.agencies.health, P.chair.id, o.status, o.visibility ?? 'PARTNERSHIP', o.restricted ?? [], o.submittedAt],
    );
    for (const item of o.items)
      await q(`INSERT INTO evidence_framework_items (partnership_id, evidence_id, framework_item_id) VALUES ($1, $2, $3)`, [
        P.id,
        id,
        item,
      ]);
    return id;
  }

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Principlesford');
    Q = await createPartnership(stack.pg, 'Otherton');
    const p = await principles(stack.pg, P.id);
    cpp = p.items;
    frameworkId = p.frameworkId;
    for (const w of WHO) tokens[w] = (await signIn(stack.client(), P[w].email)).accessToken;
    const police = await addAgency(stack.pg, P, 'Principlesford Police', 'POLICE');
    const housingChair = await addUser(stack.pg, P, 'housingchair', { agencyId: P.agencies.council });
    const housing = await addSubGroup(stack.pg, P, 'Housing', housingChair.id);

    // Active plans: Health's (the chair's sub-group) and Housing's; a closed Health plan whose action must not count.
    const health = await plan(P.subGroupId, 'ACTIVE');
    const housingPlan = await plan(housing, 'ACTIVE');
    const closed = await plan(P.subGroupId, 'CLOSED');
    r.action = await action(health, P.subGroupId, { rag: 'RED', items: [cpp['CPP-A']] });
    await action(health, P.subGroupId, { rag: 'GREEN', items: [cpp['CPP-A'], cpp['CPP-F']] });
    await action(housingPlan, housing, { rag: 'AMBER', items: [cpp['CPP-G']], status: 'NOT_STARTED' });
    // Complete, and in a closed plan: neither is active.
    await action(health, P.subGroupId, { rag: 'GREEN', items: [cpp['CPP-B']], status: 'COMPLETE' });
    await action(closed, P.subGroupId, { rag: 'RED', items: [cpp['CPP-B']] });
    // Restricted to the board member alone: the secretariat and the board member count it; the chair and member do not.
    r.hiddenAction = await action(housingPlan, housing, {
      rag: 'AMBER',
      items: [cpp['CPP-D']],
      visibility: 'RESTRICTED',
      restricted: [P.boardMember.id],
    });

    r.commitment = await commitment(P.agencies.health, 'IN_PROGRESS', [cpp['CPP-A'], cpp['CPP-G']]);
    await commitment(P.agencies.council, 'CANCELLED', [cpp['CPP-A']]);
    // For the police agency only: nobody here is in it but the secretariat sees it.
    r.policeCommitment = await commitment(police, 'IN_PROGRESS', [cpp['CPP-C']], 'AGENCY');

    // Evidence in 2025-26 for CPP-A; a draft for CPP-F; submitted before the year for CPP-G; restricted for CPP-E.
    r.evidence = await evidence({ status: 'ACCEPTED', submittedAt: '2025-06-01T10:00:00Z', items: [cpp['CPP-A']] });
    await evidence({ status: 'DRAFT', submittedAt: null, items: [cpp['CPP-F']] });
    await evidence({ status: 'SUBMITTED', submittedAt: '2025-03-31T22:00:00Z', items: [cpp['CPP-G']] });
    // 31 March 2026 at 23:30 BST is still in the year in London.
    await evidence({ status: 'SUBMITTED', submittedAt: '2026-03-31T22:30:00Z', items: [cpp['CPP-G']] });
    r.hiddenEvidence = await evidence({
      status: 'SUBMITTED',
      submittedAt: '2025-09-01T10:00:00Z',
      items: [cpp['CPP-E']],
      visibility: 'RESTRICTED',
      restricted: [P.boardMember.id],
    });

    const ind = await as('secretariat').ok<{ createIndicator: { id: string } }>(OPS.createIndicator, {
      input: { code: 'PEP', name: 'PEPs on time', unit: 'PERCENTAGE', frequency: 'ANNUAL', frameworkItemIds: [cpp['CPP-E']] },
    });
    r.indicator = ind.createIndicator.id;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const coverage = async (who: Who, vars: Record<string, unknown> = { period: '2025-26' }) =>
    (
      await as(who).ok<{
        coverage: { period: string; from: string; to: string; framework: { id: string; builtIn: boolean }; rows: Row[] };
      }>(COVERAGE, vars)
    ).coverage;

  it('the secretariat’s matrix: each principle’s active actions by RAG, commitments, evidence in the year and indicators, with exactly the expected flags', async () => {
    const c = await coverage('secretariat');
    expect([c.period, c.from, c.to, c.framework]).toEqual(['2025-26', '2025-04-01', '2026-03-31', { id: frameworkId, builtIn: true }]);
    const grid = c.rows.map((x) => [x.code, x.red, x.amber, x.green, x.commitments, x.evidence, x.indicators, x.flags.join(' ')]);
    expect(grid).toEqual([
      ['CPP-A', 1, 0, 1, 1, 1, 0, ''],
      ['CPP-B', 0, 0, 0, 0, 0, 0, 'NO_ACTIVE_ACTION NO_EVIDENCE_IN_PERIOD'],
      ['CPP-C', 0, 0, 0, 1, 0, 0, 'NO_ACTIVE_ACTION NO_EVIDENCE_IN_PERIOD'],
      ['CPP-D', 0, 1, 0, 0, 0, 0, 'NO_EVIDENCE_IN_PERIOD'],
      ['CPP-E', 0, 0, 0, 0, 1, 1, 'NO_ACTIVE_ACTION'],
      ['CPP-F', 0, 0, 1, 0, 0, 0, 'NO_EVIDENCE_IN_PERIOD'],
      ['CPP-G', 0, 1, 0, 1, 1, 0, ''],
    ]);
    expect(c.rows.find((x) => x.code === 'CPP-B')?.gapSummary).toBe('No active action and no evidence in this period');
    expect(c.rows.find((x) => x.code === 'CPP-E')?.gapSummary).toBe('No active action');
    expect(c.rows.find((x) => x.code === 'CPP-D')?.gapSummary).toBe('No evidence in this period');
    expect(c.rows.find((x) => x.code === 'CPP-A')?.gapSummary).toBe('');
  });

  it('counts only what each reader may see', async () => {
    const count = (rows: Row[], code: string) => {
      const x = rows.find((y) => y.code === code) as Row;
      return [x.activeActions, x.commitments, x.evidence, x.flags.join(' ')];
    };
    for (const who of WHO) {
      const rows = (await coverage(who)).rows;
      const sees = who === 'secretariat' || who === 'boardMember';
      // The restricted action (CPP-D) and evidence (CPP-E): the secretariat and the board member named in them.
      expect({ who, d: count(rows, 'CPP-D') }).toEqual({
        who,
        d: sees ? [1, 0, 0, 'NO_EVIDENCE_IN_PERIOD'] : [0, 0, 0, 'NO_ACTIVE_ACTION NO_EVIDENCE_IN_PERIOD'],
      });
      // The chair wrote the restricted evidence, and an author always sees their own.
      expect({ who, e: count(rows, 'CPP-E')[2] }).toEqual({ who, e: sees || who === 'chair' ? 1 : 0 });
      // The police agency's own commitment (CPP-C): only the secretariat.
      expect({ who, c: count(rows, 'CPP-C')[1] }).toEqual({ who, c: who === 'secretariat' ? 1 : 0 });
    }
  });

  it('another year, another framework, and bad periods', async () => {
    const next = await coverage('secretariat', { period: '2026-27' });
    expect(next.rows.find((x) => x.code === 'CPP-G')?.evidence).toBe(0);
    expect(next.rows.find((x) => x.code === 'CPP-A')?.activeActions).toBe(2);
    // Left out, the period is the current financial year in London.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
    const [y, m] = today.split('-').map(Number);
    const first = m >= 4 ? y : y - 1;
    expect((await coverage('secretariat', {})).period).toBe(`${first}-${String((first + 1) % 100).padStart(2, '0')}`);
    for (const period of ['2025-27', '2025', 'last year']) {
      const res = await as('secretariat').request(COVERAGE, { period });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const qFramework = (await principles(stack.pg, Q.id)).frameworkId;
    const other = await as('secretariat').request(COVERAGE, { period: '2025-26', frameworkId: qFramework });
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('from and to narrow the evidence to London days, inclusive; the period follows them unless named', async () => {
    const evidenceOf = (c: { rows: Row[] }) => Object.fromEntries(c.rows.map((x) => [x.code, x.evidence]));
    const none = { 'CPP-A': 0, 'CPP-B': 0, 'CPP-C': 0, 'CPP-D': 0, 'CPP-E': 0, 'CPP-F': 0, 'CPP-G': 0 };
    // 00:30 BST on 1 June 2025: still 31 May in UTC, but 1 June in London.
    await evidence({ status: 'SUBMITTED', submittedAt: '2025-05-31T23:30:00Z', items: [cpp['CPP-B']] });
    // One day: that, and the CPP-A evidence submitted at 11:00 BST on 1 June 2025.
    const day = await coverage('secretariat', { from: '2025-06-01', to: '2025-06-01' });
    expect([day.period, day.from, day.to]).toEqual(['2025-26', '2025-06-01', '2025-06-01']);
    expect(evidenceOf(day)).toEqual({ ...none, 'CPP-A': 1, 'CPP-B': 1 });
    expect(evidenceOf(await coverage('secretariat', { from: '2025-05-31', to: '2025-05-31' }))).toEqual(none);
    const a = day.rows.find((x) => x.code === 'CPP-A') as Row;
    expect([a.activeActions, a.flags, a.gapSummary]).toEqual([2, [], '']);
    // The day after to the year's end: CPP-A has no evidence now; 23:30 BST on 31 March 2026 is still in.
    const later = await coverage('secretariat', { from: '2025-06-02', to: '2026-03-31' });
    expect(evidenceOf(later)).toEqual({ ...none, 'CPP-E': 1, 'CPP-G': 1 });
    expect(later.rows.find((x) => x.code === 'CPP-A')?.flags).toEqual(['NO_EVIDENCE_IN_PERIOD']);
    expect(later.rows.find((x) => x.code === 'CPP-A')?.gapSummary).toBe('No evidence in this period');
    // Only `to`: the year it falls in, from its first day. 23:00 BST on 31 March 2025 is that year's.
    const before = await coverage('secretariat', { to: '2025-03-31' });
    expect([before.period, before.from, before.to]).toEqual(['2024-25', '2024-04-01', '2025-03-31']);
    expect(evidenceOf(before)).toEqual({ ...none, 'CPP-G': 1 });
    // Only `from`: to the end of its year.
    const after = await coverage('secretariat', { from: '2026-04-01' });
    expect([after.period, after.from, after.to]).toEqual(['2026-27', '2026-04-01', '2027-03-31']);
    expect(evidenceOf(after)).toEqual(none);
    // A named period keeps its name; from narrows it.
    const narrowed = await coverage('secretariat', { period: '2025-26', from: '2025-09-01' });
    expect([narrowed.period, narrowed.from, narrowed.to]).toEqual(['2025-26', '2025-09-01', '2026-03-31']);
    expect(evidenceOf(narrowed)).toEqual({ ...none, 'CPP-E': 1, 'CPP-G': 1 });

    const refused: Array<[Record<string, unknown>, string, string?]> = [
      [{ from: '2025-06-02', to: '2025-06-01' }, 'from', 'The start of the period must be on or before its end.'],
      [{ period: '2025-26', from: '2026-04-01' }, 'from', 'The start of the period must be on or before its end.'],
      [{ from: '2025-02-30' }, 'from'],
      [{ to: '31/03/2026' }, 'to'],
    ];
    for (const [vars, path, message] of refused) {
      const res = await as('secretariat').request(COVERAGE, vars);
      expect({ vars, data: res.data ?? null, code: res.errors?.[0].extensions?.code }).toEqual({
        vars,
        data: null,
        code: 'BAD_USER_INPUT',
      });
      const fields = res.errors?.[0].extensions?.fields as Array<{ path: string; message: string }>;
      expect({ vars, paths: [...new Set(fields.map((f) => f.path))] }).toEqual({ vars, paths: [path] });
      if (message) expect(fields[0].message).toBe(message);
    }
  });

  const expectError = (res: GqlResult<unknown>, code: string, path?: string, message?: string) => {
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].extensions?.code).toBe(code);
    if (path) expect(res.errors?.[0].extensions?.fields).toEqual([{ path, message }]);
  };

  it('the secretariat writes a self-assessment, then changes it with the version read; a stale version is a CONFLICT', async () => {
    const created = await as('secretariat').ok<{
      saveSelfAssessment: { id: string; version: number; frameworkItem: { code: string }; evidence: Array<{ id: string }> };
    }>(SAVE, {
      input: {
        frameworkItemId: cpp['CPP-A'],
        period: '2025-26',
        rating: 'GOOD',
        narrative: 'Health assessments are up; the red action on dental checks is the gap.',
        evidenceIds: [r.evidence, r.hiddenEvidence],
        actionIds: [r.action, r.hiddenAction],
        commitmentIds: [r.commitment, r.policeCommitment],
        indicatorIds: [r.indicator],
      },
    });
    const a = created.saveSelfAssessment;
    expect(a).toMatchObject({ version: 1, frameworkItem: { code: 'CPP-A' } });
    expect(ids(a.evidence)).toEqual([r.evidence, r.hiddenEvidence].sort());
    // It shows in the matrix.
    expect((await coverage('boardMember')).rows.find((x) => x.code === 'CPP-A')?.selfAssessment).toEqual({ id: a.id, rating: 'GOOD' });

    const changed = await as('secretariat').ok<{ saveSelfAssessment: { id: string; version: number; evidence: Array<{ id: string }> } }>(
      SAVE,
      {
        input: { frameworkItemId: cpp['CPP-A'], period: '2025-26', rating: 'REQUIRES_IMPROVEMENT', narrative: 'Revised.', version: 1 },
      },
    );
    // The same record; the links left out stay as they were.
    expect(changed.saveSelfAssessment).toMatchObject({ id: a.id, version: 2 });
    expect(ids(changed.saveSelfAssessment.evidence)).toEqual([r.evidence, r.hiddenEvidence].sort());

    const before = await tenantSnapshot(stack.pg, P.id);
    for (const version of [1, undefined]) {
      const stale = await as('secretariat').request(SAVE, {
        input: { frameworkItemId: cpp['CPP-A'], period: '2025-26', rating: 'OUTSTANDING', narrative: 'Too late.', version },
      });
      expectError(stale, 'CONFLICT');
      expect(stale.errors![0].extensions?.current as { id: string; rating: string }).toMatchObject({
        id: a.id,
        rating: 'REQUIRES_IMPROVEMENT',
      });
    }
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
  });

  it('everyone reads it, each seeing only the linked records they may', async () => {
    const [a] = (await as('secretariat').ok<{ selfAssessments: Array<{ id: string }> }>(LIST, { period: '2025-26' })).selfAssessments;
    for (const who of WHO) {
      const one = (
        await as(who).ok<{
          selfAssessment: Record<'evidence' | 'actions' | 'commitments' | 'indicators', Array<{ id: string }>>;
        }>(ONE, { id: a.id })
      ).selfAssessment;
      const sees = who === 'secretariat' || who === 'boardMember';
      // Restricted to the board member; the chair wrote the evidence; the police commitment is that agency's alone.
      expect({
        who,
        evidence: ids(one.evidence),
        actions: ids(one.actions),
        commitments: ids(one.commitments),
        indicators: ids(one.indicators),
      }).toEqual({
        who,
        evidence: (sees || who === 'chair' ? [r.evidence, r.hiddenEvidence] : [r.evidence]).sort(),
        actions: (sees ? [r.action, r.hiddenAction] : [r.action]).sort(),
        commitments: (who === 'secretariat' ? [r.commitment, r.policeCommitment] : [r.commitment]).sort(),
        indicators: [r.indicator],
      });
    }
    const byFramework = await as('member').ok<{ selfAssessments: unknown[] }>(LIST, { period: '2025-26', frameworkId });
    expect(byFramework.selfAssessments).toHaveLength(1);
    expect((await as('member').ok<{ selfAssessments: unknown[] }>(LIST, { period: '2024-25' })).selfAssessments).toEqual([]);
  });

  it('only the secretariat writes one; bad input names its field and writes nothing', async () => {
    const before = await tenantSnapshot(stack.pg, P.id);
    const base = { frameworkItemId: cpp['CPP-B'], period: '2025-26', rating: 'INADEQUATE', narrative: 'Nothing is happening.' };
    for (const who of ['boardMember', 'chair', 'member'] as Who[]) {
      const res = await as(who).request(SAVE, { input: base });
      expectError(res, 'FORBIDDEN');
      expect(res.errors?.[0].message).toBe('Only the board secretariat writes the principles self-assessment.');
    }
    const qItem = (await principles(stack.pg, Q.id)).items['CPP-A'];
    const bad: Array<[Record<string, unknown>, string, string]> = [
      [{ ...base, period: '2025-27' }, 'input.period', 'Period must be a financial year like 2025-26.'],
      [{ ...base, period: '25-26' }, 'input.period', 'Period must be a financial year like 2025-26.'],
      [{ ...base, narrative: '  ' }, 'input.narrative', 'Say how well the partnership delivers against it, and why.'],
      [{ ...base, rating: 'FINE' }, '', ''],
      [{ ...base, frameworkItemId: qItem }, 'input.frameworkItemId', 'Choose a principle or framework item of this partnership.'],
      [{ ...base, evidenceIds: [randomUUID()] }, 'input.evidenceIds', 'Choose evidence from this partnership.'],
      [{ ...base, actionIds: [r.action, randomUUID()] }, 'input.actionIds', 'Choose actions from this partnership.'],
      [{ ...base, commitmentIds: [randomUUID()] }, 'input.commitmentIds', 'Choose commitments from this partnership.'],
      [{ ...base, indicatorIds: [randomUUID()] }, 'input.indicatorIds', 'Choose indicators from this partnership.'],
    ];
    for (const [input, path, message] of bad) {
      const res = await as('secretariat').request(SAVE, { input });
      try {
        if (path) expectError(res, 'BAD_USER_INPUT', path, message);
        else expect(res.errors?.length).toBeGreaterThan(0);
      } catch (e) {
        throw new Error(`${JSON.stringify(input)}: ${(e as Error).message}`);
      }
    }
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
  });

  it('nothing crosses partnerships', async () => {
    const qToken = (await signIn(stack.client(), Q.secretariat.email)).accessToken;
    const qc = stack.client(qToken);
    const [a] = (await as('secretariat').ok<{ selfAssessments: Array<{ id: string }> }>(LIST, { period: '2025-26' })).selfAssessments;
    const res = await qc.request(ONE, { id: a.id });
    expectError(res, 'NOT_FOUND');
    const cov = (await qc.ok<{ coverage: { rows: Row[] } }>(COVERAGE, { period: '2025-26' })).coverage.rows;
    expect(cov.every((x) => x.activeActions === 0 && x.commitments === 0 && x.evidence === 0 && x.selfAssessment === null)).toBe(true);
    const before = await tenantSnapshot(stack.pg, P.id);
    const w = await qc.request(SAVE, {
      input: {
        frameworkItemId: (await principles(stack.pg, Q.id)).items['CPP-A'],
        period: '2025-26',
        rating: 'GOOD',
        narrative: 'Ours',
        evidenceIds: [r.evidence],
      },
    });
    expectError(w, 'BAD_USER_INPUT', 'input.evidenceIds', 'Choose evidence from this partnership.');
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
  });

  it('the partnership’s own framework: its current items in their order, each assessable; a retired item is neither', async () => {
    const fw = randomUUID();
    await q(`INSERT INTO frameworks (id, partnership_id, name, kind) VALUES ($1, $2, 'Our promises', 'PROMISES')`, [fw, P.id]);
    const item = async (code: string, position: number, retired = false): Promise<string> => {
      const id = randomUUID();
      await q(
        `INSERT INTO framework_items (id, partnership_id, framework_id, code, title, position, retired_at) VALUES ($1, $2, $3, $4, $4, $5, $6)`,
        [id, P.id, fw, code, position, retired ? new Date() : null],
      );
      return id;
    };
    // Made out of order: the matrix follows position.
    const second = await item('PR-2', 2);
    const first = await item('PR-1', 1);
    const gone = await item('PR-3', 3, true);
    const promisesChair = await addUser(stack.pg, P, 'promiseschair', { agencyId: P.agencies.council });
    const promises = await addSubGroup(stack.pg, P, 'Promises', promisesChair.id);
    await action(await plan(promises, 'ACTIVE'), promises, { rag: 'GREEN', items: [second, gone] });
    await evidence({ status: 'SUBMITTED', submittedAt: '2025-07-01T09:00:00Z', items: [first, gone] });

    const c = await coverage('member', { period: '2025-26', frameworkId: fw });
    expect(c.framework).toEqual({ id: fw, builtIn: false });
    expect(c.rows.map((x) => [x.code, x.green, x.activeActions, x.evidence, x.flags.join(' ')])).toEqual([
      ['PR-1', 0, 0, 1, 'NO_ACTIVE_ACTION'],
      ['PR-2', 1, 1, 0, 'NO_EVIDENCE_IN_PERIOD'],
    ]);
    // The principles' counts are untouched by another framework's tags.
    expect((await coverage('member')).rows.find((x) => x.code === 'CPP-F')?.green).toBe(1);

    const saved = await as('secretariat').ok<{ saveSelfAssessment: { id: string; frameworkItem: { code: string } } }>(SAVE, {
      input: { frameworkItemId: first, period: '2025-26', rating: 'OUTSTANDING', narrative: 'Every promise kept.' },
    });
    expect(saved.saveSelfAssessment.frameworkItem.code).toBe('PR-1');
    expect((await coverage('member', { period: '2025-26', frameworkId: fw })).rows[0].selfAssessment).toEqual({
      id: saved.saveSelfAssessment.id,
      rating: 'OUTSTANDING',
    });
    const mine = await as('boardMember').ok<{ selfAssessments: Array<{ id: string }> }>(LIST, { period: '2025-26', frameworkId: fw });
    expect(ids(mine.selfAssessments)).toEqual([saved.saveSelfAssessment.id]);

    const snap = await tenantSnapshot(stack.pg, P.id);
    const res = await as('secretariat').request(SAVE, {
      input: { frameworkItemId: gone, period: '2025-26', rating: 'GOOD', narrative: 'Retired.' },
    });
    expectError(res, 'BAD_USER_INPUT', 'input.frameworkItemId', 'PR-3 has been retired and cannot be assessed.');
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(snap);
    // Another partnership cannot read this framework's matrix.
    const qc = stack.client((await signIn(stack.client(), Q.secretariat.email)).accessToken);
    expectError(await qc.request(COVERAGE, { frameworkId: fw }), 'NOT_FOUND');
  });
});
