import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useAuth, type Role } from '../lib/auth';
import { usePageTitle } from '../lib/page';
import { useUnreadCount } from '../lib/unread';

interface NavItem {
  to: string;
  label: string;
  roles: Role[] | 'all';
  /** Other address prefixes that belong to this item, so it stays current on their pages. */
  also?: string[];
  /** Shows the signed-in person's unread notification count beside the label. */
  unreadCount?: true;
}

/** What each role may use. A page not listed for a role answers as a missing page. */
export const NAV: NavItem[] = [
  { to: '/', label: 'Home', roles: 'all' },
  { to: '/dashboard', label: 'Dashboard', roles: 'all', also: ['/sub-groups', '/work-plans', '/actions'] },
  { to: '/evidence', label: 'Evidence', roles: 'all' },
  { to: '/meetings', label: 'Meetings', roles: 'all', also: ['/reports', '/board-actions'] },
  { to: '/commitments', label: 'Commitments', roles: 'all' },
  { to: '/scorecard', label: 'Scorecard', roles: 'all' },
  { to: '/principles', label: 'Principles', roles: 'all' },
  { to: '/voice', label: 'Voice', roles: 'all' },
  { to: '/annual-update', label: 'Annual update', roles: ['SECRETARIAT'] },
  // The partnership's settings include when its reminders go out.
  {
    to: '/admin/partnership',
    label: 'Partnership',
    roles: ['SECRETARIAT'],
    also: ['/admin/reminders', '/admin/failed-jobs', '/admin/personal-data-names'],
  },
  { to: '/admin/agencies', label: 'Agencies', roles: ['SECRETARIAT'] },
  { to: '/admin/users', label: 'Users', roles: ['SECRETARIAT'] },
  { to: '/admin/board', label: 'Board and sub-groups', roles: ['SECRETARIAT'], also: ['/admin/sub-groups'] },
  { to: '/admin/audit', label: 'Audit log', roles: ['SECRETARIAT'] },
  { to: '/notifications', label: 'Notifications', roles: 'all', unreadCount: true },
];

export function navFor(role: Role | undefined): NavItem[] {
  return role ? NAV.filter((n) => n.roles === 'all' || n.roles.includes(role)) : [];
}

/**
 * Service navigation alone, without the GOV.UK header: the Design System's pattern for a
 * service that is not on GOV.UK (no crown, no GOV.UK logo).
 */
function Header() {
  const { me, partnership } = useAuth();
  const items = navFor(me?.role);
  const { pathname } = useLocation();
  const unread = useUnreadCount(me?.id, pathname);
  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to="/" className="govuk-service-navigation__link">
              Partnership Board Workspace
            </Link>
            {partnership && <span className="app-partnership-name"> · {partnership.name}</span>}
          </span>
          {me && (
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <ul className="govuk-service-navigation__list" id="navigation">
                {items.map((n) => {
                  const active =
                    n.to === '/' ? pathname === '/' : [n.to, ...(n.also ?? [])].some((p) => pathname === p || pathname.startsWith(`${p}/`));
                  const label = n.unreadCount ? <UnreadLabel label={n.label} count={unread} /> : n.label;
                  return (
                    <li key={n.to} className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
                      <Link className="govuk-service-navigation__link" to={n.to} aria-current={active ? 'page' : undefined}>
                        {active ? <strong className="govuk-service-navigation__active-fallback">{label}</strong> : label}
                      </Link>
                    </li>
                  );
                })}
                <li className="govuk-service-navigation__item">
                  <Link className="govuk-service-navigation__link" to="/sign-out">
                    Sign out
                  </Link>
                </li>
              </ul>
            </nav>
          )}
        </div>
        {me && <HeaderSearch />}
      </div>
    </section>
  );
}

/**
 * "Notifications (3)", heard as "Notifications (3 unread)"; just "Notifications" when none
 * are unread (or the count has not come yet).
 */
function UnreadLabel({ label, count }: { label: string; count: number | undefined }) {
  if (!count) return <>{label}</>;
  return (
    <>
      {label}{' '}
      <span data-testid="unread-count">
        ({count}
        <span className="govuk-visually-hidden"> unread</span>)
      </span>
    </>
  );
}

/**
 * The search box on every signed-in page, under the menu: a GET form to /search, so the
 * address it makes is the results page's own; the app answers it without a reload.
 */
function HeaderSearch() {
  const [q, setQ] = useState('');
  const navigate = useNavigate();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/search?${new URLSearchParams({ q }).toString()}`);
    setQ('');
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', paddingBottom: '10px' }}>
      <form
        role="search"
        aria-label="Site search"
        action="/search"
        method="get"
        onSubmit={submit}
        style={{ display: 'flex', maxWidth: '100%' }}
      >
        <label className="govuk-label govuk-visually-hidden" htmlFor="header-search">
          Search
        </label>
        <input
          className="govuk-input govuk-!-font-size-16"
          id="header-search"
          name="q"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ flex: '0 1 16em', minWidth: 0, height: '36px' }}
        />
        <button
          type="submit"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-1 govuk-!-font-size-16"
          data-module="govuk-button"
          style={{ flex: 'none', width: 'auto', padding: '6px 12px' }}
        >
          Search
        </button>
      </form>
    </div>
  );
}

function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <p className="govuk-body-s">Partnership Board Workspace: corporate parenting partnership boards, sub-groups and partners.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}

/** Skip link, header, navigation, main and footer, with focus moved to the page on each navigation. */
export function Layout({ children }: { children: ReactNode }) {
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // Compared with the previous address rather than "skip the first run", which React's
  // StrictMode defeats by running effects twice.
  const previous = useRef(location.pathname);
  useEffect(() => {
    if (previous.current === location.pathname) return;
    previous.current = location.pathname;
    // Screen readers start at the new page; the view starts at its top, header included.
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
        Skip to main content
      </a>
      <Header />
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" ref={main} tabIndex={-1}>
          {children}
        </main>
      </div>
      <Footer />
    </>
  );
}

export function NotFound() {
  usePageTitle('Page not found');
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          Go to the home page
        </Link>
      </p>
    </>
  );
}

/**
 * Signed-in pages. A page the role may not use answers exactly like a missing page, so
 * the navigation and the address bar reveal nothing more than the api does.
 */
export function RequireRole({ roles, children }: { roles: Role[] | 'all'; children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <p className="govuk-body">Loading…</p>;
  if (!me) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles !== 'all' && !roles.includes(me.role)) return <NotFound />;
  return <>{children}</>;
}
