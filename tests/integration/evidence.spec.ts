/**
 * Issue 5, evidence: who may take each step of DRAFT → SUBMITTED → ACCEPTED, or RETURNED
 * (with a comment) → RESUBMITTED → ACCEPTED, and what they may link and attach.
 * Members of the sub-group (and the secretariat) add it; the author, people of the owning
 * agency and the secretariat change and submit it while it is a draft or returned; the
 * sub-group's chair or the secretariat accept or return it; chairs, board members and the
 * secretariat comment once it is submitted. Every allowed step writes exactly one audit
 * event; every refused one (FORBIDDEN, CONFLICT, BAD_USER_INPUT, NOT_FOUND) leaves the
 * partnership's data, audit trail included, exactly as it was.
 */
import { randomUUID } from 'node:crypto';
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
  insertAction,
  insertWorkPlan,
  principles,
  signIn,
  startTestStack,
} from '@pbw/testing';
import {
  type AuditRow,
  type Evidence,
  type EvidenceDetail,
  type MutationName,
  EV_FIELDS,
  M,
  Q,
  allowed,
  download,
  expectFields,
  expectFileBytes,
  expectMissing,
  expectOnlyError,
  refused,
  upload,
} from './evidence-helpers';

type Who = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'colleague' | 'councilMember' | 'eduMember' | 'eduChair';
const WHO: Who[] = ['secretariat', 'boardMember', 'chair', 'member', 'colleague', 'councilMember', 'eduMember', 'eduChair'];

const CREATE_DENIED = 'Only members of the sub-group (and the board secretariat) can add its evidence.';
const CHANGE_DENIED = 'Only the person who added this evidence, their agency and the board secretariat can change it.';
const REVIEW_DENIED = 'Only the sub-group’s chair (or the board secretariat) can review its evidence.';
const COMMENT_DENIED = 'Only the sub-group’s chair, board members and the board secretariat can comment on evidence.';
const STALE = 'Someone else changed this evidence since you opened it. Check the current details and make your change again.';
const FILES_REFUSED = 'Attach files you have just uploaded. A file can only be attached to one record.';
const NO_COMMENT = 'Say what needs to change before the evidence can be accepted.';
const STATE_WORDS: Record<string, string> = {
  DRAFT: 'a draft',
  SUBMITTED: 'waiting for review',
  RETURNED: 'returned to its author',
  RESUBMITTED: 'waiting for review',
  ACCEPTED: 'accepted',
};

