/**
 * Adding an action to a work plan and editing one. Editing sends the version the page read:
 * when someone else has changed the action since, the api answers CONFLICT and the page
 * says so, and shows the action as it is now.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, Textarea, useApiForm, type Errors, type Option } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { Loaded, flash, labelOptions, useQuery } from '../../components/lists';
import { ACTION_STATUS_LABELS, RAG_HINTS, RAG_LABELS, VISIBILITY_HINTS, VISIBILITY_LABELS } from '../../components/rag';
import { graphql } from '../../gql';
import type { ActionStatus, Rag, Visibility } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, useFocusHash, userOptions, type UserSummary } from '../admin/board-common';
import { BackLink, loadAgencyOptions, onlyFields } from '../admin/shared';
import { itemLabel, loadFrameworks, planHref, type FrameworkWithItems } from './common';
import { Checkboxes } from './fields';
import { DateField, EMPTY_DATE, checkDate, datePartsFrom, withDateTargets, type DatePart, type DateParts } from '../../components/dates';
import { loadObjectives } from './objectives';
import { loadPlanById, type Plan } from './work-plan';

const ActionEditDocument = graphql(`
  query ActionEdit($id: ID!) {
    action(id: $id) {
      id
      title
      description
      objectiveId
      workPlanId
      ownerUserId
      leadAgencyId
      startDate
      dueDate
      status
      rag
      successMeasure
      visibility
      restrictedUserIds
      version
      canEdit
      supportingAgencies {
        id
      }
      frameworkItems {
        id
      }
      workPlan {
        ...PlanFields
      }
    }
  }
`);

const CreateActionDocument = graphql(`
  mutation CreateAction($input: CreateActionInput!) {
    createAction(input: $input) {
      id
      title
    }
  }
`);

const UpdateActionDocument = graphql(`
  mutation UpdateAction($input: UpdateActionInput!) {
    updateAction(input: $input) {
      id
      title
      version
    }
  }
`);

type EditableAction = Awaited<ReturnType<typeof loadAction>>;

async function loadAction(id: string) {
  return (await gql(ActionEditDocument, { id })).action;
}

interface FormData {
  users: UserSummary[];
  agencies: Option[];
  frameworks: FrameworkWithItems[];
  objectives: Array<{ id: string; title: string; position: number }>;
}

async function loadFormData(planId: string): Promise<FormData> {
  const [users, agencies, frameworks, objectives] = await Promise.all([
    loadAllUsers(),
    loadAgencyOptions(),
    loadFrameworks(true),
    loadObjectives(planId),
  ]);
  return { users, agencies, frameworks, objectives };
}

export interface ActionValues {
  objectiveId: string;
  title: string;
  description: string;
  ownerUserId: string;
  leadAgencyId: string;
  supportingAgencyIds: string[];
  startDate: DateParts;
  dueDate: DateParts;
  status: ActionStatus;
  rag: Rag;
  successMeasure: string;
  frameworkItemIds: string[];
  visibility: Visibility;
  restrictedUserIds: string[];
}

function valuesFrom(a: EditableAction): ActionValues {
  return {
    objectiveId: a.objectiveId,
    title: a.title,
    description: a.description,
    ownerUserId: a.ownerUserId,
    leadAgencyId: a.leadAgencyId,
    supportingAgencyIds: a.supportingAgencies.map((s) => s.id),
    startDate: datePartsFrom(a.startDate),
    dueDate: datePartsFrom(a.dueDate),
    status: a.status,
    rag: a.rag,
    successMeasure: a.successMeasure,
    frameworkItemIds: a.frameworkItems.map((i) => i.id),
    visibility: a.visibility,
    restrictedUserIds: a.restrictedUserIds,
  };
}

/** The form's fields in page order: the error summary lists problems in this order. */
const FIELDS = [
  'objectiveId',
  'title',
  'description',
  'ownerUserId',
  'leadAgencyId',
  'supportingAgencyIds',
  'startDate',
  'dueDate',
  'status',
  'rag',
  'successMeasure',
  'frameworkItemIds',
  'visibility',
  'restrictedUserIds',
];

const DATE_FIELDS = ['startDate', 'dueDate'];

interface Checked {
  errors: Errors;
  parts: Record<string, DatePart[]>;
  startDate: string | null;
  dueDate: string | null;
}

