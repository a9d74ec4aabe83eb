import type { PageRoute } from './types';
import { AgenciesPage, EditAgencyPage, NewAgencyPage } from '../pages/admin/agencies';
import { ChangePartnershipPage, PartnershipPage } from '../pages/admin/partnership';
import { PersonalDataNamesPage } from '../pages/admin/personal-data-names';
import { ChangeUserPage, DeactivateUserPage, UserPage } from '../pages/admin/user';
import { InviteUserPage, UsersPage } from '../pages/admin/users';

const SECRETARIAT: PageRoute['roles'] = ['SECRETARIAT'];

/** The secretariat's administration: partnership details, agencies and users. */
export const adminRoutes: PageRoute[] = [
  { path: '/admin/partnership', roles: SECRETARIAT, element: <PartnershipPage /> },
  { path: '/admin/partnership/change', roles: SECRETARIAT, element: <ChangePartnershipPage /> },
  { path: '/admin/personal-data-names', roles: SECRETARIAT, element: <PersonalDataNamesPage /> },
  { path: '/admin/agencies', roles: SECRETARIAT, element: <AgenciesPage /> },
  { path: '/admin/agencies/new', roles: SECRETARIAT, element: <NewAgencyPage /> },
  { path: '/admin/agencies/:id', roles: SECRETARIAT, element: <EditAgencyPage /> },
  { path: '/admin/users', roles: SECRETARIAT, element: <UsersPage /> },
  { path: '/admin/users/invite', roles: SECRETARIAT, element: <InviteUserPage /> },
  { path: '/admin/users/:id', roles: SECRETARIAT, element: <UserPage /> },
  { path: '/admin/users/:id/change', roles: SECRETARIAT, element: <ChangeUserPage /> },
  { path: '/admin/users/:id/deactivate', roles: SECRETARIAT, element: <DeactivateUserPage /> },
];
