import type { PageRoute } from './types';
import { PublicLocalOfferPage } from '../pages/local-offer/public';
import { PublishLocalOfferPage } from '../pages/local-offer/publish';

/** The local offer for care leavers: the secretariat publishes it; anyone reads what was published, signed in or not. */
export const localOfferRoutes: PageRoute[] = [
  { path: '/commitments/local-offer', roles: ['SECRETARIAT'], element: <PublishLocalOfferPage /> },
  { path: '/local-offer/:slug', roles: 'public', element: <PublicLocalOfferPage /> },
];
