/**
 * Issue 7, the voice of children in care: what the Children in Care Council raises, who sees
 * it, who answers it, and "you said, we did". The secretariat and board members see every
 * item; members of the assigned sub-group and people of the assigned agency see what is
 * assigned to them; nobody else. The assigned sub-group's chair, the assigned agency's people
 * and the secretariat answer; only the secretariat records, assigns, closes and reopens.
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
  auditCount,
  createPartnership,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

type Who = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'police' | 'housingChair';
const WHO: Who[] = ['secretariat', 'boardMember', 'chair', 'member', 'police', 'housingChair'];

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
    cpp = (await principles(stack.pg, P.id)).items;
    const people = {
      secretariat: P.secretariat,
      boardMember: P.boardMember,
      chair: P.chair,
      member: P.member,
      police: officer,
      housingChair,
    };
    for (const w of WHO) tokens[w] = (await signIn(stack.client(), people[w].email)).accessToken;
    qToken = (await signIn(stack.client(), Q.secretariat.email)).accessToken;

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
  });

  it('only the secretariat records, assigns, closes and reopens; closing needs a response first', async () => {
    const before = await tenantSnapshot(stack.pg, P.id);
    for (const w of ['boardMember', 'chair', 'member', 'police'] as Who[]) {
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
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [
        { raisedOn: '2999-01-01', raisingGroup: 'CiCC', issue: 'x' },
        'input.raisedOn',
        'The date it was raised must be today or in the past.',
      ],
      [{ raisedOn: '2026-02-30', raisingGroup: 'CiCC', issue: 'x' }, 'input.raisedOn', 'Date raised must be a real date.'],
      [{ raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: '   ' }, 'input.issue', 'Say what young people raised.'],
      [{ raisingGroup: 'CiCC', issue: 'x' }, 'input.raisedOn', 'Enter the date it was raised.'],
      [
        { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'x', assignedSubGroupId: P.subGroupId, assignedAgencyId: police },
        'input.assignedAgencyId',
        'Assign it to a sub-group or to an agency, not both.',
      ],
      [
        { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'x', assignedSubGroupId: Q.subGroupId },
        'input.assignedSubGroupId',
        'Choose a sub-group of this partnership.',
      ],
      [
        { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'x', frameworkItemIds: [other] },
        'input.frameworkItemIds',
        'Choose themes from this partnership’s frameworks.',
      ],
      [
        { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'x', responseDue: '2026-08-01' },
        'input.responseDue',
        'The response due date must be on or after the date it was raised.',
      ],
    ];
    const before = await tenantSnapshot(stack.pg, P.id);
    for (const [input, path, message] of cases) {
      const r = await as('secretariat').request(OPS.createVoiceItem, { input });
      try {
        expectError(r, 'createVoiceItem', 'BAD_USER_INPUT', message, path);
      } catch (e) {
        throw new Error(`${JSON.stringify(input)}: ${(e as Error).message}`);
      }
    }
    // A stale version is a CONFLICT with the item as it is now.
    const h = await item(v.police);
    const stale = await as('secretariat').request(OPS.updateVoiceItem, {
      input: { id: v.police, version: h.version - 1, issue: 'Edited' },
    });
    expectError(stale, 'updateVoiceItem', 'CONFLICT');
    expect((stale.errors![0].extensions?.current as { id: string }).id).toBe(v.police);
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
  });

  it('"you said, we did" lists what was raised in the period and answered, oldest first, as each reader may see it; and as CSV', async () => {
    const p = await item(v.police);
    await as('police').ok(OPS.respondToVoiceItem, {
      input: { id: v.police, version: p.version, response: '=HYPERLINK("http://example.test","Officers now visit in plain clothes")' },
    });
    const h = await item(v.housing);
    await as('housingChair').ok(OPS.respondToVoiceItem, {
      input: { id: v.housing, version: h.version, response: 'A second hostel, by the college.' },
    });

    type Line = { id: string; raisedOn: string; youSaid: string; weDid: string; themes: string[]; status: string; respondedOn: string };
    const period = { from: '2026-09-01', to: '2026-09-30' };
    const all = (await as('secretariat').ok<{ youSaidWeDid: Line[] }>(OPS.youSaidWeDid, period)).youSaidWeDid;
    // Housing's was raised in August; the Health and police items in September; the unassigned one was answered and closed.
    expect(all.map((l) => [l.id, l.raisedOn, l.status])).toEqual([
      [v.health, '2026-09-10', 'RESPONDED'],
      [v.police, '2026-09-20', 'RESPONDED'],
      [v.none, '2026-09-25', 'CLOSED'],
    ]);
    expect(all[0]).toMatchObject({
      youSaid: 'We want to know who our personal education plan worker is.',
      weDid: 'Every young person now gets a card with their PEP worker’s name and number.',
      themes: [expect.stringMatching(/^CPP-B /), expect.stringMatching(/^CPP-E /)],
    });
    expect(all[0].respondedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The police officer sees only what is assigned to the police.
    expect((await as('police').ok<{ youSaidWeDid: Line[] }>(OPS.youSaidWeDid, period)).youSaidWeDid.map((l) => l.id)).toEqual([v.police]);
    const backwards = await as('secretariat').request(OPS.youSaidWeDid, { from: '2026-09-30', to: '2026-09-01' });
    expectError(backwards, 'youSaidWeDid', 'BAD_USER_INPUT', 'The start of the period must be on or before its end.', 'from');

    const csv = (await as('secretariat').ok<{ youSaidWeDidCsv: string }>(OPS.youSaidWeDidCsv, period)).youSaidWeDidCsv;
    expect(csv.startsWith('\uFEFFDate raised,Raised by,You said,We did,Date responded,Themes,Status\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
    expect(lines[1]).toMatch(
      /^2026-09-10,Children in Care Council \(11 to 15\),We want to know who our personal education plan worker is\.,/,
    );
    // A response that looks like a formula cannot run as one when the file is opened.
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://example.test"",""Officers now visit in plain clothes"")"`);
    expect(lines[2]).toContain(',Responded');
    expect(lines[3]).toContain(',Closed');
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
