/**
 * DESIGN.md §3 for the partnership set-up: the secretariat administers the partnership
 * (details, agencies, users, board, sub-groups, audit log, the frameworks work is
 * tagged against, and the board's meetings); board members, members and sub-group chairs may read it but not change
 * it (FORBIDDEN, nothing written). Work plan mutations follow the chair / owner / lead
 * agency rules instead: those are shown in workplans.access.spec.ts (listed below). Plus the
 * rules around who can act at all: no token, a tampered token, a deactivated user's token;
 * the partnership never loses its last active secretariat; naming a new sub-group chair
 * demotes the previous one.
 *
 * Evidence and highlight reports (issue 5) follow the sub-group rules instead, tried by
 * every kind of person in the second suite below: the sub-group's members add evidence;
 * its author, their agency and the secretariat change and submit it; the sub-group's chair
 * and the secretariat review it; its chair, board members and the secretariat comment on
 * it. The chair or the secretariat writes and submits the sub-group's report; only the
 * secretariat accepts or returns it. Who may read what (record visibility, drafts) is
 * shown for each of them too, in lists, by id and in search.
 *
 * Commitments and the local offer (issue 6), in the third suite: the owning agency's own
 * people (MEMBER role) and the secretariat create, change and post progress on an agency's
 * commitments; board members read them but change none, not even their own agency's; no one
 * else changes them, and those who may not see one (by its visibility) are told it is not
 * found. Only the secretariat previews and publishes the local offer; everyone reads the
 * published versions, and the public offer needs no sign-in at all.
 *
 * The performance scorecard (issue 7), in the fourth suite: only the secretariat keeps the indicators and imports figures;
 * the chair of an indicator's sub-group records its figures too; everyone reads the scorecard.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  OPS,
  type OpName,
  SESSION_MUTATIONS,
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addAgency,
  addUser,
  addSubGroup,
  auditCount,
  createPartnership,
  schemaOperations,
  signIn,
  startTestStack,
  tenantIds,
  tenantSnapshot,
} from '@pbw/testing';

const ADMIN_DENIED = 'Only the board secretariat can change the partnership set-up.';
const AUDIT_DENIED = 'Only the board secretariat can read the audit log.';
const AGENDA_DENIED = 'Only the board secretariat can change a meeting’s agenda.';
const ANNUAL_DENIED = 'Only the board secretariat writes the annual update.';
const NAMES_DENIED = 'Only the board secretariat keeps the names the personal-data check looks for.';
const PACKS_HIDDEN = 'Only the board secretariat sees packs before they are published.';
const RECORDS_DENIED = 'Only the board secretariat keeps a meeting’s attendance, minutes and actions.';
const LAST_SECRETARIAT = 'The partnership must keep at least one active secretariat user.';

/**
 * Mutations whose rules are not "secretariat only": the sub-group's chair (or the
 * secretariat) edits its plan, and an action's owner and lead agency post progress. Each
 * is tried by every role in workplans.access.spec.ts (the CSV import also in
 * workplan-csv.spec.ts).
 */
const WORK_PLAN_MUTATIONS = [
  'createWorkPlan',
  'updateWorkPlan',
  'activateWorkPlan',
  'closeWorkPlan',
  'rollForwardWorkPlan',
  'createObjective',
  'updateObjective',
  'createAction',
  'updateAction',
  'postActionUpdate',
  'importActions',
];
const WORK_PLAN_SPEC = path.join(__dirname, 'workplans.access.spec.ts');

/** Evidence and report mutations: each tried by every kind of person in the second suite of this file. */
const WORKFLOW_MUTATIONS = [
  'createEvidence',
  'updateEvidence',
  'submitEvidence',
  'acceptEvidence',
  'returnEvidence',
  'addEvidenceComment',
  'createHighlightReport',
  'updateHighlightReport',
  'submitHighlightReport',
  'acceptHighlightReport',
  'returnHighlightReport',
  'addHighlightReportComment',
];

/**
 * Commitment and local offer mutations (issue 6): the owning agency's people and the secretariat manage commitments,
 * board members only read, only the secretariat publishes. Each is tried by every kind of person in the third suite of
 * this file.
 */
const COMMITMENT_MUTATIONS = ['createCommitment', 'updateCommitment', 'postCommitmentUpdate', 'publishLocalOffer'];

/**
 * The performance scorecard's mutations (issue 7): the secretariat keeps the indicators and imports figures; the chair of an
 * indicator's sub-group also records its figures. Each is tried by every role in the fourth suite of this file.
 */
const INDICATOR_MUTATIONS = ['createIndicator', 'updateIndicator', 'recordIndicatorValue', 'importIndicatorValues'];

/**
 * The voice of children in care (issue 7): the secretariat records, assigns, closes and reopens; the assigned sub-group's
 * chair, the assigned agency's people and the secretariat respond. Each is tried by every kind of person in voice.spec.ts.
 */
const VOICE_MUTATIONS = ['createVoiceItem', 'updateVoiceItem', 'respondToVoiceItem', 'closeVoiceItem', 'reopenVoiceItem'];
const VOICE_SPEC = path.join(__dirname, 'voice.spec.ts');

/** The principles self-assessment (issue 7): the secretariat writes it; every other role is refused in principles.spec.ts. */
const PRINCIPLE_MUTATIONS = ['saveSelfAssessment'];
const PRINCIPLES_SPEC = path.join(__dirname, 'principles.spec.ts');

/** A person's own notifications and delivery choices (issue 8): everyone signed in manages their own, in notifications.spec.ts. */
const SELF_MUTATIONS = ['markNotificationsRead', 'setNotificationPreference'];

/** Each person's own calendar feed: made and revoked by anyone signed in, for themselves (calendar.spec.ts). */
const CALENDAR_SPEC = path.join(__dirname, 'calendar.spec.ts');
const CALENDAR_MUTATIONS = ['createCalendarFeed', 'revokeCalendarFeed'];

/** Retrying a failed job needs one to have failed: tried by role in reminders.spec.ts. */
const REMINDERS_SPEC = path.join(__dirname, 'reminders.spec.ts');
const REMINDER_MUTATIONS = ['retryFailedJob'];

/** A board action's owner updates it as well as the secretariat: tried by role in meeting-records.spec.ts. */
const MEETING_RECORDS_SPEC = path.join(__dirname, 'meeting-records.spec.ts');
const MEETING_RECORD_MUTATIONS = ['updateBoardAction'];

/** A paper's author adds it as well as the secretariat: tried by role in pack-readiness.spec.ts. */
const PACK_READINESS_SPEC = path.join(__dirname, 'pack-readiness.spec.ts');
const PACK_MUTATIONS = ['attachAgendaPaper'];

/** Queries whose answer may be null, so a refusal comes back as data: { op: null } with the error. */
const NULLABLE_QUERIES = ['calendarFeed', 'annualUpdate'];

/** Admin-table entries that are queries, not mutations. */
const ADMIN_QUERIES: string[] = [
  'auditEvents',
  'emailPreview',
  'failedJobs',
  'boardPacks',
  'boardPack',
  'packFindings',
  'personalDataNames',
  'annualUpdate',
];
const NOTIFICATIONS_SPEC = path.join(__dirname, 'notifications.spec.ts');

/** Queries anyone may call without signing in: the published local offer and the published board packs. */
const PUBLIC_QUERIES = ['publicLocalOffer', 'publishedBoardPacks'];

/** The session mutations that need no sign-in (changePassword, the seventh, does). */
const PUBLIC_MUTATIONS = SESSION_MUTATIONS.filter((m) => m !== 'changePassword');

interface AdminCase {
  op: OpName;
  vars: () => Record<string, unknown>;
  /** The audit action a secretariat's success records. */
  action: string | null;
  message: string;
}

type Role = 'boardMember' | 'member' | 'chair';

