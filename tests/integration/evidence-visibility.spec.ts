/**
 * Issue 5, "evidence and attachment visibility for every role and visibility level
 * (including a download attempt by a user who may not see it, which must look like a
 * missing file)". DESIGN.md §3: the secretariat sees everything; the author always sees
 * their own; anyone else sees what the evidence's visibility allows (PARTNERSHIP,
 * SUB_GROUP, AGENCY, RESTRICTED to named people) — except drafts, which only the owning
 * agency's people see. One data set, one hand-written table of who sees what, and every
 * way in checked against it: evidence(id), evidenceList (and each of its filters),
 * Action.evidence, and GET /files/:id with a bearer token or a downloadUrl token.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AccessTokenService } from '@pbw/access';
import {
  type GqlClient,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addAgency,
  addMembership,
  addSubGroup,
  addUser,
  createPartnership,
  insertAction,
  insertWorkPlan,
  principles,
  signIn,
  startTestStack,
} from '@pbw/testing';
import {
  type Download,
  type Evidence,
  type EvidenceDetail,
  type Uploaded,
  M,
  MISSING_BODY,
  Q,
  download,
  expectFileBytes,
  expectMissing,
  upload,
} from './evidence-helpers';

type Viewer = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'author' | 'colleague' | 'police' | 'eduChair' | 'eduMember' | 'named';
const VIEWERS: Viewer[] = [
  'secretariat',
  'boardMember',
  'chair',
  'member',
  'author',
  'colleague',
  'police',
  'eduChair',
  'eduMember',
  'named',
];

type Key = 'pubD' | 'pubS' | 'pubA' | 'pubR' | 'pubRS' | 'sgD' | 'sgS' | 'agD' | 'agS' | 'rsD' | 'rsS' | 'cD' | 'eS' | 'pol';
type Act = 'act1' | 'act2' | 'actE';
type Item = 'CPP-A' | 'CPP-B';

interface Spec {
  by: Viewer;
  group: 'health' | 'education';
  visibility: 'PARTNERSHIP' | 'SUB_GROUP' | 'AGENCY' | 'RESTRICTED';
  status: 'DRAFT' | 'SUBMITTED' | 'ACCEPTED' | 'RETURNED' | 'RESUBMITTED';
  kind: string;
  actions?: Act[];
  items?: Item[];
  restricted?: Viewer[];
}

/** Health sub-group evidence by `author` (health agency) unless said otherwise. */
const RECORDS: Record<Key, Spec> = {
  pubD: {
    by: 'author',
    group: 'health',
    visibility: 'PARTNERSHIP',
    status: 'DRAFT',
    kind: 'DOCUMENT',
    actions: ['act1'],
    items: ['CPP-A'],
  },
  pubS: {
    by: 'author',
    group: 'health',
    visibility: 'PARTNERSHIP',
    status: 'SUBMITTED',
    kind: 'DATA',
    actions: ['act1', 'act2'],
    items: ['CPP-B'],
  },
  pubA: { by: 'author', group: 'health', visibility: 'PARTNERSHIP', status: 'ACCEPTED', kind: 'CASE_STUDY', actions: ['act2'] },
  pubR: { by: 'author', group: 'health', visibility: 'PARTNERSHIP', status: 'RETURNED', kind: 'DOCUMENT' },
  pubRS: {
    by: 'author',
    group: 'health',
    visibility: 'PARTNERSHIP',
    status: 'RESUBMITTED',
    kind: 'VOICE_OF_YOUNG_PEOPLE',
    items: ['CPP-A'],
  },
  sgD: { by: 'author', group: 'health', visibility: 'SUB_GROUP', status: 'DRAFT', kind: 'DOCUMENT', actions: ['act1'] },
  sgS: { by: 'author', group: 'health', visibility: 'SUB_GROUP', status: 'SUBMITTED', kind: 'DATA', items: ['CPP-A'] },
  agD: { by: 'author', group: 'health', visibility: 'AGENCY', status: 'DRAFT', kind: 'DOCUMENT' },
  agS: { by: 'author', group: 'health', visibility: 'AGENCY', status: 'SUBMITTED', kind: 'DOCUMENT', actions: ['act1'] },
  rsD: { by: 'author', group: 'health', visibility: 'RESTRICTED', status: 'DRAFT', kind: 'DOCUMENT', restricted: ['named', 'member'] },
  rsS: {
    by: 'author',
    group: 'health',
    visibility: 'RESTRICTED',
    status: 'SUBMITTED',
    kind: 'DATA',
    actions: ['act1'],
    restricted: ['named', 'member'],
  },
  // A draft of the council (the secretariat's and the board member's agency).
  cD: { by: 'secretariat', group: 'health', visibility: 'PARTNERSHIP', status: 'DRAFT', kind: 'OTHER' },
  // The Education sub-group's own.
  eS: { by: 'eduMember', group: 'education', visibility: 'SUB_GROUP', status: 'SUBMITTED', kind: 'DATA', actions: ['actE'] },
  // Added by a sub-group member from the police.
  pol: { by: 'police', group: 'health', visibility: 'PARTNERSHIP', status: 'SUBMITTED', kind: 'OTHER' },
};
const KEYS = Object.keys(RECORDS) as Key[];

