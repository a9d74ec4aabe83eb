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