describe('roles: who may administer the partnership', () => {
  let stack: TestStack;
  let A: TestPartnership;
  /** An active member the secretariat deactivates. */
  let leaver: TestUser;
  /** A deactivated member the secretariat reactivates. */
  let returner: TestUser;
  /** The partnership's own framework: P1 to edit, P2 unused (so removing deletes it), P3 retired (to restore). */
  let framework: string;
  const item = {} as Record<'P1' | 'P2' | 'P3', string>;
  /** A planned board meeting. */
  let meeting: string;
  /** Four items of its agenda: to change, to move, to remove, and to minute. */
  const agendaItems: string[] = [];
  /** A pack compile waiting to start, for the secretariat to cancel. */
  let queuedPack: string;
  /** A finding in it to clear, and a finished pack to publish. */
  let finding: string;
  let donePack: string;
  /** Last year's annual update, to amend. */
  let annualUpdate: string;
  const tokens = {} as Record<'secretariat' | Role, string>;
  const as = (who: keyof typeof tokens): GqlClient => stack.client(tokens[who]);

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Rolesford');
    leaver = await addUser(stack.pg, A, 'leaver');
    returner = await addUser(stack.pg, A, 'returner', { status: 'DEACTIVATED' });
    framework = (
      await stack.pg.query<{ id: string }>(
        "INSERT INTO frameworks (partnership_id, name, kind) VALUES ($1, 'Rolesford promises', 'PROMISES') RETURNING id",
        [A.id],
      )
    ).rows[0].id;
    for (const [n, code] of ['P1', 'P2', 'P3'].entries()) {
      const r = await stack.pg.query<{ id: string }>(
        `INSERT INTO framework_items (partnership_id, framework_id, code, title, position, retired_at)
         VALUES ($1, $2, $3, $4, $5, CASE WHEN $3 = 'P3' THEN now() END) RETURNING id`,
        [A.id, framework, code, `Promise ${code}`, n + 1],
      );
      item[code as 'P1' | 'P2' | 'P3'] = r.rows[0].id;
    }
    meeting = (
      await stack.pg.query<{ id: string }>(
        "INSERT INTO meetings (partnership_id, starts_at, report_deadline) VALUES ($1, '2026-12-03T10:00:00Z', '2026-11-19') RETURNING id",
        [A.id],
      )
    ).rows[0].id;
    for (const title of ['Minutes of the last meeting', 'Performance scorecard', 'Any other business', 'Voice of children in care']) {
      const r = await stack.pg.query<{ id: string }>(
        `INSERT INTO agenda_items (partnership_id, meeting_id, position, title, kind)
         VALUES ($1, $2, (SELECT count(*) + 1 FROM agenda_items WHERE meeting_id = $2), $3, 'OTHER') RETURNING id`,
        [A.id, meeting, title],
      );
      agendaItems.push(r.rows[0].id);
    }
    queuedPack = (
      await stack.pg.query<{ id: string }>(
        "INSERT INTO board_packs (partnership_id, meeting_id, version, status, requested_by_user_id) VALUES ($1, $2, 99, 'QUEUED', $3) RETURNING id",
        [A.id, meeting, A.secretariat.id],
      )
    ).rows[0].id;
    finding = (
      await stack.pg.query<{ id: string }>(
        "INSERT INTO pack_findings (partnership_id, pack_id, kind, page, match, context) VALUES ($1, $2, 'PHONE', 3, '01632 960000', 'Call 01632 960000') RETURNING id",
        [A.id, queuedPack],
      )
    ).rows[0].id;
    annualUpdate = (
      await stack.pg.query<{ id: string }>(
        `INSERT INTO annual_updates (partnership_id, period, title, sections) VALUES ($1, '2024-25', 'Annual update', '[]') RETURNING id`,
        [A.id],
      )
    ).rows[0].id;
    donePack = (
      await stack.pg.query<{ id: string }>(
        `INSERT INTO board_packs (partnership_id, meeting_id, version, status, requested_by_user_id, members_sha256, public_sha256, progress, step)
         VALUES ($1, $2, 98, 'DONE', $3, repeat('a', 64), repeat('b', 64), 100, 'Done') RETURNING id`,
        [A.id, meeting, A.secretariat.id],
      )
    ).rows[0].id;
    const who = ['secretariat', 'boardMember', 'member', 'chair'] as const;
    const sessions = await Promise.all(who.map((w) => signIn(stack.client(), A[w].email)));
    who.forEach((w, i) => (tokens[w] = sessions[i].accessToken));
  });
  afterAll(() => stack?.close());

  // Each is a request that succeeds for the secretariat, so a denial is the role rule alone.
  const adminCases = (): AdminCase[] => [
    {
      op: 'updatePartnership',
      vars: () => ({ input: { description: 'Meets quarterly.' } }),
      action: 'partnership.update',
      message: ADMIN_DENIED,
    },
    {
      op: 'createAgency',
      vars: () => ({ input: { name: 'Rolesford Virtual School', sector: 'EDUCATION' } }),
      action: 'agency.create',
      message: ADMIN_DENIED,
    },
    {
      op: 'updateAgency',
      vars: () => ({ input: { id: A.agencies.health, name: 'Rolesford NHS Trust' } }),
      action: 'agency.update',
      message: ADMIN_DENIED,
    },
    {
      op: 'inviteUser',
      vars: () => ({ input: { email: 'new.lead@example.test', name: 'New Lead', agencyId: A.agencies.council, role: 'SECRETARIAT' } }),
      action: 'user.invite',
      message: ADMIN_DENIED,
    },
    {
      op: 'updateUser',
      vars: () => ({ input: { id: A.member.id, jobTitle: 'Designated nurse', role: 'BOARD_MEMBER' } }),
      action: 'user.update',
      message: ADMIN_DENIED,
    },
    { op: 'deactivateUser', vars: () => ({ input: { userId: leaver.id } }), action: 'user.deactivate', message: ADMIN_DENIED },
    { op: 'reactivateUser', vars: () => ({ input: { userId: returner.id } }), action: 'user.reactivate', message: ADMIN_DENIED },
    { op: 'resendInvitation', vars: () => ({ input: { userId: A.invited.id } }), action: 'user.resendInvitation', message: ADMIN_DENIED },
    {
      op: 'issuePasswordReset',
      vars: () => ({ input: { userId: A.member.id } }),
      action: 'user.issuePasswordReset',
      message: ADMIN_DENIED,
    },
    {
      op: 'updateBoard',
      vars: () => ({ input: { termsOfReference: 'Meets four times a year.', chairUserId: A.member.id } }),
      action: 'board.update',
      message: ADMIN_DENIED,
    },
    {
      op: 'createSubGroup',
      vars: () => ({ input: { name: 'Education', chairUserId: A.member.id } }),
      action: 'subGroup.create',
      message: ADMIN_DENIED,
    },
    // The chair's own sub-group: chairing it does not make its set-up theirs to change.
    {
      op: 'updateSubGroup',
      vars: () => ({ input: { id: A.subGroupId, remit: 'Health, CAMHS and dental' } }),
      action: 'subGroup.update',
      message: ADMIN_DENIED,
    },
    {
      op: 'addSubGroupMember',
      vars: () => ({ input: { subGroupId: A.subGroupId, userId: A.boardMember.id } }),
      action: 'subGroupMembership.add',
      message: ADMIN_DENIED,
    },
    {
      op: 'removeSubGroupMember',
      vars: () => ({ input: { subGroupId: A.subGroupId, userId: A.member.id } }),
      action: 'subGroupMembership.remove',
      message: ADMIN_DENIED,
    },
    { op: 'auditEvents', vars: () => ({ first: 10 }), action: null, message: AUDIT_DENIED },
    // Reminders (issue 8): the rules, the e-mail preview and the failed jobs are the secretariat's.
    {
      op: 'setReminderRule',
      vars: () => ({ input: { kind: 'ACTION_DUE', enabled: true, daysBefore: [10, 1, 0] } }),
      action: 'reminderRule.set',
      message: 'Only the board secretariat can change reminder rules.',
    },
    { op: 'emailPreview', vars: () => ({ kind: 'ACTION_DUE' }), action: null, message: 'Only the board secretariat can preview e-mails.' },
    { op: 'failedJobs', vars: () => ({}), action: null, message: 'Only the board secretariat can see failed jobs.' },
    // The agenda (issue 9).
    {
      op: 'addAgendaItem',
      vars: () => ({ input: { meetingId: meeting, title: 'Welcome and apologies', kind: 'OTHER' } }),
      action: 'agendaItem.add',
      message: AGENDA_DENIED,
    },
    {
      op: 'updateAgendaItem',
      vars: () => ({ input: { id: agendaItems[0], version: 1, presenter: 'Chair of the board' } }),
      action: 'agendaItem.update',
      message: AGENDA_DENIED,
    },
    {
      op: 'moveAgendaItem',
      vars: () => ({ input: { id: agendaItems[1], version: 1, position: 1 } }),
      action: 'agendaItem.move',
      message: AGENDA_DENIED,
    },
    {
      op: 'removeAgendaItem',
      vars: () => ({ input: { id: agendaItems[2], version: 1 } }),
      action: 'agendaItem.remove',
      message: AGENDA_DENIED,
    },
    {
      op: 'setAttendance',
      vars: () => ({ input: { meetingId: meeting, entries: [{ userId: A.member.id, status: 'PRESENT' }] } }),
      action: 'meeting.setAttendance',
      message: RECORDS_DENIED,
    },
    {
      op: 'recordMinutes',
      vars: () => ({ input: { agendaItemId: agendaItems[3], version: 1, minutes: 'Noted.' } }),
      action: 'agendaItem.recordMinutes',
      message: RECORDS_DENIED,
    },
    {
      op: 'remindPackContributors',
      vars: () => ({ input: { meetingId: meeting } }),
      action: null,
      message: 'Only the board secretariat can send reminders about the pack.',
    },
    {
      op: 'compileBoardPack',
      vars: () => ({ input: { meetingId: meeting } }),
      action: 'boardPack.compile',
      message: 'Only the board secretariat compiles board packs.',
    },
    {
      op: 'cancelBoardPack',
      vars: () => ({ input: { id: queuedPack } }),
      action: 'boardPack.cancel',
      message: 'Only the board secretariat compiles board packs.',
    },
    { op: 'boardPacks', vars: () => ({ meetingId: meeting }), action: null, message: PACKS_HIDDEN },
    { op: 'packFindings', vars: () => ({ packId: queuedPack }), action: null, message: PACKS_HIDDEN },
    { op: 'personalDataNames', vars: () => ({}), action: null, message: NAMES_DENIED },
    { op: 'annualUpdate', vars: () => ({ period: '2024-25' }), action: null, message: ANNUAL_DENIED },
    {
      op: 'generateAnnualUpdate',
      vars: () => ({ input: { period: '2025-26', replace: false } }),
      action: 'annualUpdate.generate',
      message: ANNUAL_DENIED,
    },
    {
      op: 'updateAnnualUpdate',
      vars: () => ({ input: { id: annualUpdate, version: 1, title: 'Corporate parenting annual update 2024/25' } }),
      action: 'annualUpdate.update',
      message: ANNUAL_DENIED,
    },
    {
      op: 'setPersonalDataNames',
      vars: () => ({ input: { names: ['Jordan Example'] } }),
      action: 'personalDataNames.set',
      message: NAMES_DENIED,
    },
    {
      op: 'clearPackFinding',
      vars: () => ({ input: { id: finding, note: 'The council switchboard.' } }),
      action: 'packFinding.clear',
      message: 'Only the board secretariat compiles board packs.',
    },
    {
      op: 'publishBoardPack',
      vars: () => ({ input: { id: donePack } }),
      action: 'boardPack.publish',
      message: 'Only the board secretariat publishes board packs.',
    },
    { op: 'boardPack', vars: () => ({ id: queuedPack }), action: null, message: PACKS_HIDDEN },
    {
      op: 'createBoardAction',
      vars: () => ({
        input: { meetingId: meeting, title: 'Report back on dental checks', ownerUserId: A.member.id, dueDate: '2027-01-31' },
      }),
      action: 'boardAction.create',
      message: RECORDS_DENIED,
    },
    // The frameworks work is tagged against (issue 4).
    {
      op: 'createFramework',
      vars: () => ({ input: { name: 'Rolesford outcome areas', kind: 'OUTCOME_AREAS' } }),
      action: 'framework.create',
      message: ADMIN_DENIED,
    },
    {
      op: 'updateFramework',
      vars: () => ({ input: { id: framework, name: 'Rolesford pledges', description: 'Our ten pledges' } }),
      action: 'framework.update',
      message: ADMIN_DENIED,
    },
    { op: 'retireFramework', vars: () => ({ input: { id: framework } }), action: 'framework.retire', message: ADMIN_DENIED },
    { op: 'restoreFramework', vars: () => ({ input: { id: framework } }), action: 'framework.restore', message: ADMIN_DENIED },
    {
      op: 'createFrameworkItem',
      vars: () => ({ input: { frameworkId: framework, code: 'P4', title: 'We will help you into work' } }),
      action: 'frameworkItem.create',
      message: ADMIN_DENIED,
    },
    {
      op: 'updateFrameworkItem',
      vars: () => ({ input: { id: item.P1, title: 'We will always listen' } }),
      action: 'frameworkItem.update',
      message: ADMIN_DENIED,
    },
    { op: 'removeFrameworkItem', vars: () => ({ input: { id: item.P2 } }), action: 'frameworkItem.delete', message: ADMIN_DENIED },
    { op: 'restoreFrameworkItem', vars: () => ({ input: { id: item.P3 } }), action: 'frameworkItem.restore', message: ADMIN_DENIED },
    // Board meetings (issue 5).
    {
      op: 'createMeeting',
      vars: () => ({ input: { startsAt: '2027-03-04T10:00:00Z', reportDeadline: '2027-02-18', location: 'Council chamber' } }),
      action: 'meeting.create',
      message: ADMIN_DENIED,
    },
    {
      op: 'updateMeeting',
      vars: () => ({ input: { id: meeting, location: 'https://meet.example.test/board', reportDeadline: '2026-11-20' } }),
      action: 'meeting.update',
      message: ADMIN_DENIED,
    },
    {
      op: 'setMeetingStatus',
      vars: () => ({ input: { id: meeting, status: 'CANCELLED' } }),
      action: 'meeting.setStatus',
      message: ADMIN_DENIED,
    },
  ];

  /** A well-formed request for each work plan mutation, naming nothing that exists: enough to show a caller with no token is refused first. */
  const workPlanProbes = (): Record<string, Record<string, unknown>> => {
    const id = randomUUID();
    const action = { title: 'Probe', ownerUserId: A.member.id, leadAgencyId: A.agencies.health, dueDate: '2027-03-31' };
    const period = { periodStart: '2026-04-01', periodEnd: '2027-03-31' };
    return {
      createWorkPlan: { input: { subGroupId: A.subGroupId, title: 'Probe', ...period } },
      updateWorkPlan: { input: { id, title: 'Probe' } },
      activateWorkPlan: { input: { workPlanId: id } },
      closeWorkPlan: { input: { workPlanId: id } },
      rollForwardWorkPlan: { input: { fromWorkPlanId: id, title: 'Probe', periodStart: '2027-04-01', periodEnd: '2028-03-31' } },
      createObjective: { input: { workPlanId: id, title: 'Probe' } },
      updateObjective: { input: { id, title: 'Probe' } },
      createAction: { input: { objectiveId: id, ...action } },
      updateAction: { input: { id, version: 1, title: 'Probe' } },
      postActionUpdate: { input: { actionId: id, version: 1, narrative: 'Probe', status: 'IN_PROGRESS', rag: 'GREEN' } },
      importActions: { input: { workPlanId: id, csv: 'objective,title\r\n', dryRun: false } },
    };
  };

  /** Ways a non-secretariat might try to lift themselves; each must be refused too. */
  const selfServiceCases = (role: Role): AdminCase[] => [
    { op: 'updateUser', vars: () => ({ input: { id: A[role].id, role: 'SECRETARIAT' } }), action: null, message: ADMIN_DENIED },
    { op: 'updateUser', vars: () => ({ input: { id: A[role].id, name: 'Just my own name' } }), action: null, message: ADMIN_DENIED },
    {
      op: 'addSubGroupMember',
      vars: () => ({ input: { subGroupId: A.subGroupId, userId: A[role].id, role: 'CHAIR' } }),
      action: null,
      message: ADMIN_DENIED,
    },
    { op: 'updateBoard', vars: () => ({ input: { chairUserId: A[role].id } }), action: null, message: ADMIN_DENIED },
  ];

  const expectOnlyError = (r: GqlResult<unknown>, op: string, code: string, message?: string) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions?.code).toBe(code);
    expect(r.errors![0].path).toEqual([op]);
    if (message !== undefined) expect(r.errors![0].message).toBe(message);
  };

  /** A well-formed request for each evidence and report mutation, naming nothing that exists (but the sub-group and meeting). */
  const workflowProbes = (): Record<string, Record<string, unknown>> => {
    const id = randomUUID();
    return {
      createEvidence: { input: { subGroupId: A.subGroupId, title: 'Probe', kind: 'DOCUMENT' } },
      updateEvidence: { input: { id, title: 'Probe' } },
      submitEvidence: { input: { id } },
      acceptEvidence: { input: { id } },
      returnEvidence: { input: { id, comment: 'Probe' } },
      addEvidenceComment: { input: { evidenceId: id, body: 'Probe' } },
      createHighlightReport: { input: { meetingId: meeting, subGroupId: A.subGroupId, summary: 'Probe' } },
      updateHighlightReport: { input: { id, summary: 'Probe' } },
      submitHighlightReport: { input: { id } },
      acceptHighlightReport: { input: { id } },
      returnHighlightReport: { input: { id, comment: 'Probe' } },
      addHighlightReportComment: { input: { reportId: id, body: 'Probe' } },
    };
  };

  /** A well-formed request for each commitment and local offer mutation, naming nothing that exists. */
  const commitmentProbes = (): Record<string, Record<string, unknown>> => {
    const id = randomUUID();
    return {
      createCommitment: { input: { title: 'Probe', offerArea: 'OTHER', dueDate: '2027-01-31' } },
      updateCommitment: { input: { id, version: 1, title: 'Probe' } },
      postCommitmentUpdate: { input: { commitmentId: id, version: 1, narrative: 'Probe', status: 'IN_PROGRESS', rag: 'GREEN' } },
      publishLocalOffer: { input: { expectedNumber: 1 } },
    };
  };

  /** A well-formed request for each scorecard mutation, naming nothing that exists. */
  const indicatorProbes = (): Record<string, Record<string, unknown>> => {
    const id = randomUUID();
    return {
      createIndicator: { input: { code: 'PROBE', name: 'Probe', unit: 'COUNT', frequency: 'ANNUAL' } },
      updateIndicator: { input: { id, version: 1, name: 'Probe' } },
      recordIndicatorValue: { input: { indicatorId: id, area: 'LOCAL', timePeriod: '2025', timeIdentifier: 'Reporting year', value: '1' } },
      importIndicatorValues: { input: { csv: 'time_period,time_identifier,geographic_level,indicator,value', dryRun: true } },
    };
  };

  /** A well-formed request for each voice mutation, naming nothing that exists. */
  const voiceProbes = (): Record<string, Record<string, unknown>> => {
    const id = randomUUID();
    return {
      createVoiceItem: { input: { raisedOn: '2026-09-01', raisingGroup: 'Probe', issue: 'Probe' } },
      updateVoiceItem: { input: { id, version: 1, issue: 'Probe' } },
      respondToVoiceItem: { input: { id, version: 1, response: 'Probe' } },
      closeVoiceItem: { input: { id, version: 1 } },
      reopenVoiceItem: { input: { id, version: 1 } },
    };
  };

  it('the admin table names every admin mutation in the schema; the rest are the work plan, evidence and report, commitment and scorecard ones, each tried by role', async () => {
    const { mutations } = await schemaOperations(stack.client());
    const admin = new Set(adminCases().map((c) => c.op));
    expect([...admin].filter((op) => WORK_PLAN_MUTATIONS.includes(op) || WORKFLOW_MUTATIONS.includes(op))).toEqual([]);
    expect(mutations.filter((m) => !(SESSION_MUTATIONS as readonly string[]).includes(m))).toEqual(
      [
        ...[...admin].filter((op) => !ADMIN_QUERIES.includes(op)),
        ...WORK_PLAN_MUTATIONS,
        ...WORKFLOW_MUTATIONS,
        ...COMMITMENT_MUTATIONS,
        ...INDICATOR_MUTATIONS,
        ...VOICE_MUTATIONS,
        ...PRINCIPLE_MUTATIONS,
        ...SELF_MUTATIONS,
        ...CALENDAR_MUTATIONS,
        ...REMINDER_MUTATIONS,
        ...MEETING_RECORD_MUTATIONS,
        ...PACK_MUTATIONS,
      ].sort(),
    );
    const packSpec = readFileSync(PACK_READINESS_SPEC, 'utf8');
    for (const m of PACK_MUTATIONS) expect({ m, tried: packSpec.includes(`OPS.${m}`) }).toEqual({ m, tried: true });
    const recordsSpec = readFileSync(MEETING_RECORDS_SPEC, 'utf8');
    for (const m of MEETING_RECORD_MUTATIONS) expect({ m, tried: recordsSpec.includes(`OPS.${m}`) }).toEqual({ m, tried: true });
    const calendarSpec = readFileSync(CALENDAR_SPEC, 'utf8');
    for (const m of CALENDAR_MUTATIONS) expect({ m, tried: calendarSpec.includes(`OPS.${m}`) }).toEqual({ m, tried: true });
    const remindersSpec = readFileSync(REMINDERS_SPEC, 'utf8');
    for (const m of REMINDER_MUTATIONS) expect({ m, tried: remindersSpec.includes(`OPS.${m}`) }).toEqual({ m, tried: true });
    const notificationsSpec = readFileSync(NOTIFICATIONS_SPEC, 'utf8');
    for (const m of SELF_MUTATIONS) expect({ m, tried: notificationsSpec.includes(`${m}(input`) }).toEqual({ m, tried: true });
    const principlesSpec = readFileSync(PRINCIPLES_SPEC, 'utf8');
    for (const m of PRINCIPLE_MUTATIONS) expect({ m, tried: principlesSpec.includes(`${m}(input`) }).toEqual({ m, tried: true });
    const voiceSpec = readFileSync(VOICE_SPEC, 'utf8');
    for (const m of VOICE_MUTATIONS) expect({ m, tried: voiceSpec.includes(`OPS.${m}`) }).toEqual({ m, tried: true });
    expect(Object.keys(voiceProbes()).sort()).toEqual([...VOICE_MUTATIONS].sort());
    expect(Object.keys(indicatorProbes()).sort()).toEqual([...INDICATOR_MUTATIONS].sort());
    expect(Object.keys(workflowProbes()).sort()).toEqual([...WORKFLOW_MUTATIONS].sort());
    expect(Object.keys(commitmentProbes()).sort()).toEqual([...COMMITMENT_MUTATIONS].sort());
    // The work plan suite really does try each of them (by name, through OPS).
    const spec = readFileSync(WORK_PLAN_SPEC, 'utf8');
    for (const m of WORK_PLAN_MUTATIONS) expect({ m, named: spec.includes(`'${m}'`) }).toEqual({ m, named: true });
    expect(Object.keys(workPlanProbes()).sort()).toEqual([...WORK_PLAN_MUTATIONS].sort());
  });

  it.each<Role>(['boardMember', 'member', 'chair'])(
    '%s is refused every admin operation (FORBIDDEN) and nothing is written',
    async (role) => {
      const before = await tenantSnapshot(stack.pg, A.id);
      const audits = await auditCount(stack.pg, A.id);
      for (const c of [...adminCases(), ...selfServiceCases(role)]) {
        const r = await as(role).request(OPS[c.op], c.vars());
        try {
          // A nullable field (annualUpdate) answers null beside its error.
          expectOnlyError(
            NULLABLE_QUERIES.includes(c.op) && r.data?.[c.op as never] === null ? { ...r, data: null } : r,
            c.op,
            'FORBIDDEN',
            c.message,
          );
        } catch (e) {
          throw new Error(`${role} ${c.op} ${JSON.stringify(c.vars())}: ${(e as Error).message}`);
        }
      }
      expect(await auditCount(stack.pg, A.id)).toBe(audits);
      expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    },
  );

  it.each<Role>(['boardMember', 'member', 'chair'])(
    '%s can read the partnership, agencies, users, sub-groups, board, frameworks, meetings and themselves',
    async (role) => {
      const c = as(role);
      const agencies = await tenantIds(stack.pg, 'agencies', A.id);
      const users = await tenantIds(stack.pg, 'users', A.id);
      const subGroups = await tenantIds(stack.pg, 'sub_groups', A.id);
      const memberships = await tenantIds(stack.pg, 'sub_group_memberships', A.id);
      type Conn = { totalCount: number; edges: Array<{ node: { id: string } }> };
      const data = await c.ok<{
        partnership: { id: string };
        me: { id: string; role: string };
        board: { id: string; chair: { id: string }; subGroups: Array<{ id: string }> };
        agencies: Conn;
        users: Conn;
        subGroups: Conn;
        subGroupMemberships: Conn;
      }>(
        `{ partnership { id } me { id role } board { id chair { id } subGroups { id } }
         agencies(first: 100) { totalCount edges { node { id } } }
         users(first: 100) { totalCount edges { node { id } } }
         subGroups(first: 100) { totalCount edges { node { id } } }
         subGroupMemberships(first: 100) { totalCount edges { node { id } } } }`,
      );
      expect(data.partnership).toEqual({ id: A.id });
      expect(data.me).toEqual({ id: A[role].id, role: A[role].role });
      expect(data.board).toEqual({ id: A.boardId, chair: { id: A.boardMember.id }, subGroups: subGroups.map((id) => ({ id })) });
      const ids = (conn: Conn) => conn.edges.map((e) => e.node.id).sort();
      expect([data.agencies.totalCount, ids(data.agencies)]).toEqual([agencies.length, agencies]);
      expect([data.users.totalCount, ids(data.users)]).toEqual([users.length, users]);
      expect([data.subGroups.totalCount, ids(data.subGroups)]).toEqual([subGroups.length, subGroups]);
      expect([data.subGroupMemberships.totalCount, ids(data.subGroupMemberships)]).toEqual([memberships.length, memberships]);
      await expect(c.ok(OPS.agency, { id: A.agencies.health })).resolves.toMatchObject({ agency: { id: A.agencies.health } });
      await expect(c.ok(OPS.user, { id: A.secretariat.id })).resolves.toMatchObject({ user: { id: A.secretariat.id } });
      await expect(c.ok(OPS.subGroup, { id: A.subGroupId })).resolves.toMatchObject({
        subGroup: {
          id: A.subGroupId,
          chair: { id: A.chair.id },
          members: [
            { userId: A.chair.id, role: 'CHAIR' },
            { userId: A.member.id, role: 'MEMBER' },
          ],
        },
      });
      // The frameworks (the statutory principles and the partnership's own), with their items, retired ones when asked.
      const frameworks = await tenantIds(stack.pg, 'frameworks', A.id);
      const items = await tenantIds(stack.pg, 'framework_items', A.id);
      const f = await c.ok<{ frameworks: { totalCount: number; edges: Array<{ node: { id: string; items: Array<{ id: string }> } }> } }>(
        OPS.frameworks,
        { first: 100, includeRetired: true },
      );
      expect([f.frameworks.totalCount, f.frameworks.edges.map((e) => e.node.id).sort()]).toEqual([frameworks.length, frameworks]);
      expect(f.frameworks.edges.flatMap((e) => e.node.items.map((i) => i.id)).sort()).toEqual(items);
      await expect(c.ok(OPS.framework, { id: framework })).resolves.toMatchObject({ framework: { id: framework, builtIn: false } });
      // The board's meetings.
      const meetings = await tenantIds(stack.pg, 'meetings', A.id);
      const m = await c.ok<{ meetings: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(OPS.meetings, { first: 100 });
      expect([m.meetings.totalCount, m.meetings.edges.map((e) => e.node.id).sort()]).toEqual([meetings.length, meetings]);
      await expect(c.ok(OPS.meeting, { id: meeting })).resolves.toMatchObject({ meeting: { id: meeting } });
    },
  );

  it('the secretariat may do every admin operation, each recorded in the audit log', async () => {
    for (const c of adminCases()) {
      const audits = c.action ? await auditCount(stack.pg, A.id, c.action) : 0;
      const r = await as('secretariat').request(OPS[c.op], c.vars());
      expect({ op: c.op, errors: r.errors }).toEqual({ op: c.op, errors: undefined });
      if (c.action) expect({ op: c.op, audits: await auditCount(stack.pg, A.id, c.action) }).toEqual({ op: c.op, audits: audits + 1 });
    }
    const users = await stack.pg.query<{ id: string; status: string; role: string }>(
      'SELECT id, status, role FROM users WHERE id = ANY($1::uuid[])',
      [[leaver.id, returner.id, A.member.id]],
    );
    const byId = Object.fromEntries(users.rows.map((u) => [u.id, u]));
    expect(byId[leaver.id].status).toBe('DEACTIVATED');
    expect(byId[returner.id].status).toBe('ACTIVE');
    expect(byId[A.member.id].role).toBe('BOARD_MEMBER');
  });

  it('every operation but the public session ones refuses a caller with no token, or a tampered one (UNAUTHENTICATED)', async () => {
    const { queries, mutations } = await schemaOperations(stack.client());
    const calls: Array<[string, string, Record<string, unknown>]> = [];
    const known = new Map<string, Record<string, unknown>>([
      ...adminCases().map((c): [string, Record<string, unknown>] => [c.op, c.vars()]),
      ...Object.entries(workPlanProbes()),
      ...Object.entries(workflowProbes()),
      ...Object.entries(commitmentProbes()),
      ...Object.entries(indicatorProbes()),
      ...Object.entries(voiceProbes()),
      ['youSaidWeDid', { from: '2026-01-01', to: '2026-12-31' }],
      ['saveSelfAssessment', { input: { frameworkItemId: randomUUID(), period: '2025-26', rating: 'GOOD', narrative: 'Probe' } }],
      ['selfAssessments', { period: '2025-26' }],
      ['markNotificationsRead', { input: {} }],
      ['setNotificationPreference', { input: { kind: 'ACTION_DUE', mode: 'DAILY' } }],
      ['retryFailedJob', { input: { id: 'send-reminder_probe' } }],
      ['createCalendarFeed', {}],
      ['updateBoardAction', { input: { id: randomUUID(), version: 1, status: 'COMPLETE' } }],
      ['actionLog', { meetingId: meeting }],
      ['packReadiness', { meetingId: meeting }],
      ['attachAgendaPaper', { input: { agendaItemId: randomUUID(), fileId: randomUUID() } }],
      ['revokeCalendarFeed', {}],
      ['youSaidWeDidCsv', { from: '2026-01-01', to: '2026-12-31' }],
      ['search', { query: 'probe' }],
    ]);
    for (const q of queries.filter((x) => !PUBLIC_QUERIES.includes(x)))
      calls.push([q, OPS[q as OpName], known.get(q) ?? (OPS[q as OpName].includes('$id') ? { id: A.agencies.council } : {})]);
    for (const m of mutations) {
      if ((PUBLIC_MUTATIONS as readonly string[]).includes(m)) continue;
      if (m === 'changePassword') {
        calls.push([
          m,
          'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken } }',
          { input: { currentPassword: 'x', newPassword: 'a-long-new-passphrase-91' } },
        ]);
        continue;
      }
      calls.push([m, OPS[m as OpName], known.get(m)!]);
    }
    expect(calls.map((c) => c[0]).sort()).toEqual(
      [
        ...queries.filter((x) => !PUBLIC_QUERIES.includes(x)),
        ...mutations.filter((m) => !(PUBLIC_MUTATIONS as readonly string[]).includes(m)),
      ].sort(),
    );
    // The secretariat's own token with the subject swapped to another user: the signature no longer matches.
    const [h, payload, sig] = tokens.secretariat.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [h, Buffer.from(JSON.stringify({ ...claims, sub: A.member.id })).toString('base64url'), sig].join('.');
    const before = await tenantSnapshot(stack.pg, A.id);
    for (const client of [stack.client(), stack.client('not-a-token'), stack.client(forged)]) {
      for (const [op, doc, vars] of calls) {
        const r = await client.request(doc, vars);
        try {
          // A nullable field (calendarFeed) answers null beside its error; any other answers no data at all.
          expectOnlyError(
            NULLABLE_QUERIES.includes(op) && r.data?.[op as never] === null ? { ...r, data: null } : r,
            op,
            'UNAUTHENTICATED',
          );
        } catch (e) {
          throw new Error(`${op}: ${(e as Error).message} ${JSON.stringify(r)}`);
        }
      }
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    // The public local offer needs no sign-in, and a bad token does not stop it: this partnership has published none yet.
    expect(queries.filter((q) => PUBLIC_QUERIES.includes(q))).toEqual(PUBLIC_QUERIES);
    for (const client of [stack.client(), stack.client('not-a-token'), stack.client(forged)]) {
      const r = await client.request(OPS.publicLocalOffer, { partnershipSlug: A.slug });
      expectOnlyError(r, 'publicLocalOffer', 'NOT_FOUND', 'Local offer not found.');
      // Nor the published board packs: none yet, but the partnership is named.
      expect(await client.ok(OPS.publishedBoardPacks, { partnershipSlug: A.slug })).toEqual({
        publishedBoardPacks: {
          partnershipName: expect.stringContaining('Children in Care Partnership'),
          localAuthority: expect.any(String),
          packs: [],
        },
      });
    }
    // The same token unaltered works, so it is the tampering that was refused.
    await expect(as('secretariat').ok(OPS.me)).resolves.toMatchObject({ me: { id: A.secretariat.id } });
  });

  it("a deactivated user's still-valid access token is refused on their next request", async () => {
    const quitter = await addUser(stack.pg, A, 'quitter', { role: 'BOARD_MEMBER' });
    const s = await signIn(stack.client(), quitter.email);
    const c = stack.client(s.accessToken);
    await expect(c.ok(OPS.me)).resolves.toMatchObject({ me: { id: quitter.id } });
    await as('secretariat').ok(OPS.deactivateUser, { input: { userId: quitter.id } });
    for (const [op, doc] of [
      ['me', OPS.me],
      ['agencies', OPS.agencies],
      ['board', OPS.board],
    ] as const) {
      expectOnlyError(await c.request(doc), op, 'UNAUTHENTICATED', 'Your account is not active. Ask your board secretariat.');
    }
  });

  it("a role change applies to the user's existing token on their next request", async () => {
    const riser = await addUser(stack.pg, A, 'riser', { role: 'MEMBER' });
    const c = stack.client((await signIn(stack.client(), riser.email)).accessToken);
    const probe = { input: { description: 'Set by riser.' } };
    expectOnlyError(await c.request(OPS.updatePartnership, probe), 'updatePartnership', 'FORBIDDEN', ADMIN_DENIED);
    await as('secretariat').ok(OPS.updateUser, { input: { id: riser.id, role: 'SECRETARIAT' } });
    await expect(c.ok(OPS.updatePartnership, probe)).resolves.toMatchObject({ updatePartnership: { description: 'Set by riser.' } });
    await as('secretariat').ok(OPS.updateUser, { input: { id: riser.id, role: 'MEMBER' } });
    expectOnlyError(await c.request(OPS.updatePartnership, probe), 'updatePartnership', 'FORBIDDEN', ADMIN_DENIED);
  });

  it('the last active secretariat can be neither deactivated nor demoted', async () => {
    const s = as('secretariat');
    const attempts = async () => {
      const before = await tenantSnapshot(stack.pg, A.id);
      const deactivate = await s.request(OPS.deactivateUser, { input: { userId: A.secretariat.id } });
      expectOnlyError(deactivate, 'deactivateUser', 'BAD_USER_INPUT', LAST_SECRETARIAT);
      expect(deactivate.errors![0].extensions?.fields).toEqual([{ path: 'input.userId', message: LAST_SECRETARIAT }]);
      for (const role of ['BOARD_MEMBER', 'MEMBER']) {
        const demote = await s.request(OPS.updateUser, { input: { id: A.secretariat.id, role, name: 'Demoted' } });
        expectOnlyError(demote, 'updateUser', 'BAD_USER_INPUT', LAST_SECRETARIAT);
        expect(demote.errors![0].extensions?.fields).toEqual([{ path: 'input.role', message: LAST_SECRETARIAT }]);
      }
      expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    };
    await attempts();
    // Secretariat users who are not active do not count.
    await addUser(stack.pg, A, 'sec-invited', { role: 'SECRETARIAT', status: 'INVITED' });
    await addUser(stack.pg, A, 'sec-gone', { role: 'SECRETARIAT', status: 'DEACTIVATED' });
    await attempts();
    // With a second active secretariat either may go; then the one left is the last again.
    const deputy = await addUser(stack.pg, A, 'sec-deputy', { role: 'SECRETARIAT' });
    await expect(s.ok(OPS.updateUser, { input: { id: deputy.id, role: 'BOARD_MEMBER' } })).resolves.toMatchObject({
      updateUser: { role: 'BOARD_MEMBER' },
    });
    await attempts();
    await s.ok(OPS.updateUser, { input: { id: deputy.id, role: 'SECRETARIAT' } });
    await expect(s.ok(OPS.deactivateUser, { input: { userId: deputy.id } })).resolves.toMatchObject({
      deactivateUser: { status: 'DEACTIVATED' },
    });
    await attempts();
    // Demoting or deactivating a secretariat who is not active is not blocked: they are not the one keeping it running.
    await expect(s.ok(OPS.updateUser, { input: { id: deputy.id, role: 'MEMBER' } })).resolves.toMatchObject({
      updateUser: { role: 'MEMBER' },
    });
  });

  it('two secretariats removed at the same moment: one is refused, so one always remains', async () => {
    // A partnership of its own with exactly two active secretariats, each removed concurrently.
    const C = await createPartnership(stack.pg, 'Racington');
    const second = await addUser(stack.pg, C, 'sec-two', { role: 'SECRETARIAT' });
    const c = stack.client((await signIn(stack.client(), C.secretariat.email)).accessToken);
    for (let round = 0; round < 6; round++) {
      await stack.pg.query("UPDATE users SET status = 'ACTIVE', role = 'SECRETARIAT', deactivated_at = NULL WHERE id = ANY($1::uuid[])", [
        [C.secretariat.id, second.id],
      ]);
      const results = await Promise.all(
        round % 2 === 0
          ? [
              c.request(OPS.deactivateUser, { input: { userId: second.id } }),
              c.request(OPS.deactivateUser, { input: { userId: C.secretariat.id } }),
            ]
          : [
              c.request(OPS.updateUser, { input: { id: second.id, role: 'MEMBER' } }),
              c.request(OPS.deactivateUser, { input: { userId: C.secretariat.id } }),
            ],
      );
      const codes = results.map((r) => (r.errors ? r.errors.map((e) => e.extensions?.code).join() : 'OK')).sort();
      expect({ round, codes }).toEqual({ round, codes: ['BAD_USER_INPUT', 'OK'] });
      const left = await stack.pg.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM users WHERE partnership_id = $1 AND role = 'SECRETARIAT' AND status = 'ACTIVE'",
        [C.id],
      );
      expect({ round, left: left.rows[0].n }).toEqual({ round, left: 1 });
    }
  });

  it('naming a new sub-group chair makes the previous chair a member', async () => {
    const s = as('secretariat');
    /** Each member's role, by user id. */
    const rolesIn = async (subGroupId: string) =>
      Object.fromEntries(
        (
          await stack.pg.query<{ user_id: string; role: string }>(
            'SELECT user_id, role FROM sub_group_memberships WHERE sub_group_id = $1',
            [subGroupId],
          )
        ).rows.map((r) => [r.user_id, r.role]),
      );
    const start = await rolesIn(A.subGroupId);
    expect(start[A.chair.id]).toBe('CHAIR');
    const chairMembership = (
      await stack.pg.query<{ id: string }>('SELECT id FROM sub_group_memberships WHERE sub_group_id = $1 AND user_id = $2', [
        A.subGroupId,
        A.chair.id,
      ])
    ).rows[0].id;
    const updates = await auditCount(stack.pg, A.id, 'subGroupMembership.update');

    // A newcomer as chair: added as CHAIR, the old chair stays on as a member, nobody else changes.
    const newcomer = await addUser(stack.pg, A, 'newchair', { agencyId: A.agencies.health });
    const added = await s.ok<{ addSubGroupMember: { userId: string; role: string } }>(OPS.addSubGroupMember, {
      input: { subGroupId: A.subGroupId, userId: newcomer.id, role: 'CHAIR' },
    });
    expect(added.addSubGroupMember).toMatchObject({ userId: newcomer.id, role: 'CHAIR' });
    expect(await rolesIn(A.subGroupId)).toEqual({ ...start, [A.chair.id]: 'MEMBER', [newcomer.id]: 'CHAIR' });
    const sg = await s.ok<{ subGroup: { chair: { id: string } | null } }>(OPS.subGroup, { id: A.subGroupId });
    expect(sg.subGroup.chair).toEqual({ id: newcomer.id });
    // The demotion is audited as a change to the old chair's membership.
    const ev = await stack.pg.query(
      "SELECT before->>'role' AS before, after->>'role' AS after FROM audit_events WHERE partnership_id = $1 AND action = 'subGroupMembership.update' AND entity_id = $2",
      [A.id, chairMembership],
    );
    expect(ev.rows).toEqual([{ before: 'CHAIR', after: 'MEMBER' }]);
    expect(await auditCount(stack.pg, A.id, 'subGroupMembership.update')).toBe(updates + 1);
    // The old chair's existing session sees the change at once.
    const me = await as('chair').ok<{ me: { subGroupMemberships: unknown[] } }>(OPS.me);
    expect(me.me.subGroupMemberships).toEqual([{ subGroupId: A.subGroupId, role: 'MEMBER' }]);

    // An existing member named chair (the old chair, now a member): promoted in place, and the newcomer steps down.
    await s.ok(OPS.addSubGroupMember, { input: { subGroupId: A.subGroupId, userId: A.chair.id, role: 'CHAIR' } });
    expect(await rolesIn(A.subGroupId)).toEqual({ ...start, [A.chair.id]: 'CHAIR', [newcomer.id]: 'MEMBER' });
    expect(await auditCount(stack.pg, A.id, 'subGroupMembership.update')).toBe(updates + 3);

    // Naming the current chair again changes nothing.
    const before = await tenantSnapshot(stack.pg, A.id);
    const again = await s.request(OPS.addSubGroupMember, { input: { subGroupId: A.subGroupId, userId: A.chair.id, role: 'CHAIR' } });
    expectOnlyError(again, 'addSubGroupMember', 'BAD_USER_INPUT');
    expect(again.errors![0].extensions?.fields).toEqual([{ path: 'input.userId', message: expect.stringContaining('already a chair') }]);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });
});

