import type { PageRoute } from './types';
import { SearchPage } from '../pages/search/search';

/** Search across the actions, evidence, highlight reports and comments each person may see. */
export const searchRoutes: PageRoute[] = [{ path: '/search', roles: 'all', element: <SearchPage /> }];
