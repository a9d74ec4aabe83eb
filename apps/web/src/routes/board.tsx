import type { PageRoute } from './types';

/** The board, its sub-groups with chairs and members, and the audit log. */
export const boardRoutes: PageRoute[] = [];