// ---- evidence and highlight reports (issue 5) -------------------------------------------

/**
 * The people around the Health sub-group's evidence: its chair and member (both in the
 * Health agency, the member writes the evidence); a colleague in the Health agency who is
 * not in the sub-group; a council member in no sub-group; the chair of another sub-group;
 * a board member; the secretariat.
 */
type Who = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'colleague' | 'outsider' | 'otherChair';
const WHO: Who[] = ['secretariat', 'boardMember', 'chair', 'member', 'colleague', 'outsider', 'otherChair'];

type Expected =
  | { code: 'NOT_FOUND' | 'FORBIDDEN'; message: string }
  | { code: 'BAD_USER_INPUT'; path: string; message: string }
  | { code: 'CONFLICT'; message: string; status: string };

const MEMBERS_ADD = 'Only members of the sub-group (and the board secretariat) can add its evidence.';
const CHANGE_EVIDENCE = 'Only the person who added this evidence, their agency and the board secretariat can change it.';
const REVIEW_EVIDENCE = 'Only the sub-group’s chair (or the board secretariat) can review its evidence.';
const COMMENT_EVIDENCE = 'Only the sub-group’s chair, board members and the board secretariat can comment on evidence.';
const WRITE_REPORT = 'Only the sub-group’s chair (or the board secretariat) can write its highlight report.';
const CHANGE_REPORT = 'Only the sub-group’s chair (or the board secretariat) can write and submit its highlight report.';
const REVIEW_REPORT = 'Only the board secretariat can accept or return highlight reports.';
const COMMENT_REPORT = 'Only the sub-group’s chair, board members and the board secretariat can comment on its reports.';

