/**
 * Issue 6, partner agencies' commitments: who may log, change and post progress on them
 * (the owning agency's MEMBER-role users and the secretariat; board members read; nobody
 * touches another agency's), what each role reads under each visibility, progress from
 * baseline to target through posted updates, the queries and the per-agency summary, and
 * the input rules. Every allowed write leaves exactly the audit events expected; every
 * refused one leaves the partnership's data, audit trail included, exactly as it was.
 */
import { randomUUID } from 'node:crypto';
import { addDays, londonToday } from '@pbw/core';
import {
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addAgency,
  addMembership,
  addSubGroup,
  addUser,
  createPartnership,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';
import { auditIds, auditSince, expectFields, expectOnlyError } from './evidence-helpers';

const OWN_AGENCY = 'You can only add commitments for your own agency.';
const BOARD_READS = 'Board members read commitments; the agency’s own people add them.';
const NOT_THEIRS = 'Only the agency’s own people and the board secretariat can change its commitments.';
const NOT_THEIRS_POST = 'Only the agency’s own people and the board secretariat can post progress on its commitments.';
const MISSING = 'Commitment not found.';
const STALE = 'Someone else changed this commitment since you opened it. Check the current details and make your change again.';
const STALE_POST = 'Someone else updated this commitment since you opened it. Check the latest update and post yours again.';

/** Every stored field of a commitment that the api shows. */
const C_FIELDS =
  'id title description offerArea measure unit baseline target polarity currentValue dueDate reviewDate status rag visibility restrictedUserIds inLocalOffer offerWording offerEligibility version lastUpdateAt createdAt updatedAt';
const U_FIELDS = 'id updateDate value narrative status rag author { id }';

const GQL = {
  commitment: `query($id: ID!) { commitment(id: $id) { ${C_FIELDS} agency { id } subGroup { id } createdBy { id } restrictedUsers { id }
    frameworkItems { id } progress { percent targetMet } canEdit isReviewOverdue latestUpdate { ${U_FIELDS} } updates { ${U_FIELDS} } } }`,
  commitments: `query($first: Int, $after: String, $filter: CommitmentFilterInput, $orderBy: CommitmentOrder) {
    commitments(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id isReviewOverdue } } } }`,
  summary: `query { commitmentSummary { agency { id } total notStarted inProgress complete cancelled red amber green reviewOverdue inLocalOffer } }`,
  createCommitment: `mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { ${C_FIELDS} agency { id } createdBy { id } } }`,
  updateCommitment: `mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) {
    ${C_FIELDS} agency { id } frameworkItems { id } progress { percent targetMet } } }`,
  postCommitmentUpdate: `mutation($input: PostCommitmentUpdateInput!) { postCommitmentUpdate(input: $input) {
    commitment { ${C_FIELDS} progress { percent targetMet } } update { ${U_FIELDS} } } }`,
} as const;
type Op = 'createCommitment' | 'updateCommitment' | 'postCommitmentUpdate';

type Ref = { id: string };
interface Commitment {
  id: string;
  title: string;
  description: string;
  offerArea: string;
  measure: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  polarity: string;
  currentValue: number | null;
  dueDate: string | null;
  reviewDate: string | null;
  status: string;
  rag: string;
  visibility: string;
  restrictedUserIds: string[];
  inLocalOffer: boolean;
  offerWording: string | null;
  offerEligibility: string | null;
  version: number;
  lastUpdateAt: string | null;
  createdAt: string;
  updatedAt: string;
  agency: Ref;
}
interface Update {
  id: string;
  updateDate: string;
  value: number | null;
  narrative: string;
  status: string;
  rag: string;
  author: Ref;
}
interface Progress {
  percent: number;
  targetMet: boolean;
}
interface Detail extends Commitment {
  subGroup: Ref | null;
  createdBy: Ref;
  restrictedUsers: Ref[];
  frameworkItems: Ref[];
  progress: Progress | null;
  canEdit: boolean;
  isReviewOverdue: boolean;
  latestUpdate: Update | null;
  updates: Update[];
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { id: string; isReviewOverdue: boolean } }>;
}
interface SummaryRow {
  agency: Ref;
  total: number;
  notStarted: number;
  inProgress: number;
  complete: number;
  cancelled: number;
  red: number;
  amber: number;
  green: number;
  reviewOverdue: number;
  inLocalOffer: number;
}
type Counts = Omit<SummaryRow, 'agency'>;

type AgencyKey = 'council' | 'health' | 'police' | 'education' | 'housing';
const AGENCIES: AgencyKey[] = ['council', 'health', 'police', 'education', 'housing'];
type Who = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'police' | 'education' | 'housing' | 'councilMember';
const WHO: Who[] = ['secretariat', 'boardMember', 'chair', 'member', 'police', 'education', 'housing', 'councilMember'];
/** The MEMBER-role users of each agency, and the agency they belong to. */
const AGENCY_USERS: Array<[Who, AgencyKey]> = [
  ['councilMember', 'council'],
  ['member', 'health'],
  ['chair', 'health'],
  ['police', 'police'],
  ['education', 'education'],
  ['housing', 'housing'],
];

/** One partnership with five agencies and a user of each role; the education user is in an Education sub-group. */
interface World {
  p: TestPartnership;
  agency: Record<AgencyKey, string>;
  users: Record<Who, TestUser>;
  tokens: Record<Who, string>;
  healthGroup: string;
  eduGroup: string;
}

const today = londonToday();
const day = (n: number): string => addDays(today, n);
const sortIds = (ids: readonly string[]): string[] => [...ids].sort();

