import type { PageRoute } from './types';
import { MeetingPage } from '../pages/meetings/meeting';
import { ChangeMeetingPage, NewMeetingPage } from '../pages/meetings/meeting-form';
import { MeetingStatusPage } from '../pages/meetings/meeting-status';
import { MeetingsPage } from '../pages/meetings/meetings';
import { ChangeReportPage } from '../pages/reports/report-form';
import { ReportPage } from '../pages/reports/report';
import { ReviewReportPage } from '../pages/reports/review';
import { SubmitReportPage } from '../pages/reports/submit';

const SECRETARIAT: PageRoute['roles'] = ['SECRETARIAT'];

/**
 * Board meetings and the sub-groups' highlight reports to them. Everyone reads meetings and
 * the reports they may see; the secretariat schedules meetings and reviews reports; a
 * sub-group's chair (or the secretariat) writes and submits its report, where the api says
 * they may (report.canEdit, canSubmit, canReview), and the api refuses the rest.
 */
export const meetingRoutes: PageRoute[] = [
  { path: '/meetings', roles: 'all', element: <MeetingsPage /> },
  { path: '/meetings/new', roles: SECRETARIAT, element: <NewMeetingPage /> },
  { path: '/meetings/:id', roles: 'all', element: <MeetingPage /> },
  { path: '/meetings/:id/change', roles: SECRETARIAT, element: <ChangeMeetingPage /> },
  { path: '/meetings/:id/held', roles: SECRETARIAT, element: <MeetingStatusPage to="HELD" /> },
  { path: '/meetings/:id/cancel', roles: SECRETARIAT, element: <MeetingStatusPage to="CANCELLED" /> },
  { path: '/meetings/:id/plan-again', roles: SECRETARIAT, element: <MeetingStatusPage to="PLANNED" /> },
  { path: '/reports/:id', roles: 'all', element: <ReportPage /> },
  { path: '/reports/:id/change', roles: 'all', element: <ChangeReportPage /> },
  { path: '/reports/:id/submit', roles: 'all', element: <SubmitReportPage /> },
  { path: '/reports/:id/review', roles: SECRETARIAT, element: <ReviewReportPage /> },
];
