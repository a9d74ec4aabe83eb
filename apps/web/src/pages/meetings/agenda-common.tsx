/**
 * What the agenda, pack readiness, attendance, minutes and board action pages share: the
 * agenda item's fields, kinds and statuses in words (each tag says its word; the colour only
 * repeats it), Schedule 12A's paragraphs, the numbered agenda as a list, and the meeting with
 * its agenda as the pages load it.
 */
import { type ReactNode } from 'react';
import { Link } from 'react-router';
import { Tag, type TagColour, formatDate } from '../../components/lists';
import { describeSize, describeType } from '../../components/upload';
import { graphql } from '../../gql';
import type {
  AgendaItemFieldsFragment,
  AgendaItemKind,
  AgendaPaperFieldsFragment,
  AttendanceStatus,
  BoardActionStatus,
  ContributionStatus,
} from '../../gql/graphql';
import { gql } from '../../lib/api';

export const AgendaItemFieldsFragmentDoc = graphql(`
  fragment AgendaItemFields on AgendaItem {
    id
    number
    parentId
    position
    title
    kind
    subGroupId
    authorUserId
    presenter
    startsAt
    durationMinutes
    exempt
    exemptParagraph
    exemptDescription
    exemptReason
    fileId
    paperSubmittedAt
    minutes
    decisions
    version
  }
`);

export const BoardActionFieldsFragmentDoc = graphql(`
  fragment BoardActionFields on BoardAction {
    id
    meetingId
    agendaItemId
    title
    ownerUserId
    ownerName
    dueDate
    status
    overdue
    note
    closedAt
    version
    createdAt
  }
`);

const MeetingAgendaDocument = graphql(`
  query MeetingAgenda($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
      agenda {
        ...AgendaItemFields
      }
    }
  }
`);

export type AgendaItem = AgendaItemFieldsFragment;

/** A meeting with its agenda in order (numbered 1, 2, 2.1 …). */
export async function loadMeetingAgenda(id: string) {
  return (await gql(MeetingAgendaDocument, { id })).meeting;
}

export type MeetingWithAgenda = Awaited<ReturnType<typeof loadMeetingAgenda>>;

// ---- agenda items ----------------------------------------------------------------------------

/** The kinds in the order the form offers them. */
export const AGENDA_KIND_LABELS: Record<AgendaItemKind, string> = {
  SUB_GROUP_REPORT: 'Sub-group highlight report',
  PAPER: 'Paper',
  SCORECARD: 'Performance scorecard',
  COMMITMENTS: 'Partner commitments',
  PRINCIPLES: 'Corporate parenting principles',
  VOICE: 'Voice of children and young people',
  ACTION_LOG: 'Action log',
  OTHER: 'Other business',
};

export const AGENDA_KIND_HINTS: Partial<Record<AgendaItemKind, string>> = {
  SUB_GROUP_REPORT: 'The sub-group’s chair writes its highlight report for this meeting.',
  PAPER: 'A paper someone writes for the pack.',
  OTHER: 'Such as welcome and apologies, or any other business.',
};

/** "Exempt (paragraph 1)": an item left out of the public pack. */
export function ExemptTag({ paragraph }: { paragraph: number | null | undefined }) {
  return <Tag colour="red">{paragraph ? `Exempt (paragraph ${paragraph})` : 'Exempt'}</Tag>;
}

/** "2.1 Placements sufficiency" as one phrase, for hidden button text and messages. */
export function itemName(item: Pick<AgendaItem, 'number' | 'title'>): string {
  return `${item.number} ${item.title}`;
}

/** "10:15, 20 minutes"; "20 minutes"; "10:15"; or null. */
export function timing(item: Pick<AgendaItem, 'startsAt' | 'durationMinutes'>): string | null {
  const parts = [item.startsAt, item.durationMinutes ? `${item.durationMinutes} minute${item.durationMinutes === 1 ? '' : 's'}` : null];
  const shown = parts.filter(Boolean);
  return shown.length ? shown.join(', ') : null;
}

