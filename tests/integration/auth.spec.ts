import { GqlClient, TEST_PASSWORD, type TestPartnership, type TestStack, createPartnership, signIn, startTestStack } from '@pbw/testing';

/**
 * Sign-in, sessions, invitations and password resets, through the real api over HTTP.
 * The throttle limits are set small so the tests reach them quickly; every test that
 * fails a sign-in does so from its own client address (X-Forwarded-For, trusted from
 * loopback) so the per-address limit of one test never trips another.
 */
const MAX_PER_ACCOUNT = 3;
const MAX_PER_ADDRESS = 4;
const NEW_PASSWORD = 'velvet-harbour-compass-82';

const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken user { id status } } }';
const REFRESH = 'mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken refreshToken } }';
const SIGN_OUT = 'mutation($input: RefreshSessionInput!) { signOut(input: $input) }';
const ACCEPT =
  'mutation($input: SetPasswordWithTokenInput!) { acceptInvitation(input: $input) { accessToken refreshToken user { id status } } }';
const RESET = 'mutation($input: SetPasswordWithTokenInput!) { resetPassword(input: $input) { accessToken refreshToken user { id } } }';
const INVITE =
  'mutation($input: InviteUserInput!) { inviteUser(input: $input) { invitationToken invitationUrl expiresAt user { id email status } } }';
const RESEND = 'mutation($input: UserIdInput!) { resendInvitation(input: $input) { invitationToken invitationUrl user { id } } }';
const ISSUE_RESET = 'mutation($input: UserIdInput!) { issuePasswordReset(input: $input) { resetToken resetUrl user { id } } }';
const REQUEST_RESET = 'mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }';
const DEACTIVATE = 'mutation($input: UserIdInput!) { deactivateUser(input: $input) { id status } }';

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; status: string };
}

let addressSeq = 0;
/** A fresh client address per call, so per-address throttling is isolated between tests. */
function freshAddress(): string {
  addressSeq += 1;
  return `198.51.100.${addressSeq}`;
}

