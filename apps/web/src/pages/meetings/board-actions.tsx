/**
 * The board's action log: what the board asked someone to do, and where each stands.
 * /board-actions lists them by due date (filtered by status in the address, `?status=OPEN`);
 * /board-actions/:id shows one, where the secretariat changes anything and its owner says
 * where it stands and closes it (the api decides; anyone else reads it);
 * /meetings/:id/actions/new is the secretariat's form for an action arising at a meeting.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { DateField, EMPTY_DATE, checkDate, datePartsFrom, withDateTargets, type DatePart, type DateParts } from '../../components/dates';
import { Button, ErrorSummary, Radios, Select, Textarea, useApiForm, type Errors } from '../../components/forms';
import { NotFound } from '../../components/layout';
import {
  FlashBanner,
  Loaded,
  MultilineText,
  flash,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  isLabelKey,
  labelOptions,
  useQuery,
} from '../../components/lists';
import { OverdueTag } from '../../components/rag';
import { graphql } from '../../gql';
import type { BoardActionFieldsFragment, BoardActionStatus } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, userOptions, type UserSummary } from '../admin/board-common';
import { BackLink, onlyFields } from '../admin/shared';
import { DoneBanner, done as doneMessage, type Done } from '../notifications/common';
import { Breadcrumbs } from '../workplans/common';
import {
  BOARD_ACTION_STATUS_LABELS,
  BoardActionStatusTag,
  agendaTree,
  itemName,
  loadMeetingAgenda,
  type MeetingWithAgenda,
} from './agenda-common';

const BoardActionsDocument = graphql(`
  query BoardActions($status: BoardActionStatus) {
    boardActions(status: $status) {
      ...BoardActionFields
    }
  }
`);

const BoardActionMeetingDocument = graphql(`
  query BoardActionMeeting($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
      agenda {
        id
        number
        title
      }
    }
  }
`);

const CreateBoardActionDocument = graphql(`
  mutation CreateBoardAction($input: CreateBoardActionInput!) {
    createBoardAction(input: $input) {
      ...BoardActionFields
    }
  }
`);

const UpdateBoardActionDocument = graphql(`
  mutation UpdateBoardAction($input: UpdateBoardActionInput!) {
    updateBoardAction(input: $input) {
      ...BoardActionFields
    }
  }
`);

type BoardAction = BoardActionFieldsFragment;

const STATUS_FILTERS = [{ value: '', label: 'All' }, ...labelOptions(BOARD_ACTION_STATUS_LABELS)];

/**
 * A table of board actions: the action (a link to its page), owner, due date (with
 * "Overdue") and status. Used by /board-actions and the meeting page's action log.
 */
