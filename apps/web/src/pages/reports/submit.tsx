/**
 * /reports/:id/submit: confirms sending the report to the board, showing the work plan
 * status that submitting freezes into it, and saying so when the report will be marked late.
 */
import { type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { todayInLondon } from '../../components/dates';
import { Button, ErrorSummary, useApiForm } from '../../components/forms';
import { WarningText } from '../../components/govuk';
import { Loaded, flash, formatCalendarDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { SnapshotView, meetingLabel, reportTitle } from './common';
import { loadReport, type ReportData } from './report';

const SubmitHighlightReportDocument = graphql(`
  mutation SubmitHighlightReport($input: HighlightReportIdInput!) {
    submitHighlightReport(input: $input) {
      id
      status
      late
    }
  }
`);

export function SubmitReportPage() {
  usePageTitle('Submit the report');
  const { id = '' } = useParams();
  const q = useQuery(() => loadReport(id), [id]);
  return <Loaded query={q}>{(r) => <SubmitReport key={r.id} report={r} />}</Loaded>;
}

function SubmitReport({ report: r }: { report: ReportData }) {
  const form = useApiForm();
  const navigate = useNavigate();
  const back = `/reports/${r.id}`;
  const heading = `Submit the ${reportTitle(r)}`;
  usePageTitle(heading, form.hasErrors);

  if (!r.canSubmit) {
    return (
      <>
        <BackLink to={back} />
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body">
          {r.status === 'SUBMITTED' || r.status === 'ACCEPTED'
            ? 'This report has already been submitted to the board.'
            : 'Only the sub-group’s chair or the board secretariat can submit this report.'}
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={back}>
            Go to the report
          </Link>
        </p>
      </>
    );
  }

  const late = todayInLondon() > r.meeting.reportDeadline;
  const noSummary = !r.summary.trim();
  const cancelled = r.meeting.status === 'CANCELLED';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(() => gql(SubmitHighlightReportDocument, { input: { id: r.id } }));
    if (done) {
      navigate(back, {
        state: flash(
          'Report submitted to the board',
          done.submitHighlightReport.late
            ? `It was marked late: the deadline was ${formatCalendarDate(r.meeting.reportDeadline)}.`
            : 'The work plan status is now frozen into it.',
        ),
      });
    }
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.errors} fields={[]} />
          <span className="govuk-caption-l">{meetingLabel(r.meeting)}</span>
          <h1 className="govuk-heading-l">{heading}</h1>
          {cancelled ? (
            <p className="govuk-body">This meeting has been cancelled, so the report cannot be submitted to it.</p>
          ) : noSummary ? (
            <>
              <p className="govuk-body" id="missing-summary">
                The report has no summary yet. Write one before you submit it.
              </p>
              <p className="govuk-body">
                <Link className="govuk-link" to={`/reports/${r.id}/change#summary`}>
                  Write the summary
                </Link>
              </p>
            </>
          ) : (
            <>
              <p className="govuk-body">
                The board secretariat will check the report, then accept it for the meeting or return it to you with a comment.
              </p>
              {late && (
                <WarningText>
                  The report deadline was {formatCalendarDate(r.meeting.reportDeadline)}. If you submit the report now, it will be marked
                  late.
                </WarningText>
              )}
              <WarningText>
                When you submit, the work plan status below is frozen into the report. Later changes to the actions will not change it, and
                you cannot change the report unless it is returned to you.
              </WarningText>
            </>
          )}
        </div>
      </div>

      {r.previewSnapshot && (
        <section aria-labelledby="preview-heading">
          <h2 className="govuk-heading-m" id="preview-heading">
            What will be frozen when you submit
          </h2>
          <SnapshotView snapshot={r.previewSnapshot} id="preview-snapshot" />
        </section>
      )}

      <form onSubmit={submit} noValidate>
        <div className="govuk-button-group">
          {!cancelled && !noSummary && <Button busy={form.busy}>Submit report</Button>}
          <Link className="govuk-link" to={back}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
