/**
 * Issue 7, the voice of children in care: what the Children in Care Council raises, who sees
 * it, who answers it, and "you said, we did". The secretariat and board members see every
 * item; members of the assigned sub-group and people of the assigned agency see what is
 * assigned to them; nobody else. The assigned sub-group's chair, the assigned agency's own
 * people (not its board members) and the secretariat answer; only the secretariat records,
 * assigns, closes and reopens.
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
  addMembership,
  addUser,
  auditCount,
  createPartnership,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';
import { parseCsv } from '@pbw/workplans';

/**
 * chair and member: of the Health sub-group (health agency); police: a MEMBER of the police;
 * housingChair and housingMember: chair and plain member of the Housing sub-group (council);
 * college: a MEMBER of an agency nothing is assigned to, in no sub-group.
 */
type Who = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'police' | 'housingChair' | 'housingMember' | 'college';
const WHO: Who[] = ['secretariat', 'boardMember', 'chair', 'member', 'police', 'housingChair', 'housingMember', 'college'];
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

interface Item {
  id: string;
  version: number;
  status: string;
  response: string | null;
  canRespond: boolean;
}

describe('voice of children in care', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let Q: TestPartnership;
  let police: string;
  let housing: string;
  let cpp: Record<string, string>;
  /** Items of the partnership's own frameworks: P1 current, P2 retired, S1 in a retired framework. */
  const own = {} as Record<'P1' | 'P2' | 'S1', string>;
  const tokens = {} as Record<Who, string>;
  let qToken: string;
  const as = (who: Who): GqlClient => stack.client(tokens[who]);
  /** Assigned to the Health sub-group, to the police, to Housing, and to no one. */
  const v = {} as Record<'health' | 'police' | 'housing' | 'none', string>;

  const expectError = (r: GqlResult<unknown>, op: string, code: string, message?: string, path?: string) => {
    expect(r.data ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].path).toEqual([op]);
    expect(r.errors![0].extensions?.code).toBe(code);
    if (message) expect(r.errors![0].message).toBe(message);
    if (path) expect(r.errors![0].extensions?.fields).toEqual([{ path, message }]);
  };

  const create = async (input: Record<string, unknown>) =>
    (await as('secretariat').ok<{ createVoiceItem: { id: string } }>(OPS.createVoiceItem, { input })).createVoiceItem.id;
  const item = async (id: string, who: Who = 'secretariat') => (await as(who).ok<{ voiceItem: Item }>(OPS.voiceItem, { id })).voiceItem;

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Voiceham');
    Q = await createPartnership(stack.pg, 'Elsewhere');
    police = await addAgency(stack.pg, P, 'Voiceham Police', 'POLICE');
    const officer = await addUser(stack.pg, P, 'officer', { agencyId: police });
    const housingChair = await addUser(stack.pg, P, 'housingchair', { agencyId: P.agencies.council });
    housing = await addSubGroup(stack.pg, P, 'Housing', housingChair.id);
    const housingMember = await addUser(stack.pg, P, 'housingmember', { agencyId: P.agencies.council });
    await addMembership(stack.pg, P, housingMember.id, 'MEMBER', housing);
    const collegeUser = await addUser(stack.pg, P, 'college', { agencyId: await addAgency(stack.pg, P, 'Voiceham College', 'EDUCATION') });
    cpp = (await principles(stack.pg, P.id)).items;
    const people = {
      secretariat: P.secretariat,
      boardMember: P.boardMember,
      chair: P.chair,
      member: P.member,
      police: officer,
      housingChair,
      housingMember,
      college: collegeUser,
    };
    for (const w of WHO) tokens[w] = (await signIn(stack.client(), people[w].email)).accessToken;
    qToken = (await signIn(stack.client(), Q.secretariat.email)).accessToken;

    const s = stack.client(tokens.secretariat);
    const addItem = async (frameworkId: string, code: string) =>
      (
        await s.ok<{ createFrameworkItem: { id: string } }>(OPS.createFrameworkItem, {
          input: { frameworkId, code, title: `Item ${code}` },
        })
      ).createFrameworkItem.id;
    const promises = (
      await s.ok<{ createFramework: { id: string } }>(OPS.createFramework, { input: { name: 'Our promises', kind: 'PROMISES' } })
    ).createFramework.id;
    own.P1 = await addItem(promises, 'P1');
    own.P2 = await addItem(promises, 'P2');
    // An unused item is deleted, not retired, by removeFrameworkItem: retire it as a used one would be.
    await stack.pg.query('UPDATE framework_items SET retired_at = now() WHERE id = $1', [own.P2]);
    const old = (
      await s.ok<{ createFramework: { id: string } }>(OPS.createFramework, { input: { name: 'Old strategy', kind: 'PRIORITIES' } })
    ).createFramework.id;
    own.S1 = await addItem(old, 'S1');
    await s.ok(OPS.retireFramework, { input: { id: old } });

    v.health = await create({
      raisedOn: '2026-09-10',
      raisingGroup: 'Children in Care Council (11 to 15)',
      issue: 'We want to know who our personal education plan worker is.',
      assignedSubGroupId: P.subGroupId,
      responseDue: '2026-10-10',
      frameworkItemIds: [cpp['CPP-B'], cpp['CPP-E']],
    });
    v.police = await create({
      raisedOn: '2026-09-20',
      raisingGroup: 'Care Leavers’ Forum',
      issue: 'Officers should not turn up in uniform at placements.',
      assignedAgencyId: police,
    });
    v.housing = await create({
      raisedOn: '2026-08-15',
      raisingGroup: 'Care Leavers’ Forum',
      issue: 'Emergency housing is too far from college.',
      assignedSubGroupId: housing,
    });
    v.none = await create({
      raisedOn: '2026-09-25',
      raisingGroup: 'Children in Care Council (16+)',
      issue: 'More activities in the holidays.',
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const SEES: Record<Who, Array<keyof typeof v>> = {
    secretariat: ['health', 'police', 'housing', 'none'],
    boardMember: ['health', 'police', 'housing', 'none'],
    chair: ['health'],
    member: ['health'],
    police: ['police'],
    housingChair: ['housing'],
    housingMember: ['housing'],
    college: [],
  };

  it.each(WHO)('%s sees exactly the items they may, in the list and by id; a hidden one is not found', async (who) => {
    const list = await as(who).ok<{ voiceItems: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(OPS.voiceItems, {
      first: 50,
    });
    const want = SEES[who].map((k) => v[k]).sort();
    expect({ who, total: list.voiceItems.totalCount, ids: list.voiceItems.edges.map((e) => e.node.id).sort() }).toEqual({
      who,
      total: want.length,
      ids: want,
    });
    for (const [k, id] of Object.entries(v)) {
      const r = await as(who).request(OPS.voiceItem, { id });
      if (SEES[who].includes(k as keyof typeof v)) expect(r.errors).toBeUndefined();
      else {
        expectError(r, 'voiceItem', 'NOT_FOUND', 'Voice item not found.');
        expect(r).toEqual(await as(who).request(OPS.voiceItem, { id: randomUUID() }));
      }
    }
  });

  it('lists newest raised first, and filters by status, assignment, theme, period and "assigned to me"', async () => {
    const ids = async (filter: Record<string, unknown>, who: Who = 'secretariat') =>
      (
        await as(who).ok<{ voiceItems: { edges: Array<{ node: { id: string } }> } }>(OPS.voiceItems, { first: 50, filter })
      ).voiceItems.edges.map((e) => e.node.id);
    expect(await ids({})).toEqual([v.none, v.police, v.health, v.housing]);
    expect(await ids({ subGroupId: P.subGroupId })).toEqual([v.health]);
    expect(await ids({ agencyId: police })).toEqual([v.police]);
    expect(await ids({ frameworkItemId: cpp['CPP-E'] })).toEqual([v.health]);
    expect(await ids({ raisedFrom: '2026-09-01', raisedTo: '2026-09-20' })).toEqual([v.police, v.health]);
    expect(await ids({ mine: true }, 'housingChair')).toEqual([v.housing]);
    // The Health item's response was due on 10 October 2026 and is still open.
    expect(await ids({ responseOverdue: true })).toEqual([v.health]);
    const bad = await as('secretariat').request(OPS.voiceItems, { first: 50, filter: { raisedFrom: '2026-13-01' } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('says who may answer each item; the chair answers, a member of the sub-group and a board member may not', async () => {
    for (const w of WHO) {
      for (const k of SEES[w]) {
        const canRespond =
          w === 'secretariat' ||
          (w === 'chair' && k === 'health') ||
          (w === 'police' && k === 'police') ||
          (w === 'housingChair' && k === 'housing');
        expect({ w, k, canRespond: (await item(v[k], w)).canRespond }).toEqual({ w, k, canRespond });
      }
    }
    const before = await tenantSnapshot(stack.pg, P.id);
    const h = await item(v.health);
    const refuse = 'Only the chair of the sub-group it is assigned to, the agency it is assigned to, and the board secretariat answer it.';
    for (const w of ['member', 'boardMember'] as Who[]) {
      const r = await as(w).request(OPS.respondToVoiceItem, { input: { id: v.health, version: h.version, response: 'Not mine to say.' } });
      expectError(r, 'respondToVoiceItem', 'FORBIDDEN', refuse);
    }
    // A plain member of the Housing sub-group sees its item but does not answer for the sub-group.
    const ho = await item(v.housing, 'housingMember');
    const hm = await as('housingMember').request(OPS.respondToVoiceItem, {
      input: { id: v.housing, version: ho.version, response: 'Not mine to say.' },
    });
    expectError(hm, 'respondToVoiceItem', 'FORBIDDEN', refuse);
    // Someone who cannot see it is told it is not found.
    const r = await as('police').request(OPS.respondToVoiceItem, { input: { id: v.health, version: h.version, response: 'Not mine.' } });
    expectError(r, 'respondToVoiceItem', 'NOT_FOUND', 'Voice item not found.');
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);

    const audits = await auditCount(stack.pg, P.id, 'voiceItem.respond');
    const done = await as('chair').ok<{ respondToVoiceItem: Item & { respondedBy: { id: string } } }>(OPS.respondToVoiceItem, {
      input: {
        id: v.health,
        version: h.version,
        response: '  Every young person now gets a card with their PEP worker’s name and number.  ',
      },
    });
    expect(done.respondToVoiceItem).toMatchObject({
      status: 'RESPONDED',
      response: 'Every young person now gets a card with their PEP worker’s name and number.',
      version: h.version + 1,
      respondedBy: { id: P.chair.id },
    });
    expect(await auditCount(stack.pg, P.id, 'voiceItem.respond')).toBe(audits + 1);

    // Assigned to the council: its MEMBER answers; the board member who works there reads only.
    const council = await create({
      raisedOn: '2026-07-01',
      raisingGroup: 'Care Leavers’ Forum',
      issue: 'Council tax letters are confusing.',
      assignedAgencyId: P.agencies.council,
    });
    expect((await item(council, 'housingMember')).canRespond).toBe(true);
    expect((await item(council, 'boardMember')).canRespond).toBe(false);
    const c = await item(council);
    const byBoard = await as('boardMember').request(OPS.respondToVoiceItem, {
      input: { id: council, version: c.version, response: 'Mine?' },
    });
    expectError(byBoard, 'respondToVoiceItem', 'FORBIDDEN', refuse);
    const byCouncil = await as('housingMember').ok<{ respondToVoiceItem: Item }>(OPS.respondToVoiceItem, {
      input: { id: council, version: c.version, response: 'The letter now says care leavers pay nothing.' },
    });
    expect(byCouncil.respondToVoiceItem.status).toBe('RESPONDED');
    // A second answer replaces the first; a stale version is a CONFLICT and changes nothing.
    const stale = await as('housingMember').request(OPS.respondToVoiceItem, {
      input: { id: council, version: c.version, response: 'Late' },
    });
    expectError(stale, 'respondToVoiceItem', 'CONFLICT');
    expect((stale.errors![0].extensions?.current as { response: string }).response).toBe('The letter now says care leavers pay nothing.');
    expect((await item(council)).response).toBe('The letter now says care leavers pay nothing.');
  });

  it('only the secretariat records, assigns, closes and reopens; closing needs a response first', async () => {
    const before = await tenantSnapshot(stack.pg, P.id);
    for (const w of ['boardMember', 'chair', 'member', 'police', 'housingMember', 'college'] as Who[]) {
      const c = await as(w).request(OPS.createVoiceItem, { input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'Probe' } });
      expectError(
        c,
        'createVoiceItem',
        'FORBIDDEN',
        'Only the board secretariat records and assigns what the Children in Care Council raises.',
      );
    }
    const h = await item(v.health);
    const u = await as('chair').request(OPS.updateVoiceItem, { input: { id: v.health, version: h.version, assignedSubGroupId: null } });
    expectError(
      u,
      'updateVoiceItem',
      'FORBIDDEN',
      'Only the board secretariat records and assigns what the Children in Care Council raises.',
    );
    const c = await as('chair').request(OPS.closeVoiceItem, { input: { id: v.health, version: h.version } });
    expectError(c, 'closeVoiceItem', 'FORBIDDEN');
    const ro = await as('chair').request(OPS.reopenVoiceItem, { input: { id: v.health, version: h.version } });
    expectError(ro, 'reopenVoiceItem', 'FORBIDDEN', 'Only the board secretariat reopens an item.');
    const bc = await as('boardMember').request(OPS.closeVoiceItem, { input: { id: v.health, version: h.version } });
    expectError(bc, 'closeVoiceItem', 'FORBIDDEN');
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);

    const open = await item(v.none);
    const early = await as('secretariat').request(OPS.closeVoiceItem, { input: { id: v.none, version: open.version } });
    expectError(early, 'closeVoiceItem', 'BAD_USER_INPUT', 'Record the response before closing it.', 'input.id');
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);

    // Reassigned to Housing: its chair now sees it and may answer; the Health sub-group no longer sees it.
    const moved = await as('secretariat').ok<{ updateVoiceItem: Item }>(OPS.updateVoiceItem, {
      input: { id: v.none, version: open.version, assignedSubGroupId: housing, responseDue: '2026-12-01' },
    });
    expect((await item(v.none, 'housingChair')).canRespond).toBe(true);
    const answered = await as('housingChair').ok<{ respondToVoiceItem: Item }>(OPS.respondToVoiceItem, {
      input: { id: v.none, version: moved.updateVoiceItem.version, response: 'Free leisure passes over the summer.' },
    });
    const closed = await as('secretariat').ok<{ closeVoiceItem: Item }>(OPS.closeVoiceItem, {
      input: { id: v.none, version: answered.respondToVoiceItem.version },
    });
    expect(closed.closeVoiceItem.status).toBe('CLOSED');
    const again = await as('housingChair').request(OPS.respondToVoiceItem, {
      input: { id: v.none, version: closed.closeVoiceItem.version, response: 'Changed' },
    });
    expectError(again, 'respondToVoiceItem', 'BAD_USER_INPUT', 'This item is closed. Reopen it to change the response.', 'input.id');
    const reopened = await as('secretariat').ok<{ reopenVoiceItem: Item }>(OPS.reopenVoiceItem, {
      input: { id: v.none, version: closed.closeVoiceItem.version },
    });
    expect(reopened.reopenVoiceItem).toMatchObject({ status: 'OPEN', response: 'Free leisure passes over the summer.' });
    // Put back as it was for the tests after: answered and closed.
    const re = await as('housingChair').ok<{ respondToVoiceItem: Item }>(OPS.respondToVoiceItem, {
      input: { id: v.none, version: reopened.reopenVoiceItem.version, response: 'Free leisure passes over the summer.' },
    });
    await as('secretariat').ok(OPS.closeVoiceItem, { input: { id: v.none, version: re.respondToVoiceItem.version } });
  });

  it('refuses bad input with an error naming the field, and writes nothing', async () => {
    const other = (await principles(stack.pg, Q.id)).items['CPP-A'];
    const ok = { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'x' };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...ok, raisedOn: '2999-01-01' }, 'input.raisedOn', 'The date it was raised must be today or in the past.'],
      [{ ...ok, raisedOn: '2026-02-30' }, 'input.raisedOn', 'Date raised must be a real date.'],
      [{ ...ok, issue: '   ' }, 'input.issue', 'Say what young people raised.'],
      [{ ...ok, issue: '' }, 'input.issue', 'Say what young people raised.'],
      [{ ...ok, raisingGroup: ' ' }, 'input.raisingGroup', 'Say which group raised it.'],
      [{ raisingGroup: 'CiCC', issue: 'x' }, 'input.raisedOn', 'Enter the date it was raised.'],
      [
        { ...ok, assignedSubGroupId: P.subGroupId, assignedAgencyId: police },
        'input.assignedAgencyId',
        'Assign it to a sub-group or to an agency, not both.',
      ],
      [{ ...ok, assignedSubGroupId: Q.subGroupId }, 'input.assignedSubGroupId', 'Choose a sub-group of this partnership.'],
      [{ ...ok, assignedAgencyId: randomUUID() }, 'input.assignedAgencyId', 'Choose an agency of this partnership.'],
      [{ ...ok, frameworkItemIds: [other] }, 'input.frameworkItemIds', 'Choose themes from this partnership’s frameworks.'],
      [
        { ...ok, frameworkItemIds: [cpp['CPP-A'], randomUUID()] },
        'input.frameworkItemIds',
        'Choose themes from this partnership’s frameworks.',
      ],
      [{ ...ok, frameworkItemIds: [own.P1, own.P2] }, 'input.frameworkItemIds', 'P2 has been retired and cannot be chosen.'],
      [{ ...ok, frameworkItemIds: [own.S1] }, 'input.frameworkItemIds', 'S1 has been retired and cannot be chosen.'],
      [{ ...ok, responseDue: '2026-08-01' }, 'input.responseDue', 'The response due date must be on or after the date it was raised.'],
    ];
    const h = await item(v.health);
    const p = await item(v.police);
    // Changes to what is there: the Health item is due on 10 October; the police item is the police's.
    const updates: Array<[Record<string, unknown>, string, string]> = [
      [
        { id: v.health, version: h.version, raisedOn: '2999-01-01' },
        'input.raisedOn',
        'The date it was raised must be today or in the past.',
      ],
      [
        { id: v.health, version: h.version, raisedOn: '2026-10-11' },
        'input.raisedOn',
        'The date it was raised must be on or before the response due date.',
      ],
      [{ id: v.health, version: h.version, issue: '' }, 'input.issue', 'Say what young people raised.'],
      [
        { id: v.police, version: p.version, assignedSubGroupId: housing },
        'input.assignedSubGroupId',
        'Assign it to a sub-group or to an agency, not both.',
      ],
      [
        { id: v.police, version: p.version, frameworkItemIds: [randomUUID()] },
        'input.frameworkItemIds',
        'Choose themes from this partnership’s frameworks.',
      ],
      [
        { id: v.police, version: p.version, frameworkItemIds: [own.P2] },
        'input.frameworkItemIds',
        'P2 has been retired and cannot be chosen.',
      ],
    ];
    const before = await tenantSnapshot(stack.pg, P.id);
    const audits = await auditCount(stack.pg, P.id);
    for (const [op, list] of [
      ['createVoiceItem', cases],
      ['updateVoiceItem', updates],
    ] as const) {
      for (const [input, path, message] of list) {
        const r = await as('secretariat').request(OPS[op], { input });
        try {
          expectError(r, op, 'BAD_USER_INPUT', message, path);
        } catch (e) {
          throw new Error(`${op} ${JSON.stringify(input)}: ${(e as Error).message}`);
        }
      }
    }
    // A stale version is a CONFLICT with the item as it is now.
    const stale = await as('secretariat').request(OPS.updateVoiceItem, {
      input: { id: v.police, version: p.version - 1, issue: 'Edited' },
    });
    expectError(stale, 'updateVoiceItem', 'CONFLICT');
    expect(stale.errors![0].extensions?.current).toMatchObject({
      id: v.police,
      version: p.version,
      issue: 'Officers should not turn up in uniform at placements.',
    });
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
    expect(await auditCount(stack.pg, P.id)).toBe(audits);
  });

  it('moves an item from an agency to a sub-group when the agency is cleared; a theme already chosen stays when it is retired', async () => {
    const t = await create({
      raisedOn: '2026-07-02',
      raisingGroup: 'CiCC',
      issue: 'Themes',
      assignedAgencyId: police,
      frameworkItemIds: [own.P1],
    });
    await stack.pg.query('UPDATE framework_items SET retired_at = now() WHERE id = $1', [own.P1]);
    try {
      const moved = await as('secretariat').ok<{
        updateVoiceItem: Item & { assignedSubGroup: { id: string } | null; themes: Array<{ id: string }> };
      }>(OPS.updateVoiceItem, {
        input: {
          id: t,
          version: 1,
          assignedSubGroupId: housing,
          assignedAgencyId: null,
          frameworkItemIds: [own.P1, cpp['CPP-A']],
        },
      });
      expect(moved.updateVoiceItem.assignedSubGroup).toEqual({ id: housing });
      expect(moved.updateVoiceItem.themes.map((i) => i.id).sort()).toEqual([own.P1, cpp['CPP-A']].sort());
      // The police no longer see it; the Housing sub-group does.
      expectError(await as('police').request(OPS.voiceItem, { id: t }), 'voiceItem', 'NOT_FOUND', 'Voice item not found.');
      expect((await item(t, 'housingMember')).id).toBe(t);
    } finally {
      await stack.pg.query('UPDATE framework_items SET retired_at = NULL WHERE id = $1', [own.P1]);
    }
  });

  it('"you said, we did" lists exactly what was raised in the period and answered, oldest first, as each reader may see it', async () => {
    const p = await item(v.police);
    await as('police').ok(OPS.respondToVoiceItem, {
      input: { id: v.police, version: p.version, response: '=HYPERLINK("http://example.test","Officers now visit in plain clothes")' },
    });
    const h = await item(v.housing);
    await as('housingChair').ok(OPS.respondToVoiceItem, {
      input: { id: v.housing, version: h.version, response: 'A second hostel, by the college.' },
    });
    // Around and inside September: answered just outside it, never answered, and answered then reopened.
    const answer = async (id: string, response: string) => {
      const cur = await item(id);
      return (
        await as('secretariat').ok<{ respondToVoiceItem: Item }>(OPS.respondToVoiceItem, { input: { id, version: cur.version, response } })
      ).respondToVoiceItem;
    };
    const raise = (raisedOn: string, issue: string, extra: Record<string, unknown> = {}) =>
      create({ raisedOn, raisingGroup: 'Children in Care Council (16+)', issue, ...extra });
    await answer(await raise('2026-08-31', 'The day before'), 'Done');
    await answer(await raise('2026-10-01', 'The day after'), 'Done');
    await raise('2026-09-15', 'Not yet answered');
    const reopened = await raise('2026-09-12', 'Answered, then reopened');
    const r = await answer(reopened, 'First answer');
    await as('secretariat').ok(OPS.reopenVoiceItem, { input: { id: reopened, version: r.version } });
    const last = await raise('2026-09-30', '=SUM(A1:A9)', { frameworkItemIds: [own.P1] });
    await answer(last, 'We wrote back, twice:\n"sorry", and a plan.');

    type Line = {
      id: string;
      raisedOn: string;
      raisingGroup: string;
      youSaid: string;
      weDid: string;
      themes: string[];
      status: string;
      respondedOn: string;
    };
    const said = async (from: string, to: string, who: Who = 'secretariat') =>
      (await as(who).ok<{ youSaidWeDid: Line[] }>(OPS.youSaidWeDid, { from, to })).youSaidWeDid;
    const all = await said('2026-09-01', '2026-09-30');
    // Housing's was raised in August; the unassigned one (since moved to Housing) was answered and closed.
    expect(all.map((l) => [l.id, l.raisedOn, l.status])).toEqual([
      [v.health, '2026-09-10', 'RESPONDED'],
      [v.police, '2026-09-20', 'RESPONDED'],
      [v.none, '2026-09-25', 'CLOSED'],
      [last, '2026-09-30', 'RESPONDED'],
    ]);
    const today = LONDON_DAY.format(new Date());
    expect(all[0]).toEqual({
      id: v.health,
      raisedOn: '2026-09-10',
      raisingGroup: 'Children in Care Council (11 to 15)',
      youSaid: 'We want to know who our personal education plan worker is.',
      weDid: 'Every young person now gets a card with their PEP worker’s name and number.',
      respondedOn: today,
      themes: [expect.stringMatching(/^CPP-B /), expect.stringMatching(/^CPP-E /)],
      status: 'RESPONDED',
    });
    expect(all[3]).toMatchObject({ youSaid: '=SUM(A1:A9)', weDid: 'We wrote back, twice:\n"sorry", and a plan.', themes: ['P1 Item P1'] });
    // Both ends of the period count.
    expect((await said('2026-09-10', '2026-09-25')).map((l) => l.id)).toEqual([v.health, v.police, v.none]);
    expect((await said('2026-09-11', '2026-09-29')).map((l) => l.id)).toEqual([v.police, v.none]);
    expect(await said('2026-09-13', '2026-09-19')).toEqual([]);

    // Each reader sees the lines of the items they may see.
    const sees: Record<Who, string[]> = {
      secretariat: [v.health, v.police, v.none, last],
      boardMember: [v.health, v.police, v.none, last],
      chair: [v.health],
      member: [v.health],
      police: [v.police],
      housingChair: [v.none],
      housingMember: [v.none],
      college: [],
    };
    for (const w of WHO) {
      expect({ w, ids: (await said('2026-09-01', '2026-09-30', w)).map((l) => l.id) }).toEqual({ w, ids: sees[w] });
    }
    const backwards = await as('secretariat').request(OPS.youSaidWeDid, { from: '2026-09-30', to: '2026-09-01' });
    expectError(backwards, 'youSaidWeDid', 'BAD_USER_INPUT', 'The start of the period must be on or before its end.', 'from');
    const notDate = await as('secretariat').request(OPS.youSaidWeDid, { from: '2026-09-31', to: '2026-10-01' });
    expect(notDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('"you said, we did" as CSV: header, one row a line, quoted where needed, formulas guarded, as each reader may see it', async () => {
    const period = { from: '2026-09-01', to: '2026-09-30' };
    const lines = (
      await as('secretariat').ok<{ youSaidWeDid: Array<{ id: string; themes: string[]; respondedOn: string }> }>(OPS.youSaidWeDid, period)
    ).youSaidWeDid;
    const csv = (await as('secretariat').ok<{ youSaidWeDidCsv: string }>(OPS.youSaidWeDidCsv, period)).youSaidWeDidCsv;
    // A byte order mark so Excel reads curly quotes right; CRLF after every record.
    expect(csv.startsWith('\uFEFFDate raised,Raised by,You said,We did,Date responded,Themes,Status\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const day = lines[0].respondedOn;
    expect(parseCsv(csv)).toEqual([
      ['Date raised', 'Raised by', 'You said', 'We did', 'Date responded', 'Themes', 'Status'],
      [
        '2026-09-10',
        'Children in Care Council (11 to 15)',
        'We want to know who our personal education plan worker is.',
        'Every young person now gets a card with their PEP worker’s name and number.',
        day,
        lines[0].themes.join('; '),
        'Responded',
      ],
      [
        '2026-09-20',
        'Care Leavers’ Forum',
        'Officers should not turn up in uniform at placements.',
        `'=HYPERLINK("http://example.test","Officers now visit in plain clothes")`,
        day,
        '',
        'Responded',
      ],
      [
        '2026-09-25',
        'Children in Care Council (16+)',
        'More activities in the holidays.',
        'Free leisure passes over the summer.',
        day,
        '',
        'Closed',
      ],
      [
        '2026-09-30',
        'Children in Care Council (16+)',
        `'=SUM(A1:A9)`,
        'We wrote back, twice:\n"sorry", and a plan.',
        day,
        'P1 Item P1',
        'Responded',
      ],
    ]);
    expect(lines[0].themes).toHaveLength(2);
    // As written: a formula-looking cell starts with a quote mark, so it cannot run when the file is opened;
    // a cell with a comma, a quote or a line break is quoted, with its quotes doubled.
    expect(csv).toContain(`,'=SUM(A1:A9),`);
    expect(csv).toContain(`,"'=HYPERLINK(""http://example.test"",""Officers now visit in plain clothes"")",`);
    expect(csv).toContain(`,"We wrote back, twice:\n""sorry"", and a plan.",`);
    // The principles' titles hold commas, so the Themes cell is quoted.
    expect(csv).toContain(`,"${lines[0].themes.join('; ')}",Responded\r\n`);

    // The police officer's file holds only the police's line; someone assigned nothing gets the header alone.
    const mine = parseCsv((await as('police').ok<{ youSaidWeDidCsv: string }>(OPS.youSaidWeDidCsv, period)).youSaidWeDidCsv);
    expect(mine.map((r) => r[0])).toEqual(['Date raised', '2026-09-20']);
    expect((await as('college').ok<{ youSaidWeDidCsv: string }>(OPS.youSaidWeDidCsv, period)).youSaidWeDidCsv).toBe(
      '\uFEFFDate raised,Raised by,You said,We did,Date responded,Themes,Status\r\n',
    );
  });

  it('nothing crosses partnerships', async () => {
    const q = stack.client(qToken);
    const r = await q.request(OPS.voiceItem, { id: v.health });
    expectError(r, 'voiceItem', 'NOT_FOUND', 'Voice item not found.');
    expect((await q.ok<{ voiceItems: { totalCount: number } }>(OPS.voiceItems, { first: 10 })).voiceItems.totalCount).toBe(0);
    expect((await q.ok<{ youSaidWeDid: unknown[] }>(OPS.youSaidWeDid, { from: '2026-01-01', to: '2026-12-31' })).youSaidWeDid).toEqual([]);
    const before = await tenantSnapshot(stack.pg, P.id);
    const w = await q.request(OPS.respondToVoiceItem, { input: { id: v.health, version: 1, response: 'Taken over' } });
    expectError(w, 'respondToVoiceItem', 'NOT_FOUND', 'Voice item not found.');
    const a = await q.request(OPS.createVoiceItem, {
      input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'x', assignedAgencyId: police },
    });
    expectError(a, 'createVoiceItem', 'BAD_USER_INPUT', 'Choose an agency of this partnership.', 'input.assignedAgencyId');
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
  });
});
