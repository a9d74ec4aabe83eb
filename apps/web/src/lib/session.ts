/**
 * The browser's session: a short-lived access token in memory and a single-use refresh
 * token in localStorage. Refreshes are serialised across tabs with a Web Lock, so two tabs
 * never spend the same refresh token (which the api would treat as theft and sign out).
 */
const REFRESH_KEY = 'pbw.refreshToken';

let accessToken: string | null = null;
let accessTokenExpiresAt = 0;
const listeners = new Set<() => void>();

export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

export function setSession(s: SessionTokens): void {
  accessToken = s.accessToken;
  accessTokenExpiresAt = Date.parse(s.accessTokenExpiresAt);
  localStorage.setItem(REFRESH_KEY, s.refreshToken);
  listeners.forEach((l) => l());
}

export function clearSession(): void {
  accessToken = null;
  accessTokenExpiresAt = 0;
  localStorage.removeItem(REFRESH_KEY);
  listeners.forEach((l) => l());
}

export function storedRefreshToken(): string | null {
  return localStorage.getItem(REFRESH_KEY);
}

export function onSessionChange(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The access token if it has at least 30 seconds left. */
export function currentAccessToken(): string | null {
  return accessToken && accessTokenExpiresAt - Date.now() > 30_000 ? accessToken : null;
}

const REFRESH = `mutation Refresh($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken accessTokenExpiresAt refreshToken } }`;

async function doRefresh(): Promise<string | null> {
  const spent = storedRefreshToken();
  if (!spent) return null;
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: REFRESH, variables: { input: { refreshToken: spent } } }),
  });
  const body = (await res.json()) as { data?: { refreshSession?: SessionTokens } | null };
  const s = body.data?.refreshSession;
  if (!s) {
    // Another tab may have refreshed first: only sign out if the token is still the one we spent.
    if (storedRefreshToken() === spent) clearSession();
    return null;
  }
  setSession(s);
  return s.accessToken;
}

/** A usable access token, refreshing once if needed; null when signed out. */
export async function ensureAccessToken(): Promise<string | null> {
  const now = currentAccessToken();
  if (now) return now;
  if (!storedRefreshToken()) return null;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return doRefresh();
  return locks.request('pbw-refresh', async () => {
    const before = storedRefreshToken();
    // While we waited another tab may have refreshed: its new token is in storage but its access token is not ours.
    return currentAccessToken() ?? (before ? doRefresh() : null);
  });
}
