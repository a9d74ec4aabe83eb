/**
 * Scheduling a board meeting and changing one (the secretariat). The date and time are
 * asked for in UK time and sent to the api as a UTC instant; the report deadline is a
 * calendar day on or before the meeting's day.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { DateField, EMPTY_DATE, checkDate, datePartsFrom, withDateTargets, type DatePart, type DateParts } from '../../components/dates';
import { Button, ErrorSummary, TextInput, useApiForm, type Errors } from '../../components/forms';
import { Loaded, flash, formatCalendarDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { MeetingRowFragment } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { useFocusHash } from '../admin/board-common';
import { BackLink, onlyFields } from '../admin/shared';
import { londonDayAndTime, londonToUtc, parseTime } from './common';

const MeetingEditDocument = graphql(`
  query MeetingEdit($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
    }
  }
`);

const CreateMeetingDocument = graphql(`
  mutation CreateMeeting($input: CreateMeetingInput!) {
    createMeeting(input: $input) {
      id
      title
    }
  }
`);

const UpdateMeetingDocument = graphql(`
  mutation UpdateMeeting($input: UpdateMeetingInput!) {
    updateMeeting(input: $input) {
      id
      title
    }
  }
`);

export const DEFAULT_MEETING_TITLE = 'Partnership board meeting';

interface MeetingValues {
  title: string;
  date: DateParts;
  time: string;
  location: string;
  reportDeadline: DateParts;
}

/** The form's fields in page order: the error summary lists problems in this order. */
const FIELDS = ['title', 'date', 'time', 'location', 'reportDeadline'];
const DATE_FIELDS = ['date', 'reportDeadline'];

interface Checked {
  errors: Errors;
  parts: Record<string, DatePart[]>;
  startsAt: string | null;
  reportDeadline: string | null;
}

function checkMeeting(v: MeetingValues): Checked {
  const errors: Errors = {};
  const parts: Record<string, DatePart[]> = {};
  if (!v.title.trim()) errors.title = 'Enter a title for the meeting';
  const date = checkDate('Date of the meeting', v.date, 'Enter the date of the meeting');
  if (date.problem) {
    errors.date = date.problem.message;
    parts.date = date.problem.parts;
  }
  const time = v.time.trim() ? parseTime(v.time) : null;
  if (!v.time.trim()) errors.time = 'Enter the time the meeting starts';
  else if (!time) errors.time = 'Enter the time the meeting starts as a real time, for example 14:00';
  let startsAt: string | null = null;
  if (date.value && time) {
    startsAt = londonToUtc(date.value, time);
    if (!startsAt) errors.time = 'That time does not exist in the UK on that day, because the clocks go forward: enter another time';
  }
  const deadline = checkDate('Report deadline', v.reportDeadline, 'Enter the date sub-group reports are due');
  if (deadline.problem) {
    errors.reportDeadline = deadline.problem.message;
    parts.reportDeadline = deadline.problem.parts;
  } else if (date.value && deadline.value && deadline.value > date.value) {
    errors.reportDeadline = `The report deadline must be on or before the day of the meeting (${formatCalendarDate(date.value)})`;
    parts.reportDeadline = ['day', 'month', 'year'];
  }
  const ordered: Errors = {};
  for (const k of FIELDS) if (errors[k]) ordered[k] = errors[k];
  return { errors: ordered, parts, startsAt, reportDeadline: deadline.value };
}

/** The api's field names for this form's: its `startsAt` is the date (and time) box. */
function formErrors(errors: Errors): Errors {
  const out: Errors = {};
  for (const [k, v] of Object.entries(errors)) out[k === 'startsAt' ? 'date' : k] = v;
  return out;
}

// ---- pages ---------------------------------------------------------------------------------

/** /meetings/new */
export function NewMeetingPage() {
  return <MeetingForm initial={{ title: DEFAULT_MEETING_TITLE, date: EMPTY_DATE, time: '', location: '', reportDeadline: EMPTY_DATE }} />;
}

