/**
 * The secretariat marks a planned meeting held or cancelled, or plans a cancelled one
 * again: one confirmation page per change (/meetings/:id/held, /cancel, /plan-again),
 * because a held meeting cannot be changed back.
 */
import { type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, useApiForm } from '../../components/forms';
import { WarningText } from '../../components/govuk';
import { Loaded, flash, formatCalendarDate, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { MeetingRowFragment, MeetingStatus } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { MEETING_STATUS_LABELS, MeetingPlace } from './common';

const MeetingStatusPageDocument = graphql(`
  query MeetingStatusPage($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
    }
  }
`);

const SetMeetingStatusDocument = graphql(`
  mutation SetMeetingStatus($input: SetMeetingStatusInput!) {
    setMeetingStatus(input: $input) {
      id
      status
    }
  }
`);

interface Change {
  from: MeetingStatus;
  title: string;
  button: string;
  done: string;
  explain: string;
  warning?: string;
}

const CHANGES: Record<'HELD' | 'CANCELLED' | 'PLANNED', Change> = {
  HELD: {
    from: 'PLANNED',
    title: 'Mark this meeting as held',
    button: 'Mark as held',
    done: 'Meeting marked as held',
    explain: 'Reports for it can still be read, commented on and reviewed.',
    warning: 'You cannot change a held meeting back to planned.',
  },
  CANCELLED: {
    from: 'PLANNED',
    title: 'Cancel this meeting',
    button: 'Cancel meeting',
    done: 'Meeting cancelled',
    explain:
      'Sub-groups will not be able to start or submit reports for a cancelled meeting. Reports already written stay as they are. You can plan the meeting again later.',
  },
  PLANNED: {
    from: 'CANCELLED',
    title: 'Plan this meeting again',
    button: 'Plan again',
    done: 'Meeting planned again',
    explain: 'Sub-groups will be able to start and submit reports for it again. Check the date, time and report deadline are still right.',
  },
};

export function MeetingStatusPage({ to }: { to: keyof typeof CHANGES }) {
  usePageTitle(CHANGES[to].title);
  const { id = '' } = useParams();
  const q = useQuery(async () => (await gql(MeetingStatusPageDocument, { id })).meeting, [id]);
  return (
    <Loaded query={q}>
      {(m) =>
        m.status === CHANGES[to].from ? (
          <Confirm key={m.id} meeting={m} to={to} />
        ) : (
          <>
            <BackLink to={`/meetings/${m.id}`} />
            <h1 className="govuk-heading-l">{CHANGES[to].title}</h1>
            <p className="govuk-body">
              This meeting is {MEETING_STATUS_LABELS[m.status].toLowerCase()}, so this change cannot be made now.
            </p>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/meetings/${m.id}`}>
                Go to the meeting
              </Link>
            </p>
          </>
        )
      }
    </Loaded>
  );
}

function Confirm({ meeting: m, to }: { meeting: MeetingRowFragment; to: keyof typeof CHANGES }) {
  const c = CHANGES[to];
  const form = useApiForm();
  const navigate = useNavigate();
  const back = `/meetings/${m.id}`;
  usePageTitle(c.title, form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(() => gql(SetMeetingStatusDocument, { input: { id: m.id, status: to } }));
    if (done) navigate(back, { state: flash(c.done) });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.errors} fields={[]} />
          <span className="govuk-caption-l">{m.title}</span>
          <h1 className="govuk-heading-l">{c.title}</h1>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Date and time</dt>
              <dd className="govuk-summary-list__value">{formatDateTime(m.startsAt)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Place or link</dt>
              <dd className="govuk-summary-list__value">
                <MeetingPlace location={m.location} />
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Report deadline</dt>
              <dd className="govuk-summary-list__value">{formatCalendarDate(m.reportDeadline)}</dd>
            </div>
          </dl>
          <p className="govuk-body">{c.explain}</p>
          {c.warning && <WarningText>{c.warning}</WarningText>}
          <form onSubmit={submit} noValidate>
            <div className="govuk-button-group">
              <Button busy={form.busy} warning={to === 'CANCELLED'}>
                {c.button}
              </Button>
              <Link className="govuk-link" to={back}>
                {to === 'CANCELLED' ? 'Keep the meeting' : 'Cancel'}
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