/** The agenda's top-level items with their sub-items, in order. */
export function agendaTree(agenda: readonly AgendaItem[]): Array<{ item: AgendaItem; children: AgendaItem[] }> {
  const top = agenda.filter((i) => !i.parentId).sort((a, b) => a.position - b.position);
  return top.map((item) => ({
    item,
    children: agenda.filter((c) => c.parentId === item.id).sort((a, b) => a.position - b.position),
  }));
}

/** The item's siblings (itself included), in order. */
export function siblingsOf(agenda: readonly AgendaItem[], item: AgendaItem): AgendaItem[] {
  return agenda.filter((i) => (i.parentId ?? null) === (item.parentId ?? null)).sort((a, b) => a.position - b.position);
}

/**
 * The numbered agenda: each item's number and title, what kind it is, who presents it and
 * when, and an "Exempt (paragraph N)" tag with the paragraph's words. `details` adds lines
 * under an item (a paper's state); `actions` adds its buttons and links (the builder's).
 */
export function AgendaList({
  id,
  agenda,
  subGroupNames,
  details,
  actions,
  headingLevel = 'h3',
}: {
  id: string;
  /** The items' heading level: h3 under the meeting page's "Agenda", h2 on a page of its own. */
  headingLevel?: 'h2' | 'h3';
  agenda: readonly AgendaItem[];
  /** Sub-group names by id, for a sub-group report's line. */
  subGroupNames?: Map<string, string>;
  details?: (item: AgendaItem) => ReactNode;
  actions?: (item: AgendaItem) => ReactNode;
}) {
  const tree = agendaTree(agenda);
  const Heading = headingLevel;
  const one = (item: AgendaItem, children: AgendaItem[] | null) => {
    const when = timing(item);
    const group = item.subGroupId ? subGroupNames?.get(item.subGroupId) : undefined;
    return (
      <li
        key={item.id}
        className={`app-agenda__item${children ? '' : ' app-agenda__item--sub'}`}
        data-item={item.number}
        id={`item-${item.id}`}
      >
        <Heading className="govuk-heading-s govuk-!-margin-bottom-1" id={`item-${item.id}-title`} tabIndex={-1}>
          <span className="app-agenda__number">{item.number}</span> {item.title}
        </Heading>
        <p className="govuk-body-s govuk-!-margin-bottom-1 app-muted">
          {AGENDA_KIND_LABELS[item.kind]}
          {group ? `: ${group}` : ''}
          {item.presenter ? `. Presented by ${item.presenter}` : ''}
          {when ? `. ${when}` : ''}
        </p>
        {item.exempt && (
          <div className="govuk-!-margin-bottom-1">
            <ExemptTag paragraph={item.exemptParagraph} />
            {item.exemptDescription && (
              <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                Schedule 12A, paragraph {item.exemptParagraph}: {item.exemptDescription}
              </span>
            )}
          </div>
        )}
        {details?.(item)}
        {actions && <div className="app-agenda__actions">{actions(item)}</div>}
        {children && children.length > 0 && <ol className="govuk-list app-agenda__subs">{children.map((c) => one(c, null))}</ol>}
      </li>
    );
  };
  if (!tree.length) return null;
  return (
    <ol className="govuk-list app-agenda" id={id}>
      {tree.map(({ item, children }) => one(item, children))}
    </ol>
  );
}

/** A paper's state: "Paper added 3 June 2026", or that it is not in yet. */
export function PaperState({ item }: { item: AgendaItem }) {
  if (item.kind !== 'PAPER') return null;
  return (
    <p className="govuk-body-s govuk-!-margin-bottom-1">
      {item.paperSubmittedAt ? `Paper added ${formatDate(item.paperSubmittedAt)}` : 'Paper not in yet'}
    </p>
  );
}

export const AgendaPaperFieldsFragmentDoc = graphql(`
  fragment AgendaPaperFields on AgendaPaper {
    name
    contentType
    size
    downloadUrl
  }
`);

export type AgendaPaper = AgendaPaperFieldsFragment;

/**
 * The link that downloads an item's paper. The api gives an item its paper only for someone
 * who may download it, so the link shows exactly where there is one.
 */
