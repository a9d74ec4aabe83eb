import { useEffect, useState } from 'react';
import { graphql } from '../gql';
import { gql } from './api';

const UnreadNotificationCountDocument = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

const listeners = new Set<() => void>();

/** Tells the header to read the unread count again: call it after marking notifications read. */
export function unreadCountChanged(): void {
  listeners.forEach((l) => l());
}

/**
 * How many notifications the signed-in person has not read: read again whenever `refreshKey`
 * changes (the header passes the page's path, so every navigation refreshes it) and after
 * `unreadCountChanged()`. Undefined while signed out, and while the first answer is awaited.
 */
export function useUnreadCount(userId: string | undefined, refreshKey: string): number | undefined {
  const [count, setCount] = useState<number | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  useEffect(() => {
    if (!userId) {
      setCount(undefined);
      return;
    }
    // A slower, older answer never replaces a newer one.
    let current = true;
    gql(UnreadNotificationCountDocument).then(
      (d) => {
        if (current) setCount(d.unreadNotificationCount);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [userId, refreshKey, tick]);
  return userId ? count : undefined;
}
