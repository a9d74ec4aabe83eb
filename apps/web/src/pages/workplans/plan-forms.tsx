/**
 * Creating a sub-group's work plan, changing its details, rolling it forward to a new
 * period, and closing it. Only the sub-group's chair and the secretariat see these links;
 * the api refuses anyone else.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Radios, TextInput, useApiForm, type Errors } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { Loaded, flash, formatCalendarDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { useFocusHash } from '../admin/board-common';
import { BackLink, onlyFields } from '../admin/shared';
import { canLeadSubGroup, planHref } from './common';
import {
  DateField,
  addDays,
  checkDate,
  datePartsFrom,
  withDateTargets,
  type DatePart,
  type DateParts,
  EMPTY_DATE,
} from '../../components/dates';
import { loadPlanById, type Plan } from './work-plan';

const SubGroupNameDocument = graphql(`
  query SubGroupName($id: ID!) {
    subGroup(id: $id) {
      id
      name
    }
  }
`);

const CreateWorkPlanDocument = graphql(`
  mutation CreateWorkPlan($input: CreateWorkPlanInput!) {
    createWorkPlan(input: $input) {
      id
      title
      status
      subGroupId
    }
  }
`);

const UpdateWorkPlanDocument = graphql(`
  mutation UpdateWorkPlan($input: UpdateWorkPlanInput!) {
    updateWorkPlan(input: $input) {
      id
      title
      status
      subGroupId
    }
  }
`);

const RollForwardWorkPlanDocument = graphql(`
  mutation RollForwardWorkPlan($input: RollForwardInput!) {
    rollForwardWorkPlan(input: $input) {
      id
      title
      status
      subGroupId
    }
  }
`);

const CloseWorkPlanDocument = graphql(`
  mutation CloseWorkPlan($input: WorkPlanIdInput!) {
    closeWorkPlan(input: $input) {
      id
      title
      status
      subGroupId
    }
  }
`);

interface PlanValues {
  title: string;
  periodStart: DateParts;
  periodEnd: DateParts;
}

const PLAN_FIELDS = ['title', 'periodStart', 'periodEnd', 'activate'];

/**
 * The checks the page makes before sending: a title and a real period that does not end
 * before it starts. Answers the errors (keyed by field) and which date boxes are wrong.
 */
function checkPlan(v: PlanValues): { errors: Errors; parts: Record<string, DatePart[]>; start?: string; end?: string } {
  const errors: Errors = {};
  const parts: Record<string, DatePart[]> = {};
  if (!v.title.trim()) errors.title = 'Enter a title for the plan';
  const start = checkDate('Start of the period', v.periodStart, 'Enter the start of the period');
  const end = checkDate('End of the period', v.periodEnd, 'Enter the end of the period');
  if (start.problem) {
    errors.periodStart = start.problem.message;
    parts.periodStart = start.problem.parts;
  }
  if (end.problem) {
    errors.periodEnd = end.problem.message;
    parts.periodEnd = end.problem.parts;
  }
  if (start.value && end.value && end.value < start.value) {
    errors.periodEnd = 'The end of the period must be the same as or after its start';
    parts.periodEnd = ['day', 'month', 'year'];
  }
  return { errors, parts, start: start.value ?? undefined, end: end.value ?? undefined };
}

/** Title and period fields, shared by the create, change and roll-forward forms. */
function PlanFields({
  values,
  onChange,
  errors,
  parts,
  titleHint = 'For example, 2027/28 work plan',
}: {
  values: PlanValues;
  onChange: (v: PlanValues) => void;
  errors: Errors;
  parts: Record<string, DatePart[]>;
  titleHint?: string;
}) {
  return (
    <>
      <TextInput
        name="title"
        label="Title"
        hint={titleHint}
        value={values.title}
        onChange={(title) => onChange({ ...values, title })}
        error={errors.title}
      />
      <DateField
        name="periodStart"
        legend="Start of the period"
        hint="For example, 1 4 2027"
        value={values.periodStart}
        onChange={(periodStart) => onChange({ ...values, periodStart })}
        error={errors.periodStart}
        errorParts={parts.periodStart}
      />
      <DateField
        name="periodEnd"
        legend="End of the period"
        hint="For example, 31 3 2028"
        value={values.periodEnd}
        onChange={(periodEnd) => onChange({ ...values, periodEnd })}
        error={errors.periodEnd}
        errorParts={parts.periodEnd}
      />
    </>
  );
}

