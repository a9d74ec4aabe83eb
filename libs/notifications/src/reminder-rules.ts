import { addDays } from '@pbw/core';
import { NotificationKind } from './notifications.entities';

const K = NotificationKind;
import { addWorkingDays } from './working-days';

/** The kinds a partnership's secretariat sets rules for: every kind except the security e-mails, which always go at once. */
export const RULE_KINDS = [
  NotificationKind.ACTION_DUE,
  NotificationKind.ACTION_OVERDUE,
  NotificationKind.REPORT_DEADLINE,
  NotificationKind.REPORT_LATE,
  NotificationKind.EVIDENCE_RETURNED,
  NotificationKind.COMMITMENT_REVIEW_DUE,
  NotificationKind.VOICE_RESPONSE_DUE,
  NotificationKind.PACK_PUBLISHED,
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface ReminderRule {
  kind: RuleKind;
  enabled: boolean;
  /** Days before the date (working days, for report deadlines); 0 is the day itself. */
  daysBefore: number[];
  /** Overdue actions: how often the owner hears again. */
  repeatEveryDays: number | null;
  /** Overdue actions: days past due before the sub-group's chair hears. */
  chairAfterDays: number | null;
  /** Overdue actions: days past due before the secretariat hears. */
  secretariatAfterDays: number | null;
}

export type RuleField = 'daysBefore' | 'repeatEveryDays' | 'chairAfterDays' | 'secretariatAfterDays';

/** Which settings each rule has; the others stay empty. */
export const RULE_FIELDS: Record<RuleKind, readonly RuleField[]> = {
  ACTION_DUE: ['daysBefore'],
  ACTION_OVERDUE: ['repeatEveryDays', 'chairAfterDays', 'secretariatAfterDays'],
  REPORT_DEADLINE: ['daysBefore'],
  REPORT_LATE: [],
  EVIDENCE_RETURNED: [],
  COMMITMENT_REVIEW_DUE: ['daysBefore'],
  VOICE_RESPONSE_DUE: ['daysBefore'],
  PACK_PUBLISHED: [],
};

/** Who hears, and when, in words: the rules page shows it beside each rule. */
export const RULE_DESCRIPTIONS: Record<RuleKind, string> = {
  ACTION_DUE: 'The action’s owner, the given days before its due date.',
  ACTION_OVERDUE:
    'The owner, every few days while it is overdue; the sub-group’s chair, and later the secretariat, once it is overdue by the given days.',
  REPORT_DEADLINE: 'Each sub-group chair whose highlight report is not in, the given working days before the report deadline.',
  REPORT_LATE: 'The chair and the secretariat, on the working day after the deadline, for each report still not in.',
  EVIDENCE_RETURNED: 'The author, at once, when the chair returns their evidence.',
  COMMITMENT_REVIEW_DUE: 'The agency’s users, the given days before a commitment’s review date.',
  VOICE_RESPONSE_DUE:
    'The assigned sub-group’s chair or the assigned agency’s users (else the secretariat), the given days before an answer to young people is due.',
  PACK_PUBLISHED: 'Board members, at once, when a board pack is published.',
};

const rule = (kind: RuleKind, r: Partial<ReminderRule> = {}): ReminderRule => ({
  kind,
  enabled: true,
  daysBefore: [],
  repeatEveryDays: null,
  chairAfterDays: null,
  secretariatAfterDays: null,
  ...r,
});

/** What a partnership has until its secretariat changes something (the examples). */
export const DEFAULT_RULES: Record<RuleKind, ReminderRule> = {
  ACTION_DUE: rule(K.ACTION_DUE, { daysBefore: [14, 3, 0] }),
  ACTION_OVERDUE: rule(K.ACTION_OVERDUE, { repeatEveryDays: 7, chairAfterDays: 14, secretariatAfterDays: 28 }),
  REPORT_DEADLINE: rule(K.REPORT_DEADLINE, { daysBefore: [5, 0] }),
  REPORT_LATE: rule(K.REPORT_LATE),
  EVIDENCE_RETURNED: rule(K.EVIDENCE_RETURNED),
  COMMITMENT_REVIEW_DUE: rule(K.COMMITMENT_REVIEW_DUE, { daysBefore: [14, 0] }),
  VOICE_RESPONSE_DUE: rule(K.VOICE_RESPONSE_DUE, { daysBefore: [7, 0] }),
  PACK_PUBLISHED: rule(K.PACK_PUBLISHED),
};

export type RuleSet = Record<RuleKind, ReminderRule>;

/** The partnership's stored rules laid over the defaults. */
export function ruleSet(stored: readonly ReminderRule[]): RuleSet {
  const set = { ...DEFAULT_RULES };
  for (const r of stored) set[r.kind] = r;
  return set;
}

/** The records whose dates reminders are planned from. */
export type ReminderRecordType = 'ACTION' | 'MEETING' | 'COMMITMENT' | 'VOICE_ITEM';

export interface DatedRecord {
  type: ReminderRecordType;
  id: string;
  /** The date reminders count from: due date, report deadline, review date or response due. */
  date: string | null;
  /** Whether reminders still apply: open, and (for actions) in an active plan. */
  open: boolean;
}

/** The date-driven kinds and the record each counts from. */
export const KIND_RECORD: Partial<Record<RuleKind, ReminderRecordType>> = {
  ACTION_DUE: 'ACTION',
  ACTION_OVERDUE: 'ACTION',
  REPORT_DEADLINE: 'MEETING',
  REPORT_LATE: 'MEETING',
  COMMITMENT_REVIEW_DUE: 'COMMITMENT',
  VOICE_RESPONSE_DUE: 'VOICE_ITEM',
};

export interface PlannedReminder {
  /** Deterministic: the rule, the record, the step and the date counted from. Planning the same again replaces, never duplicates. */
  jobId: string;
  kind: RuleKind;
  recordId: string;
  /** Which reminder of the rule: days before ("14"), a repeat ("w2"), or who it escalates to ("chair", "secretariat", "late"). */
  step: string;
  /** The record's date this was planned from: a job planned for an old date finds it changed and sends nothing. */
  anchor: string;
  /** The London day it goes out (at SEND_AT). */
  sendOn: string;
}

/** Reminders go out at this London time on their day. */
export const SEND_AT = '08:00';

/** Overdue reminders repeat without end: only those this many days ahead are planned; the reconcile job plans the rest as days pass. */
export const REPEAT_HORIZON_DAYS = 35;

const slug = (kind: RuleKind): string => kind.toLowerCase().replace(/_/g, '-');
const KIND_BY_SLUG = new Map(RULE_KINDS.map((k) => [slug(k), k]));

/** BullMQ job ids cannot hold a colon: the parts are joined with underscores. */
export function reminderJobId(kind: RuleKind, recordId: string, step: string, anchor: string): string {
  return `${slug(kind)}_${recordId}_${step}_${anchor}`;
}

/** Reads a reminder's job id back; null for anything that is not one. */
export function parseReminderJobId(jobId: string): Omit<PlannedReminder, 'sendOn' | 'jobId'> | null {
  const m = /^([a-z-]+)_([0-9a-f-]{36})_([a-z0-9]+)_(\d{4}-\d{2}-\d{2})$/.exec(jobId);
  const kind = m ? KIND_BY_SLUG.get(m[1]) : undefined;
  return m && kind ? { kind, recordId: m[2], step: m[3], anchor: m[4] } : null;
}

/**
 * Every reminder a record has under the rules, going out from `from` (a London day) on; an
 * overdue action's repeats only up to `until`, as they never end. None once the record is
 * closed or has no date; a rule turned off plans nothing.
 */
export function planReminders(rec: DatedRecord, rules: RuleSet, from: string, until: string): PlannedReminder[] {
  if (!rec.open || !rec.date) return [];
  const anchor = rec.date;
  const out: Array<Omit<PlannedReminder, 'jobId' | 'recordId' | 'anchor'>> = [];
  const before = (kind: RuleKind, working: boolean) => {
    const r = rules[kind];
    if (!r.enabled) return;
    for (const d of new Set(r.daysBefore)) {
      out.push({ kind, step: String(d), sendOn: d === 0 ? anchor : working ? addWorkingDays(anchor, -d) : addDays(anchor, -d) });
    }
  };
  switch (rec.type) {
    case 'ACTION': {
      before(K.ACTION_DUE, false);
      const o = rules.ACTION_OVERDUE;
      if (o.enabled) {
        if (o.repeatEveryDays) {
          // The first repeat not before `from`, and those after it within the horizon.
          const every = o.repeatEveryDays;
          const first = Math.max(1, Math.ceil(daysBetween(anchor, from) / every));
          for (let k = first; ; k++) {
            const sendOn = addDays(anchor, k * every);
            if (sendOn > until) break;
            out.push({ kind: K.ACTION_OVERDUE, step: `w${k}`, sendOn });
          }
        }
        if (o.chairAfterDays) out.push({ kind: K.ACTION_OVERDUE, step: 'chair', sendOn: addDays(anchor, o.chairAfterDays) });
        if (o.secretariatAfterDays)
          out.push({ kind: K.ACTION_OVERDUE, step: 'secretariat', sendOn: addDays(anchor, o.secretariatAfterDays) });
      }
      break;
    }
    case 'MEETING':
      before(K.REPORT_DEADLINE, true);
      if (rules.REPORT_LATE.enabled) out.push({ kind: K.REPORT_LATE, step: 'late', sendOn: addWorkingDays(anchor, 1) });
      break;
    case 'COMMITMENT':
      before(K.COMMITMENT_REVIEW_DUE, false);
      break;
    case 'VOICE_ITEM':
      before(K.VOICE_RESPONSE_DUE, false);
      break;
  }
  return out
    .filter((r) => r.sendOn >= from)
    .map((r) => ({ ...r, recordId: rec.id, anchor, jobId: reminderJobId(r.kind, rec.id, r.step, anchor) }))
    .sort((a, b) => a.sendOn.localeCompare(b.sendOn) || a.jobId.localeCompare(b.jobId));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
