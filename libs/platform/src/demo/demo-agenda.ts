import { MutationRunner, AuditRepository } from '@pbw/audit';
import type { TxScope } from '@pbw/db';
import { SubGroupRepository } from '@pbw/boards';
import { UserRepository } from '@pbw/identity';
import {
  AgendaItemKind,
  AgendaItemRepository,
  AgendaService,
  BoardActionRepository,
  BoardActionStatus,
  type MeetingEntity,
  MeetingRepository,
  MeetingStatus,
} from '@pbw/meetings';
import { addDays, londonToday } from '@pbw/core';

export interface DemoAgendaCreated {
  agendaItems: number;
  boardActions: number;
}

interface DemoItem {
  title: string;
  kind: AgendaItemKind;
  presenter?: string;
  startsAt?: string;
  durationMinutes?: number;
  exempt?: { paragraph: number; reason: string };
  /** Sub-items: one per sub-group report. */
  reports?: boolean;
}

/** The planned meeting's agenda, in the shape the seeds' boards use. */
const AGENDA: DemoItem[] = [
  {
    title: 'Welcome, introductions and apologies',
    kind: AgendaItemKind.OTHER,
    presenter: 'Chair of the board',
    startsAt: '10:00',
    durationMinutes: 5,
  },
  {
    title: 'Minutes of the last meeting and the board action log',
    kind: AgendaItemKind.ACTION_LOG,
    presenter: 'Board secretariat',
    startsAt: '10:05',
    durationMinutes: 10,
  },
  { title: 'Sub-group highlight reports', kind: AgendaItemKind.OTHER, startsAt: '10:15', durationMinutes: 50, reports: true },
  {
    title: 'Performance scorecard',
    kind: AgendaItemKind.SCORECARD,
    presenter: 'Head of Performance',
    startsAt: '11:05',
    durationMinutes: 15,
  },
  { title: 'Partner commitments by agency', kind: AgendaItemKind.COMMITMENTS, startsAt: '11:20', durationMinutes: 10 },
  { title: 'Corporate parenting principles: coverage', kind: AgendaItemKind.PRINCIPLES, startsAt: '11:30', durationMinutes: 10 },
  {
    title: 'Voice of children in care: you said, we did',
    kind: AgendaItemKind.VOICE,
    presenter: 'Children in Care Council',
    startsAt: '11:40',
    durationMinutes: 15,
  },
  {
    title: 'Placement funding decisions for individual young people',
    kind: AgendaItemKind.OTHER,
    startsAt: '11:55',
    durationMinutes: 10,
    exempt: { paragraph: 1, reason: 'The report discusses individual young people and their placements.' },
  },
  { title: 'Any other business', kind: AgendaItemKind.OTHER, startsAt: '12:05', durationMinutes: 5 },
];

/**
 * The demo's agenda for its planned meeting, and board actions from the held one that carry to
 * it. Added only to a meeting with no agenda yet, so a restart never adds a second.
 */
export async function loadDemoAgenda(
  tx: TxScope,
  refs: { people: ReadonlyMap<string, { userId: string }>; subGroups: ReadonlyMap<string, string> },
  today: string = londonToday(),
): Promise<DemoAgendaCreated> {
  const mutations = new MutationRunner(new AuditRepository());
  const meetings = new MeetingRepository();
  const items = new AgendaItemRepository();
  const agenda = new AgendaService(mutations, items, meetings, new SubGroupRepository(), new UserRepository());
  const actions = new BoardActionRepository();
  const created: DemoAgendaCreated = { agendaItems: 0, boardActions: 0 };
  const all = (await meetings.list(tx, undefined, { first: 100 })).edges.map((e) => e.node);
  const planned = all.find((m) => m.status === MeetingStatus.PLANNED);
  const held = all.find((m) => m.status === MeetingStatus.HELD);
  if (!planned || (await items.forMeeting(tx, planned.id)).length) return created;

  for (const d of AGENDA) {
    const item = await agenda.add(tx, {
      meetingId: planned.id,
      title: d.title,
      kind: d.kind,
      presenter: d.presenter,
      startsAt: d.startsAt,
      durationMinutes: d.durationMinutes,
      exempt: !!d.exempt,
      exemptParagraph: d.exempt?.paragraph,
      exemptReason: d.exempt?.reason,
    });
    created.agendaItems++;
    if (!d.reports) continue;
    for (const [name, subGroupId] of refs.subGroups) {
      await agenda.add(tx, { meetingId: planned.id, parentId: item.id, title: name, kind: AgendaItemKind.SUB_GROUP_REPORT, subGroupId });
      created.agendaItems++;
    }
  }
  if (held) created.boardActions = await demoBoardActions(tx, mutations, actions, held, refs.people, today);
  return created;
}

async function demoBoardActions(
  tx: TxScope,
  mutations: MutationRunner,
  actions: BoardActionRepository,
  held: MeetingEntity,
  people: ReadonlyMap<string, { userId: string }>,
  today: string,
): Promise<number> {
  const owner = (name: string) => {
    const p = people.get(name);
    if (!p) throw new Error(`The demo board actions name ${name}, who is not a demo person`);
    return p.userId;
  };
  const rows = [
    {
      title: 'Bring the dental check figures for children placed out of area',
      owner: 'Victoria Lane',
      due: addDays(today, -10),
      status: BoardActionStatus.OPEN,
    },
    {
      title: 'Report back on council tax exemption take-up by care leavers',
      owner: 'Amira Okafor',
      due: addDays(today, 14),
      status: BoardActionStatus.OPEN,
    },
    {
      title: 'Circulate the revised local offer wording to partners',
      owner: 'Amira Okafor',
      due: addDays(today, -30),
      status: BoardActionStatus.COMPLETE,
    },
  ];
  for (const r of rows) {
    await mutations.run(tx, 'boardAction.create', async (t) => {
      const a = await actions.insert(t, {
        meetingId: held.id,
        agendaItemId: null,
        title: r.title,
        ownerUserId: owner(r.owner),
        dueDate: r.due,
        status: r.status,
        note: r.status === BoardActionStatus.COMPLETE ? 'Sent to every partner agency.' : '',
        closedAt: r.status === BoardActionStatus.COMPLETE ? new Date() : null,
        version: 1,
      });
      return { result: a, audit: { entityType: 'BoardAction', entityId: a.id, before: null, after: { title: a.title } } };
    });
  }
  return rows.length;
}
