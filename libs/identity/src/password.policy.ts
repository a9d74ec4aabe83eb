import { fieldError } from '@pbw/core';
import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * NCSC / NIST guidance: a length floor and a deny-list of common choices, no composition
 * rules. A long password made of one common word plus digits or a keyboard run is refused.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 256) return 'Password must be 256 characters or fewer.';
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[^a-z]/g, '');
  const core = lower.replace(/[\d\W_]+$/g, '').replace(/^[\d\W_]+/g, '');
  if (
    COMMON_PASSWORDS.has(lower) ||
    COMMON_PASSWORDS.has(core) ||
    (stripped.length > 0 && COMMON_PASSWORDS.has(stripped) && stripped.length >= lower.length - 6)
  ) {
    return 'This password is too common. Choose a password that is harder to guess, such as three random words.';
  }
  if (/^(.+?)\1+$/.test(lower) || isSequence(lower) || isTwoCommonWords(stripped)) {
    return 'This password is too easy to guess. Choose a password that is harder to guess, such as three random words.';
  }
  if (email) {
    const local = email.toLowerCase().split('@')[0];
    if (local.length >= 4 && lower.includes(local)) return 'Password must not contain your email address.';
  }
  return null;
}

/** "sunshinesunshine", "passwordqwerty": two deny-listed stems joined are no stronger than one. */
function isTwoCommonWords(letters: string): boolean {
  for (let i = 3; i <= letters.length - 3; i++) {
    if (COMMON_PASSWORDS.has(letters.slice(0, i)) && COMMON_PASSWORDS.has(letters.slice(i))) return true;
  }
  return false;
}

const RUNS = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopasdfghjklzxcvbnm', '1qaz2wsx3edc4rfv5tgb'];

function isSequence(s: string): boolean {
  const reversed = [...s].reverse().join('');
  return RUNS.some((run) => {
    const looped = run.repeat(Math.ceil(s.length / run.length) + 1);
    return looped.includes(s) || looped.includes(reversed);
  });
}

export function assertPasswordAcceptable(password: string, path: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw fieldError(path, problem);
}
