import type { PageRoute } from './types';

export const searchRoutes: PageRoute[] = [];