describe('commitments', () => {
  let stack: TestStack;
  let B: TestPartnership;

  beforeAll(async () => {
    stack = await startTestStack();
    B = await createPartnership(stack.pg, 'Elsewick');
  });
  afterAll(() => stack?.close());

  async function world(label: string): Promise<World> {
    const p = await createPartnership(stack.pg, label);
    const agency: Record<AgencyKey, string> = {
      council: p.agencies.council,
      health: p.agencies.health,
      police: await addAgency(stack.pg, p, `${label} Police`, 'POLICE'),
      education: await addAgency(stack.pg, p, `${label} Virtual School`, 'EDUCATION'),
      housing: await addAgency(stack.pg, p, `${label} Housing Association`, 'HOUSING'),
    };
    const users: Record<Who, TestUser> = {
      secretariat: p.secretariat,
      boardMember: p.boardMember,
      chair: p.chair,
      member: p.member,
      police: await addUser(stack.pg, p, 'police', { agencyId: agency.police }),
      education: await addUser(stack.pg, p, 'education', { agencyId: agency.education }),
      housing: await addUser(stack.pg, p, 'housing', { agencyId: agency.housing }),
      councilMember: await addUser(stack.pg, p, 'councilmember', { agencyId: agency.council }),
    };
    const eduGroup = await addSubGroup(stack.pg, p, 'Education');
    await addMembership(stack.pg, p, users.education.id, 'MEMBER', eduGroup);
    const sessions = await Promise.all(WHO.map((w) => signIn(stack.client(), users[w].email)));
    const tokens = Object.fromEntries(WHO.map((w, i) => [w, sessions[i].accessToken])) as Record<Who, string>;
    return { p, agency, users, tokens, healthGroup: p.subGroupId, eduGroup };
  }

  const client = (w: World, who: Who): GqlClient => stack.client(w.tokens[who]);

  /** Runs a write that must succeed and checks the audit events it left, exactly, all by `who`. */
  async function allowed<T>(
    w: World,
    who: Who,
    op: Op,
    input: Record<string, unknown>,
    events: (result: T) => Array<[action: string, entityType: string, entityId: string]>,
  ): Promise<T> {
    const known = await auditIds(stack.pg, w.p.id);
    const r = await client(w, who).request<Record<string, T>>(GQL[op], { input });
    expect({ who, op, errors: r.errors }).toEqual({ who, op, errors: undefined });
    const result = r.data![op];
    const rows = await auditSince(stack.pg, w.p.id, known);
    // Events of one transaction share their time, so their order means nothing.
    const key = (e: string[]) => e.join(' ');
    expect(rows.map((a) => [a.action, a.entity_type, a.entity_id, a.actor_user_id]).sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
      events(result)
        .map((e) => [...e, w.users[who].id])
        .sort((x, y) => key(x).localeCompare(key(y))),
    );
    return result;
  }

  /** Runs a write that must be refused, checks how with `check`, and that nothing in the partnership changed. */
  async function refused(
    w: World,
    who: Who,
    op: Op,
    input: Record<string, unknown>,
    check: (r: GqlResult<unknown>) => void,
  ): Promise<GqlResult<unknown>> {
    const before = await tenantSnapshot(stack.pg, w.p.id);
    const known = await auditIds(stack.pg, w.p.id);
    const r = await client(w, who).request(GQL[op], { input });
    check(r);
    expect(await auditSince(stack.pg, w.p.id, known)).toEqual([]);
    expect(await tenantSnapshot(stack.pg, w.p.id)).toEqual(before);
    return r;
  }
  const refusedAs = (w: World, who: Who, op: Op, input: Record<string, unknown>, code: string, message?: string) =>
    refused(w, who, op, input, (r) => expectOnlyError(r, op, code, message));
  const refusedInput = (w: World, who: Who, op: Op, input: Record<string, unknown>, fields: Array<{ path: string; message: unknown }>) =>
    refused(w, who, op, input, (r) => expectFields(r, op, fields));

  /** Both a change and a progress update, with the current version, refused alike: FORBIDDEN or NOT_FOUND. */
  const refusedWrites = async (w: World, who: Who, id: string, code: 'FORBIDDEN' | 'NOT_FOUND') => {
    const v = await version(id);
    await refusedAs(
      w,
      who,
      'updateCommitment',
      { id, version: v, title: 'Taken over', rag: 'RED' },
      code,
      code === 'FORBIDDEN' ? NOT_THEIRS : MISSING,
    );
    await refusedAs(
      w,
      who,
      'postCommitmentUpdate',
      { commitmentId: id, version: v, value: 1, narrative: 'Not ours', status: 'COMPLETE', rag: 'GREEN' },
      code,
      code === 'FORBIDDEN' ? NOT_THEIRS_POST : MISSING,
    );
  };
  const create = (w: World, who: Who, input: Record<string, unknown>): Promise<Commitment> =>
    allowed<Commitment>(w, who, 'createCommitment', { dueDate: '2027-03-31', offerArea: 'OTHER', ...input }, (c) => [
      ['commitment.create', 'Commitment', c.id],
    ]);
  const read = async (w: World, who: Who, id: string): Promise<Detail> =>
    (await client(w, who).ok<{ commitment: Detail }>(GQL.commitment, { id })).commitment;
  const version = async (id: string): Promise<number> =>
    (await stack.pg.query<{ v: number }>('SELECT version AS v FROM commitments WHERE id = $1', [id])).rows[0].v;
  const post = async (w: World, who: Who, id: string, extra: Record<string, unknown> = {}) =>
    allowed<{ commitment: Detail; update: Update }>(
      w,
      who,
      'postCommitmentUpdate',
      { commitmentId: id, version: await version(id), narrative: 'Progress this month', status: 'IN_PROGRESS', rag: 'GREEN', ...extra },
      (r) => [
        ['commitment.postUpdate', 'CommitmentUpdate', r.update.id],
        ['commitment.postUpdate', 'Commitment', id],
      ],
    );
  const update = async (w: World, who: Who, id: string, extra: Record<string, unknown>) =>
    allowed<Detail>(w, who, 'updateCommitment', { id, version: await version(id), ...extra }, () => [
      ['commitment.update', 'Commitment', id],
    ]);
  const ids = async (w: World, who: Who, vars: Record<string, unknown> = {}): Promise<string[]> =>
    (await client(w, who).ok<{ commitments: Page }>(GQL.commitments, { first: 100, ...vars })).commitments.edges.map((e) => e.node.id);
  const summary = async (w: World, who: Who): Promise<Record<string, Counts>> =>
    Object.fromEntries(
      (await client(w, who).ok<{ commitmentSummary: SummaryRow[] }>(GQL.summary)).commitmentSummary.map(({ agency, ...counts }) => [
        agency.id,
        counts,
      ]),
    );

  describe('agency scoping', () => {
    let w: World;
    /** Each agency's commitment everyone may see, and one only that agency (and the secretariat) may see. */
    const open = {} as Record<AgencyKey, string>;
    const closed = {} as Record<AgencyKey, string>;

    beforeAll(async () => {
      w = await world('Pledgeham');
      for (const [who, key] of AGENCY_USERS) {
        if (open[key]) continue;
        // Created by the agency's own user with no agencyId: it is theirs.
        const o = await create(w, who, { title: `${key} pledge for every care leaver` });
        const c = await create(w, who, { title: `${key} internal review`, visibility: 'AGENCY' });
        expect([o.agency.id, c.agency.id]).toEqual([w.agency[key], w.agency[key]]);
        open[key] = o.id;
        closed[key] = c.id;
      }
    });

    it('an agency’s user cannot create for, change or post progress on another agency’s commitments', async () => {
      for (const [who, own] of AGENCY_USERS) {
        for (const other of AGENCIES.filter((a) => a !== own)) {
          await refusedAs(
            w,
            who,
            'createCommitment',
            { title: 'Not ours', offerArea: 'OTHER', dueDate: day(30), agencyId: w.agency[other] },
            'FORBIDDEN',
            OWN_AGENCY,
          );
          // Visible to them: FORBIDDEN. Visible only to its agency: as if it did not exist.
          await refusedWrites(w, who, open[other], 'FORBIDDEN');
          await refusedWrites(w, who, closed[other], 'NOT_FOUND');
          expect({ who, other, canEdit: (await read(w, who, open[other])).canEdit }).toEqual({ who, other, canEdit: false });
        }
      }
    });

    it('an agency’s MEMBER-role users manage its commitments, whatever their visibility', async () => {
      for (const [who, own] of AGENCY_USERS) {
        expect({ who, canEdit: (await read(w, who, open[own])).canEdit }).toEqual({ who, canEdit: true });
        const was = await version(closed[own]);
        const changed = await update(w, who, closed[own], { title: `${own} review, changed by ${who}` });
        expect({ title: changed.title, version: changed.version }).toEqual({ title: `${own} review, changed by ${who}`, version: was + 1 });
        const posted = await post(w, who, open[own], { value: 2, status: 'IN_PROGRESS', rag: 'AMBER' });
        expect({ author: posted.update.author.id, status: posted.commitment.status, rag: posted.commitment.rag }).toEqual({
          author: w.users[who].id,
          status: 'IN_PROGRESS',
          rag: 'AMBER',
        });
        const mine = await create(w, who, { title: `Another ${own} pledge`, agencyId: w.agency[own] });
        expect(mine.agency.id).toBe(w.agency[own]);
      }
    });

    it('the secretariat creates for any agency and manages every agency’s commitments', async () => {
      for (const key of AGENCIES) {
        const c = await create(w, 'secretariat', { title: `Logged for ${key} by the secretariat`, agencyId: w.agency[key] });
        expect({ agency: c.agency.id, createdBy: (await read(w, 'secretariat', c.id)).createdBy.id }).toEqual({
          agency: w.agency[key],
          createdBy: w.users.secretariat.id,
        });
        expect((await read(w, 'secretariat', closed[key])).canEdit).toBe(true);
        await update(w, 'secretariat', closed[key], { rag: 'RED' });
        await post(w, 'secretariat', closed[key], { narrative: 'Checked by the secretariat', status: 'IN_PROGRESS', rag: 'AMBER' });
      }
      // With no agencyId, the secretariat's own agency.
      expect((await create(w, 'secretariat', { title: 'Council pledge' })).agency.id).toBe(w.agency.council);
    });

    it('a board member reads but cannot create, change or post progress, even for their own agency', async () => {
      expect(w.users.boardMember.agencyId).toBe(w.agency.council);
      for (const agencyId of [undefined, w.agency.council, w.agency.police]) {
        await refusedAs(
          w,
          'boardMember',
          'createCommitment',
          { title: 'Board pledge', offerArea: 'OTHER', dueDate: day(30), agencyId },
          'FORBIDDEN',
          BOARD_READS,
        );
      }
      // The council's AGENCY-visible commitment is visible to the council's board member: FORBIDDEN, not NOT_FOUND.
      for (const id of [open.council, closed.council, open.police]) {
        const c = await read(w, 'boardMember', id);
        expect({ id: c.id, canEdit: c.canEdit }).toEqual({ id, canEdit: false });
        await refusedWrites(w, 'boardMember', id, 'FORBIDDEN');
      }
      await refusedWrites(w, 'boardMember', closed.police, 'NOT_FOUND');
    });
  });

  describe('what each role reads', () => {
    let w: World;
    const v = {} as Record<'partnership' | 'healthGroup' | 'eduGroup' | 'councilOnly' | 'policeOnly' | 'named', string>;
    const owner = {} as Record<keyof typeof v, AgencyKey>;

    beforeAll(async () => {
      w = await world('Seeford');
      const make = async (key: keyof typeof v, agency: AgencyKey, extra: Record<string, unknown>) => {
        v[key] = (await create(w, 'secretariat', { title: `Seeford ${key}`, agencyId: w.agency[agency], ...extra })).id;
        owner[key] = agency;
      };
      await make('partnership', 'housing', {});
      // The housing association's, shown only to the Health sub-group: its own people are not in that group.
      await make('healthGroup', 'housing', { visibility: 'SUB_GROUP', subGroupId: w.healthGroup });
      await make('eduGroup', 'health', { visibility: 'SUB_GROUP', subGroupId: w.eduGroup });
      await make('councilOnly', 'council', { visibility: 'AGENCY' });
      await make('policeOnly', 'police', { visibility: 'AGENCY' });
      await make('named', 'health', { visibility: 'RESTRICTED', restrictedUserIds: [w.users.police.id, w.users.boardMember.id] });
    });

    it('PARTNERSHIP, SUB_GROUP, AGENCY and RESTRICTED decide exactly what each role lists, opens and counts', async () => {
      const sees: Record<Who, Array<keyof typeof v>> = {
        secretariat: ['partnership', 'healthGroup', 'eduGroup', 'councilOnly', 'policeOnly', 'named'],
        boardMember: ['partnership', 'councilOnly', 'named'],
        chair: ['partnership', 'healthGroup'],
        member: ['partnership', 'healthGroup'],
        police: ['partnership', 'policeOnly', 'named'],
        education: ['partnership', 'eduGroup'],
        housing: ['partnership'],
        councilMember: ['partnership', 'councilOnly'],
      };
      const missing = await client(w, 'member').request(GQL.commitment, { id: randomUUID() });
      expectOnlyError(missing, 'commitment', 'NOT_FOUND', MISSING);
      for (const who of WHO) {
        const visible = sees[who].map((k) => v[k]);
        expect({ who, ids: sortIds(await ids(w, who)) }).toEqual({ who, ids: sortIds(visible) });
        for (const key of Object.keys(v) as Array<keyof typeof v>) {
          const r = await client(w, who).request<{ commitment: { id: string } }>(GQL.commitment, { id: v[key] });
          if (sees[who].includes(key)) expect({ who, key, id: r.data?.commitment.id }).toEqual({ who, key, id: v[key] });
          else expect({ who, key, r }).toEqual({ who, key, r: missing });
        }
        const counts: Record<string, Counts> = {};
        for (const key of sees[who]) {
          const n = (counts[w.agency[owner[key]]]?.total ?? 0) + 1;
          counts[w.agency[owner[key]]] = { ...ZERO, total: n, notStarted: n, green: n };
        }
        expect({ who, summary: await summary(w, who) }).toEqual({ who, summary: counts });
        // A filter never reaches past visibility.
        expect({ who, police: await ids(w, who, { filter: { agencyId: w.agency.police } }) }).toEqual({
          who,
          police: sees[who].includes('policeOnly') ? [v.policeOnly] : [],
        });
      }
    });
  });

  describe('progress through posted updates', () => {
    let w: World;
    beforeAll(async () => {
      w = await world('Progton');
    });

    const progressOf = async (id: string): Promise<Progress | null> => (await read(w, 'member', id)).progress;
    const commit = async (baseline: number | null, target: number | null, polarity = 'HIGHER_IS_BETTER') =>
      (await create(w, 'member', { title: `From ${baseline} to ${target}, ${polarity}`, baseline, target, polarity })).id;
    /** Posts a value dated today (or as told) and answers the progress the api then shows. */
    const at = async (id: string, value: number | null, updateDate = today): Promise<Progress | null> => {
      const r = await post(w, 'member', id, { value, updateDate });
      expect(r.commitment.progress).toEqual(await progressOf(id));
      return r.commitment.progress;
    };

    it('both polarities: part-way, backwards, on and beyond the target', async () => {
      const up = await commit(4, 12);
      expect(await progressOf(up)).toBeNull();
      expect(await at(up, 8)).toEqual({ percent: 50, targetMet: false });
      expect(await at(up, 2)).toEqual({ percent: 0, targetMet: false });
      expect(await at(up, 4)).toEqual({ percent: 0, targetMet: false });
      expect(await at(up, 11.9)).toEqual({ percent: 98, targetMet: false });
      expect(await at(up, 12)).toEqual({ percent: 100, targetMet: true });
      expect(await at(up, 20)).toEqual({ percent: 100, targetMet: true });

      const down = await commit(30, 10, 'LOWER_IS_BETTER');
      expect(await at(down, 25)).toEqual({ percent: 25, targetMet: false });
      expect(await at(down, 35)).toEqual({ percent: 0, targetMet: false });
      expect(await at(down, 10)).toEqual({ percent: 100, targetMet: true });
      expect(await at(down, 5)).toEqual({ percent: 100, targetMet: true });
      expect(await at(down, 10.5)).toEqual({ percent: 97, targetMet: false });
    });

    it('a zero-width range, and a target already met at the baseline, are met or not', async () => {
      const flatUp = await commit(10, 10);
      expect(await at(flatUp, 10)).toEqual({ percent: 100, targetMet: true });
      expect(await at(flatUp, 9)).toEqual({ percent: 0, targetMet: false });
      const flatDown = await commit(10, 10, 'LOWER_IS_BETTER');
      expect(await at(flatDown, 9)).toEqual({ percent: 100, targetMet: true });
      expect(await at(flatDown, 11)).toEqual({ percent: 0, targetMet: false });
      // Higher is better, yet the target (5) is below the baseline (10): met while the value stays at 5 or more.
      const metUp = await commit(10, 5);
      expect(await at(metUp, 7)).toEqual({ percent: 100, targetMet: true });
      expect(await at(metUp, 5)).toEqual({ percent: 100, targetMet: true });
      expect(await at(metUp, 4)).toEqual({ percent: 0, targetMet: false });
      const metDown = await commit(5, 10, 'LOWER_IS_BETTER');
      expect(await at(metDown, 8)).toEqual({ percent: 100, targetMet: true });
      expect(await at(metDown, 12)).toEqual({ percent: 0, targetMet: false });
    });

    it('negative numbers and decimals', async () => {
      const neg = await commit(-10, 10);
      expect(await at(neg, 0)).toEqual({ percent: 50, targetMet: false });
      const negDown = await commit(-2, -10, 'LOWER_IS_BETTER');
      expect(await at(negDown, -6)).toEqual({ percent: 50, targetMet: false });
      expect(await at(negDown, -10.5)).toEqual({ percent: 100, targetMet: true });
      const dec = await commit(0.5, 1.5);
      expect(await at(dec, 0.8)).toEqual({ percent: 30, targetMet: false });
      // 0.29 * 100 is 28.999999999999996 in floating point: still 29 per cent.
      const fine = await commit(0, 1);
      expect(await at(fine, 0.29)).toEqual({ percent: 29, targetMet: false });
      const stored = await read(w, 'member', dec);
      expect({ baseline: stored.baseline, target: stored.target, currentValue: stored.currentValue }).toEqual({
        baseline: 0.5,
        target: 1.5,
        currentValue: 0.8,
      });
    });

    it('is null without a baseline, a target or a value', async () => {
      const noBaseline = await commit(null, 10);
      expect(await at(noBaseline, 5)).toBeNull();
      const noTarget = await commit(0, null);
      expect(await at(noTarget, 5)).toBeNull();
      const noValue = await commit(0, 10);
      expect(await at(noValue, null)).toBeNull();
      expect((await read(w, 'member', noValue)).currentValue).toBeNull();
      // Giving the missing target afterwards brings progress from the value already posted.
      await update(w, 'member', noTarget, { target: 10 });
      expect(await progressOf(noTarget)).toEqual({ percent: 50, targetMet: false });
    });

    it('the latest-dated value counts: a late entry for an earlier date, or an update with no value, keeps it', async () => {
      const c = await commit(4, 12);
      const first = await post(w, 'member', c, { value: 8, updateDate: day(-30), status: 'IN_PROGRESS', rag: 'AMBER' });
      expect({ currentValue: first.commitment.currentValue, version: first.commitment.version }).toEqual({ currentValue: 8, version: 2 });
      const late = await post(w, 'member', c, { value: 5, updateDate: day(-60), status: 'IN_PROGRESS', rag: 'RED' });
      expect(late.commitment.currentValue).toBe(8);
      const noValue = await post(w, 'member', c, { updateDate: day(-10), narrative: 'No new figure', status: 'IN_PROGRESS', rag: 'GREEN' });
      expect({ currentValue: noValue.commitment.currentValue, value: noValue.update.value }).toEqual({ currentValue: 8, value: null });
      const d = await read(w, 'member', c);
      expect({
        currentValue: d.currentValue,
        progress: d.progress,
        status: d.status,
        rag: d.rag,
        version: d.version,
        updates: d.updates.map((u) => [u.updateDate, u.value, u.rag, u.author.id]),
        latest: d.latestUpdate?.id,
      }).toEqual({
        currentValue: 8,
        progress: { percent: 50, targetMet: false },
        // The status and RAG are the last posted, whatever its date.
        status: 'IN_PROGRESS',
        rag: 'GREEN',
        version: 4,
        updates: [
          [day(-60), 5, 'RED', w.users.member.id],
          [day(-30), 8, 'AMBER', w.users.member.id],
          [day(-10), null, 'GREEN', w.users.member.id],
        ],
        latest: noValue.update.id,
      });
      expect(d.lastUpdateAt).not.toBeNull();
      // Two on the same date: the one entered later counts.
      expect((await post(w, 'member', c, { value: 9, updateDate: day(-10) })).commitment.currentValue).toBe(9);
      expect((await post(w, 'member', c, { value: 12, updateDate: day(-10) })).commitment.progress).toEqual({
        percent: 100,
        targetMet: true,
      });
    });
  });

  describe('queries and the summary', () => {
    let w: World;
    let items: Record<string, string>;
    const c = {} as Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7' | 'c8', string>;

    /** A commitment written straight to the database, so its dates and updated time can be anything. */
    const insert = async (o: {
      agency: AgencyKey;
      title: string;
      area: string;
      due: string | null;
      review: string | null;
      status: string;
      rag: string;
      items?: string[];
      inOffer?: boolean;
      visibility?: string;
      updatedMinutesAgo: number;
    }): Promise<string> => {
      const id = randomUUID();
      await stack.pg.query(
        `INSERT INTO commitments (id, partnership_id, agency_id, created_by_user_id, title, offer_area, due_date, review_date, status, rag,
                                  visibility, in_local_offer, offer_wording, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now() - make_interval(mins => $14))`,
        [
          id,
          w.p.id,
          w.agency[o.agency],
          w.users.secretariat.id,
          o.title,
          o.area,
          o.due,
          o.review,
          o.status,
          o.rag,
          o.visibility ?? 'PARTNERSHIP',
          o.inOffer ?? false,
          o.inOffer ? `${o.title} for care leavers` : null,
          o.updatedMinutesAgo,
        ],
      );
      for (const itemId of o.items ?? []) {
        await stack.pg.query(
          'INSERT INTO commitment_framework_items (partnership_id, commitment_id, framework_item_id) VALUES ($1, $2, $3)',
          [w.p.id, id, itemId],
        );
      }
      return id;
    };

    beforeAll(async () => {
      w = await world('Queryham');
      items = (await principles(stack.pg, w.p.id)).items;
      const A = items['CPP-A'];
      const B_ = items['CPP-B'];
      c.c1 = await insert({
        agency: 'council',
        title: 'Apprenticeships',
        area: 'EMPLOYMENT',
        due: day(10),
        review: null,
        status: 'IN_PROGRESS',
        rag: 'GREEN',
        items: [A],
        inOffer: true,
        updatedMinutesAgo: 70,
      });
      // Lower case: sorting by title ignores case.
      c.c2 = await insert({
        agency: 'council',
        title: 'bus passes',
        area: 'PARTICIPATION_IN_SOCIETY',
        due: day(40),
        review: day(-1),
        status: 'NOT_STARTED',
        rag: 'AMBER',
        items: [B_],
        inOffer: true,
        updatedMinutesAgo: 10,
      });
      c.c3 = await insert({
        agency: 'council',
        title: 'Council tax exemption',
        area: 'ACCOMMODATION',
        due: day(-5),
        review: day(-30),
        status: 'COMPLETE',
        rag: 'GREEN',
        inOffer: true,
        updatedMinutesAgo: 50,
      });
      c.c4 = await insert({
        agency: 'health',
        title: 'Dental checks',
        area: 'HEALTH_AND_WELLBEING',
        due: today,
        review: day(30),
        status: 'IN_PROGRESS',
        rag: 'RED',
        items: [A, B_],
        updatedMinutesAgo: 20,
      });
      c.c5 = await insert({
        agency: 'health',
        title: 'Emotional health service',
        area: 'HEALTH_AND_WELLBEING',
        due: null,
        review: day(-10),
        status: 'IN_PROGRESS',
        rag: 'RED',
        updatedMinutesAgo: 40,
      });
      c.c6 = await insert({
        agency: 'health',
        title: 'Family time',
        area: 'RELATIONSHIPS',
        due: day(7),
        review: null,
        status: 'CANCELLED',
        rag: 'RED',
        items: [A],
        updatedMinutesAgo: 30,
      });
      c.c7 = await insert({
        agency: 'police',
        title: 'Gym membership',
        area: 'HEALTH_AND_WELLBEING',
        due: day(-1),
        review: today,
        status: 'NOT_STARTED',
        rag: 'GREEN',
        inOffer: true,
        updatedMinutesAgo: 60,
      });
      c.c8 = await insert({
        agency: 'police',
        title: 'Hidden police review',
        area: 'OTHER',
        due: day(3),
        review: day(-2),
        status: 'IN_PROGRESS',
        rag: 'AMBER',
        visibility: 'AGENCY',
        updatedMinutesAgo: 5,
      });
    });

    it('filters by agency, area, framework item, status, RAG, the offer, review overdue, due soon and my agency', async () => {
      const { c1, c2, c3, c4, c5, c6, c7, c8 } = c;
      const cases: Array<[Who, Record<string, unknown>, string[]]> = [
        ['member', {}, [c1, c2, c3, c4, c5, c6, c7]],
        ['police', {}, [c1, c2, c3, c4, c5, c6, c7, c8]],
        ['member', { agencyId: w.agency.council }, [c1, c2, c3]],
        ['member', { agencyId: w.agency.health }, [c4, c5, c6]],
        ['member', { agencyId: w.agency.police }, [c7]],
        ['police', { agencyId: w.agency.police }, [c7, c8]],
        ['member', { agencyId: w.agency.housing }, []],
        ['member', { offerArea: 'HEALTH_AND_WELLBEING' }, [c4, c5, c7]],
        ['member', { offerArea: 'OTHER' }, []],
        ['police', { offerArea: 'OTHER' }, [c8]],
        ['member', { frameworkItemId: items['CPP-A'] }, [c1, c4, c6]],
        ['member', { frameworkItemId: items['CPP-B'] }, [c2, c4]],
        ['member', { frameworkItemId: items['CPP-C'] }, []],
        ['member', { statuses: ['IN_PROGRESS'] }, [c1, c4, c5]],
        ['member', { statuses: ['COMPLETE', 'CANCELLED'] }, [c3, c6]],
        // RAG filters count open commitments only: the complete green one and the cancelled red one are out.
        ['member', { rags: ['RED'] }, [c4, c5]],
        ['member', { rags: ['GREEN'] }, [c1, c7]],
        ['member', { rags: ['AMBER', 'GREEN'] }, [c1, c2, c7]],
        ['member', { inLocalOffer: true }, [c1, c2, c3, c7]],
        ['member', { inLocalOffer: false }, [c4, c5, c6]],
        // Open with a review date before today: not the complete one, not one reviewed today.
        ['member', { reviewOverdue: true }, [c2, c5]],
        ['police', { reviewOverdue: true }, [c2, c5, c8]],
        ['member', { reviewOverdue: false }, [c1, c2, c3, c4, c5, c6, c7]],
        // Open and due from today to today + n: not the overdue ones, not the cancelled one.
        ['member', { dueWithinDays: 0 }, [c4]],
        ['member', { dueWithinDays: 7 }, [c4]],
        ['police', { dueWithinDays: 7 }, [c4, c8]],
        ['member', { dueWithinDays: 10 }, [c1, c4]],
        ['member', { dueWithinDays: 39 }, [c1, c4]],
        ['member', { dueWithinDays: 40 }, [c1, c2, c4]],
        ['member', { dueWithinDays: 366 }, [c1, c2, c4]],
        ['member', { myAgency: true }, [c4, c5, c6]],
        ['police', { myAgency: true }, [c7, c8]],
        ['secretariat', { myAgency: true }, [c1, c2, c3]],
        ['housing', { myAgency: true }, []],
        ['member', { agencyId: w.agency.health, rags: ['RED'], frameworkItemId: items['CPP-A'] }, [c4]],
      ];
      for (const [who, filter, expected] of cases) {
        const page = (await client(w, who).ok<{ commitments: Page }>(GQL.commitments, { first: 100, filter })).commitments;
        expect({ who, filter, ids: page.edges.map((e) => e.node.id), total: page.totalCount }).toEqual({
          who,
          filter,
          ids: expected,
          total: expected.length,
        });
      }
      const overdue = (await client(w, 'police').ok<{ commitments: Page }>(GQL.commitments, { first: 100 })).commitments.edges
        .filter((e) => e.node.isReviewOverdue)
        .map((e) => e.node.id);
      expect(overdue).toEqual([c2, c5, c8]);
      const bad = await client(w, 'member').request(GQL.commitments, { filter: { dueWithinDays: -1 } });
      expectFields(bad, 'commitments', [{ path: 'filter.dueWithinDays', message: expect.any(String) }]);
    });

    it('orders by title, due date, review date and last change, both ways, and pages through without gaps or repeats', async () => {
      const { c1, c2, c3, c4, c5, c6, c7 } = c;
      const [n1, n2] = sortIds([c1, c6]); // no review date: last, in id order
      const orders: Array<[string, string, string[]]> = [
        ['TITLE', 'ASC', [c1, c2, c3, c4, c5, c6, c7]],
        ['TITLE', 'DESC', [c7, c6, c5, c4, c3, c2, c1]],
        // No due date sorts last.
        ['DUE_DATE', 'ASC', [c3, c7, c4, c6, c1, c2, c5]],
        ['DUE_DATE', 'DESC', [c5, c2, c1, c6, c4, c7, c3]],
        ['REVIEW_DATE', 'ASC', [c3, c5, c2, c7, c4, n1, n2]],
        ['REVIEW_DATE', 'DESC', [n2, n1, c4, c7, c2, c5, c3]],
        ['UPDATED', 'DESC', [c2, c4, c6, c5, c3, c7, c1]],
        ['UPDATED', 'ASC', [c1, c7, c3, c5, c6, c4, c2]],
      ];
      for (const [field, direction, expected] of orders) {
        expect({ field, direction, ids: await ids(w, 'member', { orderBy: { field, direction } }) }).toEqual({
          field,
          direction,
          ids: expected,
        });
        for (const size of [1, 2, 3]) {
          const seen: string[] = [];
          let after: string | null = null;
          for (let pages = 0; pages < 10; pages += 1) {
            const r: Page = (
              await client(w, 'member').ok<{ commitments: Page }>(GQL.commitments, { first: size, after, orderBy: { field, direction } })
            ).commitments;
            expect(r.totalCount).toBe(7);
            seen.push(...r.edges.map((e) => e.node.id));
            if (!r.pageInfo.hasNextPage) break;
            after = r.pageInfo.endCursor;
          }
          expect({ field, direction, size, seen }).toEqual({ field, direction, size, seen: expected });
        }
      }
      // The default is by title, A to Z.
      expect(await ids(w, 'member')).toEqual([c1, c2, c3, c4, c5, c6, c7]);
    });

    it('the summary counts per agency exactly what the reader may see: RAG over open ones, review overdue, in the offer', async () => {
      const council: Counts = {
        total: 3,
        notStarted: 1,
        inProgress: 1,
        complete: 1,
        cancelled: 0,
        red: 0,
        amber: 1,
        green: 1,
        reviewOverdue: 1,
        inLocalOffer: 3,
      };
      const health: Counts = {
        total: 3,
        notStarted: 0,
        inProgress: 2,
        complete: 0,
        cancelled: 1,
        red: 2,
        amber: 0,
        green: 0,
        reviewOverdue: 1,
        inLocalOffer: 0,
      };
      const policeSeen: Counts = { ...ZERO, total: 1, notStarted: 1, green: 1, inLocalOffer: 1 };
      const policeAll: Counts = { ...ZERO, total: 2, notStarted: 1, inProgress: 1, amber: 1, green: 1, reviewOverdue: 1, inLocalOffer: 1 };
      const expected: Array<[Who, Record<string, Counts>]> = [
        ['member', { [w.agency.council]: council, [w.agency.health]: health, [w.agency.police]: policeSeen }],
        ['boardMember', { [w.agency.council]: council, [w.agency.health]: health, [w.agency.police]: policeSeen }],
        ['police', { [w.agency.council]: council, [w.agency.health]: health, [w.agency.police]: policeAll }],
        ['secretariat', { [w.agency.council]: council, [w.agency.health]: health, [w.agency.police]: policeAll }],
      ];
      for (const [who, counts] of expected) expect({ who, summary: await summary(w, who) }).toEqual({ who, summary: counts });

      // Posting progress moves the counts: the cancelled red one is not counted red; a red update on an open one is.
      await post(w, 'chair', c.c6, { status: 'IN_PROGRESS', rag: 'RED' });
      await post(w, 'chair', c.c5, { status: 'COMPLETE', rag: 'GREEN' });
      expect((await summary(w, 'member'))[w.agency.health]).toEqual({
        total: 3,
        notStarted: 0,
        inProgress: 2,
        complete: 1,
        cancelled: 0,
        red: 2,
        amber: 0,
        green: 0,
        reviewOverdue: 0,
        inLocalOffer: 0,
      });
    });
  });

  describe('input rules', () => {
    let w: World;
    let bItem: string;
    let base: Commitment;
    beforeAll(async () => {
      w = await world('Ruleston');
      bItem = Object.values((await principles(stack.pg, B.id)).items)[0];
      base = await create(w, 'member', {
        title: 'Health checks within 20 days',
        dueDate: '2027-03-31',
        baseline: 40,
        target: 90,
        unit: '%',
      });
    });

    const mk = (extra: Record<string, unknown>) => ({ title: 'A pledge', offerArea: 'EMPLOYMENT', dueDate: '2027-03-31', ...extra });

    it('create: what is required, and what must belong to this partnership', async () => {
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ title: undefined }, 'input.title', 'Enter the commitment.'],
        [{ title: '   ' }, 'input.title', 'Enter the commitment.'],
        [{ title: 'x'.repeat(201) }, 'input.title', 'Title must be 200 characters or fewer.'],
        [{ offerArea: undefined }, 'input.offerArea', 'Choose a local offer area, or other.'],
        [{ inLocalOffer: true }, 'input.offerWording', 'Say what care leavers get, in plain words, for the local offer.'],
        [
          { inLocalOffer: true, offerWording: '   ' },
          'input.offerWording',
          'Say what care leavers get, in plain words, for the local offer.',
        ],
        [{ dueDate: undefined }, 'input.dueDate', 'Enter a due date or a review date.'],
        [{ dueDate: null, reviewDate: null }, 'input.dueDate', 'Enter a due date or a review date.'],
        [{ dueDate: '2027-02-30' }, 'input.dueDate', 'Due date must be a real date.'],
        [{ visibility: 'SUB_GROUP' }, 'input.subGroupId', 'Choose the sub-group that can see this commitment.'],
        [{ visibility: 'SUB_GROUP', subGroupId: B.subGroupId }, 'input.subGroupId', 'Choose a sub-group of this partnership.'],
        [{ visibility: 'SUB_GROUP', subGroupId: randomUUID() }, 'input.subGroupId', 'Choose a sub-group of this partnership.'],
        [{ visibility: 'RESTRICTED' }, 'input.restrictedUserIds', 'Name at least one person who can see a restricted commitment.'],
        [
          { visibility: 'RESTRICTED', restrictedUserIds: [] },
          'input.restrictedUserIds',
          'Name at least one person who can see a restricted commitment.',
        ],
        [
          { visibility: 'RESTRICTED', restrictedUserIds: [w.users.chair.id, B.member.id] },
          'input.restrictedUserIds',
          'Choose people from this partnership.',
        ],
        [{ frameworkItemIds: [bItem] }, 'input.frameworkItemIds', 'Choose framework items from this partnership.'],
        [{ baseline: 1e13 }, 'input.baseline', 'Baseline is too large.'],
        [{ target: -1e13 }, 'input.target', 'Target is too small.'],
        [{ baseline: 0.12345 }, 'input.baseline', 'Baseline must be a number.'],
      ];
      for (const [extra, path, message] of cases) await refusedInput(w, 'member', 'createCommitment', mk(extra), [{ path, message }]);
      // The secretariat, for an agency of another partnership.
      await refusedInput(w, 'secretariat', 'createCommitment', mk({ agencyId: B.agencies.health }), [
        { path: 'input.agencyId', message: 'Choose an agency of this partnership.' },
      ]);
      // A review date alone will do; so will a due date alone.
      const reviewOnly = await create(w, 'member', mk({ dueDate: undefined, reviewDate: '2027-01-31' }));
      expect({ due: reviewOnly.dueDate, review: reviewOnly.reviewDate }).toEqual({ due: null, review: '2027-01-31' });
    });

    it('numbers that are not finite never reach the database', async () => {
      for (const raw of ['"NaN"', '"Infinity"', '1e400', '-1e400']) {
        const before = await tenantSnapshot(stack.pg, w.p.id);
        const res = await fetch(`${stack.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${w.tokens.member}` },
          body: `{"query":${JSON.stringify(GQL.createCommitment)},"variables":{"input":{"title":"Odd","offerArea":"OTHER","dueDate":"2027-03-31","baseline":${raw}}}}`,
        });
        const body = (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
        expect({ raw, data: body.data ?? null, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({
          raw,
          data: null,
          codes: ['BAD_USER_INPUT'],
        });
        expect(await tenantSnapshot(stack.pg, w.p.id)).toEqual(before);
      }
    });

    it('update: the rules hold for the commitment as it would be after the change', async () => {
      const v = base.version;
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ dueDate: null }, 'input.dueDate', 'Enter a due date or a review date.'],
        [{ inLocalOffer: true }, 'input.offerWording', 'Say what care leavers get, in plain words, for the local offer.'],
        [{ visibility: 'SUB_GROUP' }, 'input.subGroupId', 'Choose the sub-group that can see this commitment.'],
        [{ visibility: 'RESTRICTED' }, 'input.restrictedUserIds', 'Name at least one person who can see a restricted commitment.'],
        [{ frameworkItemIds: [bItem] }, 'input.frameworkItemIds', 'Choose framework items from this partnership.'],
        [{ title: '' }, 'input.title', 'Enter the commitment.'],
        [{ target: 2e12 }, 'input.target', 'Target is too large.'],
      ];
      for (const [extra, path, message] of cases) {
        await refusedInput(w, 'member', 'updateCommitment', { id: base.id, version: v, ...extra }, [{ path, message }]);
      }
      // In the offer with wording; then taking the wording away while it stays in the offer is refused.
      const inOffer = await update(w, 'member', base.id, {
        inLocalOffer: true,
        offerWording: 'A health check within 20 days of leaving care.',
      });
      expect({ inLocalOffer: inOffer.inLocalOffer, offerWording: inOffer.offerWording }).toEqual({
        inLocalOffer: true,
        offerWording: 'A health check within 20 days of leaving care.',
      });
      await refusedInput(w, 'member', 'updateCommitment', { id: base.id, version: inOffer.version, offerWording: null }, [
        { path: 'input.offerWording', message: 'Say what care leavers get, in plain words, for the local offer.' },
      ]);
      // A field left out keeps its value; a null nullable one clears it.
      const cleared = await update(w, 'member', base.id, { inLocalOffer: false, reviewDate: '2027-01-31', dueDate: null, baseline: null });
      expect({
        due: cleared.dueDate,
        review: cleared.reviewDate,
        baseline: cleared.baseline,
        target: cleared.target,
        title: cleared.title,
      }).toEqual({
        due: null,
        review: '2027-01-31',
        baseline: null,
        target: 90,
        title: 'Health checks within 20 days',
      });
      // Null for a field that cannot be empty leaves it as it was.
      const same = await update(w, 'member', base.id, {
        title: null,
        description: null,
        offerArea: null,
        measure: null,
        unit: null,
        polarity: null,
        status: null,
        rag: null,
        visibility: null,
        inLocalOffer: null,
        frameworkItemIds: null,
      });
      const kept = (c: Commitment) => [
        c.title,
        c.description,
        c.offerArea,
        c.measure,
        c.unit,
        c.polarity,
        c.status,
        c.rag,
        c.visibility,
        c.inLocalOffer,
      ];
      expect({ kept: kept(same), version: same.version }).toEqual({ kept: kept(cleared), version: cleared.version + 1 });
      base = same;
    });

    it('post an update: the date is not in the future, the value is finite, the narrative is written', async () => {
      const input = (extra: Record<string, unknown>) => ({
        commitmentId: base.id,
        version: base.version,
        narrative: 'Twelve checks done',
        status: 'IN_PROGRESS',
        rag: 'GREEN',
        ...extra,
      });
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ updateDate: day(1) }, 'input.updateDate', 'The date of the update must be today or in the past.'],
        [{ updateDate: '2026-13-01' }, 'input.updateDate', 'Date of the update must be a real date.'],
        [{ value: 1e13 }, 'input.value', 'Value is too large.'],
        [{ narrative: '' }, 'input.narrative', 'Describe the progress made.'],
        [{ narrative: ' \n ' }, 'input.narrative', 'Describe the progress made.'],
      ];
      for (const [extra, path, message] of cases)
        await refusedInput(w, 'member', 'postCommitmentUpdate', input(extra), [{ path, message }]);
      const r = await post(w, 'member', base.id, { updateDate: today, value: 55 });
      expect({ date: r.update.updateDate, value: r.update.value, current: r.commitment.currentValue }).toEqual({
        date: today,
        value: 55,
        current: 55,
      });
      base = r.commitment;
    });

    it('a stale version is a CONFLICT carrying the current values, and changes nothing', async () => {
      const now = await read(w, 'member', base.id);
      const r = await refused(w, 'member', 'updateCommitment', { id: base.id, version: now.version - 1, title: 'Overwrite' }, (x) =>
        expectOnlyError(x, 'updateCommitment', 'CONFLICT', STALE),
      );
      expect(r.errors![0].extensions?.current).toMatchObject({
        id: base.id,
        version: now.version,
        title: now.title,
        rag: now.rag,
        status: now.status,
        currentValue: now.currentValue,
        target: now.target,
        reviewDate: now.reviewDate,
        frameworkItemIds: [],
      });
      const p = await refused(
        w,
        'member',
        'postCommitmentUpdate',
        { commitmentId: base.id, version: now.version - 1, value: 1, narrative: 'Late', status: 'IN_PROGRESS', rag: 'RED' },
        (x) => expectOnlyError(x, 'postCommitmentUpdate', 'CONFLICT', STALE_POST),
      );
      expect(p.errors![0].extensions?.current).toMatchObject({
        id: base.id,
        version: now.version,
        currentValue: now.currentValue,
        rag: now.rag,
      });
      // With the current version the same change goes through, recorded once.
      const done = await update(w, 'member', base.id, { title: 'Overwrite' });
      expect({ title: done.title, version: done.version }).toEqual({ title: 'Overwrite', version: now.version + 1 });
    });

    it('an update is audited with what it was before and after', async () => {
      const known = await auditIds(stack.pg, w.p.id);
      const items = (await principles(stack.pg, w.p.id)).items;
      const now = await read(w, 'member', base.id);
      await update(w, 'member', base.id, { rag: 'AMBER', frameworkItemIds: [items['CPP-B'], items['CPP-A'], items['CPP-B']] });
      const [row] = await auditSince(stack.pg, w.p.id, known);
      expect({ before: pick(row.before), after: pick(row.after) }).toEqual({
        before: { rag: now.rag, version: now.version, frameworkItemIds: [] },
        after: { rag: 'AMBER', version: now.version + 1, frameworkItemIds: sortIds([items['CPP-A'], items['CPP-B']]) },
      });
    });
  });
});

const ZERO: Counts = {
  total: 0,
  notStarted: 0,
  inProgress: 0,
  complete: 0,
  cancelled: 0,
  red: 0,
  amber: 0,
  green: 0,
  reviewOverdue: 0,
  inLocalOffer: 0,
};

function pick(r: Record<string, unknown> | null): Record<string, unknown> {
  return { rag: r?.rag, version: r?.version, frameworkItemIds: r?.frameworkItemIds };
}
