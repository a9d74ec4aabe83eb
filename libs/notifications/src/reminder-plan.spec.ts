import { actionReminderPlan, parseActionJobId } from './reminder-plan';
import { londonMorning } from './reminders.service';

const id = '0b9d7f2e-5c3a-4e21-9a0b-3d4e5f6a7b8c';

describe('an action’s reminder plan', () => {
  it('is 14 and 3 days before and on the day, each with an id naming the action, the rule and the date', () => {
    expect(actionReminderPlan({ id, dueDate: '2026-12-31', status: 'IN_PROGRESS' }, '2026-11-22')).toEqual([
      { offset: 14, sendOn: '2026-12-17', jobId: `action-due_${id}_14_2026-12-31` },
      { offset: 3, sendOn: '2026-12-28', jobId: `action-due_${id}_3_2026-12-31` },
      { offset: 0, sendOn: '2026-12-31', jobId: `action-due_${id}_0_2026-12-31` },
    ]);
  });

  it('leaves out reminders whose day has passed, and plans none for a closed action', () => {
    expect(actionReminderPlan({ id, dueDate: '2026-11-24', status: 'NOT_STARTED' }, '2026-11-22').map((r) => r.offset)).toEqual([0]);
    expect(actionReminderPlan({ id, dueDate: '2026-11-25', status: 'IN_PROGRESS' }, '2026-11-22').map((r) => r.offset)).toEqual([3, 0]);
    expect(actionReminderPlan({ id, dueDate: '2026-12-31', status: 'COMPLETE' }, '2026-11-22')).toEqual([]);
    expect(actionReminderPlan({ id, dueDate: '2026-12-31', status: 'CANCELLED' }, '2026-11-22')).toEqual([]);
  });

  it('reads its job ids back, and nothing else', () => {
    expect(parseActionJobId(`action-due_${id}_3_2026-12-31`)).toEqual({ actionId: id, offset: 3, dueDate: '2026-12-31' });
    expect(parseActionJobId('replan-action-x')).toBeNull();
  });

  it('sends at 08:00 London, in winter and in summer', () => {
    expect(londonMorning('2026-12-17').toISOString()).toBe('2026-12-17T08:00:00.000Z');
    expect(londonMorning('2026-06-17').toISOString()).toBe('2026-06-17T07:00:00.000Z');
  });
});