export function BoardActionsTable({ id, caption, actions }: { id: string; caption: ReactNode; actions: readonly BoardAction[] }) {
  return (
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} style={{ overflowX: 'auto', position: 'relative' }}>
      <table className="govuk-table govuk-table--small-text-until-tablet" id={id} style={{ minWidth: '560px' }}>
        <caption className="govuk-table__caption govuk-table__caption--s" id={`${id}-caption`}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header" style={{ width: '40%' }}>
              Action
            </th>
            <th scope="col" className="govuk-table__header">
              Owner
            </th>
            <th scope="col" className="govuk-table__header">
              Due
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {actions.map((a) => (
            <tr className="govuk-table__row" key={a.id} data-action={a.title}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/board-actions/${a.id}`}>
                  {a.title}
                </Link>
              </th>
              <td className="govuk-table__cell">{a.ownerName}</td>
              <td className="govuk-table__cell">
                <span style={{ whiteSpace: 'nowrap' }}>{formatCalendarDate(a.dueDate)}</span>
                {a.overdue && (
                  <span className="govuk-!-display-block govuk-!-margin-top-1">
                    <OverdueTag />
                  </span>
                )}
              </td>
              <td className="govuk-table__cell">
                <BoardActionStatusTag status={a.status} />
                {a.closedAt && (
                  <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 govuk-!-margin-top-1">
                    {formatDate(a.closedAt)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- /board-actions ----------------------------------------------------------------------------

export function BoardActionsPage() {
  usePageTitle('Board actions');
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: BoardActionStatus | null = isLabelKey(BOARD_ACTION_STATUS_LABELS, raw) ? raw : null;
  const [choice, setChoice] = useState<string>(status ?? '');
  const q = useQuery(() => gql(BoardActionsDocument, { status }), [status]);
  const what = status ? `${BOARD_ACTION_STATUS_LABELS[status].toLowerCase()} ` : '';
  return (
    <>
      <Breadcrumbs items={[{ to: '/meetings', label: 'Board meetings' }]} />
      <FlashBanner />
      <h1 className="govuk-heading-l">Board actions</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            What the board asked people to do at its meetings, soonest due first. An action stays on the action log of each meeting until it
            is closed.
          </p>
        </div>
      </div>
      <div className="app-filters">
        <form
          role="search"
          aria-label="Filter board actions"
          action="/board-actions"
          method="get"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setParams(choice ? new URLSearchParams({ status: choice }) : new URLSearchParams());
          }}
        >
          <Select name="status" label="Status" value={choice} onChange={setChoice} options={STATUS_FILTERS} />
          <Button secondary>Apply filter</Button>
        </form>
      </div>
      <Loaded query={q}>
        {({ boardActions }) =>
          boardActions.length === 0 ? (
            <p className="govuk-body" id="board-actions">
              There are no {what}board actions.
            </p>
          ) : (
            <BoardActionsTable
              id="board-actions"
              caption={`${boardActions.length} ${what}action${boardActions.length === 1 ? '' : 's'}, soonest due first`}
              actions={boardActions}
            />
          )
        }
      </Loaded>
    </>
  );
}

// ---- /board-actions/:id ------------------------------------------------------------------------

export function BoardActionPage() {
  usePageTitle('Board action');
  const { id = '' } = useParams();
  const { me } = useAuth();
  const secretariat = me?.role === 'SECRETARIAT';
  const q = useQuery(async () => {
    const action = (await gql(BoardActionsDocument, { status: null })).boardActions.find((a) => a.id === id);
    if (!action) return { action: null, meeting: null, users: [] as UserSummary[] };
    const [meeting, users] = await Promise.all([
      gql(BoardActionMeetingDocument, { id: action.meetingId }).then((r) => r.meeting),
      secretariat ? loadAllUsers() : Promise.resolve([] as UserSummary[]),
    ]);
    return { action, meeting, users };
  }, [id, secretariat]);
  return (
    <Loaded query={q}>
      {(d) =>
        d.action && d.meeting ? <BoardActionView key={d.action.id} initial={d.action} meeting={d.meeting} users={d.users} /> : <NotFound />
      }
    </Loaded>
  );
}

interface ChangeValues {
  title: string;
  ownerUserId: string;
  dueDate: DateParts;
  status: BoardActionStatus;
  note: string;
}

const CHANGE_FIELDS = ['title', 'ownerUserId', 'dueDate', 'status', 'note'];

const CONFLICT_MESSAGE =
  'Someone else changed this action since you opened it, so your changes have not been saved. The page now shows the action as it is: make your changes again and save.';

function changeValues(a: BoardAction): ChangeValues {
  return { title: a.title, ownerUserId: a.ownerUserId, dueDate: datePartsFrom(a.dueDate), status: a.status, note: a.note };
}

function BoardActionView({
  initial,
  meeting,
  users,
}: {
  initial: BoardAction;
  meeting: { id: string; title: string; startsAt: string; agenda: Array<{ id: string; number: string; title: string }> };
  users: UserSummary[];
}) {
  const { me } = useAuth();
  const [action, setAction] = useState(initial);
  const secretariat = me?.role === 'SECRETARIAT';
  const owner = me?.id === action.ownerUserId;
  const [v, setValues] = useState<ChangeValues>(() => changeValues(initial));
  const [parts, setParts] = useState<DatePart[] | undefined>();
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState<Done>();
  const form = useApiForm();
  const errors = onlyFields(form.errors, CHANGE_FIELDS);
  usePageTitle(action.title, form.hasErrors);
  const item = meeting.agenda.find((i) => i.id === action.agendaItemId);

  const set =
    <K extends keyof ChangeValues>(k: K) =>
    (value: ChangeValues[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    setSaved(undefined);
    const found: Errors = {};
    let dueDate: string | null = null;
    if (secretariat) {
      if (!v.title.trim()) found.title = 'Enter what the action is';
      if (!v.ownerUserId) found.ownerUserId = 'Choose who owns the action';
      const due = checkDate('Due date', v.dueDate, 'Enter the date the action is due');
      if (due.problem) {
        found.dueDate = due.problem.message;
        setParts(due.problem.parts);
      }
      dueDate = due.value;
    }
    if (Object.keys(found).length) {
      const ordered: Errors = {};
      for (const k of CHANGE_FIELDS) if (found[k]) ordered[k] = found[k];
      form.setErrors(ordered);
      return;
    }
    setParts(undefined);
    // The owner sends only where it stands; the api refuses them anything else.
    const input = secretariat
      ? {
          id: action.id,
          version: action.version,
          title: v.title.trim(),
          ownerUserId: v.ownerUserId,
          dueDate,
          status: v.status,
          note: v.note,
        }
      : { id: action.id, version: action.version, status: v.status, note: v.note };
    const done = await form.run(async () => {
      try {
        return await gql(UpdateBoardActionDocument, { input });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          const current = err.extensions.current as BoardAction | undefined;
          const fresh = current?.id
            ? current
            : (await gql(BoardActionsDocument, { status: null })).boardActions.find((a) => a.id === action.id);
          if (fresh) {
            setAction(fresh);
            setValues(changeValues(fresh));
          }
          setConflict(true);
          throw new Error(CONFLICT_MESSAGE);
        }
        throw err;
      }
    });
    if (done) {
      setAction(done.updateBoardAction);
      setValues(changeValues(done.updateBoardAction));
      setSaved(doneMessage('Action saved', `Status: ${BOARD_ACTION_STATUS_LABELS[done.updateBoardAction.status].toLowerCase()}.`));
    }
  };

  const row = (key: string, value: ReactNode) => (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );

  const mayChange = secretariat || owner;
  const people = users.filter((u) => u.status === 'ACTIVE' || u.id === action.ownerUserId);

  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/meetings', label: 'Board meetings' },
          { to: '/board-actions', label: 'Board actions' },
        ]}
      />
      <ErrorSummary errors={withDateTargets(errors, parts ? { dueDate: parts } : {})} />
      <DoneBanner done={saved} id="action-saved" />
      <span className="govuk-caption-l">Board action</span>
      <h1 className="govuk-heading-l">{action.title}</h1>
      <dl className="govuk-summary-list" id="action-details">
        {row('Owner', action.ownerName)}
        {row(
          'Due',
          <>
            {formatCalendarDate(action.dueDate)}
            {action.overdue && (
              <>
                {' '}
                <OverdueTag />
              </>
            )}
          </>,
        )}
        {row(
          'Status',
          <>
            <BoardActionStatusTag status={action.status} />
            {action.closedAt && (
              <span className="govuk-!-display-block govuk-!-margin-top-1">Closed {formatDateTime(action.closedAt)}</span>
            )}
          </>,
        )}
        {row('Where it stands', action.note.trim() ? <MultilineText text={action.note} /> : 'No note yet')}
        {row(
          'Arose at',
          <>
            <Link className="govuk-link" to={`/meetings/${meeting.id}`}>
              {meeting.title}, {formatDate(meeting.startsAt)}
            </Link>
            {item && <span className="govuk-!-display-block">Item {itemName(item)}</span>}
          </>,
        )}
      </dl>

      {mayChange && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">{secretariat ? 'Change the action' : 'Update the action'}</h2>
            {conflict && (
              <div className="govuk-inset-text" id="conflict">
                Someone else changed this action since you opened it. The page now shows it as it is; make your change again.
              </div>
            )}
            <form onSubmit={submit} noValidate id="action-form">
              {secretariat && (
                <>
                  <Textarea name="title" label="Action" rows={2} value={v.title} onChange={set('title')} error={errors.title} />
                  <Select
                    name="ownerUserId"
                    label="Owner"
                    placeholder={v.ownerUserId ? undefined : 'Choose an owner'}
                    options={userOptions(people)}
                    value={v.ownerUserId}
                    onChange={set('ownerUserId')}
                    error={errors.ownerUserId}
                  />
                  <DateField
                    name="dueDate"
                    legend="Due date"
                    hint="For example, 17 9 2026"
                    value={v.dueDate}
                    onChange={set('dueDate')}
                    error={errors.dueDate}
                    errorParts={parts}
                  />
                </>
              )}
              <Radios
                name="status"
                label="Status"
                value={v.status}
                onChange={(x) => set('status')(x as BoardActionStatus)}
                error={errors.status}
                options={[
                  { value: 'OPEN', label: 'Open', hint: 'Still to do: it stays on the action log.' },
                  { value: 'COMPLETE', label: 'Complete', hint: 'Done: it leaves the action log after the next meeting.' },
                  { value: 'CANCELLED', label: 'Cancelled', hint: 'No longer needed.' },
                ]}
              />
              <Textarea
                name="note"
                label="Where it stands (optional)"
                hint="What has been done, or why it is closed."
                rows={4}
                value={v.note}
                onChange={set('note')}
                error={errors.note}
              />
              <Button busy={form.busy}>Save</Button>
            </form>
          </div>
        </div>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/board-actions">
          Back to all board actions
        </Link>
      </p>
    </>
  );
}

// ---- /meetings/:id/actions/new -----------------------------------------------------------------

interface NewValues {
  title: string;
  agendaItemId: string;
  ownerUserId: string;
  dueDate: DateParts;
}

const NEW_FIELDS = ['title', 'agendaItemId', 'ownerUserId', 'dueDate'];

export function NewBoardActionPage() {
  usePageTitle('Add an action');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const [meeting, users] = await Promise.all([loadMeetingAgenda(id), loadAllUsers('ACTIVE')]);
    return { meeting, users };
  }, [id]);
  return <Loaded query={q}>{(d) => <NewBoardAction key={d.meeting.id} meeting={d.meeting} users={d.users} />}</Loaded>;
}

function NewBoardAction({ meeting: m, users }: { meeting: MeetingWithAgenda; users: UserSummary[] }) {
  const [v, setValues] = useState<NewValues>({ title: '', agendaItemId: '', ownerUserId: '', dueDate: EMPTY_DATE });
  const [parts, setParts] = useState<DatePart[] | undefined>();
  const form = useApiForm();
  const errors = onlyFields(form.errors, NEW_FIELDS);
  const navigate = useNavigate();
  const back = `/meetings/${m.id}`;
  usePageTitle('Add an action', form.hasErrors);

  const set =
    <K extends keyof NewValues>(k: K) =>
    (value: NewValues[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    if (!v.title.trim()) found.title = 'Enter what the action is';
    if (!v.ownerUserId) found.ownerUserId = 'Choose who owns the action';
    const due = checkDate('Due date', v.dueDate, 'Enter the date the action is due');
    if (due.problem) found.dueDate = due.problem.message;
    setParts(due.problem?.parts);
    if (Object.keys(found).length) {
      const ordered: Errors = {};
      for (const k of NEW_FIELDS) if (found[k]) ordered[k] = found[k];
      form.setErrors(ordered);
      return;
    }
    const done = await form.run(() =>
      gql(CreateBoardActionDocument, {
        input: {
          meetingId: m.id,
          agendaItemId: v.agendaItemId || null,
          title: v.title.trim(),
          ownerUserId: v.ownerUserId,
          dueDate: due.value as string,
        },
      }),
    );
    if (done) navigate(back, { state: flash('Action added', done.createBoardAction.title) });
  };

  const items = agendaTree(m.agenda).flatMap((t) => [t.item, ...t.children]);

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={withDateTargets(errors, parts ? { dueDate: parts } : {})} />
          <span className="govuk-caption-l">
            {m.title}, {formatDate(m.startsAt)}
          </span>
          <h1 className="govuk-heading-l">Add an action</h1>
          <form onSubmit={submit} noValidate id="new-action">
            <Textarea
              name="title"
              label="What did the board ask for?"
              hint="The action, in a sentence."
              rows={2}
              value={v.title}
              onChange={set('title')}
              error={errors.title}
            />
            <Select
              name="agendaItemId"
              label="Agenda item (optional)"
              hint="The item it arose under."
              placeholder="Not under an item"
              options={items.map((i) => ({ value: i.id, label: itemName(i) }))}
              value={v.agendaItemId}
              onChange={set('agendaItemId')}
              error={errors.agendaItemId}
            />
            <Select
              name="ownerUserId"
              label="Owner"
              hint="The person who will do it, or see that it is done. They can update it and close it."
              placeholder="Choose an owner"
              options={userOptions(users)}
              value={v.ownerUserId}
              onChange={set('ownerUserId')}
              error={errors.ownerUserId}
            />
            <DateField
              name="dueDate"
              legend="Due date"
              hint="For example, 17 9 2026"
              value={v.dueDate}
              onChange={set('dueDate')}
              error={errors.dueDate}
              errorParts={parts}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>Add action</Button>
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
