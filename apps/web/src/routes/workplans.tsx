import type { PageRoute } from './types';
import { ActionPage } from '../pages/workplans/action';
import { EditActionPage, NewActionPage } from '../pages/workplans/action-form';
import { DashboardPage } from '../pages/workplans/dashboard';
import { ImportActionsPage } from '../pages/workplans/import';
import { ChangeObjectivePage, NewObjectivePage } from '../pages/workplans/objectives';
import { ChangeWorkPlanPage, CloseWorkPlanPage, NewWorkPlanPage, RollForwardPage } from '../pages/workplans/plan-forms';
import { SubGroupWorkPlanPage, WorkPlanPage } from '../pages/workplans/work-plan';

/**
 * The partnership dashboard, sub-groups' work plans, objectives and actions. Every signed-in
 * role reads them; the edit controls show only where the api says the person may act
 * (workPlan.canEdit, action.canEdit, action.canUpdate), and the api refuses the rest.
 */
export const workPlanRoutes: PageRoute[] = [
  { path: '/dashboard', roles: 'all', element: <DashboardPage /> },
  { path: '/sub-groups/:id/work-plan', roles: 'all', element: <SubGroupWorkPlanPage /> },
  { path: '/sub-groups/:id/work-plan/new', roles: 'all', element: <NewWorkPlanPage /> },
  { path: '/work-plans/:id', roles: 'all', element: <WorkPlanPage /> },
  { path: '/work-plans/:id/change', roles: 'all', element: <ChangeWorkPlanPage /> },
  { path: '/work-plans/:id/roll-forward', roles: 'all', element: <RollForwardPage /> },
  { path: '/work-plans/:id/close', roles: 'all', element: <CloseWorkPlanPage /> },
  { path: '/work-plans/:id/import', roles: 'all', element: <ImportActionsPage /> },
  { path: '/work-plans/:id/objectives/new', roles: 'all', element: <NewObjectivePage /> },
  { path: '/work-plans/:id/objectives/:objectiveId/change', roles: 'all', element: <ChangeObjectivePage /> },
  { path: '/work-plans/:id/actions/new', roles: 'all', element: <NewActionPage /> },
  { path: '/actions/:id', roles: 'all', element: <ActionPage /> },
  { path: '/actions/:id/edit', roles: 'all', element: <EditActionPage /> },
];
