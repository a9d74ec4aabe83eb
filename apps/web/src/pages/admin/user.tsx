import { WarningText } from '../../components/govuk';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, TextInput, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, UserStatusTag, flash, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { AdminUserQuery, PartnershipRole } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { ROLE_LABELS } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink, LinkIssued, ROLE_OPTIONS, loadAgencyOptions, onlyFields } from './shared';

const AdminUserDocument = graphql(`
  query AdminUser($id: ID!) {
    user(id: $id) {
      id
      name
      email
      jobTitle
      role
      status
      activatedAt
      deactivatedAt
      agency {
        id
        name
      }
    }
  }
`);

const UpdateUserDocument = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      id
      name
      jobTitle
      role
      agency {
        id
        name
      }
    }
  }
`);

const ResendInvitationDocument = graphql(`
  mutation ResendInvitation($input: UserIdInput!) {
    resendInvitation(input: $input) {
      invitationUrl
      expiresAt
      user {
        id
        name
        email
      }
    }
  }
`);

const IssuePasswordResetDocument = graphql(`
  mutation IssuePasswordReset($input: UserIdInput!) {
    issuePasswordReset(input: $input) {
      resetUrl
      expiresAt
      user {
        id
        name
        email
      }
    }
  }
`);

const DeactivateUserDocument = graphql(`
  mutation DeactivateUser($input: UserIdInput!) {
    deactivateUser(input: $input) {
      id
      name
      status
      deactivatedAt
    }
  }
`);

const ReactivateUserDocument = graphql(`
  mutation ReactivateUser($input: UserIdInput!) {
    reactivateUser(input: $input) {
      id
      name
      status
    }
  }
