/**
 * /meetings: the board's meetings, upcoming first (soonest first) and then past ones
 * (most recent first). The secretariat schedules them here.
 */
import { Link } from 'react-router';
import { todayInLondon } from '../../components/dates';
import { FlashBanner, Loaded, formatCalendarDate, formatDateTime, loadAll, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { MeetingRowFragment } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { LinkButton } from '../workplans/common';
import { MeetingPlace, MeetingStatusTag, londonDayAndTime } from './common';

export const MeetingRowFragmentDoc = graphql(`
  fragment MeetingRow on Meeting {
    id
    title
    startsAt
    location
    reportDeadline
    status
    updatedAt
  }
`);

const MeetingsListDocument = graphql(`
  query MeetingsList($after: String) {
    meetings(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...MeetingRow
        }
      }
    }
  }
`);

async function loadMeetings(): Promise<{ upcoming: MeetingRowFragment[]; past: MeetingRowFragment[] }> {
  const all = await loadAll(async (after) => (await gql(MeetingsListDocument, { after })).meetings);
  // A meeting stays "upcoming" for the whole of its day in London.
  const today = todayInLondon();
  const upcoming = all.filter((m) => londonDayAndTime(m.startsAt).day >= today);
  const past = all.filter((m) => londonDayAndTime(m.startsAt).day < today).reverse();
  return { upcoming, past };
}

export function MeetingsPage() {
  usePageTitle('Board meetings');
  const { me } = useAuth();
  const q = useQuery(loadMeetings, []);
  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Board meetings</h1>
      <p className="govuk-body">
        Each meeting of the partnership board, when sub-group highlight reports for it are due, and which reports are in. Times are UK time.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/board-actions" id="board-actions-link">
          See the board’s actions
        </Link>
      </p>
      {me?.role === 'SECRETARIAT' && <LinkButton to="/meetings/new">Schedule a meeting</LinkButton>}
      <Loaded query={q}>
        {({ upcoming, past }) => (
          <>
            <h2 className="govuk-heading-m">Upcoming meetings</h2>
            {upcoming.length ? (
              <MeetingsTable id="upcoming-meetings" caption="Upcoming meetings, soonest first" meetings={upcoming} />
            ) : (
              <p className="govuk-body" id="upcoming-meetings">
                No meetings are scheduled.
              </p>
            )}
            <h2 className="govuk-heading-m govuk-!-margin-top-6">Past meetings</h2>
            {past.length ? (
              <MeetingsTable id="past-meetings" caption="Past meetings, most recent first" meetings={past} />
            ) : (
              <p className="govuk-body" id="past-meetings">
                No past meetings.
              </p>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

function MeetingsTable({ id, caption, meetings }: { id: string; caption: string; meetings: MeetingRowFragment[] }) {
  return (
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} style={{ overflowX: 'auto' }}>
      <table className="govuk-table govuk-table--small-text-until-tablet" id={id} style={{ minWidth: '680px' }}>
        <caption className="govuk-table__caption govuk-visually-hidden" id={`${id}-caption`}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header" style={{ width: '22%' }}>
              Date and time
            </th>
            <th scope="col" className="govuk-table__header">
              Meeting
            </th>
            <th scope="col" className="govuk-table__header" style={{ width: '24%' }}>
              Place or link
            </th>
            <th scope="col" className="govuk-table__header" style={{ width: '16%' }}>
              Reports due
            </th>
            <th scope="col" className="govuk-table__header" style={{ width: '12%' }}>
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {meetings.map((m) => (
            <tr className="govuk-table__row" key={m.id}>
              <td className="govuk-table__cell">{formatDateTime(m.startsAt)}</td>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/meetings/${m.id}`}>
                  {m.title}
                </Link>
              </th>
              <td className="govuk-table__cell">
                <MeetingPlace location={m.location} />
              </td>
              <td className="govuk-table__cell">{formatCalendarDate(m.reportDeadline)}</td>
              <td className="govuk-table__cell">
                <MeetingStatusTag status={m.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