/** A form page's frame: back link, error summary, caption and heading, in the two-thirds column. */
function FormPage({
  back,
  errors,
  parts,
  caption,
  title,
  children,
}: {
  back: string;
  errors: Errors;
  parts: Record<string, DatePart[]>;
  caption: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={withDateTargets(errors, parts)} />
          <span className="govuk-caption-l">{caption}</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {children}
        </div>
      </div>
    </>
  );
}

/** Field errors from the api, with every box of a date the api complained about marked. */
function apiDateParts(errors: Errors): Record<string, DatePart[]> {
  const all: DatePart[] = ['day', 'month', 'year'];
  return Object.fromEntries(['periodStart', 'periodEnd'].filter((k) => errors[k]).map((k) => [k, all]));
}

// ---- create ---------------------------------------------------------------------------------

/** /sub-groups/:id/work-plan/new */
export function NewWorkPlanPage() {
  usePageTitle('Create a work plan');
  const { id = '' } = useParams();
  const { me } = useAuth();
  const q = useQuery(async () => (await gql(SubGroupNameDocument, { id })).subGroup, [id]);
  return <Loaded query={q}>{(sg) => (canLeadSubGroup(me, sg.id) ? <NewWorkPlanForm key={sg.id} subGroup={sg} /> : <NotFound />)}</Loaded>;
}

function NewWorkPlanForm({ subGroup: sg }: { subGroup: { id: string; name: string } }) {
  const [values, setValues] = useState<PlanValues>({ title: '', periodStart: EMPTY_DATE, periodEnd: EMPTY_DATE });
  const [parts, setParts] = useState<Record<string, DatePart[]>>({});
  const form = useApiForm();
  const errors = onlyFields(form.errors, PLAN_FIELDS);
  const navigate = useNavigate();
  const back = `/sub-groups/${sg.id}/work-plan`;
  usePageTitle('Create a work plan', form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = checkPlan(values);
    if (Object.keys(c.errors).length) {
      setParts(c.parts);
      form.setErrors(c.errors);
      return;
    }
    setParts({});
    const data = await form.run(() =>
      gql(CreateWorkPlanDocument, {
        input: { subGroupId: sg.id, title: values.title.trim(), periodStart: c.start as string, periodEnd: c.end as string },
      }),
    );
    if (data) {
      navigate(`/work-plans/${data.createWorkPlan.id}`, {
        state: flash('Draft work plan created', 'Add its objectives and actions, then make it the active plan.'),
      });
    }
  };

  return (
    <FormPage back={back} errors={errors} parts={{ ...apiDateParts(errors), ...parts }} caption={sg.name} title="Create a work plan">
      <p className="govuk-body">The plan starts as a draft. When its objectives and actions are ready, make it the active plan.</p>
      <form onSubmit={submit} noValidate>
        <PlanFields values={values} onChange={setValues} errors={errors} parts={{ ...apiDateParts(errors), ...parts }} />
        <div className="govuk-button-group">
          <Button busy={form.busy}>Create draft plan</Button>
          <Link className="govuk-link" to={back}>
            Cancel
          </Link>
        </div>
      </form>
    </FormPage>
  );
}

// ---- change ---------------------------------------------------------------------------------

function usePlan() {
  const { id = '' } = useParams();
  return useQuery(() => loadPlanById(id), [id]);
}