describe('evidence: workflow and rules', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let eduGroup: string;
  let actPub: string;
  let actHidden: string;
  let actEdu: string;
  let items: Record<string, string>;
  let itemsB: Record<string, string>;
  let tokenB: string;
  const users = {} as Record<Who, TestUser>;
  const tokens = {} as Record<Who, string>;
  const as = (who: Who): GqlClient => stack.client(tokens[who]);

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Evidham');
    B = await createPartnership(stack.pg, 'Otherbury');
    const education = await addAgency(stack.pg, A, 'Evidham Virtual School', 'EDUCATION');
    // A colleague of the owning agency (health) who is in no sub-group.
    const colleague = await addUser(stack.pg, A, 'colleague', { agencyId: A.agencies.health });
    // A member of the sub-group from another agency.
    const councilMember = await addUser(stack.pg, A, 'councilmember', { agencyId: A.agencies.council });
    await addMembership(stack.pg, A, councilMember.id);
    const eduChair = await addUser(stack.pg, A, 'educhair', { agencyId: education });
    const eduMember = await addUser(stack.pg, A, 'edumember', { agencyId: education });
    eduGroup = await addSubGroup(stack.pg, A, 'Education', eduChair.id);
    await addMembership(stack.pg, A, eduMember.id, 'MEMBER', eduGroup);
    Object.assign(users, {
      secretariat: A.secretariat,
      boardMember: A.boardMember,
      chair: A.chair,
      member: A.member,
      colleague,
      councilMember,
      eduMember,
      eduChair,
    });
    const sessions = await Promise.all(WHO.map((w) => signIn(stack.client(), users[w].email)));
    WHO.forEach((w, i) => (tokens[w] = sessions[i].accessToken));
    tokenB = (await signIn(stack.client(), B.member.email)).accessToken;

    const plan = await insertWorkPlan(stack.pg, A, { title: 'Health plan 2026/27' });
    actPub = await insertAction(stack.pg, A, plan, { title: 'Annual health assessments on time' });
    // In the sub-group's plan, but only the board member (and the secretariat) may see it.
    actHidden = await insertAction(stack.pg, A, plan, {
      title: 'One child’s health plan',
      visibility: 'RESTRICTED',
      restrictedUserIds: [A.boardMember.id],
    });
    const eduPlan = await insertWorkPlan(stack.pg, A, { subGroupId: eduGroup, title: 'Education plan 2026/27' });
    actEdu = await insertAction(stack.pg, A, eduPlan, {
      title: 'Personal education plans',
      ownerUserId: eduMember.id,
      leadAgencyId: education,
    });
    items = (await principles(stack.pg, A.id)).items;
    itemsB = (await principles(stack.pg, B.id)).items;
  });
  afterAll(() => stack?.close());

  const ok = <T extends Record<string, unknown> = Evidence & Record<string, unknown>>(
    who: Who,
    op: MutationName,
    input: Record<string, unknown>,
    entityId?: string,
  ): Promise<T> => allowed<T>(stack.pg, A.id, as(who), op, input, users[who].id, entityId);
  const no = (who: Who, op: MutationName, input: Record<string, unknown>, check: (r: GqlResult<unknown>) => void) =>
    refused(stack.pg, A.id, as(who), op, input, check);
  const forbidden = (who: Who, op: MutationName, input: Record<string, unknown>, message: string) =>
    no(who, op, input, (r) => expectOnlyError(r, op, 'FORBIDDEN', message));
  const conflictAt = (who: Who, op: MutationName, input: Record<string, unknown>, e: { id: string }, status: string, version: number) =>
    no(who, op, input, (r) => {
      const verb = { updateEvidence: 'changed', submitEvidence: 'submitted', acceptEvidence: 'accepted', returnEvidence: 'returned' }[
        op as string
      ];
      expectOnlyError(r, op, 'CONFLICT', `This evidence is ${STATE_WORDS[status]}, so it cannot be ${verb} now.`);
      expect(r.errors![0].extensions?.current).toEqual({ id: e.id, status, version });
    });
  const read = async (who: Who, id: string): Promise<EvidenceDetail> =>
    (await as(who).ok<{ evidence: EvidenceDetail }>(Q.evidence, { id })).evidence;
  const auditOf = async (entityId: string): Promise<AuditRow[]> =>
    (
      await stack.pg.query<AuditRow>(
        `SELECT action, entity_type, entity_id, actor_user_id, before, after FROM audit_events
          WHERE partnership_id = $1 AND entity_id = $2 ORDER BY occurred_at, id`,
        [A.id, entityId],
      )
    ).rows;
  const fileRow = async (id: string) =>
    (await stack.pg.query<{ attached: boolean }>('SELECT attached FROM files WHERE id = $1', [id])).rows[0];

  let n = 0;
  /** Draft evidence in the Health sub-group, through the api (no audit check: setting up). */
  const create = async (who: Who = 'member', fields: Record<string, unknown> = {}): Promise<Evidence> => {
    n += 1;
    const input = { subGroupId: A.subGroupId, title: `Evidence ${n}`, kind: 'DOCUMENT', ...fields };
    return (await as(who).ok<{ createEvidence: Evidence }>(M.createEvidence, { input })).createEvidence;
  };
  const step = async (who: Who, op: MutationName, input: Record<string, unknown>): Promise<Evidence> =>
    (await as(who).ok<Record<string, Evidence>>(M[op], { input }))[op];
  /** Evidence by the member, moved on to `status` by the member (submitting) and the chair (reviewing). */
  const inStatus = async (status: string, fields: Record<string, unknown> = {}): Promise<Evidence> => {
    let e = await create('member', fields);
    if (status === 'DRAFT') return e;
    e = await step('member', 'submitEvidence', { id: e.id });
    if (status === 'SUBMITTED') return e;
    if (status === 'ACCEPTED') return step('chair', 'acceptEvidence', { id: e.id });
    e = await step('chair', 'returnEvidence', { id: e.id, comment: 'Add the quarter two figures, please.' });
    if (status === 'RETURNED') return e;
    return step('member', 'submitEvidence', { id: e.id });
  };

  describe('create', () => {
    it('a member of the sub-group adds draft evidence with links and an attachment; one audit event', async () => {
      const f = await upload(stack, tokens.member, 'Dental checks Q1.pdf');
      const e = await ok('member', 'createEvidence', {
        subGroupId: A.subGroupId,
        title: '  Dental check-up rates, Q1  ',
        narrative: 'Up from 61% to 78%.\nSee the attached table.',
        kind: 'DATA',
        actionIds: [actPub],
        frameworkItemIds: [items['CPP-A']],
        fileIds: [f.id],
      });
      expect(e).toEqual({
        id: expect.any(String),
        title: 'Dental check-up rates, Q1',
        narrative: 'Up from 61% to 78%.\nSee the attached table.',
        kind: 'DATA',
        status: 'DRAFT',
        visibility: 'PARTNERSHIP',
        restrictedUserIds: [],
        returnComment: null,
        submittedAt: null,
        reviewedAt: null,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const d = await read('member', e.id);
      expect(d).toMatchObject({
        subGroup: { id: A.subGroupId },
        agency: { id: A.agencies.health },
        createdBy: { id: A.member.id },
        submittedBy: null,
        reviewedBy: null,
        actions: [{ id: actPub }],
        frameworkItems: [{ id: items['CPP-A'] }],
        comments: [],
        canEdit: true,
        canSubmit: true,
        canReview: false,
        canComment: false,
      });
      expect(d.attachments).toEqual([
        {
          id: f.id,
          name: 'Dental checks Q1.pdf',
          contentType: 'application/pdf',
          size: f.bytes.length,
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          downloadUrl: expect.stringMatching(new RegExp(`^/files/${f.id}\\?token=[^&]+$`)),
        },
      ]);
      expect(await fileRow(f.id)).toEqual({ attached: true });
      const [audit] = await auditOf(e.id);
      expect(audit).toMatchObject({ action: 'evidence.create', entity_type: 'Evidence', actor_user_id: A.member.id, before: null });
      expect(audit.after).toMatchObject({
        title: 'Dental check-up rates, Q1',
        status: 'DRAFT',
        agencyId: A.agencies.health,
        actionIds: [actPub],
        frameworkItemIds: [items['CPP-A']],
        fileIds: [f.id],
      });
    });

    it('the chair, a sub-group member of another agency and the secretariat (for any agency) add evidence too', async () => {
      const base = { subGroupId: A.subGroupId, title: 'Who may add', kind: 'OTHER' };
      const byChair = await ok('chair', 'createEvidence', base);
      const byCouncil = await ok('councilMember', 'createEvidence', base);
      const bySecForHealth = await ok('secretariat', 'createEvidence', { ...base, agencyId: A.agencies.health });
      const bySec = await ok('secretariat', 'createEvidence', base);
      const owner = async (id: string) => {
        const d = await read('secretariat', id);
        return [d.agency.id, d.createdBy.id, d.status];
      };
      expect(await owner(byChair.id)).toEqual([A.agencies.health, A.chair.id, 'DRAFT']);
      expect(await owner(byCouncil.id)).toEqual([A.agencies.council, users.councilMember.id, 'DRAFT']);
      expect(await owner(bySecForHealth.id)).toEqual([A.agencies.health, A.secretariat.id, 'DRAFT']);
      expect(await owner(bySec.id)).toEqual([A.agencies.council, A.secretariat.id, 'DRAFT']);
    });

    it('refuses anyone outside the sub-group (FORBIDDEN) and bad input (BAD_USER_INPUT), writing nothing', async () => {
      const base = { subGroupId: A.subGroupId, title: 'Not allowed', kind: 'DOCUMENT' };
      for (const who of ['boardMember', 'colleague', 'eduMember', 'eduChair'] as Who[]) {
        await forbidden(who, 'createEvidence', base, CREATE_DENIED);
      }
      const fields = (who: Who, input: Record<string, unknown>, path: string, message: string) =>
        no(who, 'createEvidence', input, (r) => expectFields(r, 'createEvidence', [{ path, message }]));
      await fields('member', { ...base, agencyId: A.agencies.council }, 'input.agencyId', 'Evidence you add belongs to your own agency.');
      await fields('chair', { ...base, agencyId: A.agencies.council }, 'input.agencyId', 'Evidence you add belongs to your own agency.');
      await fields('secretariat', { ...base, agencyId: B.agencies.health }, 'input.agencyId', 'Choose an agency of this partnership.');
      await fields('member', { ...base, subGroupId: randomUUID() }, 'input.subGroupId', 'Choose a sub-group of this partnership.');
      await fields('member', { ...base, subGroupId: B.subGroupId }, 'input.subGroupId', 'Choose a sub-group of this partnership.');
      await fields('member', { ...base, title: '   ' }, 'input.title', 'Enter a title for the evidence.');
      await fields('member', { subGroupId: A.subGroupId, title: 'No kind' }, 'input.kind', 'Choose what kind of evidence this is.');
      await fields(
        'member',
        { ...base, visibility: 'RESTRICTED' },
        'input.restrictedUserIds',
        'Name at least one person who can see restricted evidence.',
      );
      await fields(
        'member',
        { ...base, visibility: 'RESTRICTED', restrictedUserIds: [B.member.id] },
        'input.restrictedUserIds',
        'Choose people from this partnership.',
      );
    });
  });

  describe('update', () => {
    it('while DRAFT, the author, a colleague of the owning agency and the secretariat change it, each audited', async () => {
      const e = await create('member', { narrative: 'First words' });
      const v2 = await ok('member', 'updateEvidence', { id: e.id, version: 1, title: 'Renamed by the author' });
      expect([v2.title, v2.version, v2.status]).toEqual(['Renamed by the author', 2, 'DRAFT']);
      const v3 = await ok('colleague', 'updateEvidence', { id: e.id, version: 2, narrative: 'Added by a colleague' });
      expect([v3.narrative, v3.version]).toEqual(['Added by a colleague', 3]);
      const v4 = await ok('secretariat', 'updateEvidence', { id: e.id, kind: 'CASE_STUDY' });
      expect([v4.kind, v4.version]).toEqual(['CASE_STUDY', 4]);
      expect(await read('chair', e.id)).toMatchObject({
        title: 'Renamed by the author',
        narrative: 'Added by a colleague',
        kind: 'CASE_STUDY',
        version: 4,
        createdBy: { id: A.member.id },
      });
      const audit = await auditOf(e.id);
      expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([
        ['evidence.create', A.member.id],
        ['evidence.update', A.member.id],
        ['evidence.update', users.colleague.id],
        ['evidence.update', A.secretariat.id],
      ]);
      expect([audit[2].before?.narrative, audit[2].after?.narrative]).toEqual(['First words', 'Added by a colleague']);
    });

    it('a draft is out of sight of other agencies: NOT_FOUND, exactly as for an id that does not exist', async () => {
      const e = await create('member');
      for (const who of ['councilMember', 'boardMember', 'eduChair'] as Who[]) {
        for (const [op, input] of [
          ['updateEvidence', { title: 'Taken over' }],
          ['submitEvidence', {}],
        ] as Array<[MutationName, Record<string, unknown>]>) {
          const real = await no(who, op, { id: e.id, ...input }, (r) => expectOnlyError(r, op, 'NOT_FOUND', 'Evidence not found.'));
          const fake = await as(who).request(M[op], { input: { id: randomUUID(), ...input } });
          expect(real).toEqual(fake);
        }
      }
    });

    it('while RETURNED, the author, a colleague and the secretariat change it; others who can see it may not (FORBIDDEN)', async () => {
      const e = await inStatus('RETURNED');
      for (const who of ['councilMember', 'boardMember', 'eduChair'] as Who[]) {
        expect(await read(who, e.id)).toMatchObject({ status: 'RETURNED', canEdit: false, canSubmit: false });
        await forbidden(who, 'updateEvidence', { id: e.id, title: 'Taken over' }, CHANGE_DENIED);
      }
      expect(await read('colleague', e.id)).toMatchObject({ canEdit: true, canSubmit: true });
      const a = await ok('member', 'updateEvidence', { id: e.id, narrative: 'Quarter two added' });
      const b = await ok('colleague', 'updateEvidence', { id: e.id, title: 'Checked by a colleague' });
      const c = await ok('secretariat', 'updateEvidence', { id: e.id, kind: 'DATA' });
      expect([a.version, b.version, c.version]).toEqual([e.version + 1, e.version + 2, e.version + 3]);
      expect(c).toMatchObject({ status: 'RETURNED', narrative: 'Quarter two added', title: 'Checked by a colleague', kind: 'DATA' });
    });

    it.each(['SUBMITTED', 'RESUBMITTED', 'ACCEPTED'])('once %s nobody may change it (CONFLICT with where it is)', async (status) => {
      const e = await inStatus(status);
      for (const who of ['member', 'colleague', 'secretariat'] as Who[]) {
        await conflictAt(who, 'updateEvidence', { id: e.id, title: 'Too late' }, e, status, e.version);
      }
      expect(await read('member', e.id)).toMatchObject({ canEdit: false, canSubmit: false, title: e.title });
    });
  });

  describe('submit', () => {
    it('DRAFT → SUBMITTED by the author, and by the secretariat; RETURNED → RESUBMITTED by a colleague', async () => {
      const e = await create('member');
      const s = await ok('member', 'submitEvidence', { id: e.id });
      expect(s).toMatchObject({ status: 'SUBMITTED', version: 2, submittedAt: expect.any(String), reviewedAt: null });
      expect((await read('chair', e.id)).submittedBy).toEqual({ id: A.member.id });

      const bySec = await ok('secretariat', 'submitEvidence', { id: (await create('member')).id });
      expect(bySec.status).toBe('SUBMITTED');

      const r = await inStatus('RETURNED');
      const rs = await ok('colleague', 'submitEvidence', { id: r.id });
      expect(rs).toMatchObject({ status: 'RESUBMITTED', version: r.version + 1 });
      expect((await read('chair', r.id)).submittedBy).toEqual({ id: users.colleague.id });
    });

    it('refused for another agency (FORBIDDEN) and from SUBMITTED, RESUBMITTED or ACCEPTED (CONFLICT)', async () => {
      const r = await inStatus('RETURNED');
      for (const who of ['councilMember', 'boardMember', 'eduChair'] as Who[]) {
        await forbidden(who, 'submitEvidence', { id: r.id }, CHANGE_DENIED);
      }
      for (const status of ['SUBMITTED', 'RESUBMITTED', 'ACCEPTED']) {
        const e = await inStatus(status);
        for (const who of ['member', 'secretariat'] as Who[]) await conflictAt(who, 'submitEvidence', { id: e.id }, e, status, e.version);
      }
    });
  });

  describe('review', () => {
    it('the chair accepts submitted evidence; the secretariat accepts resubmitted evidence', async () => {
      const s = await inStatus('SUBMITTED');
      expect(await read('chair', s.id)).toMatchObject({ canReview: true });
      const a = await ok('chair', 'acceptEvidence', { id: s.id });
      expect(a).toMatchObject({ status: 'ACCEPTED', version: s.version + 1, reviewedAt: expect.any(String), returnComment: null });
      expect(await read('member', s.id)).toMatchObject({ reviewedBy: { id: A.chair.id }, canEdit: false, canReview: false });

      const rs = await inStatus('RESUBMITTED');
      const b = await ok('secretariat', 'acceptEvidence', { id: rs.id });
      expect(b).toMatchObject({ status: 'ACCEPTED', returnComment: 'Add the quarter two figures, please.' });
      expect((await read('member', rs.id)).reviewedBy).toEqual({ id: A.secretariat.id });
    });

    it('the chair and the secretariat return it with a comment: RETURNED, returnComment set, the comment added', async () => {
      const s = await inStatus('SUBMITTED');
      const r = await ok('chair', 'returnEvidence', { id: s.id, comment: '  Say which schools took part.\nAnd when.  ' });
      expect(r).toMatchObject({ status: 'RETURNED', returnComment: 'Say which schools took part.\nAnd when.', version: s.version + 1 });
      const d = await read('member', s.id);
      expect(d.comments).toEqual([
        {
          id: expect.any(String),
          body: 'Say which schools took part.\nAnd when.',
          createdAt: expect.any(String),
          author: { id: A.chair.id },
        },
      ]);
      expect(d).toMatchObject({ reviewedBy: { id: A.chair.id }, canEdit: true, canSubmit: true });

      const rs = await step('member', 'submitEvidence', { id: s.id });
      expect(rs.status).toBe('RESUBMITTED');
      const again = await ok('secretariat', 'returnEvidence', { id: s.id, comment: 'Still missing the dates.' });
      expect(again).toMatchObject({ status: 'RETURNED', returnComment: 'Still missing the dates.' });
      expect((await read('member', s.id)).comments.map((c) => [c.body, c.author.id])).toEqual([
        ['Say which schools took part.\nAnd when.', A.chair.id],
        ['Still missing the dates.', A.secretariat.id],
      ]);
    });

    it('a plain member, a colleague, the board member and another sub-group’s chair may not review (FORBIDDEN)', async () => {
      const s = await inStatus('SUBMITTED');
      for (const who of ['member', 'colleague', 'councilMember', 'boardMember', 'eduChair'] as Who[]) {
        expect(await read(who, s.id)).toMatchObject({ canReview: false });
        await forbidden(who, 'acceptEvidence', { id: s.id }, REVIEW_DENIED);
        await forbidden(who, 'returnEvidence', { id: s.id, comment: 'Not mine to return' }, REVIEW_DENIED);
      }
    });

    it('accepting or returning a draft, returned or accepted record is CONFLICT; a return needs a comment', async () => {
      for (const status of ['DRAFT', 'RETURNED', 'ACCEPTED']) {
        const e = await inStatus(status);
        for (const who of ['chair', 'secretariat'] as Who[]) {
          await conflictAt(who, 'acceptEvidence', { id: e.id }, e, status, e.version);
          await conflictAt(who, 'returnEvidence', { id: e.id, comment: 'Again' }, e, status, e.version);
        }
      }
      const s = await inStatus('SUBMITTED');
      for (const comment of ['', '   ']) {
        await no('chair', 'returnEvidence', { id: s.id, comment }, (r) =>
          expectFields(r, 'returnEvidence', [{ path: 'input.comment', message: NO_COMMENT }]),
        );
      }
      expect(await read('member', s.id)).toMatchObject({ status: 'SUBMITTED', returnComment: null, comments: [] });
    });

    it('the whole round trip: submitted, returned, changed, resubmitted, accepted — one audit event per step', async () => {
      const e = await ok('member', 'createEvidence', { subGroupId: A.subGroupId, title: 'Round trip', kind: 'CASE_STUDY' });
      await ok('member', 'submitEvidence', { id: e.id });
      await ok('chair', 'returnEvidence', { id: e.id, comment: 'Anonymise the case study.' });
      await ok('member', 'updateEvidence', { id: e.id, version: 3, narrative: 'Anonymised.' });
      const rs = await ok('member', 'submitEvidence', { id: e.id });
      expect(rs.status).toBe('RESUBMITTED');
      const done = await ok('chair', 'acceptEvidence', { id: e.id });
      expect(done).toMatchObject({ status: 'ACCEPTED', version: 6, narrative: 'Anonymised.', returnComment: 'Anonymise the case study.' });
      const audit = await auditOf(e.id);
      expect(audit.map((a) => [a.action, a.actor_user_id, a.before?.status ?? null, a.after?.status])).toEqual([
        ['evidence.create', A.member.id, null, 'DRAFT'],
        ['evidence.submit', A.member.id, 'DRAFT', 'SUBMITTED'],
        ['evidence.return', A.chair.id, 'SUBMITTED', 'RETURNED'],
        ['evidence.update', A.member.id, 'RETURNED', 'RETURNED'],
        ['evidence.submit', A.member.id, 'RETURNED', 'RESUBMITTED'],
        ['evidence.accept', A.chair.id, 'RESUBMITTED', 'ACCEPTED'],
      ]);
    });
  });

  describe('links and attachments', () => {
    it('links only actions of the same sub-group that the user can see, and framework items of this partnership', async () => {
      const base = { subGroupId: A.subGroupId, title: 'Links', kind: 'DOCUMENT' };
      const e = await create('member');
      const refusedLink = async (input: Record<string, unknown>, path: string, message: string) => {
        const r1 = await no('member', 'createEvidence', { ...base, ...input }, (r) =>
          expectFields(r, 'createEvidence', [{ path, message }]),
        );
        const r2 = await no('member', 'updateEvidence', { id: e.id, ...input }, (r) =>
          expectFields(r, 'updateEvidence', [{ path, message }]),
        );
        return [r1, r2];
      };
      await refusedLink({ actionIds: [actPub, actEdu] }, 'input.actionIds', 'Link actions from the same sub-group’s work plan.');
      const hidden = await refusedLink({ actionIds: [actHidden] }, 'input.actionIds', 'Choose actions you can see in this partnership.');
      const missing = await refusedLink(
        { actionIds: [randomUUID()] },
        'input.actionIds',
        'Choose actions you can see in this partnership.',
      );
      // A hidden action answers exactly as one that does not exist.
      expect(hidden).toEqual(missing);
      await refusedLink(
        { frameworkItemIds: [items['CPP-A'], itemsB['CPP-B']] },
        'input.frameworkItemIds',
        'Choose framework items from this partnership.',
      );

      // The secretariat can see the restricted action, so may link it; the member is then not shown it.
      const bySec = await ok('secretariat', 'createEvidence', { ...base, agencyId: A.agencies.health, actionIds: [actPub, actHidden] });
      expect((await read('secretariat', bySec.id)).actions.map((a) => a.id).sort()).toEqual([actPub, actHidden].sort());
      expect((await read('member', bySec.id)).actions).toEqual([{ id: actPub }]);
      // Clearing the links the member can see leaves the one they were never shown.
      await ok('member', 'updateEvidence', { id: bySec.id, actionIds: [] });
      expect((await read('member', bySec.id)).actions).toEqual([]);
      expect((await read('secretariat', bySec.id)).actions).toEqual([{ id: actHidden }]);
    });

    it('attaches only files the user uploaded that are not attached elsewhere', async () => {
      const chairs = await upload(stack, tokens.chair, 'Chair’s file.pdf');
      const theirs = await upload(stack, tokenB, 'Other partnership.pdf');
      const mine = await upload(stack, tokens.member, 'Mine.pdf');
      const first = await create('member', { fileIds: [mine.id] });
      const second = await create('member');
      const refusedFiles = async (fileIds: string[]) => {
        const check = (op: string) => (r: GqlResult<unknown>) => expectFields(r, op, [{ path: 'input.fileIds', message: FILES_REFUSED }]);
        await no(
          'member',
          'createEvidence',
          { subGroupId: A.subGroupId, title: 'Files', kind: 'DOCUMENT', fileIds },
          check('createEvidence'),
        );
        await no('member', 'updateEvidence', { id: second.id, fileIds }, check('updateEvidence'));
      };
      await refusedFiles([chairs.id]);
      await refusedFiles([theirs.id]);
      await refusedFiles([mine.id]);
      await refusedFiles([randomUUID()]);
      expect(await fileRow(chairs.id)).toEqual({ attached: false });
      expect((await read('member', first.id)).attachments.map((a) => a.id)).toEqual([mine.id]);
      expect((await read('member', second.id)).attachments).toEqual([]);
    });

    it('removing an attachment marks the file unattached, after which only its uploader can fetch it', async () => {
      const f1 = await upload(stack, tokens.member, 'Attendance 2025.pdf');
      const f2 = await upload(stack, tokens.member, 'Attendance 2026.pdf');
      const e = await create('member', { fileIds: [f1.id, f2.id] });
      expect((await read('member', e.id)).attachments.map((a) => a.id)).toEqual([f1.id, f2.id]);
      await ok('member', 'updateEvidence', { id: e.id, fileIds: [f2.id, f1.id] });
      expect((await read('member', e.id)).attachments.map((a) => a.id)).toEqual([f2.id, f1.id]);
      expect([await fileRow(f1.id), await fileRow(f2.id)]).toEqual([{ attached: true }, { attached: true }]);
      // Attached to a draft of the chair's agency, so the chair may fetch it.
      expectFileBytes(await download(stack, f1.id, tokens.chair), f1);

      const u = await ok('member', 'updateEvidence', { id: e.id, fileIds: [f2.id] });
      const [audit] = (await auditOf(e.id)).slice(-1);
      expect([audit.before?.fileIds, audit.after?.fileIds]).toEqual([[f2.id, f1.id], [f2.id]]);
      expect(u.version).toBe(3);
      expect([await fileRow(f1.id), await fileRow(f2.id)]).toEqual([{ attached: false }, { attached: true }]);
      const links = await stack.pg.query('SELECT file_id FROM evidence_files WHERE evidence_id = $1', [e.id]);
      expect(links.rows).toEqual([{ file_id: f2.id }]);
      expectMissing(await download(stack, f1.id, tokens.chair));
      expectMissing(await download(stack, f1.id, tokens.secretariat));
      expectFileBytes(await download(stack, f1.id, tokens.member), f1);
      // Free again, it can be attached elsewhere.
      const other = await ok('member', 'createEvidence', { subGroupId: A.subGroupId, title: 'Reused', kind: 'DATA', fileIds: [f1.id] });
      expect((await read('member', other.id)).attachments.map((a) => a.id)).toEqual([f1.id]);
    });

    it('an update against a stale version answers CONFLICT with the current values and writes nothing', async () => {
      const f = await upload(stack, tokens.member, 'Stale.pdf');
      const e = await create('member', { actionIds: [actPub], frameworkItemIds: [items['CPP-C']], fileIds: [f.id], narrative: 'Mine' });
      await ok('colleague', 'updateEvidence', { id: e.id, version: 1, title: 'The colleague’s title' });
      const now = await read('secretariat', e.id);
      const fields = Object.fromEntries(EV_FIELDS.split(' ').map((k) => [k, (now as unknown as Record<string, unknown>)[k]]));
      await no('member', 'updateEvidence', { id: e.id, version: 1, title: 'My title' }, (r) => {
        expectOnlyError(r, 'updateEvidence', 'CONFLICT', STALE);
        expect(r.errors![0].extensions?.current).toEqual({
          ...fields,
          partnershipId: A.id,
          subGroupId: A.subGroupId,
          agencyId: A.agencies.health,
          createdByUserId: A.member.id,
          submittedByUserId: null,
          reviewedByUserId: null,
          actionIds: [actPub],
          frameworkItemIds: [items['CPP-C']],
          fileIds: [f.id],
        });
      });
      expect(now).toMatchObject({ title: 'The colleague’s title', version: 2 });
      const fresh = await ok('member', 'updateEvidence', { id: e.id, version: 2, title: 'My title' });
      expect([fresh.title, fresh.version]).toEqual(['My title', 3]);
    });
  });

  describe('comments', () => {
    it('the chair, the board member and the secretariat comment on submitted evidence; oldest first, with author', async () => {
      const s = await inStatus('SUBMITTED');
      for (const who of ['chair', 'boardMember', 'secretariat'] as Who[]) expect(await read(who, s.id)).toMatchObject({ canComment: true });
      const c1 = await ok('chair', 'addEvidenceComment', { evidenceId: s.id, body: 'Good progress.' });
      const c2 = await ok('boardMember', 'addEvidenceComment', { evidenceId: s.id, body: '  How does this compare\nwith last year?  ' });
      const c3 = await ok('secretariat', 'addEvidenceComment', { evidenceId: s.id, body: 'Noted for the pack.' });
      expect(c2).toEqual({
        id: expect.any(String),
        body: 'How does this compare\nwith last year?',
        createdAt: expect.any(String),
        author: { id: A.boardMember.id },
      });
      const d = await read('member', s.id);
      expect(d.comments.map((c) => [c.id, c.body, c.author.id])).toEqual([
        [c1.id, 'Good progress.', A.chair.id],
        [c2.id, 'How does this compare\nwith last year?', A.boardMember.id],
        [c3.id, 'Noted for the pack.', A.secretariat.id],
      ]);
      const audit = await stack.pg.query<{ entity_type: string; action: string }>(
        'SELECT entity_type, action FROM audit_events WHERE entity_id = $1',
        [c1.id],
      );
      expect(audit.rows).toEqual([{ entity_type: 'EvidenceComment', action: 'evidence.comment' }]);
      // Commenting does not move the evidence on.
      expect(d).toMatchObject({ status: 'SUBMITTED', version: s.version });
    });

    it('a plain member, a colleague and the chair of another sub-group may not comment (FORBIDDEN)', async () => {
      const s = await inStatus('ACCEPTED');
      for (const who of ['member', 'colleague', 'councilMember', 'eduChair', 'eduMember'] as Who[]) {
        expect(await read(who, s.id)).toMatchObject({ canComment: false });
        await forbidden(who, 'addEvidenceComment', { evidenceId: s.id, body: 'Me too' }, COMMENT_DENIED);
      }
    });

    it('nobody comments on a draft (BAD_USER_INPUT); hidden evidence is NOT_FOUND; a comment needs words', async () => {
      const healthDraft = await create('member');
      const councilDraft = await create('councilMember');
      const onDraft = (who: Who, id: string) =>
        no(who, 'addEvidenceComment', { evidenceId: id, body: 'Early thoughts' }, (r) =>
          expectFields(r, 'addEvidenceComment', [
            { path: 'input.evidenceId', message: 'Evidence can be commented on once it has been submitted.' },
          ]),
        );
      await onDraft('chair', healthDraft.id);
      await onDraft('secretariat', healthDraft.id);
      await onDraft('secretariat', councilDraft.id);
      // The board member sees a draft of their own agency, and still may not comment on it.
      await onDraft('boardMember', councilDraft.id);
      expect(await read('boardMember', councilDraft.id)).toMatchObject({ canComment: false });
      // The health draft is out of the board member's sight altogether.
      await no('boardMember', 'addEvidenceComment', { evidenceId: healthDraft.id, body: 'Hello' }, (r) =>
        expectOnlyError(r, 'addEvidenceComment', 'NOT_FOUND', 'Evidence not found.'),
      );
      const sg = await inStatus('SUBMITTED', { visibility: 'SUB_GROUP' });
      await no('boardMember', 'addEvidenceComment', { evidenceId: sg.id, body: 'Hello' }, (r) =>
        expectOnlyError(r, 'addEvidenceComment', 'NOT_FOUND', 'Evidence not found.'),
      );
      await no('chair', 'addEvidenceComment', { evidenceId: sg.id, body: '   ' }, (r) =>
        expectFields(r, 'addEvidenceComment', [{ path: 'input.body', message: 'Enter a comment.' }]),
      );
    });
  });
});
