/**
 * What the board, sub-group and audit pages share beyond components/lists.tsx and
 * pages/admin/shared.tsx: the partnership's users for selects and names, a success banner
 * for a change made without leaving the page, and the start of a day in Europe/London.
 */
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Option } from '../../components/forms';
import { flash, loadAll } from '../../components/lists';
import { graphql } from '../../gql';
import type { UserStatus } from '../../gql/graphql';
import { gql } from '../../lib/api';

const BoardUsersDocument = graphql(`
  query BoardUsers($filter: UserFilter, $after: String) {
    users(filter: $filter, first: 100, after: $after) {
      edges {
        node {
          id
          name
          status
          agency {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export interface UserSummary {
  id: string;
  name: string;
  status: UserStatus;
  agency: { id: string; name: string };
}

/** Every user in the partnership (or those with one status), by name. */
export async function loadAllUsers(status?: UserStatus): Promise<UserSummary[]> {
  const users = await loadAll(async (after) => (await gql(BoardUsersDocument, { filter: status ? { status } : null, after })).users);
  return users.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** Options for a user select: "Name (Agency)", so two people with one name can be told apart. */
export function userOptions(users: UserSummary[]): Option[] {
  return users.map((u) => ({ value: u.id, label: `${u.name} (${u.agency.name})` }));
}

/**
 * Shows a success banner (components/lists.tsx FlashBanner, which the page renders) for a
 * change made on this page, and moves focus to it once it shows, as GOV.UK Frontend does
 * for a success banner.
 */
export function useInPageFlash(): (message: string) => void {
  const navigate = useNavigate();
  const location = useLocation();
  const pending = useRef<string | null>(null);
  useEffect(() => {
    const banner = document.querySelector<HTMLElement>('.govuk-notification-banner--success');
    if (pending.current && banner?.textContent?.includes(pending.current)) {
      banner.tabIndex = -1;
      banner.focus();
      pending.current = null;
    }
  }, [location.key]);
  return (message: string) => {
    pending.current = message;
    navigate(location.pathname + location.search, { replace: true, state: flash(message) });
  };
}

/** On a change page reached from a summary list's "Change" link (`…/change#name`), focuses that field. */
export function useFocusHash(): void {
  const { hash } = useLocation();
  useEffect(() => {
    const el = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
    }
  }, [hash]);
}

/** Minutes Europe/London is ahead of UTC at an instant. */
function londonOffsetMinutes(at: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const n = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60000);
}

/** The instant (ISO, UTC) a calendar day starts in Europe/London. Clocks there never change at midnight. */
export function londonStartOfDay(year: number, month: number, day: number): string {
  const utcMidnight = Date.UTC(year, month - 1, day);
  let at = utcMidnight - londonOffsetMinutes(utcMidnight) * 60000;
  at = utcMidnight - londonOffsetMinutes(at) * 60000;
  return new Date(at).toISOString();
}