/** Who sees which evidence: written out by hand from DESIGN.md §3, not computed. */
const NOT_DRAFTS: Key[] = ['pubS', 'pubA', 'pubR', 'pubRS'];
const SEES: Record<Viewer, Key[]> = {
  secretariat: KEYS,
  // The author sees all their own, whatever the visibility.
  author: ['pubD', 'pubS', 'pubA', 'pubR', 'pubRS', 'sgD', 'sgS', 'agD', 'agS', 'rsD', 'rsS', 'pol'],
  // Same agency as the author, in the sub-group, and named on the restricted ones.
  member: ['pubD', 'pubS', 'pubA', 'pubR', 'pubRS', 'sgD', 'sgS', 'agD', 'agS', 'rsD', 'rsS', 'pol'],
  // Same agency, chairs the sub-group, not named.
  chair: ['pubD', 'pubS', 'pubA', 'pubR', 'pubRS', 'sgD', 'sgS', 'agD', 'agS', 'pol'],
  // Same agency, in no sub-group.
  colleague: ['pubD', 'pubS', 'pubA', 'pubR', 'pubRS', 'agD', 'agS', 'pol'],
  // In the sub-group, another agency: no drafts, no agency-only.
  police: [...NOT_DRAFTS, 'sgS', 'pol'],
  // The council: its own draft, otherwise partnership-wide submitted work only.
  boardMember: [...NOT_DRAFTS, 'cD', 'pol'],
  eduChair: [...NOT_DRAFTS, 'eS', 'pol'],
  eduMember: [...NOT_DRAFTS, 'eS', 'pol'],
  // Named on the restricted ones, of another agency: the submitted one only.
  named: [...NOT_DRAFTS, 'rsS', 'pol'],
};
const hidden = (v: Viewer): Key[] => KEYS.filter((k) => !SEES[v].includes(k));
const sorted = (xs: string[]): string[] => [...xs].sort();