`);

type User = AdminUserQuery['user'];

/** Loads the user in the address and hands it to the page; NOT_FOUND answers "Page not found". */
function WithUser({ title, children }: { title: string; children: (user: User, reload: () => void) => ReactNode }) {
  const { id = '' } = useParams();
  usePageTitle(title);
  const q = useQuery(() => gql(AdminUserDocument, { id }), [id]);
  return <Loaded query={q}>{({ user }) => children(user, q.reload)}</Loaded>;
}

// ---- detail ----------------------------------------------------------------------------

/** /admin/users/:id: the user's details with change links, and what can be done to the account. */
export function UserPage() {
  return <WithUser title="User">{(user, reload) => <UserDetail key={user.id} user={user} reload={reload} />}</WithUser>;
}

type Issued = { kind: 'invitation' | 'reset'; url: string; expiresAt: string; user: { id: string; name: string; email: string } };

function Row({ label, children, change }: { label: string; children: ReactNode; change?: string }) {
  const { id = '' } = useParams();
  return (
    <div className={`govuk-summary-list__row${change ? '' : ' govuk-summary-list__row--no-actions'}`}>
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
      {change && (
        <dd className="govuk-summary-list__actions">
          <Link className="govuk-link" to={`/admin/users/${id}/change`}>
            Change<span className="govuk-visually-hidden"> {change}</span>
          </Link>
        </dd>
      )}
    </div>
  );
}

function UserDetail({ user, reload }: { user: User; reload: () => void }) {
  const navigate = useNavigate();
  const form = useApiForm();
  const errors = onlyFields(form.errors, []);
  const [issued, setIssued] = useState<Issued | null>(null);
  usePageTitle(issued ? issuedTitle(issued) : user.name, form.hasErrors);

  if (issued) {
    const done = () => {
      setIssued(null);
      reload();
      document.getElementById('main-content')?.focus();
    };
    return <LinkIssuedPage issued={issued} onDone={done} />;
  }

  const resend = async () => {
    const data = await form.run(() => gql(ResendInvitationDocument, { input: { userId: user.id } }));
    if (data) setIssued({ kind: 'invitation', url: data.resendInvitation.invitationUrl, ...data.resendInvitation });
  };
  const reset = async () => {
    const data = await form.run(() => gql(IssuePasswordResetDocument, { input: { userId: user.id } }));
    if (data) setIssued({ kind: 'reset', url: data.issuePasswordReset.resetUrl, ...data.issuePasswordReset });
  };
  const reactivate = async () => {
    const data = await form.run(() => gql(ReactivateUserDocument, { input: { userId: user.id } }));
    if (!data) return;
    reload();
    const again = data.reactivateUser.status === 'INVITED' ? ' They have not accepted their invitation yet: resend it.' : '';
    navigate(`/admin/users/${user.id}`, { replace: true, state: flash(`${user.name} has been reactivated.${again}`) });
  };

  return (
    <>
      <BackLink to="/admin/users">Back to users</BackLink>
      <FlashBanner />
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">User</span>
      <h1 className="govuk-heading-l">{user.name}</h1>
      <dl className="govuk-summary-list" id="user-details">
        <Row label="Name" change="name">
          {user.name}
        </Row>
        <Row label="Email">{user.email}</Row>
        <Row label="Job title" change="job title">
          {user.jobTitle || 'Not given'}
        </Row>
        <Row label="Agency" change="agency">
          {user.agency.name}
        </Row>
        <Row label="Role" change="role">
          {ROLE_LABELS[user.role]}
        </Row>
        <Row label="Status">
          <UserStatusTag status={user.status} />
        </Row>
        <Row label="Activated">{user.activatedAt ? formatDateTime(user.activatedAt) : 'Not yet: the invitation has not been accepted'}</Row>
        <Row label="Deactivated">{user.deactivatedAt ? formatDateTime(user.deactivatedAt) : 'Not deactivated'}</Row>
      </dl>
      <h2 className="govuk-heading-m">Account</h2>
      {user.status === 'INVITED' && (
        <p className="govuk-body">
          {user.name} has not set a password yet. If they have lost their invitation link, or it has expired, create a new one. The old link
          stops working.
        </p>
      )}
      {user.status === 'ACTIVE' && (
        <p className="govuk-body">If {user.name} has forgotten their password, create a one-time link for them to set a new one.</p>
      )}
      {user.status === 'DEACTIVATED' && (
        <p className="govuk-body">{user.name} cannot sign in. Reactivate them to let them sign in again.</p>
      )}
      <div className="govuk-button-group">
        {user.status === 'INVITED' && (
          <Button type="button" secondary busy={form.busy} onClick={resend}>
            Resend invitation
          </Button>
        )}
        {user.status === 'ACTIVE' && (
          <Button type="button" secondary busy={form.busy} onClick={reset}>
            Issue a password reset link
          </Button>
        )}
        {user.status === 'DEACTIVATED' ? (
          <Button type="button" busy={form.busy} onClick={reactivate}>
            Reactivate user
          </Button>
        ) : (
          <Link
            to={`/admin/users/${user.id}/deactivate`}
            role="button"
            draggable="false"
            className="govuk-button govuk-button--warning"
            data-module="govuk-button"
          >
            Deactivate user
          </Link>
        )}
      </div>
    </>
  );
}

function issuedTitle(issued: Issued): string {
  return issued.kind === 'invitation' ? 'New invitation link created' : 'Password reset link created';
}

function LinkIssuedPage({ issued, onDone }: { issued: Issued; onDone: () => void }) {
  const title = issuedTitle(issued);
  return (
    <LinkIssued title={title} kind={issued.kind} user={issued.user} url={issued.url} expiresAt={issued.expiresAt}>
      <p className="govuk-body">
        <Link
          className="govuk-link"
          to={`/admin/users/${issued.user.id}`}
          onClick={(e) => {
            e.preventDefault();
            onDone();
          }}
        >
          Back to {issued.user.name}&apos;s details
        </Link>
      </p>
    </LinkIssued>
  );
}

// ---- change ----------------------------------------------------------------------------

const EDIT_FIELDS = ['name', 'jobTitle', 'agencyId', 'role'];

/** /admin/users/:id/change: name, job title, agency and role. */
export function ChangeUserPage() {
  return <WithUser title="Change user details">{(user) => <ChangeUser key={user.id} user={user} />}</WithUser>;
}

function ChangeUser({ user }: { user: User }) {
  const navigate = useNavigate();
  const [name, setName] = useState(user.name);
  const [jobTitle, setJobTitle] = useState(user.jobTitle ?? '');
  const [agencyId, setAgencyId] = useState(user.agency.id);
  const [role, setRole] = useState<string>(user.role);
  const agencies = useQuery(loadAgencyOptions, []);
  const form = useApiForm();
  const errors = onlyFields(form.errors, EDIT_FIELDS);
  usePageTitle('Change user details', form.hasErrors);
  const back = `/admin/users/${user.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const data = await form.run(() =>
      gql(UpdateUserDocument, { input: { id: user.id, name, jobTitle: jobTitle.trim(), agencyId, role: role as PartnershipRole } }),
    );
    if (data) navigate(back, { state: flash(`${data.updateUser.name}'s details saved`) });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{user.name}</span>
          <h1 className="govuk-heading-l">Change user details</h1>
          <form onSubmit={submit} noValidate>
            <TextInput name="name" label="Full name" spellCheck={false} value={name} onChange={setName} error={errors.name} />
            <TextInput name="jobTitle" label="Job title (optional)" value={jobTitle} onChange={setJobTitle} error={errors.jobTitle} />
            <Select
              name="agencyId"
              label="Agency"
              value={agencyId}
              onChange={setAgencyId}
              options={agencies.data ?? [{ value: user.agency.id, label: user.agency.name }]}
              error={errors.agencyId}
            />
            <Radios name="role" label="Role" value={role} onChange={setRole} options={ROLE_OPTIONS} error={errors.role} />
            <p className="govuk-body">
              Their email address, <strong>{user.email}</strong>, cannot be changed here.
            </p>
            <div className="govuk-button-group">
              <Button busy={form.busy}>Save changes</Button>
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

// ---- deactivate ------------------------------------------------------------------------

/** /admin/users/:id/deactivate: the confirmation before deactivating. */
export function DeactivateUserPage() {
  return <WithUser title="Deactivate user">{(user) => <DeactivateUser key={user.id} user={user} />}</WithUser>;
}

function DeactivateUser({ user }: { user: User }) {
  const navigate = useNavigate();
  const form = useApiForm();
  const errors = onlyFields(form.errors, []);
  usePageTitle(`Deactivate ${user.name}`, form.hasErrors);
  const back = `/admin/users/${user.id}`;

  if (user.status === 'DEACTIVATED') {
    return (
      <>
        <BackLink to={back} />
        <h1 className="govuk-heading-l">{user.name} is already deactivated</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to={back}>
            Go back to {user.name}&apos;s details
          </Link>
        </p>
      </>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const data = await form.run(() => gql(DeactivateUserDocument, { input: { userId: user.id } }));
    if (data) navigate(back, { replace: true, state: flash(`${user.name} has been deactivated`) });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{user.email}</span>
          <h1 className="govuk-heading-l">Deactivate {user.name}</h1>
          <WarningText>
            {user.name} will no longer be able to sign in, and will be signed out everywhere.
            {user.status === 'INVITED' ? ' Their invitation link will stop working.' : ''}
          </WarningText>
          <p className="govuk-body">
            Their history stays: everything they have done remains in the records and the audit log. You can reactivate them later.
          </p>
          <form onSubmit={submit} noValidate>
            <div className="govuk-button-group">
              <Button warning busy={form.busy}>
                Deactivate user
              </Button>
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
