/**
 * /actions/:id: one action's details, its latest update and full history (with the updates
 * from earlier plans it was rolled forward from), and the form to post a progress update.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Button, ErrorSummary, Radios, Textarea, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, MultilineText, formatCalendarDate, labelOptions, useQuery } from '../../components/lists';
import {
  ACTION_STATUS_LABELS,
  OverdueTag,
  RAG_HINTS,
  RAG_LABELS,
  RagTag,
  StaleTag,
  StatusTag,
  VISIBILITY_LABELS,
  WorkPlanStatusTag,
  daysWithoutUpdate,
} from '../../components/rag';
import { graphql } from '../../gql';
import type { ActionStatus, ActionUpdateFieldsFragment, Rag } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { useAuth } from '../../lib/auth';
import { EvidenceStatusTag, canAddEvidenceTo } from '../evidence/common';
import { loadAllUsers, useInPageFlash } from '../admin/board-common';
import { onlyFields } from '../admin/shared';
import { Breadcrumbs, LinkButton, itemLabel, planHref } from './common';
import { DateField, checkDate, datePartsFrom, todayInLondon, withDateTargets, type DatePart, type DateParts } from '../../components/dates';

export const ActionUpdateFieldsFragmentDoc = graphql(`
  fragment ActionUpdateFields on ActionUpdate {
    id
    updateDate
    narrative
    status
    rag
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
`);

const ActionPageDocument = graphql(`
  query ActionPage($id: ID!) {
    action(id: $id) {
      id
      title
      description
      startDate
      dueDate
      status
      rag
      displayRag
      isOverdue
      isStale
      lastUpdateAt
      createdAt
      successMeasure
      visibility
      restrictedUserIds
      version
      canEdit
      canUpdate
      rolledFromActionId
      objective {
        id
        title
        position
      }
      owner {
        id
        name
        agency {
          id
          name
        }
      }
      leadAgency {
        id
        name
      }
      supportingAgencies {
        id
        name
      }
      frameworkItems {
        id
        code
        title
      }
      workPlan {
        id
        title
        status
        subGroupId
      }
      subGroup {
        id
        name
      }
      evidence {
        id
        title
        status
        kind
        updatedAt
      }
      latestUpdate {
        ...ActionUpdateFields
      }
      updates {
        ...ActionUpdateFields
      }
      earlierUpdates {
        ...ActionUpdateFields
      }
    }
  }
`);

const PostActionUpdateDocument = graphql(`
  mutation PostActionUpdate($input: PostActionUpdateInput!) {
    postActionUpdate(input: $input) {
      action {
        id
        version
        status
        rag
      }
      update {
        id
      }
    }
  }
`);

type ActionData = Awaited<ReturnType<typeof loadActionPage>>;
type Update = ActionUpdateFieldsFragment;

async function loadActionPage(id: string) {
  const { action } = await gql(ActionPageDocument, { id });
  // Names of the people a restricted action is shown to.
  const restrictedNames =
    action.visibility === 'RESTRICTED' && action.restrictedUserIds.length
      ? (await loadAllUsers()).filter((u) => action.restrictedUserIds.includes(u.id)).map((u) => u.name)
      : [];
  return { ...action, restrictedNames };
}

export function ActionPage() {
  usePageTitle('Action');
  const { id = '' } = useParams();
  const q = useQuery(() => loadActionPage(id), [id]);
  return <Loaded query={q}>{(a) => <ActionView key={a.id} action={a} reload={q.reload} />}</Loaded>;
}

const UPDATE_FIELDS = ['updateDate', 'narrative', 'status', 'rag'];

function ActionView({ action: a, reload }: { action: ActionData; reload: () => void }) {
  const form = useApiForm();
  const { me } = useAuth();
  const [parts, setParts] = useState<Record<string, DatePart[]>>({});
  const errors = onlyFields(form.errors, UPDATE_FIELDS);
  usePageTitle(a.title, form.hasErrors);
  const planPage = planHref(a.workPlan);
  const newestFirst = (list: Update[]) => [...list].reverse();
  const lastUpdate = a.latestUpdate ?? a.earlierUpdates[a.earlierUpdates.length - 1] ?? null;

  const row = (key: string, value: ReactNode) => (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );

  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/dashboard', label: 'Dashboard' },
          {
            to: planPage,
            label: a.workPlan.status === 'ACTIVE' ? `${a.subGroup.name} work plan` : `${a.subGroup.name}: ${a.workPlan.title}`,
          },
        ]}
      />
      <ErrorSummary
        errors={withDateTargets(errors, errors.updateDate ? { updateDate: parts.updateDate ?? ['day', 'month', 'year'] } : {})}
      />
      <FlashBanner />
      <span className="govuk-caption-l">
        {a.subGroup.name}: {a.workPlan.title}
      </span>
      <h1 className="govuk-heading-l">{a.title}</h1>
      {a.canEdit && (
        <LinkButton secondary to={`/actions/${a.id}/edit`}>
          Edit action
        </LinkButton>
      )}

      <h2 className="govuk-heading-m">Details</h2>
      <dl className="govuk-summary-list" id="action-details">
        {row('Objective', `${a.objective.position}. ${a.objective.title}`)}
        {row('Description', a.description ? <MultilineText text={a.description} /> : 'None')}
        {row('Owner', `${a.owner.name} (${a.owner.agency.name})`)}
        {row('Lead agency', a.leadAgency.name)}
        {row(
          'Supporting agencies',
          a.supportingAgencies.length ? (
            <ul className="govuk-list govuk-!-margin-bottom-0">
              {a.supportingAgencies.map((s) => (
                <li key={s.id}>{s.name}</li>
              ))}
            </ul>
          ) : (
            'None'
          ),
        )}
        {row('Start date', a.startDate ? formatCalendarDate(a.startDate) : 'Not set')}
        {row(
          'Due date',
          <>
            {formatCalendarDate(a.dueDate)}
            {a.isOverdue && (
              <>
                {' '}
                <OverdueTag />
              </>
            )}
          </>,
        )}
        {row('Status', <StatusTag status={a.status} />)}
        {row('RAG', a.status === 'CANCELLED' ? 'None: a cancelled action has no RAG rating' : <RagTag rag={a.displayRag} />)}
        {row(
          'Last update',
          <>
            {lastUpdate ? `${formatCalendarDate(lastUpdate.updateDate)}${a.latestUpdate ? '' : ' (before this plan)'}` : 'No updates yet'}
            {a.isStale && (
              <span className="govuk-!-display-block govuk-!-margin-top-1">
                <StaleTag days={daysWithoutUpdate(a)} />
              </span>
            )}
          </>,
        )}
        {row('Success measure', a.successMeasure ? <MultilineText text={a.successMeasure} /> : 'None')}
        {row(
          'Framework items',
          a.frameworkItems.length ? (
            <ul className="govuk-list govuk-!-margin-bottom-0">
              {a.frameworkItems.map((i) => (
                <li key={i.id}>{itemLabel(i)}</li>
              ))}
            </ul>
          ) : (
            'None'
          ),
        )}
        {row(
          'Who can see it',
          a.visibility === 'RESTRICTED'
            ? `${VISIBILITY_LABELS.RESTRICTED}${a.restrictedNames.length ? `: ${a.restrictedNames.join(', ')}` : ''}, and the board secretariat`
            : VISIBILITY_LABELS[a.visibility],
        )}
        {row(
          'Work plan',
          <>
            {a.workPlan.title}
            {a.workPlan.status !== 'ACTIVE' && (
              <>
                {' '}
                <WorkPlanStatusTag status={a.workPlan.status} />
              </>
            )}
          </>,
        )}
      </dl>

      <h2 className="govuk-heading-m" id="evidence">
        Evidence
      </h2>
      {a.evidence.length ? (
        <ul className="govuk-list" id="evidence-list">
          {a.evidence.map((e) => (
            <li key={e.id}>
              <Link className="govuk-link" to={`/evidence/${e.id}`}>
                {e.title}
              </Link>{' '}
              <EvidenceStatusTag status={e.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No evidence you can see is linked to this action yet.</p>
      )}
      {canAddEvidenceTo(me, a.subGroup.id) && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/evidence/new?subGroup=${a.subGroup.id}&action=${a.id}`}>
            Add evidence for this action
          </Link>
        </p>
      )}

      <h2 className="govuk-heading-m" id="latest-update">
        Latest update
      </h2>
      {a.latestUpdate ? (
        <UpdateEntry update={a.latestUpdate} headingLevel={3} id="latest-update-entry" />
      ) : (
        <p className="govuk-body" id="latest-update-entry">
          No progress updates have been posted in this plan yet.
          {lastUpdate && ` The last update, before this plan, was on ${formatCalendarDate(lastUpdate.updateDate)}: see Before this plan.`}
        </p>
      )}

      {a.canUpdate && <UpdateForm action={a} form={form} parts={parts} setParts={setParts} errors={errors} reload={reload} />}

      <h2 className="govuk-heading-m govuk-!-margin-top-8" id="history">
        History
      </h2>
      {a.updates.length ? (
        <ol className="govuk-list" id="history-list">
          {newestFirst(a.updates).map((u) => (
            <li key={u.id}>
              <UpdateEntry update={u} headingLevel={3} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="govuk-body" id="history-list">
          No progress updates in this plan yet.
        </p>
      )}

      {a.earlierUpdates.length > 0 && (
        <>
          <h2 className="govuk-heading-m" id="before-this-plan">
            Before this plan
          </h2>
          <p className="govuk-body">This action was carried forward from an earlier work plan. These are its updates from then.</p>
          <ol className="govuk-list" id="earlier-updates">
            {newestFirst(a.earlierUpdates).map((u) => (
              <li key={u.id}>
                <UpdateEntry update={u} headingLevel={3} />
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

/** One progress update: its date as a heading, who wrote it, the status and RAG it set, and what it says. */
function UpdateEntry({ update: u, headingLevel, id }: { update: Update; headingLevel: 3 | 4; id?: string }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="govuk-!-margin-bottom-6" id={id} data-update-id={u.id}>
      <H className="govuk-heading-s govuk-!-margin-bottom-1">{formatCalendarDate(u.updateDate)}</H>
      <p className="govuk-body-s govuk-!-margin-bottom-2" style={{ color: '#484949' }}>
        By {u.author.name} ({u.author.agency.name})
      </p>
      <p className="govuk-body govuk-!-margin-bottom-2">
        <span className="govuk-!-margin-right-3">
          Status: <StatusTag status={u.status} />
        </span>
        <span>
          RAG: <RagTag rag={u.rag} />
        </span>
      </p>
      <MultilineText text={u.narrative} />
      <hr className="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
    </div>
  );
}