describe('evidence: who sees it, lists it and downloads its attachments', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let agencyOf: Record<Viewer, string>;
  let groups: Record<Spec['group'], string>;
  let acts: Record<Act, string>;
  let items: Record<Item, string>;
  const users = {} as Record<Viewer, TestUser>;
  const tokens = {} as Record<Viewer, string>;
  const ids = {} as Record<Key, string>;
  const files = {} as Record<Key, Uploaded>;
  /** The secretariat's downloadUrl for each record's attachment. */
  const secretariatUrls = {} as Record<Key, string>;
  let otherFile: Uploaded;
  let otherUrl: string;
  const as = (who: Viewer): GqlClient => stack.client(tokens[who]);
  const chairs: Partial<Record<Viewer, Spec['group']>> = { chair: 'health', eduChair: 'education' };

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Viewham');
    B = await createPartnership(stack.pg, 'Elsewick');
    const police = await addAgency(stack.pg, A, 'Viewham Police', 'POLICE');
    const education = await addAgency(stack.pg, A, 'Viewham Virtual School', 'EDUCATION');
    const voluntary = await addAgency(stack.pg, A, 'Viewham Care Leavers Trust', 'VOLUNTARY');
    const author = await addUser(stack.pg, A, 'author', { agencyId: A.agencies.health });
    await addMembership(stack.pg, A, author.id);
    const colleague = await addUser(stack.pg, A, 'colleague', { agencyId: A.agencies.health });
    const policeUser = await addUser(stack.pg, A, 'police', { agencyId: police });
    await addMembership(stack.pg, A, policeUser.id);
    const eduChair = await addUser(stack.pg, A, 'educhair', { agencyId: education });
    const eduMember = await addUser(stack.pg, A, 'edumember', { agencyId: education });
    const eduGroup = await addSubGroup(stack.pg, A, 'Education', eduChair.id);
    await addMembership(stack.pg, A, eduMember.id, 'MEMBER', eduGroup);
    const named = await addUser(stack.pg, A, 'named', { agencyId: voluntary });
    Object.assign(users, {
      secretariat: A.secretariat,
      boardMember: A.boardMember,
      chair: A.chair,
      member: A.member,
      author,
      colleague,
      police: policeUser,
      eduChair,
      eduMember,
      named,
    });
    agencyOf = Object.fromEntries(VIEWERS.map((v) => [v, users[v].agencyId])) as Record<Viewer, string>;
    groups = { health: A.subGroupId, education: eduGroup };
    const sessions = await Promise.all(VIEWERS.map((v) => signIn(stack.client(), users[v].email)));
    VIEWERS.forEach((v, i) => (tokens[v] = sessions[i].accessToken));

    const plan = await insertWorkPlan(stack.pg, A);
    const eduPlan = await insertWorkPlan(stack.pg, A, { subGroupId: eduGroup });
    acts = {
      act1: await insertAction(stack.pg, A, plan, { title: 'Health assessments within 20 days' }),
      act2: await insertAction(stack.pg, A, plan, { title: 'Sub-group only action', visibility: 'SUB_GROUP' }),
      actE: await insertAction(stack.pg, A, eduPlan, { title: 'Personal education plans', ownerUserId: eduMember.id }),
    };
    const p = (await principles(stack.pg, A.id)).items;
    items = { 'CPP-A': p['CPP-A'], 'CPP-B': p['CPP-B'] };

    const step = (who: Viewer, op: keyof typeof M, input: Record<string, unknown>) => as(who).ok(M[op], { input });
    const make = async (k: Key) => {
      const s = RECORDS[k];
      // One name with characters outside ASCII, to check the download's file name header.
      files[k] = await upload(stack, tokens[s.by], k === 'pubS' ? `Café – résumé ${k}.pdf` : `Evidence ${k}.pdf`);
      const created = await as(s.by).ok<{ createEvidence: Evidence }>(M.createEvidence, {
        input: {
          subGroupId: groups[s.group],
          title: `Record ${k}`,
          kind: s.kind,
          visibility: s.visibility,
          restrictedUserIds: (s.restricted ?? []).map((v) => users[v].id),
          actionIds: (s.actions ?? []).map((a) => acts[a]),
          frameworkItemIds: (s.items ?? []).map((i) => items[i]),
          fileIds: [files[k].id],
        },
      });
      const id = (ids[k] = created.createEvidence.id);
      const reviewer: Viewer = s.group === 'health' ? 'chair' : 'eduChair';
      if (s.status === 'DRAFT') return;
      await step(s.by, 'submitEvidence', { id });
      if (s.status === 'ACCEPTED') await step(reviewer, 'acceptEvidence', { id });
      if (s.status === 'RETURNED' || s.status === 'RESUBMITTED') await step(reviewer, 'returnEvidence', { id, comment: 'More detail.' });
      if (s.status === 'RESUBMITTED') await step(s.by, 'submitEvidence', { id });
    };
    await Promise.all(KEYS.map(make));
    await Promise.all(
      KEYS.map(async (k) => {
        const d = (await as('secretariat').ok<{ evidence: EvidenceDetail }>(Q.evidence, { id: ids[k] })).evidence;
        expect([d.status, d.visibility, d.attachments.map((a) => a.id)]).toEqual([RECORDS[k].status, RECORDS[k].visibility, [files[k].id]]);
        secretariatUrls[k] = d.attachments[0].downloadUrl;
      }),
    );

    // Another partnership's evidence, with its own attachment.
    const tokenB = (await signIn(stack.client(), B.member.email)).accessToken;
    otherFile = await upload(stack, tokenB, 'Elsewick evidence.pdf');
    const eB = await stack.client(tokenB).ok<{ createEvidence: Evidence }>(M.createEvidence, {
      input: { subGroupId: B.subGroupId, title: 'Elsewick', kind: 'DATA', fileIds: [otherFile.id] },
    });
    await stack.client(tokenB).ok(M.submitEvidence, { input: { id: eB.createEvidence.id } });
    const dB = await stack.client(tokenB).ok<{ evidence: EvidenceDetail }>(Q.evidence, { id: eB.createEvidence.id });
    otherUrl = dB.evidence.attachments[0].downloadUrl;
    expectFileBytes(await download(stack, otherUrl), otherFile);
  });
  afterAll(() => stack?.close());

  const tokenService = () => stack.api.get(AccessTokenService);
  const urlToken = (url: string): string => new URL(url, stack.url).searchParams.get('token') ?? '';

  describe.each(VIEWERS)('%s', (who) => {
    it('evidence(id): NOT_FOUND exactly when hidden, answering as a random id does', async () => {
      const fake = await as(who).request(Q.evidence, { id: randomUUID() });
      expect(fake.errors?.[0]).toMatchObject({ message: 'Evidence not found.', extensions: { code: 'NOT_FOUND' }, path: ['evidence'] });
      const answers = await Promise.all(KEYS.map((k) => as(who).request<{ evidence: EvidenceDetail }>(Q.evidence, { id: ids[k] })));
      const seen: Key[] = [];
      KEYS.forEach((k, i) => {
        const r = answers[i];
        if (r.data?.evidence) {
          expect(r.data.evidence).toMatchObject({ id: ids[k], title: `Record ${k}`, status: RECORDS[k].status });
          seen.push(k);
        } else {
          expect({ k, r }).toEqual({ k, r: fake });
        }
      });
      expect(seen).toEqual(SEES[who]);
    });

    it('evidenceList: exactly the evidence they may see, and its count', async () => {
      const r = await as(who).ok<{ evidenceList: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(Q.evidenceList, {
        first: 50,
      });
      expect(r.evidenceList.totalCount).toBe(SEES[who].length);
      expect(sorted(r.evidenceList.edges.map((e) => e.node.id))).toEqual(sorted(SEES[who].map((k) => ids[k])));
    });

    it('GET /files/:id with their bearer token: the bytes, or exactly the missing-file answer', async () => {
      const random = await download(stack, randomUUID(), tokens[who]);
      const elsewhere = await download(stack, otherFile.id, tokens[who]);
      expectMissing(random);
      expect(elsewhere).toEqual(random);
      expect(await download(stack, 'not-a-file-id', tokens[who])).toEqual(random);
      const got = await Promise.all(KEYS.map((k) => download(stack, files[k].id, tokens[who])));
      KEYS.forEach((k, i) => {
        if (SEES[who].includes(k)) expectFileBytes(got[i], files[k]);
        else expect({ k, d: got[i] }).toEqual({ k, d: random });
      });
    });

    it('downloadUrl: their own link downloads what they may see; a link for what they may not answers as missing', async () => {
      const random = await download(stack, randomUUID(), tokens[who]);
      await Promise.all(
        SEES[who].map(async (k) => {
          const d = (await as(who).ok<{ evidence: EvidenceDetail }>(Q.evidence, { id: ids[k] })).evidence;
          const url = d.attachments[0].downloadUrl;
          expect(url).toMatch(new RegExp(`^/files/${files[k].id}\\?token=`));
          // Followed as a browser follows a link: no bearer header.
          expectFileBytes(await download(stack, url), files[k]);
        }),
      );
      await Promise.all(
        hidden(who).map(async (k) => {
          // A link made out to them (as if issued while they could still see it) is checked again when followed...
          const theirs = tokenService().issueDownload(users[who].id, A.id, files[k].id);
          expect({ k, d: await download(stack, `/files/${files[k].id}?token=${encodeURIComponent(theirs)}`) }).toEqual({ k, d: random });
          // ...and someone else's link, sent with their own sign-in, is checked as them.
          expect({ k, d: await download(stack, secretariatUrls[k], tokens[who]) }).toEqual({ k, d: random });
        }),
      );
      // Another partnership's link, sent with their own sign-in.
      expect(await download(stack, otherUrl, tokens[who])).toEqual(random);
    });

    it('Action.evidence lists only the linked evidence they may see, newest first; Evidence.actions only actions they may see', async () => {
      const sees = (k: Key) => SEES[who].includes(k);
      const seesAct2 = ['secretariat', 'chair', 'member', 'author', 'police'].includes(who);
      for (const act of ['act1', 'act2', 'actE'] as Act[]) {
        const r = await as(who).request<{ action: { evidence: Array<{ id: string; updatedAt: string }> } }>(Q.actionEvidence, {
          id: acts[act],
        });
        if (act === 'act2' && !seesAct2) {
          expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
          continue;
        }
        const linked = KEYS.filter((k) => (RECORDS[k].actions ?? []).includes(act) && sees(k));
        const got = r.data!.action.evidence;
        expect({ act, ids: sorted(got.map((e) => e.id)) }).toEqual({ act, ids: sorted(linked.map((k) => ids[k])) });
        const times = got.map((e) => e.updatedAt);
        expect(times).toEqual([...times].sort().reverse());
      }
      if (sees('pubS')) {
        const d = (await as(who).ok<{ evidence: EvidenceDetail }>(Q.evidence, { id: ids.pubS })).evidence;
        expect(sorted(d.actions.map((a) => a.id))).toEqual(sorted(seesAct2 ? [acts.act1, acts.act2] : [acts.act1]));
      }
    });

    it('evidenceList filters return exactly the visible rows that match', async () => {
      const rec = (k: Key) => RECORDS[k];
      const awaiting = (k: Key) => ['SUBMITTED', 'RESUBMITTED'].includes(rec(k).status);
      const filters: Array<[Record<string, unknown>, (k: Key) => boolean]> = [
        [{}, () => true],
        [{ subGroupId: groups.health }, (k) => rec(k).group === 'health'],
        [{ subGroupId: groups.education }, (k) => rec(k).group === 'education'],
        [{ statuses: ['DRAFT'] }, (k) => rec(k).status === 'DRAFT'],
        [{ statuses: ['SUBMITTED', 'RESUBMITTED'] }, awaiting],
        [{ statuses: ['ACCEPTED', 'RETURNED'] }, (k) => ['ACCEPTED', 'RETURNED'].includes(rec(k).status)],
        [{ kind: 'DATA' }, (k) => rec(k).kind === 'DATA'],
        [{ kind: 'DOCUMENT' }, (k) => rec(k).kind === 'DOCUMENT'],
        [{ mine: true }, (k) => rec(k).by === who],
        [{ mine: false }, () => true],
        [{ toReview: true }, (k) => awaiting(k) && (who === 'secretariat' || chairs[who] === rec(k).group)],
        [{ actionId: acts.act1 }, (k) => (rec(k).actions ?? []).includes('act1')],
        [{ actionId: acts.act2 }, (k) => (rec(k).actions ?? []).includes('act2')],
        [{ frameworkItemId: items['CPP-A'] }, (k) => (rec(k).items ?? []).includes('CPP-A')],
        [{ agencyId: agencyOf.police }, (k) => agencyOf[rec(k).by] === agencyOf.police],
        [
          { subGroupId: groups.health, statuses: ['DRAFT', 'SUBMITTED'], kind: 'DOCUMENT' },
          (k) => rec(k).group === 'health' && ['DRAFT', 'SUBMITTED'].includes(rec(k).status) && rec(k).kind === 'DOCUMENT',
        ],
      ];
      const answers = await Promise.all(
        filters.map(([filter]) =>
          as(who).ok<{ evidenceList: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(Q.evidenceList, {
            first: 50,
            filter,
          }),
        ),
      );
      filters.forEach(([filter, match], i) => {
        const expected = SEES[who].filter(match);
        const r = answers[i];
        expect({ filter, count: r.evidenceList.totalCount, ids: sorted(r.evidenceList.edges.map((e) => e.node.id)) }).toEqual({
          filter,
          count: expected.length,
          ids: sorted(expected.map((k) => ids[k])),
        });
      });
    });
  });

  it('the chair’s review queue is exactly what waits in their sub-group and they can see', async () => {
    const queue = async (who: Viewer) =>
      sorted(
        (
          await as(who).ok<{ evidenceList: { edges: Array<{ node: { id: string } }> } }>(Q.evidenceList, {
            first: 50,
            filter: { toReview: true },
          })
        ).evidenceList.edges.map((e) => e.node.id),
      );
    // Written out, so the filter test's predicate is not the only statement of it.
    expect(await queue('chair')).toEqual(sorted(['pubS', 'pubRS', 'sgS', 'agS', 'pol'].map((k) => ids[k as Key])));
    expect(await queue('eduChair')).toEqual([ids.eS]);
    expect(await queue('member')).toEqual([]);
    expect(await queue('boardMember')).toEqual([]);
    expect(await queue('secretariat')).toEqual(sorted(['pubS', 'pubRS', 'sgS', 'agS', 'rsS', 'eS', 'pol'].map((k) => ids[k as Key])));
  });

  it('pages through the list without losing or repeating a row', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r: { evidenceList: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string } }> } } =
        await as('secretariat').ok(Q.evidenceList, { first: 4, after });
      seen.push(...r.evidenceList.edges.map((e) => e.node.id));
      if (!r.evidenceList.pageInfo.hasNextPage) break;
      after = r.evidenceList.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(KEYS.length);
    expect(sorted(seen)).toEqual(sorted(KEYS.map((k) => ids[k])));
  });

  describe('downloads without a good sign-in', () => {
    const unauthenticated = (d: Download, message: string) =>
      expect({ status: d.status, body: JSON.parse(d.body.toString('utf8')) as unknown }).toEqual({
        status: 401,
        body: { code: 'UNAUTHENTICATED', message },
      });
    const EXPIRED = 'Your session has expired. Sign in again.';

    it('no token at all is 401, for a real file as for a random id', async () => {
      unauthenticated(await download(stack, files.pubS.id), 'Sign in to continue.');
      unauthenticated(await download(stack, randomUUID()), 'Sign in to continue.');
    });

    it('a garbage, expired or wrong kind of token is 401', async () => {
      const secret = stack.config.jwtSecret;
      const f = files.pubS;
      unauthenticated(await download(stack, f.id, 'not-a-token'), EXPIRED);
      unauthenticated(await download(stack, `/files/${f.id}?token=not-a-token`), EXPIRED);
      const expiredAccess = jwt.sign({ sub: A.secretariat.id, pid: A.id, typ: 'access' }, secret, { algorithm: 'HS256', expiresIn: -60 });
      unauthenticated(await download(stack, f.id, expiredAccess), EXPIRED);
      const expiredLink = jwt.sign({ sub: A.secretariat.id, pid: A.id, fid: f.id, typ: 'download' }, secret, {
        algorithm: 'HS256',
        expiresIn: -60,
      });
      unauthenticated(await download(stack, `/files/${f.id}?token=${expiredLink}`), EXPIRED);
      // Signed with another key.
      const forged = jwt.sign({ sub: A.secretariat.id, pid: A.id, typ: 'access' }, 'not-the-secret', { algorithm: 'HS256' });
      unauthenticated(await download(stack, f.id, forged), EXPIRED);
      // A link is for one file only.
      unauthenticated(await download(stack, `/files/${files.pubA.id}?token=${urlToken(secretariatUrls.pubS)}`), EXPIRED);
      // A link token is not a sign-in, and a sign-in is not a link token.
      unauthenticated(await download(stack, f.id, urlToken(secretariatUrls.pubS)), EXPIRED);
      unauthenticated(await download(stack, `/files/${f.id}?token=${tokens.secretariat}`), EXPIRED);
      // The secretariat's own link still works.
      expectFileBytes(await download(stack, secretariatUrls.pubS), f);
    });
  });

  it('the download names the file as it was uploaded, in a header any browser can read', async () => {
    const d = await download(stack, files.pubS.id, tokens.secretariat);
    expect(d.disposition).toBe(
      `attachment; filename="Caf_ _ r_sum_ pubS.pdf"; filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20r%C3%A9sum%C3%A9%20pubS.pdf`,
    );
  });

  it('an unattached file comes down for its uploader only', async () => {
    const f = await upload(stack, tokens.author, "Tom's plan (v2) *final*.pdf");
    const mine = await download(stack, f.id, tokens.author);
    expectFileBytes(mine, f);
    // ' ( ) * are not allowed bare in filename* (RFC 8187), so they are percent-encoded too.
    expect(mine.disposition).toBe(
      `attachment; filename="Tom's plan (v2) *final*.pdf"; filename*=UTF-8''Tom%27s%20plan%20%28v2%29%20%2Afinal%2A.pdf`,
    );
    for (const who of ['member', 'chair', 'colleague', 'secretariat', 'boardMember'] as Viewer[]) {
      const d = await download(stack, f.id, tokens[who]);
      expect({ who, body: d.body.toString('utf8'), status: d.status }).toEqual({ who, body: MISSING_BODY, status: 404 });
    }
  });

  it('a link issued while someone could see the evidence stops working when they no longer can', async () => {
    const f = await upload(stack, tokens.author, 'Moving.pdf');
    const e = (
      await as('author').ok<{ createEvidence: Evidence }>(M.createEvidence, {
        input: { subGroupId: A.subGroupId, title: 'Moving', kind: 'DOCUMENT', fileIds: [f.id] },
      })
    ).createEvidence;
    const chairsLink = (await as('chair').ok<{ evidence: EvidenceDetail }>(Q.evidence, { id: e.id })).evidence.attachments[0].downloadUrl;
    expectFileBytes(await download(stack, chairsLink), f);
    await as('author').ok(M.updateEvidence, { input: { id: e.id, visibility: 'RESTRICTED', restrictedUserIds: [users.member.id] } });
    expectMissing(await download(stack, chairsLink));
    expectMissing(await download(stack, f.id, tokens.chair));
    expectFileBytes(await download(stack, f.id, tokens.member), f);
  });
});