/** /meetings/:id/change */
export function ChangeMeetingPage() {
  usePageTitle('Change meeting details');
  const { id = '' } = useParams();
  const q = useQuery(async () => (await gql(MeetingEditDocument, { id })).meeting, [id]);
  return <Loaded query={q}>{(m) => <MeetingForm key={m.id} meeting={m} initial={valuesFrom(m)} />}</Loaded>;
}

function valuesFrom(m: MeetingRowFragment): MeetingValues {
  const { day, time } = londonDayAndTime(m.startsAt);
  return {
    title: m.title,
    date: datePartsFrom(day),
    time,
    location: m.location ?? '',
    reportDeadline: datePartsFrom(m.reportDeadline),
  };
}

function MeetingForm({ meeting, initial }: { meeting?: MeetingRowFragment; initial: MeetingValues }) {
  const [v, setValues] = useState<MeetingValues>(initial);
  const [parts, setParts] = useState<Record<string, DatePart[]>>({});
  const form = useApiForm();
  const errors = onlyFields(formErrors(form.errors), FIELDS);
  const navigate = useNavigate();
  const heading = meeting ? 'Change meeting details' : 'Schedule a meeting';
  const back = meeting ? `/meetings/${meeting.id}` : '/meetings';
  usePageTitle(heading, form.hasErrors);
  useFocusHash();

  const set =
    <K extends keyof MeetingValues>(k: K) =>
    (value: MeetingValues[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = checkMeeting(v);
    if (Object.keys(c.errors).length) {
      setParts(c.parts);
      form.setErrors(c.errors);
      return;
    }
    setParts({});
    const fields = {
      title: v.title.trim(),
      startsAt: c.startsAt as string,
      location: v.location.trim(),
      reportDeadline: c.reportDeadline as string,
    };
    if (meeting) {
      const done = await form.run(() => gql(UpdateMeetingDocument, { input: { id: meeting.id, ...fields } }));
      if (done) navigate(`/meetings/${meeting.id}`, { state: flash('Meeting details saved') });
    } else {
      const done = await form.run(() => gql(CreateMeetingDocument, { input: { ...fields, location: fields.location || null } }));
      if (done) navigate(`/meetings/${done.createMeeting.id}`, { state: flash('Meeting scheduled', done.createMeeting.title) });
    }
  };

  const dateParts = Object.fromEntries(
    DATE_FIELDS.filter((k) => errors[k]).map((k) => [k, parts[k] ?? (['day', 'month', 'year'] as DatePart[])]),
  );

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={withDateTargets(errors, dateParts)} />
          <h1 className="govuk-heading-l">{heading}</h1>
          <form onSubmit={submit} noValidate>
            <TextInput name="title" label="Title" value={v.title} onChange={set('title')} error={errors.title} />
            <DateField
              name="date"
              legend="Date of the meeting"
              hint="For example, 17 9 2026"
              value={v.date}
              onChange={set('date')}
              error={errors.date}
              errorParts={dateParts.date}
            />
            <TextInput
              name="time"
              label="Start time"
              hint="UK time, on the 24-hour clock. For example, 14:00 or 09:30"
              width="10"
              spellCheck={false}
              value={v.time}
              onChange={set('time')}
              error={errors.time}
            />
            <TextInput
              name="location"
              label="Place or link (optional)"
              hint="Where the meeting is held, or the link to join it online."
              width="full"
              value={v.location}
              onChange={set('location')}
              error={errors.location}
            />
            <DateField
              name="reportDeadline"
              legend="Report deadline"
              hint="The day sub-group highlight reports are due: on or before the day of the meeting. Reports sent after it are marked late. For example, 3 9 2026"
              value={v.reportDeadline}
              onChange={set('reportDeadline')}
              error={errors.reportDeadline}
              errorParts={dateParts.reportDeadline}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>{meeting ? 'Save changes' : 'Schedule meeting'}</Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
