import { WarningText } from '../../components/govuk';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Errors, Option } from '../../components/forms';
import { formatDateTime, loadAll } from '../../components/lists';
import { graphql } from '../../gql';
import type { PartnershipRole } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { ROLE_LABELS } from '../../lib/auth';

export const PAGE_SIZE = 20;

export function BackLink({ to, children = 'Back' }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

/**
 * Errors for the fields this page shows; any other (such as `userId` on an action, or a
 * field the page has no input for) becomes a line of the summary without a link.
 */
export function onlyFields(errors: Errors, fields: string[]): Errors {
  const out: Errors = {};
  const other: string[] = [];
  for (const [k, v] of Object.entries(errors)) {
    if (fields.includes(k)) out[k] = v;
    else if (!other.includes(v)) other.push(v);
  }
  return other.length ? { form: other.join(' '), ...out } : out;
}

export const ROLE_HINTS: Record<PartnershipRole, string> = {
  SECRETARIAT: 'Sets up and runs the partnership.',
  BOARD_MEMBER: 'Reads and challenges.',
  MEMBER: 'Partner agency staff and sub-group members.',
};

/** Role radios: Board secretariat (id role), Board member (role-2), Member (role-3). */
export const ROLE_OPTIONS: Array<Option & { hint: string }> = (['SECRETARIAT', 'BOARD_MEMBER', 'MEMBER'] as PartnershipRole[]).map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
  hint: ROLE_HINTS[r],
}));

const AgencyOptionsDocument = graphql(`
  query AgencyOptions($after: String) {
    agencies(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Every agency in the partnership, by name, as select options. */
export async function loadAgencyOptions(): Promise<Option[]> {
  const agencies = await loadAll(async (after) => (await gql(AgencyOptionsDocument, { after })).agencies);
  return agencies.map((a) => ({ value: a.id, label: a.name }));
}

/**
 * The one-time link the api returned for an invitation or a password reset, shown once
 * with what to do with it: e-mail is not set up yet, so the secretariat sends it.
 */
export function LinkIssued({
  title,
  kind,
  user,
  url,
  expiresAt,
  children,
}: {
  title: string;
  kind: 'invitation' | 'reset';
  user: { id: string; name: string; email: string };
  url: string;
  expiresAt: string;
  /** Links to go on with, under the link. */
  children?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const what = kind === 'invitation' ? 'invitation link' : 'password reset link';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied.');
    } catch {
      setCopied('Your browser did not let us copy the link. Select it and copy it instead.');
    }
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title" ref={heading} tabIndex={-1}>
            {title}
          </h1>
          <div className="govuk-panel__body">for {user.name}</div>
        </div>
        <h2 className="govuk-heading-m">Send this link to {user.name}</h2>
        <p className="govuk-body">
          Email is not set up yet, so the workspace cannot send it for you. Copy the {what} and send it to {user.name} at{' '}
          <strong>{user.email}</strong> yourself.
        </p>
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" id={`${kind}-url-label`}>
            {kind === 'invitation' ? 'Invitation link' : 'Password reset link'}
          </p>
          <p className="govuk-body" id={kind === 'invitation' ? 'invitation-url' : 'reset-url'} style={{ overflowWrap: 'anywhere' }}>
            {url}
          </p>
          <p className="govuk-body" id={`${kind}-expires`}>
            It works once and expires on {formatDateTime(expiresAt)}.
          </p>
          {typeof navigator !== 'undefined' && navigator.clipboard && (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={copy}>
              Copy link
            </button>
          )}
          <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0" aria-live="polite">
            {copied}
          </p>
        </div>
        <WarningText>
          Only send this link to {user.name}. Anyone who has it can set the password for their account. You will not be able to see it
          again: if it is lost, create a new one.
        </WarningText>
        {children}
      </div>
    </div>
  );
}
