import type { PageRoute } from './types';

export const commitmentRoutes: PageRoute[] = [];
