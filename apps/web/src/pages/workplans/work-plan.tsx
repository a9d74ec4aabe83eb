import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Select, useApiForm, type Errors, type Option } from '../../components/forms';
import {
  FlashBanner,
  Loaded,
  MultilineText,
  Pagination,
  flash,
  isLabelKey,
  labelOptions,
  showingText,
  useCursorPage,
  useQuery,
} from '../../components/lists';
import { ACTION_STATUS_LABELS, DISPLAY_RAG_LABELS, WorkPlanStatusTag } from '../../components/rag';
import { graphql } from '../../gql';
import type { ActionFilterInput, ActionOrder, ActionStatus, DisplayRag, PlanFieldsFragment, PlanListItemFragment } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, userOptions } from '../admin/board-common';
import { PAGE_SIZE, loadAgencyOptions, onlyFields } from '../admin/shared';
import {
  ActionsTable,
  Breadcrumbs,
  LinkButton,
  PlanSummaryList,
  canLeadSubGroup,
  formatPeriod,
  itemLabel,
  loadFrameworks,
  planHref,
  slug,
  type FrameworkWithItems,
} from './common';
import { Checkboxes, GroupedSelect, NumberInput, SingleCheckbox, shorten, type OptionGroup } from './fields';

export const PlanFieldsFragmentDoc = graphql(`
  fragment PlanFields on WorkPlan {
    id
    title
    status
    periodStart
    periodEnd
    subGroupId
    rolledFromPlanId
    canEdit
    updatedAt
    subGroup {
      id
      name
    }
    summary {
      ...WorkPlanSummaryFields
    }
  }
`);

export const PlanListItemFragmentDoc = graphql(`
  fragment PlanListItem on WorkPlan {
    id
    title
    status
    periodStart
    periodEnd
    subGroupId
  }
`);

const SubGroupWorkPlanDocument = graphql(`
  query SubGroupWorkPlan($id: ID!) {
    subGroup(id: $id) {
      id
      name
      activeWorkPlan {
        ...PlanFields
      }
    }
    workPlans(filter: { subGroupId: $id }, first: 100) {
      edges {
        node {
          ...PlanListItem
        }
      }
    }
  }
`);

const WorkPlanPageDocument = graphql(`
  query WorkPlanPage($id: ID!) {
    workPlan(id: $id) {
      ...PlanFields
    }
  }
`);

const SubGroupPlansDocument = graphql(`
  query SubGroupPlans($subGroupId: ID!) {
    workPlans(filter: { subGroupId: $subGroupId }, first: 100) {
      edges {
        node {
          ...PlanListItem
        }
      }
    }
  }
`);

const PlanObjectivesDocument = graphql(`
  query PlanObjectives($id: ID!) {
    workPlan(id: $id) {
      id
      objectives {
        id
        title
        description
        position
        actions {
          ...ActionRow
        }
      }
    }
  }
`);

const PlanActionsDocument = graphql(`
  query PlanActions($id: ID!, $filter: ActionFilterInput, $orderBy: ActionOrder, $first: Int, $after: String) {
    workPlan(id: $id) {
      id
      objectives {
        id
        title
      }
      actions(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...ActionRow
          }
        }
      }
    }
  }
`);

const WorkPlanCsvDocument = graphql(`
  query WorkPlanCsv($id: ID!) {
    workPlanCsv(id: $id)
  }
`);

const ActivateWorkPlanDocument = graphql(`
  mutation ActivateWorkPlan($input: WorkPlanIdInput!) {
    activateWorkPlan(input: $input) {
      id
      status
    }
  }
`);

export type Plan = PlanFieldsFragment;
export type PlanListItem = PlanListItemFragment;

export async function loadPlanById(id: string): Promise<{ plan: Plan; subGroup: Plan['subGroup']; plans: PlanListItem[] }> {
  const { workPlan } = await gql(WorkPlanPageDocument, { id });
  const { workPlans } = await gql(SubGroupPlansDocument, { subGroupId: workPlan.subGroupId });
  return { plan: workPlan, subGroup: workPlan.subGroup, plans: workPlans.edges.map((e) => e.node) };
}

// ---- pages ---------------------------------------------------------------------------------

