import type { PageRoute } from './types';
import { AnnualUpdatePage, DraftAnnualUpdateAgainPage } from '../pages/packs/annual-update';
import { PublishedBoardPacksPage } from '../pages/packs/public';

/**
 * Published board packs, for anyone with no sign-in (the api keeps /public/… for the files
 * themselves, so the page lives at /board-packs/…); and the annual update, which only the
 * secretariat writes (the api refuses everyone else, and the page answers "Page not found").
 */
export const packRoutes: PageRoute[] = [
  { path: '/board-packs/:slug', roles: 'public', element: <PublishedBoardPacksPage /> },
  { path: '/annual-update', roles: ['SECRETARIAT'], element: <AnnualUpdatePage /> },
  { path: '/annual-update/draft-again', roles: ['SECRETARIAT'], element: <DraftAnnualUpdateAgainPage /> },
];
