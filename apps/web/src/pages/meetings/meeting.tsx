/**
 * /meetings/:id: a meeting's schedule and where each sub-group's highlight report for it
 * stands. The secretariat changes the meeting and its status from here; a sub-group's chair
 * (or the secretariat) starts the sub-group's report.
 */
import { type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { todayInLondon } from '../../components/dates';
import { ErrorSummary, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, flash, formatCalendarDate, formatDate, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { MeetingPageQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { Breadcrumbs, LinkButton, canLeadSubGroup } from '../workplans/common';
import { LateTag, MeetingPlace, MeetingStatusTag, ReportProgressTag } from './common';

const MeetingPageDocument = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
      reportStatuses {
        progress
        subGroup {
          id
          name
        }
        report {
          id
          status
          submittedAt
          late
        }
      }
    }
  }
`);

const StartHighlightReportDocument = graphql(`
  mutation StartHighlightReport($input: CreateHighlightReportInput!) {
    createHighlightReport(input: $input) {
      id
    }
  }
`);

type MeetingData = MeetingPageQuery['meeting'];

export function MeetingPage() {
  usePageTitle('Meeting');
  const { id = '' } = useParams();
  const q = useQuery(async () => (await gql(MeetingPageDocument, { id })).meeting, [id]);
  return <Loaded query={q}>{(m) => <MeetingView key={m.id} meeting={m} />}</Loaded>;
}

function MeetingView({ meeting: m }: { meeting: MeetingData }) {
  const { me } = useAuth();
  const secretariat = me?.role === 'SECRETARIAT';
  const form = useApiForm();
  const navigate = useNavigate();
  const title = `${m.title}, ${formatDate(m.startsAt)}`;
  usePageTitle(title, form.hasErrors);

  const start = async (subGroupId: string) => {
    const done = await form.run(() => gql(StartHighlightReportDocument, { input: { meetingId: m.id, subGroupId } }));
    if (done)
      navigate(`/reports/${done.createHighlightReport.id}/change`, {
        state: flash('Report started', 'Write the report, then submit it to the board.'),
      });
  };

  const row = (key: string, value: ReactNode, change?: string) => (
    <div className={`govuk-summary-list__row${secretariat ? '' : ' govuk-summary-list__row--no-actions'}`}>
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
      {secretariat && (
        <dd className="govuk-summary-list__actions">
          {change && (
            <Link className="govuk-link" to={`/meetings/${m.id}/change#${change}`}>
              Change<span className="govuk-visually-hidden"> {key.toLowerCase()}</span>
            </Link>
          )}
        </dd>
      )}
    </div>
  );

  const deadlinePassed = todayInLondon() > m.reportDeadline;
  const mayStart = m.status !== 'CANCELLED';

  return (
    <>
      <Breadcrumbs items={[{ to: '/meetings', label: 'Board meetings' }]} />
      <ErrorSummary errors={form.errors} fields={[]} />
      <FlashBanner />
      <span className="govuk-caption-l">Board meeting</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <dl className="govuk-summary-list" id="meeting-details">
        {row('Title', m.title, 'title')}
        {row('Date and time', `${formatDateTime(m.startsAt)} (UK time)`, 'date-day')}
        {row('Place or link', <MeetingPlace location={m.location} />, 'location')}
        {row(
          'Report deadline',
          <>
            {formatCalendarDate(m.reportDeadline)}
            {deadlinePassed && m.status === 'PLANNED' && (
              <span className="govuk-!-display-block govuk-hint govuk-!-margin-bottom-0">Passed: reports sent now are marked late.</span>
            )}
          </>,
          'reportDeadline-day',
        )}
        {row('Status', <MeetingStatusTag status={m.status} />)}
      </dl>

      {secretariat && (
        <div className="govuk-button-group">
          {m.status === 'PLANNED' && (
            <>
              <LinkButton secondary to={`/meetings/${m.id}/held`}>
                Mark as held
              </LinkButton>
              <LinkButton warning to={`/meetings/${m.id}/cancel`}>
                Cancel meeting
              </LinkButton>
            </>
          )}
          {m.status === 'CANCELLED' && (
            <LinkButton secondary to={`/meetings/${m.id}/plan-again`}>
              Plan again
            </LinkButton>
          )}
        </div>
      )}

      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="reports-heading">
        Sub-group highlight reports
      </h2>
      {m.status === 'CANCELLED' && (
        <p className="govuk-body">This meeting was cancelled, so no reports can be started or submitted for it.</p>
      )}
      {m.reportStatuses.length === 0 ? (
        <p className="govuk-body" id="report-statuses">
          The partnership has no sub-groups yet.
        </p>
      ) : (
        <div role="region" aria-labelledby="report-statuses-caption" tabIndex={0} style={{ overflowX: 'auto' }}>
          <table className="govuk-table govuk-table--small-text-until-tablet" id="report-statuses" style={{ minWidth: '600px' }}>
            <caption className="govuk-table__caption govuk-visually-hidden" id="report-statuses-caption">
              Each sub-group&apos;s highlight report for this meeting
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header" style={{ width: '30%' }}>
                  Sub-group
                </th>
                <th scope="col" className="govuk-table__header">
                  Progress
                </th>
                <th scope="col" className="govuk-table__header">
                  Submitted
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Report</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {m.reportStatuses.map((s) => (
                <tr className="govuk-table__row" key={s.subGroup.id} data-sub-group={s.subGroup.name}>
                  <th scope="row" className="govuk-table__header">
                    {s.subGroup.name}
                  </th>
                  <td className="govuk-table__cell">
                    <ReportProgressTag progress={s.progress} />
                  </td>
                  <td className="govuk-table__cell">
                    {s.report?.submittedAt ? formatDate(s.report.submittedAt) : 'Not yet'}
                    {s.report?.late && (
                      <span className="govuk-!-display-block govuk-!-margin-top-1">
                        <LateTag />
                      </span>
                    )}
                  </td>
                  <td className="govuk-table__cell">
                    {s.report ? (
                      <Link className="govuk-link" to={`/reports/${s.report.id}`}>
                        View report<span className="govuk-visually-hidden"> from {s.subGroup.name}</span>
                      </Link>
                    ) : mayStart && canLeadSubGroup(me, s.subGroup.id) ? (
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        data-module="govuk-button"
                        disabled={form.busy}
                        aria-disabled={form.busy || undefined}
                        onClick={() => start(s.subGroup.id)}
                      >
                        Start the report<span className="govuk-visually-hidden"> for {s.subGroup.name}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