/** /sub-groups/:id/work-plan: the sub-group's active plan, or its plans when none is active. */
export function SubGroupWorkPlanPage() {
  usePageTitle('Work plan');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const d = await gql(SubGroupWorkPlanDocument, { id });
    return { subGroup: d.subGroup, plan: d.subGroup.activeWorkPlan ?? null, plans: d.workPlans.edges.map((e) => e.node) };
  }, [id]);
  return (
    <Loaded query={q}>
      {(d) =>
        d.plan ? (
          <PlanView key={d.plan.id} plan={d.plan} plans={d.plans} />
        ) : (
          <NoActivePlan key={d.subGroup.id} subGroup={d.subGroup} plans={d.plans} />
        )
      }
    </Loaded>
  );
}

/** /work-plans/:id: one plan, whatever its status (drafts and closed plans are reached from here). */
export function WorkPlanPage() {
  usePageTitle('Work plan');
  const { id = '' } = useParams();
  const q = useQuery(() => loadPlanById(id), [id]);
  return <Loaded query={q}>{(d) => <PlanView key={d.plan.id} plan={d.plan} plans={d.plans} />}</Loaded>;
}

function NoActivePlan({ subGroup: sg, plans }: { subGroup: { id: string; name: string }; plans: PlanListItem[] }) {
  const title = `${sg.name} work plan`;
  usePageTitle(title);
  const { me } = useAuth();
  const canCreate = canLeadSubGroup(me, sg.id);
  return (
    <>
      <Breadcrumbs items={[{ to: '/dashboard', label: 'Dashboard' }]} />
      <FlashBanner />
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body" id="no-active-plan">
        {sg.name} has no active work plan.
        {canCreate && plans.some((p) => p.status === 'DRAFT') && ' Open a draft plan to make it active, or create a new one.'}
      </p>
      {canCreate && <LinkButton to={`/sub-groups/${sg.id}/work-plan/new`}>Create a work plan</LinkButton>}
      <PlansTable plans={plans} subGroupName={sg.name} />
    </>
  );
}

