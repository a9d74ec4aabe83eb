import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { MeQuery } from '../gql/graphql';
import { gql } from './api';
import { clearSession, ensureAccessToken, onSessionChange, setSession, storedRefreshToken, type SessionTokens } from './session';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      name
      email
      role
      jobTitle
      agency {
        id
        name
        sector
      }
      subGroupMemberships {
        role
        subGroup {
          id
          name
        }
      }
    }
    partnership {
      id
      name
      localAuthority
    }
  }
`);

const SignOutDocument = graphql(`
  mutation SignOut($input: RefreshSessionInput!) {
    signOut(input: $input)
  }
`);

export type Me = MeQuery['me'];
export type Role = Me['role'];

interface AuthState {
  me: Me | null;
  partnership: MeQuery['partnership'] | null;
  loading: boolean;
  /** Stores a new session (from sign-in, invitation or reset) and loads who is signed in. */
  startSession(s: SessionTokens): Promise<void>;
  signOut(): Promise<void>;
  /** Reads who is signed in again, e.g. after the partnership's name or one's own details change. */
  reload(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [partnership, setPartnership] = useState<MeQuery['partnership'] | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    if (!(await ensureAccessToken())) {
      setMe(null);
      setPartnership(null);
      return;
    }
    try {
      const data = await gql(MeDocument);
      setMe(data.me);
      setPartnership(data.partnership);
    } catch {
      setMe(null);
      setPartnership(null);
    }
  }, []);

  useEffect(() => {
    load().finally(() => setLoading(false));
    // Signing out in another tab (or a refresh token being refused) signs this one out too.
    const onStorage = (e: StorageEvent) => {
      if (e.key === 'pbw.refreshToken' && !e.newValue) setMe(null);
    };
    window.addEventListener('storage', onStorage);
    const off = onSessionChange(() => {
      if (!storedRefreshToken()) setMe(null);
    });
    return () => {
      window.removeEventListener('storage', onStorage);
      off();
    };
  }, [load]);

  const startSession = useCallback(
    async (s: SessionTokens) => {
      setSession(s);
      await load();
    },
    [load],
  );

  const signOut = useCallback(async () => {
    const token = storedRefreshToken();
    clearSession();
    setMe(null);
    setPartnership(null);
    if (token) await gql(SignOutDocument, { input: { refreshToken: token } }).catch(() => undefined);
  }, []);

  return <AuthContext.Provider value={{ me, partnership, loading, startSession, signOut, reload: load }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export const ROLE_LABELS: Record<Role, string> = {
  SECRETARIAT: 'Board secretariat',
  BOARD_MEMBER: 'Board member',
  MEMBER: 'Member',
};
