import { createPartnership, signIn, startTestStack, type TestStack } from '@pbw/testing';

describe('api smoke', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('signs in and reads me', async () => {
    const p = await createPartnership(stack.pg, 'Smoke');
    const s = await signIn(stack.client(), p.secretariat.email);
    const data = await stack
      .client(s.accessToken)
      .ok<{ me: { email: string; agency: { name: string }; subGroupMemberships: unknown[] } }>(
        '{ me { email agency { name } subGroupMemberships { role subGroup { name } } } }',
      );
    expect(data.me.email).toBe(p.secretariat.email);
    expect(data.me.agency.name).toContain('Council');
  });
});