const refuse = {
  notFound: (what: 'Evidence' | 'Report'): Expected => ({ code: 'NOT_FOUND', message: `${what} not found.` }),
  forbidden: (message: string): Expected => ({ code: 'FORBIDDEN', message }),
  input: (path: string, message: string): Expected => ({ code: 'BAD_USER_INPUT', path, message }),
  conflict: (message: string, status: string): Expected => ({ code: 'CONFLICT', message, status }),
};

type EvidenceState = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'RESUBMITTED' | 'ACCEPTED';
type ReportState = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';

interface WorkflowCase {
  op: OpName;
  /** What it is tried on, for the test's name. */
  on: string;
  /** Makes a fresh record in the right state (by its usual people) and answers the request's variables. */
  arrange: () => Promise<Record<string, unknown>>;
  allowed: Who[];
  /** What everyone else gets. */
  refused: (who: Who) => Expected;
  /** The audit action a success records. */
  action: string;
  /** Part of what a success answers. */
  result: Record<string, unknown>;
}

describe('roles: who may add, change, review and comment on evidence and highlight reports', () => {
  let stack: TestStack;
  let P: TestPartnership;
  const users = {} as Record<Who, TestUser>;
  const tokens = {} as Record<Who, string>;
  const as = (who: Who): GqlClient => stack.client(tokens[who]);
  /** The records everyone's reads are checked against, each holding the word "heron". */
  const fx = {} as Record<'ePartnership' | 'eSubGroup' | 'eAgency' | 'eRestricted' | 'eDraft' | 'rDraft' | 'rSubmitted', string>;
  let draftMeeting: string;

  const expectOnlyError = (r: GqlResult<unknown>, op: string, expected: Expected) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0];
    expect(e.path).toEqual([op]);
    expect(e.extensions?.code).toBe(expected.code);
    expect(e.message).toBe(expected.message);
    if (expected.code === 'BAD_USER_INPUT') expect(e.extensions?.fields).toEqual([{ path: expected.path, message: expected.message }]);
    if (expected.code === 'CONFLICT') {
      expect(e.extensions?.current).toEqual({ id: expect.any(String), status: expected.status, version: expect.any(Number) });
    }
  };

  const newEvidence = async (state: EvidenceState, fields: Record<string, unknown> = {}): Promise<string> => {
    const d = await as('member').ok<{ createEvidence: { id: string } }>(OPS.createEvidence, {
      input: { subGroupId: P.subGroupId, title: 'Health assessment audit', kind: 'DATA', ...fields },
    });
    const id = d.createEvidence.id;
    if (state !== 'DRAFT') await as('member').ok(OPS.submitEvidence, { input: { id } });
    if (state === 'ACCEPTED') await as('chair').ok(OPS.acceptEvidence, { input: { id } });
    if (state === 'RETURNED' || state === 'RESUBMITTED') {
      await as('chair').ok(OPS.returnEvidence, { input: { id, comment: 'Add this quarter’s figures.' } });
    }
    if (state === 'RESUBMITTED') await as('member').ok(OPS.submitEvidence, { input: { id } });
    return id;
  };

  let meetingDay = 0;
  /** A planned meeting of its own, so each report is the sub-group's first for it; deadlines far ahead. */
  const newMeeting = async (): Promise<string> => {
    meetingDay++;
    const r = await stack.pg.query<{ id: string }>(
      `INSERT INTO meetings (partnership_id, starts_at, report_deadline)
       VALUES ($1, '2030-01-01T10:00:00Z'::timestamptz + make_interval(days => $2), DATE '2029-12-18' + $2::int) RETURNING id`,
      [P.id, meetingDay],
    );
    return r.rows[0].id;
  };

  const newReport = async (state: ReportState, summary = 'Health assessments are improving.'): Promise<string> => {
    const meetingId = await newMeeting();
    const d = await as('chair').ok<{ createHighlightReport: { id: string } }>(OPS.createHighlightReport, {
      input: { meetingId, subGroupId: P.subGroupId, summary },
    });
    const id = d.createHighlightReport.id;
    if (state !== 'DRAFT') await as('chair').ok(OPS.submitHighlightReport, { input: { id } });
    if (state === 'ACCEPTED') await as('secretariat').ok(OPS.acceptHighlightReport, { input: { id } });
    if (state === 'RETURNED') await as('secretariat').ok(OPS.returnHighlightReport, { input: { id, comment: 'Say more about risks.' } });
    return id;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Evidenceford');
    const colleague = await addUser(stack.pg, P, 'colleague', { agencyId: P.agencies.health });
    const outsider = await addUser(stack.pg, P, 'outsider', { agencyId: P.agencies.council });
    const otherChair = await addUser(stack.pg, P, 'otherchair', { agencyId: P.agencies.council });
    await addSubGroup(stack.pg, P, 'Education', otherChair.id);
    Object.assign(users, {
      secretariat: P.secretariat,
      boardMember: P.boardMember,
      chair: P.chair,
      member: P.member,
      colleague,
      outsider,
      otherChair,
    });
    const sessions = await Promise.all(WHO.map((w) => signIn(stack.client(), users[w].email)));
    WHO.forEach((w, i) => (tokens[w] = sessions[i].accessToken));

    fx.ePartnership = await newEvidence('SUBMITTED', { title: 'Heron audit for everyone' });
    fx.eSubGroup = await newEvidence('SUBMITTED', { title: 'Heron notes for the sub-group', visibility: 'SUB_GROUP' });
    fx.eAgency = await newEvidence('SUBMITTED', { title: 'Heron figures for the agency', visibility: 'AGENCY' });
    fx.eRestricted = await newEvidence('SUBMITTED', {
      title: 'Heron case for one board member',
      visibility: 'RESTRICTED',
      restrictedUserIds: [P.boardMember.id],
    });
    fx.eDraft = await newEvidence('DRAFT', { title: 'Heron draft' });
    fx.rDraft = await newReport('DRAFT', 'Heron draft summary.');
    fx.rSubmitted = await newReport('SUBMITTED', 'Heron submitted summary.');
    draftMeeting = (await stack.pg.query('SELECT meeting_id FROM highlight_reports WHERE id = $1', [fx.rDraft])).rows[0].meeting_id;
  });
  afterAll(() => stack?.close());

  /** What each of them may read of the fixtures: visibility, drafts with the owning agency, draft reports with the sub-group. */
  const SEES: Record<Who, Array<keyof typeof fx>> = {
    secretariat: ['ePartnership', 'eSubGroup', 'eAgency', 'eRestricted', 'eDraft', 'rDraft', 'rSubmitted'],
    boardMember: ['ePartnership', 'eRestricted', 'rSubmitted'],
    chair: ['ePartnership', 'eSubGroup', 'eAgency', 'eDraft', 'rDraft', 'rSubmitted'],
    // The author always sees their own, restricted or not.
    member: ['ePartnership', 'eSubGroup', 'eAgency', 'eRestricted', 'eDraft', 'rDraft', 'rSubmitted'],
    colleague: ['ePartnership', 'eAgency', 'eDraft', 'rSubmitted'],
    outsider: ['ePartnership', 'rSubmitted'],
    otherChair: ['ePartnership', 'rSubmitted'],
  };

  it.each(WHO)('%s reads exactly the evidence and reports they may see: in lists, by id, in search and on the meeting', async (who) => {
    const c = as(who);
    const keys = Object.keys(fx) as Array<keyof typeof fx>;
    const sees = new Set(SEES[who]);
    const want = (prefix: 'e' | 'r') =>
      keys
        .filter((k) => k.startsWith(prefix) && sees.has(k))
        .map((k) => fx[k])
        .sort();
    type Conn = { totalCount: number; edges: Array<{ node: { id: string } }> };
    const ids = (x: Conn) => x.edges.map((e) => e.node.id).sort();
    const ev = await c.ok<{ evidenceList: Conn }>(OPS.evidenceList, { first: 100 });
    expect({ who, total: ev.evidenceList.totalCount, ids: ids(ev.evidenceList) }).toEqual({
      who,
      total: want('e').length,
      ids: want('e'),
    });
    const rp = await c.ok<{ highlightReports: Conn }>(OPS.highlightReports, { first: 100 });
    expect({ who, total: rp.highlightReports.totalCount, ids: ids(rp.highlightReports) }).toEqual({
      who,
      total: want('r').length,
      ids: want('r'),
    });
    for (const k of keys) {
      const [op, what] = k.startsWith('e') ? (['evidence', 'Evidence'] as const) : (['highlightReport', 'Report'] as const);
      const r = await c.request<Record<string, { id: string }>>(OPS[op], { id: fx[k] });
      try {
        if (sees.has(k)) expect(r.data?.[op].id).toBe(fx[k]);
        else expectOnlyError(r, op, refuse.notFound(what));
      } catch (e) {
        throw new Error(`${who} ${op} ${k}: ${(e as Error).message}`);
      }
    }
    const hits = await c.ok<{ search: { totalCount: number; edges: Array<{ node: { recordId: string } }> } }>(OPS.search, {
      query: 'heron',
      first: 100,
    });
    expect({ who, found: hits.search.edges.map((e) => e.node.recordId).sort() }).toEqual({
      who,
      found: [...want('e'), ...want('r')].sort(),
    });
    // The meeting shows the draft's progress only to those who may see the draft.
    const m = await c.ok<{
      meeting: { reportStatuses: Array<{ subGroup: { id: string }; progress: string; report: { id: string } | null }> };
    }>('query($id: ID!) { meeting(id: $id) { reportStatuses { subGroup { id } progress report { id } } } }', { id: draftMeeting });
    const health = m.meeting.reportStatuses.find((s) => s.subGroup.id === P.subGroupId);
    expect({ who, health }).toEqual({
      who,
      health: sees.has('rDraft')
        ? { subGroup: { id: P.subGroupId }, progress: 'DRAFT', report: { id: fx.rDraft } }
        : { subGroup: { id: P.subGroupId }, progress: 'NOT_SUBMITTED', report: null },
    });
  });

  it.each(WHO)('%s is told which evidence and report controls will work', async (who) => {
    const flags = 'canEdit canSubmit canReview canComment';
    const e = await as(who).ok<{ evidence: Record<string, boolean> }>(`query($id: ID!) { evidence(id: $id) { ${flags} } }`, {
      id: fx.ePartnership,
    });
    expect({ who, flags: e.evidence }).toEqual({
      who,
      flags: {
        canEdit: false,
        canSubmit: false,
        canReview: ['secretariat', 'chair'].includes(who),
        canComment: ['secretariat', 'boardMember', 'chair'].includes(who),
      },
    });
    const r = await as(who).ok<{ highlightReport: Record<string, boolean> }>(`query($id: ID!) { highlightReport(id: $id) { ${flags} } }`, {
      id: fx.rSubmitted,
    });
    expect({ who, flags: r.highlightReport }).toEqual({
      who,
      flags: {
        canEdit: false,
        canSubmit: false,
        canReview: who === 'secretariat',
        canComment: ['secretariat', 'boardMember', 'chair'].includes(who),
      },
    });
  });

  const CHANGERS: Who[] = ['secretariat', 'chair', 'member', 'colleague'];
  const COUNCIL: Who[] = ['boardMember', 'outsider', 'otherChair'];
  const evidenceId =
    (state: EvidenceState, extra: (id: string) => Record<string, unknown> = () => ({})) =>
    async () => {
      const id = await newEvidence(state);
      return { input: { id, ...extra(id) } };
    };
  const reportId =
    (state: ReportState, extra: Record<string, unknown> = {}) =>
    async () => ({
      input: { id: await newReport(state), ...extra },
    });

  const workflowCases = (): WorkflowCase[] => [
    {
      op: 'createEvidence',
      on: 'the Health sub-group',
      arrange: async () => ({ input: { subGroupId: P.subGroupId, title: 'Dental checks', kind: 'DOCUMENT' } }),
      allowed: ['secretariat', 'chair', 'member'],
      refused: () => refuse.forbidden(MEMBERS_ADD),
      action: 'evidence.create',
      result: { status: 'DRAFT', title: 'Dental checks' },
    },
    {
      op: 'updateEvidence',
      on: 'a draft',
      arrange: evidenceId('DRAFT', () => ({ title: 'Renamed' })),
      allowed: CHANGERS,
      // A draft stays with the owning agency: the council's people do not see it at all.
      refused: () => refuse.notFound('Evidence'),
      action: 'evidence.update',
      result: { status: 'DRAFT', title: 'Renamed', version: 2 },
    },
    {
      op: 'updateEvidence',
      on: 'returned evidence',
      arrange: evidenceId('RETURNED', () => ({ title: 'Renamed' })),
      allowed: CHANGERS,
      refused: () => refuse.forbidden(CHANGE_EVIDENCE),
      action: 'evidence.update',
      result: { status: 'RETURNED', title: 'Renamed' },
    },
    {
      op: 'submitEvidence',
      on: 'a draft',
      arrange: evidenceId('DRAFT'),
      allowed: CHANGERS,
      refused: () => refuse.notFound('Evidence'),
      action: 'evidence.submit',
      result: { status: 'SUBMITTED' },
    },
    {
      op: 'submitEvidence',
      on: 'returned evidence',
      arrange: evidenceId('RETURNED'),
      allowed: CHANGERS,
      refused: () => refuse.forbidden(CHANGE_EVIDENCE),
      action: 'evidence.submit',
      result: { status: 'RESUBMITTED' },
    },
    {
      op: 'submitEvidence',
      on: 'accepted evidence',
      arrange: evidenceId('ACCEPTED'),
      allowed: [],
      refused: () => refuse.conflict('This evidence is accepted, so it cannot be submitted now.', 'ACCEPTED'),
      action: 'evidence.submit',
      result: {},
    },
    {
      op: 'acceptEvidence',
      on: 'submitted evidence',
      arrange: evidenceId('SUBMITTED'),
      allowed: ['secretariat', 'chair'],
      refused: () => refuse.forbidden(REVIEW_EVIDENCE),
      action: 'evidence.accept',
      result: { status: 'ACCEPTED' },
    },
    {
      op: 'acceptEvidence',
      on: 'resubmitted evidence',
      arrange: evidenceId('RESUBMITTED'),
      allowed: ['secretariat', 'chair'],
      refused: () => refuse.forbidden(REVIEW_EVIDENCE),
      action: 'evidence.accept',
      result: { status: 'ACCEPTED' },
    },
    {
      op: 'acceptEvidence',
      on: 'a draft',
      arrange: evidenceId('DRAFT'),
      allowed: [],
      refused: (who) =>
        COUNCIL.includes(who)
          ? refuse.notFound('Evidence')
          : ['secretariat', 'chair'].includes(who)
            ? refuse.conflict('This evidence is a draft, so it cannot be accepted now.', 'DRAFT')
            : refuse.forbidden(REVIEW_EVIDENCE),
      action: 'evidence.accept',
      result: {},
    },
    {
      op: 'returnEvidence',
      on: 'submitted evidence',
      arrange: evidenceId('SUBMITTED', () => ({ comment: 'Add the figures.' })),
      allowed: ['secretariat', 'chair'],
      refused: () => refuse.forbidden(REVIEW_EVIDENCE),
      action: 'evidence.return',
      result: { status: 'RETURNED', returnComment: 'Add the figures.' },
    },
    {
      op: 'addEvidenceComment',
      on: 'submitted evidence',
      arrange: async () => ({ input: { evidenceId: await newEvidence('SUBMITTED'), body: 'What is the baseline?' } }),
      allowed: ['secretariat', 'boardMember', 'chair'],
      refused: () => refuse.forbidden(COMMENT_EVIDENCE),
      action: 'evidence.comment',
      result: { body: 'What is the baseline?' },
    },
    {
      op: 'addEvidenceComment',
      on: 'accepted evidence',
      arrange: async () => ({ input: { evidenceId: await newEvidence('ACCEPTED'), body: 'Well done.' } }),
      allowed: ['secretariat', 'boardMember', 'chair'],
      refused: () => refuse.forbidden(COMMENT_EVIDENCE),
      action: 'evidence.comment',
      result: { body: 'Well done.' },
    },
    {
      op: 'addEvidenceComment',
      on: 'a draft',
      arrange: async () => ({ input: { evidenceId: await newEvidence('DRAFT'), body: 'Too early.' } }),
      allowed: [],
      refused: (who) =>
        COUNCIL.includes(who)
          ? refuse.notFound('Evidence')
          : ['secretariat', 'chair'].includes(who)
            ? refuse.input('input.evidenceId', 'Evidence can be commented on once it has been submitted.')
            : refuse.forbidden(COMMENT_EVIDENCE),
      action: 'evidence.comment',
      result: {},
    },
    {
      op: 'createHighlightReport',
      on: 'a meeting',
      arrange: async () => ({ input: { meetingId: await newMeeting(), subGroupId: P.subGroupId, summary: 'On track.' } }),
      allowed: ['secretariat', 'chair'],
      refused: () => refuse.forbidden(WRITE_REPORT),
      action: 'report.create',
      result: { status: 'DRAFT', summary: 'On track.' },
    },
    {
      op: 'updateHighlightReport',
      on: 'a draft',
      arrange: reportId('DRAFT', { summary: 'Rewritten.' }),
      allowed: ['secretariat', 'chair'],
      // A draft report stays with the sub-group: its member sees it, no one else outside does.
      refused: (who) => (who === 'member' ? refuse.forbidden(CHANGE_REPORT) : refuse.notFound('Report')),
      action: 'report.update',
      result: { status: 'DRAFT', summary: 'Rewritten.', version: 2 },
    },
    {
      op: 'updateHighlightReport',
      on: 'a submitted report',
      arrange: reportId('SUBMITTED', { summary: 'Rewritten.' }),
      allowed: [],
      refused: (who) =>
        ['secretariat', 'chair'].includes(who)
          ? refuse.conflict('This report is submitted, so it cannot be changed now.', 'SUBMITTED')
          : refuse.forbidden(CHANGE_REPORT),
      action: 'report.update',
      result: {},
    },
    {
      op: 'submitHighlightReport',
      on: 'a draft',
      arrange: reportId('DRAFT'),
      allowed: ['secretariat', 'chair'],
      refused: (who) => (who === 'member' ? refuse.forbidden(CHANGE_REPORT) : refuse.notFound('Report')),
      action: 'report.submit',
      result: { status: 'SUBMITTED', late: false },
    },
    {
      op: 'submitHighlightReport',
      on: 'a returned report',
      arrange: reportId('RETURNED'),
      allowed: ['secretariat', 'chair'],
      refused: (who) => (who === 'member' ? refuse.forbidden(CHANGE_REPORT) : refuse.notFound('Report')),
      action: 'report.submit',
      result: { status: 'SUBMITTED' },
    },
    {
      op: 'acceptHighlightReport',
      on: 'a submitted report',
      arrange: reportId('SUBMITTED'),
      allowed: ['secretariat'],
      refused: () => refuse.forbidden(REVIEW_REPORT),
      action: 'report.accept',
      result: { status: 'ACCEPTED' },
    },
    {
      op: 'acceptHighlightReport',
      on: 'an accepted report',
      arrange: reportId('ACCEPTED'),
      allowed: [],
      refused: (who) =>
        who === 'secretariat'
          ? refuse.conflict('This report is accepted, so it cannot be accepted now.', 'ACCEPTED')
          : refuse.forbidden(REVIEW_REPORT),
      action: 'report.accept',
      result: {},
    },
    {
      op: 'returnHighlightReport',
      on: 'a submitted report',
      arrange: reportId('SUBMITTED', { comment: 'Add the risks.' }),
      allowed: ['secretariat'],
      refused: () => refuse.forbidden(REVIEW_REPORT),
      action: 'report.return',
      result: { status: 'RETURNED', returnComment: 'Add the risks.' },
    },
    {
      op: 'addHighlightReportComment',
      on: 'a submitted report',
      arrange: async () => ({ input: { reportId: await newReport('SUBMITTED'), body: 'Thank you.' } }),
      allowed: ['secretariat', 'boardMember', 'chair'],
      refused: () => refuse.forbidden(COMMENT_REPORT),
      action: 'report.comment',
      result: { body: 'Thank you.' },
    },
    {
      op: 'addHighlightReportComment',
      on: 'a draft',
      arrange: async () => ({ input: { reportId: await newReport('DRAFT'), body: 'Too early.' } }),
      allowed: [],
      refused: (who) =>
        who === 'member'
          ? refuse.forbidden(COMMENT_REPORT)
          : ['secretariat', 'chair'].includes(who)
            ? refuse.input('input.reportId', 'A report can be commented on once it has been submitted.')
            : refuse.notFound('Report'),
      action: 'report.comment',
      result: {},
    },
  ];

  it('the table tries every evidence and report mutation, each allowed to someone and refused to someone', () => {
    const cases = workflowCases();
    expect([...new Set(cases.map((c) => c.op))].sort()).toEqual([...WORKFLOW_MUTATIONS].sort());
    for (const op of WORKFLOW_MUTATIONS) {
      const mine = cases.filter((c) => c.op === op);
      expect({ op, allowed: mine.some((c) => c.allowed.length > 0) }).toEqual({ op, allowed: true });
      expect({ op, refused: mine.some((c) => c.allowed.length < WHO.length) }).toEqual({ op, refused: true });
    }
  });

  it.each(workflowCasesNames())('%s', async (name) => {
    const c = workflowCases().find((x) => `${x.op} on ${x.on}` === name) as WorkflowCase;
    for (const who of WHO) {
      const vars = await c.arrange();
      const before = await tenantSnapshot(stack.pg, P.id);
      const audits = await auditCount(stack.pg, P.id, c.action);
      const r = await as(who).request<Record<string, Record<string, unknown>>>(OPS[c.op], vars);
      try {
        if (c.allowed.includes(who)) {
          expect(r.errors).toBeUndefined();
          expect(r.data?.[c.op]).toMatchObject(c.result);
          expect(await auditCount(stack.pg, P.id, c.action)).toBe(audits + 1);
          // An audit event names who did it.
          const last = await stack.pg.query(
            'SELECT actor_user_id FROM audit_events WHERE partnership_id = $1 AND action = $2 ORDER BY occurred_at DESC LIMIT 1',
            [P.id, c.action],
          );
          expect(last.rows[0].actor_user_id).toBe(users[who].id);
        } else {
          expectOnlyError(r, c.op, c.refused(who));
          expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
        }
      } catch (e) {
        throw new Error(`${who} ${name} (${c.allowed.includes(who) ? 'allowed' : 'refused'}): ${(e as Error).message}`);
      }
    }
  });

  /** The table's test names, known before the partnership exists. */
  function workflowCasesNames(): string[] {
    return [
      'createEvidence on the Health sub-group',
      'updateEvidence on a draft',
      'updateEvidence on returned evidence',
      'submitEvidence on a draft',
      'submitEvidence on returned evidence',
      'submitEvidence on accepted evidence',
      'acceptEvidence on submitted evidence',
      'acceptEvidence on resubmitted evidence',
      'acceptEvidence on a draft',
      'returnEvidence on submitted evidence',
      'addEvidenceComment on submitted evidence',
      'addEvidenceComment on accepted evidence',
      'addEvidenceComment on a draft',
      'createHighlightReport on a meeting',
      'updateHighlightReport on a draft',
      'updateHighlightReport on a submitted report',
      'submitHighlightReport on a draft',
      'submitHighlightReport on a returned report',
      'acceptHighlightReport on a submitted report',
      'acceptHighlightReport on an accepted report',
      'returnHighlightReport on a submitted report',
      'addHighlightReportComment on a submitted report',
      'addHighlightReportComment on a draft',
    ];
  }

  it('the test names above are exactly the table', () => {
    expect(workflowCases().map((c) => `${c.op} on ${c.on}`)).toEqual(workflowCasesNames());
  });
});

