import type { Errors } from '../../components/forms';

/** The api's rules (libs/identity password.policy), told to people before they choose. */
export const NEW_PASSWORD_HINT =
  'Use at least 12 characters. Avoid common passwords and words that are easy to guess. A good way to make a strong password is to use three random words.';

/**
 * What the browser checks before sending a new password: that it is there and that the
 * confirmation matches. The api checks the rest (length, common passwords).
 */
export function newPasswordErrors(password: string, confirm: string, passwordField: string): Errors {
  const errors: Errors = {};
  if (!password) errors[passwordField] = 'Enter a new password';
  if (!confirm) errors.confirmPassword = 'Confirm your new password';
  else if (password && password !== confirm) errors.confirmPassword = 'Passwords do not match';
  return errors;
}
