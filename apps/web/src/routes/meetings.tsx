import type { PageRoute } from './types';
import { AgendaBuilderPage } from '../pages/meetings/agenda';
import { ChangeAgendaItemPage, NewAgendaItemPage } from '../pages/meetings/agenda-item-form';
import { RemoveAgendaItemPage } from '../pages/meetings/agenda-remove';
import { BoardActionPage, BoardActionsPage, NewBoardActionPage } from '../pages/meetings/board-actions';
import { MeetingPage } from '../pages/meetings/meeting';
import { ChangeMeetingPage, NewMeetingPage } from '../pages/meetings/meeting-form';
import { MeetingStatusPage } from '../pages/meetings/meeting-status';
import { MeetingsPage } from '../pages/meetings/meetings';
import { BoardPackPage } from '../pages/meetings/pack';
import { ClearFindingPage, PackFindingsPage } from '../pages/meetings/pack-findings';
import { PublishPackPage } from '../pages/meetings/pack-publish';
import { AddPaperPage } from '../pages/meetings/paper';
import { PaperDownloadPage } from '../pages/meetings/paper-download';
import { PackReadinessPage } from '../pages/meetings/readiness';
import { RecordMeetingPage } from '../pages/meetings/record';
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
 *
 * The secretariat builds each meeting's agenda, checks the pack is ready, and records
 * attendance, minutes and the board's actions; everyone reads them on the meeting's page and
 * the action log. The secretariat compiles the board pack (its progress shown live), checks the
 * public edition for personal data and publishes it. A paper's author adds the paper (the page answers "Page not found" to anyone
 * else); an action's owner updates it on its page.
 */
export const meetingRoutes: PageRoute[] = [
  { path: '/meetings', roles: 'all', element: <MeetingsPage /> },
  { path: '/meetings/new', roles: SECRETARIAT, element: <NewMeetingPage /> },
  { path: '/meetings/:id', roles: 'all', element: <MeetingPage /> },
  { path: '/meetings/:id/change', roles: SECRETARIAT, element: <ChangeMeetingPage /> },
  { path: '/meetings/:id/held', roles: SECRETARIAT, element: <MeetingStatusPage to="HELD" /> },
  { path: '/meetings/:id/cancel', roles: SECRETARIAT, element: <MeetingStatusPage to="CANCELLED" /> },
  { path: '/meetings/:id/plan-again', roles: SECRETARIAT, element: <MeetingStatusPage to="PLANNED" /> },
  { path: '/meetings/:id/agenda', roles: SECRETARIAT, element: <AgendaBuilderPage /> },
  { path: '/meetings/:id/agenda/new', roles: SECRETARIAT, element: <NewAgendaItemPage /> },
  { path: '/meetings/:id/agenda/:itemId', roles: SECRETARIAT, element: <ChangeAgendaItemPage /> },
  { path: '/meetings/:id/agenda/:itemId/remove', roles: SECRETARIAT, element: <RemoveAgendaItemPage /> },
  { path: '/meetings/:id/agenda/:itemId/paper', roles: 'all', element: <AddPaperPage /> },
  { path: '/meetings/:id/papers/:itemId', roles: 'all', element: <PaperDownloadPage /> },
  { path: '/meetings/:id/readiness', roles: SECRETARIAT, element: <PackReadinessPage /> },
  { path: '/meetings/:id/pack', roles: SECRETARIAT, element: <BoardPackPage /> },
  { path: '/meetings/:id/pack/:packId/findings', roles: SECRETARIAT, element: <PackFindingsPage /> },
  { path: '/meetings/:id/pack/:packId/findings/:findingId', roles: SECRETARIAT, element: <ClearFindingPage /> },
  { path: '/meetings/:id/pack/:packId/publish', roles: SECRETARIAT, element: <PublishPackPage /> },
  { path: '/meetings/:id/record', roles: SECRETARIAT, element: <RecordMeetingPage /> },
  { path: '/meetings/:id/actions/new', roles: SECRETARIAT, element: <NewBoardActionPage /> },
  { path: '/board-actions', roles: 'all', element: <BoardActionsPage /> },
  { path: '/board-actions/:id', roles: 'all', element: <BoardActionPage /> },
  { path: '/reports/:id', roles: 'all', element: <ReportPage /> },
  { path: '/reports/:id/change', roles: 'all', element: <ChangeReportPage /> },
  { path: '/reports/:id/submit', roles: 'all', element: <SubmitReportPage /> },
  { path: '/reports/:id/review', roles: SECRETARIAT, element: <ReviewReportPage /> },
];
