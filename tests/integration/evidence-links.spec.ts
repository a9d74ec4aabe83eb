/**
 * Issue 5, evidence links: the change form only shows the linked actions its editor can
 * see, so saving it must not drop links to actions hidden from them (a restricted action
 * linked by someone who could see it).
 */
import {
  type TestPartnership,
  type TestStack,
  createPartnership,
  insertAction,
  insertWorkPlan,
  signIn,
  startTestStack,
} from '@pbw/testing';

const CREATE = `mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { id version } }`;
const UPDATE = `mutation($input: UpdateEvidenceInput!) { updateEvidence(input: $input) { id actions { id } } }`;

describe('evidence: links to actions the editor cannot see are kept', () => {
  let stack: TestStack;
  let A: TestPartnership;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Linkham');
  });
  afterAll(() => stack?.close());

  const links = async (evidenceId: string) =>
    (
      await stack.pg.query<{ action_id: string }>('SELECT action_id FROM evidence_actions WHERE evidence_id = $1 ORDER BY action_id', [
        evidenceId,
      ])
    ).rows
      .map((r) => r.action_id)
      .sort();

  it('keeps a hidden linked action when the member saves the links they can see', async () => {
    const plan = await insertWorkPlan(stack.pg, A);
    const open = await insertAction(stack.pg, A, plan, { title: 'Open action' });
    const other = await insertAction(stack.pg, A, plan, { title: 'Another open action' });
    const hidden = await insertAction(stack.pg, A, plan, {
      title: 'Restricted action',
      visibility: 'RESTRICTED',
      restrictedUserIds: [A.chair.id],
    });
    const chair = stack.client((await signIn(stack.client(), A.chair.email)).accessToken);
    const member = stack.client((await signIn(stack.client(), A.member.email)).accessToken);

    // The chair (who can see the restricted action) links both; the member, of the same agency, edits the draft.
    const ev = (
      await chair.ok<{ createEvidence: { id: string } }>(CREATE, {
        input: { subGroupId: A.subGroupId, title: 'Attendance figures', kind: 'DATA', actionIds: [open, hidden] },
      })
    ).createEvidence;
    const seen = await member.ok<{ updateEvidence: { actions: Array<{ id: string }> } }>(UPDATE, {
      input: { id: ev.id, actionIds: [other] },
    });
    expect(seen.updateEvidence.actions.map((a) => a.id)).toEqual([other]);
    expect(await links(ev.id)).toEqual([other, hidden].sort());

    // Someone who can see it may still unlink it.
    await chair.ok(UPDATE, { input: { id: ev.id, actionIds: [other] } });
    expect(await links(ev.id)).toEqual([other]);
  });
});

describe('evidence: who may attach and who hears of a conflict', () => {
  let stack: TestStack;
  let A: TestPartnership;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Attachham');
  });
  afterAll(() => stack?.close());

  async function upload(token: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('Attendance, 94\n')]), 'attendance.csv');
    const res = await fetch(`${stack.url}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return ((await res.json()) as { id: string }).id;
  }

  it('not even the secretariat attaches a file someone else uploaded', async () => {
    const memberToken = (await signIn(stack.client(), A.member.email)).accessToken;
    const sec = stack.client((await signIn(stack.client(), A.secretariat.email)).accessToken);
    const theirs = await upload(memberToken);
    const err = await sec.fails(CREATE, { input: { subGroupId: A.subGroupId, title: 'Figures', kind: 'DATA', fileIds: [theirs] } });
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.fileIds' }] });
    expect((await stack.pg.query('SELECT count(*)::int AS n FROM evidence WHERE partnership_id = $1', [A.id])).rows[0].n).toBe(0);
  });

  it('someone who may not change the evidence is told so, even with an old version', async () => {
    const member = stack.client((await signIn(stack.client(), A.member.email)).accessToken);
    const board = stack.client((await signIn(stack.client(), A.boardMember.email)).accessToken);
    const ev = (
      await member.ok<{ createEvidence: { id: string } }>(CREATE, {
        input: { subGroupId: A.subGroupId, title: 'Returned figures', kind: 'DATA' },
      })
    ).createEvidence;
    await member.ok(UPDATE, { input: { id: ev.id, title: 'Returned figures, v2' } });
    // The board member is in another agency: the draft is hidden from them, so the answer is the missing one.
    expect((await board.fails(UPDATE, { input: { id: ev.id, version: 1, title: 'x' } })).extensions?.code).toBe('NOT_FOUND');
    await stack.pg.query("UPDATE evidence SET status = 'RETURNED', return_comment = 'More', submitted_at = now() WHERE id = $1", [ev.id]);
    const err = await board.fails(UPDATE, { input: { id: ev.id, version: 1, title: 'x' } });
    expect(err.extensions?.code).toBe('FORBIDDEN');
  });
});
