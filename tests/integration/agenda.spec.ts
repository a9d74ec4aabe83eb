/**
 * Issue 9, the agenda: the secretariat builds a meeting's agenda of numbered items (1, 2, 2.1 …),
 * each a kind of business with its presenter and time, public or exempt under a paragraph of
 * Schedule 12A; reorders, nests, changes and removes them. Everyone in the partnership reads it;
 * no one else changes it; bad input names its field and changes nothing.
 */
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  auditCount,
  createPartnership,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

interface Item {
  id: string;
  number: string;
  title: string;
  version: number;
  parentId: string | null;
  exempt: boolean;
  exemptDescription: string | null;
  presenter?: string | null;
  startsAt?: string | null;
  durationMinutes?: number | null;
}

describe('agenda', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let secretariat: GqlClient;
  let chair: GqlClient;
  let meetingId: string;

  const agenda = async (c: GqlClient = secretariat): Promise<Item[]> =>
    (await c.ok<{ meeting: { agenda: Item[] } }>(OPS.agenda, { id: meetingId })).meeting.agenda;
  const numbers = async () => (await agenda()).map((i) => `${i.number} ${i.title}`);
  const add = async (input: Record<string, unknown>) =>
    (await secretariat.ok<{ addAgendaItem: Item }>(OPS.addAgendaItem, { input: { meetingId, kind: 'OTHER', ...input } })).addAgendaItem;

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Agendaby');
    secretariat = stack.client((await signIn(stack.client(), P.secretariat.email)).accessToken);
    chair = stack.client((await signIn(stack.client(), P.chair.email)).accessToken);
    meetingId = (
      await secretariat.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
        input: { startsAt: '2027-03-10T10:00:00Z', reportDeadline: '2027-02-24' },
      })
    ).createMeeting.id;
  });
  afterAll(() => stack?.close());

  it('numbers items 1, 2, 2.1 and keeps them numbered through adding, moving and removing', async () => {
    const welcome = await add({ title: 'Welcome and apologies', presenter: 'Chair', startsAt: '10:00', durationMinutes: 5 });
    const reports = await add({ title: 'Sub-group reports' });
    const education = await add({ title: 'Education', kind: 'SUB_GROUP_REPORT', subGroupId: P.subGroupId, parentId: reports.id });
    await add({ title: 'Performance scorecard', kind: 'SCORECARD' });
    await add({ title: 'Minutes of the last meeting', position: 2 });
    expect(await numbers()).toEqual([
      '1 Welcome and apologies',
      '2 Minutes of the last meeting',
      '3 Sub-group reports',
      '3.1 Education',
      '4 Performance scorecard',
    ]);
    // Numbered as it stood when added (the reports were item 2 then).
    expect(education).toMatchObject({ number: '2.1', parentId: reports.id });

    // The scorecard moves up under the reports, then back to the top at the end.
    const score = (await agenda()).find((i) => i.title === 'Performance scorecard')!;
    await secretariat.ok(OPS.moveAgendaItem, { input: { id: score.id, version: score.version, parentId: reports.id, position: 1 } });
    expect(await numbers()).toEqual([
      '1 Welcome and apologies',
      '2 Minutes of the last meeting',
      '3 Sub-group reports',
      '3.1 Performance scorecard',
      '3.2 Education',
    ]);
    const moved = (await agenda()).find((i) => i.id === score.id)!;
    await secretariat.ok(OPS.moveAgendaItem, { input: { id: score.id, version: moved.version, position: 1 } });
    expect((await numbers())[0]).toBe('1 Performance scorecard');

    // Removing an item takes its sub-items with it and closes the gap.
    const r = (await agenda()).find((i) => i.id === reports.id)!;
    const left = await secretariat.ok<{ removeAgendaItem: Item[] }>(OPS.removeAgendaItem, { input: { id: r.id, version: r.version } });
    expect(left.removeAgendaItem.map((i) => `${i.number} ${i.title}`)).toEqual([
      '1 Performance scorecard',
      '2 Welcome and apologies',
      '3 Minutes of the last meeting',
    ]);
    expect(await stack.pg.query('SELECT 1 FROM agenda_items WHERE id = $1', [education.id]).then((q) => q.rowCount)).toBe(0);
    expect(await auditCount(stack.pg, P.id, 'agendaItem.remove')).toBe(2);
    expect(welcome).toMatchObject({ presenter: 'Chair', startsAt: '10:00', durationMinutes: 5 });
  });

  it('an exempt item names its Schedule 12A paragraph; making it public clears the reason', async () => {
    const item = await add({
      title: 'Placement sufficiency: named providers',
      exempt: true,
      exemptParagraph: 3,
      exemptReason: 'Commercial terms.',
    });
    expect(item).toMatchObject({
      exempt: true,
      exemptDescription:
        'Information relating to the financial or business affairs of any particular person (including the authority holding that information).',
    });
    const pub = await secretariat.ok<{ updateAgendaItem: Item & { exemptParagraph: number | null; exemptReason: string | null } }>(
      OPS.updateAgendaItem,
      {
        input: { id: item.id, version: item.version, exempt: false },
      },
    );
    expect(pub.updateAgendaItem).toMatchObject({ exempt: false, exemptParagraph: null, exemptReason: null, version: item.version + 1 });
    // A stale version is a conflict.
    const stale = await secretariat.request(OPS.updateAgendaItem, { input: { id: item.id, version: item.version, title: 'Late' } });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('the form offers the seven paragraphs of Schedule 12A in the words an exempt item is given', async () => {
    type Paragraphs = { exemptInformationParagraphs: Array<{ paragraph: number; description: string }> };
    const { exemptInformationParagraphs: paragraphs } = await chair.ok<Paragraphs>(OPS.exemptInformationParagraphs);
    expect(paragraphs.map((p) => p.paragraph)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(paragraphs[1].description).toBe('Information which is likely to reveal the identity of an individual.');
    for (const p of paragraphs) {
      const item = await add({ title: `Exempt under ${p.paragraph}`, exempt: true, exemptParagraph: p.paragraph });
      expect(item.exemptDescription).toBe(p.description);
      await secretariat.ok(OPS.removeAgendaItem, { input: { id: item.id, version: item.version } });
    }
  });

  it('bad input names the field and changes nothing; only the secretariat changes the agenda; everyone reads it', async () => {
    const before = await tenantSnapshot(stack.pg, P.id);
    const first = (await agenda())[0];
    const places = (await agenda()).filter((i) => !i.parentId).length + 1;
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [
        'addAgendaItem',
        { meetingId, title: 'Secret', kind: 'OTHER', exempt: true },
        'input.exemptParagraph',
        'Give the paragraph of Schedule 12A that makes this item exempt.',
      ],
      [
        'addAgendaItem',
        { meetingId, title: 'Report', kind: 'SUB_GROUP_REPORT' },
        'input.subGroupId',
        'Choose the sub-group whose report this is.',
      ],
      [
        'addAgendaItem',
        { meetingId, title: 'Paper', kind: 'PAPER', subGroupId: P.subGroupId },
        'input.subGroupId',
        'Only a sub-group report names a sub-group.',
      ],
      [
        'addAgendaItem',
        { meetingId, title: 'Open', kind: 'OTHER', exemptParagraph: 1 },
        'input.exemptParagraph',
        'Only an exempt item has a reason for being exempt.',
      ],
      [
        'addAgendaItem',
        { meetingId, title: 'Late', kind: 'OTHER', startsAt: '25:00' },
        'input.startsAt',
        'Give the time as HH:MM, for example 10:15.',
      ],
      ['addAgendaItem', { meetingId, title: 'Far', kind: 'OTHER', position: 99 }, 'input.position', `Choose a place from 1 to ${places}.`],
      ['addAgendaItem', { meetingId, title: '  ', kind: 'OTHER' }, 'input.title', 'Give the item a title.'],
      [
        'addAgendaItem',
        { meetingId, title: 'Seven', kind: 'OTHER', exempt: true, exemptParagraph: 8 },
        'input.exemptParagraph',
        'Choose a paragraph of Schedule 12A, 1 to 7.',
      ],
      [
        'moveAgendaItem',
        { id: first.id, version: first.version, parentId: first.id, position: 1 },
        'input.parentId',
        'Sub-items go under a top-level item of the same meeting.',
      ],
    ];
    for (const [op, input, path, message] of cases) {
      const r = await secretariat.request(OPS[op as 'addAgendaItem'], { input });
      expect({ op, input, fields: r.errors?.[0]?.extensions?.fields }).toEqual({ op, input, fields: [{ path, message }] });
    }
    const refused = await chair.request(OPS.addAgendaItem, { input: { meetingId, title: 'Mine', kind: 'OTHER' } });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Only the board secretariat can change a meeting’s agenda.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
    expect((await agenda(chair)).map((i) => i.id)).toEqual((await agenda()).map((i) => i.id));
  });

  it('a cancelled meeting’s agenda cannot change', async () => {
    const m = await secretariat.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
      input: { startsAt: '2027-06-10T10:00:00Z', reportDeadline: '2027-05-27' },
    });
    await secretariat.ok(OPS.setMeetingStatus, { input: { id: m.createMeeting.id, status: 'CANCELLED' } });
    const r = await secretariat.request(OPS.addAgendaItem, { input: { meetingId: m.createMeeting.id, title: 'Anything', kind: 'OTHER' } });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
