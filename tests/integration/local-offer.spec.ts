/**
 * Issue 6, the local offer: the secretariat previews and publishes it as numbered,
 * immutable versions of every in-offer, not-cancelled commitment, grouped by the six
 * statutory areas. The public JSON (GET /public/local-offer/:slug) and the publicLocalOffer
 * query need no sign-in and show only what was published: never an unpublished change, a
 * commitment outside the offer, internal fields, or another partnership's offer. Each
 * version lists what changed since the one before (ADDED, CHANGED with the public fields
 * that changed, REMOVED); changes to internal fields are not changes.
 */
import type { Client } from 'pg';
import {
  type GqlClient,
  type TestPartnership,
  type TestStack,
  addAgency,
  addUser,
  createPartnership,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';
import { auditIds, auditSince, expectFields, expectOnlyError } from './evidence-helpers';

const PUBLISH_ONLY = 'Only the board secretariat publishes the local offer.';
const NO_OFFER = { code: 'NOT_FOUND', message: 'There is no published local offer here.' };
const BAD_VERSION = {
  code: 'BAD_USER_INPUT',
  message: 'version must be a whole number from 1.',
  fields: [{ path: 'version', message: 'version must be a whole number from 1.' }],
};
const AREAS: Array<[string, string]> = [
  ['HEALTH_AND_WELLBEING', 'Health and wellbeing'],
  ['RELATIONSHIPS', 'Relationships'],
  ['EDUCATION_AND_TRAINING', 'Education and training'],
  ['EMPLOYMENT', 'Employment'],
  ['ACCOMMODATION', 'Accommodation'],
  ['PARTICIPATION_IN_SOCIETY', 'Participation in society'],
];
/** Every key the public JSON may hold, at any depth. */
const PUBLIC_KEYS = [
  'agencyName',
  'area',
  'areas',
  'changes',
  'commitmentId',
  'eligibility',
  'fields',
  'introduction',
  'items',
  'kind',
  'label',
  'localAuthority',
  'partnership',
  'publishedAt',
  'title',
  'version',
  'versions',
  'wording',
];

const VERSION = `number publishedAt introduction areas { area label items { commitmentId area title wording eligibility agencyName } }
  changes { kind commitmentId title area fields }`;
const GQL = {
  preview: `query { localOfferPreview { nextNumber areas { area label items { commitmentId area title wording eligibility agencyName } }
    changes { kind commitmentId title area fields } } }`,
  versions: `query { localOfferVersions { ${VERSION} } }`,
  publish: `mutation($input: PublishLocalOfferInput!) { publishLocalOffer(input: $input) { ${VERSION} } }`,
  public: `query($slug: String!, $number: Int) { publicLocalOffer(partnershipSlug: $slug, number: $number) {
    partnershipName localAuthority versions version { ${VERSION} } } }`,
  create: 'mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { id version } }',
  update: 'mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { id version } }',
  post: 'mutation($input: PostCommitmentUpdateInput!) { postCommitmentUpdate(input: $input) { commitment { id version } } }',
};

interface Item {
  commitmentId: string;
  area: string;
  title: string;
  wording: string;
  eligibility: string | null;
  agencyName: string;
}
interface Change {
  kind: string;
  commitmentId: string;
  title: string;
  area: string;
  fields: string[];
}
interface Area {
  area: string;
  label: string;
  items: Item[];
}
interface Version {
  number: number;
  publishedAt: string;
  introduction: string;
  areas: Area[];
  changes: Change[];
}
interface PublicJson {
  partnership: string;
  localAuthority: string;
  version: number;
  publishedAt: string;
  introduction: string;
  areas: Area[];
  changes: Change[];
  versions: number[];
}

/** The six areas in order, each holding the given items (in the order given). */
function byArea(items: Item[]): Area[] {
  return AREAS.map(([area, label]) => ({ area, label, items: items.filter((i) => i.area === area) }));
}

function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  }
  return out;
}

async function versionRows(pg: Client, partnershipId: string): Promise<string[]> {
  return (
    await pg.query<{ row: string }>('SELECT v::text AS row FROM local_offer_versions v WHERE partnership_id = $1 ORDER BY number', [
      partnershipId,
    ])
  ).rows.map((r) => r.row);
}

