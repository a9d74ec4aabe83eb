import type { PageRoute } from './types';

export const meetingRoutes: PageRoute[] = [];
