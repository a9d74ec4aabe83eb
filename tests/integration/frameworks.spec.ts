/**
 * Issue 4, "Frameworks": every partnership has the seven corporate parenting principles of
 * the Children and Social Work Act 2017 s.1(1), codes CPP-A to CPP-G in their exact words
 * (shared/seeds/000 §3.1), read-only whoever asks (in the api and in the database). Each
 * partnership adds its own frameworks and items (the secretariat only); an item in use is
 * retired by removeFrameworkItem, never deleted, and cannot be newly chosen; an unused one
 * is deleted.
 */
import {
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

/** shared/seeds/000 §3.1, without the list's closing "; and" and full stop. */
const PRINCIPLES = [
  ['CPP-A', 'to act in the best interests, and promote the physical and mental health and wellbeing, of those children and young people'],
  ['CPP-B', 'to encourage those children and young people to express their views, wishes and feelings'],
  ['CPP-C', 'to take into account the views, wishes and feelings of those children and young people'],
  [
    'CPP-D',
    'to help those children and young people gain access to, and make the best use of, services provided by the local authority and its relevant partners',
  ],
  ['CPP-E', 'to promote high aspirations, and seek to secure the best outcomes, for those children and young people'],
  ['CPP-F', 'for those children and young people to be safe, and for stability in their home lives, relationships and education or work'],
  ['CPP-G', 'to prepare those children and young people for adulthood and independent living'],
];
const BUILT_IN = 'The corporate parenting principles are set in law and cannot be changed.';
const ADMIN_DENIED = 'Only the board secretariat can change the partnership set-up.';

type Row = Record<string, unknown>;
type Framework = { id: string; name: string; kind: string; builtIn: boolean; retiredAt: string | null; items: Row[] };

describe('frameworks: the statutory principles and the partnership’s own', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let plan: WorkPlanFixture;
  const tokens: Record<string, string> = {};
  const as = (who: string): GqlClient => stack.client(tokens[who]);
  let cpp: { frameworkId: string; items: Record<string, string> };

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Frameham');
    B = await createPartnership(stack.pg, 'Otherham');
    for (const who of ['secretariat', 'boardMember', 'chair', 'member'] as const) {
      tokens[who] = (await signIn(stack.client(), A[who].email)).accessToken;
    }
    cpp = await principles(stack.pg, A.id);
    plan = await insertWorkPlan(stack.pg, A);
  });
  afterAll(() => stack?.close());

  const expectOnlyError = (r: GqlResult<unknown>, op: string, code: string, message?: string) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].path).toEqual([op]);
    expect(r.errors![0].extensions?.code).toBe(code);
    if (message !== undefined) expect(r.errors![0].message).toBe(message);
  };
  const frameworks = async (who: string, includeRetired?: boolean) =>
    (await as(who).ok<{ frameworks: { totalCount: number; edges: Array<{ node: Framework }> } }>(OPS.frameworks, { includeRetired }))
      .frameworks;
  const newAction = (frameworkItemIds: string[]) =>
    as('chair').request<{ createAction: { id: string } }>(OPS.createAction, {
      input: {
        objectiveId: plan.objectiveIds[0],
        title: 'Tagged action',
        ownerUserId: A.member.id,
        leadAgencyId: A.agencies.health,
        dueDate: '2027-03-31',
        frameworkItemIds,
      },
    });

  it('every partnership has its own copy of the seven principles, codes CPP-A to CPP-G in the words of the Act', async () => {
    for (const who of ['secretariat', 'boardMember', 'chair', 'member']) {
      const list = await frameworks(who);
      expect(list.totalCount).toBe(1);
      const [f] = list.edges.map((e) => e.node);
      expect(f).toMatchObject({
        id: cpp.frameworkId,
        name: 'Corporate parenting principles',
        kind: 'PRINCIPLES',
        builtIn: true,
        retiredAt: null,
      });
      expect(f.items.map((i) => [i.code, i.title])).toEqual(PRINCIPLES);
    }
    const one = await as('member').ok<{ framework: Row & { items: Row[] } }>(OPS.framework, { id: cpp.frameworkId });
    expect(one.framework.description).toBe(
      'The seven corporate parenting principles of the Children and Social Work Act 2017, section 1(1).',
    );
    expect(one.framework.items.map((i) => [i.code, i.position, i.retiredAt])).toEqual(PRINCIPLES.map(([code], n) => [code, n + 1, null]));
    // B's copy is B's: the same words, other ids.
    const b = await principles(stack.pg, B.id);
    expect(Object.keys(b.items)).toEqual(PRINCIPLES.map(([code]) => code));
    expect(Object.values(b.items).filter((id) => Object.values(cpp.items).includes(id))).toEqual([]);
  });

  it('the principles cannot be changed: FORBIDDEN for the secretariat, and the database refuses too', async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    const audits = await auditCount(stack.pg, A.id);
    const attempts: Array<[keyof typeof OPS, Row]> = [
      ['updateFramework', { id: cpp.frameworkId, name: 'Our principles' }],
      ['updateFramework', { id: cpp.frameworkId, description: 'Edited' }],
      ['retireFramework', { id: cpp.frameworkId }],
      ['restoreFramework', { id: cpp.frameworkId }],
      ['createFrameworkItem', { frameworkId: cpp.frameworkId, code: 'CPP-H', title: 'An eighth principle' }],
      ...Object.values(cpp.items).flatMap((id): Array<[keyof typeof OPS, Row]> => [
        ['updateFrameworkItem', { id, title: 'Reworded' }],
        ['removeFrameworkItem', { id }],
        ['restoreFrameworkItem', { id }],
      ]),
    ];
    for (const [op, input] of attempts) {
      const r = await as('secretariat').request(OPS[op], { input });
      try {
        expectOnlyError(r, op, 'FORBIDDEN', BUILT_IN);
      } catch (e) {
        throw new Error(`${op} ${JSON.stringify(input)}: ${(e as Error).message}`);
      }
      // Anyone else is refused as for any framework change.
      expectOnlyError(await as('chair').request(OPS[op], { input }), op, 'FORBIDDEN', ADMIN_DENIED);
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    expect(await auditCount(stack.pg, A.id)).toBe(audits);
    for (const sql of [
      ['UPDATE frameworks SET name = $2 WHERE id = $1', [cpp.frameworkId, 'x']],
      ['DELETE FROM frameworks WHERE id = $1', [cpp.frameworkId]],
      ['UPDATE framework_items SET title = $2 WHERE id = $1', [cpp.items['CPP-A'], 'x']],
      ['DELETE FROM framework_items WHERE id = $1', [cpp.items['CPP-G']]],
    ] as const) {
      await expect(stack.pg.query(sql[0], [...sql[1]])).rejects.toThrow(/read-only/);
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });

  let promises: string;
  const item: Record<string, string> = {};

  it('the secretariat creates, edits, retires and restores the partnership’s frameworks and items', async () => {
    const s = as('secretariat');
    const f = await s.ok<{ createFramework: Framework }>(OPS.createFramework, {
      input: { name: '  Our promises to children in care ', kind: 'PROMISES', description: 'Cambridgeshire-style promises' },
    });
    promises = f.createFramework.id;
    expect(f.createFramework).toMatchObject({
      name: 'Our promises to children in care',
      kind: 'PROMISES',
      builtIn: false,
      retiredAt: null,
    });
    for (const [code, title] of [
      ['P1', 'We will listen to you'],
      ['P2', 'We will help you stay healthy'],
      ['P3', 'We will help you find a home'],
    ]) {
      const d = await s.ok<{ createFrameworkItem: Row }>(OPS.createFrameworkItem, { input: { frameworkId: promises, code, title } });
      item[code] = d.createFrameworkItem.id as string;
    }
    const d = await s.ok<{ framework: { items: Row[] } }>(OPS.framework, { id: promises });
    expect(d.framework.items.map((i) => [i.code, i.position])).toEqual([
      ['P1', 1],
      ['P2', 2],
      ['P3', 3],
    ]);
    await expect(
      s.ok(OPS.updateFramework, { input: { id: promises, name: 'Our promises', description: 'Ten promises' } }),
    ).resolves.toMatchObject({
      updateFramework: { name: 'Our promises', description: 'Ten promises' },
    });
    await expect(s.ok(OPS.updateFrameworkItem, { input: { id: item.P1, title: 'We will always listen to you' } })).resolves.toMatchObject({
      updateFrameworkItem: { code: 'P1', title: 'We will always listen to you' },
    });
    // Names are unique in the partnership and codes in their framework, whatever the case.
    const dupName = await s.request(OPS.createFramework, { input: { name: 'OUR PROMISES', kind: 'OTHER' } });
    expectOnlyError(dupName, 'createFramework', 'BAD_USER_INPUT');
    expect(dupName.errors![0].extensions?.fields).toEqual([
      { path: 'input.name', message: 'A framework called OUR PROMISES already exists.' },
    ]);
    const dupBuiltIn = await s.request(OPS.updateFramework, { input: { id: promises, name: 'corporate parenting principles' } });
    expect(dupBuiltIn.errors?.[0].extensions?.fields).toEqual([
      { path: 'input.name', message: 'A framework called corporate parenting principles already exists.' },
    ]);
    const dupCode = await s.request(OPS.createFrameworkItem, { input: { frameworkId: promises, code: 'p1', title: 'Again' } });
    expect(dupCode.errors?.[0].extensions?.fields).toEqual([{ path: 'input.code', message: 'Our promises already has an item p1.' }]);
    // Another framework may reuse a code.
    const outcomes = await s.ok<{ createFramework: { id: string } }>(OPS.createFramework, {
      input: { name: 'Outcome areas', kind: 'OUTCOME_AREAS' },
    });
    await expect(
      s.ok(OPS.createFrameworkItem, { input: { frameworkId: outcomes.createFramework.id, code: 'P1', title: 'Health' } }),
    ).resolves.toMatchObject({ createFrameworkItem: { code: 'P1', position: 1 } });

    // Retired, a framework leaves the default list (the principles first, then by name) and comes back when restored.
    const names = async (includeRetired?: boolean) => (await frameworks('member', includeRetired)).edges.map((e) => e.node.name);
    expect(await names()).toEqual(['Corporate parenting principles', 'Our promises', 'Outcome areas']);
    await expect(s.ok(OPS.retireFramework, { input: { id: outcomes.createFramework.id } })).resolves.toMatchObject({
      retireFramework: { retiredAt: expect.any(String) },
    });
    expect(await names()).toEqual(['Corporate parenting principles', 'Our promises']);
    expect(await names(true)).toEqual(['Corporate parenting principles', 'Our promises', 'Outcome areas']);
    await s.ok(OPS.restoreFramework, { input: { id: outcomes.createFramework.id } });
    expect(await names()).toEqual(['Corporate parenting principles', 'Our promises', 'Outcome areas']);
  });

  it('only the secretariat may manage them: everyone else is FORBIDDEN and nothing is written', async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    for (const who of ['boardMember', 'chair', 'member']) {
      for (const [op, input] of [
        ['createFramework', { name: 'Mine', kind: 'OTHER' }],
        ['updateFramework', { id: promises, name: 'Mine' }],
        ['retireFramework', { id: promises }],
        ['restoreFramework', { id: promises }],
        ['createFrameworkItem', { frameworkId: promises, code: 'P9', title: 'Mine' }],
        ['updateFrameworkItem', { id: item.P2, title: 'Mine' }],
        ['removeFrameworkItem', { id: item.P2 }],
        ['restoreFrameworkItem', { id: item.P2 }],
      ] as Array<[keyof typeof OPS, Row]>) {
        expectOnlyError(await as(who).request(OPS[op], { input }), op, 'FORBIDDEN', ADMIN_DENIED);
      }
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });

  it('an item in use is retired, not deleted: it stays on the work tagged with it but cannot be newly chosen', async () => {
    const tagged = await newAction([item.P1, cpp.items['CPP-A']]);
    const actionId = tagged.data!.createAction.id;
    const other = await insertAction(stack.pg, A, plan, { title: 'Untagged action' });
    const r = await as('secretariat').ok<{ removeFrameworkItem: { retired: boolean; item: Row } }>(OPS.removeFrameworkItem, {
      input: { id: item.P1 },
    });
    expect(r.removeFrameworkItem).toMatchObject({ retired: true, item: { id: item.P1, code: 'P1', retiredAt: expect.any(String) } });
    expect((await stack.pg.query('SELECT retired_at IS NOT NULL AS retired FROM framework_items WHERE id = $1', [item.P1])).rows).toEqual([
      { retired: true },
    ]);
    // The action keeps it; the framework lists it only when asked for retired items.
    const a = await as('member').ok<{ action: { frameworkItems: Row[]; version: number } }>(OPS.action, { id: actionId });
    expect(a.action.frameworkItems.map((i) => i.code).sort()).toEqual(['CPP-A', 'P1']);
    const live = await as('member').ok<{ framework: { items: Row[] } }>(
      'query($id: ID!) { framework(id: $id) { items { code } all: items(includeRetired: true) { code } } }',
      { id: promises },
    );
    expect(live.framework).toEqual({ items: [{ code: 'P2' }, { code: 'P3' }], all: [{ code: 'P1' }, { code: 'P2' }, { code: 'P3' }] });
    // Filtering by it still finds the work tagged with it.
    const found = await as('member').ok<{ actions: { totalCount: number } }>(OPS.actions, { filter: { frameworkItemId: item.P1 } });
    expect(found.actions.totalCount).toBe(1);

    // It cannot be chosen for a new action, or added to another one...
    const retiredMsg = [{ path: 'input.frameworkItemIds', message: 'P1 has been retired and cannot be chosen.' }];
    const before = await tenantSnapshot(stack.pg, A.id);
    const create = await newAction([item.P1]);
    expectOnlyError(create, 'createAction', 'BAD_USER_INPUT');
    expect(create.errors![0].extensions?.fields).toEqual(retiredMsg);
    const add = await as('chair').request(OPS.updateAction, { input: { id: other, version: 1, frameworkItemIds: [item.P1] } });
    expect(add.errors?.[0].extensions?.fields).toEqual(retiredMsg);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    // ...but the action already tagged with it may keep it while other things change.
    await expect(
      as('chair').ok(OPS.updateAction, {
        input: { id: actionId, version: a.action.version, title: 'Retagged', frameworkItemIds: [item.P1, cpp.items['CPP-B']] },
      }),
    ).resolves.toMatchObject({ updateAction: { title: 'Retagged' } });

    // Removing it again keeps it retired; restored, it can be chosen again.
    await expect(as('secretariat').ok(OPS.removeFrameworkItem, { input: { id: item.P1 } })).resolves.toMatchObject({
      removeFrameworkItem: { retired: true },
    });
    await expect(as('secretariat').ok(OPS.restoreFrameworkItem, { input: { id: item.P1 } })).resolves.toMatchObject({
      restoreFrameworkItem: { id: item.P1, retiredAt: null },
    });
    await expect(as('chair').ok(OPS.updateAction, { input: { id: other, version: 1, frameworkItemIds: [item.P1] } })).resolves.toBeTruthy();
  });

  it('an item used only by an indicator, a voice item or a self-assessment is in use too: retired, not deleted', async () => {
    const s = as('secretariat');
    const add = async (code: string) =>
      (
        await s.ok<{ createFrameworkItem: Row }>(OPS.createFrameworkItem, {
          input: { frameworkId: promises, code, title: `Used by ${code}` },
        })
      ).createFrameworkItem.id as string;
    const [byIndicator, byVoice, byAssessment] = [await add('U1'), await add('U2'), await add('U3')];
    await s.ok(OPS.createIndicator, {
      input: { code: 'USED-1', name: 'Used', unit: 'COUNT', frequency: 'ANNUAL', frameworkItemIds: [byIndicator] },
    });
    await s.ok(OPS.createVoiceItem, {
      input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'Used', frameworkItemIds: [byVoice] },
    });
    await s.ok(OPS.saveSelfAssessment, { input: { frameworkItemId: byAssessment, period: '2025-26', rating: 'GOOD', narrative: 'Used' } });
    for (const id of [byIndicator, byVoice, byAssessment]) {
      const r = await s.ok<{ removeFrameworkItem: { retired: boolean } }>(OPS.removeFrameworkItem, { input: { id } });
      expect({ id, retired: r.removeFrameworkItem.retired }).toEqual({ id, retired: true });
    }
  });

  it('an unused item is deleted', async () => {
    const r = await as('secretariat').ok<{ removeFrameworkItem: unknown }>(OPS.removeFrameworkItem, { input: { id: item.P3 } });
    expect(r.removeFrameworkItem).toEqual({ retired: false, item: null });
    expect((await stack.pg.query('SELECT count(*)::int AS n FROM framework_items WHERE id = $1', [item.P3])).rows[0].n).toBe(0);
    // Gone: it answers as an id that never existed.
    const again = await as('secretariat').request(OPS.removeFrameworkItem, { input: { id: item.P3 } });
    expectOnlyError(again, 'removeFrameworkItem', 'NOT_FOUND', 'Framework item not found.');
    const chosen = await newAction([item.P3]);
    expect(chosen.errors?.[0].extensions?.fields).toEqual([
      { path: 'input.frameworkItemIds', message: 'Choose framework items from this partnership.' },
    ]);
  });

  it('the items of a retired framework cannot be newly chosen either, but stay on the work tagged with them', async () => {
    const keep = (await newAction([item.P2])).data!.createAction.id;
    await as('secretariat').ok(OPS.retireFramework, { input: { id: promises } });
    const before = await tenantSnapshot(stack.pg, A.id);
    const r = await newAction([item.P2]);
    expectOnlyError(r, 'createAction', 'BAD_USER_INPUT');
    expect(r.errors![0].extensions?.fields).toEqual([
      { path: 'input.frameworkItemIds', message: 'P2 has been retired and cannot be chosen.' },
    ]);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    // The action already tagged keeps it through an edit that adds a principle.
    const edited = await as('chair').ok<{ updateAction: { id: string } }>(OPS.updateAction, {
      input: { id: keep, version: 1, frameworkItemIds: [item.P2, cpp.items['CPP-C']] },
    });
    expect(edited.updateAction.id).toBe(keep);
    const tags = await as('member').ok<{ action: { frameworkItems: Row[] } }>(OPS.action, { id: keep });
    expect(tags.action.frameworkItems.map((i) => i.code).sort()).toEqual(['CPP-C', 'P2']);
    await as('secretariat').ok(OPS.restoreFramework, { input: { id: promises } });
    await expect(newAction([item.P2])).resolves.toMatchObject({ data: { createAction: { id: expect.any(String) } } });
  });
});