describe('the local offer', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let C: TestPartnership;
  let police: string;
  const tokens = {} as Record<'secretariat' | 'boardMember' | 'chair' | 'member' | 'police' | 'secretariatB' | 'secretariatC', string>;
  const as = (who: keyof typeof tokens): GqlClient => stack.client(tokens[who]);
  /** The agencies' names, as the factory and beforeAll give them. */
  const names = { council: "Offerton Council Children's Services", health: 'Offerton Integrated Care Board', police: 'Offerton Police' };

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Offerton');
    B = await createPartnership(stack.pg, 'Elsewick');
    C = await createPartnership(stack.pg, 'Emptybury');
    police = await addAgency(stack.pg, A, 'Offerton Police', 'POLICE');
    const officer = await addUser(stack.pg, A, 'officer', { agencyId: police });
    const emails = {
      secretariat: A.secretariat.email,
      boardMember: A.boardMember.email,
      chair: A.chair.email,
      member: A.member.email,
      police: officer.email,
      secretariatB: B.secretariat.email,
      secretariatC: C.secretariat.email,
    };
    for (const [who, email] of Object.entries(emails))
      tokens[who as keyof typeof tokens] = (await signIn(stack.client(), email)).accessToken;
  });
  afterAll(() => stack?.close());

  const publicJson = async (slug: string, query = '') => {
    const res = await fetch(`${stack.url}/public/local-offer/${slug}${query}`);
    return { status: res.status, cache: res.headers.get('cache-control'), body: (await res.json()) as PublicJson };
  };
  const create = async (who: keyof typeof tokens, input: Record<string, unknown>): Promise<string> =>
    (await as(who).ok<{ createCommitment: { id: string } }>(GQL.create, { input: { dueDate: '2027-03-31', ...input } })).createCommitment
      .id;
  /** A commitment in the local offer. */
  const offered = (who: keyof typeof tokens, offerArea: string, title: string, offerWording: string, extra: Record<string, unknown> = {}) =>
    create(who, { title, offerArea, inLocalOffer: true, offerWording, ...extra });
  const version = async (id: string): Promise<number> =>
    (await stack.pg.query<{ v: number }>('SELECT version AS v FROM commitments WHERE id = $1', [id])).rows[0].v;
  const change = async (who: keyof typeof tokens, id: string, input: Record<string, unknown>) =>
    as(who).ok(GQL.update, { input: { id, version: await version(id), ...input } });
  const preview = async () =>
    (await as('secretariat').ok<{ localOfferPreview: { nextNumber: number; areas: Area[]; changes: Change[] } }>(GQL.preview))
      .localOfferPreview;

  /** Publishes as A's secretariat and checks the one audit event it leaves. */
  const publish = async (input: Record<string, unknown>): Promise<Version> => {
    const known = await auditIds(stack.pg, A.id);
    const v = (await as('secretariat').ok<{ publishLocalOffer: Version }>(GQL.publish, { input })).publishLocalOffer;
    const row = await stack.pg.query<{ id: string }>('SELECT id FROM local_offer_versions WHERE partnership_id = $1 AND number = $2', [
      A.id,
      v.number,
    ]);
    expect((await auditSince(stack.pg, A.id, known)).map((a) => [a.action, a.entity_type, a.entity_id, a.actor_user_id])).toEqual([
      ['localOffer.publish', 'LocalOfferVersion', row.rows[0].id, A.secretariat.id],
    ]);
    return v;
  };
  /** A refused preview or publication: exactly this error, and nothing in the partnership changed. */
  const refusedPublish = async (
    who: keyof typeof tokens,
    input: Record<string, unknown>,
    check: (r: Awaited<ReturnType<GqlClient['request']>>) => void,
  ) => {
    const before = await tenantSnapshot(stack.pg, A.id);
    const known = await auditIds(stack.pg, A.id);
    const r = await as(who).request(GQL.publish, { input });
    check(r);
    expect(await auditSince(stack.pg, A.id, known)).toEqual([]);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    return r;
  };

  it('publishes the offer, keeps every published version public exactly as it was, and lists what changed', async () => {
    expect(await publicJson(A.slug)).toEqual({ status: 404, cache: null, body: NO_OFFER });
    const intro = 'What every care leaver in Offerton can get.';

    const c = {
      presc: await offered('member', 'HEALTH_AND_WELLBEING', 'Free prescriptions', 'Free NHS prescriptions until 25.', {
        offerEligibility: 'Care leavers aged 18 to 25',
        description: 'Internal: budget code 4471',
        measure: 'care leavers with a prepayment certificate',
        baseline: 10,
        target: 50,
        rag: 'AMBER',
      }),
      mentor: await offered('secretariat', 'RELATIONSHIPS', 'Mentoring', 'A mentor if you want one.'),
      bursary: await offered('secretariat', 'EDUCATION_AND_TRAINING', 'Higher education bursary', '£2,000 a year at university.'),
      // Seen only by the police and the secretariat, yet in the offer: publication is the secretariat's act.
      cadets: await offered('police', 'EMPLOYMENT', 'Police cadet apprenticeships', 'Two cadet apprenticeships a year.', {
        visibility: 'AGENCY',
      }),
      driving: await offered('secretariat', 'EMPLOYMENT', 'Driving lessons', 'Ten driving lessons.'),
      housing: await offered('secretariat', 'ACCOMMODATION', 'Housing worker', 'A specialist housing worker for care leavers.', {
        offerEligibility: 'Care leavers in Offerton',
      }),
      internal: await create('secretariat', {
        title: 'Internal audit of leaving care files',
        offerArea: 'OTHER',
        description: 'Not for publication',
      }),
      cancelled: await offered('member', 'RELATIONSHIPS', 'Family time fund', 'Money towards seeing your family.', {
        status: 'CANCELLED',
      }),
    };
    // Another partnership's offer, published first: it never shows under this slug.
    const elsewhere = await offered('secretariatB', 'PARTICIPATION_IN_SOCIETY', 'Elsewick bus pass', 'Free buses.');
    await as('secretariatB').ok(GQL.publish, { input: { expectedNumber: 1 } });

    const item = (id: string, area: string, title: string, wording: string, eligibility: string | null, agencyName: string): Item => ({
      commitmentId: id,
      area,
      title,
      wording,
      eligibility,
      agencyName,
    });
    const v1Items = [
      item(
        c.presc,
        'HEALTH_AND_WELLBEING',
        'Free prescriptions',
        'Free NHS prescriptions until 25.',
        'Care leavers aged 18 to 25',
        names.health,
      ),
      item(c.mentor, 'RELATIONSHIPS', 'Mentoring', 'A mentor if you want one.', null, names.council),
      item(c.bursary, 'EDUCATION_AND_TRAINING', 'Higher education bursary', '£2,000 a year at university.', null, names.council),
      item(c.driving, 'EMPLOYMENT', 'Driving lessons', 'Ten driving lessons.', null, names.council),
      item(c.cadets, 'EMPLOYMENT', 'Police cadet apprenticeships', 'Two cadet apprenticeships a year.', null, names.police),
      item(
        c.housing,
        'ACCOMMODATION',
        'Housing worker',
        'A specialist housing worker for care leavers.',
        'Care leavers in Offerton',
        names.council,
      ),
    ];
    const v1Changes = v1Items.map((i) => ({ kind: 'ADDED', commitmentId: i.commitmentId, title: i.title, area: i.area, fields: [] }));
    expect(await preview()).toEqual({ nextNumber: 1, areas: byArea(v1Items), changes: v1Changes });

    const v1 = await publish({ expectedNumber: 1, introduction: intro });
    expect(v1).toEqual({ number: 1, publishedAt: expect.any(String), introduction: intro, areas: byArea(v1Items), changes: v1Changes });

    // Public, with no sign-in: exactly version 1, and nothing but public keys.
    const pub1 = await publicJson(A.slug);
    const v1Json: PublicJson = {
      partnership: 'Offerton Children in Care Partnership',
      localAuthority: 'Offerton Council',
      version: 1,
      publishedAt: v1.publishedAt,
      introduction: intro,
      areas: byArea(v1Items),
      changes: v1Changes,
      versions: [1],
    };
    expect(pub1).toEqual({ status: 200, cache: 'public, max-age=60', body: v1Json });
    expect([...keysOf(pub1.body)].sort()).toEqual(PUBLIC_KEYS);
    const gqlPublic = async (number?: number) =>
      (await stack.client().ok<{ publicLocalOffer: unknown }>(GQL.public, { slug: A.slug, number })).publicLocalOffer;
    expect(await gqlPublic()).toEqual({
      partnershipName: v1Json.partnership,
      localAuthority: v1Json.localAuthority,
      versions: [1],
      version: v1,
    });

    // After publication: a wording change (with internal changes beside it), a title and eligibility change, a move to
    // another area, one added, one taken out, one cancelled, and changes only to internal fields.
    await change('member', c.presc, {
      offerWording: 'Free NHS prescriptions until you are 25.',
      rag: 'RED',
      description: 'Budget code 4472',
      measure: 'certificates',
    });
    await as('member').ok(GQL.post, {
      input: {
        commitmentId: c.presc,
        version: await version(c.presc),
        value: 30,
        narrative: 'Thirty certificates',
        status: 'IN_PROGRESS',
        rag: 'RED',
      },
    });
    await change('secretariat', c.mentor, {
      rag: 'RED',
      status: 'IN_PROGRESS',
      target: 40,
      description: 'Twelve mentors trained',
      visibility: 'AGENCY',
    });
    await change('secretariat', c.housing, {
      title: 'Specialist housing worker',
      offerEligibility: 'Care leavers aged 18 to 25 in Offerton',
    });
    await change('secretariat', c.driving, { offerArea: 'PARTICIPATION_IN_SOCIETY' });
    await change('secretariat', c.bursary, { inLocalOffer: false });
    await as('police').ok(GQL.post, {
      input: { commitmentId: c.cadets, version: await version(c.cadets), narrative: 'Scheme closed', status: 'CANCELLED', rag: 'RED' },
    });
    const leisure = await offered('police', 'PARTICIPATION_IN_SOCIETY', 'Leisure pass', 'A free leisure pass.');
    await change('secretariat', c.internal, { rag: 'AMBER', title: 'Internal audit, second round' });

    // Nothing unpublished is public.
    expect(await publicJson(A.slug)).toEqual(pub1);
    expect(await gqlPublic()).toEqual({
      partnershipName: v1Json.partnership,
      localAuthority: v1Json.localAuthority,
      versions: [1],
      version: v1,
    });
    const text = JSON.stringify(pub1.body);
    for (const hidden of [
      'until you are 25',
      'Specialist housing worker',
      'Leisure pass',
      'Internal audit',
      'Family time',
      'Elsewick',
      'budget code',
      'prepayment',
      'Twelve mentors',
      'RED',
      'AMBER',
      'GREEN',
      'IN_PROGRESS',
      'CANCELLED',
      c.internal,
      c.cancelled,
      leisure,
      elsewhere,
    ])
      expect({ hidden, found: text.includes(hidden) }).toEqual({ hidden, found: false });

    const v2Items = [
      item(
        c.presc,
        'HEALTH_AND_WELLBEING',
        'Free prescriptions',
        'Free NHS prescriptions until you are 25.',
        'Care leavers aged 18 to 25',
        names.health,
      ),
      item(c.mentor, 'RELATIONSHIPS', 'Mentoring', 'A mentor if you want one.', null, names.council),
      item(
        c.housing,
        'ACCOMMODATION',
        'Specialist housing worker',
        'A specialist housing worker for care leavers.',
        'Care leavers aged 18 to 25 in Offerton',
        names.council,
      ),
      item(c.driving, 'PARTICIPATION_IN_SOCIETY', 'Driving lessons', 'Ten driving lessons.', null, names.council),
      item(leisure, 'PARTICIPATION_IN_SOCIETY', 'Leisure pass', 'A free leisure pass.', null, names.police),
    ];
    // In the new list's order, then what was removed in the old list's order; the RAG and other internal changes are not changes.
    const v2Changes: Change[] = [
      { kind: 'CHANGED', commitmentId: c.presc, title: 'Free prescriptions', area: 'HEALTH_AND_WELLBEING', fields: ['wording'] },
      {
        kind: 'CHANGED',
        commitmentId: c.housing,
        title: 'Specialist housing worker',
        area: 'ACCOMMODATION',
        fields: ['title', 'eligibility'],
      },
      { kind: 'CHANGED', commitmentId: c.driving, title: 'Driving lessons', area: 'PARTICIPATION_IN_SOCIETY', fields: ['area'] },
      { kind: 'ADDED', commitmentId: leisure, title: 'Leisure pass', area: 'PARTICIPATION_IN_SOCIETY', fields: [] },
      { kind: 'REMOVED', commitmentId: c.bursary, title: 'Higher education bursary', area: 'EDUCATION_AND_TRAINING', fields: [] },
      { kind: 'REMOVED', commitmentId: c.cadets, title: 'Police cadet apprenticeships', area: 'EMPLOYMENT', fields: [] },
    ];
    expect(await preview()).toEqual({ nextNumber: 2, areas: byArea(v2Items), changes: v2Changes });

    // Refused: a stale number, and anyone but the secretariat.
    const stale = await refusedPublish('secretariat', { expectedNumber: 1, introduction: intro }, (r) =>
      expectOnlyError(
        r,
        'publishLocalOffer',
        'CONFLICT',
        'Version 1 has been published since you opened this page. Check what will change and publish again.',
      ),
    );
    expect(stale.errors![0].extensions?.current).toEqual({ latestNumber: 1 });
    for (const who of ['boardMember', 'chair', 'member', 'police'] as const) {
      expectOnlyError(await as(who).request(GQL.preview), 'localOfferPreview', 'FORBIDDEN', PUBLISH_ONLY);
      await refusedPublish(who, { expectedNumber: 2, introduction: intro }, (r) =>
        expectOnlyError(r, 'publishLocalOffer', 'FORBIDDEN', PUBLISH_ONLY),
      );
    }

    const v2 = await publish({ expectedNumber: 2, introduction: intro });
    expect(v2).toEqual({ number: 2, publishedAt: expect.any(String), introduction: intro, areas: byArea(v2Items), changes: v2Changes });
    expect(Date.parse(v2.publishedAt)).toBeGreaterThanOrEqual(Date.parse(v1.publishedAt));
    const v2Json: PublicJson = {
      ...v1Json,
      version: 2,
      publishedAt: v2.publishedAt,
      areas: byArea(v2Items),
      changes: v2Changes,
      versions: [2, 1],
    };
    expect((await publicJson(A.slug)).body).toEqual(v2Json);
    expect((await publicJson(A.slug, '?version=2')).body).toEqual(v2Json);
    // Version 1 is still exactly what was published; only the list of versions has grown.
    expect(await publicJson(A.slug, '?version=1')).toEqual({ ...pub1, body: { ...v1Json, versions: [2, 1] } });
    expect(await gqlPublic(1)).toEqual({
      partnershipName: v1Json.partnership,
      localAuthority: v1Json.localAuthority,
      versions: [2, 1],
      version: v1,
    });
    expect((await as('member').ok<{ localOfferVersions: Version[] }>(GQL.versions)).localOfferVersions).toEqual([v2, v1]);

    // Nothing new since version 2 (another RAG change is still not a change): nothing to publish.
    await change('secretariat', c.mentor, { rag: 'GREEN' });
    await refusedPublish('secretariat', { expectedNumber: 3, introduction: intro }, (r) =>
      expectFields(r, 'publishLocalOffer', [
        { path: 'input', message: 'Nothing has changed since version 2, so there is nothing new to publish.' },
      ]),
    );
    expect((await preview()).changes).toEqual([]);

    // Each partnership's slug shows its own offer only.
    const b = await publicJson(B.slug);
    expect(b.body.areas.flatMap((a) => a.items.map((i) => i.commitmentId))).toEqual([elsewhere]);
    expect(b.body.versions).toEqual([1]);
  });

  it('answers 404 where nothing is published and 400 for a version that is not a whole number from 1', async () => {
    for (const slug of ['no-such-partnership', C.slug]) {
      expect({ slug, r: await publicJson(slug) }).toEqual({ slug, r: { status: 404, cache: null, body: NO_OFFER } });
      expectOnlyError(await stack.client().request(GQL.public, { slug }), 'publicLocalOffer', 'NOT_FOUND');
    }
    expect(await publicJson(A.slug, '?version=3')).toEqual({ status: 404, cache: null, body: NO_OFFER });
    expectOnlyError(await stack.client().request(GQL.public, { slug: A.slug, number: 3 }), 'publicLocalOffer', 'NOT_FOUND');
    for (const bad of ['abc', '0', '-1', '1.5', '01', '', '1e1', '99999999999']) {
      expect({ bad, r: await publicJson(A.slug, `?version=${bad}`) }).toEqual({ bad, r: { status: 400, cache: null, body: BAD_VERSION } });
    }
  });

  it('refuses to publish an empty offer', async () => {
    const before = await tenantSnapshot(stack.pg, C.id);
    const r = await as('secretariatC').request(GQL.publish, { input: { expectedNumber: 1 } });
    expectFields(r, 'publishLocalOffer', [
      { path: 'input', message: 'No commitment is in the local offer yet. Add one to the offer before publishing.' },
    ]);
    expect(await tenantSnapshot(stack.pg, C.id)).toEqual(before);
  });

  it('a published version cannot be changed or removed, even straight in the database', async () => {
    const before = await versionRows(stack.pg, A.id);
    expect(before).toHaveLength(2);
    for (const sql of [
      "UPDATE local_offer_versions SET introduction = 'Rewritten' WHERE partnership_id = $1",
      "UPDATE local_offer_versions SET items = '[]'::jsonb WHERE partnership_id = $1 AND number = 1",
      'DELETE FROM local_offer_versions WHERE partnership_id = $1 AND number = 1',
      'DELETE FROM local_offer_versions WHERE partnership_id = $1',
    ]) {
      await expect(stack.pg.query(sql, [A.id])).rejects.toThrow('A published local offer version cannot be changed or removed');
    }
    expect(await versionRows(stack.pg, A.id)).toEqual(before);
  });
});

