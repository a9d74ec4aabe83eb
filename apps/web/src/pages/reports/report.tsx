/**
 * /reports/:id: a sub-group's highlight report to a board meeting: what it says, the
 * evidence it links, the work plan status frozen when it was submitted (or, for those who
 * may submit it, what submitting now would freeze), and comments.
 */
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { NotificationBanner } from '../../components/govuk';
import { FlashBanner, Loaded, MultilineText, formatCalendarDate, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { ReportPageQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { Breadcrumbs, LinkButton } from '../workplans/common';
import { LateTag, ReportProgressTag } from '../meetings/common';
import { ReportComments } from './comments';
import { SnapshotView, meetingLabel, reportTitle } from './common';

const ReportPageDocument = graphql(`
  query ReportPage($id: ID!) {
    highlightReport(id: $id) {
      ...ReportHeader
      summary
      achievements
      risksAndIssues
      asksOfBoard
      returnComment
      reviewedAt
      createdAt
      updatedAt
      createdBy {
        id
        name
      }
      submittedBy {
        id
        name
      }
      reviewedBy {
        id
        name
      }
      evidence {
        id
        title
        agency {
          id
          name
        }
      }
      snapshot {
        ...ReportSnapshotFields
      }
      previewSnapshot {
        ...ReportSnapshotFields
      }
      comments {
        id
        body
        createdAt
        author {
          id
          name
          agency {
            id
            name
          }
        }
      }
    }
  }
`);

export type ReportData = ReportPageQuery['highlightReport'];

export async function loadReport(id: string): Promise<ReportData> {
  return (await gql(ReportPageDocument, { id })).highlightReport;
}

export function ReportPage() {
  usePageTitle('Highlight report');
  const { id = '' } = useParams();
  const q = useQuery(() => loadReport(id), [id]);
  return <Loaded query={q}>{(r) => <ReportView key={r.id} report={r} reload={q.reload} />}</Loaded>;
}

const SECTIONS = [
  ['summary', 'Summary'],
  ['achievements', 'Achievements'],
  ['risksAndIssues', 'Risks and issues'],
  ['asksOfBoard', 'Asks of the board'],
] as const;

function ReportView({ report: r, reload }: { report: ReportData; reload: () => void }) {
  const title = reportTitle(r);
  const [commentErrors, setCommentErrors] = useState(false);
  usePageTitle(title, commentErrors);
  const editable = r.status === 'DRAFT' || r.status === 'RETURNED';
  const row = (key: string, value: ReactNode) => (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
  const showPreview = r.canSubmit && r.previewSnapshot;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/meetings', label: 'Board meetings' },
          { to: `/meetings/${r.meeting.id}`, label: meetingLabel(r.meeting) },
        ]}
      />
      <FlashBanner />
      {r.status === 'RETURNED' && r.returnComment && (
        <NotificationBanner title="Returned" heading="The board secretariat returned this report to the sub-group">
          <p className="govuk-body govuk-!-margin-bottom-2">What needs to change:</p>
          <div id="return-comment">
            <MultilineText text={r.returnComment} />
          </div>
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{meetingLabel(r.meeting)}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body" id="report-status">
        <ReportProgressTag progress={r.status} />
        {r.late && (
          <>
            {' '}
            <LateTag />
          </>
        )}
      </p>

      {(r.canEdit || r.canSubmit || r.canReview) && (
        <div className="govuk-button-group">
          {r.canSubmit && (
            <LinkButton to={`/reports/${r.id}/submit`}>{r.status === 'RETURNED' ? 'Submit again' : 'Submit to the board'}</LinkButton>
          )}
          {r.canEdit && (
            <LinkButton secondary to={`/reports/${r.id}/change`}>
              Change report
            </LinkButton>
          )}
          {r.canReview && <LinkButton to={`/reports/${r.id}/review`}>Review report</LinkButton>}
        </div>
      )}

      <dl className="govuk-summary-list" id="report-details">
        {row(
          'Meeting',
          <Link className="govuk-link" to={`/meetings/${r.meeting.id}`}>
            {meetingLabel(r.meeting)}
          </Link>,
        )}
        {row('Sub-group', r.subGroup.name)}
        {row('Report deadline', formatCalendarDate(r.meeting.reportDeadline))}
        {row(
          'Submitted',
          r.submittedAt ? (
            <>
              {`${formatDateTime(r.submittedAt)}${r.submittedBy ? ` by ${r.submittedBy.name}` : ''}`}
              {r.late && (
                <span className="govuk-!-display-block govuk-!-margin-top-1">
                  <LateTag /> after the report deadline
                </span>
              )}
            </>
          ) : (
            'Not yet'
          ),
        )}
        {r.reviewedAt &&
          row(
            r.status === 'RETURNED' ? 'Returned' : r.status === 'ACCEPTED' ? 'Accepted' : 'Last reviewed',
            `${formatDateTime(r.reviewedAt)}${r.reviewedBy ? ` by ${r.reviewedBy.name}` : ''}`,
          )}
        {row('Started', `${formatDateTime(r.createdAt)} by ${r.createdBy.name}`)}
      </dl>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {SECTIONS.map(([field, heading]) => (
            <section key={field} aria-labelledby={`${field}-heading`} id={`report-${field}`}>
              <h2 className="govuk-heading-m" id={`${field}-heading`}>
                {heading}
              </h2>
              {r[field].trim() ? (
                <MultilineText text={r[field]} />
              ) : (
                <p className="govuk-body govuk-hint">{editable ? 'Not written yet.' : 'None.'}</p>
              )}
            </section>
          ))}

          <h2 className="govuk-heading-m">Linked evidence</h2>
          {r.evidence.length ? (
            <ul className="govuk-list govuk-list--bullet" id="linked-evidence">
              {r.evidence.map((e) => (
                <li key={e.id}>
                  <Link className="govuk-link" to={`/evidence/${e.id}`}>
                    {e.title}
                  </Link>{' '}
                  <span className="govuk-hint govuk-!-font-size-16">({e.agency.name})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body" id="linked-evidence">
              No evidence is linked
              {editable && r.canEdit ? ' yet: link the sub-group’s accepted evidence when you change the report.' : '.'}
            </p>
          )}
        </div>
      </div>

      {showPreview && r.previewSnapshot ? (
        <section aria-labelledby="snapshot-heading" id="work-plan-status">
          <h2 className="govuk-heading-m" id="snapshot-heading">
            Work plan status: what will be frozen when you submit
          </h2>
          <div className="govuk-inset-text">
            This is the sub-group&apos;s work plan as it stands now. When the report is submitted, these figures and actions are frozen into
            it, and later changes to the actions do not alter it.
            {r.snapshot && ' It replaces the status frozen when the report was last submitted.'}
          </div>
          <SnapshotView snapshot={r.previewSnapshot} id="preview-snapshot" />
        </section>
      ) : r.snapshot ? (
        <section aria-labelledby="snapshot-heading" id="work-plan-status">
          <h2 className="govuk-heading-m" id="snapshot-heading">
            Work plan status when submitted
          </h2>
          <p className="govuk-body">Frozen on {formatDateTime(r.snapshot.takenAt)}: later changes to the actions do not alter it.</p>
          <SnapshotView snapshot={r.snapshot} id="snapshot" />
        </section>
      ) : null}

      <ReportComments report={r} reload={reload} onErrorsChange={setCommentErrors} />
    </>
  );
}
