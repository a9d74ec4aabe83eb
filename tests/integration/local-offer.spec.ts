/**
 * Issue 6, the local offer: the secretariat publishes it as numbered, immutable versions;
 * the public JSON and page show only what was published (never an unpublished change, a
 * commitment outside the offer, or internal fields); each version lists what changed since
 * the one before; and progress through the api follows the commitment's updates.
 */
import { OPS, type GqlClient, type TestPartnership, type TestStack, createPartnership, signIn, startTestStack } from '@pbw/testing';

type Item = { commitmentId: string; area: string; title: string; wording: string; eligibility: string | null; agencyName: string };
type Version = {
  number: number;
  areas: Array<{ area: string; items: Item[] }>;
  changes: Array<{ kind: string; commitmentId: string; fields: string[] }>;
};

describe('the local offer', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let sec: GqlClient;
  let member: GqlClient;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Offerton');
    sec = stack.client((await signIn(stack.client(), A.secretariat.email)).accessToken);
    member = stack.client((await signIn(stack.client(), A.member.email)).accessToken);
  });
  afterAll(() => stack?.close());

  const create = async (input: Record<string, unknown>) =>
    (
      await member.ok<{ createCommitment: { id: string; version: number } }>(OPS.createCommitment, {
        input: { dueDate: '2027-03-31', ...input },
      })
    ).createCommitment;
  const current = async (id: string) => (await member.ok<{ commitment: { version: number } }>(OPS.commitment, { id })).commitment.version;
  const publicJson = async (query = '') => {
    const res = await fetch(`${stack.url}/public/local-offer/${A.slug}${query}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { areas: Array<{ area: string; items: Item[] }> } };
  };
  const items = (v: { areas: Array<{ items: Item[] }> }) => v.areas.flatMap((a) => a.items);

  it('publishes only what is in the offer, shows only the published version, and lists the changes', async () => {
    expect((await publicJson()).status).toBe(404);
    const health = await create({
      title: 'Free prescriptions',
      offerArea: 'HEALTH_AND_WELLBEING',
      inLocalOffer: true,
      offerWording: 'Care leavers get free NHS prescriptions until 25.',
      offerEligibility: 'Care leavers aged 18 to 25',
      description: 'Internal: budget code 4471',
      measure: 'care leavers with a prepayment certificate',
      baseline: 10,
      target: 50,
    });
    const housing = await create({
      title: 'Housing worker',
      offerArea: 'ACCOMMODATION',
      inLocalOffer: true,
      offerWording: 'A specialist housing worker for care leavers.',
    });
    const internal = await create({ title: 'Internal audit', offerArea: 'OTHER' });

    const v1 = (
      await sec.ok<{ publishLocalOffer: Version }>(OPS.publishLocalOffer, { input: { expectedNumber: 1, introduction: 'What we offer' } })
    ).publishLocalOffer;
    expect(v1.number).toBe(1);
    expect(v1.areas.map((a) => a.area)).toEqual([
      'HEALTH_AND_WELLBEING',
      'RELATIONSHIPS',
      'EDUCATION_AND_TRAINING',
      'EMPLOYMENT',
      'ACCOMMODATION',
      'PARTICIPATION_IN_SOCIETY',
    ]);
    expect(items(v1).map((i) => i.commitmentId)).toEqual([health.id, housing.id]);
    expect(v1.changes.map((c) => [c.kind, c.commitmentId])).toEqual([
      ['ADDED', health.id],
      ['ADDED', housing.id],
    ]);

    // Afterwards: a wording change, a RAG change (not public), one added to the offer, one taken out, one cancelled.
    await member.ok(OPS.updateCommitment, {
      input: { id: health.id, version: await current(health.id), offerWording: 'Free NHS prescriptions until you are 25.', rag: 'RED' },
    });
    await member.ok(OPS.updateCommitment, { input: { id: housing.id, version: await current(housing.id), status: 'CANCELLED' } });
    const leisure = await create({
      title: 'Leisure pass',
      offerArea: 'PARTICIPATION_IN_SOCIETY',
      inLocalOffer: true,
      offerWording: 'A free leisure pass.',
    });
    await member.ok(OPS.updateCommitment, { input: { id: internal.id, version: await current(internal.id), rag: 'AMBER' } });

    // Still version 1 in public, with nothing internal in it.
    const pub = await publicJson();
    expect(pub.status).toBe(200);
    expect(pub.body.version).toBe(1);
    expect(items(pub.body)).toEqual(items(v1));
    const text = JSON.stringify(pub.body);
    for (const hidden of [
      'Free NHS prescriptions until you are 25.',
      'Leisure pass',
      'Internal audit',
      'budget code',
      'prepayment',
      'RED',
      'GREEN',
    ])
      expect(text).not.toContain(hidden);

    const preview = (await sec.ok<{ localOfferPreview: { nextNumber: number; changes: Version['changes'] } }>(OPS.localOfferPreview))
      .localOfferPreview;
    expect(preview.nextNumber).toBe(2);
    const expectedChanges = [
      { kind: 'CHANGED', commitmentId: health.id, fields: ['wording'] },
      { kind: 'ADDED', commitmentId: leisure.id, fields: [] },
      { kind: 'REMOVED', commitmentId: housing.id, fields: [] },
    ];
    expect(preview.changes).toEqual(expectedChanges);

    const v2 = (
      await sec.ok<{ publishLocalOffer: Version }>(OPS.publishLocalOffer, { input: { expectedNumber: 2, introduction: 'What we offer' } })
    ).publishLocalOffer;
    expect(v2.changes.map(({ kind, commitmentId, fields }) => ({ kind, commitmentId, fields }))).toEqual(expectedChanges);
    expect((await publicJson()).body.version).toBe(2);
    expect(items((await publicJson()).body).map((i) => i.commitmentId)).toEqual([health.id, leisure.id]);
    // Version 1 stays as it was published.
    expect(items((await publicJson('?version=1')).body)).toEqual(items(v1));
    expect((await publicJson('?version=3')).status).toBe(404);
    expect((await publicJson('?version=abc')).status).toBe(400);

    // Publishing again with nothing new is refused; so is a stale number.
    const nothing = await sec.fails(OPS.publishLocalOffer, { input: { expectedNumber: 3, introduction: 'What we offer' } });
    expect(nothing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input' }] });
    expect((await sec.fails(OPS.publishLocalOffer, { input: { expectedNumber: 2 } })).extensions?.code).toBe('CONFLICT');

    // The published record itself cannot be altered.
    await expect(stack.pg.query("UPDATE local_offer_versions SET introduction = 'x' WHERE partnership_id = $1", [A.id])).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(stack.pg.query('DELETE FROM local_offer_versions WHERE partnership_id = $1', [A.id])).rejects.toThrow(/cannot be changed/);
  });

  it('progress follows the updates: the latest-dated value counts, and an update without a value keeps it', async () => {
    const c = await create({ title: 'Apprenticeships', offerArea: 'EMPLOYMENT', baseline: 4, target: 12, unit: 'people' });
    type R = { postCommitmentUpdate: { commitment: { currentValue: number | null; version: number } } };
    const postUpdate = async (updateDate: string, value: number | null) =>
      (
        await member.ok<R>(OPS.postCommitmentUpdate, {
          input: {
            commitmentId: c.id,
            version: await current(c.id),
            updateDate,
            value,
            narrative: 'Progress',
            status: 'IN_PROGRESS',
            rag: 'GREEN',
          },
        })
      ).postCommitmentUpdate.commitment.currentValue;
    expect(await postUpdate('2026-06-01', 8)).toBe(8);
    expect(await postUpdate('2026-05-01', 5)).toBe(8); // entered late for an earlier date
    expect(await postUpdate('2026-07-01', null)).toBe(8);
    const read = await member.ok<{ commitment: { progress: { percent: number; targetMet: boolean } } }>(OPS.commitment, { id: c.id });
    expect(read.commitment.progress).toEqual({ percent: 50, targetMet: false });
    expect(await postUpdate('2026-08-01', 12)).toBe(12);
    expect((await member.ok<{ commitment: { progress: unknown } }>(OPS.commitment, { id: c.id })).commitment.progress).toEqual({
      percent: 100,
      targetMet: true,
    });
    const future = await member.fails(OPS.postCommitmentUpdate, {
      input: {
        commitmentId: c.id,
        version: await current(c.id),
        updateDate: '2099-01-01',
        narrative: 'x',
        status: 'IN_PROGRESS',
        rag: 'GREEN',
      },
    });
    expect(future.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.updateDate' }] });
  });
});
