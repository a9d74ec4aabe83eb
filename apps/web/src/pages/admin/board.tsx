import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ErrorSummary, Select, TextInput, Textarea, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, MultilineText, flash, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, useFocusHash, userOptions, type UserSummary } from './board-common';
import { BackLink, onlyFields } from './shared';

const AdminBoardDocument = graphql(`
  query AdminBoard {
    board {
      id
      name
      termsOfReference
      chairUserId
      chair {
        id
        name
        status
        agency {
          id
          name
        }
      }
      subGroups {
        id
        name
        chair {
          id
          name
        }
        members {
          id
        }
      }
    }
  }
`);

const UpdateBoardDocument = graphql(`
  mutation UpdateBoard($input: UpdateBoardInput!) {
    updateBoard(input: $input) {
      id
      name
      termsOfReference
      chairUserId
    }
  }
`);

type BoardData = Awaited<ReturnType<typeof loadBoard>>;

/** The board, or null when the partnership has not set one up yet. */
async function loadBoard() {
  try {
    return (await gql(AdminBoardDocument)).board;
  } catch (e) {
    if (e instanceof ApiError && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

function SummaryRow({ label, value, changeTo, changeText }: { label: string; value: ReactNode; changeTo: string; changeText: string }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
      <dd className="govuk-summary-list__actions">
        <Link className="govuk-link" to={changeTo}>
          Change<span className="govuk-visually-hidden"> {changeText}</span>
        </Link>
      </dd>
    </div>
  );
}

/** /admin/board: the board's details and its sub-groups. */
export function BoardPage() {
  usePageTitle('Board and sub-groups');
  const q = useQuery(loadBoard, []);
  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Board and sub-groups</h1>
      <Loaded query={q}>{(board) => <BoardSummary board={board} />}</Loaded>
    </>
  );
}

function BoardSummary({ board }: { board: BoardData }) {
  return (
    <>
      <h2 className="govuk-heading-m" id="board-details">
        Board
      </h2>
      {board ? (
        <dl className="govuk-summary-list" aria-labelledby="board-details">
          <SummaryRow label="Name" value={board.name} changeTo="/admin/board/change#name" changeText="board name" />
          <SummaryRow
            label="Chair"
            value={board.chair ? `${board.chair.name} (${board.chair.agency.name})` : 'No chair'}
            changeTo="/admin/board/change#chairUserId"
            changeText="board chair"
          />
          <SummaryRow
            label="Terms of reference"
            value={board.termsOfReference ? <MultilineText text={board.termsOfReference} /> : 'Not written yet'}
            changeTo="/admin/board/change#termsOfReference"
            changeText="terms of reference"
          />
        </dl>
      ) : (
        <>
          <p className="govuk-body">The board has not been set up yet.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/admin/board/change">
              Set up the board
            </Link>
          </p>
        </>
      )}

      <h2 className="govuk-heading-m">Sub-groups</h2>
      <Link to="/admin/sub-groups/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
        Add a sub-group
      </Link>
      {board && board.subGroups.length > 0 ? (
        <table className="govuk-table govuk-table--small-text-until-tablet" id="sub-groups">
          <caption className="govuk-table__caption govuk-visually-hidden">Sub-groups of the board</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Chair
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Members
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {board.subGroups.map((sg) => (
              <tr className="govuk-table__row" key={sg.id}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/admin/sub-groups/${sg.id}`}>
                    {sg.name}
                  </Link>
                </th>
                <td className="govuk-table__cell">{sg.chair ? sg.chair.name : 'No chair'}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{sg.members.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">There are no sub-groups yet.</p>
      )}
    </>
  );
}

/** /admin/board/change: name, chair and terms of reference. */
export function BoardChangePage() {
  usePageTitle('Change board details');
  const q = useQuery(async () => {
    const [board, users] = await Promise.all([loadBoard(), loadAllUsers('ACTIVE')]);
    return { board, users };
  }, []);
  return <Loaded query={q}>{(data) => <BoardForm board={data.board} users={data.users} />}</Loaded>;
}

const BOARD_FIELDS = ['name', 'chairUserId', 'termsOfReference'];

function BoardForm({ board, users }: { board: BoardData; users: UserSummary[] }) {
  const [name, setName] = useState(board?.name ?? '');
  const [chairUserId, setChairUserId] = useState(board?.chairUserId ?? '');
  const [termsOfReference, setTermsOfReference] = useState(board?.termsOfReference ?? '');
  const form = useApiForm();
  const errors = onlyFields(form.errors, BOARD_FIELDS);
  usePageTitle('Change board details', form.hasErrors);
  useFocusHash();
  const navigate = useNavigate();

  // A chair who is no longer active stays selectable, so saving other changes does not remove them.
  const options = userOptions(users);
  if (board?.chair && !users.some((u) => u.id === board.chair?.id)) {
    options.unshift({ value: board.chair.id, label: `${board.chair.name} (${board.chair.agency.name}) – not active` });
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      form.setErrors({ name: 'Enter the board name.' });
      return;
    }
    const done = await form.run(() => gql(UpdateBoardDocument, { input: { name, termsOfReference, chairUserId: chairUserId || null } }));
    if (done) navigate('/admin/board', { state: flash('Board details saved') });
  };

  return (
    <>
      <BackLink to="/admin/board" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Change board details</h1>
          <form onSubmit={submit} noValidate>
            <TextInput name="name" label="Board name" value={name} onChange={setName} error={errors.name} width="full" />
            <Select
              name="chairUserId"
              label="Chair"
              hint="Usually the lead member for children’s services. Only active users are listed."
              placeholder="No chair"
              options={options}
              value={chairUserId}
              onChange={setChairUserId}
              error={errors.chairUserId}
            />
            <Textarea
              name="termsOfReference"
              label="Terms of reference"
              hint="What the board is for, who sits on it and how it works."
              rows={10}
              value={termsOfReference}
              onChange={setTermsOfReference}
              error={errors.termsOfReference}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>Save changes</Button>
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
