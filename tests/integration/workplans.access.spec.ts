/**
 * Issue 4, "who may do what" (DESIGN.md §3): the sub-group's chair edits the whole plan;
 * the owner of an action and the people of its lead agency post progress on it; board
 * members and members of other agencies read; the secretariat does everything; another
 * partnership's records do not exist. Every refusal is FORBIDDEN (or NOT_FOUND across
 * partnerships), with the message the person sees, and writes nothing; every request a
 * role is refused is shown to succeed for a role that may make it. A closed plan refuses
 * every edit, whoever asks.
 */
import { randomUUID } from 'node:crypto';
import {
  OPS,
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
  auditCount,
  createPartnership,
  insertAction,
  insertWorkPlan,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

const CREATE_PLAN = 'Only the sub-group’s chair or the board secretariat can create its work plan.';
const CHANGE_PLAN = 'Only the sub-group’s chair or the board secretariat can change its work plan.';
const ROLL_PLAN = 'Only the sub-group’s chair or the board secretariat can roll its plan forward.';
const IMPORT = 'Only the sub-group’s chair or the board secretariat can import actions into its work plan.';
const EDIT_ACTION =
  'Only the sub-group’s chair or the board secretariat can edit this action. You can add a progress update if it is yours or your agency leads it.';
const UPDATE_ACTION = 'Only the action’s owner, its lead agency, the sub-group’s chair or the board secretariat can update it.';
const CLOSED = 'This work plan is closed. Its record stays as it was; roll it forward to carry on the work.';

/** The people around one action: owned by the Health member, led by the virtual school (education). */
type Who = 'chair' | 'owner' | 'leadAgency' | 'otherAgency' | 'boardMember' | 'otherChair' | 'secretariat';
const EVERYONE: Who[] = ['chair', 'owner', 'leadAgency', 'otherAgency', 'boardMember', 'otherChair', 'secretariat'];
const EDITORS: Who[] = ['chair', 'secretariat'];
const UPDATERS: Who[] = ['chair', 'owner', 'leadAgency', 'secretariat'];
const NOT_EDITORS = EVERYONE.filter((w) => !EDITORS.includes(w));

type Row = Record<string, unknown>;

describe('work plans: who may create, edit, update and read', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let education: string;
  let police: string;
  let healthName: string;
  const users = {} as Record<Who, TestUser>;
  const tokens = {} as Record<Who | 'bSecretariat', string>;
  const as = (who: Who | 'bSecretariat'): GqlClient => stack.client(tokens[who]);
  /** The active plan, with objectives O1 and O2. */
  let X: WorkPlanFixture;
  /** A draft plan of the same sub-group, with one objective. */
  let D: WorkPlanFixture;
  /** The action everyone is tried against. */
  let act: string;
  let cppA: string;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Planshire');
    B = await createPartnership(stack.pg, 'Otherbury');
    education = await addAgency(stack.pg, A, 'Planshire Virtual School', 'EDUCATION');
    police = await addAgency(stack.pg, A, 'Planshire Police', 'POLICE');
    const edu = await addUser(stack.pg, A, 'edu', { agencyId: education });
    const cop = await addUser(stack.pg, A, 'cop', { agencyId: police });
    await addMembership(stack.pg, A, edu.id);
    await addMembership(stack.pg, A, cop.id);
    const otherChair = await addUser(stack.pg, A, 'otherchair', { agencyId: A.agencies.council });
    await addSubGroup(stack.pg, A, 'Education', otherChair.id);
    Object.assign(users, {
      chair: A.chair,
      owner: A.member,
      leadAgency: edu,
      otherAgency: cop,
      boardMember: A.boardMember,
      otherChair,
      secretariat: A.secretariat,
    });
    const sessions = await Promise.all([
      ...EVERYONE.map((w) => signIn(stack.client(), users[w].email)),
      signIn(stack.client(), B.secretariat.email),
    ]);
    EVERYONE.forEach((w, i) => (tokens[w] = sessions[i].accessToken));
    tokens.bSecretariat = sessions[EVERYONE.length].accessToken;
    healthName = (await stack.pg.query('SELECT name FROM agencies WHERE id = $1', [A.agencies.health])).rows[0].name;
    cppA = (await principles(stack.pg, A.id)).items['CPP-A'];

    X = await insertWorkPlan(stack.pg, A, { title: 'Health plan 2026/27', objectives: ['Healthy lives', 'Emotional wellbeing'] });
    D = await insertWorkPlan(stack.pg, A, {
      title: 'Health plan 2027/28',
      status: 'DRAFT',
      periodStart: '2027-04-01',
      periodEnd: '2028-03-31',
      objectives: ['Draft objective'],
    });
    act = await insertAction(stack.pg, A, X, {
      title: 'Initial health assessments on time',
      ownerUserId: A.member.id,
      leadAgencyId: education,
      supportingAgencyIds: [A.agencies.health],
      frameworkItemIds: [cppA],
      dueDate: '2027-03-31',
      status: 'IN_PROGRESS',
      rag: 'AMBER',
    });
  });
  afterAll(() => stack?.close());

  const expectOnlyError = (r: GqlResult<unknown>, op: string, code: string, message?: string) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].path).toEqual([op]);
    expect(r.errors![0].extensions?.code).toBe(code);
    if (message !== undefined) expect(r.errors![0].message).toBe(message);
  };
  const version = async (id: string): Promise<number> =>
    (await stack.pg.query<{ version: number }>('SELECT version FROM actions WHERE id = $1', [id])).rows[0].version;
  const importCsv = (title: string) =>
    `objective,title,owner_email,lead_agency,due_date\r\nImported objective,${title},${A.member.email},${healthName},2027-03-31\r\n`;

  it('everyone in the partnership reads the plan and the action, and is told which controls will work', async () => {
    for (const who of EVERYONE) {
      const d = await as(who).ok<{ action: Row & { supportingAgencies: Row[]; frameworkItems: Row[] } }>(OPS.action, { id: act });
      expect({ who, a: d.action }).toMatchObject({
        who,
        a: {
          id: act,
          title: 'Initial health assessments on time',
          ownerUserId: A.member.id,
          leadAgencyId: education,
          supportingAgencies: [{ id: A.agencies.health }],
          frameworkItems: [{ id: cppA, code: 'CPP-A' }],
          canEdit: EDITORS.includes(who),
          canUpdate: UPDATERS.includes(who),
        },
      });
      const plan = await as(who).ok<{ workPlan: { id: string; canEdit: boolean; objectives: Array<{ actions: Row[] }> } }>(OPS.workPlan, {
        id: X.id,
      });
      expect({ who, canEdit: plan.workPlan.canEdit, actions: plan.workPlan.objectives[0].actions }).toEqual({
        who,
        canEdit: EDITORS.includes(who),
        actions: [{ id: act }],
      });
      const list = await as(who).ok<{ actions: { totalCount: number; edges: Array<{ node: Row }> } }>(OPS.actions, {
        filter: { workPlanId: X.id },
      });
      expect({ who, ids: list.actions.edges.map((e) => e.node.id) }).toEqual({ who, ids: [act] });
    }
  });

  it('editing an action is the chair’s and the secretariat’s; posting progress is also the owner’s and the lead agency’s', async () => {
    const chairsBefore = await auditCount(stack.pg, A.id, 'action.create');
    for (const who of EVERYONE) {
      const v = await version(act);
      const attempts: Array<[keyof typeof OPS, Row, boolean, string]> = [
        [
          'createAction',
          {
            objectiveId: X.objectiveIds[1],
            title: `Added by ${who}`,
            ownerUserId: A.member.id,
            leadAgencyId: education,
            dueDate: '2027-01-31',
          },
          EDITORS.includes(who),
          CHANGE_PLAN,
        ],
        ['updateAction', { id: act, version: v, title: `Edited by ${who}`, rag: 'RED' }, EDITORS.includes(who), EDIT_ACTION],
      ];
      for (const [op, input, allowed, message] of attempts) {
        const before = await tenantSnapshot(stack.pg, A.id);
        const audits = await auditCount(stack.pg, A.id);
        const r = await as(who).request<Record<string, Row>>(OPS[op], { input });
        try {
          if (allowed) {
            expect(r.errors).toBeUndefined();
            expect(r.data![op]).toMatchObject({ title: input.title });
            expect(await auditCount(stack.pg, A.id)).toBe(audits + 1);
          } else {
            expectOnlyError(r, op, 'FORBIDDEN', message);
            expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
            expect(await auditCount(stack.pg, A.id)).toBe(audits);
          }
        } catch (e) {
          throw new Error(`${who} ${op}: ${(e as Error).message}`);
        }
      }
      // A progress update, made against the current version (edits above may have moved it on).
      const before = await tenantSnapshot(stack.pg, A.id);
      const audits = await auditCount(stack.pg, A.id);
      const input = {
        actionId: act,
        version: await version(act),
        narrative: `Progress from ${who}.\nOn track.`,
        status: 'IN_PROGRESS',
        rag: 'GREEN',
      };
      const r = await as(who).request<{ postActionUpdate: { action: Row; update: Row } }>(OPS.postActionUpdate, { input });
      try {
        if (UPDATERS.includes(who)) {
          expect(r.errors).toBeUndefined();
          expect(r.data!.postActionUpdate.update).toMatchObject({
            actionId: act,
            authorUserId: users[who].id,
            narrative: input.narrative,
            status: 'IN_PROGRESS',
            rag: 'GREEN',
          });
          expect(r.data!.postActionUpdate.action).toMatchObject({ id: act, version: input.version + 1, rag: 'GREEN', displayRag: 'GREEN' });
          expect(await auditCount(stack.pg, A.id)).toBe(audits + 2);
        } else {
          expectOnlyError(r, 'postActionUpdate', 'FORBIDDEN', UPDATE_ACTION);
          expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
          expect(await auditCount(stack.pg, A.id)).toBe(audits);
        }
      } catch (e) {
        throw new Error(`${who} postActionUpdate: ${(e as Error).message}`);
      }
    }
    // What was allowed is what happened: the history holds one update per updater, in order, by its author.
    const d = await as('boardMember').ok<{ action: { title: string; updates: Row[]; latestUpdate: Row } }>(OPS.action, { id: act });
    expect(d.action.title).toBe('Edited by secretariat');
    expect(d.action.updates.map((u) => [u.authorUserId, u.narrative])).toEqual(
      UPDATERS.map((w) => [users[w].id, `Progress from ${w}.\nOn track.`]),
    );
    expect(d.action.latestUpdate).toEqual({ id: d.action.updates[UPDATERS.length - 1].id });
    expect(await auditCount(stack.pg, A.id, 'action.create')).toBe(chairsBefore + EDITORS.length);
    const created = await stack.pg.query<{ title: string }>(
      "SELECT title FROM actions WHERE partnership_id = $1 AND title LIKE 'Added by %' ORDER BY title",
      [A.id],
    );
    expect(created.rows.map((r) => r.title)).toEqual(['Added by chair', 'Added by secretariat']);
  });

  it('a member of the lead agency who sits on no sub-group may still post progress, but not edit', async () => {
    const lone = await addUser(stack.pg, A, 'lone-edu', { agencyId: education });
    const c = stack.client((await signIn(stack.client(), lone.email)).accessToken);
    const v = await version(act);
    const edit = await c.request(OPS.updateAction, { input: { id: act, version: v, title: 'Not mine to edit' } });
    expectOnlyError(edit, 'updateAction', 'FORBIDDEN', EDIT_ACTION);
    const post = await c.ok<{ postActionUpdate: { update: Row } }>(OPS.postActionUpdate, {
      input: { actionId: act, version: v, narrative: 'Virtual school data checked.', status: 'IN_PROGRESS', rag: 'GREEN' },
    });
    expect(post.postActionUpdate.update).toMatchObject({ authorUserId: lone.id });
  });

  it('another partnership’s secretariat finds none of it: NOT_FOUND (or a field error) exactly as for a random id, and nothing changes', async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    const f = randomUUID();
    const v = await version(act);
    const cases: Array<[keyof typeof OPS, Row, Row]> = [
      ['action', { id: act }, { id: f }],
      ['workPlan', { id: X.id }, { id: f }],
      ['updateAction', { input: { id: act, version: v, title: 'Taken over' } }, { input: { id: f, version: v, title: 'Taken over' } }],
      [
        'postActionUpdate',
        { input: { actionId: act, version: v, narrative: 'x', status: 'COMPLETE', rag: 'GREEN' } },
        { input: { actionId: f, version: v, narrative: 'x', status: 'COMPLETE', rag: 'GREEN' } },
      ],
      [
        'createAction',
        {
          input: {
            objectiveId: X.objectiveIds[0],
            title: 'Leak',
            ownerUserId: B.member.id,
            leadAgencyId: B.agencies.health,
            dueDate: '2027-03-31',
          },
        },
        { input: { objectiveId: f, title: 'Leak', ownerUserId: B.member.id, leadAgencyId: B.agencies.health, dueDate: '2027-03-31' } },
      ],
    ];
    for (const [op, real, fake] of cases) {
      const r = await as('bSecretariat').request(OPS[op], real);
      expect({ op, r }).toEqual({ op, r: await as('bSecretariat').request(OPS[op], fake) });
      expectOnlyError(r, op, op === 'createAction' ? 'BAD_USER_INPUT' : 'NOT_FOUND');
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });

  // Each request here succeeds for the chair and the secretariat in the next test.
  const planCases = (): Array<[keyof typeof OPS, Row, string]> => [
    [
      'createWorkPlan',
      { subGroupId: A.subGroupId, title: 'Someone’s plan', periodStart: '2027-04-01', periodEnd: '2028-03-31' },
      CREATE_PLAN,
    ],
    ['updateWorkPlan', { id: D.id, title: 'Renamed' }, CHANGE_PLAN],
    ['activateWorkPlan', { workPlanId: D.id }, CHANGE_PLAN],
    ['closeWorkPlan', { workPlanId: X.id }, CHANGE_PLAN],
    ['rollForwardWorkPlan', { fromWorkPlanId: X.id, title: 'Next year', periodStart: '2027-04-01', periodEnd: '2028-03-31' }, ROLL_PLAN],
    ['createObjective', { workPlanId: D.id, title: 'Another objective' }, CHANGE_PLAN],
    ['updateObjective', { id: D.objectiveIds[0], title: 'Reworded', position: 1 }, CHANGE_PLAN],
    ['importActions', { workPlanId: D.id, csv: importCsv('Imported action'), dryRun: false }, IMPORT],
    ['importActions', { workPlanId: D.id, csv: importCsv('Imported action') }, IMPORT],
  ];

  it.each(NOT_EDITORS)(
    '%s may not create, edit, activate, close, roll forward or import into a plan (FORBIDDEN), and nothing is written',
    async (who) => {
      const before = await tenantSnapshot(stack.pg, A.id);
      const audits = await auditCount(stack.pg, A.id);
      for (const [op, input, message] of planCases()) {
        const r = await as(who).request(OPS[op], { input });
        try {
          expectOnlyError(r, op, 'FORBIDDEN', message);
        } catch (e) {
          throw new Error(`${who} ${op}: ${(e as Error).message}`);
        }
      }
      expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
      expect(await auditCount(stack.pg, A.id)).toBe(audits);
    },
  );

  it('the chair and the secretariat may do each of those', async () => {
    const plan = async (id: string) =>
      (await stack.pg.query<{ status: string; title: string }>('SELECT status, title FROM work_plans WHERE id = $1', [id])).rows[0];
    let draft = D;
    let active: string = X.id;
    for (const [i, who] of EDITORS.entries()) {
      const c = as(who);
      const year = 2027 + 2 * i;
      const created = await c.ok<{ createWorkPlan: Row }>(OPS.createWorkPlan, {
        input: { subGroupId: A.subGroupId, title: `${who}’s plan`, periodStart: `${year + 2}-04-01`, periodEnd: `${year + 3}-03-31` },
      });
      expect(created.createWorkPlan).toMatchObject({ subGroupId: A.subGroupId, status: 'DRAFT', title: `${who}’s plan` });
      await expect(c.ok(OPS.updateWorkPlan, { input: { id: draft.id, title: `Renamed by ${who}` } })).resolves.toMatchObject({
        updateWorkPlan: { id: draft.id, title: `Renamed by ${who}` },
      });
      await expect(c.ok(OPS.createObjective, { input: { workPlanId: draft.id, title: `Objective by ${who}` } })).resolves.toMatchObject({
        createObjective: { workPlanId: draft.id, position: 2 },
      });
      await expect(c.ok(OPS.updateObjective, { input: { id: draft.objectiveIds[0], title: `Reworded by ${who}` } })).resolves.toMatchObject(
        {
          updateObjective: { title: `Reworded by ${who}` },
        },
      );
      await expect(
        c.ok(OPS.importActions, { input: { workPlanId: draft.id, csv: importCsv(`Imported by ${who}`) } }),
      ).resolves.toMatchObject({
        importActions: { valid: true, imported: false, actionsCreated: 1 },
      });
      await expect(
        c.ok(OPS.importActions, { input: { workPlanId: draft.id, csv: importCsv(`Imported by ${who}`), dryRun: false } }),
      ).resolves.toMatchObject({ importActions: { valid: true, imported: true, actionsCreated: 1, objectivesCreated: 1 } });
      await expect(c.ok(OPS.closeWorkPlan, { input: { workPlanId: active } })).resolves.toMatchObject({
        closeWorkPlan: { status: 'CLOSED' },
      });
      await expect(c.ok(OPS.activateWorkPlan, { input: { workPlanId: draft.id } })).resolves.toMatchObject({
        activateWorkPlan: { status: 'ACTIVE' },
      });
      const next = await c.ok<{ rollForwardWorkPlan: Row }>(OPS.rollForwardWorkPlan, {
        input: { fromWorkPlanId: draft.id, title: `Rolled by ${who}`, periodStart: `${year + 1}-04-01`, periodEnd: `${year + 2}-03-31` },
      });
      expect(next.rollForwardWorkPlan).toMatchObject({ status: 'ACTIVE', rolledFromPlanId: draft.id });
      expect(await plan(draft.id)).toEqual({ status: 'CLOSED', title: `Renamed by ${who}` });
      // The secretariat carries on with the chair's new draft and active plan.
      const objs = await stack.pg.query<{ id: string }>('SELECT id FROM objectives WHERE work_plan_id = $1 ORDER BY position', [
        created.createWorkPlan.id,
      ]);
      if (!objs.rows.length) {
        const o = await c.ok<{ createObjective: { id: string } }>(OPS.createObjective, {
          input: { workPlanId: created.createWorkPlan.id as string, title: 'First objective' },
        });
        objs.rows.push({ id: o.createObjective.id });
      }
      draft = { id: created.createWorkPlan.id as string, subGroupId: A.subGroupId, objectiveIds: objs.rows.map((r) => r.id) };
      active = next.rollForwardWorkPlan.id as string;
    }
    const statuses = await stack.pg.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM work_plans WHERE sub_group_id = $1 AND status = 'ACTIVE'",
      [A.subGroupId],
    );
    expect(statuses.rows[0].n).toBe(1);
    expect((await plan(X.id)).status).toBe('CLOSED');
  });

  it('a closed plan refuses every edit, even to the chair and the secretariat (FORBIDDEN), shows no edit controls, and still reads', async () => {
    expect((await stack.pg.query('SELECT status FROM work_plans WHERE id = $1', [X.id])).rows[0].status).toBe('CLOSED');
    const v = await version(act);
    const attempts: Array<[keyof typeof OPS, Row]> = [
      ['updateWorkPlan', { id: X.id, title: 'Rewritten history' }],
      ['activateWorkPlan', { workPlanId: X.id }],
      ['closeWorkPlan', { workPlanId: X.id }],
      ['createObjective', { workPlanId: X.id, title: 'Late objective' }],
      ['updateObjective', { id: X.objectiveIds[0], title: 'Late rewording' }],
      [
        'createAction',
        { objectiveId: X.objectiveIds[0], title: 'Late action', ownerUserId: A.member.id, leadAgencyId: education, dueDate: '2027-03-31' },
      ],
      ['updateAction', { id: act, version: v, title: 'Late edit' }],
      ['postActionUpdate', { actionId: act, version: v, narrative: 'Late news', status: 'COMPLETE', rag: 'GREEN' }],
      ['importActions', { workPlanId: X.id, csv: importCsv('Late import'), dryRun: false }],
    ];
    const before = await tenantSnapshot(stack.pg, A.id);
    const audits = await auditCount(stack.pg, A.id);
    for (const who of EDITORS) {
      for (const [op, input] of attempts) {
        const r = await as(who).request(OPS[op], { input });
        try {
          expectOnlyError(r, op, 'FORBIDDEN', CLOSED);
        } catch (e) {
          throw new Error(`${who} ${op}: ${(e as Error).message}`);
        }
      }
    }
    // The owner and the lead agency cannot post progress on it either.
    for (const who of ['owner', 'leadAgency'] as const) {
      expectOnlyError(await as(who).request(OPS.postActionUpdate, { input: attempts[7][1] }), 'postActionUpdate', 'FORBIDDEN', CLOSED);
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    expect(await auditCount(stack.pg, A.id)).toBe(audits);
    for (const who of EVERYONE) {
      const d = await as(who).ok<{ action: Row }>(OPS.action, { id: act });
      expect({ who, canEdit: d.action.canEdit, canUpdate: d.action.canUpdate }).toEqual({ who, canEdit: false, canUpdate: false });
      const p = await as(who).ok<{ workPlan: Row }>(OPS.workPlan, { id: X.id });
      expect({ who, status: p.workPlan.status, canEdit: p.workPlan.canEdit }).toEqual({ who, status: 'CLOSED', canEdit: false });
    }
  });
});
