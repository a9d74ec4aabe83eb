import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, TextInput, useApiForm, type Errors, type Option } from '../../components/forms';
import {
  FlashBanner,
  Loaded,
  Pagination,
  USER_STATUS_LABELS,
  UserStatusTag,
  isLabelKey,
  labelOptions,
  showingText,
  useCursorPage,
  useQuery,
} from '../../components/lists';
import { graphql } from '../../gql';
import type { InviteUserMutation, PartnershipRole } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { ROLE_LABELS } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink, LinkIssued, PAGE_SIZE, ROLE_OPTIONS, loadAgencyOptions, onlyFields } from './shared';

const AdminUsersDocument = graphql(`
  query AdminUsers($filter: UserFilter, $first: Int, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          email
          role
          status
          agency {
            id
            name
          }
        }
      }
    }
  }
`);

const InviteUserDocument = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
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

const ROLE_FILTER_OPTIONS = labelOptions(ROLE_LABELS);
const STATUS_OPTIONS = labelOptions(USER_STATUS_LABELS);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface UserFilters {
  search: string;
  agency: string;
  role: string;
  status: string;
}

/** /admin/users: everyone in the partnership, filtered by agency, role, status and name or email. */
export function UsersPage() {
  usePageTitle('Users');
  const [params, setParams] = useSearchParams();
  const page = useCursorPage();
  const search = params.get('search') ?? '';
  const agencyParam = params.get('agency') ?? '';
  const agency = UUID.test(agencyParam) ? agencyParam : '';
  const roleParam = params.get('role');
  const role = isLabelKey(ROLE_LABELS, roleParam) ? roleParam : '';
  const statusParam = params.get('status');
  const status = isLabelKey(USER_STATUS_LABELS, statusParam) ? statusParam : '';
  const agencies = useQuery(loadAgencyOptions, []);
  const q = useQuery(
    () =>
      gql(AdminUsersDocument, {
        filter: {
          search: search.trim() || undefined,
          agencyId: agency || undefined,
          role: role || undefined,
          status: status || undefined,
        },
        first: PAGE_SIZE,
        after: page.after,
      }),
    [search, agency, role, status, page.after],
  );
  const filters = { search, agency, role, status };
  const filtered = Boolean(search || agency || role || status);

  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Users</h1>
      <p className="govuk-body">Everyone who can sign in to this partnership&apos;s workspace, and everyone invited to.</p>
      <Link to="/admin/users/invite" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
        Invite a user
      </Link>
      <UserFilterBox
        key={JSON.stringify(filters)}
        initial={filters}
        agencyOptions={agencies.data ?? []}
        onApply={(f) => {
          const next = new URLSearchParams();
          for (const [k, v] of Object.entries(f)) if (v.trim()) next.set(k, v.trim());
          setParams(next);
        }}
      />
      <Loaded query={q}>
        {({ users }) =>
          users.edges.length === 0 ? (
            <p className="govuk-body" id="users-empty">
              {filtered ? 'No users match these filters.' : 'There are no users yet.'}
            </p>
          ) : (
            <>
              <table className="govuk-table govuk-!-font-size-16" id="users-table">
                <caption className="govuk-table__caption">
                  {showingText(page.pageNumber, PAGE_SIZE, users.edges.length, users.totalCount, 'users')}
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Name
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Email
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Agency
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Role
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {users.edges.map(({ node: u }) => (
                    <tr className="govuk-table__row" key={u.id}>
                      <th scope="row" className="govuk-table__header">
                        <Link className="govuk-link" to={`/admin/users/${u.id}`}>
                          {u.name}
                        </Link>
                      </th>
                      <td className="govuk-table__cell">{u.email}</td>
                      <td className="govuk-table__cell">{u.agency.name}</td>
                      <td className="govuk-table__cell">{ROLE_LABELS[u.role]}</td>
                      <td className="govuk-table__cell">
                        <UserStatusTag status={u.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pagination pageInfo={users.pageInfo} page={page} label="page of users" />
            </>
          )
        }
      </Loaded>
    </>
  );
}

function UserFilterBox({
  initial,
  agencyOptions,
  onApply,
}: {
  initial: UserFilters;
  agencyOptions: Option[];
  onApply: (f: UserFilters) => void;
}) {
  const [f, setF] = useState(initial);
  const set = (k: keyof UserFilters) => (v: string) => setF((old) => ({ ...old, [k]: v }));
  const any = Object.values(initial).some(Boolean);
  return (
    <div className="app-filters">
      <form
        role="search"
        aria-label="Filter users"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onApply(f);
        }}
      >
        <h2 className="govuk-heading-s">Filter users</h2>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput name="search" label="Name or email contains" value={f.search} onChange={set('search')} width="full" />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              name="agency"
              label="Agency"
              value={f.agency}
              onChange={set('agency')}
              options={agencyOptions}
              placeholder="All agencies"
            />
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select name="role" label="Role" value={f.role} onChange={set('role')} options={ROLE_FILTER_OPTIONS} placeholder="All roles" />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              name="status"
              label="Status"
              value={f.status}
              onChange={set('status')}
              options={STATUS_OPTIONS}
              placeholder="All statuses"
            />
          </div>
        </div>
        <div className="govuk-button-group">
          <Button secondary>Apply filters</Button>
          {any && (
            <Link className="govuk-link" to="/admin/users">
              Clear filters
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}

// ---- invite ----------------------------------------------------------------------------

const INVITE_FIELDS = ['email', 'name', 'jobTitle', 'agencyId', 'role'];

/** /admin/users/invite: the invitation form, then the one-time link to send. */
export function InviteUserPage() {
  const [issued, setIssued] = useState<InviteUserMutation['inviteUser'] | null>(null);
  const [round, setRound] = useState(0);
  const another = () => {
    setIssued(null);
    setRound((r) => r + 1);
    document.getElementById('main-content')?.focus();
  };
  if (issued) return <InvitationCreated issued={issued} onAnother={another} />;
  return <InviteForm key={round} onInvited={setIssued} />;
}

function InvitationCreated({ issued, onAnother }: { issued: InviteUserMutation['inviteUser']; onAnother: () => void }) {
  usePageTitle('Invitation created');
  return (
    <LinkIssued title="Invitation created" kind="invitation" user={issued.user} url={issued.invitationUrl} expiresAt={issued.expiresAt}>
      <h2 className="govuk-heading-m">What next</h2>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`/admin/users/${issued.user.id}`} id="view-invited-user">
            View {issued.user.name}&apos;s details
          </Link>
        </li>
        <li>
          <Link
            className="govuk-link"
            to="/admin/users/invite"
            onClick={(e) => {
              e.preventDefault();
              onAnother();
            }}
          >
            Invite another user
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="/admin/users">
            Back to users
          </Link>
        </li>
      </ul>
    </LinkIssued>
  );
}

function InviteForm({ onInvited }: { onInvited: (r: InviteUserMutation['inviteUser']) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [role, setRole] = useState('');
  const agencies = useQuery(loadAgencyOptions, []);
  const form = useApiForm();
  const errors = onlyFields(form.errors, INVITE_FIELDS);
  usePageTitle('Invite a user', form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!role) {
      // The api cannot be asked without a role; check the other required answers here too so all show at once.
      const missing: Errors = {};
      if (!email.trim()) missing.email = 'Enter an email address in the correct format, like name@example.org.';
      if (!name.trim()) missing.name = 'Enter their full name.';
      if (!agencyId) missing.agencyId = 'Choose an agency.';
      missing.role = 'Choose a role.';
      form.setErrors(missing);
      return;
    }
    const data = await form.run(() =>
      gql(InviteUserDocument, {
        input: { email, name, jobTitle: jobTitle.trim() || undefined, agencyId, role: role as PartnershipRole },
      }),
    );
    if (data) onInvited(data.inviteUser);
  };

  return (
    <>
      <BackLink to="/admin/users" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Invite a user</h1>
          <p className="govuk-body">You will get a one-time link to send to them. They use it to set a password and sign in.</p>
          <form onSubmit={submit} noValidate>
            <TextInput
              name="email"
              label="Email address"
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={email}
              onChange={setEmail}
              error={errors.email}
            />
            <TextInput
              name="name"
              label="Full name"
              autoComplete="off"
              spellCheck={false}
              value={name}
              onChange={setName}
              error={errors.name}
            />
            <TextInput name="jobTitle" label="Job title (optional)" value={jobTitle} onChange={setJobTitle} error={errors.jobTitle} />
            <Select
              name="agencyId"
              label="Agency"
              hint="The organisation they work for"
              value={agencyId}
              onChange={setAgencyId}
              options={agencies.data ?? []}
              placeholder="Choose an agency"
              error={errors.agencyId}
            />
            <Radios name="role" label="Role" value={role} onChange={setRole} options={ROLE_OPTIONS} error={errors.role} />
            <div className="govuk-button-group">
              <Button busy={form.busy}>Invite user</Button>
              <Link className="govuk-link" to="/admin/users">
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
