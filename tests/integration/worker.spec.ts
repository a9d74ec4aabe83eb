import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { InvitationExpiryService } from '@pbw/identity';
import { QUEUES, SCHEDULER_IDS } from '@pbw/queue';
import { type GqlClient, type TestPartnership, type TestStack, createPartnership, signIn, startTestStack } from '@pbw/testing';

const INVITE = 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { invitationToken user { id } } }';
const RESEND = 'mutation($input: UserIdInput!) { resendInvitation(input: $input) { invitationToken } }';
const ACCEPT = 'mutation($input: SetPasswordWithTokenInput!) { acceptInvitation(input: $input) { accessToken } }';

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('worker: invitation expiry', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // No worker yet: the api alone boots and plans the maintenance job.
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  async function inviteMany(p: TestPartnership, admin: GqlClient, n: number, label: string) {
    const out: Array<{ userId: string; token: string }> = [];
    for (let i = 0; i < n; i++) {
      const r = await admin.ok<{ inviteUser: { invitationToken: string; user: { id: string } } }>(INVITE, {
        input: { email: `${label}${i}.${p.slug}@example.test`, name: `${label} ${i}`, agencyId: p.agencies.council, role: 'MEMBER' },
      });
      out.push({ userId: r.inviteUser.user.id, token: r.inviteUser.invitationToken });
    }
    return out;
  }

  const makeStale = (userIds: string[]) =>
    stack.pg.query(
      "UPDATE auth_tokens SET expires_at = now() - interval '1 hour' WHERE kind = 'INVITATION' AND user_id = ANY($1::uuid[])",
      [userIds],
    );

  const tokenState = async (userId: string) =>
    (
      await stack.pg.query<{ expired_at: Date | null; revoked_at: Date | null }>(
        "SELECT expired_at, revoked_at FROM auth_tokens WHERE kind = 'INVITATION' AND user_id = $1 ORDER BY created_at",
        [userId],
      )
    ).rows;

  const expireAudits = async (userId: string) =>
    (
      await stack.pg.query<{ actor_user_id: string | null; partnership_id: string; entity_type: string; before: unknown; after: unknown }>(
        "SELECT actor_user_id, partnership_id, entity_type, before, after FROM audit_events WHERE action = 'invitation.expire' AND entity_id = $1",
        [userId],
      )
    ).rows;

  it('the worker processes the expiry job the api scheduled at boot', async () => {
    // The api upserted the repeating job at boot; it sits in the queue until a worker takes it.
    const queue = stack.api.get<Queue>(getQueueToken(QUEUES.MAINTENANCE), { strict: false });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain(SCHEDULER_IDS.EXPIRE_INVITATIONS);
    expect(await queue.getJobCountByTypes('waiting', 'delayed', 'prioritized')).toBeGreaterThanOrEqual(1);

    const p = await createPartnership(stack.pg, 'Expiryville');
    const admin = stack.client((await signIn(stack.client(), p.secretariat.email)).accessToken);
    const [stale, fresh, resent] = await inviteMany(p, admin, 3, 'worker');
    // `resent` had a link that was replaced (revoked), then the new link also went stale.
    await admin.ok(RESEND, { input: { userId: resent.userId } });
    await makeStale([stale.userId, resent.userId]);

    // Nothing in this test enqueues a job: the worker runs what the api planned.
    await stack.startWorker();
    await until('the stale invitation to be expired and audited', 15_000, async () => {
      const [t] = await tokenState(stale.userId);
      return t.expired_at !== null && (await expireAudits(stale.userId)).length > 0;
    });

    const audits = await expireAudits(stale.userId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_user_id: null, partnership_id: p.id, entity_type: 'User' });
    expect(audits[0].after).toHaveProperty('invitationExpiredAt');

    // The fresh invitation is untouched; of the resent user's links only the open one expired.
    expect((await tokenState(fresh.userId))[0].expired_at).toBeNull();
    expect(await expireAudits(fresh.userId)).toHaveLength(0);
    const resentTokens = await tokenState(resent.userId);
    expect(resentTokens.map((t) => [t.revoked_at !== null, t.expired_at !== null])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(await expireAudits(resent.userId)).toHaveLength(1);

    // An expired link is refused, and the fresh one still works.
    const err = await stack.client().fails(ACCEPT, { input: { token: stale.token, password: 'amber-meadow-kettle-31' } });
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    await stack.client().ok(ACCEPT, { input: { token: fresh.token, password: 'amber-meadow-kettle-31' } });

    const completed = await queue.getCompleted();
    expect(completed.some((j) => j.returnvalue && (j.returnvalue as { expired: number }).expired >= 2)).toBe(true);
  }, 30_000);

  it('InvitationExpiryService is idempotent: running it twice (even at once) expires each invitation once', async () => {
    expect(stack.worker).toBeDefined();
    const expiry = stack.worker!.get(InvitationExpiryService, { strict: false });
    const a = await createPartnership(stack.pg, 'Twiceham');
    const b = await createPartnership(stack.pg, 'Twiceford');
    const adminA = stack.client((await signIn(stack.client(), a.secretariat.email)).accessToken);
    const adminB = stack.client((await signIn(stack.client(), b.secretariat.email)).accessToken);
    const staleA = await inviteMany(a, adminA, 3, 'idem');
    const staleB = await inviteMany(b, adminB, 1, 'idem');
    const all = [...staleA, ...staleB].map((x) => x.userId);
    await makeStale(all);

    const [first, second] = await Promise.all([expiry.expireStale(), expiry.expireStale()]);
    expect(first.expired + second.expired).toBe(4);
    const third = await expiry.expireStale();
    expect(third).toEqual({ expired: 0, partnerships: 0 });

    // A later stale invitation in the same partnership is expired alone; the earlier ones are not touched again.
    const [later] = await inviteMany(a, adminA, 1, 'later');
    await makeStale([later.userId]);
    expect(await expiry.expireStale()).toEqual({ expired: 1, partnerships: 1 });
    expect(await expireAudits(later.userId)).toHaveLength(1);

    for (const userId of all) {
      expect(await expireAudits(userId)).toHaveLength(1);
      expect((await tokenState(userId))[0].expired_at).not.toBeNull();
    }
    const perPartnership = await stack.pg.query<{ partnership_id: string; n: number }>(
      "SELECT partnership_id, count(*)::int AS n FROM audit_events WHERE action = 'invitation.expire' AND partnership_id = ANY($1::uuid[]) GROUP BY 1",
      [[a.id, b.id]],
    );
    expect(Object.fromEntries(perPartnership.rows.map((r) => [r.partnership_id, r.n]))).toEqual({ [a.id]: 4, [b.id]: 1 });
  });
});
