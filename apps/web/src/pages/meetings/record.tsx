/**
 * /meetings/:id/record: after the meeting the secretariat records who came and what was said.
 * Attendance lists everyone active in the partnership by agency, with Present, Apologies and
 * Absent for each person (no choice: not recorded), saved at once as the meeting's record
 * (setAttendance replaces it). Then each agenda item has its minutes and decisions, saved an
 * item at a time with the version read: if someone else saved that item meanwhile, what they
 * wrote is shown beside what was typed here, which is kept, to be saved again.
 */
import { Fragment, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, ErrorSummary, Textarea, errorsFrom, type Errors } from '../../components/forms';
import { Loaded, MultilineText, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { MeetingBreadcrumbs, meetingName } from './common';
import type { AttendanceStatus, RecordMeetingQuery } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, type UserSummary } from '../admin/board-common';
import { DoneBanner, done, type Done } from '../notifications/common';
import { ATTENDANCE_LABELS, ATTENDANCE_ORDER, agendaTree, attendanceCounts, byAgency, itemName, type AgendaItem } from './agenda-common';

const RecordMeetingDocument = graphql(`
  query RecordMeeting($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
      agenda {
        ...AgendaItemFields
      }
      attendance {
        userId
        name
        agencyId
        agencyName
        status
      }
    }
  }
`);

const SetAttendanceDocument = graphql(`
  mutation SetAttendance($input: SetAttendanceInput!) {
    setAttendance(input: $input) {
      userId
      name
      agencyId
      agencyName
      status
    }
  }
`);

const RecordMinutesDocument = graphql(`
  mutation RecordMinutes($input: RecordMinutesInput!) {
    recordMinutes(input: $input) {
      ...AgendaItemFields
    }
  }
`);

type Meeting = RecordMeetingQuery['meeting'];
type Attendance = Meeting['attendance'][number];

interface Person {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
}

/** The error summary's target for a person's row: their first radio. */
const personField = (userId: string) => `att-${userId}`;

export function RecordMeetingPage() {
  usePageTitle('Attendance and minutes');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const [data, users] = await Promise.all([gql(RecordMeetingDocument, { id }), loadAllUsers('ACTIVE')]);
    return { meeting: data.meeting, users };
  }, [id]);
  return <Loaded query={q}>{(d) => <RecordMeeting key={d.meeting.id} meeting={d.meeting} users={d.users} />}</Loaded>;
}

function RecordMeeting({ meeting: m, users }: { meeting: Meeting; users: UserSummary[] }) {
  const title = meetingName(m);
  const [attErrors, setAttErrors] = useState<Errors>({});
  const [minErrors, setMinErrors] = useState<Errors>({});
  const errors = { ...attErrors, ...minErrors };
  usePageTitle(`Attendance and minutes: ${title}`, Object.keys(errors).length > 0);
  const [message, setMessage] = useState<Done>();
  const cancelled = m.status === 'CANCELLED';

  return (
    <>
      <MeetingBreadcrumbs meeting={m} />
      <DoneBanner done={message} id="record-done" />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{title}</span>
      <h1 className="govuk-heading-l">Attendance and minutes</h1>
      {cancelled ? (
        <p className="govuk-body" id="record-cancelled">
          This meeting was cancelled, so there is nothing to record.
        </p>
      ) : (
        <>
          <AttendanceForm
            meeting={m}
            users={users}
            errors={attErrors}
            setErrors={(e) => {
              setAttErrors(e);
              setMinErrors({});
            }}
            onSaved={(rows) =>
              setMessage(done('Attendance saved', rows.length ? `${attendanceCounts(rows)}.` : 'No one is recorded for this meeting.'))
            }
          />
          <h2 className="govuk-heading-m govuk-!-margin-top-8" id="minutes-heading">
            Minutes and decisions
          </h2>
          {m.agenda.length === 0 ? (
            <p className="govuk-body" id="minutes-none">
              The agenda has no items, so there is nothing to minute.{' '}
              <Link className="govuk-link" to={`/meetings/${m.id}/agenda`}>
                Build the agenda
              </Link>
              .
            </p>
          ) : (
            <>
              <p className="govuk-body">
                Save each item&apos;s minutes as you go. Everyone in the partnership can read them on the meeting&apos;s page.
              </p>
              {agendaTree(m.agenda)
                .flatMap((t) => [t.item, ...t.children])
                .map((item) => (
                  <MinutesForm
                    key={item.id}
                    item={item}
                    errors={minErrors}
                    setErrors={(e) => {
                      setMinErrors(e);
                      setAttErrors({});
                    }}
                  />
                ))}
            </>
          )}
        </>
      )}
      <p className="govuk-body govuk-!-margin-top-6">
        <Link className="govuk-link" to={`/meetings/${m.id}`}>
          Back to the meeting
        </Link>
      </p>
    </>
  );
}