/** /work-plans/:id/change: title and period. */
export function ChangeWorkPlanPage() {
  usePageTitle('Change plan details');
  const q = usePlan();
  return <Loaded query={q}>{({ plan }) => (plan.canEdit ? <ChangeWorkPlanForm key={plan.id} plan={plan} /> : <NotFound />)}</Loaded>;
}

function ChangeWorkPlanForm({ plan }: { plan: Plan }) {
  const [values, setValues] = useState<PlanValues>({
    title: plan.title,
    periodStart: datePartsFrom(plan.periodStart),
    periodEnd: datePartsFrom(plan.periodEnd),
  });
  const [parts, setParts] = useState<Record<string, DatePart[]>>({});
  const form = useApiForm();
  const errors = onlyFields(form.errors, PLAN_FIELDS);
  const navigate = useNavigate();
  const back = planHref(plan);
  usePageTitle('Change plan details', form.hasErrors);
  useFocusHash();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = checkPlan(values);
    if (Object.keys(c.errors).length) {
      setParts(c.parts);
      form.setErrors(c.errors);
      return;
    }
    setParts({});
    const data = await form.run(() =>
      gql(UpdateWorkPlanDocument, { input: { id: plan.id, title: values.title.trim(), periodStart: c.start, periodEnd: c.end } }),
    );
    if (data) navigate(planHref(data.updateWorkPlan), { state: flash('Plan details saved') });
  };

  const allParts = { ...apiDateParts(errors), ...parts };
  return (
    <FormPage back={back} errors={errors} parts={allParts} caption={plan.subGroup.name} title="Change plan details">
      <form onSubmit={submit} noValidate>
        <PlanFields values={values} onChange={setValues} errors={errors} parts={allParts} />
        <div className="govuk-button-group">
          <Button busy={form.busy}>Save changes</Button>
          <Link className="govuk-link" to={back}>
            Cancel
          </Link>
        </div>
      </form>
    </FormPage>
  );
}

// ---- roll forward ---------------------------------------------------------------------------

/** /work-plans/:id/roll-forward: a new period's plan that starts with this one's open actions. */
export function RollForwardPage() {
  usePageTitle('Roll forward to a new plan');
  const q = usePlan();
  const { me } = useAuth();
  return (
    <Loaded query={q}>
      {({ plan }) =>
        canLeadSubGroup(me, plan.subGroupId) && plan.status !== 'DRAFT' ? <RollForwardForm key={plan.id} plan={plan} /> : <NotFound />
      }
    </Loaded>
  );
}

/**
 * The next period: from the day after this one ends, for as many whole months as this one
 * ran (a year from 1 April ends on 31 March, leap year or not).
 */
function nextPeriod(plan: Plan): { start: string; end: string } {
  const start = addDays(plan.periodEnd, 1);
  const days = (Date.parse(start) - Date.parse(plan.periodStart)) / 86_400_000;
  const months = Math.max(1, Math.round(days / 30.4375));
  const [y, m, d] = start.split('-').map(Number);
  const after = new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10);
  return { start, end: addDays(after, -1) };
}

