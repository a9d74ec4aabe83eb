import type { PageRoute } from './types';
import { AcceptInvitationPage } from '../pages/account/accept-invitation';
import { ChangePasswordPage } from '../pages/account/change-password';
import { HomePage } from '../pages/account/home';
import { ResetPasswordPage } from '../pages/account/reset-password';
import { SignInPage } from '../pages/account/sign-in';
import { SignOutPage } from '../pages/account/sign-out';

/** Signing in and out, invitations, password resets and changes, and the home page. */
export const accountRoutes: PageRoute[] = [
  { path: '/sign-in', roles: 'public', element: <SignInPage /> },
  { path: '/sign-out', roles: 'public', element: <SignOutPage /> },
  { path: '/accept-invitation', roles: 'public', element: <AcceptInvitationPage /> },
  { path: '/reset-password', roles: 'public', element: <ResetPasswordPage /> },
  { path: '/account/password', roles: 'all', element: <ChangePasswordPage /> },
  { path: '/', roles: 'all', element: <HomePage /> },
];
