/**
 * Issue 9, the public pack page's query: publishedBoardPacks(partnershipSlug) lists, for anyone
 * signed out, each board meeting with a published pack, newest meeting first, with the latest
 * published version's public edition only. Packs are compiled by the worker and published
 * through the api: an unpublished version never shows, a supplement shows what changed, another
 * partnership's packs never appear, and each listed download answers that version's public PDF.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, londonToday } from '@pbw/core';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  createPartnership,
  eventually,
  signIn,
  startTestStack,
} from '@pbw/testing';

interface Pack {
  id: string;
  version: number;
  status: string;
  publicSha256: string;
  publicPages: number;
}
interface Listed {
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: string;
  version: number;
  publishedAt: string;
  supplement: boolean;
  changeNote: string | null;
  pages: number;
  downloadPath: string;
}
interface Listing {
  publishedBoardPacks: { partnershipName: string; localAuthority: string; packs: Listed[] };
}

describe('published board packs, for anyone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pbw-packs-public-'));
  const today = londonToday();
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let asA: GqlClient;
  let asB: GqlClient;
  let anon: GqlClient;

  const meeting = async (c: GqlClient, title: string, days: number): Promise<string> => {
    const id = (
      await c.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
        input: { title, startsAt: `${addDays(today, days)}T10:00:00Z`, reportDeadline: addDays(today, 1), location: 'Town Hall' },
      })
    ).createMeeting.id;
    for (const input of [
      { title: 'Welcome and apologies', kind: 'OTHER' },
      // Exempt: its title and paragraph are all the public edition shows, and the list shows neither.
      { title: 'Named placement decisions', kind: 'OTHER', exempt: true, exemptParagraph: 1, exemptReason: 'About individual children.' },
      { title: 'Board action log', kind: 'ACTION_LOG' },
    ])
      await c.ok(OPS.addAgendaItem, { input: { meetingId: id, ...input } });
    return id;
  };

  const compiled = async (c: GqlClient, meetingId: string): Promise<Pack> => {
    const queued = (await c.ok<{ compileBoardPack: Pack }>(OPS.compileBoardPack, { input: { meetingId } })).compileBoardPack;
    const done = await eventually(
      'the compile',
      async () => (await c.ok<{ boardPack: Pack }>(OPS.boardPack, { id: queued.id })).boardPack,
      (p) => p.status === 'DONE' || p.status === 'FAILED',
      { ms: 60_000 },
    );
    expect(done.status).toBe('DONE');
    return done;
  };

  const publish = async (c: GqlClient, pack: Pack, changeNote?: string) => {
    const findings = (await c.ok<{ packFindings: Array<{ id: string }> }>(OPS.packFindings, { packId: pack.id })).packFindings;
    for (const f of findings) await c.ok(OPS.clearPackFinding, { input: { id: f.id, note: 'Checked before publishing.' } });
    await c.ok(OPS.publishBoardPack, { input: { id: pack.id, ...(changeNote ? { changeNote } : {}) } });
  };

  const listing = async (slug: string) => (await anon.ok<Listing>(OPS.publishedBoardPacks, { partnershipSlug: slug })).publishedBoardPacks;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true, env: { FILE_STORAGE_DIR: join(dir, 'files'), MAIL_OUTBOX_DIR: join(dir, 'outbox') } });
    A = await createPartnership(stack.pg, 'Pubford');
    B = await createPartnership(stack.pg, 'Otherham');
    asA = stack.client((await signIn(stack.client(), A.secretariat.email)).accessToken);
    asB = stack.client((await signIn(stack.client(), B.secretariat.email)).accessToken);
    anon = stack.client();
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let spring: string;
  let springV1: Pack;
  let summer: string;
  let otherV1: Pack;

  it('lists nothing until a pack is published, and a compiled but unpublished version never', async () => {
    spring = await meeting(asA, 'Spring board', 14);
    summer = await meeting(asA, 'Summer board', 42);
    springV1 = await compiled(asA, spring);
    await compiled(asA, summer);
    expect(await listing(A.slug)).toEqual({
      partnershipName: 'Pubford Children in Care Partnership',
      localAuthority: 'Pubford Council',
      packs: [],
    });
  });

  it('a published version is listed with its meeting, pages and public download, which answers that PDF', async () => {
    await publish(asA, springV1);
    const published = (await stack.pg.query('SELECT published_at FROM board_packs WHERE id = $1', [springV1.id])).rows[0]
      .published_at as Date;
    const l = await listing(A.slug);
    expect(l.packs).toEqual([
      {
        meetingId: spring,
        meetingTitle: 'Spring board',
        meetingStartsAt: new Date(`${addDays(today, 14)}T10:00:00Z`).toISOString(),
        version: 1,
        publishedAt: published.toISOString(),
        supplement: false,
        changeNote: null,
        pages: springV1.publicPages,
        downloadPath: `/public/packs/${A.slug}/${spring}.pdf`,
      },
    ]);
    expect(springV1.publicPages).toBeGreaterThan(0);
    const res = await fetch(`${stack.url}${l.packs[0].downloadPath}`);
    expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status: 200, type: 'application/pdf' });
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(springV1.publicSha256);
    // Nothing of the exempt item, nor of the members' edition, is in the list.
    const text = JSON.stringify(l);
    for (const leak of ['Named placement decisions', 'About individual children', 'members'])
      expect({ leak, found: text.includes(leak) }).toEqual({ leak, found: false });
  });

  it('a newer version stays out until published; then it is listed as a supplement with what changed', async () => {
    const springV2 = await compiled(asA, spring);
    expect(springV2.version).toBe(2);
    expect((await listing(A.slug)).packs.map((p) => [p.meetingId, p.version])).toEqual([[spring, 1]]);
    // Its public address still serves version 1.
    const stillV1 = Buffer.from(await (await fetch(`${stack.url}/public/packs/${A.slug}/${spring}.pdf`)).arrayBuffer());
    expect(createHash('sha256').update(stillV1).digest('hex')).toBe(springV1.publicSha256);

    await publish(asA, springV2, 'The action log now has the March updates.');
    const [listed] = (await listing(A.slug)).packs;
    expect(listed).toMatchObject({
      meetingId: spring,
      version: 2,
      supplement: true,
      changeNote: 'The action log now has the March updates.',
      pages: springV2.publicPages,
    });
    const now = Buffer.from(await (await fetch(`${stack.url}${listed.downloadPath}`)).arrayBuffer());
    expect(createHash('sha256').update(now).digest('hex')).toBe(springV2.publicSha256);
  });

  it('newest meeting first; signed in as anyone, the slug alone decides what is shown', async () => {
    const summerV1 = (await asA.ok<{ boardPacks: Pack[] }>(OPS.boardPacks, { meetingId: summer })).boardPacks[0];
    await publish(asA, summerV1);
    const l = await listing(A.slug);
    expect(l.packs.map((p) => [p.meetingTitle, p.version, p.supplement])).toEqual([
      ['Summer board', 1, false],
      ['Spring board', 2, true],
    ]);
    expect(await asA.ok(OPS.publishedBoardPacks, { partnershipSlug: A.slug })).toEqual({ publishedBoardPacks: l });
    const member = stack.client((await signIn(stack.client(), A.member.email)).accessToken);
    expect(await member.ok(OPS.publishedBoardPacks, { partnershipSlug: A.slug })).toEqual({ publishedBoardPacks: l });
  });

  it("another partnership's packs never appear, and each slug lists its own", async () => {
    const other = await meeting(asB, 'Otherham board', 21);
    otherV1 = await compiled(asB, other);
    await publish(asB, otherV1);
    const a = await listing(A.slug);
    const b = await listing(B.slug);
    expect(a.packs.map((p) => p.meetingId).sort()).toEqual([spring, summer].sort());
    expect(b).toMatchObject({ partnershipName: 'Otherham Children in Care Partnership', packs: [{ meetingId: other, version: 1 }] });
    expect(b.packs).toHaveLength(1);
    expect(JSON.stringify(a)).not.toContain('Otherham');
    // Signed in to A, B's slug still shows B's only.
    expect(await asA.ok(OPS.publishedBoardPacks, { partnershipSlug: B.slug })).toEqual({ publishedBoardPacks: b });
    // B's meeting at A's address is not there.
    expect((await fetch(`${stack.url}/public/packs/${A.slug}/${other}.pdf`)).status).toBe(404);
  });

  it('an unknown slug answers NOT_FOUND and names nothing', async () => {
    const r = await anon.request(OPS.publishedBoardPacks, { partnershipSlug: 'no-such-partnership' });
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['NOT_FOUND', 'Partnership not found.']]);
  });
});