function RollForwardForm({ plan }: { plan: Plan }) {
  const next = nextPeriod(plan);
  const [values, setValues] = useState<PlanValues>({
    title: '',
    periodStart: datePartsFrom(next.start),
    periodEnd: datePartsFrom(next.end),
  });
  const [activate, setActivate] = useState(plan.status === 'ACTIVE' ? 'yes' : 'no');
  const [parts, setParts] = useState<Record<string, DatePart[]>>({});
  const form = useApiForm();
  const errors = onlyFields(form.errors, PLAN_FIELDS);
  const navigate = useNavigate();
  const back = planHref(plan);
  usePageTitle('Roll forward to a new plan', form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = checkPlan(values);
    if (c.start && c.start <= plan.periodStart && !c.errors.periodStart) {
      c.errors.periodStart = `The new period must start after ${formatCalendarDate(plan.periodStart)}, when this plan’s period started`;
      c.parts.periodStart = ['day', 'month', 'year'];
    }
    if (Object.keys(c.errors).length) {
      setParts(c.parts);
      form.setErrors(Object.fromEntries(PLAN_FIELDS.filter((k) => c.errors[k]).map((k) => [k, c.errors[k]])));
      return;
    }
    setParts({});
    const data = await form.run(() =>
      gql(RollForwardWorkPlanDocument, {
        input: {
          fromWorkPlanId: plan.id,
          title: values.title.trim(),
          periodStart: c.start as string,
          periodEnd: c.end as string,
          activate: activate === 'yes',
        },
      }),
    );
    if (data) {
      const made = data.rollForwardWorkPlan;
      navigate(planHref(made), {
        state: flash(
          `${made.title} created`,
          made.status === 'ACTIVE'
            ? `It is now the active plan, with the open actions of ${plan.title}. ${plan.title} is closed.`
            : `It is a draft, with the open actions of ${plan.title}. Make it the active plan when it is ready.`,
        ),
      });
    }
  };

  const allParts = { ...apiDateParts(errors), ...parts };
  return (
    <FormPage back={back} errors={errors} parts={allParts} caption={plan.subGroup.name} title="Roll forward to a new plan">
      <p className="govuk-body">
        The new plan starts with the open actions of {plan.title} (those not started or in progress) and the objectives they sit under. Each
        action keeps its history of updates. {plan.title} keeps its record as it is.
      </p>
      <form onSubmit={submit} noValidate>
        <PlanFields values={values} onChange={setValues} errors={errors} parts={allParts} />
        <Radios
          name="activate"
          label="Make the new plan active now?"
          value={activate}
          onChange={setActivate}
          error={errors.activate}
          options={[
            {
              value: 'yes',
              label: 'Yes',
              hint: plan.status === 'ACTIVE' ? `${plan.title} will be closed.` : 'Only if the sub-group has no other active plan.',
            },
            { value: 'no', label: 'No, keep it as a draft', hint: 'You can make it active later.' },
          ]}
        />
        <div className="govuk-button-group">
          <Button busy={form.busy}>Roll forward</Button>
          <Link className="govuk-link" to={back}>
            Cancel
          </Link>
        </div>
      </form>
    </FormPage>
  );
}

// ---- close ----------------------------------------------------------------------------------

/** /work-plans/:id/close: the confirmation step before closing a plan. */
export function CloseWorkPlanPage() {
  usePageTitle('Close this plan');
  const q = usePlan();
  return <Loaded query={q}>{({ plan }) => (plan.canEdit ? <CloseWorkPlanConfirm key={plan.id} plan={plan} /> : <NotFound />)}</Loaded>;
}

function CloseWorkPlanConfirm({ plan }: { plan: Plan }) {
  const form = useApiForm();
  const errors = onlyFields(form.errors, []);
  const navigate = useNavigate();
  const back = planHref(plan);
  const title = `Close ${plan.title}`;
  usePageTitle(title, form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const data = await form.run(() => gql(CloseWorkPlanDocument, { input: { workPlanId: plan.id } }));
    if (data) navigate(`/work-plans/${plan.id}`, { state: flash(`${plan.title} closed`) });
  };

  return (
    <FormPage back={back} errors={errors} parts={{}} caption={plan.subGroup.name} title={title}>
      <p className="govuk-body">
        A closed plan keeps its record as it is: nobody can change its objectives or actions, or post updates to them.
        {plan.status === 'ACTIVE' && ` ${plan.subGroup.name} will have no active work plan until you make another one active.`}
      </p>
      <div className="govuk-inset-text">To carry the open actions into a new period, roll the plan forward instead.</div>
      <form onSubmit={submit} noValidate>
        <div className="govuk-button-group">
          <Button warning busy={form.busy}>
            Close plan
          </Button>
          <Link className="govuk-link" to={`/work-plans/${plan.id}/roll-forward`}>
            Roll forward instead
          </Link>
          <Link className="govuk-link" to={back}>
            Cancel
          </Link>
        </div>
      </form>
    </FormPage>
  );
}