export function DownloadPaperLink({ item, paper }: { item: Pick<AgendaItem, 'number' | 'title'>; paper: AgendaPaper | null | undefined }) {
  if (!paper) return null;
  return (
    <p className="govuk-body-s govuk-!-margin-bottom-1">
      <a className="govuk-link" href={paper.downloadUrl} download={paper.name} style={{ overflowWrap: 'anywhere' }}>
        Download the paper: {paper.name}
        <span className="govuk-visually-hidden"> for item {itemName(item)}</span>
      </a>{' '}
      ({describeType(paper.contentType)}, {describeSize(paper.size)})
    </p>
  );
}

/** Whether this person may add an item's paper: its author, or the secretariat. */
export function mayAddPaper(me: { id: string; role: string } | null, item: AgendaItem): boolean {
  return !!me && item.kind === 'PAPER' && (me.role === 'SECRETARIAT' || item.authorUserId === me.id);
}

/** The link to add (or replace) an item's paper. */
export function AddPaperLink({ meetingId, item }: { meetingId: string; item: AgendaItem }) {
  return (
    <Link className="govuk-link" to={`/meetings/${meetingId}/agenda/${item.id}/paper`}>
      {item.fileId ? 'Replace the paper' : 'Add the paper'}
      <span className="govuk-visually-hidden"> for item {itemName(item)}</span>
    </Link>
  );
}

// ---- pack contributions ------------------------------------------------------------------------

export const CONTRIBUTION_LABELS: Record<ContributionStatus, string> = {
  SUBMITTED: 'Submitted',
  LATE: 'Late',
  RETURNED: 'Returned',
  MISSING: 'Missing',
};

const CONTRIBUTION_COLOURS: Record<ContributionStatus, TagColour> = {
  SUBMITTED: 'green',
  LATE: 'yellow',
  RETURNED: 'orange',
  MISSING: 'red',
};

export function ContributionTag({ status }: { status: ContributionStatus }) {
  return <Tag colour={CONTRIBUTION_COLOURS[status]}>{CONTRIBUTION_LABELS[status]}</Tag>;
}

// ---- attendance --------------------------------------------------------------------------------

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  PRESENT: 'Present',
  APOLOGIES: 'Apologies',
  ABSENT: 'Absent',
};

export const ATTENDANCE_ORDER: AttendanceStatus[] = ['PRESENT', 'APOLOGIES', 'ABSENT'];

/** "4 present, 1 apologies, 2 absent" */
export function attendanceCounts(rows: ReadonlyArray<{ status: AttendanceStatus }>): string {
  return ATTENDANCE_ORDER.map((s) => `${rows.filter((r) => r.status === s).length} ${ATTENDANCE_LABELS[s].toLowerCase()}`).join(', ');
}

/** People by agency (agencies and people by name). */
export function byAgency<P extends { agencyId: string; agencyName: string; name: string }>(
  people: readonly P[],
): Array<{ agencyId: string; agencyName: string; people: P[] }> {
  const groups = new Map<string, { agencyId: string; agencyName: string; people: P[] }>();
  for (const p of people) {
    const g = groups.get(p.agencyId) ?? { agencyId: p.agencyId, agencyName: p.agencyName, people: [] };
    g.people.push(p);
    groups.set(p.agencyId, g);
  }
  const sorted = [...groups.values()].sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'en-GB'));
  for (const g of sorted) g.people.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return sorted;
}

// ---- board actions -----------------------------------------------------------------------------

export const BOARD_ACTION_STATUS_LABELS: Record<BoardActionStatus, string> = {
  OPEN: 'Open',
  COMPLETE: 'Complete',
  CANCELLED: 'Cancelled',
};

const BOARD_ACTION_STATUS_COLOURS: Record<BoardActionStatus, TagColour | undefined> = {
  OPEN: undefined,
  COMPLETE: 'green',
  CANCELLED: 'grey',
};

export function BoardActionStatusTag({ status }: { status: BoardActionStatus }) {
  return <Tag colour={BOARD_ACTION_STATUS_COLOURS[status]}>{BOARD_ACTION_STATUS_LABELS[status]}</Tag>;
}

/** Lines of text people wrote as a list of non-empty lines (decisions are a line each). */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
