/**
 * /evidence/:id: one piece of evidence: its details, what it shows, the actions and
 * framework items it is evidence for, its attachments, and the comments on it. The
 * buttons to change it, submit it and review it show only where the api says the person
 * may (canEdit, canSubmit, canReview); the api refuses the rest.
 */
import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Comments } from '../../components/comments';
import { Button, ErrorSummary, useApiForm } from '../../components/forms';
import { NotificationBanner } from '../../components/govuk';
import { FlashBanner, Loaded, MultilineText, formatDateTime, useFreshDownloadLinks, useQuery } from '../../components/lists';
import { RagTag, StatusTag } from '../../components/rag';
import { describeSize, describeType } from '../../components/upload';
import { graphql } from '../../gql';
import type { EvidencePageQuery } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { useInPageFlash } from '../admin/board-common';
import { Breadcrumbs, LinkButton, itemLabel } from '../workplans/common';
import { EVIDENCE_KIND_LABELS, EVIDENCE_VISIBILITY_LABELS, EvidenceStatusTag } from './common';

const EvidencePageDocument = graphql(`
  query EvidencePage($id: ID!) {
    evidence(id: $id) {
      id
      title
      narrative
      kind
      status
      visibility
      returnComment
      createdAt
      updatedAt
      submittedAt
      reviewedAt
      version
      canEdit
      canSubmit
      canReview
      canComment
      subGroup {
        id
        name
      }
      agency {
        id
        name
      }
      createdBy {
        id
        name
        agency {
          id
          name
        }
      }
      submittedBy {
        id
        name
      }
      reviewedBy {
        id
        name
      }
      restrictedUsers {
        id
        name
        agency {
          id
          name
        }
      }
      actions {
        id
        title
        status
        displayRag
      }
      frameworkItems {
        id
        code
        title
      }
      attachments {
        id
        name
        contentType
        size
        downloadUrl
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

const SubmitEvidenceDocument = graphql(`
  mutation SubmitEvidence($input: EvidenceIdInput!) {
    submitEvidence(input: $input) {
      id
      status
      version
    }
  }
`);

const AddEvidenceCommentDocument = graphql(`
  mutation AddEvidenceComment($input: AddEvidenceCommentInput!) {
    addEvidenceComment(input: $input) {
      id
    }
  }
`);

export type EvidenceData = EvidencePageQuery['evidence'];

export async function loadEvidence(id: string): Promise<EvidenceData> {
  return (await gql(EvidencePageDocument, { id })).evidence;
}

export function EvidencePage() {
  usePageTitle('Evidence');
  const { id = '' } = useParams();
  const q = useQuery(() => loadEvidence(id), [id]);
  const { reload } = q;
  useFreshDownloadLinks(reload, true);
  return <Loaded query={q}>{(e) => <EvidenceView key={e.id} evidence={e} reload={reload} />}</Loaded>;
}

function EvidenceView({ evidence: e, reload }: { evidence: EvidenceData; reload: () => void }) {
  const form = useApiForm();
  const [commentErrors, setCommentErrors] = useState(false);
  const announce = useInPageFlash();
  usePageTitle(e.title, form.hasErrors || commentErrors);
  const onCommentErrors = useCallback((has: boolean) => setCommentErrors(has), []);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const resubmit = e.status === 'RETURNED';
    const done = await form.run(async () => {
      try {
        return await gql(SubmitEvidenceDocument, { input: { id: e.id } });
      } catch (err) {
        // It has moved on (someone else submitted it, or it was changed): show it as it is now.
        if (err instanceof ApiError && (err.code === 'CONFLICT' || err.code === 'FORBIDDEN')) reload();
        throw err;
      }
    });
    if (done) {
      reload();
      announce(resubmit ? 'Evidence submitted again for review' : 'Evidence submitted for review');
    }
  };

  const row = (key: string, value: ReactNode, id?: string) => (
    <div className="govuk-summary-list__row" id={id}>
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
  const who = (u: { name: string } | null | undefined, at: string | null | undefined) =>
    at ? `${u ? `${u.name}, ` : ''}${formatDateTime(at)}` : 'Not yet';
  const visibility =
    e.visibility === 'RESTRICTED'
      ? `${EVIDENCE_VISIBILITY_LABELS.RESTRICTED}${e.restrictedUsers.length ? `: ${e.restrictedUsers.map((u) => u.name).join(', ')}` : ''}, and the board secretariat`
      : EVIDENCE_VISIBILITY_LABELS[e.visibility];
  const showComments = e.status !== 'DRAFT' || e.comments.length > 0;

  return (
    <>
      <Breadcrumbs items={[{ to: '/evidence', label: 'Evidence' }]} />
      <ErrorSummary errors={form.errors} fields={[]} />
      <FlashBanner />
      {e.status === 'RETURNED' && e.returnComment && (
        <NotificationBanner title="Returned" heading={`${e.reviewedBy?.name ?? 'The sub-group’s chair'} returned this evidence`}>
          <p className="govuk-body govuk-!-margin-bottom-2">What needs to change:</p>
          <div id="return-comment">
            <MultilineText text={e.returnComment} />
          </div>
          {e.canEdit && <p className="govuk-body">Change the evidence, then submit it again.</p>}
        </NotificationBanner>
      )}
      <span className="govuk-caption-l">{e.subGroup.name}</span>
      <h1 className="govuk-heading-l">{e.title}</h1>
      <p className="govuk-body" id="evidence-status">
        <EvidenceStatusTag status={e.status} />
      </p>

      {(e.canEdit || e.canSubmit || e.canReview) && (
        <form onSubmit={submit} noValidate aria-label="Evidence actions">
          <div className="govuk-button-group">
            {e.canSubmit && <Button busy={form.busy}>{e.status === 'RETURNED' ? 'Resubmit for review' : 'Submit for review'}</Button>}
            {e.canReview && <LinkButton to={`/evidence/${e.id}/review`}>Review</LinkButton>}
            {e.canEdit && (
              <LinkButton secondary to={`/evidence/${e.id}/change`}>
                Change
              </LinkButton>
            )}
          </div>
        </form>
      )}

      <h2 className="govuk-heading-m">Details</h2>
      <dl className="govuk-summary-list" id="evidence-details">
        {row('Sub-group', e.subGroup.name)}
        {row('Agency', e.agency.name)}
        {row('Kind', EVIDENCE_KIND_LABELS[e.kind])}
        {row('Added by', `${e.createdBy.name} (${e.createdBy.agency.name}), ${formatDateTime(e.createdAt)}`)}
        {row('Submitted', who(e.submittedBy, e.submittedAt))}
        {row(
          e.status === 'RETURNED' ? 'Returned' : 'Reviewed',
          e.status === 'ACCEPTED' || e.status === 'RETURNED' ? who(e.reviewedBy, e.reviewedAt) : 'Not yet',
        )}
        {row('Who can see it', visibility)}
      </dl>

      <h2 className="govuk-heading-m">What it shows</h2>
      <div id="evidence-narrative" style={{ overflowWrap: 'anywhere' }}>
        {e.narrative.trim() ? <MultilineText text={e.narrative} /> : <p className="govuk-body">No narrative has been written yet.</p>}
      </div>

      <h2 className="govuk-heading-m">Linked actions</h2>
      {e.actions.length ? (
        <ul className="govuk-list" id="evidence-actions">
          {e.actions.map((a) => (
            <li key={a.id}>
              <Link className="govuk-link" to={`/actions/${a.id}`}>
                {a.title}
              </Link>{' '}
              <StatusTag status={a.status} />
              {(a.status === 'NOT_STARTED' || a.status === 'IN_PROGRESS') && (
                <>
                  {' '}
                  <RagTag rag={a.displayRag} />
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body" id="evidence-actions">
          No linked actions.
        </p>
      )}

      <h2 className="govuk-heading-m">Framework items</h2>
      {e.frameworkItems.length ? (
        <ul className="govuk-list govuk-list--bullet" id="evidence-framework-items">
          {e.frameworkItems.map((i) => (
            <li key={i.id}>{itemLabel(i)}</li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body" id="evidence-framework-items">
          No framework items.
        </p>
      )}

      <h2 className="govuk-heading-m">Attachments</h2>
      {e.attachments.length ? (
        <ul className="govuk-list" id="evidence-attachments">
          {e.attachments.map((f) => (
            <li key={f.id} data-file-id={f.id}>
              <a className="govuk-link" href={f.downloadUrl} download={f.name} style={{ overflowWrap: 'anywhere' }}>
                {f.name}
              </a>{' '}
              <span className="govuk-body-s">
                ({describeType(f.contentType)}, {describeSize(f.size)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body" id="evidence-attachments">
          No attachments.
        </p>
      )}

      {showComments && (
        <Comments
          comments={e.comments}
          canComment={e.canComment}
          onAdd={(body) => gql(AddEvidenceCommentDocument, { input: { evidenceId: e.id, body } })}
          onAdded={reload}
          onErrorsChange={onCommentErrors}
          hint="Everyone who can see this evidence can read the comments."
        />
      )}
    </>
  );
}
