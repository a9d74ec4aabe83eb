import type { PageRoute } from './types';
import { HomePage } from '../pages/home';
import { SignInPage } from '../pages/sign-in';

/** Signing in and out, invitations, password resets and the home page. */
export const accountRoutes: PageRoute[] = [
  { path: '/sign-in', roles: 'public', element: <SignInPage /> },
  { path: '/', roles: 'all', element: <HomePage /> },
];
