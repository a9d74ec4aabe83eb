/**
 * Issue 5, "Highlight reports": one report per sub-group per meeting, written and submitted
 * by the sub-group's chair (or the secretariat), accepted or returned (with a comment) by
 * the secretariat. Submitting freezes the sub-group's active work plan status into the
 * report, and later changes to actions never alter it; submitting after the meeting's report
 * deadline (a London day) is allowed and marked late. Drafts and returned reports stay with
 * the sub-group and the secretariat; submitted ones are the whole partnership's to read.
 * Linked evidence must be accepted evidence of the same sub-group, and each reader sees
 * only the linked evidence and frozen actions their visibility allows.
 */
import { randomUUID } from 'node:crypto';
import { addDays, londonToday } from '@pbw/core';
import {
  type GqlClient,
  type GqlErrorShape,
  type TestPartnership,
  type TestStack,
  type TestUser,
  type WorkPlanFixture,
  addAgency,
  addSubGroup,
  addUser,
  auditCount,
  createPartnership,
  insertAction,
  insertWorkPlan,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

type Who = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'eduChair' | 'named';
const WHO: Who[] = ['secretariat', 'boardMember', 'chair', 'member', 'eduChair', 'named'];

const SNAPSHOT = `takenAt workPlanId workPlanTitle periodStart periodEnd total
  rag { red amber green blue } status { notStarted inProgress complete cancelled } overdue percentComplete
  actions { actionId title ownerName leadAgencyName dueDate status displayRag isOverdue }`;
const REPORT = `id status summary achievements risksAndIssues asksOfBoard submittedAt late returnComment reviewedAt version
  meeting { id } subGroup { id } createdBy { id } submittedBy { id } reviewedBy { id }
  canEdit canSubmit canReview canComment evidence { id } comments { body author { id } }`;

const GQL = {
  report: `query($id: ID!) { highlightReport(id: $id) { ${REPORT} snapshot { ${SNAPSHOT} } } }`,
  preview: `query($id: ID!) { highlightReport(id: $id) { id previewSnapshot { ${SNAPSHOT} } } }`,
  snapshot: `query($id: ID!) { highlightReport(id: $id) { id snapshot { ${SNAPSHOT} } } }`,
  evidenceOf: `query($id: ID!) { highlightReport(id: $id) { id evidence { id } } }`,
  reports: `query($filter: ReportFilterInput, $first: Int, $after: String) {
    highlightReports(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } }`,
  statuses: `query($id: ID!) { meeting(id: $id) { id reportStatuses { progress subGroup { id } report { id status } } } }`,
  create: `mutation($input: CreateHighlightReportInput!) { createHighlightReport(input: $input) { ${REPORT} } }`,
  update: `mutation($input: UpdateHighlightReportInput!) { updateHighlightReport(input: $input) { ${REPORT} } }`,
  submit: `mutation($input: HighlightReportIdInput!) { submitHighlightReport(input: $input) { ${REPORT} snapshot { ${SNAPSHOT} } } }`,
  accept: `mutation($input: HighlightReportIdInput!) { acceptHighlightReport(input: $input) { ${REPORT} } }`,
  return: `mutation($input: ReturnHighlightReportInput!) { returnHighlightReport(input: $input) { ${REPORT} } }`,
  comment: `mutation($input: AddHighlightReportCommentInput!) { addHighlightReportComment(input: $input) { id body author { id } } }`,
  createEvidence: 'mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { id status } }',
  submitEvidence: 'mutation($input: EvidenceIdInput!) { submitEvidence(input: $input) { id status } }',
  acceptEvidence: 'mutation($input: EvidenceIdInput!) { acceptEvidence(input: $input) { id status } }',
  createAction: 'mutation($input: CreateActionInput!) { createAction(input: $input) { id version } }',
  updateAction: 'mutation($input: UpdateActionInput!) { updateAction(input: $input) { id version rag } }',
  postActionUpdate: 'mutation($input: PostActionUpdateInput!) { postActionUpdate(input: $input) { action { id status } } }',
};

type Ref = { id: string } | null;
type SnapshotAction = {
  actionId: string;
  title: string;
  ownerName: string;
  leadAgencyName: string;
  dueDate: string;
  status: string;
  displayRag: string;
  isOverdue: boolean;
};
type Snapshot = {
  takenAt: string;
  workPlanId: string | null;
  workPlanTitle: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  total: number;
  rag: { red: number; amber: number; green: number; blue: number };
  status: { notStarted: number; inProgress: number; complete: number; cancelled: number };
  overdue: number;
  percentComplete: number;
  actions: SnapshotAction[];
};
type Report = {
  id: string;
  status: string;
  summary: string;
  achievements: string;
  risksAndIssues: string;
  asksOfBoard: string;
  submittedAt: string | null;
  late: boolean;
  returnComment: string | null;
  reviewedAt: string | null;
  version: number;
  meeting: Ref;
  subGroup: Ref;
  createdBy: Ref;
  submittedBy: Ref;
  reviewedBy: Ref;
  canEdit: boolean;
  canSubmit: boolean;
  canReview: boolean;
  canComment: boolean;
  evidence: Array<{ id: string }>;
  comments: Array<{ body: string; author: Ref }>;
  snapshot?: Snapshot | null;
};

const WRITE_DENIED = 'Only the sub-group’s chair (or the board secretariat) can write its highlight report.';
const CHANGE_DENIED = 'Only the sub-group’s chair (or the board secretariat) can write and submit its highlight report.';
const REVIEW_DENIED = 'Only the board secretariat can accept or return highlight reports.';
const COMMENT_DENIED = 'Only the sub-group’s chair, board members and the board secretariat can comment on its reports.';
const EVIDENCE_REFUSED = [{ path: 'input.evidenceIds', message: 'Link evidence from this sub-group that its chair has accepted.' }];

describe('highlight reports', () => {
  let stack: TestStack;
  let A: TestPartnership;
  const users = {} as Record<Who, TestUser>;
  const tokens = {} as Record<Who, string>;
  const as = (who: Who): GqlClient => stack.client(tokens[who]);
  let health: string;
  let education: string;
  let placements: string;
  let housing: string;
  let plan: WorkPlanFixture;
  const today = londonToday();
  const day = (n: number) => addDays(today, n);
  /** The Health plan's actions, by key. */
  const act: Record<string, string> = {};

  /** A meeting written straight to the database, so its report deadline may be in the past. */
  const meeting = async (deadline: string, status = 'PLANNED'): Promise<string> => {
    const id = randomUUID();
    await stack.pg.query('INSERT INTO meetings (id, partnership_id, starts_at, report_deadline, status) VALUES ($1, $2, $3, $4, $5)', [
      id,
      A.id,
      `${addDays(deadline, 14)}T10:00:00Z`,
      deadline,
      status,
    ]);
    return id;
  };

  /** Evidence written straight to the database, in any state. */
  const evidence = async (o: {
    subGroupId: string;
    status: string;
    title: string;
    visibility?: string;
    agencyId?: string;
    createdBy?: string;
    restrictedUserIds?: string[];
  }): Promise<string> => {
    const id = randomUUID();
    await stack.pg.query(
      `INSERT INTO evidence (id, partnership_id, sub_group_id, agency_id, created_by_user_id, title, kind, status, visibility,
                             restricted_user_ids, return_comment, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'DOCUMENT', $7, $8, $9, CASE WHEN $7 = 'RETURNED' THEN 'Needs more' END,
               CASE WHEN $7 <> 'DRAFT' THEN now() END)`,
      [
        id,
        A.id,
        o.subGroupId,
        o.agencyId ?? A.agencies.health,
        o.createdBy ?? A.member.id,
        o.title,
        o.status,
        o.visibility ?? 'PARTNERSHIP',
        o.restrictedUserIds ?? [],
      ],
    );
    return id;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Kelworth');
    health = A.subGroupId;
    const voluntary = await addAgency(stack.pg, A, 'Kelworth Voluntary Action', 'VOLUNTARY');
    const eduChair = await addUser(stack.pg, A, 'educhair', { agencyId: A.agencies.council });
    const named = await addUser(stack.pg, A, 'named', { agencyId: voluntary });
    education = await addSubGroup(stack.pg, A, 'Education', eduChair.id);
    placements = await addSubGroup(stack.pg, A, 'Placements');
    housing = await addSubGroup(stack.pg, A, 'Housing');
    Object.assign(users, {
      secretariat: A.secretariat,
      boardMember: A.boardMember,
      chair: A.chair,
      member: A.member,
      eduChair,
      named,
    });
    const sessions = await Promise.all(WHO.map((w) => signIn(stack.client(), users[w].email)));
    WHO.forEach((w, i) => (tokens[w] = sessions[i].accessToken));

    // The Health sub-group's active plan, with one action for each way of being counted.
    plan = await insertWorkPlan(stack.pg, A, { title: 'Kelworth health plan 2026/27' });
    const add = async (key: string, o: Parameters<typeof insertAction>[3]) => (act[key] = await insertAction(stack.pg, A, plan, o));
    await add('redOverdue', { title: 'Red and overdue', status: 'NOT_STARTED', rag: 'RED', dueDate: day(-10) });
    await add('red', { title: 'Red, in progress', status: 'IN_PROGRESS', rag: 'RED', dueDate: day(30) });
    await add('amberOverdue', { title: 'Amber, a day late', status: 'IN_PROGRESS', rag: 'AMBER', dueDate: day(-1) });
    await add('amberToday', { title: 'Amber, due today', status: 'NOT_STARTED', rag: 'AMBER', dueDate: today });
    await add('green', { title: 'Green', status: 'IN_PROGRESS', rag: 'GREEN', dueDate: day(60) });
    await add('completeLate', { title: 'Complete, was red', status: 'COMPLETE', rag: 'RED', dueDate: day(-30) });
    await add('complete', { title: 'Complete', status: 'COMPLETE', rag: 'GREEN', dueDate: day(5) });
    await add('cancelled', { title: 'Cancelled, red and past due', status: 'CANCELLED', rag: 'RED', dueDate: day(-5) });
    await add('restricted', {
      title: 'Restricted: one child’s school move',
      status: 'IN_PROGRESS',
      rag: 'RED',
      dueDate: day(10),
      visibility: 'RESTRICTED',
      restrictedUserIds: [named.id],
    });
    await add('subGroupOverdue', {
      title: 'Sub-group only, overdue',
      status: 'IN_PROGRESS',
      rag: 'GREEN',
      dueDate: day(-3),
      visibility: 'SUB_GROUP',
    });
    // Plans that are not active are never counted.
    const closed = await insertWorkPlan(stack.pg, A, {
      title: 'Old plan',
      status: 'CLOSED',
      periodStart: '2025-04-01',
      periodEnd: '2026-03-31',
    });
    await insertAction(stack.pg, A, closed, { title: 'Old red action', rag: 'RED', dueDate: day(-40) });
    const draft = await insertWorkPlan(stack.pg, A, {
      title: 'Next plan',
      status: 'DRAFT',
      periodStart: '2027-04-01',
      periodEnd: '2028-03-31',
    });
    await insertAction(stack.pg, A, draft, { title: 'Draft plan red action', rag: 'RED', dueDate: day(-2) });
  });
  afterAll(() => stack?.close());

  // ---- helpers -----------------------------------------------------------------------------

  const newAudits = (from: number) =>
    stack.pg
      .query<{ action: string; actor_user_id: string; entity_id: string }>(
        'SELECT action, actor_user_id, entity_id FROM audit_events WHERE partnership_id = $1 ORDER BY occurred_at, id OFFSET $2',
        [A.id, from],
      )
      .then((r) => r.rows);

  /** Runs an allowed mutation and checks it wrote exactly one audit event, by that person, about that record. */
  async function allowed<T extends { id: string }>(who: Who, doc: string, op: string, input: Record<string, unknown>, action: string) {
    const n = await auditCount(stack.pg, A.id);
    const result = (await as(who).ok<Record<string, T>>(doc, { input }))[op];
    expect(await newAudits(n)).toEqual([{ action, actor_user_id: users[who].id, entity_id: result.id }]);
    return result;
  }

  /** Runs a refused mutation: exactly one error of that code, and nothing in the partnership changed (audit trail included). */
  async function refused(
    who: Who,
    doc: string,
    op: string,
    input: Record<string, unknown>,
    code: string,
    expected: { message?: string; fields?: Array<{ path: string; message: string }>; current?: unknown } = {},
  ): Promise<GqlErrorShape> {
    const before = await tenantSnapshot(stack.pg, A.id);
    const audits = await auditCount(stack.pg, A.id);
    const r = await as(who).request(doc, { input });
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0];
    expect({ who, op, path: e.path, code: e.extensions?.code }).toEqual({ who, op, path: [op], code });
    if (expected.message !== undefined) expect(e.message).toBe(expected.message);
    if (expected.fields) expect(e.extensions?.fields).toEqual(expected.fields);
    if (expected.current !== undefined) expect(e.extensions?.current).toEqual(expected.current);
    expect(await auditCount(stack.pg, A.id)).toBe(audits);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    return e;
  }

  const read = async (who: Who, id: string): Promise<Report> =>
    (await as(who).ok<{ highlightReport: Report }>(GQL.report, { id })).highlightReport;
  const notFound = async (who: Who, id: string) => {
    const r = await as(who).request(GQL.report, { id });
    expect({ who, data: r.data, errors: r.errors?.map((e) => [e.message, e.extensions?.code]) }).toEqual({
      who,
      data: null,
      errors: [['Report not found.', 'NOT_FOUND']],
    });
  };
  const create = (who: Who, input: Record<string, unknown>) =>
    allowed<Report>(who, GQL.create, 'createHighlightReport', input, 'report.create');
  const submit = (who: Who, id: string) => allowed<Report>(who, GQL.submit, 'submitHighlightReport', { id }, 'report.submit');

  // ---- 1. the workflow ----------------------------------------------------------------------

  it('the chair and the secretariat write and submit, the secretariat accepts or returns; each step audited once', async () => {
    const m1 = await meeting(day(10));
    const m2 = await meeting(day(10));

    const r1 = await create('chair', { meetingId: m1, subGroupId: health, achievements: 'Attendance up' });
    expect(r1).toMatchObject({
      status: 'DRAFT',
      summary: '',
      achievements: 'Attendance up',
      risksAndIssues: '',
      asksOfBoard: '',
      submittedAt: null,
      late: false,
      returnComment: null,
      version: 1,
      meeting: { id: m1 },
      subGroup: { id: health },
      createdBy: { id: A.chair.id },
      submittedBy: null,
      canEdit: true,
      canSubmit: true,
      canReview: false,
      canComment: false,
      evidence: [],
      comments: [],
    });
    expect((await read('chair', r1.id)).snapshot).toBeNull();
    const r2 = await create('secretariat', { meetingId: m2, subGroupId: health, summary: 'Written by the secretariat' });
    expect(r2).toMatchObject({ status: 'DRAFT', createdBy: { id: A.secretariat.id }, summary: 'Written by the secretariat' });

    // One report per meeting and sub-group, whoever asks.
    for (const who of ['chair', 'secretariat'] as const) {
      await refused(who, GQL.create, 'createHighlightReport', { meetingId: m1, subGroupId: health }, 'BAD_USER_INPUT', {
        fields: [{ path: 'input.meetingId', message: 'Health already has a report for this meeting. Open it from the meeting page.' }],
      });
    }

    // Submitting needs a summary.
    await refused('chair', GQL.submit, 'submitHighlightReport', { id: r1.id }, 'BAD_USER_INPUT', {
      fields: [{ path: 'input.summary', message: 'Write a summary before submitting the report.' }],
    });
    // Only the chair (or the secretariat) changes a draft; the board member cannot even see it.
    await refused('member', GQL.update, 'updateHighlightReport', { id: r1.id, summary: 'Mine now' }, 'FORBIDDEN', {
      message: CHANGE_DENIED,
    });
    await refused('member', GQL.submit, 'submitHighlightReport', { id: r1.id }, 'FORBIDDEN', { message: CHANGE_DENIED });
    await refused('boardMember', GQL.update, 'updateHighlightReport', { id: r1.id, summary: 'Mine now' }, 'NOT_FOUND', {
      message: 'Report not found.',
    });
    await refused('eduChair', GQL.update, 'updateHighlightReport', { id: r1.id, summary: 'Mine now' }, 'NOT_FOUND');

    const u1 = await allowed<Report>(
      'chair',
      GQL.update,
      'updateHighlightReport',
      { id: r1.id, version: 1, summary: 'A good term', risksAndIssues: 'Two exclusions', asksOfBoard: 'Fund a tutor' },
      'report.update',
    );
    expect(u1).toMatchObject({
      status: 'DRAFT',
      version: 2,
      summary: 'A good term',
      achievements: 'Attendance up',
      asksOfBoard: 'Fund a tutor',
    });
    // A stale version is a conflict, with the report as it is now.
    const stale = await refused('chair', GQL.update, 'updateHighlightReport', { id: r1.id, version: 1, summary: 'Late edit' }, 'CONFLICT');
    expect(stale.extensions?.current).toMatchObject({ id: r1.id, version: 2, summary: 'A good term', status: 'DRAFT' });

    const s1 = await submit('chair', r1.id);
    expect(s1).toMatchObject({
      status: 'SUBMITTED',
      version: 3,
      late: false,
      submittedBy: { id: A.chair.id },
      canEdit: false,
      canSubmit: false,
      canReview: false,
      canComment: true,
    });
    expect(Date.now() - Date.parse(s1.submittedAt as string)).toBeLessThan(60_000);
    expect(s1.snapshot?.workPlanId).toBe(plan.id);
    const submitted = { id: r1.id, status: 'SUBMITTED', version: 3 };

    // Once submitted it is no longer the sub-group's to change.
    await refused('chair', GQL.update, 'updateHighlightReport', { id: r1.id, summary: 'After the fact' }, 'CONFLICT', {
      message: 'This report is submitted, so it cannot be changed now.',
      current: submitted,
    });
    await refused('chair', GQL.submit, 'submitHighlightReport', { id: r1.id }, 'CONFLICT', {
      message: 'This report is submitted, so it cannot be submitted now.',
      current: submitted,
    });
    // Review is the secretariat's alone.
    for (const who of ['chair', 'member', 'boardMember', 'eduChair'] as const) {
      await refused(who, GQL.accept, 'acceptHighlightReport', { id: r1.id }, 'FORBIDDEN', { message: REVIEW_DENIED });
      await refused(who, GQL.return, 'returnHighlightReport', { id: r1.id, comment: 'Not good enough' }, 'FORBIDDEN', {
        message: REVIEW_DENIED,
      });
    }
    await refused('secretariat', GQL.return, 'returnHighlightReport', { id: r1.id, comment: '   ' }, 'BAD_USER_INPUT', {
      fields: [{ path: 'input.comment', message: 'Say what needs to change before the report can be accepted.' }],
    });
    expect((await read('secretariat', r1.id)).canReview).toBe(true);

    const ret = await allowed<Report>(
      'secretariat',
      GQL.return,
      'returnHighlightReport',
      { id: r1.id, comment: '  Add the attendance figures.  ' },
      'report.return',
    );
    expect(ret).toMatchObject({
      status: 'RETURNED',
      version: 4,
      returnComment: 'Add the attendance figures.',
      reviewedBy: { id: A.secretariat.id },
      comments: [{ body: 'Add the attendance figures.', author: { id: A.secretariat.id } }],
      canReview: false,
    });
    await refused('secretariat', GQL.accept, 'acceptHighlightReport', { id: r1.id }, 'CONFLICT', {
      message: 'This report is returned to the sub-group, so it cannot be accepted now.',
      current: { id: r1.id, status: 'RETURNED', version: 4 },
    });
    expect(await read('chair', r1.id)).toMatchObject({ canEdit: true, canSubmit: true });

    // Returned, edited, submitted again.
    const edited = await allowed<Report>(
      'chair',
      GQL.update,
      'updateHighlightReport',
      { id: r1.id, version: 4, achievements: 'Attendance up to 94%' },
      'report.update',
    );
    expect(edited).toMatchObject({ status: 'RETURNED', version: 5, achievements: 'Attendance up to 94%' });
    const again = await submit('chair', r1.id);
    expect(again).toMatchObject({ status: 'SUBMITTED', version: 6, canReview: false });
    expect((await read('secretariat', r1.id)).canReview).toBe(true);

    const acc = await allowed<Report>('secretariat', GQL.accept, 'acceptHighlightReport', { id: r1.id }, 'report.accept');
    expect(acc).toMatchObject({ status: 'ACCEPTED', version: 7, reviewedBy: { id: A.secretariat.id }, canReview: false, canEdit: false });
    expect(Date.now() - Date.parse(acc.reviewedAt as string)).toBeLessThan(60_000);
    const accepted = { id: r1.id, status: 'ACCEPTED', version: 7 };
    await refused('secretariat', GQL.accept, 'acceptHighlightReport', { id: r1.id }, 'CONFLICT', { current: accepted });
    await refused('secretariat', GQL.return, 'returnHighlightReport', { id: r1.id, comment: 'Again' }, 'CONFLICT', { current: accepted });
    await refused('chair', GQL.update, 'updateHighlightReport', { id: r1.id, summary: 'x' }, 'CONFLICT', { current: accepted });
    await refused('secretariat', GQL.submit, 'submitHighlightReport', { id: r1.id }, 'CONFLICT', { current: accepted });

    // A draft cannot be accepted or returned.
    const draft = { id: r2.id, status: 'DRAFT', version: 1 };
    await refused('secretariat', GQL.accept, 'acceptHighlightReport', { id: r2.id }, 'CONFLICT', {
      message: 'This report is a draft, so it cannot be accepted now.',
      current: draft,
    });
    await refused('secretariat', GQL.return, 'returnHighlightReport', { id: r2.id, comment: 'Why?' }, 'CONFLICT', { current: draft });
    // The secretariat may submit a sub-group's report too.
    await expect(submit('secretariat', r2.id)).resolves.toMatchObject({ status: 'SUBMITTED', submittedBy: { id: A.secretariat.id } });

    const history = await stack.pg.query<{ action: string; actor_user_id: string }>(
      'SELECT action, actor_user_id FROM audit_events WHERE partnership_id = $1 AND entity_id = $2 ORDER BY occurred_at, id',
      [A.id, r1.id],
    );
    expect(history.rows.map((r) => [r.action, r.actor_user_id])).toEqual([
      ['report.create', A.chair.id],
      ['report.update', A.chair.id],
      ['report.submit', A.chair.id],
      ['report.return', A.secretariat.id],
      ['report.update', A.chair.id],
      ['report.submit', A.chair.id],
      ['report.accept', A.secretariat.id],
    ]);
  });

  it('only the sub-group’s chair or the secretariat may start a report, and never for a cancelled meeting', async () => {
    const m = await meeting(day(12));
    for (const who of ['member', 'boardMember', 'eduChair', 'named'] as const) {
      await refused(who, GQL.create, 'createHighlightReport', { meetingId: m, subGroupId: health, summary: 'Ours' }, 'FORBIDDEN', {
        message: WRITE_DENIED,
      });
    }
    // The Health chair chairs nothing else.
    await refused('chair', GQL.create, 'createHighlightReport', { meetingId: m, subGroupId: education }, 'FORBIDDEN', {
      message: WRITE_DENIED,
    });

    const cancelled = await meeting(day(12), 'CANCELLED');
    for (const who of ['chair', 'secretariat'] as const) {
      await refused(who, GQL.create, 'createHighlightReport', { meetingId: cancelled, subGroupId: health }, 'BAD_USER_INPUT', {
        fields: [{ path: 'input.meetingId', message: 'This meeting has been cancelled. Choose another meeting.' }],
      });
    }
    // Records of another partnership are not there to choose.
    const B = await createPartnership(stack.pg, 'Otherton');
    await refused('secretariat', GQL.create, 'createHighlightReport', { meetingId: m, subGroupId: B.subGroupId }, 'BAD_USER_INPUT', {
      fields: [{ path: 'input.subGroupId', message: 'Choose a sub-group of this partnership.' }],
    });
    await refused('secretariat', GQL.create, 'createHighlightReport', { meetingId: randomUUID(), subGroupId: health }, 'BAD_USER_INPUT', {
      fields: [{ path: 'input.meetingId', message: 'Choose a meeting of this partnership.' }],
    });

    // A meeting cancelled after the draft was started takes no submission.
    const later = await meeting(day(12));
    const r = await create('secretariat', { meetingId: later, subGroupId: placements, summary: 'Placement stability' });
    await stack.pg.query("UPDATE meetings SET status = 'CANCELLED' WHERE id = $1", [later]);
    await refused('secretariat', GQL.submit, 'submitHighlightReport', { id: r.id }, 'BAD_USER_INPUT', {
      fields: [{ path: 'input.id', message: 'This meeting has been cancelled, so the report cannot be submitted to it.' }],
    });
  });

  // ---- 2 and 3. the frozen snapshot ---------------------------------------------------------

  const OWNER = 'Kelworth member';
  const LEAD = 'Kelworth Integrated Care Board';
  const listed = (key: string, title: string, dueDate: string, status: string, displayRag: string, isOverdue: boolean): SnapshotAction => ({
    actionId: act[key],
    title,
    ownerName: OWNER,
    leadAgencyName: LEAD,
    dueDate,
    status,
    displayRag,
    isOverdue,
  });
  const counts = (s: Snapshot) => ({ ...s, actions: undefined, takenAt: undefined });
  let frozen: { id: string; raw: string; byWho: Partial<Record<Who, Snapshot>> };

  it('submitting freezes the active plan’s counts and its red and overdue actions', async () => {
    const m = await meeting(day(20));
    const r = await create('chair', { meetingId: m, subGroupId: health, summary: 'Health report for the snapshot' });
    // Before submission the chair previews what would be frozen.
    const preview = (await as('chair').ok<{ highlightReport: { previewSnapshot: Snapshot } }>(GQL.preview, { id: r.id })).highlightReport
      .previewSnapshot;
    const s = await submit('chair', r.id);
    const snap = s.snapshot as Snapshot;
    expect(snap.takenAt).toBe(s.submittedAt);
    const expectedCounts = {
      workPlanId: plan.id,
      workPlanTitle: 'Kelworth health plan 2026/27',
      periodStart: '2026-04-01',
      periodEnd: '2027-03-31',
      total: 10,
      rag: { red: 3, amber: 2, green: 2, blue: 2 },
      status: { notStarted: 2, inProgress: 5, complete: 2, cancelled: 1 },
      overdue: 3,
      percentComplete: 22,
    };
    expect(counts(snap)).toEqual({ ...expectedCounts, actions: undefined, takenAt: undefined });
    expect(counts(preview)).toEqual(counts(snap));
    // Listed: open actions that are red or overdue, by due date; the chair is not named on the restricted one.
    const all = [
      listed('redOverdue', 'Red and overdue', day(-10), 'NOT_STARTED', 'RED', true),
      listed('subGroupOverdue', 'Sub-group only, overdue', day(-3), 'IN_PROGRESS', 'GREEN', true),
      listed('amberOverdue', 'Amber, a day late', day(-1), 'IN_PROGRESS', 'AMBER', true),
      listed('restricted', 'Restricted: one child’s school move', day(10), 'IN_PROGRESS', 'RED', false),
      listed('red', 'Red, in progress', day(30), 'IN_PROGRESS', 'RED', false),
    ];
    const without = (...keys: string[]) => all.filter((a) => !keys.map((k) => act[k]).includes(a.actionId));
    expect(snap.actions).toEqual(without('restricted'));
    expect(preview.actions).toEqual(without('restricted'));

    const byWho: Partial<Record<Who, Snapshot>> = {};
    for (const who of WHO)
      byWho[who] = (await as(who).ok<{ highlightReport: { snapshot: Snapshot } }>(GQL.snapshot, { id: r.id })).highlightReport.snapshot;
    const raw = (await stack.pg.query<{ s: string }>('SELECT snapshot::text AS s FROM highlight_reports WHERE id = $1', [r.id])).rows[0].s;
    frozen = { id: r.id, raw, byWho };
    expect(byWho.secretariat?.actions).toEqual(all);

    // Now the plan moves on: through the api...
    await as('chair').ok(GQL.updateAction, { input: { id: act.red, version: 1, rag: 'GREEN' } });
    await as('member').ok(GQL.postActionUpdate, {
      input: { actionId: act.redOverdue, version: 1, narrative: 'Done at last', status: 'COMPLETE', rag: 'GREEN' },
    });
    const created = await as('chair').ok<{ createAction: { id: string } }>(GQL.createAction, {
      input: {
        objectiveId: plan.objectiveIds[0],
        title: 'New red action',
        ownerUserId: A.member.id,
        leadAgencyId: A.agencies.health,
        dueDate: day(20),
        rag: 'RED',
      },
    });
    act.newRed = created.createAction.id;
    // ...and directly: one action removed, one added, one turned red.
    await stack.pg.query('DELETE FROM actions WHERE id = $1', [act.green]);
    act.newAmber = await insertAction(stack.pg, A, plan, {
      title: 'New amber, overdue',
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      dueDate: day(-2),
    });
    await stack.pg.query("UPDATE actions SET rag = 'RED' WHERE id = $1", [act.amberToday]);

    // The submitted report has not moved, to the byte.
    const after = (await stack.pg.query<{ s: string }>('SELECT snapshot::text AS s FROM highlight_reports WHERE id = $1', [r.id])).rows[0]
      .s;
    expect(after).toBe(raw);
    for (const who of WHO) {
      const again = (await as(who).ok<{ highlightReport: { snapshot: Snapshot } }>(GQL.snapshot, { id: r.id })).highlightReport.snapshot;
      expect({ who, snapshot: again }).toEqual({ who, snapshot: byWho[who] });
    }
    // A submitted report has no preview; a new draft for another meeting shows the plan as it is now.
    expect(
      (await as('chair').ok<{ highlightReport: { previewSnapshot: null } }>(GQL.preview, { id: r.id })).highlightReport.previewSnapshot,
    ).toBeNull();
    const next = await create('chair', { meetingId: await meeting(day(40)), subGroupId: health, summary: 'Next time' });
    const nowCounts = {
      ...expectedCounts,
      total: 11,
      rag: { red: 3, amber: 2, green: 2, blue: 3 },
      status: { notStarted: 2, inProgress: 5, complete: 3, cancelled: 1 },
      overdue: 3,
      percentComplete: 30,
    };
    const nowListed = [
      listed('subGroupOverdue', 'Sub-group only, overdue', day(-3), 'IN_PROGRESS', 'GREEN', true),
      listed('newAmber', 'New amber, overdue', day(-2), 'IN_PROGRESS', 'AMBER', true),
      listed('amberOverdue', 'Amber, a day late', day(-1), 'IN_PROGRESS', 'AMBER', true),
      listed('amberToday', 'Amber, due today', today, 'NOT_STARTED', 'RED', false),
      listed('restricted', 'Restricted: one child’s school move', day(10), 'IN_PROGRESS', 'RED', false),
      listed('newRed', 'New red action', day(20), 'NOT_STARTED', 'RED', false),
    ];
    for (const who of ['chair', 'secretariat'] as const) {
      const p = (await as(who).ok<{ highlightReport: { previewSnapshot: Snapshot } }>(GQL.preview, { id: next.id })).highlightReport
        .previewSnapshot;
      expect({ who, counts: counts(p) }).toEqual({ who, counts: { ...nowCounts, actions: undefined, takenAt: undefined } });
      expect({ who, actions: p.actions }).toEqual({
        who,
        actions: who === 'chair' ? nowListed.filter((a) => a.actionId !== act.restricted) : nowListed,
      });
    }
    // Only those who may submit it get a preview.
    expect(
      (await as('member').ok<{ highlightReport: { previewSnapshot: null } }>(GQL.preview, { id: next.id })).highlightReport.previewSnapshot,
    ).toBeNull();

    // The database holds the rule too: a submitted report's snapshot cannot be rewritten.
    for (const value of ['{"total": 0}', null]) {
      await expect(stack.pg.query('UPDATE highlight_reports SET snapshot = $2 WHERE id = $1', [r.id, value])).rejects.toThrow(
        /snapshot is frozen when it is submitted/,
      );
    }
    expect((await stack.pg.query<{ s: string }>('SELECT snapshot::text AS s FROM highlight_reports WHERE id = $1', [r.id])).rows[0].s).toBe(
      raw,
    );
  });

  it('each reader sees the frozen actions their visibility allows; the counts are the same for all', async () => {
    expect(frozen).toBeDefined();
    const a = (...keys: string[]) => keys.map((k) => act[k]);
    const expected: Record<Who, string[]> = {
      secretariat: a('redOverdue', 'subGroupOverdue', 'amberOverdue', 'restricted', 'red'),
      named: a('redOverdue', 'amberOverdue', 'restricted', 'red'),
      boardMember: a('redOverdue', 'amberOverdue', 'red'),
      eduChair: a('redOverdue', 'amberOverdue', 'red'),
      chair: a('redOverdue', 'subGroupOverdue', 'amberOverdue', 'red'),
      member: a('redOverdue', 'subGroupOverdue', 'amberOverdue', 'red'),
    };
    for (const who of WHO) {
      const snap = (await as(who).ok<{ highlightReport: { snapshot: Snapshot } }>(GQL.snapshot, { id: frozen.id })).highlightReport
        .snapshot;
      expect({ who, ids: snap.actions.map((x) => x.actionId) }).toEqual({ who, ids: expected[who] });
      expect({ who, total: snap.total, rag: snap.rag, overdue: snap.overdue }).toEqual({
        who,
        total: 10,
        rag: { red: 3, amber: 2, green: 2, blue: 2 },
        overdue: 3,
      });
    }
    // The restricted action's title is in no hidden reader's answer.
    const text = JSON.stringify(await as('boardMember').request(GQL.report, { id: frozen.id }));
    expect(text).not.toContain('school move');
    expect(text).not.toContain(act.restricted);
  });

  // ---- 4. late marking ------------------------------------------------------------------------

  it('a report submitted on a London day after the deadline is late; on the day or before it is not', async () => {
    const cases: Array<[string, boolean]> = [
      [day(-1), true],
      [day(-30), true],
      [today, false],
      [day(1), false],
    ];
    for (const [deadline, late] of cases) {
      const m = await meeting(deadline);
      const r = await create('secretariat', { meetingId: m, subGroupId: placements, summary: `Due ${deadline}` });
      expect(r.late).toBe(false);
      const s = await submit('secretariat', r.id);
      expect({ deadline, late: s.late }).toEqual({ deadline, late });
      const row = await stack.pg.query<{ late: boolean }>('SELECT late FROM highlight_reports WHERE id = $1', [r.id]);
      expect(row.rows[0].late).toBe(late);
      const inList = await as('boardMember').ok<{
        highlightReports: { edges: Array<{ node: { id: string; status: string; late: boolean } }> };
      }>('query($filter: ReportFilterInput) { highlightReports(filter: $filter) { edges { node { id status late } } } }', {
        filter: { meetingId: m },
      });
      expect(inList.highlightReports.edges.map((e) => e.node)).toEqual([{ id: r.id, status: 'SUBMITTED', late }]);
    }
  });

  // ---- 5. linked evidence -----------------------------------------------------------------------

  it('only accepted evidence of the same sub-group may be linked, and readers see only the linked evidence they may see', async () => {
    // Evidence through the api: a member adds it, submits it, the chair accepts it.
    const made = await as('member').ok<{ createEvidence: { id: string; status: string } }>(GQL.createEvidence, {
      input: { subGroupId: health, title: 'Attendance figures for the autumn term', kind: 'DATA', narrative: 'Up four points' },
    });
    const viaApi = made.createEvidence.id;
    await as('member').ok(GQL.submitEvidence, { input: { id: viaApi } });
    await expect(as('chair').ok(GQL.acceptEvidence, { input: { id: viaApi } })).resolves.toEqual({
      acceptEvidence: { id: viaApi, status: 'ACCEPTED' },
    });
    const agencyOnly = await evidence({
      subGroupId: health,
      status: 'ACCEPTED',
      title: 'Health data',
      visibility: 'AGENCY',
      createdBy: A.chair.id,
    });
    const draft = await evidence({ subGroupId: health, status: 'DRAFT', title: 'Draft evidence' });
    const pending = await evidence({ subGroupId: health, status: 'SUBMITTED', title: 'Awaiting review' });
    const resubmitted = await evidence({ subGroupId: health, status: 'RESUBMITTED', title: 'Resubmitted evidence' });
    const returned = await evidence({ subGroupId: health, status: 'RETURNED', title: 'Returned evidence' });
    const otherGroup = await evidence({
      subGroupId: education,
      status: 'ACCEPTED',
      title: 'Education evidence',
      agencyId: A.agencies.council,
    });
    const m = await meeting(day(25));

    for (const bad of [draft, pending, resubmitted, returned, otherGroup, randomUUID()]) {
      await refused(
        'chair',
        GQL.create,
        'createHighlightReport',
        { meetingId: m, subGroupId: health, evidenceIds: [viaApi, bad] },
        'BAD_USER_INPUT',
        {
          fields: EVIDENCE_REFUSED,
        },
      );
    }
    const r = await create('chair', { meetingId: m, subGroupId: health, summary: 'With evidence', evidenceIds: [agencyOnly, viaApi] });
    expect(r.evidence).toEqual([{ id: agencyOnly }, { id: viaApi }]);
    for (const bad of [draft, otherGroup]) {
      await refused('chair', GQL.update, 'updateHighlightReport', { id: r.id, evidenceIds: [viaApi, bad] }, 'BAD_USER_INPUT', {
        fields: EVIDENCE_REFUSED,
      });
    }
    const reordered = await allowed<Report>(
      'chair',
      GQL.update,
      'updateHighlightReport',
      { id: r.id, evidenceIds: [viaApi, agencyOnly] },
      'report.update',
    );
    expect(reordered.evidence).toEqual([{ id: viaApi }, { id: agencyOnly }]);
    const links = await stack.pg.query(
      'SELECT evidence_id, position FROM highlight_report_evidence WHERE report_id = $1 ORDER BY position',
      [r.id],
    );
    expect(links.rows).toEqual([
      { evidence_id: viaApi, position: 1 },
      { evidence_id: agencyOnly, position: 2 },
    ]);
    await submit('chair', r.id);

    // The agency-only evidence belongs to the health agency: others reading the report do not get it.
    const sees: Record<Who, string[]> = {
      secretariat: [viaApi, agencyOnly],
      chair: [viaApi, agencyOnly],
      member: [viaApi, agencyOnly],
      boardMember: [viaApi],
      eduChair: [viaApi],
      named: [viaApi],
    };
    for (const who of WHO) {
      const got = (await as(who).ok<{ highlightReport: { evidence: Array<{ id: string }> } }>(GQL.evidenceOf, { id: r.id })).highlightReport
        .evidence;
      expect({ who, ids: got.map((e) => e.id) }).toEqual({ who, ids: sees[who] });
    }
  });

  // ---- 6. who sees which report ---------------------------------------------------------------

  it('drafts and returned reports stay with the sub-group and the secretariat; submitted ones are everyone’s', async () => {
    const m = await meeting(day(30));
    const healthDraft = await create('chair', { meetingId: m, subGroupId: health, summary: 'Health draft' });
    const eduReport = await create('eduChair', { meetingId: m, subGroupId: education, summary: 'Education report' });
    const eduSubmitted = await submit('eduChair', eduReport.id);
    // Education has no active plan: the snapshot says so.
    expect(eduSubmitted.snapshot).toMatchObject({
      workPlanId: null,
      workPlanTitle: null,
      total: 0,
      rag: { red: 0, amber: 0, green: 0, blue: 0 },
      overdue: 0,
      percentComplete: 0,
      actions: [],
    });
    const placementsReport = await create('secretariat', { meetingId: m, subGroupId: placements, summary: 'Placements report' });
    await submit('secretariat', placementsReport.id);
    await allowed(
      'secretariat',
      GQL.return,
      'returnHighlightReport',
      { id: placementsReport.id, comment: 'Add the sufficiency data.' },
      'report.return',
    );

    const sees: Record<Who, string[]> = {
      secretariat: [healthDraft.id, eduReport.id, placementsReport.id],
      chair: [healthDraft.id, eduReport.id],
      member: [healthDraft.id, eduReport.id],
      boardMember: [eduReport.id],
      eduChair: [eduReport.id],
      named: [eduReport.id],
    };
    const status: Record<string, string> = { [healthDraft.id]: 'DRAFT', [eduReport.id]: 'SUBMITTED', [placementsReport.id]: 'RETURNED' };
    const groupOf: Record<string, string> = { [health]: healthDraft.id, [education]: eduReport.id, [placements]: placementsReport.id };
    type Conn = { totalCount: number; edges: Array<{ node: { id: string; status: string } }> };
    type Statuses = {
      meeting: { reportStatuses: Array<{ progress: string; subGroup: { id: string }; report: { id: string; status: string } | null }> };
    };

    for (const who of WHO) {
      for (const id of [healthDraft.id, eduReport.id, placementsReport.id]) {
        if (sees[who].includes(id)) expect((await read(who, id)).id).toBe(id);
        else await notFound(who, id);
      }
      const list = (await as(who).ok<{ highlightReports: Conn }>(GQL.reports, { filter: { meetingId: m }, first: 100 })).highlightReports;
      expect({ who, ids: list.edges.map((e) => e.node.id).sort(), total: list.totalCount }).toEqual({
        who,
        ids: [...sees[who]].sort(),
        total: sees[who].length,
      });
      // Filters that would single out a hidden report find nothing.
      const drafts = (
        await as(who).ok<{ highlightReports: Conn }>(GQL.reports, { filter: { statuses: ['DRAFT', 'RETURNED'], meetingId: m } })
      ).highlightReports;
      expect({ who, ids: drafts.edges.map((e) => e.node.id).sort() }).toEqual({
        who,
        ids: sees[who].filter((id) => status[id] !== 'SUBMITTED').sort(),
      });

      const rows = (await as(who).ok<Statuses>(GQL.statuses, { id: m })).meeting.reportStatuses;
      const got = rows
        .map((r) => ({ subGroupId: r.subGroup.id, progress: r.progress, report: r.report }))
        .sort((x, y) => x.subGroupId.localeCompare(y.subGroupId));
      const want = [health, education, placements, housing]
        .map((g) => {
          const id = groupOf[g];
          const visible = id !== undefined && sees[who].includes(id);
          return {
            subGroupId: g,
            progress: visible ? status[id] : 'NOT_SUBMITTED',
            report: visible ? { id, status: status[id] } : null,
          };
        })
        .sort((x, y) => x.subGroupId.localeCompare(y.subGroupId));
      expect({ who, rows: got }).toEqual({ who, rows: want });
    }

    // Across the whole partnership, each list holds exactly the reports the rule allows, counted in SQL.
    for (const who of WHO) {
      const expected = await stack.pg.query<{ id: string }>(
        `SELECT hr.id FROM highlight_reports hr WHERE hr.partnership_id = $1
            AND ($2 OR hr.status IN ('SUBMITTED','ACCEPTED')
                 OR hr.sub_group_id IN (SELECT sub_group_id FROM sub_group_memberships WHERE user_id = $3))
          ORDER BY hr.id`,
        [A.id, who === 'secretariat', users[who].id],
      );
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        type Page = { highlightReports: Conn & { pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
        const page: Page = await as(who).ok<Page>(GQL.reports, { first: 3, after });
        expect(page.highlightReports.totalCount).toBe(expected.rows.length);
        seen.push(...page.highlightReports.edges.map((e) => e.node.id));
        if (!page.highlightReports.pageInfo.hasNextPage) break;
        after = page.highlightReports.pageInfo.endCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect({ who, ids: seen.sort() }).toEqual({ who, ids: expected.rows.map((r) => r.id) });
      expect(expected.rows.length).toBeGreaterThan(0);
    }
  });

  // ---- 7. comments ------------------------------------------------------------------------------

  it('the sub-group’s chair, board members and the secretariat comment on submitted reports; nobody on drafts', async () => {
    const m = await meeting(day(35));
    const r = await create('chair', { meetingId: m, subGroupId: health, summary: 'For comment' });
    // Not on a draft: those who can see it are told why; the board member cannot see it at all.
    for (const who of ['chair', 'secretariat'] as const) {
      await refused(who, GQL.comment, 'addHighlightReportComment', { reportId: r.id, body: 'Too early' }, 'BAD_USER_INPUT', {
        fields: [{ path: 'input.reportId', message: 'A report can be commented on once it has been submitted.' }],
      });
    }
    await refused('boardMember', GQL.comment, 'addHighlightReportComment', { reportId: r.id, body: 'Too early' }, 'NOT_FOUND');
    expect((await read('chair', r.id)).canComment).toBe(false);
    await submit('chair', r.id);

    const comment = (who: Who, body: string) =>
      allowed<{ id: string; body: string; author: Ref }>(
        who,
        GQL.comment,
        'addHighlightReportComment',
        { reportId: r.id, body },
        'report.comment',
      );
    await expect(comment('chair', 'We will bring the tutor costs.')).resolves.toMatchObject({
      body: 'We will bring the tutor costs.',
      author: { id: A.chair.id },
    });
    await expect(comment('boardMember', 'How many children\nare waiting?')).resolves.toMatchObject({ author: { id: A.boardMember.id } });
    await expect(comment('secretariat', 'Noted for the agenda.')).resolves.toMatchObject({ author: { id: A.secretariat.id } });
    for (const who of ['member', 'eduChair', 'named'] as const) {
      await refused(who, GQL.comment, 'addHighlightReportComment', { reportId: r.id, body: 'Me too' }, 'FORBIDDEN', {
        message: COMMENT_DENIED,
      });
    }
    await refused('boardMember', GQL.comment, 'addHighlightReportComment', { reportId: r.id, body: '   ' }, 'BAD_USER_INPUT', {
      fields: [{ path: 'input.body', message: 'Enter a comment.' }],
    });
    const expected = [
      { body: 'We will bring the tutor costs.', author: { id: A.chair.id } },
      { body: 'How many children\nare waiting?', author: { id: A.boardMember.id } },
      { body: 'Noted for the agenda.', author: { id: A.secretariat.id } },
    ];
    for (const who of WHO) expect({ who, comments: (await read(who, r.id)).comments }).toEqual({ who, comments: expected });
    const canComment: Record<Who, boolean> = {
      secretariat: true,
      boardMember: true,
      chair: true,
      member: false,
      eduChair: false,
      named: false,
    };
    for (const who of WHO) expect({ who, can: (await read(who, r.id)).canComment }).toEqual({ who, can: canComment[who] });
  });
});
