/**
 * Work plan tags: an action's RAG and status, a plan's status, and the "Overdue" and
 * "No update for N days" flags. Every tag says its meaning in words; the colour only
 * repeats it (WCAG 1.4.1).
 */
import type { ActionStatus, DisplayRag, Rag, Visibility, WorkPlanStatus } from '../gql/graphql';
import { Tag, type TagColour } from './lists';

/** The RAG people choose: red, amber or green. */
export const RAG_LABELS: Record<Rag, string> = { RED: 'Red', AMBER: 'Amber', GREEN: 'Green' };

/** The RAG shown: a complete action is blue, and says "Complete". */
export const DISPLAY_RAG_LABELS: Record<DisplayRag, string> = { RED: 'Red', AMBER: 'Amber', GREEN: 'Green', BLUE: 'Complete' };

/** What each RAG means, for radio hints. */
export const RAG_HINTS: Record<Rag, string> = {
  GREEN: 'On track.',
  AMBER: 'At risk: there are problems, and a plan to deal with them.',
  RED: 'Off track: it will not be done on time without help.',
};

const RAG_COLOURS: Record<DisplayRag, TagColour | undefined> = { RED: 'red', AMBER: 'orange', GREEN: 'green', BLUE: undefined };

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  COMPLETE: 'Complete',
  CANCELLED: 'Cancelled',
};

const ACTION_STATUS_COLOURS: Record<ActionStatus, TagColour | undefined> = {
  NOT_STARTED: 'grey',
  IN_PROGRESS: 'turquoise',
  COMPLETE: undefined,
  CANCELLED: 'pink',
};

export const WORK_PLAN_STATUS_LABELS: Record<WorkPlanStatus, string> = { DRAFT: 'Draft', ACTIVE: 'Active', CLOSED: 'Closed' };

const WORK_PLAN_STATUS_COLOURS: Record<WorkPlanStatus, TagColour | undefined> = { DRAFT: 'yellow', ACTIVE: 'green', CLOSED: 'grey' };

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  PARTNERSHIP: 'Everyone in the partnership',
  SUB_GROUP: 'Members of the sub-group',
  AGENCY: 'People in the lead agency',
  RESTRICTED: 'Only the people named',
};

export const VISIBILITY_HINTS: Record<Visibility, string> = {
  PARTNERSHIP: 'Every board member and partner can see it.',
  SUB_GROUP: 'Only the sub-group’s chair and members, and the board secretariat.',
  AGENCY: 'Only people in the lead agency, and the board secretariat.',
  RESTRICTED: 'Only the people you name, and the board secretariat.',
};

/**
 * An action's RAG as a tag with its word: Red, Amber, Green, or Complete for blue (say
 * `blueLabel="Blue"` where the scale itself is being explained). With `count`, a number of
 * actions: "3 Red".
 */
export function RagTag({ rag, count, blueLabel = 'Complete' }: { rag: DisplayRag | Rag; count?: number; blueLabel?: string }) {
  const word = rag === 'BLUE' ? blueLabel : DISPLAY_RAG_LABELS[rag];
  return <Tag colour={RAG_COLOURS[rag]}>{count === undefined ? word : `${count} ${word}`}</Tag>;
}

/** An action's status as a tag with its word. */
export function StatusTag({ status }: { status: ActionStatus }) {
  return <Tag colour={ACTION_STATUS_COLOURS[status]}>{ACTION_STATUS_LABELS[status]}</Tag>;
}

/** A work plan's status as a tag: Draft, Active or Closed. */
export function WorkPlanStatusTag({ status }: { status: WorkPlanStatus }) {
  return <Tag colour={WORK_PLAN_STATUS_COLOURS[status]}>{WORK_PLAN_STATUS_LABELS[status]}</Tag>;
}

/** "Overdue", for an open action past its due date. */
export function OverdueTag() {
  return <Tag colour="red">Overdue</Tag>;
}

/** Whole days since an action last had a progress update (or since it was made, when it has none). */
export function daysWithoutUpdate(action: { lastUpdateAt?: string | null; createdAt: string }, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(action.lastUpdateAt ?? action.createdAt).getTime()) / 86_400_000));
}

/** "No update for 45 days", for an open action with no recent progress update (stale). */
export function StaleTag({ days }: { days: number }) {
  return <Tag colour="yellow">{`No update for ${days} ${days === 1 ? 'day' : 'days'}`}</Tag>;
}
