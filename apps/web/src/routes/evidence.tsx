import type { PageRoute } from './types';
import { EvidencePage } from '../pages/evidence/evidence';
import { ChangeEvidencePage, NewEvidencePage } from '../pages/evidence/evidence-form';
import { EvidenceListPage } from '../pages/evidence/list';
import { ReviewEvidencePage } from '../pages/evidence/review';

/**
 * Evidence of progress: every signed-in role reads what it may see; members of a sub-group
 * (and the secretariat) add it; the controls to change, submit, review and comment show
 * only where the api says the person may (canEdit, canSubmit, canReview, canComment), and
 * the api refuses the rest.
 */
export const evidenceRoutes: PageRoute[] = [
  { path: '/evidence', roles: 'all', element: <EvidenceListPage /> },
  { path: '/evidence/new', roles: 'all', element: <NewEvidencePage /> },
  { path: '/evidence/:id', roles: 'all', element: <EvidencePage /> },
  { path: '/evidence/:id/change', roles: 'all', element: <ChangeEvidencePage /> },
  { path: '/evidence/:id/review', roles: 'all', element: <ReviewEvidencePage /> },
];