function checkAction(v: ActionValues): Checked {
  const errors: Errors = {};
  const parts: Record<string, DatePart[]> = {};
  if (!v.objectiveId) errors.objectiveId = 'Select the objective the action is under';
  if (!v.title.trim()) errors.title = 'Enter the title of the action';
  if (!v.ownerUserId) errors.ownerUserId = 'Select the owner of the action';
  if (!v.leadAgencyId) errors.leadAgencyId = 'Select the lead agency';
  const start = checkDate('Start date', v.startDate);
  const due = checkDate('Due date', v.dueDate, 'Enter the due date');
  if (start.problem) {
    errors.startDate = start.problem.message;
    parts.startDate = start.problem.parts;
  }
  if (due.problem) {
    errors.dueDate = due.problem.message;
    parts.dueDate = due.problem.parts;
  } else if (start.value && due.value && due.value < start.value) {
    errors.dueDate = 'The due date must be the same as or after the start date';
    parts.dueDate = ['day', 'month', 'year'];
  }
  if (v.visibility === 'RESTRICTED' && v.restrictedUserIds.length === 0)
    errors.restrictedUserIds = 'Select at least one person who can see the action';
  const ordered: Errors = {};
  for (const k of FIELDS) if (errors[k]) ordered[k] = errors[k];
  return { errors: ordered, parts, startDate: start.value, dueDate: due.value };
}

const STATUS_OPTIONS = labelOptions(ACTION_STATUS_LABELS);
const RAG_OPTIONS = (['GREEN', 'AMBER', 'RED'] as Rag[]).map((r) => ({ value: r, label: RAG_LABELS[r], hint: RAG_HINTS[r] }));
const VISIBILITY_OPTIONS = (['PARTNERSHIP', 'SUB_GROUP', 'AGENCY', 'RESTRICTED'] as Visibility[]).map((v) => ({
  value: v,
  label: VISIBILITY_LABELS[v],
  hint: VISIBILITY_HINTS[v],
}));

// ---- pages ---------------------------------------------------------------------------------

/** /work-plans/:id/actions/new?objective=…: a new action, under the objective named in the address when there is one. */
export function NewActionPage() {
  usePageTitle('Add an action');
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const q = useQuery(async () => {
    const [{ plan }, data] = await Promise.all([loadPlanById(id), loadFormData(id)]);
    return { plan, data };
  }, [id]);
  return (
    <Loaded query={q}>
      {({ plan, data }) => {
        if (!plan.canEdit) return <NotFound />;
        const objective = params.get('objective') ?? '';
        const initial: ActionValues = {
          objectiveId: data.objectives.some((o) => o.id === objective)
            ? objective
            : data.objectives.length === 1
              ? data.objectives[0].id
              : '',
          title: '',
          description: '',
          ownerUserId: '',
          leadAgencyId: '',
          supportingAgencyIds: [],
          startDate: EMPTY_DATE,
          dueDate: EMPTY_DATE,
          status: 'NOT_STARTED',
          rag: 'GREEN',
          successMeasure: '',
          frameworkItemIds: [],
          visibility: 'PARTNERSHIP',
          restrictedUserIds: [],
        };
        return <ActionForm key={plan.id} plan={plan} data={data} initial={initial} />;
      }}
    </Loaded>
  );
}

/** /actions/:id/edit */
export function EditActionPage() {
  usePageTitle('Edit action');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const action = await loadAction(id);
    return { action, data: await loadFormData(action.workPlanId) };
  }, [id]);
  return (
    <Loaded query={q}>
      {({ action, data }) =>
        action.canEdit ? (
          <ActionForm key={action.id} plan={action.workPlan} data={data} initial={valuesFrom(action)} action={action} />
        ) : (
          <NotFound />
        )
      }
    </Loaded>
  );
}

const CONFLICT_MESSAGE =
  'Someone else changed this action while you were editing it, so your changes have not been saved. The form now shows the action as it is: make your changes again and save.';

