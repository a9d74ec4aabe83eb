import type { PageRoute } from './types';
import { CoveragePage } from '../pages/principles/coverage';
import { PrinciplePage } from '../pages/principles/principle';

/** The corporate parenting principles: everyone reads the coverage and the self-assessment; the secretariat writes it. */
export const principleRoutes: PageRoute[] = [
  { path: '/principles', roles: 'all', element: <CoveragePage /> },
  { path: '/principles/:id', roles: 'all', element: <PrinciplePage /> },
];
