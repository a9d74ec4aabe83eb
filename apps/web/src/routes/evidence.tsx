import type { PageRoute } from './types';

export const evidenceRoutes: PageRoute[] = [];
