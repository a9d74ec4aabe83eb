import type { PageRoute } from './types';
import { CommitmentPage } from '../pages/commitments/commitment';
import { EditCommitmentPage, NewCommitmentPage } from '../pages/commitments/commitment-form';
import { CommitmentListPage } from '../pages/commitments/list';

/**
 * Partner agencies' commitments: everyone signed in reads what they may see; the agency's own
 * people and the secretariat add, change and post updates (the controls show where the api's
 * canEdit says so, and the api refuses the rest).
 */
export const commitmentRoutes: PageRoute[] = [
  { path: '/commitments', roles: 'all', element: <CommitmentListPage /> },
  { path: '/commitments/new', roles: 'all', element: <NewCommitmentPage /> },
  { path: '/commitments/:id', roles: 'all', element: <CommitmentPage /> },
  { path: '/commitments/:id/edit', roles: 'all', element: <EditCommitmentPage /> },
];
