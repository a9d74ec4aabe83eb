import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { FlashBanner } from '../../components/govuk';
import { navFor } from '../../components/layout';
import { Loaded, Pagination, showingText, useCursorPage, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { ROLE_LABELS, useAuth, type Me } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { ActionsTable } from '../workplans/common';

const MyActionsDocument = graphql(`
  query MyActions($first: Int, $after: String) {
    actions(filter: { mine: true, activePlansOnly: true }, orderBy: { field: DUE_DATE, direction: ASC }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ActionRow
          subGroup {
            id
            name
          }
        }
      }
    }
  }
`);

const MY_ACTIONS_PAGE_SIZE = 10;

const SUB_GROUP_ROLE_LABELS: Record<Me['subGroupMemberships'][number]['role'], string> = {
  CHAIR: 'Chair',
  MEMBER: 'Member',
};

interface Task {
  key: string;
  text: ReactNode;
  /** A page in the app; without one the task is marked "Coming later". */
  to?: string;
}

/** What this person may use: pages that exist are links, the rest say they are coming later. */
function tasksFor(me: Me): { intro: string; tasks: Task[] } {
  const tasks: Task[] = [];
  let intro: string;
  if (me.role === 'SECRETARIAT') {
    intro = 'You run the board cycle: you set up the partnership, its agencies, users, board and sub-groups, and can see the audit log.';
    for (const n of navFor(me.role)) if (n.to !== '/') tasks.push({ key: n.to, text: n.label, to: n.to });
    tasks.push({ key: '/admin/reminders', text: 'Reminders: when they go out and who hears', to: '/admin/reminders' });
    tasks.push({ key: '/admin/failed-jobs', text: 'Reminder and e-mail jobs that failed', to: '/admin/failed-jobs' });
  } else {
    const chairs = me.subGroupMemberships.filter((m) => m.role === 'CHAIR').map((m) => m.subGroup.name);
    intro =
      me.role === 'BOARD_MEMBER'
        ? 'You read the board packs, dashboards and performance scorecard, and challenge the partnership on its progress.'
        : chairs.length
          ? `You chair ${listOf(chairs)}: you keep the sub-group's work plan current and report its progress to the board.`
          : 'You take part in the work of your sub-groups and your agency.';
    if (me.role === 'BOARD_MEMBER') {
      tasks.push({ key: 'packs', text: 'Read the board pack before each meeting' });
      tasks.push({ key: 'scorecard', text: 'See the performance scorecard' });
    }
    for (const m of me.subGroupMemberships) {
      const to = `/sub-groups/${m.subGroup.id}/work-plan`;
      tasks.push(
        m.role === 'CHAIR'
          ? { key: `chair-${m.subGroup.id}`, text: `Keep the ${m.subGroup.name} work plan current`, to }
          : { key: `member-${m.subGroup.id}`, text: `Update the ${m.subGroup.name} actions you own`, to },
      );
    }
    for (const m of me.subGroupMemberships) {
      if (m.role === 'CHAIR')
        tasks.push({
          key: `report-${m.subGroup.id}`,
          text: `Review ${m.subGroup.name}’s evidence and submit its highlight report to the board`,
        });
      else tasks.push({ key: `evidence-${m.subGroup.id}`, text: `Add evidence to ${m.subGroup.name}` });
    }
    if (me.role === 'MEMBER') tasks.push({ key: 'agency', text: `Log and update the commitments and evidence of ${me.agency.name}` });
    if (me.agency.sector === 'CHILDREN_IN_CARE_COUNCIL') {
      tasks.push({ key: 'voice', text: 'Log issues raised by young people, and see and relay the responses' });
    }
  }
  tasks.push({ key: '/board-actions', text: 'Board actions: what the board asked for, and where each stands', to: '/board-actions' });
  tasks.push({
    key: 'notification-settings',
    text: 'Choose how you hear about reminders, and add your dates to your calendar',
    to: '/notifications/settings',
  });
  tasks.push({ key: 'password', text: 'Change your password', to: '/account/password' });
  return { intro, tasks };
}

function listOf(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "/": who is signed in, their agency and sub-groups, and what they can do here. */
export function HomePage() {
  const auth = useAuth();
  const { me, reload } = auth;
  usePageTitle('Home');
  // Sub-group memberships and details change while people are signed in: read them again each visit.
  useEffect(() => {
    void reload();
  }, [reload]);
  if (!me) return null;
  const { intro, tasks } = tasksFor(me);

  return (
    <>
      <FlashBanner />
      {auth.partnership && <span className="govuk-caption-l">{auth.partnership.name}</span>}
      <h1 className="govuk-heading-l">Welcome, {me.name}</h1>

      <h2 className="govuk-heading-m" id="my-actions-heading">
        My actions
      </h2>
      <MyActions />
      <p className="govuk-body">
        <Link className="govuk-link" to="/dashboard" id="dashboard-link">
          See the partnership dashboard
        </Link>
      </p>

      <h2 className="govuk-heading-m">Your details</h2>
      <dl className="govuk-summary-list" id="your-details">
        <Row label="Name">{me.name}</Row>
        <Row label="Email address">{me.email}</Row>
        <Row label="Job title">{me.jobTitle || 'Not given'}</Row>
        <Row label="Role">{ROLE_LABELS[me.role]}</Row>
        <Row label="Agency">{me.agency.name}</Row>
      </dl>

      <h2 className="govuk-heading-m">Your sub-groups</h2>
      {me.subGroupMemberships.length ? (
        <table className="govuk-table" id="your-sub-groups">
          <caption className="govuk-table__caption govuk-visually-hidden">Your sub-groups and your role in each</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Sub-group
              </th>
              <th scope="col" className="govuk-table__header">
                Your role
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {me.subGroupMemberships.map((m) => (
              <tr className="govuk-table__row" key={m.subGroup.id}>
                <th scope="row" className="govuk-table__header">
                  {m.subGroup.name}
                </th>
                <td className="govuk-table__cell">{SUB_GROUP_ROLE_LABELS[m.role]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body" id="your-sub-groups">
          You are not in any sub-groups.
        </p>
      )}

      <h2 className="govuk-heading-m">What you can do here</h2>
      <p className="govuk-body">{intro}</p>
      <ul className="govuk-list govuk-list--spaced" id="what-you-can-do">
        {tasks.map((t) => (
          <li key={t.key}>
            {t.to ? (
              <Link className="govuk-link" to={t.to}>
                {t.text}
              </Link>
            ) : (
              <>
                {t.text} <strong className="govuk-tag govuk-tag--grey">Coming later</strong>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The actions this person owns in active work plans, soonest due first, a page at a time. */
function MyActions() {
  const page = useCursorPage();
  const q = useQuery(() => gql(MyActionsDocument, { first: MY_ACTIONS_PAGE_SIZE, after: page.after }), [page.after]);
  return (
    <Loaded query={q}>
      {({ actions: c }) =>
        c.edges.length === 0 ? (
          <p className="govuk-body" id="my-actions-empty">
            You do not own any actions in active work plans.
          </p>
        ) : (
          <>
            <ActionsTable
              id="my-actions"
              caption={`Actions you own in active work plans, soonest due first. ${showingText(page.pageNumber, MY_ACTIONS_PAGE_SIZE, c.edges.length, c.totalCount, 'actions')}`}
              actions={c.edges.map((e) => e.node)}
              subGroupNames={new Map(c.edges.map((e) => [e.node.id, e.node.subGroup.name]))}
              showOwner={false}
            />
            <Pagination pageInfo={c.pageInfo} page={page} label="page of my actions" />
          </>
        )
      }
    </Loaded>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}
