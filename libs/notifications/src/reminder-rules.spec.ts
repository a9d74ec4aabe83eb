import { DEFAULT_RULES, parseReminderJobId, planReminders, reminderJobId, ruleSet } from './reminder-rules';
import { NotificationKind } from './notifications.entities';

const ID = '5b0c1c9e-7c1f-4c8e-9a51-0f6f3c2a1b00';
const ids = (r: Array<{ jobId: string; sendOn: string }>) => r.map((x) => `${x.jobId}@${x.sendOn}`);

describe('planReminders', () => {
  it('an open action: 14, 3 and 0 days before, then overdue repeats (within the horizon), the chair and the secretariat', () => {
    const plan = planReminders({ type: 'ACTION', id: ID, date: '2026-12-20', open: true }, DEFAULT_RULES, '2026-12-01', '2027-01-10');
    expect(ids(plan)).toEqual([
      `action-due_${ID}_14_2026-12-20@2026-12-06`,
      `action-due_${ID}_3_2026-12-20@2026-12-17`,
      `action-due_${ID}_0_2026-12-20@2026-12-20`,
      `action-overdue_${ID}_w1_2026-12-20@2026-12-27`,
      `action-overdue_${ID}_chair_2026-12-20@2027-01-03`,
      `action-overdue_${ID}_w2_2026-12-20@2027-01-03`,
      `action-overdue_${ID}_w3_2026-12-20@2027-01-10`,
      `action-overdue_${ID}_secretariat_2026-12-20@2027-01-17`,
    ]);
  });

  it('nothing already gone; nothing for a closed record or one with no date; nothing under a rule turned off', () => {
    const from = '2026-12-18';
    expect(ids(planReminders({ type: 'ACTION', id: ID, date: '2026-12-20', open: true }, DEFAULT_RULES, from, from))[0]).toBe(
      `action-due_${ID}_0_2026-12-20@2026-12-20`,
    );
    expect(planReminders({ type: 'ACTION', id: ID, date: '2026-12-20', open: false }, DEFAULT_RULES, from, from)).toEqual([]);
    expect(planReminders({ type: 'COMMITMENT', id: ID, date: null, open: true }, DEFAULT_RULES, from, from)).toEqual([]);
    const off = ruleSet([{ ...DEFAULT_RULES.VOICE_RESPONSE_DUE, enabled: false }]);
    expect(planReminders({ type: 'VOICE_ITEM', id: ID, date: '2027-01-30', open: true }, off, from, from)).toEqual([]);
  });

  it('report deadlines count working days, skipping weekends and bank holidays; late is the next working day', () => {
    // Deadline Tuesday 29 December 2026: the 28th is a bank holiday (Boxing Day substitute), the 25th Christmas.
    const plan = planReminders({ type: 'MEETING', id: ID, date: '2026-12-29', open: true }, DEFAULT_RULES, '2026-12-01', '2026-12-01');
    expect(ids(plan)).toEqual([
      `report-deadline_${ID}_5_2026-12-29@2026-12-18`,
      `report-deadline_${ID}_0_2026-12-29@2026-12-29`,
      `report-late_${ID}_late_2026-12-29@2026-12-30`,
    ]);
  });

  it('job ids read back; anything else is not a reminder', () => {
    const id = reminderJobId(NotificationKind.COMMITMENT_REVIEW_DUE, ID, '14', '2027-03-31');
    expect(parseReminderJobId(id)).toEqual({ kind: 'COMMITMENT_REVIEW_DUE', recordId: ID, step: '14', anchor: '2027-03-31' });
    expect(parseReminderJobId(`replan-action-${ID}-v2`)).toBeNull();
    expect(parseReminderJobId(`invitation_${ID}_1_2027-03-31`)).toBeNull();
  });
});