// ---- commitments and the local offer (issue 6) -------------------------------------------

/**
 * The people around commitments: the secretariat (in the council); a council board member,
 * who reads but changes nothing, not even the council's own commitments; the Health agency's
 * chair of the Health sub-group and a member of it (both MEMBER role); a police officer and a
 * council officer (MEMBER role, each in their own agency, in no sub-group).
 */
type CWho = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'police' | 'councilOfficer';
const CWHO: CWho[] = ['secretariat', 'boardMember', 'chair', 'member', 'police', 'councilOfficer'];

const OWN_AGENCY = 'You can only add commitments for your own agency.';
const BOARD_READS = 'Board members read commitments; the agency’s own people add them.';
const CHANGE_COMMITMENT = 'Only the agency’s own people and the board secretariat can change its commitments.';
const POST_COMMITMENT = 'Only the agency’s own people and the board secretariat can post progress on its commitments.';
const PUBLISH_OFFER = 'Only the board secretariat publishes the local offer.';
const STALE_COMMITMENT = 'Someone else changed this commitment since you opened it. Check the current details and make your change again.';

type CExpected =
  | { code: 'NOT_FOUND' | 'FORBIDDEN'; message: string }
  /** With the record as it is now in extensions.current. */
  | { code: 'CONFLICT'; message: string; current: Record<string, unknown> };

