/**
 * Issue 4, "Roll forward: a new period's plan starts with the open actions of the old one,
 * linked to their history", and "one active plan per sub-group at a time". Built through
 * the api, as a chair would: the open actions are carried with rolledFromActionId, their
 * supporting agencies and framework items; only objectives with open actions come across;
 * activating closes the old plan; the carried action's earlierUpdates show its whole
 * history, oldest first; a second active plan is refused with a field error.
 */
import {
  OPS,
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addAgency,
  addMembership,
  addUser,
  auditCount,
  createPartnership,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

type Row = Record<string, unknown>;

const CARRIED_FIELDS = [
  'title',
  'description',
  'ownerUserId',
  'leadAgencyId',
  'startDate',
  'dueDate',
  'status',
  'rag',
  'successMeasure',
  'visibility',
  'restrictedUserIds',
  'subGroupId',
] as const;

describe('work plans: roll forward and one active plan per sub-group', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let edu: TestUser;
  let education: string;
  let chair: GqlClient;
  let member: GqlClient;
  let sec: GqlClient;
  let items: Record<string, string>;
  /** The 2026/27 plan and its records, by name. */
  let oldPlan: string;
  const obj: Record<string, string> = {};
  const act: Record<string, string> = {};

  const create = async (objective: string, input: Row): Promise<string> =>
    (
      await chair.ok<{ createAction: { id: string } }>(OPS.createAction, {
        input: { objectiveId: obj[objective], ownerUserId: A.member.id, leadAgencyId: A.agencies.health, dueDate: '2027-03-31', ...input },
      })
    ).createAction.id;
  const post = async (c: GqlClient, id: string, narrative: string, status: string, rag: string, updateDate?: string) => {
    const v = (await stack.pg.query('SELECT version FROM actions WHERE id = $1', [id])).rows[0].version;
    await c.ok(OPS.postActionUpdate, { input: { actionId: id, version: v, narrative, status, rag, updateDate } });
  };
  const getAction = async (id: string) =>
    (
      await sec.ok<{
        action: Row & { supportingAgencies: Row[]; frameworkItems: Row[]; updates: Row[]; earlierUpdates: Row[]; latestUpdate: Row | null };
      }>(OPS.action, { id })
    ).action;
  const planActions = async (planId: string) =>
    (
      await stack.pg.query<{ id: string; title: string; rolled_from_action_id: string | null; objective_id: string }>(
        'SELECT id, title, rolled_from_action_id, objective_id FROM actions WHERE work_plan_id = $1 ORDER BY title',
        [planId],
      )
    ).rows;
  const expectFieldError = (r: GqlResult<unknown>, op: string, path: string, message: string) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ path: [op], message, extensions: { code: 'BAD_USER_INPUT', fields: [{ path, message }] } });
  };

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Rollington');
    education = await addAgency(stack.pg, A, 'Rollington Virtual School', 'EDUCATION');
    edu = await addUser(stack.pg, A, 'edu', { agencyId: education });
    await addMembership(stack.pg, A, edu.id);
    items = (await principles(stack.pg, A.id)).items;
    const [c, m, s] = await Promise.all([A.chair, A.member, A.secretariat].map((u) => signIn(stack.client(), u.email)));
    chair = stack.client(c.accessToken);
    member = stack.client(m.accessToken);
    sec = stack.client(s.accessToken);

    // The chair builds and runs this year's plan.
    oldPlan = (
      await chair.ok<{ createWorkPlan: { id: string } }>(OPS.createWorkPlan, {
        input: { subGroupId: A.subGroupId, title: 'Health 2026/27', periodStart: '2026-04-01', periodEnd: '2027-03-31' },
      })
    ).createWorkPlan.id;
    await chair.ok(OPS.activateWorkPlan, { input: { workPlanId: oldPlan } });
    for (const [k, title] of [
      ['mixed', 'Physical health'],
      ['cancelledOnly', 'Dental'],
      ['open', 'Emotional wellbeing'],
      ['empty', 'Sexual health'],
    ]) {
      obj[k] = (
        await chair.ok<{ createObjective: { id: string } }>(OPS.createObjective, {
          input: { workPlanId: oldPlan, title, description: `${title} detail` },
        })
      ).createObjective.id;
    }
    act.assessments = await create('mixed', {
      title: 'Initial health assessments on time',
      description: 'Every new entrant within 20 working days.',
      startDate: '2026-04-01',
      supportingAgencyIds: [A.agencies.council, education],
      frameworkItemIds: [items['CPP-A'], items['CPP-D']],
      successMeasure: '95% on time',
      rag: 'AMBER',
    });
    act.passports = await create('mixed', { title: 'Health passports for care leavers' });
    act.dental = await create('cancelledOnly', { title: 'Dental registration drive' });
    act.camhs = await create('open', {
      title: 'CAMHS fast track',
      ownerUserId: edu.id,
      leadAgencyId: education,
      visibility: 'SUB_GROUP',
      frameworkItemIds: [items['CPP-A']],
      dueDate: '2026-12-31',
    });
    act.wellbeing = await create('open', { title: 'Wellbeing training', visibility: 'RESTRICTED', restrictedUserIds: [edu.id] });
    // History: two updates on the assessments (posted out of date order), completion and cancellation for others.
    await post(member, act.assessments, 'Started weekly tracking.', 'IN_PROGRESS', 'AMBER', '2026-05-01');
    await post(member, act.assessments, 'Backlog cleared in April.', 'IN_PROGRESS', 'GREEN', '2026-04-20');
    await post(member, act.passports, 'All passports issued.', 'COMPLETE', 'GREEN');
    await post(chair, act.dental, 'Replaced by the NHS dental pathway.', 'CANCELLED', 'AMBER');
  });
  afterAll(() => stack?.close());

  let newPlan: string;

  it('carries the open actions, with their links and agencies and tags, under copies of only the objectives that have them', async () => {
    const oldBefore = await stack.pg.query('SELECT a::text FROM actions a WHERE work_plan_id = $1 ORDER BY id', [oldPlan]);
    const d = await chair.ok<{ rollForwardWorkPlan: Row }>(OPS.rollForwardWorkPlan, {
      input: { fromWorkPlanId: oldPlan, title: 'Health 2027/28', periodStart: '2027-04-01', periodEnd: '2028-03-31', activate: true },
    });
    newPlan = d.rollForwardWorkPlan.id as string;
    expect(d.rollForwardWorkPlan).toMatchObject({
      subGroupId: A.subGroupId,
      title: 'Health 2027/28',
      periodStart: '2027-04-01',
      periodEnd: '2028-03-31',
      status: 'ACTIVE',
      rolledFromPlanId: oldPlan,
    });
    // The old plan is closed and its actions are exactly as they were.
    expect((await stack.pg.query('SELECT status FROM work_plans WHERE id = $1', [oldPlan])).rows[0].status).toBe('CLOSED');
    expect((await stack.pg.query('SELECT a::text FROM actions a WHERE work_plan_id = $1 ORDER BY id', [oldPlan])).rows).toEqual(
      oldBefore.rows,
    );

    // Objectives: only "Physical health" and "Emotional wellbeing" had open actions; copied in order, 1 and 2.
    const objectives = (
      await stack.pg.query<{ id: string; title: string; description: string; position: number }>(
        'SELECT id, title, description, position FROM objectives WHERE work_plan_id = $1 ORDER BY position',
        [newPlan],
      )
    ).rows;
    expect(objectives.map((o) => [o.position, o.title, o.description])).toEqual([
      [1, 'Physical health', 'Physical health detail'],
      [2, 'Emotional wellbeing', 'Emotional wellbeing detail'],
    ]);

    // Actions: the three open ones, each linked to the one it came from, under the copy of its objective.
    const carried = await planActions(newPlan);
    expect(carried.map((a) => [a.title, a.rolled_from_action_id])).toEqual([
      ['CAMHS fast track', act.camhs],
      ['Initial health assessments on time', act.assessments],
      ['Wellbeing training', act.wellbeing],
    ]);
    const objectiveOf = Object.fromEntries(carried.map((a) => [a.rolled_from_action_id, a.objective_id]));
    expect(objectiveOf[act.assessments]).toBe(objectives[0].id);
    expect(objectiveOf[act.camhs]).toBe(objectives[1].id);
    expect(objectiveOf[act.wellbeing]).toBe(objectives[1].id);

    for (const a of carried) {
      const [from, to] = [await getAction(a.rolled_from_action_id!), await getAction(a.id)];
      for (const f of CARRIED_FIELDS) expect({ title: a.title, f, v: to[f] }).toEqual({ title: a.title, f, v: from[f] });
      expect(to).toMatchObject({
        workPlanId: newPlan,
        version: 1,
        rolledFromActionId: from.id,
        updates: [],
        latestUpdate: null,
        canEdit: true,
      });
      expect(to.supportingAgencies).toEqual(from.supportingAgencies);
      expect(to.frameworkItems).toEqual(from.frameworkItems);
    }
    const assessments = await getAction(carried[1].id);
    expect(assessments.supportingAgencies.map((x) => x.id).sort()).toEqual([A.agencies.council, education].sort());
    expect(assessments.frameworkItems.map((x) => x.code)).toEqual(['CPP-A', 'CPP-D']);
  });

  it('a carried action’s earlierUpdates show the old history in order, and keep growing across periods', async () => {
    const [, carried] = await planActions(newPlan);
    const first = await getAction(carried.id);
    expect(first.earlierUpdates.map((u) => [u.updateDate, u.narrative, u.actionId])).toEqual([
      ['2026-04-20', 'Backlog cleared in April.', act.assessments],
      ['2026-05-01', 'Started weekly tracking.', act.assessments],
    ]);
    // A year of progress on the carried action, then another roll forward.
    await post(member, carried.id, 'Now within 15 working days.', 'IN_PROGRESS', 'GREEN');
    const next = await chair.ok<{ rollForwardWorkPlan: { id: string } }>(OPS.rollForwardWorkPlan, {
      input: { fromWorkPlanId: newPlan, title: 'Health 2028/29', periodStart: '2028-04-01', periodEnd: '2029-03-31' },
    });
    const third = (await planActions(next.rollForwardWorkPlan.id)).find((a) => a.rolled_from_action_id === carried.id)!;
    const latest = await getAction(third.id);
    expect(latest.earlierUpdates.map((u) => [u.narrative, u.actionId])).toEqual([
      ['Backlog cleared in April.', act.assessments],
      ['Started weekly tracking.', act.assessments],
      ['Now within 15 working days.', carried.id],
    ]);
    // The default (activate) closed the 2027/28 plan in turn; only the newest is active.
    const plans = await stack.pg.query<{ title: string; status: string }>(
      'SELECT title, status FROM work_plans WHERE sub_group_id = $1 ORDER BY period_start',
      [A.subGroupId],
    );
    expect(plans.rows).toEqual([
      { title: 'Health 2026/27', status: 'CLOSED' },
      { title: 'Health 2027/28', status: 'CLOSED' },
      { title: 'Health 2028/29', status: 'ACTIVE' },
    ]);
    newPlan = next.rollForwardWorkPlan.id;
  });

  it('only one active plan per sub-group: a second activation, or an activating roll forward, is a field error and writes nothing', async () => {
    const draft = (
      await chair.ok<{ createWorkPlan: { id: string } }>(OPS.createWorkPlan, {
        input: { subGroupId: A.subGroupId, title: 'A rival plan', periodStart: '2028-04-01', periodEnd: '2029-03-31' },
      })
    ).createWorkPlan.id;
    const before = await tenantSnapshot(stack.pg, A.id);
    const audits = await auditCount(stack.pg, A.id);
    expectFieldError(
      await chair.request(OPS.activateWorkPlan, { input: { workPlanId: draft } }),
      'activateWorkPlan',
      'input.workPlanId',
      '“Health 2028/29” is already the active plan for this sub-group. Close it, or roll it forward, first.',
    );
    // Rolling a closed plan forward into an active one, while another is active.
    expectFieldError(
      await chair.request(OPS.rollForwardWorkPlan, {
        input: { fromWorkPlanId: oldPlan, title: 'Redo 2027/28', periodStart: '2027-04-01', periodEnd: '2028-03-31', activate: true },
      }),
      'rollForwardWorkPlan',
      'input.activate',
      '“Health 2028/29” is already active. Roll that plan forward instead, or leave the new plan as a draft.',
    );
    expectFieldError(
      await chair.request(OPS.rollForwardWorkPlan, {
        input: { fromWorkPlanId: draft, title: 'x', periodStart: '2029-04-01', periodEnd: '2030-03-31' },
      }),
      'rollForwardWorkPlan',
      'input.fromWorkPlanId',
      'A draft plan cannot be rolled forward: edit it instead.',
    );
    expectFieldError(
      await chair.request(OPS.rollForwardWorkPlan, {
        input: { fromWorkPlanId: newPlan, title: 'x', periodStart: '2028-04-01', periodEnd: '2029-03-31' },
      }),
      'rollForwardWorkPlan',
      'input.periodStart',
      'The new period must start after the old one started.',
    );
    expectFieldError(
      await chair.request(OPS.activateWorkPlan, { input: { workPlanId: newPlan } }),
      'activateWorkPlan',
      'input.workPlanId',
      'Only a draft plan can be made active.',
    );
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    expect(await auditCount(stack.pg, A.id)).toBe(audits);

    // Rolled forward as a draft, the old plan stays active; the draft cannot be activated beside it.
    const asDraft = await chair.ok<{ rollForwardWorkPlan: { id: string; status: string } }>(OPS.rollForwardWorkPlan, {
      input: { fromWorkPlanId: newPlan, title: 'Health 2029/30', periodStart: '2029-04-01', periodEnd: '2030-03-31', activate: false },
    });
    expect(asDraft.rollForwardWorkPlan.status).toBe('DRAFT');
    expect((await stack.pg.query('SELECT status FROM work_plans WHERE id = $1', [newPlan])).rows[0].status).toBe('ACTIVE');
    expect(
      (await chair.request(OPS.activateWorkPlan, { input: { workPlanId: asDraft.rollForwardWorkPlan.id } })).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
    // Once the old one is closed, the draft may become active.
    await chair.ok(OPS.closeWorkPlan, { input: { workPlanId: newPlan } });
    await expect(chair.ok(OPS.activateWorkPlan, { input: { workPlanId: asDraft.rollForwardWorkPlan.id } })).resolves.toMatchObject({
      activateWorkPlan: { status: 'ACTIVE' },
    });
  });

  it('two drafts activated at the same moment: exactly one becomes active, the other is a field error', async () => {
    const sub = await stack.pg.query<{ id: string }>(
      "INSERT INTO sub_groups (partnership_id, board_id, name, remit) VALUES ($1, $2, 'Placements', 'Placements') RETURNING id",
      [A.id, A.boardId],
    );
    for (let round = 0; round < 4; round++) {
      const drafts: string[] = [];
      for (const n of [1, 2]) {
        const d = await sec.ok<{ createWorkPlan: { id: string } }>(OPS.createWorkPlan, {
          input: {
            subGroupId: sub.rows[0].id,
            title: `Round ${round} draft ${n}`,
            periodStart: `${2030 + round}-04-01`,
            periodEnd: `${2031 + round}-03-31`,
          },
        });
        drafts.push(d.createWorkPlan.id);
      }
      const results = await Promise.all(drafts.map((id) => sec.request(OPS.activateWorkPlan, { input: { workPlanId: id } })));
      const codes = results.map((r) => (r.errors ? r.errors.map((e) => e.extensions?.code).join() : 'OK')).sort();
      expect({ round, codes }).toEqual({ round, codes: ['BAD_USER_INPUT', 'OK'] });
      const active = await stack.pg.query<{ id: string }>("SELECT id FROM work_plans WHERE sub_group_id = $1 AND status = 'ACTIVE'", [
        sub.rows[0].id,
      ]);
      expect(active.rows).toHaveLength(1);
      await sec.ok(OPS.closeWorkPlan, { input: { workPlanId: active.rows[0].id } });
    }
  });

  it('the same plan rolled forward twice at the same moment: one new plan, its actions carried once', async () => {
    const active = (
      await stack.pg.query<{ id: string }>("SELECT id FROM work_plans WHERE sub_group_id = $1 AND status = 'ACTIVE'", [A.subGroupId])
    ).rows[0].id;
    const open = (
      await stack.pg.query(`SELECT count(*)::int AS n FROM actions WHERE work_plan_id = $1 AND status IN ('NOT_STARTED', 'IN_PROGRESS')`, [
        active,
      ])
    ).rows[0].n;
    expect(open).toBeGreaterThan(0);
    const input = (who: string) => ({
      input: { fromWorkPlanId: active, title: `Next (${who})`, periodStart: '2035-04-01', periodEnd: '2036-03-31' },
    });
    const results = await Promise.all([
      chair.request(OPS.rollForwardWorkPlan, input('chair')),
      sec.request(OPS.rollForwardWorkPlan, input('secretariat')),
    ]);
    const codes = results.map((r) => (r.errors ? r.errors.map((e) => e.extensions?.code).join() : 'OK')).sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'OK']);
    const plans = await stack.pg.query<{ id: string }>('SELECT id FROM work_plans WHERE sub_group_id = $1 AND rolled_from_plan_id = $2', [
      A.subGroupId,
      active,
    ]);
    expect(plans.rows).toHaveLength(1);
    const carried = await stack.pg.query('SELECT count(*)::int AS n FROM actions WHERE work_plan_id = $1', [plans.rows[0].id]);
    expect(carried.rows[0].n).toBe(open);
    const actives = await stack.pg.query("SELECT id FROM work_plans WHERE sub_group_id = $1 AND status = 'ACTIVE'", [A.subGroupId]);
    expect(actives.rows).toEqual([{ id: plans.rows[0].id }]);
  });
});
