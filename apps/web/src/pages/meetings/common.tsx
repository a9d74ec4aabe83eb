/**
 * What the meeting and report pages share: a meeting's status and a report's progress as
 * tags, London times for the meeting form, a meeting's place (which may be a link), and how a
 * meeting's own pages name it in their breadcrumbs.
 */
import { Tag, type TagColour, formatDate } from '../../components/lists';
import type { MeetingStatus, ReportProgress, ReportStatus } from '../../gql/graphql';
import { Breadcrumbs } from '../workplans/common';

/** "Spring board, 12 March 2027": a meeting as its own pages name it. */
export function meetingName(m: { title: string; startsAt: string }): string {
  return `${m.title}, ${formatDate(m.startsAt)}`;
}

/** The breadcrumbs of a meeting's own pages: the meetings, the meeting, and any page in between. */
export function MeetingBreadcrumbs({
  meeting,
  more = [],
}: {
  meeting: { id: string; title: string; startsAt: string };
  more?: Array<{ to: string; label: string }>;
}) {
  return (
    <Breadcrumbs
      items={[{ to: '/meetings', label: 'Board meetings' }, { to: `/meetings/${meeting.id}`, label: meetingName(meeting) }, ...more]}
    />
  );
}

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = { PLANNED: 'Planned', HELD: 'Held', CANCELLED: 'Cancelled' };

const MEETING_STATUS_COLOURS: Record<MeetingStatus, TagColour | undefined> = { PLANNED: undefined, HELD: 'green', CANCELLED: 'grey' };

/** A meeting's status as a tag with its word: Planned, Held or Cancelled. */
export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  return <Tag colour={MEETING_STATUS_COLOURS[status]}>{MEETING_STATUS_LABELS[status]}</Tag>;
}

export const REPORT_PROGRESS_LABELS: Record<ReportProgress, string> = {
  NOT_SUBMITTED: 'Not submitted',
  DRAFT: 'Draft',
  RETURNED: 'Returned',
  SUBMITTED: 'Submitted',
  ACCEPTED: 'Accepted',
};

const REPORT_PROGRESS_COLOURS: Record<ReportProgress, TagColour | undefined> = {
  NOT_SUBMITTED: 'grey',
  DRAFT: 'yellow',
  RETURNED: 'orange',
  SUBMITTED: undefined,
  ACCEPTED: 'green',
};

/** Where a report stands, as a tag with its word (a report's status is one of its progress values). */
export function ReportProgressTag({ progress }: { progress: ReportProgress | ReportStatus }) {
  return <Tag colour={REPORT_PROGRESS_COLOURS[progress]}>{REPORT_PROGRESS_LABELS[progress]}</Tag>;
}

/** "Late", for a report submitted after its meeting's report deadline. */
export function LateTag() {
  return <Tag colour="red">Late</Tag>;
}

/**
 * A meeting's place: a web address becomes a link (only http and https, so a stored
 * `javascript:` address can never run), anything else is shown as written.
 */
export function MeetingPlace({ location }: { location: string | null | undefined }) {
  const place = location?.trim();
  if (!place) return <>Not set</>;
  if (/^https?:\/\/\S+$/i.test(place)) {
    return (
      <a className="govuk-link" href={place} rel="noopener noreferrer" target="_blank" style={{ overflowWrap: 'anywhere' }}>
        {place} (opens in new tab)
      </a>
    );
  }
  return <span style={{ overflowWrap: 'anywhere' }}>{place}</span>;
}

// ---- London times --------------------------------------------------------------------------

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function londonParts(at: Date): { day: string; time: string; asUtc: number } {
  const p = LONDON_PARTS.formatToParts(at);
  const n = (t: Intl.DateTimeFormatPartTypes) => p.find((x) => x.type === t)?.value ?? '00';
  const day = `${n('year')}-${n('month')}-${n('day')}`;
  const time = `${n('hour')}:${n('minute')}`;
  return { day, time, asUtc: Date.parse(`${day}T${time}:00Z`) };
}

/** A timestamp as its day (`YYYY-MM-DD`) and time (`HH:MM`) in Europe/London. */
export function londonDayAndTime(iso: string): { day: string; time: string } {
  const { day, time } = londonParts(new Date(iso));
  return { day, time };
}

/**
 * The UTC instant (ISO) of a wall-clock time on a day in Europe/London. Null for a time the
 * clocks skip when they go forward (such as 1:30am on the last Sunday in March).
 */
export function londonToUtc(day: string, time: string): string | null {
  const wall = Date.parse(`${day}T${time}:00Z`);
  // The offset at a first guess, then again at the corrected instant, settles either side of a clock change.
  let at = wall - (londonParts(new Date(wall)).asUtc - wall);
  at = wall - (londonParts(new Date(at)).asUtc - at);
  const check = londonParts(new Date(at));
  return check.day === day && check.time === time ? new Date(at).toISOString() : null;
}

/**
 * A time of day as people type it: "14:00", "9:30", "2pm", "2:30pm", "midday" or "noon".
 * Returns `HH:MM` (24-hour clock), or null when it is not a real time.
 */
export function parseTime(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '').replace(/\./g, ':');
  if (t === 'midday' || t === 'noon') return '12:00';
  if (t === 'midnight') return '00:00';
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (m[2] === undefined && !m[3]) return null;
  if (min > 59) return null;
  if (m[3]) {
    if (h < 1 || h > 12) return null;
    if (m[3] === 'am' && h === 12) h = 0;
    else if (m[3] === 'pm' && h !== 12) h += 12;
  } else if (h > 23) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
