/**
 * Comments on a record (evidence, highlight reports): the conversation, oldest first, and
 * an "Add a comment" form for those the api lets comment. What people wrote is plain text,
 * shown escaped with its line breaks (DESIGN.md §6). The component knows nothing about the
 * record: the page passes the comments it loaded, whether the person may comment, and the
 * call that adds one.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Button, ErrorSummary, Textarea, useApiForm } from './forms';
import { MultilineText, formatDateTime } from './lists';

/** One comment as the page loaded it (the GraphQL `Comment` with its author). */
export interface CommentItem {
  id: string;
  body: string;
  /** ISO timestamp. */
  createdAt: string;
  author: { id: string; name: string; agency?: { name: string } | null };
}

export interface CommentsProps {
  /** Oldest first, as the api answers. */
  comments: CommentItem[];
  /** Whether to show the form: the record's `canComment`. */
  canComment: boolean;
  /**
   * Adds the comment (the page's mutation). A rejection with an ApiError shows its message:
   * a `body` field error (`input.body`) on the text box, anything else in the summary.
   */
  onAdd: (body: string) => Promise<unknown>;
  /** Called after a comment is added, to load the record (and its comments) again. */
  onAdded: () => void;
  /** Told whenever the form starts or stops showing errors, so the page can put "Error: " in its title. */
  onErrorsChange?: (hasErrors: boolean) => void;
  /** The section's heading; "Comments" unless given. */
  heading?: string;
  /** Shown when there are no comments; "No comments yet." unless given. */
  emptyText?: string;
  /** The hint under "Add a comment": who will see it. */
  hint?: string;
  /** The text box's name and id (the error summary links to it); "body" unless given. */
  fieldName?: string;
  /** Prefix for the ids on the section, heading and list; "comments" unless given. */
  idPrefix?: string;
}

const MAX_LENGTH = 5000;

export function Comments({
  comments,
  canComment,
  onAdd,
  onAdded,
  onErrorsChange,
  heading = 'Comments',
  emptyText = 'No comments yet.',
  hint,
  fieldName = 'body',
  idPrefix = 'comments',
}: CommentsProps) {
  const [body, setBody] = useState('');
  const [added, setAdded] = useState('');
  const form = useApiForm();

  // The api names the text `body`; every other problem (such as the record's state) reads as a summary line.
  const errors: Record<string, string> = {};
  const other: string[] = [];
  for (const [k, v] of Object.entries(form.errors)) {
    if (k === 'body' || k === fieldName) errors[fieldName] = v;
    else if (!other.includes(v)) other.push(v);
  }
  const shown = other.length ? { form: other.join(' '), ...errors } : errors;
  const hasErrors = Object.keys(shown).length > 0;

  useEffect(() => {
    onErrorsChange?.(hasErrors);
  }, [hasErrors, onErrorsChange]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded('');
    const text = body.trim();
    if (!text) {
      form.setErrors({ [fieldName]: 'Enter a comment' });
      return;
    }
    if (text.length > MAX_LENGTH) {
      form.setErrors({ [fieldName]: 'Comment must be 5,000 characters or fewer' });
      return;
    }
    const done = await form.run(async () => {
      await onAdd(body);
      return true;
    });
    if (done) {
      setBody('');
      setAdded('Your comment has been added.');
      onAdded();
    }
  };

  return (
    <section aria-labelledby={`${idPrefix}-heading`} id={idPrefix}>
      <h2 className="govuk-heading-m govuk-!-margin-top-8" id={`${idPrefix}-heading`}>
        {heading}
      </h2>
      {comments.length ? (
        <ol className="govuk-list" id={`${idPrefix}-list`}>
          {comments.map((c) => (
            <li key={c.id} id={`comment-${c.id}`} data-comment-id={c.id}>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <strong>{c.author.name}</strong>
                {c.author.agency ? ` (${c.author.agency.name})` : ''}, <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </p>
              <div className="app-comment-body" style={{ overflowWrap: 'anywhere' }}>
                <MultilineText text={c.body} />
              </div>
              <hr className="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
            </li>
          ))}
        </ol>
      ) : (
        <p className="govuk-body" id={`${idPrefix}-list`}>
          {emptyText}
        </p>
      )}
      {/* Announced without moving focus, so the person can carry on from the form. */}
      <p className="govuk-body govuk-!-font-weight-bold" role="status" id={`${idPrefix}-status`}>
        {added}
      </p>
      {canComment && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <ErrorSummary errors={shown} fields={[fieldName]} />
            <form onSubmit={submit} noValidate aria-label={heading === 'Comments' ? 'Add a comment' : `Add a comment: ${heading}`}>
              <Textarea
                name={fieldName}
                label="Add a comment"
                hint={hint}
                rows={4}
                value={body}
                onChange={(v) => {
                  setBody(v);
                  if (added) setAdded('');
                }}
                error={errors[fieldName]}
              />
              <Button busy={form.busy}>Add comment</Button>
            </form>
          </div>
        </div>
      )}
    </section>
  );
}