interface CommitmentCase {
  op: OpName;
  on: string;
  /** Makes a fresh record (written straight to the database) and answers the request's variables. */
  arrange: () => Promise<Record<string, unknown>>;
  allowed: CWho[];
  refused: (who: CWho, vars: Record<string, unknown>) => CExpected;
  action: string;
  /** Audit events a success writes (a progress update writes two: the update, and the commitment it changed). */
  events: number;
  /** Part of what a success answers. */
  result: Record<string, unknown>;
  /** For a create: the agency that must own what was made. */
  owner?: (who: CWho) => string;
}

describe('roles: who may manage commitments and publish the local offer', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let police: string;
  const users = {} as Record<CWho, TestUser>;
  const tokens = {} as Record<CWho, string>;
  const as = (who: CWho): GqlClient => stack.client(tokens[who]);
  /** The records everyone's reads are checked against. */
  const fx = {} as Record<
    'healthAll' | 'healthAgency' | 'healthGroup' | 'councilAll' | 'councilAgency' | 'policeRestricted' | 'policeAll',
    string
  >;

  /** A commitment written straight to the database, as the secretariat, not in the local offer unless told. */
  async function insert(
    agencyId: string,
    o: { visibility?: string; subGroupId?: string; restricted?: string[]; inOffer?: boolean; title?: string } = {},
  ): Promise<string> {
    const r = await stack.pg.query<{ id: string }>(
      `INSERT INTO commitments (partnership_id, agency_id, sub_group_id, created_by_user_id, title, offer_area, measure, unit,
                                baseline, target, due_date, status, rag, visibility, restricted_user_ids, in_local_offer, offer_wording)
       VALUES ($1, $2, $3, $4, $5, 'EMPLOYMENT', 'care leavers in work', 'care leavers', 4, 20, '2027-03-31', 'IN_PROGRESS', 'GREEN',
               $6, $7, $8, $9) RETURNING id`,
      [
        P.id,
        agencyId,
        o.subGroupId ?? null,
        P.secretariat.id,
        o.title ?? 'Work placements for care leavers',
        o.visibility ?? 'PARTNERSHIP',
        o.restricted ?? [],
        o.inOffer ?? false,
        o.inOffer ? `${o.title ?? 'Work placements'}: ask your personal adviser.` : null,
      ],
    );
    return r.rows[0].id;
  }
  const latestNumber = async () =>
    (
      await stack.pg.query<{ n: number }>('SELECT coalesce(max(number), 0)::int AS n FROM local_offer_versions WHERE partnership_id = $1', [
        P.id,
      ])
    ).rows[0].n;

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Pledgeford');
    police = await addAgency(stack.pg, P, 'Pledgeford Police', 'POLICE');
    const policeOfficer = await addUser(stack.pg, P, 'police', { agencyId: police });
    const councilOfficer = await addUser(stack.pg, P, 'officer', { agencyId: P.agencies.council });
    Object.assign(users, {
      secretariat: P.secretariat,
      boardMember: P.boardMember,
      chair: P.chair,
      member: P.member,
      police: policeOfficer,
      councilOfficer,
    });
    const sessions = await Promise.all(CWHO.map((w) => signIn(stack.client(), users[w].email)));
    CWHO.forEach((w, i) => (tokens[w] = sessions[i].accessToken));

    fx.healthAll = await insert(P.agencies.health, { inOffer: true, title: 'Health passports' });
    fx.healthAgency = await insert(P.agencies.health, { visibility: 'AGENCY' });
    fx.healthGroup = await insert(P.agencies.health, { visibility: 'SUB_GROUP', subGroupId: P.subGroupId });
    fx.councilAll = await insert(P.agencies.council, { inOffer: true, title: 'Council tax exemption' });
    fx.councilAgency = await insert(P.agencies.council, { visibility: 'AGENCY' });
    fx.policeRestricted = await insert(police, { visibility: 'RESTRICTED', restricted: [P.boardMember.id, policeOfficer.id] });
    fx.policeAll = await insert(police);
    // Version 1 of the local offer, so there is something published to read (and to be out of date with).
    await as('secretariat').ok(OPS.publishLocalOffer, { input: { expectedNumber: 1, introduction: 'Pledgeford local offer.' } });
  });
  afterAll(() => stack?.close());

  /** What each of them may read of the fixtures, by visibility. */
  const SEES: Record<CWho, Array<keyof typeof fx>> = {
    secretariat: ['healthAll', 'healthAgency', 'healthGroup', 'councilAll', 'councilAgency', 'policeRestricted', 'policeAll'],
    boardMember: ['healthAll', 'councilAll', 'councilAgency', 'policeRestricted', 'policeAll'],
    chair: ['healthAll', 'healthAgency', 'healthGroup', 'councilAll', 'policeAll'],
    member: ['healthAll', 'healthAgency', 'healthGroup', 'councilAll', 'policeAll'],
    police: ['healthAll', 'councilAll', 'policeRestricted', 'policeAll'],
    councilOfficer: ['healthAll', 'councilAll', 'councilAgency', 'policeAll'],
  };
  /** Whose commitments each of them manages: their own agency's (never a board member), all for the secretariat. */
  const MANAGES: Record<CWho, Array<'health' | 'council' | 'police'>> = {
    secretariat: ['health', 'council', 'police'],
    boardMember: [],
    chair: ['health'],
    member: ['health'],
    police: ['police'],
    councilOfficer: ['council'],
  };
  const agencyOf = (k: keyof typeof fx) => (k.startsWith('health') ? 'health' : k.startsWith('council') ? 'council' : 'police');

  const expectOnlyError = (r: GqlResult<unknown>, op: string, expected: CExpected) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0];
    expect(e.path).toEqual([op]);
    expect(e.extensions?.code).toBe(expected.code);
    expect(e.message).toBe(expected.message);
    if (expected.code === 'CONFLICT') expect(e.extensions?.current).toMatchObject(expected.current);
  };

  it.each(CWHO)(
    '%s reads exactly the commitments they may see, in the list, by id and in the summary, and the published offer',
    async (who) => {
      const c = as(who);
      const keys = Object.keys(fx) as Array<keyof typeof fx>;
      const sees = new Set(SEES[who]);
      const want = keys.filter((k) => sees.has(k)).map((k) => fx[k]);
      const list = await c.ok<{ commitments: { totalCount: number; edges: Array<{ node: { id: string; canEdit: boolean } }> } }>(
        OPS.commitments,
        { first: 50 },
      );
      expect({ who, total: list.commitments.totalCount, ids: list.commitments.edges.map((e) => e.node.id).sort() }).toEqual({
        who,
        total: want.length,
        ids: [...want].sort(),
      });
      for (const k of keys) {
        const r = await c.request<{ commitment: { id: string; canEdit: boolean } }>(OPS.commitment, { id: fx[k] });
        try {
          if (sees.has(k)) expect(r.data?.commitment).toMatchObject({ id: fx[k], canEdit: MANAGES[who].includes(agencyOf(k)) });
          else expectOnlyError(r, 'commitment', { code: 'NOT_FOUND', message: 'Commitment not found.' });
        } catch (e) {
          throw new Error(`${who} commitment ${k}: ${(e as Error).message}`);
        }
      }
      const agencyIds = { health: P.agencies.health, council: P.agencies.council, police };
      const summary = await c.ok<{ commitmentSummary: Array<{ agency: { id: string }; total: number }> }>(OPS.commitmentSummary);
      const counted = (['health', 'council', 'police'] as const)
        .map((a) => [agencyIds[a], SEES[who].filter((k) => agencyOf(k) === a).length] as [string, number])
        .filter(([, n]) => n > 0);
      expect(summary.commitmentSummary.map((r) => [r.agency.id, r.total]).sort()).toEqual(counted.sort());
      // Everyone reads what was published; only the secretariat sees what publishing now would do.
      const versions = await c.ok<{ localOfferVersions: Array<{ number: number; introduction: string }> }>(OPS.localOfferVersions);
      expect(versions.localOfferVersions.map((v) => [v.number, v.introduction])).toEqual([[1, 'Pledgeford local offer.']]);
      const preview = await c.request<{ localOfferPreview: { nextNumber: number } }>(OPS.localOfferPreview);
      if (who === 'secretariat') expect(preview.data?.localOfferPreview.nextNumber).toBe(2);
      else expectOnlyError(preview, 'localOfferPreview', { code: 'FORBIDDEN', message: PUBLISH_OFFER });
    },
  );

  it('the public local offer needs no sign-in, and shows the same to everyone signed in', async () => {
    const anon = await stack
      .client()
      .ok<{ publicLocalOffer: { version: { number: number; areas: Array<{ items: Array<{ commitmentId: string }> }> } } }>(
        OPS.publicLocalOffer,
        { partnershipSlug: P.slug },
      );
    expect(anon.publicLocalOffer.version.number).toBe(1);
    expect(anon.publicLocalOffer.version.areas.flatMap((a) => a.items.map((i) => i.commitmentId)).sort()).toEqual(
      [fx.healthAll, fx.councilAll].sort(),
    );
    for (const who of CWHO)
      expect({ who, d: await as(who).ok(OPS.publicLocalOffer, { partnershipSlug: P.slug }) }).toEqual({ who, d: anon });
    const res = await fetch(`${stack.url}/public/local-offer/${P.slug}`);
    expect({ status: res.status, version: ((await res.json()) as { version: number }).version }).toEqual({ status: 200, version: 1 });
  });

  const HEALTH: CWho[] = ['secretariat', 'chair', 'member'];
  const update =
    (agencyId: string, o: Parameters<typeof insert>[1] = {}) =>
    async () => ({
      input: {
        id: await insert(agencyId, o),
        version: 1,
        title: 'Renamed',
        offerWording: 'Ask your personal adviser.',
        inLocalOffer: true,
      },
    });
  const post =
    (agencyId: string, o: Parameters<typeof insert>[1] = {}) =>
    async () => ({
      input: {
        commitmentId: await insert(agencyId, o),
        version: 1,
        value: 12,
        narrative: 'Twelve so far.',
        status: 'IN_PROGRESS',
        rag: 'AMBER',
      },
    });
  const create = (agency?: 'health' | 'council') => async () => ({
    input: {
      title: 'Dental checks for care leavers',
      offerArea: 'HEALTH_AND_WELLBEING',
      reviewDate: '2027-01-31',
      ...(agency ? { agencyId: P.agencies[agency] } : {}),
    },
  });
  const forbidden = (message: string) => (): CExpected => ({ code: 'FORBIDDEN', message });

  const commitmentCases = (): CommitmentCase[] => [
    {
      op: 'createCommitment',
      on: 'their own agency',
      arrange: create(),
      allowed: ['secretariat', 'chair', 'member', 'police', 'councilOfficer'],
      refused: forbidden(BOARD_READS),
      action: 'commitment.create',
      events: 1,
      result: { title: 'Dental checks for care leavers', version: 1, status: 'NOT_STARTED' },
      owner: (who) => users[who].agencyId,
    },
    {
      op: 'createCommitment',
      on: 'the Health agency',
      arrange: create('health'),
      allowed: HEALTH,
      refused: (who) => ({ code: 'FORBIDDEN', message: who === 'boardMember' ? BOARD_READS : OWN_AGENCY }),
      action: 'commitment.create',
      events: 1,
      result: { title: 'Dental checks for care leavers' },
      owner: () => P.agencies.health,
    },
    {
      // The board member's own agency: a board member still only reads.
      op: 'createCommitment',
      on: 'the council',
      arrange: create('council'),
      allowed: ['secretariat', 'councilOfficer'],
      refused: (who) => ({ code: 'FORBIDDEN', message: who === 'boardMember' ? BOARD_READS : OWN_AGENCY }),
      action: 'commitment.create',
      events: 1,
      result: { title: 'Dental checks for care leavers' },
      owner: () => P.agencies.council,
    },
    {
      op: 'updateCommitment',
      on: 'a Health commitment everyone sees',
      arrange: update(P.agencies.health),
      allowed: HEALTH,
      refused: forbidden(CHANGE_COMMITMENT),
      action: 'commitment.update',
      events: 1,
      result: { title: 'Renamed', inLocalOffer: true, version: 2 },
    },
    {
      op: 'updateCommitment',
      on: 'a Health commitment for its agency only',
      arrange: update(P.agencies.health, { visibility: 'AGENCY' }),
      allowed: HEALTH,
      refused: () => ({ code: 'NOT_FOUND', message: 'Commitment not found.' }),
      action: 'commitment.update',
      events: 1,
      result: { title: 'Renamed', version: 2 },
    },
    {
      op: 'updateCommitment',
      on: 'a council commitment',
      arrange: update(P.agencies.council),
      allowed: ['secretariat', 'councilOfficer'],
      refused: forbidden(CHANGE_COMMITMENT),
      action: 'commitment.update',
      events: 1,
      result: { title: 'Renamed', version: 2 },
    },
    {
      op: 'updateCommitment',
      on: 'a police commitment',
      arrange: update(police),
      allowed: ['secretariat', 'police'],
      refused: forbidden(CHANGE_COMMITMENT),
      action: 'commitment.update',
      events: 1,
      result: { title: 'Renamed', version: 2 },
    },
    {
      // Those who may not change it hear so before they hear it is out of date.
      op: 'updateCommitment',
      on: 'a Health commitment, from an out-of-date version',
      arrange: async () => {
        const id = await insert(P.agencies.health);
        await stack.pg.query('UPDATE commitments SET version = 3 WHERE id = $1', [id]);
        return { input: { id, version: 2, title: 'Renamed' } };
      },
      allowed: [],
      refused: (who, vars) =>
        HEALTH.includes(who)
          ? {
              code: 'CONFLICT',
              message: STALE_COMMITMENT,
              current: { id: (vars.input as { id: string }).id, version: 3, title: 'Work placements for care leavers' },
            }
          : { code: 'FORBIDDEN', message: CHANGE_COMMITMENT },
      action: 'commitment.update',
      events: 1,
      result: {},
    },
    {
      op: 'postCommitmentUpdate',
      on: 'a Health commitment everyone sees',
      arrange: post(P.agencies.health),
      allowed: HEALTH,
      refused: forbidden(POST_COMMITMENT),
      action: 'commitment.postUpdate',
      events: 2,
      result: { commitment: { currentValue: 12, status: 'IN_PROGRESS', rag: 'AMBER', version: 2 }, update: { value: 12 } },
    },
    {
      op: 'postCommitmentUpdate',
      on: 'a Health commitment for its sub-group only',
      arrange: post(P.agencies.health, { visibility: 'SUB_GROUP', subGroupId: P.subGroupId }),
      allowed: HEALTH,
      refused: () => ({ code: 'NOT_FOUND', message: 'Commitment not found.' }),
      action: 'commitment.postUpdate',
      events: 2,
      result: { commitment: { currentValue: 12, version: 2 } },
    },
    {
      op: 'postCommitmentUpdate',
      on: 'a council commitment',
      arrange: post(P.agencies.council),
      allowed: ['secretariat', 'councilOfficer'],
      refused: forbidden(POST_COMMITMENT),
      action: 'commitment.postUpdate',
      events: 2,
      result: { commitment: { currentValue: 12, version: 2 } },
    },
    {
      op: 'postCommitmentUpdate',
      on: 'a police commitment restricted to a board member and the officer',
      arrange: post(police, { visibility: 'RESTRICTED', restricted: [P.boardMember.id, users.police.id] }),
      allowed: ['secretariat', 'police'],
      refused: (who) =>
        who === 'boardMember' ? { code: 'FORBIDDEN', message: POST_COMMITMENT } : { code: 'NOT_FOUND', message: 'Commitment not found.' },
      action: 'commitment.postUpdate',
      events: 2,
      result: { commitment: { currentValue: 12, version: 2 } },
    },
    {
      op: 'publishLocalOffer',
      on: 'a local offer with a new commitment in it',
      arrange: async () => {
        await insert(P.agencies.health, { inOffer: true, title: `Free bus pass ${randomUUID().slice(0, 8)}` });
        return { input: { expectedNumber: (await latestNumber()) + 1 } };
      },
      allowed: ['secretariat'],
      refused: forbidden(PUBLISH_OFFER),
      action: 'localOffer.publish',
      events: 1,
      result: { introduction: 'Pledgeford local offer.' },
    },
    {
      op: 'publishLocalOffer',
      on: 'a local offer, from an out-of-date number',
      arrange: async () => {
        await insert(P.agencies.health, { inOffer: true, title: `Free bus pass ${randomUUID().slice(0, 8)}` });
        return { input: { expectedNumber: await latestNumber() } };
      },
      allowed: [],
      refused: (who, vars) => {
        const n = (vars.input as { expectedNumber: number }).expectedNumber;
        return who === 'secretariat'
          ? {
              code: 'CONFLICT',
              message: `Version ${n} has been published since you opened this page. Check what will change and publish again.`,
              current: { latestNumber: n },
            }
          : { code: 'FORBIDDEN', message: PUBLISH_OFFER };
      },
      action: 'localOffer.publish',
      events: 1,
      result: {},
    },
  ];

  it('the table tries every commitment and local offer mutation, each allowed to someone and refused to someone', () => {
    const cases = commitmentCases();
    expect([...new Set(cases.map((c) => c.op))].sort()).toEqual([...COMMITMENT_MUTATIONS].sort());
    for (const op of COMMITMENT_MUTATIONS) {
      const mine = cases.filter((c) => c.op === op);
      expect({ op, allowed: mine.some((c) => c.allowed.length > 0) }).toEqual({ op, allowed: true });
      expect({ op, refused: mine.some((c) => c.allowed.length < CWHO.length) }).toEqual({ op, refused: true });
      // Board members change nothing.
      expect({ op, boardMember: mine.some((c) => c.allowed.includes('boardMember')) }).toEqual({ op, boardMember: false });
    }
    expect(cases.map((c) => `${c.op} on ${c.on}`)).toEqual(commitmentCaseNames());
  });

  it.each(commitmentCaseNames())('%s', async (name) => {
    const c = commitmentCases().find((x) => `${x.op} on ${x.on}` === name) as CommitmentCase;
    for (const who of CWHO) {
      const vars = await c.arrange();
      const before = await tenantSnapshot(stack.pg, P.id);
      const audits = await auditCount(stack.pg, P.id, c.action);
      const r = await as(who).request<Record<string, Record<string, unknown>>>(OPS[c.op], vars);
      try {
        if (c.allowed.includes(who)) {
          expect(r.errors).toBeUndefined();
          expect(r.data?.[c.op]).toMatchObject(c.result);
          expect(await auditCount(stack.pg, P.id, c.action)).toBe(audits + c.events);
          const last = await stack.pg.query(
            'SELECT actor_user_id FROM audit_events WHERE partnership_id = $1 AND action = $2 ORDER BY occurred_at DESC LIMIT 1',
            [P.id, c.action],
          );
          expect(last.rows[0].actor_user_id).toBe(users[who].id);
          if (c.owner) {
            const row = await stack.pg.query('SELECT agency_id, created_by_user_id FROM commitments WHERE id = $1', [r.data?.[c.op].id]);
            expect(row.rows).toEqual([{ agency_id: c.owner(who), created_by_user_id: users[who].id }]);
          }
        } else {
          expectOnlyError(r, c.op, c.refused(who, vars));
          expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
        }
      } catch (e) {
        throw new Error(`${who} ${name} (${c.allowed.includes(who) ? 'allowed' : 'refused'}): ${(e as Error).message}`);
      }
    }
  });

  /** The table's test names, known before the partnership exists. */
  function commitmentCaseNames(): string[] {
    return [
      'createCommitment on their own agency',
      'createCommitment on the Health agency',
      'createCommitment on the council',
      'updateCommitment on a Health commitment everyone sees',
      'updateCommitment on a Health commitment for its agency only',
      'updateCommitment on a council commitment',
      'updateCommitment on a police commitment',
      'updateCommitment on a Health commitment, from an out-of-date version',
      'postCommitmentUpdate on a Health commitment everyone sees',
      'postCommitmentUpdate on a Health commitment for its sub-group only',
      'postCommitmentUpdate on a council commitment',
      'postCommitmentUpdate on a police commitment restricted to a board member and the officer',
      'publishLocalOffer on a local offer with a new commitment in it',
      'publishLocalOffer on a local offer, from an out-of-date number',
    ];
  }
});

