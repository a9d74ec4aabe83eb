/**
 * /evidence/:id/review: the sub-group's chair (or the board secretariat) accepts submitted
 * evidence, or returns it to its author with a comment saying what needs to change.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { Loaded, MultilineText, flash, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { ConditionalRadios, EVIDENCE_KIND_LABELS, EvidenceStatusTag } from './common';
import { loadEvidence, type EvidenceData } from './evidence';

const AcceptEvidenceDocument = graphql(`
  mutation AcceptEvidence($input: EvidenceIdInput!) {
    acceptEvidence(input: $input) {
      id
      status
    }
  }
`);

const ReturnEvidenceDocument = graphql(`
  mutation ReturnEvidence($input: ReturnEvidenceInput!) {
    returnEvidence(input: $input) {
      id
      status
    }
  }
`);

export function ReviewEvidencePage() {
  usePageTitle('Review evidence');
  const { id = '' } = useParams();
  const q = useQuery(() => loadEvidence(id), [id]);
  return <Loaded query={q}>{(e) => <Review key={e.id} evidence={e} reload={q.reload} />}</Loaded>;
}

const FIELDS = ['decision', 'comment'];

function Review({ evidence: e, reload }: { evidence: EvidenceData; reload: () => void }) {
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  const navigate = useNavigate();
  const back = `/evidence/${e.id}`;
  const heading = 'Review evidence';
  usePageTitle(heading, form.hasErrors);

  if (!e.canReview) {
    return (
      <>
        <BackLink to={back} />
        <ErrorSummary errors={errors} fields={[]} />
        <span className="govuk-caption-l">{e.title}</span>
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body" id="not-reviewable">
          {e.status === 'SUBMITTED' || e.status === 'RESUBMITTED'
            ? 'Only the sub-group’s chair and the board secretariat can review this evidence.'
            : 'This evidence is not waiting for review: only submitted evidence can be accepted or returned.'}
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to={back}>
            Go to the evidence
          </Link>
        </p>
      </>
    );
  }

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!decision) {
      form.setErrors({ decision: 'Select whether to accept the evidence or return it to the author' });
      return;
    }
    if (decision === 'RETURN' && !comment.trim()) {
      form.setErrors({ comment: 'Say what needs to change before the evidence can be accepted' });
      return;
    }
    if (decision === 'RETURN' && comment.trim().length > 5000) {
      form.setErrors({ comment: 'What needs to change must be 5,000 characters or fewer' });
      return;
    }
    const done = await form.run(async () => {
      try {
        return decision === 'ACCEPT'
          ? await gql(AcceptEvidenceDocument, { input: { id: e.id } })
          : await gql(ReturnEvidenceDocument, { input: { id: e.id, comment } });
      } catch (err) {
        // Someone else has reviewed it: the page shows where it is now.
        if (err instanceof ApiError && err.code === 'CONFLICT') reload();
        throw err;
      }
    });
    if (!done) return;
    if (decision === 'ACCEPT') navigate(back, { state: flash('Evidence accepted') });
    else
      navigate(back, {
        state: flash('Evidence returned to the author', 'They can see your comment, change the evidence and submit it again.'),
      });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fields={FIELDS} />
          <span className="govuk-caption-l">{e.subGroup.name}</span>
          <h1 className="govuk-heading-l">{heading}</h1>
          <dl className="govuk-summary-list" id="review-details">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Title</dt>
              <dd className="govuk-summary-list__value">{e.title}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Status</dt>
              <dd className="govuk-summary-list__value">
                <EvidenceStatusTag status={e.status} />
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Kind</dt>
              <dd className="govuk-summary-list__value">{EVIDENCE_KIND_LABELS[e.kind]}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Added by</dt>
              <dd className="govuk-summary-list__value">
                {e.createdBy.name} ({e.agency.name})
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Submitted</dt>
              <dd className="govuk-summary-list__value">
                {e.submittedAt ? `${e.submittedBy ? `${e.submittedBy.name}, ` : ''}${formatDateTime(e.submittedAt)}` : 'Not yet'}
              </dd>
            </div>
          </dl>
          <h2 className="govuk-heading-s">What it shows</h2>
          <div className="govuk-inset-text" id="review-narrative" style={{ overflowWrap: 'anywhere' }}>
            {e.narrative.trim() ? <MultilineText text={e.narrative} /> : <p className="govuk-body">No narrative.</p>}
          </div>
          <p className="govuk-body">
            <Link className="govuk-link" to={back}>
              Read the whole evidence, with its linked actions and attachments,
            </Link>{' '}
            before you decide.
          </p>
          <form onSubmit={submit} noValidate>
            <ConditionalRadios
              name="decision"
              label={<h2 className="govuk-fieldset__heading">What do you want to do?</h2>}
              legendClassName="govuk-fieldset__legend--m"
              value={decision}
              onChange={setDecision}
              error={errors.decision}
              options={[
                { value: 'ACCEPT', label: 'Accept', hint: 'It can then go into the sub-group’s highlight report.' },
                {
                  value: 'RETURN',
                  label: 'Return to the author',
                  hint: 'They can change it and submit it again.',
                  conditional: (
                    <Textarea
                      name="comment"
                      label="What needs to change?"
                      hint="The author and everyone who can see the evidence can read this."
                      rows={5}
                      value={comment}
                      onChange={setComment}
                      error={errors.comment}
                    />
                  ),
                },
              ]}
            />
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
