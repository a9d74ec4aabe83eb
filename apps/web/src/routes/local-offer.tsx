import type { PageRoute } from './types';

export const localOfferRoutes: PageRoute[] = [];
