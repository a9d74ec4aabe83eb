import type { PageRoute } from './types';

/** The secretariat's administration: partnership details, agencies and users. */
export const adminRoutes: PageRoute[] = [];