const STATUS_OPTIONS = labelOptions(ACTION_STATUS_LABELS);
const RAG_OPTIONS = (['GREEN', 'AMBER', 'RED'] as Rag[]).map((r) => ({ value: r, label: RAG_LABELS[r], hint: RAG_HINTS[r] }));

const CONFLICT_MESSAGE =
  'Someone else updated this action while you were writing your update, so yours has not been posted. The page now shows their update and the action’s current status and RAG: check them, then post your update again.';

function UpdateForm({
  action: a,
  form,
  errors,
  parts,
  setParts,
  reload,
}: {
  action: ActionData;
  form: ReturnType<typeof useApiForm>;
  errors: Record<string, string>;
  parts: Record<string, DatePart[]>;
  setParts: (p: Record<string, DatePart[]>) => void;
  reload: () => void;
}) {
  const [updateDate, setUpdateDate] = useState<DateParts>(datePartsFrom(todayInLondon()));
  const [narrative, setNarrative] = useState('');
  const [status, setStatus] = useState<ActionStatus>(a.status);
  const [rag, setRag] = useState<Rag>(a.rag);
  const announce = useInPageFlash();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const date = checkDate('Date of the update', updateDate, 'Enter the date of the update');
    const found: Record<string, string> = {};
    const foundParts: Record<string, DatePart[]> = {};
    if (date.problem) {
      found.updateDate = date.problem.message;
      foundParts.updateDate = date.problem.parts;
    } else if (date.value && date.value > todayInLondon()) {
      found.updateDate = 'The date of the update must be today or in the past';
      foundParts.updateDate = ['day', 'month', 'year'];
    }
    if (!narrative.trim()) found.narrative = 'Describe the progress made';
    setParts(foundParts);
    if (Object.keys(found).length) {
      form.setErrors(found);
      return;
    }
    const done = await form.run(async () => {
      try {
        return await gql(PostActionUpdateDocument, {
          input: { actionId: a.id, version: a.version, updateDate: date.value, narrative, status, rag },
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          // Show the action as it is now; keep what this person wrote, and start the status and RAG from the current ones.
          const current = err.extensions.current as { status?: ActionStatus; rag?: Rag } | undefined;
          if (current?.status) setStatus(current.status);
          if (current?.rag) setRag(current.rag);
          reload();
          throw new Error(CONFLICT_MESSAGE);
        }
        throw err;
      }
    });
    if (done) {
      setNarrative('');
      setUpdateDate(datePartsFrom(todayInLondon()));
      reload();
      announce('Update posted');
    }
  };

  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8" id="add-update">
        Add an update
      </h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <form onSubmit={submit} noValidate aria-labelledby="add-update" id="update-form">
            <DateField
              name="updateDate"
              legend="Date of the update"
              hint="Today, unless you are recording progress made on an earlier day. For example, 27 3 2027"
              value={updateDate}
              onChange={setUpdateDate}
              error={errors.updateDate}
              errorParts={parts.updateDate}
            />
            <Textarea
              name="narrative"
              label="What progress has been made?"
              hint="What has been done since the last update, what difference it has made, and what happens next."
              rows={6}
              value={narrative}
              onChange={setNarrative}
              error={errors.narrative}
            />
            <Radios
              name="status"
              label="Status"
              options={STATUS_OPTIONS}
              value={status}
              onChange={(s) => setStatus(s as ActionStatus)}
              error={errors.status}
            />
            <Radios
              name="rag"
              label="RAG rating"
              hint="A complete action shows as Complete (blue), whatever its rating."
              options={RAG_OPTIONS}
              value={rag}
              onChange={(r) => setRag(r as Rag)}
              error={errors.rag}
            />
            <Button busy={form.busy}>Post update</Button>
          </form>
        </div>
      </div>
    </>
  );
}
