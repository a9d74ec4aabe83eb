import type { PageRoute } from './types';
import { EditVoiceItemPage, NewVoiceItemPage } from '../pages/voice/form';
import { VoiceItemPage } from '../pages/voice/item';
import { VoiceListPage } from '../pages/voice/list';
import { YouSaidWeDidPage } from '../pages/voice/you-said-we-did';

/**
 * The voice of children in care: everyone reads what they may (the api decides); the
 * secretariat records and assigns; whoever it is assigned to answers, where the api's
 * canRespond says so.
 */
export const voiceRoutes: PageRoute[] = [
  { path: '/voice', roles: 'all', element: <VoiceListPage /> },
  { path: '/voice/new', roles: ['SECRETARIAT'], element: <NewVoiceItemPage /> },
  { path: '/voice/you-said-we-did', roles: 'all', element: <YouSaidWeDidPage /> },
  { path: '/voice/:id', roles: 'all', element: <VoiceItemPage /> },
  { path: '/voice/:id/edit', roles: ['SECRETARIAT'], element: <EditVoiceItemPage /> },
];
