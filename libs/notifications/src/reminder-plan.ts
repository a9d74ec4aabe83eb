import { addDays } from '@pbw/core';

/** Days before the due date that an action's owner hears, the day itself included (the defaults). */
export const ACTION_DUE_OFFSETS: readonly number[] = [14, 3, 0];

/** Reminders go out at this London time on their day. */
export const SEND_AT = '08:00';

export interface PlannedReminder {
  /** Deterministic: the record, the rule and the date it is for. Planning the same again replaces, never duplicates. */
  jobId: string;
  sendOn: string;
  offset: number;
}

const OPEN = new Set(['NOT_STARTED', 'IN_PROGRESS']);

/** BullMQ job ids cannot hold a colon: the parts are joined with underscores. */
export const actionJobPrefix = (actionId: string): string => `action-due_${actionId}_`;

/** An action's reminders still to come: none once it is complete or cancelled. */
export function actionReminderPlan(a: { id: string; dueDate: string; status: string }, today: string): PlannedReminder[] {
  if (!OPEN.has(a.status)) return [];
  return ACTION_DUE_OFFSETS.map((offset) => ({ offset, sendOn: addDays(a.dueDate, -offset) }))
    .filter((r) => r.sendOn >= today)
    .map((r) => ({ ...r, jobId: `${actionJobPrefix(a.id)}${r.offset}_${a.dueDate}` }));
}

/** Reads a reminder's job id back: which action, which rule, and the due date it was planned for. */
export function parseActionJobId(jobId: string): { actionId: string; offset: number; dueDate: string } | null {
  const m = /^action-due_([0-9a-f-]{36})_(\d+)_(\d{4}-\d{2}-\d{2})$/.exec(jobId);
  return m ? { actionId: m[1], offset: Number(m[2]), dueDate: m[3] } : null;
}
