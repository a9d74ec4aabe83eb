import { WarningText } from '../../components/govuk';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, TextInput, Textarea, useApiForm } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { FlashBanner, Loaded, MultilineText, flash, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { SubGroupRole } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, useFocusHash, useInPageFlash, userOptions, type UserSummary } from './board-common';
import { BackLink, onlyFields } from './shared';

const AdminSubGroupDocument = graphql(`
  query AdminSubGroup($id: ID!) {
    subGroup(id: $id) {
      id
      name
      remit
      chair {
        id
        name
      }
      members {
        id
        role
        userId
        user {
          id
          name
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

const CreateSubGroupDocument = graphql(`
  mutation CreateSubGroup($input: CreateSubGroupInput!) {
    createSubGroup(input: $input) {
      id
      name
    }
  }
`);

const UpdateSubGroupDocument = graphql(`
  mutation UpdateSubGroup($input: UpdateSubGroupInput!) {
    updateSubGroup(input: $input) {
      id
      name
      remit
    }
  }
`);

const AddSubGroupMemberDocument = graphql(`
  mutation AddSubGroupMember($input: AddSubGroupMemberInput!) {
    addSubGroupMember(input: $input) {
      id
      role
      userId
    }
  }
`);

const RemoveSubGroupMemberDocument = graphql(`
  mutation RemoveSubGroupMember($input: SubGroupMemberInput!) {
    removeSubGroupMember(input: $input) {
      id
    }
  }
`);

export const SUB_GROUP_ROLE_LABELS: Record<SubGroupRole, string> = { CHAIR: 'Chair', MEMBER: 'Member' };

type SubGroupData = Awaited<ReturnType<typeof loadSubGroup>>;

async function loadSubGroup(id: string) {
  return (await gql(AdminSubGroupDocument, { id })).subGroup;
}

/** /admin/sub-groups/new */
export function SubGroupNewPage() {
  usePageTitle('Add a sub-group');
  const q = useQuery(() => loadAllUsers('ACTIVE'), []);
  return <Loaded query={q}>{(users) => <NewSubGroupForm users={users} />}</Loaded>;
}

const NEW_FIELDS = ['name', 'remit', 'chairUserId'];

function NewSubGroupForm({ users }: { users: UserSummary[] }) {
  const [name, setName] = useState('');
  const [remit, setRemit] = useState('');
  const [chairUserId, setChairUserId] = useState('');
  const form = useApiForm();
  const errors = onlyFields(form.errors, NEW_FIELDS);
  const navigate = useNavigate();
  usePageTitle('Add a sub-group', form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      form.setErrors({ name: 'Enter the sub-group name.' });
      return;
    }
    const data = await form.run(() => gql(CreateSubGroupDocument, { input: { name, remit, chairUserId: chairUserId || null } }));
    if (data) navigate(`/admin/sub-groups/${data.createSubGroup.id}`, { state: flash(`${data.createSubGroup.name} sub-group added`) });
  };

  return (
    <>
      <BackLink to="/admin/board" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Add a sub-group</h1>
          <form onSubmit={submit} noValidate>
            <TextInput name="name" label="Name" hint="For example, Education" value={name} onChange={setName} error={errors.name} />
            <Textarea
              name="remit"
              label="Remit"
              hint="What the sub-group is responsible for and reports to the board on."
              value={remit}
              onChange={setRemit}
              error={errors.remit}
            />
            <Select
              name="chairUserId"
              label="Chair (optional)"
              hint="You can choose or change the chair later. Only active users are listed."
              placeholder="No chair yet"
              options={userOptions(users)}
              value={chairUserId}
              onChange={setChairUserId}
              error={errors.chairUserId}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>Add sub-group</Button>
              <Link className="govuk-link" to="/admin/board">
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}

/** /admin/sub-groups/:id: details, members, and adding a member. */
export function SubGroupPage() {
  usePageTitle('Sub-group');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const [subGroup, users] = await Promise.all([loadSubGroup(id), loadAllUsers('ACTIVE')]);
    return { subGroup, users };
  }, [id]);
  return (
    <Loaded query={q}>
      {(data) => <SubGroupView key={data.subGroup.id} subGroup={data.subGroup} users={data.users} reload={q.reload} />}
    </Loaded>
  );
}

const ADD_FIELDS = ['userId', 'role'];

/** A button that reads as a link, for an action in a table row that changes something. */
const linkButtonStyle = {
  background: 'none',
  border: 0,
  padding: 0,
  margin: 0,
  cursor: 'pointer',
  font: 'inherit',
  color: '#1d70b8',
  textDecoration: 'underline',
  textDecorationThickness: 'max(1px, .0625rem)',
  textUnderlineOffset: '.1578em',
} as const;

function SubGroupView({ subGroup: sg, users, reload }: { subGroup: SubGroupData; users: UserSummary[]; reload: () => void }) {
  const announce = useInPageFlash();
  // A change's success message shows once the page has loaded the change, so the banner and the table agree.
  const [pendingMessage, setPendingMessage] = useState<string | null>(null);
  useEffect(() => {
    if (pendingMessage) {
      announce(pendingMessage);
      setPendingMessage(null);
    }
  }, [sg]);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<SubGroupRole>('MEMBER');
  const add = useApiForm();
  const rowAction = useApiForm();
  const addErrors = onlyFields(add.errors, ADD_FIELDS);
  const errors = { ...addErrors, ...onlyFields(rowAction.errors, []) };
  usePageTitle(sg.name, Object.keys(errors).length > 0);

  const memberIds = new Set(sg.members.map((m) => m.userId));
  const candidates = users.filter((u) => !memberIds.has(u.id));
  const chair = sg.chair;

  const submitAdd = async (e: FormEvent) => {
    e.preventDefault();
    rowAction.setErrors({});
    if (!userId) {
      add.setErrors({ userId: 'Select a person to add.' });
      return;
    }
    const person = users.find((u) => u.id === userId);
    const done = await add.run(() => gql(AddSubGroupMemberDocument, { input: { subGroupId: sg.id, userId, role } }));
    if (done) {
      setUserId('');
      setRole('MEMBER');
      const asWhat = role === 'CHAIR' ? 'chair' : 'a member';
      const previous = role === 'CHAIR' && chair ? `; ${chair.name} stays as a member` : '';
      setPendingMessage(`${person?.name ?? 'They'} added to ${sg.name} as ${asWhat}${previous}`);
      reload();
    }
  };

  const makeChair = async (member: SubGroupData['members'][number]) => {
    add.setErrors({});
    const done = await rowAction.run(() =>
      gql(AddSubGroupMemberDocument, { input: { subGroupId: sg.id, userId: member.userId, role: 'CHAIR' } }),
    );
    if (done) {
      const previous = chair ? `; ${chair.name} stays as a member` : '';
      setPendingMessage(`${member.user.name} is now the chair of ${sg.name}${previous}`);
      reload();
    }
  };

  const chairHint = chair
    ? `${chair.name} is the chair now. Choosing Chair replaces them; ${chair.name} stays as a member.`
    : 'The sub-group has no chair at the moment.';

  return (
    <>
      <BackLink to="/admin/board" />
      <ErrorSummary errors={errors} />
      <FlashBanner />
      <span className="govuk-caption-l">Sub-group</span>
      <h1 className="govuk-heading-l">{sg.name}</h1>

      <h2 className="govuk-heading-m" id="details-heading">
        Details
      </h2>
      <dl className="govuk-summary-list" aria-labelledby="details-heading">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{sg.name}</dd>
          <dd className="govuk-summary-list__actions">
            <Link className="govuk-link" to={`/admin/sub-groups/${sg.id}/change#name`}>
              Change<span className="govuk-visually-hidden"> name</span>
            </Link>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Remit</dt>
          <dd className="govuk-summary-list__value">{sg.remit ? <MultilineText text={sg.remit} /> : 'Not written yet'}</dd>
          <dd className="govuk-summary-list__actions">
            <Link className="govuk-link" to={`/admin/sub-groups/${sg.id}/change#remit`}>
              Change<span className="govuk-visually-hidden"> remit</span>
            </Link>
          </dd>
        </div>
        <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
          <dt className="govuk-summary-list__key">Chair</dt>
          <dd className="govuk-summary-list__value">{chair ? chair.name : 'No chair'}</dd>
        </div>
      </dl>

      <h2 className="govuk-heading-m">Members</h2>
      {sg.members.length > 0 ? (
        <table className="govuk-table govuk-table--small-text-until-tablet" id="members">
          <caption className="govuk-table__caption govuk-visually-hidden">Members of {sg.name}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Agency
              </th>
              <th scope="col" className="govuk-table__header">
                Role
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {sg.members.map((m) => (
              <tr className="govuk-table__row" key={m.id}>
                <th scope="row" className="govuk-table__header">
                  {m.user.name}
                  {m.user.status === 'DEACTIVATED' && <span className="govuk-body-s"> (deactivated)</span>}
                </th>
                <td className="govuk-table__cell">{m.user.agency.name}</td>
                <td className="govuk-table__cell">{SUB_GROUP_ROLE_LABELS[m.role]}</td>
                <td className="govuk-table__cell">
                  <ul className="govuk-list govuk-!-margin-bottom-0">
                    {m.role !== 'CHAIR' && m.user.status !== 'DEACTIVATED' && (
                      <li>
                        <button
                          type="button"
                          className="govuk-link"
                          style={linkButtonStyle}
                          disabled={rowAction.busy}
                          onClick={() => void makeChair(m)}
                        >
                          Make chair<span className="govuk-visually-hidden">: {m.user.name}</span>
                        </button>
                      </li>
                    )}
                    <li>
                      <Link className="govuk-link" to={`/admin/sub-groups/${sg.id}/members/${m.userId}/remove`}>
                        Remove<span className="govuk-visually-hidden"> {m.user.name}</span>
                      </Link>
                    </li>
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">This sub-group has no members yet.</p>
      )}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" id="add-member">
            Add a member
          </h2>
          {candidates.length === 0 ? (
            <p className="govuk-body">Every active user is already a member of this sub-group.</p>
          ) : (
            <form onSubmit={submitAdd} noValidate aria-labelledby="add-member">
              <Select
                name="userId"
                label="Person"
                hint="Active users who are not already members."
                placeholder="Choose a person"
                options={userOptions(candidates)}
                value={userId}
                onChange={setUserId}
                error={addErrors.userId}
              />
              <Radios
                name="role"
                label="Role"
                value={role}
                onChange={(v) => setRole(v as SubGroupRole)}
                error={addErrors.role}
                options={[
                  { value: 'MEMBER', label: 'Member' },
                  { value: 'CHAIR', label: 'Chair', hint: chairHint },
                ]}
              />
              <Button busy={add.busy}>Add member</Button>
            </form>
          )}
        </div>
      </div>
    </>
  );
}

/** /admin/sub-groups/:id/change: name and remit. */
export function SubGroupChangePage() {
  usePageTitle('Change sub-group details');
  const { id = '' } = useParams();
  const q = useQuery(() => loadSubGroup(id), [id]);
  return <Loaded query={q}>{(sg) => <SubGroupForm key={sg.id} subGroup={sg} />}</Loaded>;
}

const CHANGE_FIELDS = ['name', 'remit'];

function SubGroupForm({ subGroup: sg }: { subGroup: SubGroupData }) {
  const [name, setName] = useState(sg.name);
  const [remit, setRemit] = useState(sg.remit);
  const form = useApiForm();
  const errors = onlyFields(form.errors, CHANGE_FIELDS);
  const navigate = useNavigate();
  const back = `/admin/sub-groups/${sg.id}`;
  usePageTitle('Change sub-group details', form.hasErrors);
  useFocusHash();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      form.setErrors({ name: 'Enter the sub-group name.' });
      return;
    }
    const done = await form.run(() => gql(UpdateSubGroupDocument, { input: { id: sg.id, name, remit } }));
    if (done) navigate(back, { state: flash('Sub-group details saved') });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{sg.name}</span>
          <h1 className="govuk-heading-l">Change sub-group details</h1>
          <form onSubmit={submit} noValidate>
            <TextInput name="name" label="Name" value={name} onChange={setName} error={errors.name} />
            <Textarea
              name="remit"
              label="Remit"
              hint="What the sub-group is responsible for and reports to the board on."
              value={remit}
              onChange={setRemit}
              error={errors.remit}
            />
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

/** /admin/sub-groups/:id/members/:userId/remove: the confirmation step before removing a member. */
export function RemoveMemberPage() {
  usePageTitle('Remove member');
  const { id = '', userId = '' } = useParams();
  const q = useQuery(() => loadSubGroup(id), [id]);
  return (
    <Loaded query={q}>
      {(sg) => {
        const member = sg.members.find((m) => m.userId === userId);
        return member ? <RemoveMemberConfirm subGroup={sg} member={member} /> : <NotFound />;
      }}
    </Loaded>
  );
}

function RemoveMemberConfirm({ subGroup: sg, member }: { subGroup: SubGroupData; member: SubGroupData['members'][number] }) {
  const form = useApiForm();
  const navigate = useNavigate();
  const back = `/admin/sub-groups/${sg.id}`;
  const title = `Remove ${member.user.name} from ${sg.name}`;
  usePageTitle(title, form.hasErrors);
  const errors = onlyFields(form.errors, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(() => gql(RemoveSubGroupMemberDocument, { input: { subGroupId: sg.id, userId: member.userId } }));
    if (done) navigate(back, { state: flash(`${member.user.name} removed from ${sg.name}`) });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">Sub-group</span>
          <h1 className="govuk-heading-l">{title}</h1>
          <p className="govuk-body">
            {member.user.name} ({member.user.agency.name}) will no longer be a member of {sg.name}. What they have already done in the
            sub-group stays.
          </p>
          {member.role === 'CHAIR' && (
            <WarningText>{member.user.name} chairs this sub-group. It will have no chair until you choose one.</WarningText>
          )}
          <form onSubmit={submit} noValidate>
            <div className="govuk-button-group">
              <Button warning busy={form.busy}>
                Remove member
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
