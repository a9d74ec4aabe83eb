import type { PageRoute } from './types';
import { FailedJobsPage } from '../pages/admin/failed-jobs';
import { ReminderRulePage, ReminderRulesPage } from '../pages/admin/reminders';
import { NotificationsPage } from '../pages/notifications/centre';
import { NotificationSettingsPage } from '../pages/notifications/settings';

/**
 * Reminders and notifications: everyone's notification centre, how they hear about each kind
 * and their calendar link; the secretariat's reminder rules, e-mail previews and failed jobs.
 */
export const notificationRoutes: PageRoute[] = [
  { path: '/notifications', roles: 'all', element: <NotificationsPage /> },
  { path: '/notifications/settings', roles: 'all', element: <NotificationSettingsPage /> },
  { path: '/admin/reminders', roles: ['SECRETARIAT'], element: <ReminderRulesPage /> },
  { path: '/admin/reminders/:kind', roles: ['SECRETARIAT'], element: <ReminderRulePage /> },
  { path: '/admin/failed-jobs', roles: ['SECRETARIAT'], element: <FailedJobsPage /> },
];
