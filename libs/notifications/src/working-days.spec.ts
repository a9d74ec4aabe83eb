import { addWorkingDays, bankHolidays, isWorkingDay } from './working-days';

describe('working days in England and Wales', () => {
  it('skips weekends', () => {
    // Monday 16 November 2026, three working days back: Wednesday 11 November.
    expect(addWorkingDays('2026-11-16', -3)).toBe('2026-11-11');
    // Friday 20 November, one forward: Monday 23 November.
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(isWorkingDay('2026-11-21')).toBe(false);
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });

  it('skips bank holidays, substitute days included', () => {
    // The Early May bank holiday, Monday 4 May 2026.
    expect(isWorkingDay('2026-05-04')).toBe(false);
    // Three working days before Tuesday 5 May, across it: Friday 1 May, Thursday 30 April, Wednesday 29 April.
    expect(addWorkingDays('2026-05-05', -3)).toBe('2026-04-29');
    // Christmas 2026: Friday 25 and the substitute Monday 28 December.
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    // Easter 2027: Good Friday 26 March, Easter Monday 29 March.
    expect(addWorkingDays('2027-03-30', -2)).toBe('2027-03-24');
  });

  it('with no days to move, a working day is itself and any other day gives the working day before', () => {
    expect(addWorkingDays('2026-11-18', 0)).toBe('2026-11-18');
    expect(addWorkingDays('2026-11-22', 0)).toBe('2026-11-20');
    expect(addWorkingDays('2026-12-28', 0)).toBe('2026-12-24');
  });

  it('reads its holidays from data, so a new year is a data change', () => {
    const hols = bankHolidays([{ date: '2030-06-03' }]);
    expect(hols.coveredUntil).toBe('2030-12-31');
    expect(isWorkingDay('2030-06-03', hols)).toBe(false);
    expect(addWorkingDays('2030-06-04', -1, hols)).toBe('2030-05-31');
    expect(bankHolidays().coveredUntil >= '2028-12-31').toBe(true);
  });

  it('refuses a fraction of a day', () => {
    expect(() => addWorkingDays('2026-11-16', 1.5)).toThrow('Working days must be a whole number');
  });
});
