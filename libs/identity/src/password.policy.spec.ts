import { GraphQLError } from 'graphql';
import { MIN_PASSWORD_LENGTH, assertPasswordAcceptable, passwordProblem } from './password.policy';

const TOO_COMMON = /too common/;
const TOO_EASY = /too easy to guess/;

describe('password policy', () => {
  it.each(['tidy-orange-lantern-47', 'correct horse battery staple', 'Velvet harbour compass', 'marmalade-otter-1987', 'zq8#Lm2!pX7@'])(
    'accepts %j',
    (pw) => {
      expect(passwordProblem(pw)).toBeNull();
    },
  );

  it(`needs at least ${MIN_PASSWORD_LENGTH} characters`, () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(passwordProblem('kettle-otter')).toBeNull(); // exactly 12
    expect(passwordProblem('kettle-otte')).toBe('Password must be at least 12 characters.');
    expect(passwordProblem('')).toMatch(/at least 12/);
  });

  it('allows up to 256 characters', () => {
    const words = 'lantern-orange-tidy-';
    expect(passwordProblem(words.repeat(13).slice(0, 256))).toBeNull();
    expect(passwordProblem(words.repeat(13).slice(0, 257))).toBe('Password must be 256 characters or fewer.');
  });

  it.each([
    'passwordpassword',
    'Password1234',
    'PASSWORD1234!',
    '!!Football2024!!',
    '2024football!',
    'Welcome12345',
    'iloveyou1234',
    'letmein123456',
    'qwerty123456',
    'changeme-1234',
  ])('refuses the common choice %j (any case, digits and symbols around it ignored)', (pw) => {
    expect(passwordProblem(pw)).toMatch(TOO_COMMON);
  });

  it.each([
    'aaaaaaaaaaaa',
    '000000000000',
    'abcdefghijklm',
    'ZYXWVUTSRQPON',
    'qwertyuiopasd',
    'lkjhgfdsapoiu',
    '123456789012',
    '012345678901',
    '1234567890123',
    '098765432109',
  ])('refuses the run or repetition %j', (pw) => {
    expect(passwordProblem(pw)).toMatch(new RegExp(`${TOO_EASY.source}|${TOO_COMMON.source}`));
  });

  it('refuses a password containing the email address', () => {
    expect(passwordProblem('my-jo.bloggs-secret', 'Jo.Bloggs@example.org')).toBe('Password must not contain your email address.');
    expect(passwordProblem('MY-JO.BLOGGS-SECRET', 'jo.bloggs@example.org')).toMatch(/email address/);
    // Without the email, or with a very short local part, it is not a reason to refuse.
    expect(passwordProblem('my-jo.bloggs-secret')).toBeNull();
    expect(passwordProblem('tidy-orange-jo-lantern', 'jo@example.org')).toBeNull();
  });

  it('assertPasswordAcceptable throws BAD_USER_INPUT at the given path', () => {
    expect(() => assertPasswordAcceptable('tidy-orange-lantern-47', 'input.password')).not.toThrow();
    let thrown: unknown;
    try {
      assertPasswordAcceptable('short', 'input.newPassword');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.newPassword', message: 'Password must be at least 12 characters.' }],
    });
  });
});

describe('repeated units and joined common words', () => {
  it.each(['123123123123', '121212121212', 'abababababab', 'sunshinesunshine', 'passwordqwerty', 'Dragon-Dragon-Dragon-'])(
    'refuses %s',
    (pw) => {
      expect(passwordProblem(pw)).not.toBeNull();
    },
  );

  it.each(['tidy-orange-lantern-47', 'correct horse battery staple', 'riverside-demo-2026'])('accepts %s', (pw) => {
    expect(passwordProblem(pw)).toBeNull();
  });
});
