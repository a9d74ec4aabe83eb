/**
 * Issue 6, who may do what with commitments and the local offer, and that nothing crosses
 * partnerships (DESIGN.md §3). Users of the owning agency manage its commitments; the
 * secretariat manages all and alone previews and publishes the local offer; board members
 * read; visibility narrows reads; another partnership's commitments are never reachable;
 * the published offer is public, and only what was published.
 *
 * A compact companion to the commitment suites in tenancy.spec.ts and roles.spec.ts, with a
 * police agency and user of its own.
 */
import { randomUUID } from 'node:crypto';
import {
  OPS,
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  addAgency,
  auditCount,
  createPartnership,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

const OWN_AGENCY = 'You can only add commitments for your own agency.';
const BOARD_READS = 'Board members read commitments; the agency’s own people add them.';
const NOT_THEIRS = 'Only the agency’s own people and the board secretariat can change its commitments.';
const NOT_THEIRS_UPDATE = 'Only the agency’s own people and the board secretariat can post progress on its commitments.';
const PUBLISH_ONLY = 'Only the board secretariat publishes the local offer.';

type Role = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'police';

describe('commitments: access and tenancy', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let police: string;
  let policeUser: string;
  const tokens = {} as Record<Role, string>;
  let tokenB: string;
  const as = (who: Role): GqlClient => stack.client(tokens[who]);

  /** A commitment written straight to the database, in the local offer unless told. */
  async function insert(
    p: TestPartnership,
    agencyId: string,
    title: string,
    o: { visibility?: string; restricted?: string[]; inOffer?: boolean; createdBy?: string } = {},
  ): Promise<string> {
    const id = randomUUID();
    await stack.pg.query(
      `INSERT INTO commitments (id, partnership_id, agency_id, created_by_user_id, title, offer_area, due_date, status, rag, visibility,
                                restricted_user_ids, in_local_offer, offer_wording)
       VALUES ($1, $2, $3, $4, $5, 'EMPLOYMENT', '2027-03-31', 'IN_PROGRESS', 'GREEN', $6, $7, $8, $9)`,
      [
        id,
        p.id,
        agencyId,
        o.createdBy ?? p.secretariat.id,
        title,
        o.visibility ?? 'PARTNERSHIP',
        o.restricted ?? [],
        o.inOffer ?? true,
        o.inOffer === false ? null : `${title}, for every care leaver`,
      ],
    );
    return id;
  }

  const c = {} as Record<'health' | 'police' | 'council' | 'policeOnly' | 'restricted' | 'b' | 'bHidden', string>;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Pledgeham');
    B = await createPartnership(stack.pg, 'Vowton');
    police = await addAgency(stack.pg, A, 'Pledgeham Police', 'POLICE');
    policeUser = randomUUID();
    const hash = (await stack.pg.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = $1', [A.member.id])).rows[0].h;
    await stack.pg.query(
      `INSERT INTO users (id, partnership_id, agency_id, email, name, role, status, password_hash, activated_at)
       VALUES ($1, $2, $3, $4, 'Pledgeham police officer', 'MEMBER', 'ACTIVE', $5, now())`,
      [policeUser, A.id, police, `police.${A.slug}@example.test`, hash],
    );
    for (const who of ['secretariat', 'boardMember', 'chair', 'member'] as const)
      tokens[who] = (await signIn(stack.client(), A[who].email)).accessToken;
    tokens.police = (await signIn(stack.client(), `police.${A.slug}@example.test`)).accessToken;
    tokenB = (await signIn(stack.client(), B.secretariat.email)).accessToken;

    c.health = await insert(A, A.agencies.health, 'Health checks within 20 days');
    c.police = await insert(A, police, 'Police liaison for care leavers');
    c.council = await insert(A, A.agencies.council, 'Council tax exemption');
    c.policeOnly = await insert(A, police, 'Police internal review', { visibility: 'AGENCY', inOffer: false });
    c.restricted = await insert(A, A.agencies.health, 'Named-people pledge', {
      visibility: 'RESTRICTED',
      restricted: [A.chair.id],
      inOffer: false,
    });
    c.b = await insert(B, B.agencies.health, 'Vowton apprenticeships');
    c.bHidden = await insert(B, B.agencies.council, 'Vowton restricted', { visibility: 'AGENCY', inOffer: false });
  });
  afterAll(() => stack?.close());

  const expectOnly = (r: GqlResult<unknown>, op: string, code: string, message?: string) => {
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([[op, code]]);
    if (message) expect(r.errors![0].message).toBe(message);
  };
  const version = async (id: string) =>
    (await stack.pg.query<{ v: number }>('SELECT version AS v FROM commitments WHERE id = $1', [id])).rows[0].v;
  const update = (id: string, v: number) => ({ input: { id, version: v, title: 'Changed by a test' } });
  const post = (id: string, v: number) => ({
    input: { commitmentId: id, version: v, value: 3, narrative: 'Three so far', status: 'IN_PROGRESS', rag: 'AMBER' },
  });

  it('reads follow visibility for each role, and never reach another partnership', async () => {
    const expected: Record<Role, string[]> = {
      secretariat: [c.health, c.police, c.council, c.policeOnly, c.restricted],
      boardMember: [c.health, c.police, c.council],
      chair: [c.health, c.police, c.council, c.restricted],
      member: [c.health, c.police, c.council],
      police: [c.health, c.police, c.council, c.policeOnly],
    };
    for (const who of Object.keys(expected) as Role[]) {
      const list = await as(who).ok<{ commitments: { edges: Array<{ node: { id: string } }> } }>(OPS.commitments, { first: 50 });
      expect({ who, ids: list.commitments.edges.map((e) => e.node.id).sort() }).toEqual({ who, ids: [...expected[who]].sort() });
      for (const id of [c.policeOnly, c.restricted, c.b, c.bHidden]) {
        if (expected[who].includes(id)) continue;
        const real = await as(who).request(OPS.commitment, { id });
        expectOnly(real, 'commitment', 'NOT_FOUND', 'Commitment not found.');
        expect(real).toEqual(await as(who).request(OPS.commitment, { id: randomUUID() }));
      }
      const summary = await as(who).ok<{ commitmentSummary: Array<{ agency: { id: string }; total: number }> }>(OPS.commitmentSummary);
      expect(summary.commitmentSummary.reduce((n, r) => n + r.total, 0)).toBe(expected[who].length);
      expect(summary.commitmentSummary.every((r) => [A.agencies.health, A.agencies.council, police].includes(r.agency.id))).toBe(true);
    }
  });

  it('the owning agency’s people and the secretariat manage a commitment; nobody else, and refusals write nothing', async () => {
    const refuse = async (who: Role, op: 'updateCommitment' | 'postCommitmentUpdate', id: string, code: string, message?: string) => {
      const before = await tenantSnapshot(stack.pg, A.id);
      const audits = await auditCount(stack.pg, A.id);
      const vars = op === 'updateCommitment' ? update(id, await version(id)) : post(id, await version(id));
      expectOnly(await as(who).request(OPS[op], vars), op, code, message);
      expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
      expect(await auditCount(stack.pg, A.id)).toBe(audits);
    };
    // A health member and the health chair cannot touch police's; police cannot touch health's; board members touch none.
    for (const who of ['member', 'chair'] as const) {
      await refuse(who, 'updateCommitment', c.police, 'FORBIDDEN', NOT_THEIRS);
      await refuse(who, 'postCommitmentUpdate', c.police, 'FORBIDDEN', NOT_THEIRS_UPDATE);
      await refuse(who, 'updateCommitment', c.policeOnly, 'NOT_FOUND');
    }
    await refuse('police', 'updateCommitment', c.health, 'FORBIDDEN', NOT_THEIRS);
    await refuse('police', 'postCommitmentUpdate', c.council, 'FORBIDDEN', NOT_THEIRS_UPDATE);
    await refuse('boardMember', 'updateCommitment', c.council, 'FORBIDDEN', NOT_THEIRS);
    await refuse('boardMember', 'postCommitmentUpdate', c.health, 'FORBIDDEN', NOT_THEIRS_UPDATE);

    // Allowed: each writes its audit events.
    const allowed: Array<[Role, 'updateCommitment' | 'postCommitmentUpdate', string, number]> = [
      ['member', 'updateCommitment', c.health, 1],
      ['chair', 'postCommitmentUpdate', c.health, 2],
      ['police', 'updateCommitment', c.police, 1],
      ['police', 'postCommitmentUpdate', c.policeOnly, 2],
      ['secretariat', 'updateCommitment', c.council, 1],
      ['secretariat', 'postCommitmentUpdate', c.police, 2],
    ];
    for (const [who, op, id, events] of allowed) {
      const audits = await auditCount(stack.pg, A.id);
      const vars = op === 'updateCommitment' ? update(id, await version(id)) : post(id, await version(id));
      await as(who).ok(OPS[op], vars);
      expect({ who, op, events: (await auditCount(stack.pg, A.id)) - audits }).toEqual({ who, op, events });
    }
  });

  it('creating: for your own agency only, board members never, the secretariat for any', async () => {
    const input = (agencyId?: string) => ({
      input: { title: 'A new pledge', offerArea: 'OTHER', dueDate: '2027-06-30', ...(agencyId ? { agencyId } : {}) },
    });
    const before = await tenantSnapshot(stack.pg, A.id);
    expectOnly(await as('member').request(OPS.createCommitment, input(police)), 'createCommitment', 'FORBIDDEN', OWN_AGENCY);
    expectOnly(await as('police').request(OPS.createCommitment, input(A.agencies.health)), 'createCommitment', 'FORBIDDEN', OWN_AGENCY);
    expectOnly(await as('boardMember').request(OPS.createCommitment, input()), 'createCommitment', 'FORBIDDEN', BOARD_READS);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);

    const own = await as('police').ok<{ createCommitment: { id: string } }>(OPS.createCommitment, input());
    const row = await stack.pg.query('SELECT agency_id, created_by_user_id FROM commitments WHERE id = $1', [own.createCommitment.id]);
    expect(row.rows).toEqual([{ agency_id: police, created_by_user_id: policeUser }]);
    const forPolice = await as('secretariat').ok<{ createCommitment: { id: string } }>(OPS.createCommitment, input(police));
    expect((await stack.pg.query('SELECT agency_id FROM commitments WHERE id = $1', [forPolice.createCommitment.id])).rows).toEqual([
      { agency_id: police },
    ]);
  });

  it('only the secretariat previews and publishes the local offer', async () => {
    for (const who of ['boardMember', 'chair', 'member', 'police'] as const) {
      expectOnly(await as(who).request(OPS.localOfferPreview), 'localOfferPreview', 'FORBIDDEN', PUBLISH_ONLY);
      expectOnly(
        await as(who).request(OPS.publishLocalOffer, { input: { expectedNumber: 1 } }),
        'publishLocalOffer',
        'FORBIDDEN',
        PUBLISH_ONLY,
      );
      // Everyone may read the versions published so far.
      await expect(as(who).ok(OPS.localOfferVersions)).resolves.toEqual({ localOfferVersions: [] });
    }
    expect((await stack.pg.query('SELECT count(*)::int AS n FROM local_offer_versions WHERE partnership_id = $1', [A.id])).rows[0].n).toBe(
      0,
    );
  });

  it("another partnership's commitments cannot be changed, named or published from here", async () => {
    const bBefore = await tenantSnapshot(stack.pg, B.id);
    for (const who of ['secretariat', 'member', 'police'] as const) {
      for (const id of [c.b, c.bHidden]) {
        const real = await as(who).request(OPS.updateCommitment, update(id, 1));
        expectOnly(real, 'updateCommitment', 'NOT_FOUND', 'Commitment not found.');
        expect(real).toEqual(await as(who).request(OPS.updateCommitment, update(randomUUID(), 1)));
        expectOnly(
          await as(who).request(OPS.postCommitmentUpdate, post(id, 1)),
          'postCommitmentUpdate',
          'NOT_FOUND',
          'Commitment not found.',
        );
      }
    }
    const bItem = Object.values((await principles(stack.pg, B.id)).items)[0];
    const named: Array<[Record<string, unknown>, string]> = [
      [{ agencyId: B.agencies.health }, 'input.agencyId'],
      [{ visibility: 'SUB_GROUP', subGroupId: B.subGroupId }, 'input.subGroupId'],
      [{ frameworkItemIds: [bItem] }, 'input.frameworkItemIds'],
      [{ visibility: 'RESTRICTED', restrictedUserIds: [B.member.id] }, 'input.restrictedUserIds'],
    ];
    const aBefore = await tenantSnapshot(stack.pg, A.id);
    for (const [extra, path] of named) {
      const r = await as('secretariat').request(OPS.createCommitment, {
        input: { title: 'Crossing', offerArea: 'OTHER', dueDate: '2027-01-31', ...extra },
      });
      expectOnly(r, 'createCommitment', 'BAD_USER_INPUT');
      expect(r.errors![0].extensions?.fields).toEqual([{ path, message: expect.any(String) }]);
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(aBefore);

    // A publishes: only A's own offer, and B's public page is untouched.
    const published = await stack
      .client(tokenB)
      .ok<{ publishLocalOffer: { number: number } }>(OPS.publishLocalOffer, { input: { expectedNumber: 1 } });
    expect(published.publishLocalOffer.number).toBe(1);
    const bAfterPublish = await tenantSnapshot(stack.pg, B.id);
    const a = await as('secretariat').ok<{ publishLocalOffer: { areas: Array<{ items: Array<{ commitmentId: string }> }> } }>(
      OPS.publishLocalOffer,
      {
        input: { expectedNumber: 1 },
      },
    );
    const aItems = a.publishLocalOffer.areas.flatMap((x) => x.items.map((i) => i.commitmentId));
    expect(aItems.length).toBeGreaterThan(0);
    expect(aItems.some((id) => id === c.b || id === c.bHidden)).toBe(false);
    expect(await tenantSnapshot(stack.pg, B.id)).toEqual(bAfterPublish);
    expect(bAfterPublish).not.toEqual(bBefore); // B's own publication is B's only change.

    // Anyone, signed out, reads each partnership's published offer by its slug, and only its own.
    for (const [p, own, other] of [
      [A, aItems, [c.b]],
      [B, [c.b], aItems],
    ] as const) {
      const pub = await stack
        .client()
        .ok<{ publicLocalOffer: { version: { areas: Array<{ items: Array<{ commitmentId: string }> }> } } }>(OPS.publicLocalOffer, {
          partnershipSlug: p.slug,
        });
      const ids = pub.publicLocalOffer.version.areas.flatMap((x) => x.items.map((i) => i.commitmentId));
      expect(ids.sort()).toEqual([...own].sort());
      expect(ids.some((id) => other.includes(id))).toBe(false);
      const json = (await (await fetch(`${stack.url}/public/local-offer/${p.slug}`)).json()) as {
        areas: Array<{ items: Array<{ commitmentId: string }> }>;
      };
      expect(json.areas.flatMap((x) => x.items.map((i) => i.commitmentId)).sort()).toEqual([...own].sort());
    }
  });

  it('every commitment operation but the public offer refuses a caller with no token; the public offer needs none', async () => {
    const probes: Array<[keyof typeof OPS, Record<string, unknown>]> = [
      ['commitments', {}],
      ['commitment', { id: c.health }],
      ['commitmentSummary', {}],
      ['localOfferPreview', {}],
      ['localOfferVersions', {}],
      ['createCommitment', { input: { title: 'x', offerArea: 'OTHER', dueDate: '2027-01-31' } }],
      ['updateCommitment', update(c.health, 1)],
      ['postCommitmentUpdate', post(c.health, 1)],
      ['publishLocalOffer', { input: { expectedNumber: 2 } }],
    ];
    const before = await tenantSnapshot(stack.pg, A.id);
    for (const [op, vars] of probes) expectOnly(await stack.client().request(OPS[op], vars), op, 'UNAUTHENTICATED');
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    await expect(stack.client().ok(OPS.publicLocalOffer, { partnershipSlug: A.slug })).resolves.toHaveProperty(
      'publicLocalOffer.version.number',
      1,
    );
    expectOnly(
      await stack.client().request(OPS.publicLocalOffer, { partnershipSlug: 'no-such-partnership' }),
      'publicLocalOffer',
      'NOT_FOUND',
    );
  });
});
