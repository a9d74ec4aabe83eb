/**
 * Issue 4: "Every action carries a version: an update made against a stale version is
 * refused with a conflict error that returns the current values; nothing is silently
 * overwritten." Two people open the same action; the first to save wins, the second gets
 * CONFLICT with extensions.current holding what is now stored, and nothing of theirs is
 * written (no row, no audit event). The same holds for progress updates, and for saves
 * that arrive at the same moment.
 */
import {
  ACTION_FIELDS,
  OPS,
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  type WorkPlanFixture,
  auditCount,
  createPartnership,
  insertAction,
  insertWorkPlan,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

const EDIT_CONFLICT = 'Someone else changed this action since you opened it. Check the current details and make your change again.';
const UPDATE_CONFLICT = 'Someone else updated this action since you opened it. Check the latest update and post yours again.';

type Row = Record<string, unknown>;

describe('work plans: version conflicts on concurrent edits', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let plan: WorkPlanFixture;
  let chair: GqlClient;
  let secretariat: GqlClient;
  let owner: GqlClient;
  let items: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Clashby');
    plan = await insertWorkPlan(stack.pg, A, { objectives: ['Healthy lives', 'Emotional wellbeing'] });
    items = (await principles(stack.pg, A.id)).items;
    const [c, s, o] = await Promise.all([A.chair, A.secretariat, A.member].map((u) => signIn(stack.client(), u.email)));
    chair = stack.client(c.accessToken);
    secretariat = stack.client(s.accessToken);
    owner = stack.client(o.accessToken);
  });
  afterAll(() => stack?.close());

  /** The action as the api stores it, in the shape of a CONFLICT's extensions.current. */
  const current = async (id: string): Promise<Row> => {
    const d = await secretariat.ok<{ action: Row }>(`query($id: ID!) { action(id: $id) { ${ACTION_FIELDS} } }`, { id });
    const links = await stack.pg.query<{ agencies: string[] | null; items: string[] | null }>(
      `SELECT (SELECT array_agg(agency_id::text ORDER BY agency_id) FROM action_supporting_agencies WHERE action_id = $1) AS agencies,
              (SELECT array_agg(framework_item_id::text ORDER BY framework_item_id) FROM action_framework_items WHERE action_id = $1) AS items`,
      [id],
    );
    return {
      ...d.action,
      partnershipId: A.id,
      supportingAgencyIds: links.rows[0].agencies ?? [],
      frameworkItemIds: links.rows[0].items ?? [],
    };
  };
  const expectConflict = (r: GqlResult<unknown>, op: string, message: string, now: Row) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ path: [op], message, extensions: { code: 'CONFLICT' } });
    expect(r.errors![0].extensions?.current).toEqual(now);
  };

  it('two people read version N; the first edit wins, the second is refused with the current values and writes nothing', async () => {
    const id = await insertAction(stack.pg, A, plan, {
      title: 'Dental checks for every child',
      supportingAgencyIds: [A.agencies.council],
      frameworkItemIds: [items['CPP-A']],
    });
    const read = await Promise.all([chair, secretariat].map((c) => c.ok<{ action: { version: number } }>(OPS.action, { id })));
    expect(read.map((d) => d.action.version)).toEqual([1, 1]);

    const first = await chair.ok<{ updateAction: Row }>(OPS.updateAction, {
      input: {
        id,
        version: 1,
        title: 'Dental checks within 28 days of coming into care',
        rag: 'AMBER',
        supportingAgencyIds: [A.agencies.council, A.agencies.health],
        frameworkItemIds: [items['CPP-A'], items['CPP-D']],
      },
    });
    expect(first.updateAction).toMatchObject({ version: 2, title: 'Dental checks within 28 days of coming into care', rag: 'AMBER' });
    const now = await current(id);
    expect(now).toMatchObject({ version: 2, rag: 'AMBER', supportingAgencyIds: [A.agencies.council, A.agencies.health].sort() });

    const before = await tenantSnapshot(stack.pg, A.id);
    const audits = await auditCount(stack.pg, A.id);
    const second = await secretariat.request(OPS.updateAction, {
      input: { id, version: 1, title: 'Dental checks (secretariat’s wording)', rag: 'RED', supportingAgencyIds: [], frameworkItemIds: [] },
    });
    expectConflict(second, 'updateAction', EDIT_CONFLICT, now);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    expect(await auditCount(stack.pg, A.id)).toBe(audits);

    // Having seen the current values, the second person makes their change again against them.
    await expect(secretariat.ok(OPS.updateAction, { input: { id, version: now.version, rag: 'RED' } })).resolves.toMatchObject({
      updateAction: { version: 3, rag: 'RED', title: 'Dental checks within 28 days of coming into care' },
    });
    // A version from the future is as stale as one from the past.
    expectConflict(
      await chair.request(OPS.updateAction, { input: { id, version: 9, title: 'x' } }),
      'updateAction',
      EDIT_CONFLICT,
      await current(id),
    );
  });

  it('a progress update posted against a stale version is refused the same way, and no update row is written', async () => {
    const id = await insertAction(stack.pg, A, plan, { title: 'Health passports for care leavers', status: 'IN_PROGRESS', rag: 'GREEN' });
    // The owner opens the action (version 1); the chair edits it meanwhile.
    await chair.ok(OPS.updateAction, { input: { id, version: 1, dueDate: '2027-06-30' } });
    const now = await current(id);
    const before = await tenantSnapshot(stack.pg, A.id);
    const audits = await auditCount(stack.pg, A.id);
    const stale = await owner.request(OPS.postActionUpdate, {
      input: { actionId: id, version: 1, narrative: 'All passports issued.', status: 'COMPLETE', rag: 'GREEN' },
    });
    expectConflict(stale, 'postActionUpdate', UPDATE_CONFLICT, now);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    expect(await auditCount(stack.pg, A.id)).toBe(audits);
    expect((await stack.pg.query('SELECT count(*)::int AS n FROM action_updates WHERE action_id = $1', [id])).rows[0].n).toBe(0);

    // Posting moves the version on too, so the chair's edit from before the update is now the stale one.
    const posted = await owner.ok<{ postActionUpdate: { action: Row } }>(OPS.postActionUpdate, {
      input: { actionId: id, version: 2, narrative: 'All passports issued.', status: 'COMPLETE', rag: 'GREEN' },
    });
    expect(posted.postActionUpdate.action).toMatchObject({ version: 3, status: 'COMPLETE', displayRag: 'BLUE' });
    const afterPost = await current(id);
    expectConflict(
      await chair.request(OPS.updateAction, { input: { id, version: 2, status: 'IN_PROGRESS' } }),
      'updateAction',
      EDIT_CONFLICT,
      afterPost,
    );
    expectConflict(
      await secretariat.request(OPS.postActionUpdate, {
        input: { actionId: id, version: 2, narrative: 'Also done.', status: 'COMPLETE', rag: 'GREEN' },
      }),
      'postActionUpdate',
      UPDATE_CONFLICT,
      afterPost,
    );
    expect(await current(id)).toEqual(afterPost);
  });

  it('saves arriving at the same moment against the same version: exactly one wins, every time', async () => {
    const id = await insertAction(stack.pg, A, plan, { title: 'Immunisations catch-up', status: 'IN_PROGRESS' });
    let postsWon = 0;
    for (let round = 0; round < 5; round++) {
      const v = (await current(id)).version as number;
      const results = await Promise.all([
        chair.request<{ updateAction: Row }>(OPS.updateAction, { input: { id, version: v, title: `Chair’s title ${round}` } }),
        secretariat.request<{ updateAction: Row }>(OPS.updateAction, { input: { id, version: v, title: `Secretariat’s title ${round}` } }),
        owner.request<{ postActionUpdate: Row }>(OPS.postActionUpdate, {
          input: { actionId: id, version: v, narrative: `Round ${round}`, status: 'IN_PROGRESS', rag: 'AMBER' },
        }),
      ]);
      const codes = results.map((r) => (r.errors ? r.errors.map((e) => e.extensions?.code).join() : 'OK'));
      expect({ round, codes: [...codes].sort() }).toEqual({ round, codes: ['CONFLICT', 'CONFLICT', 'OK'] });
      const now = await current(id);
      expect({ round, version: now.version }).toEqual({ round, version: v + 1 });
      // The refused ones were told what the winner stored.
      for (const r of results.filter((x) => x.errors)) expect(r.errors![0].extensions?.current).toEqual(now);
      // Only the winner's change is stored: a progress row only in the rounds the owner's post won.
      if (codes[2] === 'OK') postsWon++;
      else expect(now.title).toBe(codes[0] === 'OK' ? `Chair’s title ${round}` : `Secretariat’s title ${round}`);
      const updates = (await stack.pg.query('SELECT count(*)::int AS n FROM action_updates WHERE action_id = $1', [id])).rows[0].n;
      expect({ round, updates }).toEqual({ round, updates: postsWon });
    }
  });
});
