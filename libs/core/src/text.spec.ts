import { longDate } from './text';

describe('longDate', () => {
  it('writes a London day in words, as letters and e-mails do', () => {
    expect(longDate('2027-01-15')).toBe('15 January 2027');
    expect(longDate('2026-03-01')).toBe('1 March 2026');
  });
});