// ---- attendance --------------------------------------------------------------------------------

function AttendanceForm({
  meeting: m,
  users,
  errors,
  setErrors,
  onSaved,
}: {
  meeting: Meeting;
  users: UserSummary[];
  errors: Errors;
  setErrors: (e: Errors) => void;
  onSaved: (rows: Attendance[]) => void;
}) {
  const [choices, setChoices] = useState<Record<string, AttendanceStatus>>(() =>
    Object.fromEntries(m.attendance.map((a) => [a.userId, a.status])),
  );
  const [busy, setBusy] = useState(false);
  // Everyone active, and anyone already recorded who is no longer.
  const people: Person[] = users.map((u) => ({ id: u.id, name: u.name, agencyId: u.agency.id, agencyName: u.agency.name }));
  for (const a of m.attendance) {
    if (!people.some((p) => p.id === a.userId)) people.push({ id: a.userId, name: a.name, agencyId: a.agencyId, agencyName: a.agencyName });
  }
  const groups = byAgency(people);
  const names = new Map(people.map((p) => [p.id, p.name]));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    // In page order, so an error's index names its person.
    const entries = groups.flatMap((g) => g.people.filter((p) => choices[p.id]).map((p) => ({ userId: p.id, status: choices[p.id] })));
    try {
      const saved = (await gql(SetAttendanceDocument, { input: { meetingId: m.id, entries } })).setAttendance;
      setChoices(Object.fromEntries(saved.map((a) => [a.userId, a.status])));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const out: Errors = {};
        for (const [key, text] of Object.entries(errorsFrom(err.fields))) {
          const at = /^entries\[(\d+)\]/.exec(key);
          const entry = at ? entries[Number(at[1])] : undefined;
          if (entry) out[personField(entry.userId)] = `${names.get(entry.userId) ?? 'This person'}: ${text}`;
          else out.form = text;
        }
        setErrors(out);
      } else setErrors({ form: err instanceof Error ? err.message : 'Something went wrong. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  const clear = (userId: string) => {
    setChoices((c) => {
      const next = { ...c };
      delete next[userId];
      return next;
    });
    document.getElementById(personField(userId))?.focus();
  };

  return (
    <form onSubmit={submit} noValidate id="attendance-form">
      <h2 className="govuk-heading-m" id="attendance-heading">
        Attendance
      </h2>
      <p className="govuk-body">
        Everyone active in the partnership, by agency. Choose Present, Apologies or Absent for each person at the meeting; leave anyone not
        expected without a choice.
      </p>
      {groups.map((g) => (
        <table className="govuk-table govuk-table--small-text-until-tablet app-attendance" key={g.agencyId} data-agency={g.agencyName}>
          <caption className="govuk-table__caption govuk-table__caption--s">{g.agencyName}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              {ATTENDANCE_ORDER.map((s) => (
                <th scope="col" className="govuk-table__header govuk-table__cell--radio" key={s}>
                  {ATTENDANCE_LABELS[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {g.people.map((p) => {
              const field = personField(p.id);
              const error = errors[field];
              return (
                <tr className={`govuk-table__row${error ? ' app-attendance__row--error' : ''}`} key={p.id} data-person={p.name}>
                  <th scope="row" className="govuk-table__header">
                    {p.name}
                    {error && (
                      <p className="govuk-error-message govuk-!-margin-bottom-0" id={`${field}-error`}>
                        <span className="govuk-visually-hidden">Error:</span> {error}
                      </p>
                    )}
                    {choices[p.id] && (
                      <button
                        type="button"
                        className="app-link-button govuk-!-display-block govuk-!-font-size-16"
                        onClick={() => clear(p.id)}
                      >
                        Clear<span className="govuk-visually-hidden"> the choice for {p.name}</span>
                      </button>
                    )}
                  </th>
                  {ATTENDANCE_ORDER.map((s, i) => {
                    const id = i === 0 ? field : `${field}-${s.toLowerCase()}`;
                    return (
                      <td className="govuk-table__cell govuk-table__cell--radio" key={s}>
                        <div className="govuk-radios govuk-radios--small">
                          <div className="govuk-radios__item">
                            <input
                              className="govuk-radios__input"
                              id={id}
                              name={field}
                              type="radio"
                              value={s}
                              checked={choices[p.id] === s}
                              aria-describedby={error ? `${field}-error` : undefined}
                              onChange={() => setChoices((c) => ({ ...c, [p.id]: s }))}
                            />
                            <label className="govuk-label govuk-radios__label" htmlFor={id}>
                              <span className="govuk-visually-hidden">
                                {p.name}: {ATTENDANCE_LABELS[s]}
                              </span>
                            </label>
                          </div>
                        </div>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
      <Button busy={busy}>Save attendance</Button>
    </form>
  );
}

// ---- minutes -----------------------------------------------------------------------------------

function MinutesForm({ item: initial, errors, setErrors }: { item: AgendaItem; errors: Errors; setErrors: (e: Errors) => void }) {
  const [minutes, setMinutes] = useState(initial.minutes);
  const [decisions, setDecisions] = useState(initial.decisions);
  const [version, setVersion] = useState(initial.version);
  const [theirs, setTheirs] = useState<{ minutes: string; decisions: string } | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const name = itemName(initial);
  const minutesField = `minutes-${initial.id}`;
  const decisionsField = `decisions-${initial.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    setSaved('');
    try {
      const item = (await gql(RecordMinutesDocument, { input: { agendaItemId: initial.id, version, minutes, decisions } })).recordMinutes;
      setVersion(item.version);
      setMinutes(item.minutes);
      setDecisions(item.decisions);
      setTheirs(null);
      setSaved(`Minutes of item ${name} saved.`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        const current = err.extensions.current as Partial<AgendaItem> | undefined;
        if (current?.version !== undefined) setVersion(current.version);
        setTheirs({ minutes: current?.minutes ?? '', decisions: current?.decisions ?? '' });
        setErrors({
          [minutesField]: `Someone else saved the minutes of item ${name} since you opened this page, so yours have not been saved. Theirs are shown under the item: check yours against them, then save again.`,
        });
      } else if (err instanceof ApiError && err.fields.length) {
        const out: Errors = {};
        for (const [key, text] of Object.entries(errorsFrom(err.fields))) {
          if (key === 'minutes') out[minutesField] = text;
          else if (key === 'decisions') out[decisionsField] = text;
          else out.form = `Item ${name}: ${text}`;
        }
        setErrors(out);
      } else setErrors({ form: `Item ${name}: ${err instanceof Error ? err.message : 'Something went wrong. Try again.'}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="app-minutes" id={`minutes-form-${initial.id}`} data-item={initial.number}>
      <h3 className="govuk-heading-s">
        <span className="app-agenda__number">{initial.number}</span> {initial.title}
      </h3>
      {theirs && (
        <div className="govuk-inset-text" id={`theirs-${initial.id}`}>
          <h4 className="govuk-heading-s">As someone else saved it</h4>
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Minutes</p>
          {theirs.minutes.trim() ? <MultilineText text={theirs.minutes} /> : <p className="govuk-body">None</p>}
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Decisions</p>
          {theirs.decisions.trim() ? <MultilineText text={theirs.decisions} /> : <p className="govuk-body">None</p>}
        </div>
      )}
      <Textarea
        name={minutesField}
        label={`Minutes of item ${initial.number}`}
        rows={5}
        value={minutes}
        onChange={setMinutes}
        error={errors[minutesField]}
      />
      <Textarea
        name={decisionsField}
        label={`Decisions under item ${initial.number}`}
        hint="One decision a line."
        rows={3}
        value={decisions}
        onChange={setDecisions}
        error={errors[decisionsField]}
      />
      <Button secondary busy={busy}>
        Save minutes<span className="govuk-visually-hidden"> of item {name}</span>
      </Button>
      <p className="govuk-body app-saved" role="status" id={`minutes-saved-${initial.id}`}>
        {saved && (
          <Fragment>
            <strong className="govuk-tag govuk-tag--green">Saved</strong> {saved}
          </Fragment>
        )}
      </p>
    </form>
  );
}
