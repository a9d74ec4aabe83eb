import type { PageRoute } from './types';
import { AuditPage } from '../pages/admin/audit';
import { BoardChangePage, BoardPage } from '../pages/admin/board';
import { RemoveMemberPage, SubGroupChangePage, SubGroupNewPage, SubGroupPage } from '../pages/admin/sub-group';

/** The board, its sub-groups with chairs and members, and the audit log. */
export const boardRoutes: PageRoute[] = [
  { path: '/admin/board', roles: ['SECRETARIAT'], element: <BoardPage /> },
  { path: '/admin/board/change', roles: ['SECRETARIAT'], element: <BoardChangePage /> },
  { path: '/admin/sub-groups/new', roles: ['SECRETARIAT'], element: <SubGroupNewPage /> },
  { path: '/admin/sub-groups/:id', roles: ['SECRETARIAT'], element: <SubGroupPage /> },
  { path: '/admin/sub-groups/:id/change', roles: ['SECRETARIAT'], element: <SubGroupChangePage /> },
  { path: '/admin/sub-groups/:id/members/:userId/remove', roles: ['SECRETARIAT'], element: <RemoveMemberPage /> },
  { path: '/admin/audit', roles: ['SECRETARIAT'], element: <AuditPage /> },
];
