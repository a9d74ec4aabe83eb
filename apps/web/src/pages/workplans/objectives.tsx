/** Adding an objective to a work plan, and changing one: its title, description and place in the plan. */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Select, Textarea, useApiForm } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { Loaded, flash, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { planHref } from './common';
import { loadPlanById, type Plan } from './work-plan';

const PlanObjectiveListDocument = graphql(`
  query PlanObjectiveList($id: ID!) {
    workPlan(id: $id) {
      id
      objectives {
        id
        title
        description
        position
      }
    }
  }
`);

const CreateObjectiveDocument = graphql(`
  mutation CreateObjective($input: CreateObjectiveInput!) {
    createObjective(input: $input) {
      id
      title
    }
  }
`);

const UpdateObjectiveDocument = graphql(`
  mutation UpdateObjective($input: UpdateObjectiveInput!) {
    updateObjective(input: $input) {
      id
      title
      position
    }
  }
`);

type Objective = Awaited<ReturnType<typeof loadObjectives>>[number];

export async function loadObjectives(planId: string) {
  return (await gql(PlanObjectiveListDocument, { id: planId })).workPlan.objectives;
}

const FIELDS = ['title', 'description', 'position'];

/** /work-plans/:id/objectives/new */
export function NewObjectivePage() {
  usePageTitle('Add an objective');
  const { id = '' } = useParams();
  const q = useQuery(() => loadPlanById(id), [id]);
  return <Loaded query={q}>{({ plan }) => (plan.canEdit ? <ObjectiveForm key={plan.id} plan={plan} /> : <NotFound />)}</Loaded>;
}

/** /work-plans/:id/objectives/:objectiveId/change */
export function ChangeObjectivePage() {
  usePageTitle('Change objective');
  const { id = '', objectiveId = '' } = useParams();
  const q = useQuery(async () => {
    const [{ plan }, objectives] = await Promise.all([loadPlanById(id), loadObjectives(id)]);
    return { plan, objectives };
  }, [id]);
  return (
    <Loaded query={q}>
      {({ plan, objectives }) => {
        const objective = objectives.find((o) => o.id === objectiveId);
        return plan.canEdit && objective ? (
          <ObjectiveForm key={objective.id} plan={plan} objective={objective} count={objectives.length} />
        ) : (
          <NotFound />
        );
      }}
    </Loaded>
  );
}

function ObjectiveForm({ plan, objective, count = 0 }: { plan: Plan; objective?: Objective; count?: number }) {
  const [title, setTitle] = useState(objective?.title ?? '');
  const [description, setDescription] = useState(objective?.description ?? '');
  const [position, setPosition] = useState(String(objective?.position ?? ''));
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  const navigate = useNavigate();
  const back = planHref(plan);
  const heading = objective ? 'Change objective' : 'Add an objective';
  usePageTitle(heading, form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      form.setErrors({ title: 'Enter the objective' });
      return;
    }
    if (objective) {
      const done = await form.run(() =>
        gql(UpdateObjectiveDocument, { input: { id: objective.id, title: title.trim(), description, position: Number(position) } }),
      );
      if (done) navigate(back, { state: flash('Objective saved') });
    } else {
      const done = await form.run(() => gql(CreateObjectiveDocument, { input: { workPlanId: plan.id, title: title.trim(), description } }));
      if (done)
        navigate(back, {
          state: flash('Objective added', `Add actions under “${done.createObjective.title}”, or import them from a CSV file.`),
        });
    }
  };

  const positions = Array.from({ length: count }, (_, i) => ({
    value: String(i + 1),
    label: i === 0 ? '1 (first)' : i === count - 1 ? `${i + 1} (last)` : String(i + 1),
  }));

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">
            {plan.subGroup.name}: {plan.title}
          </span>
          <h1 className="govuk-heading-l">{heading}</h1>
          <form onSubmit={submit} noValidate>
            <Textarea
              name="title"
              label="Objective"
              hint="What the sub-group wants to achieve, for example: More care leavers aged 19 to 21 in education, employment or training."
              rows={2}
              value={title}
              onChange={setTitle}
              error={errors.title}
            />
            <Textarea
              name="description"
              label="Description (optional)"
              hint="Why it matters and how the sub-group will know it has been achieved."
              value={description}
              onChange={setDescription}
              error={errors.description}
            />
            {objective && count > 1 && (
              <Select
                name="position"
                label="Position in the plan"
                hint={`Objectives are shown in this order. It is number ${objective.position} of ${count} now.`}
                options={positions}
                value={position}
                onChange={setPosition}
                error={errors.position}
              />
            )}
            <div className="govuk-button-group">
              <Button busy={form.busy}>{objective ? 'Save changes' : 'Add objective'}</Button>
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