/** Every plan the sub-group has had, newest period first, with its status. */
function PlansTable({ plans, subGroupName, currentId }: { plans: PlanListItem[]; subGroupName: string; currentId?: string }) {
  const others = plans.filter((p) => p.id !== currentId);
  if (currentId && others.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m" id="plans-heading">
        {currentId ? 'Other plans' : 'Plans'}
      </h2>
      {others.length === 0 ? (
        <p className="govuk-body" id="plans-empty">
          {subGroupName} has no work plans yet.
        </p>
      ) : (
        <table className="govuk-table" id="plans">
          <caption className="govuk-table__caption govuk-visually-hidden">
            {currentId ? `Other work plans of ${subGroupName}` : `Work plans of ${subGroupName}`}, newest period first
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Plan
              </th>
              <th scope="col" className="govuk-table__header">
                Period
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {others.map((p) => (
              <tr className="govuk-table__row" key={p.id}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={planHref(p)}>
                    {p.title}
                  </Link>
                </th>
                <td className="govuk-table__cell">{formatPeriod(p)}</td>
                <td className="govuk-table__cell">
                  <WorkPlanStatusTag status={p.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

// ---- one plan ------------------------------------------------------------------------------

function PlanView({ plan, plans }: { plan: Plan; plans: PlanListItem[] }) {
  const sg = plan.subGroup;
  const { me } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [filterErrors, setFilterErrors] = useState<Errors>({});
  const pageAction = useApiForm();
  const [exported, setExported] = useState('');
  const filterOptions = useQuery(loadFilterOptions, []);
  const errors = { ...filterErrors, ...onlyFields(pageAction.errors, []) };
  usePageTitle(`${plan.title}, ${sg.name}`, Object.keys(errors).length > 0);

  const canEdit = plan.canEdit;
  const canLead = canLeadSubGroup(me, sg.id);
  const rolledFrom = plan.rolledFromPlanId ? plans.find((p) => p.id === plan.rolledFromPlanId) : undefined;

  // After the filters change, move focus to the results once they load, so keyboard and screen reader users land on them.
  const wantFocus = useRef(false);
  const results = useRef<HTMLHeadingElement>(null);
  const onResults = () => {
    if (wantFocus.current) {
      wantFocus.current = false;
      results.current?.focus();
    }
  };

  const exportCsv = async () => {
    setExported('');
    const data = await pageAction.run(() => gql(WorkPlanCsvDocument, { id: plan.id }));
    if (!data) return;
    const name = `${slug(sg.name)}-${slug(plan.title)}.csv`;
    const url = URL.createObjectURL(new Blob([data.workPlanCsv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setExported(`The plan's actions have been downloaded as ${name}.`);
  };

  const activate = async (e: FormEvent) => {
    e.preventDefault();
    const done = await pageAction.run(() => gql(ActivateWorkPlanDocument, { input: { workPlanId: plan.id } }));
    if (done) navigate(`/sub-groups/${sg.id}/work-plan`, { state: flash(`${plan.title} is now the active work plan for ${sg.name}`) });
  };

  const manage: ReactNode[] = [];
  if (canEdit)
    manage.push(
      <Link className="govuk-link" to={`/work-plans/${plan.id}/change`} key="change">
        Change plan details
      </Link>,
    );
  if (canLead && plan.status !== 'DRAFT')
    manage.push(
      <Link className="govuk-link" to={`/work-plans/${plan.id}/roll-forward`} key="roll">
        Roll forward to a new plan
      </Link>,
    );
  if (canEdit)
    manage.push(
      <Link className="govuk-link" to={`/work-plans/${plan.id}/close`} key="close">
        Close this plan
      </Link>,
    );

  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/dashboard', label: 'Dashboard' },
          ...(plan.status === 'ACTIVE' ? [] : [{ to: `/sub-groups/${sg.id}/work-plan`, label: `${sg.name} work plan` }]),
        ]}
      />
      <ErrorSummary errors={errors} fields={['due']} />
      <FlashBanner />
      <span className="govuk-caption-l">{sg.name}</span>
      <h1 className="govuk-heading-l">{plan.title}</h1>

      <dl className="govuk-summary-list" id="plan-details">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Period</dt>
          <dd className="govuk-summary-list__value">{formatPeriod(plan)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            <WorkPlanStatusTag status={plan.status} />
          </dd>
        </div>
        {plan.rolledFromPlanId && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Carried on from</dt>
            <dd className="govuk-summary-list__value">
              {rolledFrom ? (
                <Link className="govuk-link" to={planHref(rolledFrom)}>
                  {rolledFrom.title}
                </Link>
              ) : (
                'An earlier plan'
              )}
            </dd>
          </div>
        )}
      </dl>

      {plan.status === 'DRAFT' && (
        <div className="govuk-inset-text" id="draft-notice">
          This plan is a draft. {canEdit ? 'Add its objectives and actions, then make it the active plan.' : ''}
          {canEdit && (
            <form onSubmit={activate} noValidate className="govuk-!-margin-top-4">
              <Button busy={pageAction.busy}>Make this the active plan</Button>
            </form>
          )}
        </div>
      )}
      {plan.status === 'CLOSED' && (
        <div className="govuk-inset-text" id="closed-notice">
          This plan is closed: its record stays as it was, and it cannot be changed.
        </div>
      )}

      <div className="govuk-button-group">
        {canEdit && <LinkButton to={`/work-plans/${plan.id}/objectives/new`}>Add an objective</LinkButton>}
        {canEdit && (
          <LinkButton secondary to={`/work-plans/${plan.id}/import`}>
            Import actions from CSV
          </LinkButton>
        )}
        <Button secondary type="button" busy={pageAction.busy} onClick={() => void exportCsv()}>
          Export CSV
        </Button>
      </div>
      <p className="govuk-visually-hidden" aria-live="polite" id="export-status">
        {exported}
      </p>
      {manage.length > 0 && (
        <ul className="govuk-list" id="plan-links">
          {manage.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-m">Summary</h2>
      <PlanSummaryList summary={plan.summary} />

      <h2 className="govuk-heading-m" id="actions-heading">
        Actions
      </h2>
      {plan.summary.total === 0 && !isFiltered(filters) && !filters.sort ? null : (
        <PlanFilterBox
          key={params.toString()}
          initial={filters}
          errors={filterErrors}
          options={filterOptions.data}
          onApply={(f) => {
            const due = f.due.trim();
            if (due && !(/^\d{1,3}$/.test(due) && Number(due) <= 366)) {
              setFilterErrors({ due: 'Enter the number of days as a whole number from 0 to 366' });
              return;
            }
            setFilterErrors({});
            wantFocus.current = true;
            setParams(filtersToParams({ ...f, due }));
          }}
        />
      )}
      {isFiltered(filters) || filters.sort ? (
        <FlatActions plan={plan} filters={filters} headingRef={results} onLoaded={onResults} />
      ) : (
        <GroupedActions plan={plan} headingRef={results} onLoaded={onResults} />
      )}

      <PlansTable plans={plans} subGroupName={sg.name} currentId={plan.id} />
    </>
  );
}

// ---- filters -------------------------------------------------------------------------------

const SORTS: Record<string, { label: string; sorted: string; order: ActionOrder }> = {
  due: { label: 'Due date, soonest first', sorted: 'by due date, soonest first', order: { field: 'DUE_DATE', direction: 'ASC' } },
  'due-desc': { label: 'Due date, latest first', sorted: 'by due date, latest first', order: { field: 'DUE_DATE', direction: 'DESC' } },
  title: { label: 'Title, A to Z', sorted: 'by title, A to Z', order: { field: 'TITLE', direction: 'ASC' } },
  rag: { label: 'RAG, red first', sorted: 'by RAG, red first', order: { field: 'RAG', direction: 'ASC' } },
  status: { label: 'Status, not started first', sorted: 'by status, not started first', order: { field: 'STATUS', direction: 'ASC' } },
  updated: {
    label: 'Last update, oldest first',
    sorted: 'by last update, oldest first',
    order: { field: 'LAST_UPDATE', direction: 'ASC' },
  },
  'updated-desc': {
    label: 'Last update, newest first',
    sorted: 'by last update, newest first',
    order: { field: 'LAST_UPDATE', direction: 'DESC' },
  },
};
const SORT_OPTIONS: Option[] = Object.entries(SORTS).map(([value, s]) => ({ value, label: s.label }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATUS_OPTIONS = labelOptions(ACTION_STATUS_LABELS);
const RAG_OPTIONS: Option[] = (['RED', 'AMBER', 'GREEN', 'BLUE'] as DisplayRag[]).map((r) => ({
  value: r,
  label: r === 'BLUE' ? 'Blue (complete)' : DISPLAY_RAG_LABELS[r],
}));

interface PlanFilters {
  statuses: ActionStatus[];
  rags: DisplayRag[];
  owner: string;
  agency: string;
  item: string;
  overdue: boolean;
  due: string;
  stale: boolean;
  /** '' for the plan's own order: grouped by objective. */
  sort: string;
}

/** The filters in the address: status and rag may repeat; anything not understood is left out. */
function filtersFrom(p: URLSearchParams): PlanFilters {
  const uuid = (k: string) => {
    const v = p.get(k) ?? '';
    return UUID.test(v) ? v : '';
  };
  const due = p.get('due') ?? '';
  const sort = p.get('sort') ?? '';
  return {
    statuses: p.getAll('status').filter((s): s is ActionStatus => isLabelKey(ACTION_STATUS_LABELS, s)),
    rags: p.getAll('rag').filter((r): r is DisplayRag => isLabelKey(DISPLAY_RAG_LABELS, r)),
    owner: uuid('owner'),
    agency: uuid('agency'),
    item: uuid('item'),
    overdue: p.get('overdue') === 'yes',
    due: /^\d{1,3}$/.test(due) && Number(due) <= 366 ? String(Number(due)) : '',
    stale: p.get('stale') === 'yes',
    sort: sort in SORTS ? sort : '',
  };
}

function filtersToParams(f: PlanFilters): URLSearchParams {
  const p = new URLSearchParams();
  f.statuses.forEach((s) => p.append('status', s));
  f.rags.forEach((r) => p.append('rag', r));
  if (f.owner) p.set('owner', f.owner);
  if (f.agency) p.set('agency', f.agency);
  if (f.item) p.set('item', f.item);
  if (f.overdue) p.set('overdue', 'yes');
  if (f.due) p.set('due', String(Number(f.due)));
  if (f.stale) p.set('stale', 'yes');
  if (f.sort) p.set('sort', f.sort);
  return p;
}

function isFiltered(f: PlanFilters): boolean {
  return Boolean(f.statuses.length || f.rags.length || f.owner || f.agency || f.item || f.overdue || f.due || f.stale);
}

function apiFilter(f: PlanFilters): ActionFilterInput {
  return {
    statuses: f.statuses.length ? f.statuses : undefined,
    rags: f.rags.length ? f.rags : undefined,
    ownerUserId: f.owner || undefined,
    leadAgencyId: f.agency || undefined,
    frameworkItemId: f.item || undefined,
    overdue: f.overdue || undefined,
    dueWithinDays: f.due ? Number(f.due) : undefined,
    stale: f.stale || undefined,
  };
}

function frameworkGroups(frameworks: FrameworkWithItems[]): OptionGroup[] {
  return frameworks
    .filter((f) => f.items.length)
    .map((f) => ({ label: f.name, options: f.items.map((i) => ({ value: i.id, label: shorten(itemLabel(i)) })) }));
}

/**
 * The filter box: status, RAG, owner, lead agency, framework item, overdue, due within N
 * days and stale, and the order. Applying puts them in the address, so a filtered list can
 * be linked, refreshed and reached with Back. `onApply` answers the filters back when they
 * need fixing.
 */
interface FilterOptions {
  owners: Option[];
  agencies: Option[];
  items: OptionGroup[];
}

async function loadFilterOptions(): Promise<FilterOptions> {
  const [users, agencies, frameworks] = await Promise.all([loadAllUsers(), loadAgencyOptions(), loadFrameworks()]);
  return { owners: userOptions(users), agencies, items: frameworkGroups(frameworks) };
}

function PlanFilterBox({
  initial,
  errors,
  options,
  onApply,
}: {
  initial: PlanFilters;
  errors: Errors;
  options: FilterOptions | undefined;
  onApply: (f: PlanFilters) => void;
}) {
  const [f, setF] = useState(initial);
  const set =
    <K extends keyof PlanFilters>(k: K) =>
    (v: PlanFilters[K]) =>
      setF((old) => ({ ...old, [k]: v }));
  const any = isFiltered(initial) || Boolean(initial.sort);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(f);
  };
  return (
    <div className="app-filters" id="filters">
      <form role="search" aria-labelledby="filters-heading" noValidate onSubmit={submit}>
        <h3 className="govuk-heading-s" id="filters-heading">
          Filter and sort actions
        </h3>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Checkboxes
              name="status"
              legend="Status"
              small
              options={STATUS_OPTIONS}
              value={f.statuses}
              onChange={(v) => set('statuses')(v as ActionStatus[])}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Checkboxes
              name="rag"
              legend="RAG"
              small
              options={RAG_OPTIONS}
              value={f.rags}
              onChange={(v) => set('rags')(v as DisplayRag[])}
            />
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              name="owner"
              label="Owner"
              placeholder="Anyone"
              options={options?.owners ?? []}
              value={f.owner}
              onChange={set('owner')}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              name="agency"
              label="Lead agency"
              placeholder="Any agency"
              options={options?.agencies ?? []}
              value={f.agency}
              onChange={set('agency')}
            />
          </div>
        </div>
        <GroupedSelect
          name="item"
          label="Framework item"
          hint="A statutory principle, promise or priority the action is tagged with."
          placeholder="Any item"
          groups={options?.items ?? []}
          value={f.item}
          onChange={set('item')}
        />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Needs attention</legend>
                <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  <SingleCheckbox
                    name="overdue"
                    label="Overdue"
                    hint="Open and past the due date."
                    checked={f.overdue}
                    onChange={set('overdue')}
                  />
                  <SingleCheckbox
                    name="stale"
                    label="No recent update"
                    hint="Open with no progress update for a while."
                    checked={f.stale}
                    onChange={set('stale')}
                  />
                </div>
              </fieldset>
            </div>
          </div>
          <div className="govuk-grid-column-one-half">
            <NumberInput
              name="due"
              label="Due within"
              hint="Open actions due from today to this many days ahead, for example 30."
              suffix="days"
              value={f.due}
              onChange={set('due')}
              error={errors.due}
            />
          </div>
        </div>
        <Select
          name="sort"
          label="Sort by"
          hint="Without filters, actions are grouped under their objectives. With filters, they are listed soonest due first unless you choose another order."
          placeholder="Plan order"
          options={SORT_OPTIONS}
          value={f.sort}
          onChange={set('sort')}
        />
        <div className="govuk-button-group govuk-!-margin-bottom-0">
          <Button secondary>Apply</Button>
          {any && (
            <Link className="govuk-link" to={{ search: '' }} id="clear-filters">
              Clear filters and sorting
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}

// ---- the actions, grouped or filtered --------------------------------------------------------

function GroupedActions({
  plan,
  headingRef,
  onLoaded,
}: {
  plan: Plan;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onLoaded: () => void;
}) {
  const q = useQuery(async () => (await gql(PlanObjectivesDocument, { id: plan.id })).workPlan.objectives, [plan.id, plan.updatedAt]);
  useEffect(() => {
    if (q.data) onLoaded();
  }, [q.data]);
  return (
    <div id="plan-actions" aria-busy={q.loading}>
      <h3 className="govuk-visually-hidden" id="results-heading" tabIndex={-1} ref={headingRef}>
        Actions by objective
      </h3>
      <Loaded query={q}>
        {(objectives) =>
          objectives.length === 0 ? (
            <p className="govuk-body" id="objectives-empty">
              This plan has no objectives yet.
              {plan.canEdit && ' Add an objective, then add actions under it, or import actions from a CSV file.'}
            </p>
          ) : (
            objectives.map((o) => (
              <section key={o.id} aria-labelledby={`objective-${o.position}`} className="govuk-!-margin-bottom-8">
                <span className="govuk-caption-m">Objective {o.position}</span>
                <h3 className="govuk-heading-m" id={`objective-${o.position}`}>
                  {o.title}
                </h3>
                {o.description && <MultilineText text={o.description} />}
                {plan.canEdit && (
                  <ul className="govuk-list" style={{ display: 'flex', flexWrap: 'wrap', gap: '0 30px' }}>
                    <li>
                      <Link className="govuk-link" to={`/work-plans/${plan.id}/actions/new?objective=${o.id}`}>
                        Add an action<span className="govuk-visually-hidden"> to {o.title}</span>
                      </Link>
                    </li>
                    <li>
                      <Link className="govuk-link" to={`/work-plans/${plan.id}/objectives/${o.id}/change`}>
                        Change objective<span className="govuk-visually-hidden"> {o.title}</span>
                      </Link>
                    </li>
                  </ul>
                )}
                {o.actions.length === 0 ? (
                  <p className="govuk-body">No actions under this objective yet.</p>
                ) : (
                  <ActionsTable
                    id={`objective-${o.position}-actions`}
                    caption={`Actions for objective ${o.position}: ${o.title}`}
                    captionHidden
                    actions={o.actions}
                  />
                )}
              </section>
            ))
          )
        }
      </Loaded>
    </div>
  );
}

function FlatActions({
  plan,
  filters,
  headingRef,
  onLoaded,
}: {
  plan: Plan;
  filters: PlanFilters;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onLoaded: () => void;
}) {
  const page = useCursorPage();
  const key = JSON.stringify(filters);
  const q = useQuery(
    async () =>
      (
        await gql(PlanActionsDocument, {
          id: plan.id,
          filter: apiFilter(filters),
          orderBy: (SORTS[filters.sort] ?? SORTS.due).order,
          first: PAGE_SIZE,
          after: page.after,
        })
      ).workPlan,
    [plan.id, plan.updatedAt, key, page.after],
  );
  useEffect(() => {
    if (q.data) onLoaded();
  }, [q.data]);
  const filtered = isFiltered(filters);
  return (
    <div id="plan-actions" aria-busy={q.loading}>
      <Loaded query={q}>
        {(wp) => {
          const c = wp.actions;
          const titles = new Map(wp.objectives.map((o) => [o.id, o.title]));
          const count = `${c.totalCount} ${c.totalCount === 1 ? 'action' : 'actions'}`;
          return (
            <>
              <h3 className="govuk-heading-s" id="results-heading" tabIndex={-1} ref={headingRef}>
                {filtered ? `${count} ${c.totalCount === 1 ? 'matches' : 'match'} the filters` : count}
                {filters.sort && `, sorted ${SORTS[filters.sort].sorted}`}
              </h3>
              {c.edges.length === 0 ? (
                <p className="govuk-body" id="actions-empty">
                  {filtered ? 'No actions match these filters. Try changing or clearing them.' : 'This plan has no actions yet.'}
                </p>
              ) : (
                <ActionsTable
                  id="actions-table"
                  caption={showingText(page.pageNumber, PAGE_SIZE, c.edges.length, c.totalCount, 'actions')}
                  actions={c.edges.map((e) => e.node)}
                  objectiveTitles={titles}
                />
              )}
              <Pagination pageInfo={c.pageInfo} page={page} label="page of actions" />
            </>
          );
        }}
      </Loaded>
    </div>
  );
}