function ActionForm({ plan, data, initial, action }: { plan: Plan; data: FormData; initial: ActionValues; action?: EditableAction }) {
  const [v, setValues] = useState<ActionValues>(initial);
  const [version, setVersion] = useState(action?.version ?? 0);
  const [parts, setParts] = useState<Record<string, DatePart[]>>({});
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  const navigate = useNavigate();
  const heading = action ? 'Edit action' : 'Add an action';
  const back = action ? `/actions/${action.id}` : planHref(plan);
  usePageTitle(heading, form.hasErrors);
  useFocusHash();

  const set =
    <K extends keyof ActionValues>(k: K) =>
    (value: ActionValues[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  const chooseOwner = (ownerUserId: string) => {
    const owner = data.users.find((u) => u.id === ownerUserId);
    // The owner's agency usually leads: fill it in when no lead agency is chosen yet.
    setValues((old) => ({ ...old, ownerUserId, leadAgencyId: old.leadAgencyId || owner?.agency.id || '' }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = checkAction(v);
    if (Object.keys(c.errors).length) {
      setParts(c.parts);
      form.setErrors(c.errors);
      return;
    }
    setParts({});
    const fields = {
      title: v.title.trim(),
      description: v.description,
      ownerUserId: v.ownerUserId,
      leadAgencyId: v.leadAgencyId,
      supportingAgencyIds: v.supportingAgencyIds.filter((id) => id !== v.leadAgencyId),
      startDate: c.startDate,
      dueDate: c.dueDate as string,
      status: v.status,
      rag: v.rag,
      successMeasure: v.successMeasure,
      frameworkItemIds: v.frameworkItemIds,
      visibility: v.visibility,
      restrictedUserIds: v.visibility === 'RESTRICTED' ? v.restrictedUserIds : [],
    };
    if (action) {
      const done = await form.run(async () => {
        try {
          return await gql(UpdateActionDocument, { input: { id: action.id, version, objectiveId: v.objectiveId, ...fields } });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            const fresh = await loadAction(action.id);
            setValues(valuesFrom(fresh));
            setVersion(fresh.version);
            throw new Error(CONFLICT_MESSAGE);
          }
          throw err;
        }
      });
      if (done) navigate(`/actions/${action.id}`, { state: flash('Action saved') });
    } else {
      const done = await form.run(() => gql(CreateActionDocument, { input: { objectiveId: v.objectiveId, ...fields } }));
      if (done) navigate(planHref(plan), { state: flash('Action added', done.createAction.title) });
    }
  };

  // Owners: anyone not deactivated, and the current owner whoever they are.
  const owners = data.users.filter((u) => u.status !== 'DEACTIVATED' || u.id === initial.ownerUserId);
  const people = data.users.filter((u) => u.status !== 'DEACTIVATED' || initial.restrictedUserIds.includes(u.id));
  const objectiveOptions = data.objectives.map((o) => ({ value: o.id, label: `${o.position}. ${o.title}` }));
  const dateParts = Object.fromEntries(
    DATE_FIELDS.filter((k) => errors[k]).map((k) => [k, parts[k] ?? (['day', 'month', 'year'] as DatePart[])]),
  );

  if (data.objectives.length === 0) {
    return (
      <>
        <BackLink to={back} />
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body">
          Actions sit under the plan&apos;s objectives, and this plan has none yet.{' '}
          <Link className="govuk-link" to={`/work-plans/${plan.id}/objectives/new`}>
            Add an objective
          </Link>{' '}
          first.
        </p>
      </>
    );
  }

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={withDateTargets(errors, dateParts)} />
          <span className="govuk-caption-l">
            {plan.subGroup.name}: {plan.title}
          </span>
          <h1 className="govuk-heading-l">{heading}</h1>
          <form onSubmit={submit} noValidate>
            <Select
              name="objectiveId"
              label="Objective"
              hint="The objective the action is under."
              placeholder={v.objectiveId ? undefined : 'Choose an objective'}
              options={objectiveOptions}
              value={v.objectiveId}
              onChange={set('objectiveId')}
              error={errors.objectiveId}
            />
            <Textarea
              name="title"
              label="Title"
              hint="What will be done, in a sentence."
              rows={2}
              value={v.title}
              onChange={set('title')}
              error={errors.title}
            />
            <Textarea
              name="description"
              label="Description (optional)"
              value={v.description}
              onChange={set('description')}
              error={errors.description}
            />
            <Select
              name="ownerUserId"
              label="Owner"
              hint="The person responsible for the action and its progress updates."
              placeholder="Choose an owner"
              options={userOptions(owners)}
              value={v.ownerUserId}
              onChange={chooseOwner}
              error={errors.ownerUserId}
            />
            <Select
              name="leadAgencyId"
              label="Lead agency"
              hint="The agency accountable for the action. Its people can post progress updates."
              placeholder="Choose an agency"
              options={data.agencies}
              value={v.leadAgencyId}
              onChange={set('leadAgencyId')}
              error={errors.leadAgencyId}
            />
            <Checkboxes
              name="supportingAgencyIds"
              legend="Supporting agencies (optional)"
              hint="Select all that apply."
              small
              options={data.agencies.filter((a) => a.value !== v.leadAgencyId)}
              value={v.supportingAgencyIds}
              onChange={set('supportingAgencyIds')}
              error={errors.supportingAgencyIds}
            />
            <DateField
              name="startDate"
              legend="Start date (optional)"
              hint="For example, 1 4 2027"
              value={v.startDate}
              onChange={set('startDate')}
              error={errors.startDate}
              errorParts={dateParts.startDate}
            />
            <DateField
              name="dueDate"
              legend="Due date"
              hint="For example, 31 3 2028"
              value={v.dueDate}
              onChange={set('dueDate')}
              error={errors.dueDate}
              errorParts={dateParts.dueDate}
            />
            <Radios
              name="status"
              label="Status"
              options={STATUS_OPTIONS}
              value={v.status}
              onChange={(s) => set('status')(s as ActionStatus)}
              error={errors.status}
            />
            <Radios
              name="rag"
              label="RAG rating"
              hint="A complete action shows as Complete (blue), whatever its rating."
              options={RAG_OPTIONS}
              value={v.rag}
              onChange={(r) => set('rag')(r as Rag)}
              error={errors.rag}
            />
            <Textarea
              name="successMeasure"
              label="Success measure (optional)"
              hint="How the sub-group will know the action has worked."
              rows={3}
              value={v.successMeasure}
              onChange={set('successMeasure')}
              error={errors.successMeasure}
            />
            <FrameworkItemFields
              frameworks={data.frameworks}
              value={v.frameworkItemIds}
              onChange={set('frameworkItemIds')}
              error={errors.frameworkItemIds}
            />
            <Radios
              name="visibility"
              label="Who can see this action"
              options={VISIBILITY_OPTIONS}
              value={v.visibility}
              onChange={(x) => set('visibility')(x as Visibility)}
              error={errors.visibility}
            />
            {v.visibility === 'RESTRICTED' && (
              <div className="govuk-inset-text" id="restricted-people">
                <Checkboxes
                  name="restrictedUserIds"
                  legend="People who can see it"
                  hint="The board secretariat can always see it. Select all that apply."
                  small
                  options={userOptions(people)}
                  value={v.restrictedUserIds}
                  onChange={set('restrictedUserIds')}
                  error={errors.restrictedUserIds}
                />
              </div>
            )}
            <div className="govuk-button-group">
              <Button busy={form.busy}>{action ? 'Save changes' : 'Add action'}</Button>
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

/**
 * Framework items as checkboxes, one group per framework (the statutory principles first).
 * Retired items and frameworks show only where the action already has them. The first box
 * carries the id `frameworkItemIds`, for the error summary.
 */
function FrameworkItemFields({
  frameworks,
  value,
  onChange,
  error,
}: {
  frameworks: FrameworkWithItems[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const groups = frameworks
    .map((f) => ({
      framework: f,
      items: f.items.filter((i) => (!i.retiredAt && !f.retiredAt) || value.includes(i.id)),
    }))
    .filter((g) => g.items.length > 0);
  if (!groups.length) return null;
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Framework items (optional)</h2>
      <p className="govuk-body" id="framework-items-hint">
        The statutory principles, promises and priorities this action helps to keep. Select all that apply.
      </p>
      {groups.map((g, i) => (
        <Checkboxes
          key={g.framework.id}
          name={i === 0 ? 'frameworkItemIds' : `frameworkItemIds-${i + 1}`}
          legend={g.framework.name}
          small
          error={i === 0 ? error : undefined}
          options={g.items.map((item) => ({ value: item.id, label: `${itemLabel(item)}${item.retiredAt ? ' (retired)' : ''}` }))}
          value={value}
          onChange={onChange}
        />
      ))}
    </>
  );
}
