import type { PageRoute } from './types';
import { ImportFiguresPage } from '../pages/scorecard/import';
import { IndicatorPage } from '../pages/scorecard/indicator';
import { ChangeIndicatorPage, NewIndicatorPage } from '../pages/scorecard/indicator-form';
import { ScorecardPage } from '../pages/scorecard/scorecard';

/**
 * The performance scorecard: everyone signed in reads it and each indicator's figures; the
 * board secretariat keeps the indicators and imports figures (other roles get "Page not
 * found" there, as the api refuses them); recording a figure on an indicator's page shows
 * only where the api says the person may (canRecord).
 */
export const scorecardRoutes: PageRoute[] = [
  { path: '/scorecard', roles: 'all', element: <ScorecardPage /> },
  { path: '/scorecard/new', roles: ['SECRETARIAT'], element: <NewIndicatorPage /> },
  { path: '/scorecard/import', roles: ['SECRETARIAT'], element: <ImportFiguresPage /> },
  { path: '/scorecard/:id', roles: 'all', element: <IndicatorPage /> },
  { path: '/scorecard/:id/edit', roles: ['SECRETARIAT'], element: <ChangeIndicatorPage /> },
];
