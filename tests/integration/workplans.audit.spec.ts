/**
 * Issue 4: "an audit row for every change". Every work plan and framework mutation writes
 * exactly the audit events expected of it (action, record type, record, actor, request id,
 * before and after) in the same transaction as the change; a mutation that is refused
 * (FORBIDDEN, NOT_FOUND, a field error, CONFLICT, a closed plan, an invalid import) or a
 * dry run writes none, and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  addMembership,
  addUser,
  createPartnership,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

type Row = Record<string, unknown>;
interface Event {
  action: string;
  entity_type: string;
  entity_id: string;
  actor_user_id: string | null;
  before: Row | null;
  after: Row | null;
}

describe('work plans and frameworks: an audit row for every change', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let sec: GqlClient;
  let chair: GqlClient;
  let member: GqlClient;
  let cpp: Record<string, string>;
  let healthName: string;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Audington');
    cpp = (await principles(stack.pg, A.id)).items;
    const [s, c, m] = await Promise.all([A.secretariat, A.chair, A.member].map((u) => signIn(stack.client(), u.email)));
    sec = stack.client(s.accessToken);
    chair = stack.client(c.accessToken);
    member = stack.client(m.accessToken);
    healthName = (await stack.pg.query('SELECT name FROM agencies WHERE id = $1', [A.agencies.health])).rows[0].name;
  });
  afterAll(() => stack?.close());

  /** Runs one mutation under its own request id; returns its data (or errors) and the audit events it wrote, sorted. */
  const run = async (c: GqlClient, op: keyof typeof OPS, input: Row) => {
    const requestId = `audit-${op}-${randomUUID()}`;
    const r = await c.withHeaders({ 'x-request-id': requestId }).request<Record<string, Row>>(OPS[op], { input });
    const events = (
      await stack.pg.query<Event & { partnership_id: string; request_id: string }>(
        'SELECT * FROM audit_events WHERE request_id = $1 ORDER BY action, entity_type, entity_id',
        [requestId],
      )
    ).rows;
    for (const e of events) expect(e.partnership_id).toBe(A.id);
    return { data: r.data?.[op] as Row, errors: r.errors, events };
  };
  /** Events as [action, record type, record id], in a fixed order (several may share a millisecond). */
  const sorted = (rows: Array<[string, string, string]>) => [...rows].sort((x, y) => (x.join('|') < y.join('|') ? -1 : 1));
  const shape = (events: Event[]) => sorted(events.map((e): [string, string, string] => [e.action, e.entity_type, e.entity_id]));

  it('each mutation writes exactly its audit events, by its actor, with before and after', async () => {
    // Frameworks (the secretariat).
    let r = await run(sec, 'createFramework', { name: 'Our promises', kind: 'PROMISES', description: 'Ten promises' });
    const fw = r.data.id as string;
    expect(shape(r.events)).toEqual([['framework.create', 'Framework', fw]]);
    expect(r.events[0]).toMatchObject({
      actor_user_id: A.secretariat.id,
      before: null,
      after: { id: fw, name: 'Our promises', builtIn: false },
    });

    r = await run(sec, 'updateFramework', { id: fw, name: 'Our promises to you' });
    expect(shape(r.events)).toEqual([['framework.update', 'Framework', fw]]);
    expect(r.events[0]).toMatchObject({ before: { name: 'Our promises' }, after: { name: 'Our promises to you' } });

    r = await run(sec, 'retireFramework', { id: fw });
    expect(shape(r.events)).toEqual([['framework.retire', 'Framework', fw]]);
    expect(r.events[0].before).toMatchObject({ retiredAt: null });
    expect(r.events[0].after?.retiredAt).toEqual(expect.any(String));

    r = await run(sec, 'restoreFramework', { id: fw });
    expect(shape(r.events)).toEqual([['framework.restore', 'Framework', fw]]);
    expect(r.events[0].after).toMatchObject({ retiredAt: null });

    r = await run(sec, 'createFrameworkItem', { frameworkId: fw, code: 'P1', title: 'We will listen' });
    const p1 = r.data.id as string;
    expect(shape(r.events)).toEqual([['frameworkItem.create', 'FrameworkItem', p1]]);

    r = await run(sec, 'updateFrameworkItem', { id: p1, title: 'We will listen to you' });
    expect(shape(r.events)).toEqual([['frameworkItem.update', 'FrameworkItem', p1]]);
    expect(r.events[0]).toMatchObject({ before: { title: 'We will listen' }, after: { title: 'We will listen to you' } });

    r = await run(sec, 'createFrameworkItem', { frameworkId: fw, code: 'P2', title: 'Unused' });
    const p2 = r.data.id as string;
    r = await run(sec, 'removeFrameworkItem', { id: p2 });
    expect(r.data).toEqual({ retired: false, item: null });
    expect(shape(r.events)).toEqual([['frameworkItem.delete', 'FrameworkItem', p2]]);
    expect(r.events[0]).toMatchObject({ before: { id: p2, code: 'P2' }, after: null });

    // A plan (the chair).
    r = await run(chair, 'createWorkPlan', {
      subGroupId: A.subGroupId,
      title: 'Health 2026/27',
      periodStart: '2026-04-01',
      periodEnd: '2027-03-31',
    });
    const plan = r.data.id as string;
    expect(shape(r.events)).toEqual([['workPlan.create', 'WorkPlan', plan]]);
    expect(r.events[0]).toMatchObject({ actor_user_id: A.chair.id, before: null, after: { id: plan, status: 'DRAFT' } });

    r = await run(chair, 'updateWorkPlan', { id: plan, periodEnd: '2027-03-30' });
    expect(shape(r.events)).toEqual([['workPlan.update', 'WorkPlan', plan]]);
    expect(r.events[0]).toMatchObject({ before: { periodEnd: '2027-03-31' }, after: { periodEnd: '2027-03-30' } });

    r = await run(chair, 'activateWorkPlan', { workPlanId: plan });
    expect(shape(r.events)).toEqual([['workPlan.activate', 'WorkPlan', plan]]);
    expect(r.events[0]).toMatchObject({ before: { status: 'DRAFT' }, after: { status: 'ACTIVE' } });

    r = await run(chair, 'createObjective', { workPlanId: plan, title: 'Physical health' });
    const o1 = r.data.id as string;
    expect(shape(r.events)).toEqual([['objective.create', 'Objective', o1]]);
    r = await run(chair, 'createObjective', { workPlanId: plan, title: 'Emotional health' });
    const o2 = r.data.id as string;

    // Moving the second objective first renumbers the first: both changes are recorded.
    r = await run(chair, 'updateObjective', { id: o2, position: 1 });
    expect(r.data).toMatchObject({ id: o2, position: 1 });
    expect(shape(r.events)).toEqual(
      sorted([
        ['objective.update', 'Objective', o2],
        ['objective.update', 'Objective', o1],
      ]),
    );
    const moved = Object.fromEntries(r.events.map((e) => [e.entity_id, [e.before?.position, e.after?.position]]));
    expect(moved).toEqual({ [o2]: [2, 1], [o1]: [1, 2] });

    r = await run(chair, 'createAction', {
      objectiveId: o1,
      title: 'Initial health assessments on time',
      ownerUserId: A.member.id,
      leadAgencyId: A.agencies.health,
      supportingAgencyIds: [A.agencies.council],
      frameworkItemIds: [cpp['CPP-A'], p1],
      dueDate: '2027-03-31',
    });
    const act = r.data.id as string;
    expect(shape(r.events)).toEqual([['action.create', 'Action', act]]);
    expect(r.events[0].after).toMatchObject({
      id: act,
      version: 1,
      supportingAgencyIds: [A.agencies.council],
      frameworkItemIds: [cpp['CPP-A'], p1].sort(),
    });

    r = await run(chair, 'updateAction', { id: act, version: 1, rag: 'AMBER', supportingAgencyIds: [] });
    expect(shape(r.events)).toEqual([['action.update', 'Action', act]]);
    expect(r.events[0]).toMatchObject({
      before: { version: 1, rag: 'GREEN', supportingAgencyIds: [A.agencies.council] },
      after: { version: 2, rag: 'AMBER', supportingAgencyIds: [] },
    });

    r = await run(member, 'postActionUpdate', {
      actionId: act,
      version: 2,
      narrative: 'Weekly tracking started.',
      status: 'IN_PROGRESS',
      rag: 'GREEN',
    });
    const update = (r.data.update as Row).id as string;
    expect(shape(r.events)).toEqual(
      sorted([
        ['action.postUpdate', 'ActionUpdate', update],
        ['action.update', 'Action', act],
      ]),
    );
    const byType = Object.fromEntries(r.events.map((e) => [e.entity_type, e]));
    expect(byType.ActionUpdate).toMatchObject({
      actor_user_id: A.member.id,
      before: null,
      after: { narrative: 'Weekly tracking started.' },
    });
    expect(byType.Action).toMatchObject({ before: { version: 2, status: 'NOT_STARTED' }, after: { version: 3, status: 'IN_PROGRESS' } });

    // An item in use is retired, not deleted; restored, it is live again.
    r = await run(sec, 'removeFrameworkItem', { id: p1 });
    expect(r.data).toMatchObject({ retired: true, item: { id: p1 } });
    expect(shape(r.events)).toEqual([['frameworkItem.retire', 'FrameworkItem', p1]]);
    r = await run(sec, 'restoreFrameworkItem', { id: p1 });
    expect(shape(r.events)).toEqual([['frameworkItem.restore', 'FrameworkItem', p1]]);

    // An import: one event per objective and action it creates (a dry run writes none).
    const csv = `objective,title,owner_email,lead_agency,due_date\r\nSexual health,Clinic drop-ins,${A.member.email},${healthName},2027-03-31\r\n`;
    r = await run(chair, 'importActions', { workPlanId: plan, csv });
    expect(r.data).toMatchObject({ valid: true, imported: false });
    expect(r.events).toEqual([]);
    r = await run(chair, 'importActions', { workPlanId: plan, csv, dryRun: false });
    expect(r.data).toMatchObject({ valid: true, imported: true, actionsCreated: 1, objectivesCreated: 1 });
    const imported = (await stack.pg.query("SELECT id, objective_id FROM actions WHERE title = 'Clinic drop-ins'")).rows[0];
    expect(shape(r.events)).toEqual(
      sorted([
        ['objective.create', 'Objective', imported.objective_id],
        ['action.import', 'Action', imported.id],
      ]),
    );

    // Roll forward: the new plan, the old one closed, each copied objective and carried action.
    r = await run(chair, 'rollForwardWorkPlan', {
      fromWorkPlanId: plan,
      title: 'Health 2027/28',
      periodStart: '2027-04-01',
      periodEnd: '2028-03-31',
    });
    const next = r.data.id as string;
    const carried = (await stack.pg.query('SELECT id, objective_id FROM actions WHERE work_plan_id = $1 ORDER BY title', [next])).rows;
    expect(carried).toHaveLength(2);
    expect(shape(r.events)).toEqual(
      sorted([
        ['workPlan.rollForward', 'WorkPlan', next],
        ['workPlan.close', 'WorkPlan', plan],
        ...carried.map((a): [string, string, string] => ['objective.create', 'Objective', a.objective_id]),
        ...carried.map((a): [string, string, string] => ['action.rollForward', 'Action', a.id]),
      ]),
    );
    expect(r.events.find((e) => e.action === 'workPlan.close')).toMatchObject({
      before: { status: 'ACTIVE' },
      after: { status: 'CLOSED' },
    });

    r = await run(chair, 'closeWorkPlan', { workPlanId: next });
    expect(shape(r.events)).toEqual([['workPlan.close', 'WorkPlan', next]]);

    // Every work plan or framework event of this partnership came from one of the requests above (none unaccounted for).
    const strays = await stack.pg.query(
      `SELECT action FROM audit_events WHERE partnership_id = $1 AND coalesce(request_id, '') NOT LIKE 'audit-%'
          AND entity_type IN ('WorkPlan', 'Objective', 'Action', 'ActionUpdate', 'Framework', 'FrameworkItem')`,
      [A.id],
    );
    expect(strays.rows).toEqual([]);
  });

  it('a refused mutation writes no audit event and changes nothing', async () => {
    const plan = (
      await chair.ok<{ createWorkPlan: { id: string } }>(OPS.createWorkPlan, {
        input: { subGroupId: A.subGroupId, title: 'Health 2028/29', periodStart: '2028-04-01', periodEnd: '2029-03-31' },
      })
    ).createWorkPlan.id;
    await chair.ok(OPS.activateWorkPlan, { input: { workPlanId: plan } });
    const objective = (
      await chair.ok<{ createObjective: { id: string } }>(OPS.createObjective, { input: { workPlanId: plan, title: 'Health' } })
    ).createObjective.id;
    const act = (
      await chair.ok<{ createAction: { id: string } }>(OPS.createAction, {
        input: {
          objectiveId: objective,
          title: 'Dental checks',
          ownerUserId: A.member.id,
          leadAgencyId: A.agencies.health,
          dueDate: '2028-12-31',
        },
      })
    ).createAction.id;
    const closed = (
      await stack.pg.query("SELECT id FROM work_plans WHERE partnership_id = $1 AND status = 'CLOSED' ORDER BY period_start LIMIT 1", [
        A.id,
      ])
    ).rows[0].id;
    const closedAction = (await stack.pg.query('SELECT id, version FROM actions WHERE work_plan_id = $1 LIMIT 1', [closed])).rows[0];
    const fwId = (await stack.pg.query('SELECT id FROM frameworks WHERE partnership_id = $1 AND NOT built_in', [A.id])).rows[0].id;
    const outsider = await addUser(stack.pg, A, 'outsider', { agencyId: A.agencies.council });
    await addMembership(stack.pg, A, outsider.id);
    const other = stack.client((await signIn(stack.client(), outsider.email)).accessToken);
    const badCsv = `objective,title,owner_email,lead_agency,due_date\r\nHealth,Good row,${A.member.email},${healthName},2028-12-31\r\nHealth,Bad row,nobody@example.test,${healthName},2028-12-31\r\n`;

    const refused: Array<[string, GqlClient, keyof typeof OPS, Row, string]> = [
      ['FORBIDDEN: member edits the plan', member, 'updateWorkPlan', { id: plan, title: 'Mine now' }, 'FORBIDDEN'],
      ['FORBIDDEN: member edits an action', member, 'updateAction', { id: act, version: 1, title: 'Mine now' }, 'FORBIDDEN'],
      [
        'FORBIDDEN: another agency posts progress',
        other,
        'postActionUpdate',
        { actionId: act, version: 1, narrative: 'x', status: 'COMPLETE', rag: 'GREEN' },
        'FORBIDDEN',
      ],
      ['FORBIDDEN: chair manages frameworks', chair, 'createFramework', { name: 'Chair’s list', kind: 'OTHER' }, 'FORBIDDEN'],
      ['FORBIDDEN: the principles are read-only', sec, 'updateFrameworkItem', { id: cpp['CPP-A'], title: 'Reworded law' }, 'FORBIDDEN'],
      [
        'FORBIDDEN: closed plan',
        sec,
        'updateAction',
        { id: closedAction.id, version: closedAction.version, title: 'Rewrite' },
        'FORBIDDEN',
      ],
      ['NOT_FOUND: random action', chair, 'updateAction', { id: randomUUID(), version: 1, title: 'x' }, 'NOT_FOUND'],
      ['NOT_FOUND: random plan', chair, 'closeWorkPlan', { workPlanId: randomUUID() }, 'NOT_FOUND'],
      ['NOT_FOUND: random framework', sec, 'retireFramework', { id: randomUUID() }, 'NOT_FOUND'],
      [
        'BAD_USER_INPUT: due before start',
        chair,
        'updateAction',
        { id: act, version: 1, startDate: '2028-12-31', dueDate: '2028-01-01' },
        'BAD_USER_INPUT',
      ],
      [
        'BAD_USER_INPUT: period ends before it starts',
        chair,
        'createWorkPlan',
        { subGroupId: A.subGroupId, title: 'x', periodStart: '2029-04-01', periodEnd: '2029-03-31' },
        'BAD_USER_INPUT',
      ],
      [
        'BAD_USER_INPUT: a second active plan',
        chair,
        'rollForwardWorkPlan',
        { fromWorkPlanId: closed, title: 'x', periodStart: '2030-04-01', periodEnd: '2031-03-31' },
        'BAD_USER_INPUT',
      ],
      [
        'BAD_USER_INPUT: duplicate framework name',
        sec,
        'createFramework',
        { name: 'OUR PROMISES TO YOU', kind: 'OTHER' },
        'BAD_USER_INPUT',
      ],
      [
        'BAD_USER_INPUT: update in the future',
        member,
        'postActionUpdate',
        { actionId: act, version: 1, narrative: 'x', status: 'COMPLETE', rag: 'GREEN', updateDate: '2999-01-01' },
        'BAD_USER_INPUT',
      ],
      [
        'BAD_USER_INPUT: blank narrative',
        member,
        'postActionUpdate',
        { actionId: act, version: 1, narrative: '', status: 'COMPLETE', rag: 'GREEN' },
        'BAD_USER_INPUT',
      ],
      ['CONFLICT: stale version', chair, 'updateAction', { id: act, version: 7, title: 'x' }, 'CONFLICT'],
      [
        'CONFLICT: stale progress',
        member,
        'postActionUpdate',
        { actionId: act, version: 7, narrative: 'x', status: 'COMPLETE', rag: 'GREEN' },
        'CONFLICT',
      ],
      ['FORBIDDEN: retire the principles', sec, 'retireFramework', { id: (await principles(stack.pg, A.id)).frameworkId }, 'FORBIDDEN'],
      ['FORBIDDEN: member restores an item', member, 'restoreFrameworkItem', { id: cpp['CPP-B'] }, 'FORBIDDEN'],
      ['FORBIDDEN: member renames a framework', member, 'updateFramework', { id: fwId, name: 'x' }, 'FORBIDDEN'],
    ];
    const before = await tenantSnapshot(stack.pg, A.id);
    for (const [label, c, op, input, code] of refused) {
      const r = await run(c, op, input);
      expect({ label, code: r.errors?.map((e) => e.extensions?.code), events: r.events }).toEqual({ label, code: [code], events: [] });
    }
    // An invalid file, imported for real, is refused whole: it reports its errors and writes nothing.
    const bad = await run(chair, 'importActions', { workPlanId: plan, csv: badCsv, dryRun: false });
    expect(bad.data).toMatchObject({ valid: false, imported: false, actionsCreated: 0 });
    expect(bad.events).toEqual([]);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });
});