describe('the local offer introduction', () => {
  let stack: TestStack;
  let P: TestPartnership;

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Introton');
  });
  afterAll(() => stack?.close());

  it('stays as last published when a new version leaves it out, and an empty one clears it', async () => {
    const sec = stack.client((await signIn(stack.client(), P.secretariat.email)).accessToken);
    const publish = `mutation($input: PublishLocalOfferInput!) { publishLocalOffer(input: $input) { number introduction } }`;
    const create = `mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { id } }`;
    const offer = (title: string) => ({
      input: {
        title,
        offerArea: 'EMPLOYMENT',
        dueDate: '2027-03-31',
        inLocalOffer: true,
        offerWording: `${title} for care leavers.`,
        agencyId: P.agencies.council,
      },
    });
    await sec.ok(create, offer('Work tasters'));
    await expect(sec.ok(publish, { input: { expectedNumber: 1, introduction: 'Our promise to you' } })).resolves.toEqual({
      publishLocalOffer: { number: 1, introduction: 'Our promise to you' },
    });
    await sec.ok(create, offer('Interview clothes'));
    await expect(sec.ok(publish, { input: { expectedNumber: 2 } })).resolves.toEqual({
      publishLocalOffer: { number: 2, introduction: 'Our promise to you' },
    });
    // Nothing changed and the introduction left out: nothing to publish, rather than a silent change.
    expect((await sec.fails(publish, { input: { expectedNumber: 3 } })).extensions?.code).toBe('BAD_USER_INPUT');
    await expect(sec.ok(publish, { input: { expectedNumber: 3, introduction: '' } })).resolves.toEqual({
      publishLocalOffer: { number: 3, introduction: '' },
    });
  });
});
