import type { ReactElement } from 'react';
import type { Role } from '../lib/auth';

/** A page and who may use it: 'public' pages need no sign-in; the rest answer "Page not found" to other roles. */
export interface PageRoute {
  path: string;
  roles: Role[] | 'all' | 'public';
  element: ReactElement;
}