describe('authentication', () => {
  let stack: TestStack;
  let p: TestPartnership;
  let admin: GqlClient;

  beforeAll(async () => {
    stack = await startTestStack({
      env: { SIGNIN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT), SIGNIN_MAX_FAILURES_PER_ADDRESS: String(MAX_PER_ADDRESS) },
    });
    p = await createPartnership(stack.pg, 'Authshire');
    admin = stack.client((await signIn(stack.client(), p.secretariat.email)).accessToken);
  });
  afterAll(() => stack?.close());

  /** An anonymous client from its own address. */
  const anon = (address = freshAddress()) => stack.client().withHeaders({ 'x-forwarded-for': address });

  const userStatus = async (id: string) =>
    (await stack.pg.query<{ status: string }>('SELECT status FROM users WHERE id = $1', [id])).rows[0].status;

  async function invite(email: string) {
    const data = await admin.ok<{ inviteUser: { invitationToken: string; invitationUrl: string; user: { id: string; status: string } } }>(
      INVITE,
      { input: { email, name: 'Ada Invitee', agencyId: p.agencies.health, role: 'MEMBER' } },
    );
    return data.inviteUser;
  }

  describe('invitations', () => {
    it('invite → outbox link → accept with a good password → sign in; the link works once', async () => {
      const email = `ada.${p.slug}@example.test`;
      const inv = await invite(email);
      expect(inv.user.status).toBe('INVITED');
      expect(inv.invitationToken.length).toBeGreaterThanOrEqual(32);
      expect(inv.invitationUrl).toContain(encodeURIComponent(inv.invitationToken));

      // The message to send is in the outbox, in the partnership, with the link in its body.
      const outbox = await stack.pg.query<{ partnership_id: string; kind: string; body: string; sent_at: Date | null }>(
        'SELECT partnership_id, kind, body, sent_at FROM outbox_messages WHERE to_email = $1',
        [email],
      );
      expect(outbox.rows).toHaveLength(1);
      expect(outbox.rows[0]).toMatchObject({ partnership_id: p.id, kind: 'INVITATION', sent_at: null });
      expect(outbox.rows[0].body).toContain(inv.invitationUrl);
      // Only the token's hash is stored.
      const stored = await stack.pg.query('SELECT 1 FROM auth_tokens WHERE token_hash = $1', [inv.invitationToken]);
      expect(stored.rowCount).toBe(0);

      // An invited user cannot sign in before accepting.
      const early = await anon().fails(SIGN_IN, { input: { email, password: NEW_PASSWORD } });
      expect(early.extensions?.code).toBe('UNAUTHENTICATED');

      const accepted = await anon().ok<{ acceptInvitation: Session }>(ACCEPT, {
        input: { token: inv.invitationToken, password: NEW_PASSWORD },
      });
      expect(accepted.acceptInvitation.user).toEqual({ id: inv.user.id, status: 'ACTIVE' });
      expect(accepted.acceptInvitation.accessToken).toBeTruthy();
      expect(await userStatus(inv.user.id)).toBe('ACTIVE');

      // The session it returned is a real one.
      const me = await stack.client(accepted.acceptInvitation.accessToken).ok<{ me: { id: string } }>('{ me { id } }');
      expect(me.me.id).toBe(inv.user.id);

      const s = await signIn(anon(), email, NEW_PASSWORD);
      expect(s.accessToken).toBeTruthy();

      // The same link a second time is refused, and the password set by the first use stays.
      const again = await anon().fails(ACCEPT, { input: { token: inv.invitationToken, password: 'another-good-password-19' } });
      expect(again.extensions?.code).toBe('BAD_USER_INPUT');
      expect(again.extensions?.fields).toEqual([
        { path: 'input.token', message: expect.stringContaining('expired or has already been used') },
      ]);
      await expect(signIn(anon(), email, 'another-good-password-19')).rejects.toThrow(/UNAUTHENTICATED/);
      await signIn(anon(), email, NEW_PASSWORD);
    });

    it.each([
      ['short', () => 'short-pw1', /at least 12 characters/],
      ['common', () => 'password1234', /too common/],
      ['keyboard run', () => 'qwertyuiopasdf', /too (common|easy)/],
      ['email-containing', (local: string) => `${local}.2024!`, /email address/],
    ])('refuses a %s password with input.password and leaves the user INVITED', async (label, password, message) => {
      const local = `weak${label.replace(/[^a-z]/g, '')}${p.slug.slice(-6)}`;
      const inv = await invite(`${local}@example.test`);
      const err = await anon().fails(ACCEPT, { input: { token: inv.invitationToken, password: password(local) } });
      expect(err.extensions?.code).toBe('BAD_USER_INPUT');
      expect(err.extensions?.fields).toEqual([{ path: 'input.password', message: expect.stringMatching(message) }]);
      expect(await userStatus(inv.user.id)).toBe('INVITED');
      const hash = await stack.pg.query('SELECT password_hash FROM users WHERE id = $1', [inv.user.id]);
      expect(hash.rows[0].password_hash).toBeNull();
      const audit = await stack.pg.query("SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'user.acceptInvitation'", [
        inv.user.id,
      ]);
      expect(audit.rowCount).toBe(0);
      // The refusal did not spend the link: a good password still works with it.
      await anon().ok(ACCEPT, { input: { token: inv.invitationToken, password: NEW_PASSWORD } });
      expect(await userStatus(inv.user.id)).toBe('ACTIVE');
    });

    it('refuses an expired invitation', async () => {
      const inv = await invite(`late.${p.slug}@example.test`);
      await stack.pg.query("UPDATE auth_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1 AND kind = 'INVITATION'", [
        inv.user.id,
      ]);
      const err = await anon().fails(ACCEPT, { input: { token: inv.invitationToken, password: NEW_PASSWORD } });
      expect(err.extensions?.code).toBe('BAD_USER_INPUT');
      expect(err.extensions?.fields?.[0].path).toBe('input.token');
      expect(await userStatus(inv.user.id)).toBe('INVITED');
    });

    it('resendInvitation revokes the old link and the new one works', async () => {
      const inv = await invite(`resend.${p.slug}@example.test`);
      const resent = await admin.ok<{ resendInvitation: { invitationToken: string; user: { id: string } } }>(RESEND, {
        input: { userId: inv.user.id },
      });
      expect(resent.resendInvitation.invitationToken).not.toBe(inv.invitationToken);
      const tokens = await stack.pg.query<{ revoked: boolean }>(
        "SELECT revoked_at IS NOT NULL AS revoked FROM auth_tokens WHERE user_id = $1 AND kind = 'INVITATION' ORDER BY created_at",
        [inv.user.id],
      );
      expect(tokens.rows.map((r) => r.revoked)).toEqual([true, false]);

      const old = await anon().fails(ACCEPT, { input: { token: inv.invitationToken, password: NEW_PASSWORD } });
      expect(old.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await userStatus(inv.user.id)).toBe('INVITED');
      await anon().ok(ACCEPT, { input: { token: resent.resendInvitation.invitationToken, password: NEW_PASSWORD } });
      expect(await userStatus(inv.user.id)).toBe('ACTIVE');
    });

    it('only the secretariat can invite', async () => {
      const member = stack.client((await signIn(anon(), p.member.email)).accessToken);
      const err = await member.fails(INVITE, {
        input: { email: `nope.${p.slug}@example.test`, name: 'Nope', agencyId: p.agencies.health, role: 'MEMBER' },
      });
      expect(err.extensions?.code).toBe('FORBIDDEN');
      const rows = await stack.pg.query('SELECT 1 FROM users WHERE email = $1', [`nope.${p.slug}@example.test`]);
      expect(rows.rowCount).toBe(0);
    });
  });

  describe('password resets', () => {
    it('issuePasswordReset gives a one-time link that sets a new password and ends old sessions', async () => {
      const q = await createPartnership(stack.pg, 'Resetford');
      const qAdmin = stack.client((await signIn(anon(), q.secretariat.email)).accessToken);
      const before = await signIn(anon(), q.member.email);

      const issued = await qAdmin.ok<{ issuePasswordReset: { resetToken: string; resetUrl: string } }>(ISSUE_RESET, {
        input: { userId: q.member.id },
      });
      const outbox = await stack.pg.query<{ body: string }>(
        "SELECT body FROM outbox_messages WHERE to_email = $1 AND kind = 'PASSWORD_RESET'",
        [q.member.email],
      );
      expect(outbox.rows).toHaveLength(1);
      expect(outbox.rows[0].body).toContain(issued.issuePasswordReset.resetUrl);

      const weak = await anon().fails(RESET, { input: { token: issued.issuePasswordReset.resetToken, password: 'password1234' } });
      expect(weak.extensions?.fields?.[0].path).toBe('input.password');
      await signIn(anon(), q.member.email); // unchanged by the refused attempt

      await anon().ok(RESET, { input: { token: issued.issuePasswordReset.resetToken, password: NEW_PASSWORD } });
      await expect(signIn(anon(), q.member.email, TEST_PASSWORD)).rejects.toThrow(/UNAUTHENTICATED/);
      await signIn(anon(), q.member.email, NEW_PASSWORD);
      // The refresh token from before the reset no longer works.
      const stale = await anon().fails(REFRESH, { input: { refreshToken: before.refreshToken } });
      expect(stale.extensions?.code).toBe('UNAUTHENTICATED');
      // And the link works once.
      const again = await anon().fails(RESET, {
        input: { token: issued.issuePasswordReset.resetToken, password: 'second-good-password-55' },
      });
      expect(again.extensions?.fields?.[0].path).toBe('input.token');
    });

    it('requestPasswordReset always answers true; a known address gets a link in the outbox, an unknown one creates nothing', async () => {
      const q = await createPartnership(stack.pg, 'Requestbury');
      const counts = async () => {
        const r = await stack.pg.query<{ tokens: number; outbox: number; audit: number }>(
          `SELECT (SELECT count(*)::int FROM auth_tokens) AS tokens,
                  (SELECT count(*)::int FROM outbox_messages) AS outbox,
                  (SELECT count(*)::int FROM audit_events) AS audit`,
        );
        return r.rows[0];
      };

      const before = await counts();
      const unknown = await anon().ok<{ requestPasswordReset: boolean }>(REQUEST_RESET, {
        input: { email: `nobody.${q.slug}@example.test` },
      });
      expect(unknown.requestPasswordReset).toBe(true);
      // An invited (not yet active) account is treated like an unknown one.
      const invited = await anon().ok<{ requestPasswordReset: boolean }>(REQUEST_RESET, { input: { email: q.invited.email } });
      expect(invited.requestPasswordReset).toBe(true);
      expect(await counts()).toEqual(before);

      const known = await anon().ok<{ requestPasswordReset: boolean }>(REQUEST_RESET, { input: { email: q.member.email.toUpperCase() } });
      expect(known.requestPasswordReset).toBe(true);
      const outbox = await stack.pg.query<{ body: string }>(
        "SELECT body FROM outbox_messages WHERE to_email = $1 AND kind = 'PASSWORD_RESET'",
        [q.member.email],
      );
      expect(outbox.rows).toHaveLength(1);
      // The link in the message is the one that resets the password.
      const token = decodeURIComponent(/reset-password\?token=([^\s]+)/.exec(outbox.rows[0].body)?.[1] ?? '');
      expect(token).not.toBe('');
      await anon().ok(RESET, { input: { token, password: NEW_PASSWORD } });
      await signIn(anon(), q.member.email, NEW_PASSWORD);
    });
  });

  describe('refresh tokens', () => {
    it('refreshSession rotates: a new refresh token each time, and the old one is spent', async () => {
      const s0 = await signIn(anon(), p.boardMember.email);
      const r1 = await anon().ok<{ refreshSession: Session }>(REFRESH, { input: { refreshToken: s0.refreshToken } });
      expect(r1.refreshSession.refreshToken).not.toBe(s0.refreshToken);
      const me = await stack.client(r1.refreshSession.accessToken).ok<{ me: { id: string } }>('{ me { id } }');
      expect(me.me.id).toBe(p.boardMember.id);
      const r2 = await anon().ok<{ refreshSession: Session }>(REFRESH, { input: { refreshToken: r1.refreshSession.refreshToken } });
      expect(r2.refreshSession.refreshToken).not.toBe(r1.refreshSession.refreshToken);
    });

    it('reusing a spent refresh token is refused and revokes the whole family, newest token included', async () => {
      const q = await createPartnership(stack.pg, 'Reuseham');
      const s0 = await signIn(anon(), q.member.email);
      const other = await signIn(anon(), q.member.email); // a second device: another family
      const r1 = (await anon().ok<{ refreshSession: Session }>(REFRESH, { input: { refreshToken: s0.refreshToken } })).refreshSession;
      const r2 = (await anon().ok<{ refreshSession: Session }>(REFRESH, { input: { refreshToken: r1.refreshToken } })).refreshSession;

      const reuse = await anon().fails(REFRESH, { input: { refreshToken: s0.refreshToken } });
      expect(reuse.extensions?.code).toBe('UNAUTHENTICATED');

      // The newest token of the family (never used) stops working too.
      const newest = await anon().fails(REFRESH, { input: { refreshToken: r2.refreshToken } });
      expect(newest.extensions?.code).toBe('UNAUTHENTICATED');
      const open = await stack.pg.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL',
        [q.member.id],
      );
      expect(open.rows[0].n).toBe(1); // only the other device's token
      const detected = await stack.pg.query<{ actor_user_id: string }>(
        "SELECT actor_user_id FROM audit_events WHERE partnership_id = $1 AND action = 'session.refreshReuseDetected'",
        [q.id],
      );
      expect(detected.rows).toEqual([{ actor_user_id: q.member.id }]);

      // The other family is untouched.
      await anon().ok(REFRESH, { input: { refreshToken: other.refreshToken } });
    });

    it('signOut revokes the refresh token', async () => {
      const s = await signIn(anon(), p.chair.email);
      const out = await anon().ok<{ signOut: boolean }>(SIGN_OUT, { input: { refreshToken: s.refreshToken } });
      expect(out.signOut).toBe(true);
      const err = await anon().fails(REFRESH, { input: { refreshToken: s.refreshToken } });
      expect(err.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('an unknown refresh token is UNAUTHENTICATED', async () => {
      const err = await anon().fails(REFRESH, { input: { refreshToken: 'not-a-real-refresh-token' } });
      expect(err.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('sign-in', () => {
    it('wrong password and unknown email answer the same', async () => {
      const wrong = await anon().request(SIGN_IN, { input: { email: p.member.email, password: 'not-the-password-1' } });
      const unknown = await anon().request(SIGN_IN, { input: { email: `ghost.${p.slug}@example.test`, password: 'not-the-password-1' } });
      expect(wrong.errors).toHaveLength(1);
      expect(unknown.errors).toHaveLength(1);
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(unknown.errors?.[0].message).toBe(wrong.errors?.[0].message);
      expect(unknown.errors?.[0].extensions).toEqual(wrong.errors?.[0].extensions);
      expect(unknown.status).toBe(wrong.status);
      await stack.pg.query('DELETE FROM sign_in_failures WHERE email = $1', [p.member.email]);
    });

    it(`locks an account after ${MAX_PER_ACCOUNT} failures, even with the right password, from any address`, async () => {
      const q = await createPartnership(stack.pg, 'Lockton');
      for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
        const err = await anon().fails(SIGN_IN, { input: { email: q.member.email, password: `wrong-password-${i}-xx` } });
        expect(err.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const limited = await anon().fails(SIGN_IN, { input: { email: q.member.email, password: TEST_PASSWORD } });
      expect(limited.extensions?.code).toBe('RATE_LIMITED');
      expect(limited.message).toMatch(/Too many failed sign-in attempts for this account/);
      const retry = limited.extensions?.retryAfterSeconds as number;
      expect(typeof retry).toBe('number');
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(15 * 60);

      // Another account is not affected.
      await signIn(anon(), q.chair.email);

      // Once the failures are outside the window, the right password works again.
      await stack.pg.query("UPDATE sign_in_failures SET at = now() - interval '16 minutes' WHERE email = $1", [q.member.email]);
      await signIn(anon(), q.member.email);
    });

    it(`limits one address to ${MAX_PER_ADDRESS} failures across different accounts`, async () => {
      const q = await createPartnership(stack.pg, 'Netton');
      const address = freshAddress();
      for (let i = 0; i < MAX_PER_ADDRESS; i++) {
        const err = await anon(address).fails(SIGN_IN, {
          input: { email: `spray${i}.${q.slug}@example.test`, password: 'guess-password-123' },
        });
        expect(err.extensions?.code).toBe('UNAUTHENTICATED');
      }
      // Even a correct sign-in for an account with no failures of its own is refused from there.
      const limited = await anon(address).fails(SIGN_IN, { input: { email: q.member.email, password: TEST_PASSWORD } });
      expect(limited.extensions?.code).toBe('RATE_LIMITED');
      expect(limited.message).toMatch(/from this network/);
      expect(limited.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      // From another address the same account signs in.
      await signIn(anon(), q.member.email);
    });

    it('a deactivated user cannot sign in, refresh, or use an access token they already hold', async () => {
      const q = await createPartnership(stack.pg, 'Deactiva');
      const qAdmin = stack.client((await signIn(anon(), q.secretariat.email)).accessToken);
      const held = await signIn(anon(), q.member.email);
      const out = await qAdmin.ok<{ deactivateUser: { status: string } }>(DEACTIVATE, { input: { userId: q.member.id } });
      expect(out.deactivateUser.status).toBe('DEACTIVATED');

      const wrongPassword = await anon().fails(SIGN_IN, { input: { email: q.chair.email, password: 'definitely-wrong-9' } });
      const err = await anon().fails(SIGN_IN, { input: { email: q.member.email, password: TEST_PASSWORD } });
      expect(err.extensions?.code).toBe('UNAUTHENTICATED');
      expect(err.message).toBe(wrongPassword.message); // does not reveal the account exists
      const refresh = await anon().fails(REFRESH, { input: { refreshToken: held.refreshToken } });
      expect(refresh.extensions?.code).toBe('UNAUTHENTICATED');
      const me = await stack.client(held.accessToken).fails('{ me { id } }');
      expect(me.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('a successful sign-in is audited without the password', async () => {
      const q = await createPartnership(stack.pg, 'Auditon');
      await signIn(anon(), q.boardMember.email);
      const rows = await stack.pg.query<{ actor_user_id: string; entity_id: string; after: unknown }>(
        "SELECT actor_user_id, entity_id, after FROM audit_events WHERE partnership_id = $1 AND action = 'session.signIn'",
        [q.id],
      );
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({ actor_user_id: q.boardMember.id, entity_id: q.boardMember.id });
      expect(JSON.stringify(rows.rows[0].after)).not.toContain(TEST_PASSWORD);
    });
  });
});