type IWho = 'secretariat' | 'boardMember' | 'chair' | 'member';
const IWHO: IWho[] = ['secretariat', 'boardMember', 'chair', 'member'];

describe('roles: who may keep the scorecard', () => {
  let stack: TestStack;
  let P: TestPartnership;
  const tokens = {} as Record<IWho, string>;
  const as = (who: IWho): GqlClient => stack.client(tokens[who]);
  /** An indicator the chair's sub-group owns, and one no sub-group owns. */
  let owned: string;
  let unowned: string;

  const KEEP = 'Only the board secretariat keeps the scorecard’s indicators.';
  const IMPORT = 'Only the board secretariat imports figures.';
  const RECORD = 'Only the board secretariat and the chair of the indicator’s sub-group record its figures.';

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Scoreton');
    const sessions = await Promise.all(IWHO.map((w) => signIn(stack.client(), P[w].email)));
    IWHO.forEach((w, i) => (tokens[w] = sessions[i].accessToken));
    const create = async (input: Record<string, unknown>) =>
      (await as('secretariat').ok<{ createIndicator: { id: string } }>(OPS.createIndicator, { input })).createIndicator.id;
    owned = await create({
      code: 'PEP',
      name: 'PEPs on time',
      unit: 'PERCENTAGE',
      frequency: 'ANNUAL',
      target: 95,
      subGroupId: P.subGroupId,
    });
    unowned = await create({ code: 'CLA', name: 'Children looked after', unit: 'COUNT', frequency: 'ANNUAL' });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const version = async (id: string) =>
    (await stack.pg.query<{ version: number }>('SELECT version FROM indicators WHERE id = $1', [id])).rows[0].version;
  const expectOnlyError = (r: GqlResult<unknown>, op: string, code: string, message: string) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].extensions?.code).toBe(code);
    expect(r.errors![0].path).toEqual([op]);
    expect(r.errors![0].message).toBe(message);
  };

  interface ICase {
    name: string;
    op: OpName;
    vars: () => Promise<Record<string, unknown>>;
    allowed: IWho[];
    message: string;
  }
  const cases = (): ICase[] => [
    {
      name: 'createIndicator',
      op: 'createIndicator',
      vars: async () => ({ input: { code: `NEW-${randomUUID().slice(0, 8)}`, name: 'New', unit: 'DAYS', frequency: 'ANNUAL' } }),
      allowed: ['secretariat'],
      message: KEEP,
    },
    {
      name: 'updateIndicator on the sub-group’s indicator',
      op: 'updateIndicator',
      vars: async () => ({ input: { id: owned, version: await version(owned), target: 90 } }),
      allowed: ['secretariat'],
      message: KEEP,
    },
    {
      name: 'recordIndicatorValue on the sub-group’s indicator',
      op: 'recordIndicatorValue',
      vars: async () => ({
        input: {
          indicatorId: owned,
          area: 'LOCAL',
          timePeriod: '202425',
          timeIdentifier: 'Financial year',
          value: (80 + Math.random()).toFixed(2),
        },
      }),
      allowed: ['secretariat', 'chair'],
      message: RECORD,
    },
    {
      name: 'recordIndicatorValue on an indicator no sub-group owns',
      op: 'recordIndicatorValue',
      vars: async () => ({
        input: {
          indicatorId: unowned,
          area: 'ENGLAND',
          timePeriod: '2025',
          timeIdentifier: 'Reporting year',
          value: String(Math.floor(Math.random() * 1e6)),
        },
      }),
      allowed: ['secretariat'],
      message: RECORD,
    },
    {
      name: 'importIndicatorValues',
      op: 'importIndicatorValues',
      vars: async () => ({
        input: {
          csv: `time_period,time_identifier,geographic_level,indicator,value\r\n202526,Financial year,Local authority,PEP,${(90 + Math.random()).toFixed(2)}`,
          dryRun: false,
        },
      }),
      allowed: ['secretariat'],
      message: IMPORT,
    },
  ];

  it('the table tries every scorecard mutation, each allowed to the secretariat and refused to board members', () => {
    expect([...new Set(cases().map((c) => c.op))].sort()).toEqual([...INDICATOR_MUTATIONS].sort());
    for (const c of cases()) {
      expect({ c: c.name, secretariat: c.allowed.includes('secretariat'), board: c.allowed.includes('boardMember') }).toEqual({
        c: c.name,
        secretariat: true,
        board: false,
      });
    }
  });

  it.each(cases().map((c) => c.name))(
    '%s: allowed ones succeed and are audited; refused ones are FORBIDDEN and write nothing',
    async (name) => {
      const c = cases().find((x) => x.name === name) as ICase;
      for (const who of IWHO) {
        const vars = await c.vars();
        const before = await tenantSnapshot(stack.pg, P.id);
        const audits = await auditCount(stack.pg, P.id);
        const r = await as(who).request<Record<string, Record<string, unknown>>>(OPS[c.op], vars);
        try {
          if (c.allowed.includes(who)) {
            expect(r.errors).toBeUndefined();
            if (c.op === 'importIndicatorValues') expect(r.data?.[c.op]).toMatchObject({ valid: true, imported: true });
            expect(await auditCount(stack.pg, P.id)).toBeGreaterThan(audits);
          } else {
            expectOnlyError(r, c.op, 'FORBIDDEN', c.message);
            expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
            expect(await auditCount(stack.pg, P.id)).toBe(audits);
          }
        } catch (e) {
          throw new Error(`${who} ${name}: ${(e as Error).message}`);
        }
      }
    },
  );

  it.each(IWHO)('%s reads the indicators and the scorecard, and is told whether they may record each one’s figures', async (who) => {
    const list = await as(who).ok<{ indicators: Array<{ id: string }> }>(OPS.indicators, {});
    expect(list.indicators.map((i) => i.id).sort()).toEqual((await tenantIds(stack.pg, 'indicators', P.id)).sort());
    const card = await as(who).ok<{ scorecard: Array<{ indicator: { id: string } }> }>(OPS.scorecard, { subGroupId: P.subGroupId });
    expect(card.scorecard.map((r) => r.indicator.id)).toEqual([owned]);
    const one = await as(who).ok<{ indicator: { canRecord: boolean } }>(OPS.indicator, { id: owned });
    expect(one.indicator.canRecord).toBe(who === 'secretariat' || who === 'chair');
    const other = await as(who).ok<{ indicator: { canRecord: boolean } }>(OPS.indicator, { id: unowned });
    expect(other.indicator.canRecord).toBe(who === 'secretariat');
  });
});
