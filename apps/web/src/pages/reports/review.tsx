/**
 * /reports/:id/review: the board secretariat accepts a submitted report for its meeting, or
 * returns it to the sub-group with a comment saying what needs to change.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Radios, Textarea, useApiForm } from '../../components/forms';
import { Loaded, MultilineText, flash, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { LateTag } from '../meetings/common';
import { meetingLabel, reportTitle } from './common';
import { loadReport, type ReportData } from './report';

const AcceptHighlightReportDocument = graphql(`
  mutation AcceptHighlightReport($input: HighlightReportIdInput!) {
    acceptHighlightReport(input: $input) {
      id
      status
    }
  }
`);

const ReturnHighlightReportDocument = graphql(`
  mutation ReturnHighlightReport($input: ReturnHighlightReportInput!) {
    returnHighlightReport(input: $input) {
      id
      status
    }
  }
`);

export function ReviewReportPage() {
  usePageTitle('Review the report');
  const { id = '' } = useParams();
  const q = useQuery(() => loadReport(id), [id]);
  return <Loaded query={q}>{(r) => <Review key={r.id} report={r} />}</Loaded>;
}

const FIELDS = ['decision', 'comment'];

function Review({ report: r }: { report: ReportData }) {
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  const navigate = useNavigate();
  const back = `/reports/${r.id}`;
  const heading = `Review the ${reportTitle(r)}`;
  usePageTitle(heading, form.hasErrors);

  if (!r.canReview) {
    return (
      <>
        <BackLink to={back} />
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body">This report is not waiting for review: only a submitted report can be accepted or returned.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={back}>
            Go to the report
          </Link>
        </p>
      </>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!decision) {
      form.setErrors({ decision: 'Select whether to accept the report or return it to the sub-group' });
      return;
    }
    if (decision === 'RETURN' && !comment.trim()) {
      form.setErrors({ comment: 'Say what needs to change before the report can be accepted' });
      return;
    }
    if (decision === 'ACCEPT') {
      const done = await form.run(() => gql(AcceptHighlightReportDocument, { input: { id: r.id } }));
      if (done) navigate(back, { state: flash('Report accepted') });
    } else {
      const done = await form.run(() => gql(ReturnHighlightReportDocument, { input: { id: r.id, comment } }));
      if (done)
        navigate(back, {
          state: flash('Report returned to the sub-group', 'The chair can see your comment, change the report and submit it again.'),
        });
    }
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{meetingLabel(r.meeting)}</span>
          <h1 className="govuk-heading-l">{heading}</h1>
          <p className="govuk-body">
            Submitted {r.submittedAt ? formatDateTime(r.submittedAt) : ''}
            {r.submittedBy ? ` by ${r.submittedBy.name}` : ''}.
            {r.late && (
              <>
                {' '}
                <LateTag />
              </>
            )}
          </p>
          <h2 className="govuk-heading-s">Summary</h2>
          <div className="govuk-inset-text" id="review-summary">
            <MultilineText text={r.summary} />
          </div>
          <p className="govuk-body">
            <Link className="govuk-link" to={back}>
              Read the whole report
            </Link>{' '}
            before you decide.
          </p>
          <form onSubmit={submit} noValidate>
            <Radios
              name="decision"
              label="What do you want to do?"
              options={[
                { value: 'ACCEPT', label: 'Accept the report for the meeting' },
                { value: 'RETURN', label: 'Return it to the sub-group', hint: 'The chair can change it and submit it again.' },
              ]}
              value={decision}
              onChange={setDecision}
              error={errors.decision}
            />
            {decision === 'RETURN' && (
              <div className="govuk-inset-text">
                <Textarea
                  name="comment"
                  label="What needs to change?"
                  hint="The sub-group's chair sees this with the report."
                  rows={5}
                  value={comment}
                  onChange={setComment}
                  error={errors.comment}
                />
              </div>
            )}
            <div className="govuk-button-group">
              <Button busy={form.busy}>Confirm</Button>
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
