/**
 * DESIGN.md §3: "Another partnership's data: never, whatever the role. A denial does not
 * reveal whether the record exists." Signed in as partnership A's secretariat (the
 * strongest role), every query and mutation is pointed at partnership B's records
 * (including B's work plans, objectives, actions, progress updates, frameworks and items,
 * and B's own copy of the statutory principles, B's board meetings, and B's evidence,
 * attachments, highlight reports and comments). Each must fail exactly as it does for an
 * id that exists nowhere, leave both partnerships untouched, and the same operation on A's
 * own records must succeed (so the failures are the tenancy rule, not a malformed request).
 * Evidence and reports are tried by every role of A, not just the secretariat: lists and
 * search (over records of B's written with the same words as A's) hold none of B's rows,
 * and B's attached files download as missing.
 *
 * Commitments and the local offer (issue 6) likewise, by every role of A: B's commitments
 * answer NOT_FOUND by id and are in none of A's lists, summaries, previews or published
 * versions; nothing of B's (agency, sub-group, framework items, people) can be named in
 * A's commitments; A's publication holds only A's; and each partnership's public offer
 * (the publicLocalOffer query and GET /public/local-offer/:slug, signed out) is its own
 * published version and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OPS,
  type TestStack as Stack,
  type OpName,
  SESSION_MUTATIONS,
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addUser,
  auditCount,
  createPartnership,
  downloadFile,
  principles,
  schemaOperations,
  signIn,
  startTestStack,
  tenantIds,
  tenantSnapshot,
  uploadOk,
} from '@pbw/testing';

type Expected =
  | { code: 'NOT_FOUND'; message: string }
  | { code: 'FORBIDDEN'; message: string }
  | { code: 'BAD_USER_INPUT'; path: string; message: string };

/** A's people, one of each kind: the factory's Health chair and member are in the Health agency, the others in the council. */
type Role = 'secretariat' | 'boardMember' | 'chair' | 'member';
const ROLES: Role[] = ['secretariat', 'boardMember', 'chair', 'member'];

interface CrossCase {
  /** What is pointed at B. */
  label: string;
  op: OpName;
  /** The variables naming B's real record(s). */
  b: () => Record<string, unknown>;
  /** The same variables with B's id(s) swapped for ids that exist nowhere. */
  fake: () => Record<string, unknown>;
  /** What A's secretariat gets. */
  expected: Expected;
  /** What A's other roles get where it differs (they may not make the request at all, or may not see A's record named). */
  byRole?: Partial<Record<Role, Expected>>;
}

// Mutations that name no record by id, so have nothing to point at B: they are covered by
// showing they act on A's own partnership (last test) and leave B byte-for-byte unchanged.
// publishLocalOffer publishes the caller's own partnership's offer: shown to hold only A's commitments.
// importIndicatorValues names indicators by code, not id: a code of B's is unknown to A (shown in the scorecard test).
const NO_REFERENCE_MUTATIONS = [
  'updatePartnership',
  'createAgency',
  'createFramework',
  'createMeeting',
  'publishLocalOffer',
  'importIndicatorValues',
  // A person's own notifications and delivery choices: they reach only the caller's own (shown in notifications.spec.ts and below).
  'markNotificationsRead',
  'setNotificationPreference',
  // The partnership's own reminder rules, and the caller's own calendar feed (shown below).
  'setReminderRule',
  'createCalendarFeed',
  'revokeCalendarFeed',
  // Names a queue job, not a record: another partnership's failed job answers NOT_FOUND (reminders.spec.ts).
  'retryFailedJob',
  // The partnership's own list of names for the personal-data check, and its own annual update (shown below).
  'setPersonalDataNames',
  'generateAnnualUpdate',
];

/** Every mutation this suite covers. A new mutation must be added here with a test, or the suite fails. */
const COVERED_MUTATIONS = [
  'updatePartnership',
  'createAgency',
  'updateAgency',
  'inviteUser',
  'updateUser',
  'deactivateUser',
  'reactivateUser',
  'resendInvitation',
  'issuePasswordReset',
  'updateBoard',
  'createSubGroup',
  'updateSubGroup',
  'addSubGroupMember',
  'removeSubGroupMember',
  // Frameworks (issue 4).
  'createFramework',
  'updateFramework',
  'retireFramework',
  'restoreFramework',
  'createFrameworkItem',
  'updateFrameworkItem',
  'removeFrameworkItem',
  'restoreFrameworkItem',
  // Work plans (issue 4), with the CSV import.
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
  // Meetings (issue 5).
  'createMeeting',
  'updateMeeting',
  'setMeetingStatus',
  // Evidence and highlight reports (issue 5).
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
  // Commitments and the local offer (issue 6).
  'createCommitment',
  'updateCommitment',
  'postCommitmentUpdate',
  'publishLocalOffer',
  // The performance scorecard (issue 7).
  'createIndicator',
  'updateIndicator',
  'recordIndicatorValue',
  'importIndicatorValues',
  // The voice of children in care (issue 7).
  'createVoiceItem',
  'updateVoiceItem',
  'respondToVoiceItem',
  'closeVoiceItem',
  'reopenVoiceItem',
  // The principles self-assessment (issue 7).
  'saveSelfAssessment',
  // Notifications (issue 8).
  'markNotificationsRead',
  'setNotificationPreference',
  'setReminderRule',
  'retryFailedJob',
  'createCalendarFeed',
  'revokeCalendarFeed',
  // The agenda (issue 9).
  'addAgendaItem',
  'updateAgendaItem',
  'moveAgendaItem',
  'removeAgendaItem',
  'setAttendance',
  'recordMinutes',
  'createBoardAction',
  'updateBoardAction',
  'attachAgendaPaper',
  'remindPackContributors',
  'compileBoardPack',
  'cancelBoardPack',
  'clearPackFinding',
  'publishBoardPack',
  'setPersonalDataNames',
  'generateAnnualUpdate',
  'updateAnnualUpdate',
];

/** Every query this suite covers, by how. */
const BY_ID_QUERIES = [
  'agency',
  'user',
  'subGroup',
  'framework',
  'workPlan',
  'action',
  'workPlanCsv',
  'meeting',
  'evidence',
  'highlightReport',
  'commitment',
  'indicator',
  'voiceItem',
  'selfAssessment',
];
const LIST_QUERIES = [
  'agencies',
  'users',
  'subGroups',
  'subGroupMemberships',
  'auditEvents',
  'frameworks',
  'workPlans',
  'actions',
  'meetings',
  'evidenceList',
  'highlightReports',
  'commitments',
  'voiceItems',
];
/** Partnership-wide answers: each must be A's own (the summary, preview and versions by every role of A). */
const OWN_QUERIES = [
  'partnership',
  'board',
  'me',
  'partnershipDashboard',
  'commitmentSummary',
  'localOfferPreview',
  'localOfferVersions',
  'indicators',
  'scorecard',
  'youSaidWeDid',
  'youSaidWeDidCsv',
  'selfAssessments',
  'coverage',
  'notifications',
  'unreadNotificationCount',
  'notificationPreferences',
  'reminderRules',
  'emailPreview',
  'failedJobs',
  'calendarFeed',
  'boardActions',
  'actionLog',
  'packReadiness',
  'boardPacks',
  'boardPack',
  'packFindings',
  'personalDataNames',
  'annualUpdate',
];
/** Searched by every role of A for words B's records share. */
const SEARCH_QUERIES = ['search'];
/**
 * Public, by a partnership's slug and with no sign-in: each slug answers its own published offer only,
 * and its own published board packs only (tried with real compiles in packs-public.spec.ts).
 */
const PUBLIC_QUERIES = ['publicLocalOffer', 'publishedBoardPacks'];
/** The law's words, the same for every partnership: nothing of A's or B's is in them. */
const STATUTE_QUERIES = ['exemptInformationParagraphs'];
const COVERED_QUERIES = [...BY_ID_QUERIES, ...LIST_QUERIES, ...OWN_QUERIES, ...SEARCH_QUERIES, ...PUBLIC_QUERIES, ...STATUTE_QUERIES];

const notFound = (what: string): Expected => ({ code: 'NOT_FOUND', message: `${what} not found.` });
const forbidden = (message: string): Expected => ({ code: 'FORBIDDEN', message });
const badInput = (path: string, message: string): Expected => ({ code: 'BAD_USER_INPUT', path, message });

/** One partnership's work plan and framework records, made through the api by its secretariat. */
interface PlanRecords {
  /** Its own framework (items P1 in use, P2 unused, P3 retired) and a retired one. */
  framework: string;
  retiredFramework: string;
  items: { P1: string; P2: string; P3: string };
  /** Its copy of the statutory principles. */
  principles: string;
  cppA: string;
  /** The active plan, its two objectives, and an action with a progress update. */
  plan: string;
  objective: string;
  objective2: string;
  action: string;
  actionVersion: number;
  /** A draft plan of the same sub-group, with an objective. */
  draft: string;
  draftObjective: string;
}

/** One partnership's board meetings, made through the api by its secretariat: one planned, one cancelled. */
interface MeetingRecords {
  planned: string;
  cancelled: string;
}

async function seedMeetings(c: GqlClient, label: string): Promise<MeetingRecords> {
  const create = async (startsAt: string, reportDeadline: string): Promise<string> => {
    const d = await c.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
      input: { title: `${label} board`, startsAt, reportDeadline, location: `${label} Town Hall` },
    });
    return d.createMeeting.id;
  };
  const planned = await create('2026-12-03T10:00:00Z', '2026-11-19');
  const cancelled = await create('2027-03-04T10:00:00Z', '2027-02-18');
  await c.ok(OPS.setMeetingStatus, { input: { id: cancelled, status: 'CANCELLED' } });
  return { planned, cancelled };
}

/**
 * One partnership's evidence and highlight reports, made through the api by its Health
 * member, chair and secretariat. Every text holds the word "kingfisher" (and the
 * partnership's name), so a search for it in one partnership would find the other's if
 * anything leaked.
 */
interface EvidenceRecords {
  /** PARTNERSHIP evidence by the member: submitted, accepted by the chair, with a CSV attached, linked to the action, CPP-A and P1, and commented on by the chair. */
  accepted: string;
  /** The chair's comment on it. */
  comment: string;
  /** The member's draft, with a text file attached. */
  draft: string;
  /** The member's evidence waiting for review. */
  submitted: string;
  files: { accepted: string; draft: string; loose: string };
  /** The bytes of the accepted evidence's file. */
  acceptedBytes: string;
  /** The chair's report to the planned meeting, linking the accepted evidence: submitted, and commented on by the secretariat. */
  reportSubmitted: string;
  reportComment: string;
  /** The chair's draft report to a second meeting. */
  reportDraft: string;
  /** A meeting the sub-group has no report for yet. */
  spareMeeting: string;
}

async function seedEvidence(
  stack: Stack,
  sec: GqlClient,
  p: TestPartnership,
  w: PlanRecords,
  m: MeetingRecords,
  label: string,
): Promise<EvidenceRecords> {
  const [mem, ch] = await Promise.all([signIn(stack.client(), p.member.email), signIn(stack.client(), p.chair.email)]);
  const member = stack.client(mem.accessToken);
  const chair = stack.client(ch.accessToken);
  const acceptedBytes = `service,kingfisher checks\r\n${label} health,42\r\n`;
  const files = {
    accepted: await uploadOk(stack.url, mem.accessToken, acceptedBytes, 'kingfisher-audit.csv'),
    draft: await uploadOk(stack.url, mem.accessToken, `${label} kingfisher draft notes\n`, 'kingfisher-draft.txt'),
    loose: await uploadOk(stack.url, mem.accessToken, `${label} kingfisher loose notes\n`, 'kingfisher-loose.txt'),
  };
  const id = <T extends Record<string, { id: string }>>(d: T, op: keyof T): string => d[op].id;
  const create = async (input: Record<string, unknown>) =>
    id(
      await member.ok<{ createEvidence: { id: string } }>(OPS.createEvidence, { input: { subGroupId: p.subGroupId, ...input } }),
      'createEvidence',
    );
  const accepted = await create({
    title: `${label} kingfisher audit`,
    narrative: 'Kingfisher audit of health assessments, with the figures attached.',
    kind: 'DATA',
    actionIds: [w.action],
    frameworkItemIds: [w.cppA, w.items.P1],
    fileIds: [files.accepted],
  });
  await member.ok(OPS.submitEvidence, { input: { id: accepted } });
  await chair.ok(OPS.acceptEvidence, { input: { id: accepted } });
  const comment = id(
    await chair.ok<{ addEvidenceComment: { id: string } }>(OPS.addEvidenceComment, {
      input: { evidenceId: accepted, body: `Kingfisher figures checked by the ${label} chair.` },
    }),
    'addEvidenceComment',
  );
  const draft = await create({
    title: `${label} kingfisher case study`,
    narrative: 'Kingfisher draft narrative.',
    kind: 'CASE_STUDY',
    fileIds: [files.draft],
  });
  const submitted = await create({
    title: `${label} kingfisher survey`,
    narrative: 'Kingfisher survey of young people.',
    kind: 'VOICE_OF_YOUNG_PEOPLE',
  });
  await member.ok(OPS.submitEvidence, { input: { id: submitted } });

  const meeting = async (startsAt: string, reportDeadline: string) =>
    id(
      await sec.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, { input: { title: `${label} board`, startsAt, reportDeadline } }),
      'createMeeting',
    );
  const second = await meeting('2027-06-03T10:00:00Z', '2027-05-20');
  const spareMeeting = await meeting('2027-09-02T10:00:00Z', '2027-08-19');
  const report = async (meetingId: string, summary: string, evidenceIds: string[]) =>
    id(
      await chair.ok<{ createHighlightReport: { id: string } }>(OPS.createHighlightReport, {
        input: { meetingId, subGroupId: p.subGroupId, summary, achievements: 'Kingfisher achievements.', evidenceIds },
      }),
      'createHighlightReport',
    );
  const reportSubmitted = await report(m.planned, `${label} kingfisher summary for the board.`, [accepted]);
  await chair.ok(OPS.submitHighlightReport, { input: { id: reportSubmitted } });
  const reportComment = id(
    await sec.ok<{ addHighlightReportComment: { id: string } }>(OPS.addHighlightReportComment, {
      input: { reportId: reportSubmitted, body: `Kingfisher question from the ${label} secretariat.` },
    }),
    'addHighlightReportComment',
  );
  const reportDraft = await report(second, `${label} kingfisher draft summary.`, []);
  return { accepted, comment, draft, submitted, files, acceptedBytes, reportSubmitted, reportComment, reportDraft, spareMeeting };
}

async function seedWorkPlans(stack: Stack, c: GqlClient, p: TestPartnership, label: string): Promise<PlanRecords> {
  const ok = async (op: OpName, input: Record<string, unknown>): Promise<string> => {
    const d = await c.ok<Record<string, { id: string }>>(OPS[op], { input });
    return d[op].id;
  };
  const cpp = await principles(stack.pg, p.id);
  const framework = await ok('createFramework', { name: `${label} promises`, kind: 'PROMISES' });
  const retiredFramework = await ok('createFramework', { name: `${label} old outcomes`, kind: 'OUTCOME_AREAS' });
  await ok('retireFramework', { id: retiredFramework });
  const items = {
    P1: await ok('createFrameworkItem', { frameworkId: framework, code: 'P1', title: 'We will listen' }),
    P2: await ok('createFrameworkItem', { frameworkId: framework, code: 'P2', title: 'We will keep you healthy' }),
    P3: await ok('createFrameworkItem', { frameworkId: framework, code: 'P3', title: 'We will find you a home' }),
  };
  const plan = await ok('createWorkPlan', {
    subGroupId: p.subGroupId,
    title: `${label} health 2026/27`,
    periodStart: '2026-04-01',
    periodEnd: '2027-03-31',
  });
  await c.ok(OPS.activateWorkPlan, { input: { workPlanId: plan } });
  const objective = await ok('createObjective', { workPlanId: plan, title: 'Physical health' });
  const objective2 = await ok('createObjective', { workPlanId: plan, title: 'Emotional health' });
  const action = await ok('createAction', {
    objectiveId: objective,
    title: `${label} health assessments`,
    ownerUserId: p.member.id,
    leadAgencyId: p.agencies.health,
    supportingAgencyIds: [p.agencies.council],
    frameworkItemIds: [items.P1, items.P3, cpp.items['CPP-A']],
    dueDate: '2027-03-31',
  });
  const removed = await c.ok<{ removeFrameworkItem: { retired: boolean } }>(OPS.removeFrameworkItem, { input: { id: items.P3 } });
  if (!removed.removeFrameworkItem.retired) throw new Error('P3 should have been retired');
  await c.ok(OPS.postActionUpdate, {
    input: { actionId: action, version: 1, narrative: `${label} progress`, status: 'IN_PROGRESS', rag: 'AMBER' },
  });
  const draft = await ok('createWorkPlan', {
    subGroupId: p.subGroupId,
    title: `${label} health 2027/28`,
    periodStart: '2027-04-01',
    periodEnd: '2028-03-31',
  });
  const draftObjective = await ok('createObjective', { workPlanId: draft, title: 'Next year' });
  return {
    framework,
    retiredFramework,
    items,
    principles: cpp.frameworkId,
    cppA: cpp.items['CPP-A'],
    plan,
    objective,
    objective2,
    action,
    actionVersion: 2,
    draft,
    draftObjective,
  };
}

/**
 * One partnership's commitments and local offer, made through the api by its Health member
 * and secretariat: version 1 published, then a wording change that is not published yet.
 */
interface CommitmentRecords {
  /** The Health agency's, for everyone, in the offer, tagged P1 and CPP-A, with one progress update. */
  offered: string;
  /** Its version now (created, updated, reworded). */
  offeredVersion: number;
  /** The council's, for everyone, in the offer. */
  council: string;
  /** The Health agency's, for its own people only, not in the offer. */
  agencyOnly: string;
  /** `offered`'s wording as version 1 published it, and as it is now (unpublished). */
  wordingV1: string;
  wordingNow: string;
}

async function seedCommitments(
  stack: Stack,
  sec: GqlClient,
  p: TestPartnership,
  w: PlanRecords,
  label: string,
): Promise<CommitmentRecords> {
  const member = stack.client((await signIn(stack.client(), p.member.email)).accessToken);
  const create = async (c: GqlClient, input: Record<string, unknown>) =>
    (await c.ok<{ createCommitment: { id: string } }>(OPS.createCommitment, { input })).createCommitment.id;
  const wordingV1 = `${label} care leavers get a health check every year, and a copy of their health history.`;
  const wordingNow = `${label} care leavers get a health check every year until they are 25, and a copy of their health history.`;
  const offered = await create(member, {
    title: `${label} annual health checks for care leavers`,
    offerArea: 'HEALTH_AND_WELLBEING',
    measure: 'care leavers with a health check in the last year',
    unit: 'care leavers',
    baseline: 10,
    target: 30,
    dueDate: '2027-03-31',
    frameworkItemIds: [w.items.P1, w.cppA],
    inLocalOffer: true,
    offerWording: wordingV1,
    offerEligibility: 'Care leavers aged 18 to 25',
  });
  await member.ok(OPS.postCommitmentUpdate, {
    input: { commitmentId: offered, version: 1, value: 18, narrative: `${label}: 18 checks so far.`, status: 'IN_PROGRESS', rag: 'GREEN' },
  });
  const council = await create(sec, {
    agencyId: p.agencies.council,
    title: `${label} council tax exemption`,
    offerArea: 'ACCOMMODATION',
    reviewDate: '2027-01-31',
    inLocalOffer: true,
    offerWording: `${label} care leavers pay no council tax until they are 25.`,
  });
  const agencyOnly = await create(member, {
    title: `${label} health team internal review`,
    offerArea: 'OTHER',
    reviewDate: '2027-02-28',
    visibility: 'AGENCY',
  });
  await sec.ok(OPS.publishLocalOffer, { input: { expectedNumber: 1, introduction: `${label} local offer for care leavers.` } });
  await member.ok(OPS.updateCommitment, { input: { id: offered, version: 2, offerWording: wordingNow } });
  return { offered, offeredVersion: 3, council, agencyOnly, wordingV1, wordingNow };
}

/** One partnership's scorecard indicator, made through the api by its secretariat, with its figure for one year. */
interface IndicatorRecords {
  id: string;
  code: string;
}

async function seedIndicators(sec: GqlClient, p: TestPartnership, w: PlanRecords, label: string): Promise<IndicatorRecords> {
  const code = `${label.slice(0, 5).toUpperCase()}-CLA`;
  const d = await sec.ok<{ createIndicator: { id: string } }>(OPS.createIndicator, {
    input: {
      code,
      name: `${label} children looked after per 10,000`,
      unit: 'RATE_PER_10000',
      polarity: 'LOWER_IS_BETTER',
      target: 80,
      amberTolerance: 5,
      frequency: 'ANNUAL',
      subGroupId: p.subGroupId,
      frameworkItemIds: [w.cppA],
    },
  });
  await sec.ok(OPS.recordIndicatorValue, {
    input: {
      indicatorId: d.createIndicator.id,
      area: 'LOCAL',
      timePeriod: '2025',
      timeIdentifier: 'Reporting year',
      value: '92',
      commentary: `${label} kingfisher`,
    },
  });
  return { id: d.createIndicator.id, code };
}

/** One partnership's voice item, raised in September 2026, assigned to its sub-group, themed CPP-A and answered. */
async function seedVoice(sec: GqlClient, p: TestPartnership, w: PlanRecords, label: string): Promise<string> {
  const d = await sec.ok<{ createVoiceItem: { id: string; version: number } }>(OPS.createVoiceItem, {
    input: {
      raisedOn: '2026-09-10',
      raisingGroup: `${label} Children in Care Council`,
      issue: `${label} kingfisher: we want to know our PEP worker.`,
      assignedSubGroupId: p.subGroupId,
      frameworkItemIds: [w.cppA],
    },
  });
  await sec.ok(OPS.respondToVoiceItem, {
    input: { id: d.createVoiceItem.id, version: d.createVoiceItem.version, response: `${label}: a card with the worker's name.` },
  });
  return d.createVoiceItem.id;
}

/** One partnership's self-assessment of CPP-A for 2025-26, linking its accepted evidence, action and commitment. */
async function seedSelfAssessment(
  sec: GqlClient,
  w: PlanRecords,
  e: EvidenceRecords,
  c: CommitmentRecords,
  label: string,
): Promise<string> {
  const d = await sec.ok<{ saveSelfAssessment: { id: string } }>(OPS.saveSelfAssessment, {
    input: {
      frameworkItemId: w.cppA,
      period: '2025-26',
      rating: 'GOOD',
      narrative: `${label} kingfisher: we act in young people's best interests.`,
      evidenceIds: [e.accepted],
      actionIds: [w.action],
      commitmentIds: [c.offered],
    },
  });
  return d.saveSelfAssessment.id;
}

describe('tenancy: no read or write across partnerships', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  /** B's deactivated user, so reactivateUser has something that would succeed if it leaked. */
  let bGone: TestUser;
  /** A's deactivated user, for the matching own-record control. */
  let aGone: TestUser;
  let asA: GqlClient;
  /** Each side's work plans and frameworks. */
  let wA: PlanRecords;
  let wB: PlanRecords;
  /** Each side's meetings. */
  let mA: MeetingRecords;
  let mB: MeetingRecords;
  /** Each side's evidence, attachments and highlight reports. */
  let eA: EvidenceRecords;
  let eB: EvidenceRecords;
  /** Each side's commitments and local offer. */
  let cA: CommitmentRecords;
  let cB: CommitmentRecords;
  /** Each side's scorecard indicator. */
  let iA: IndicatorRecords;
  let iB: IndicatorRecords;
  /** Each side's voice item. */
  let vA: string;
  let vB: string;
  /** Each side's self-assessment. */
  let saA: string;
  let saB: string;
  /** Every role of A, signed in; and B's secretariat, to show B's records are there to be found. */
  const aTokens = {} as Record<Role, string>;
  const asRole = (role: Role): GqlClient => stack.client(aTokens[role]);
  let bToken: string;
  let storageDir: string;
  let bBefore: Record<string, string[]>;
  let bFeedUrl: string;
  let agendaB: { id: string; version: number };
  let actionB: string;
  let paperA: string;
  let packB: string;
  let findingB: string;
  let annualB: string;
  let bAuditBefore: number;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'pbw-tenancy-files-'));
    stack = await startTestStack({ env: { FILE_STORAGE_DIR: storageDir } });
    A = await createPartnership(stack.pg, 'Alphashire');
    B = await createPartnership(stack.pg, 'Betaborough');
    bGone = await addUser(stack.pg, B, 'gone', { status: 'DEACTIVATED' });
    aGone = await addUser(stack.pg, A, 'gone', { status: 'DEACTIVATED' });
    const [a, b] = await Promise.all([signIn(stack.client(), A.secretariat.email), signIn(stack.client(), B.secretariat.email)]);
    asA = stack.client(a.accessToken);
    // Give both partnerships audit history, so the audit log has something to leak.
    const asB = stack.client(b.accessToken);
    await asB.ok(OPS.updatePartnership, { input: { description: 'Betaborough private notes' } });
    await asB.ok(OPS.updateAgency, { input: { id: B.agencies.health, name: 'Betaborough NHS Trust' } });
    await asA.ok(OPS.updatePartnership, { input: { description: 'Alphashire notes' } });
    wA = await seedWorkPlans(stack, asA, A, 'Alphashire');
    wB = await seedWorkPlans(stack, asB, B, 'Betaborough');
    mA = await seedMeetings(asA, 'Alphashire');
    mB = await seedMeetings(asB, 'Betaborough');
    eA = await seedEvidence(stack, asA, A, wA, mA, 'Alphashire');
    eB = await seedEvidence(stack, asB, B, wB, mB, 'Betaborough');
    cA = await seedCommitments(stack, asA, A, wA, 'Alphashire');
    cB = await seedCommitments(stack, asB, B, wB, 'Betaborough');
    iA = await seedIndicators(asA, A, wA, 'Alphashire');
    iB = await seedIndicators(asB, B, wB, 'Betaborough');
    vA = await seedVoice(asA, A, wA, 'Alphashire');
    vB = await seedVoice(asB, B, wB, 'Betaborough');
    saA = await seedSelfAssessment(asA, wA, eA, cA, 'Alphashire');
    saB = await seedSelfAssessment(asB, wB, eB, cB, 'Betaborough');
    // Each side's member has a notification, as the reminders worker would make it.
    for (const p of [A, B]) {
      await stack.pg.query(
        `INSERT INTO notifications (partnership_id, user_id, kind, title, dedupe_key, email_status) VALUES ($1, $2, 'ACTION_DUE', 'Action due', 'tenancy', 'NONE')`,
        [p.id, p.member.id],
      );
    }
    const sessions = await Promise.all(ROLES.map((r) => signIn(stack.client(), A[r].email)));
    ROLES.forEach((r, i) => (aTokens[r] = sessions[i].accessToken));
    bToken = b.accessToken;
    agendaB = (
      await asB.ok<{ addAgendaItem: { id: string; version: number } }>(OPS.addAgendaItem, {
        input: { meetingId: mB.planned, title: 'Betaborough exempt item', kind: 'OTHER', exempt: true, exemptParagraph: 1 },
      })
    ).addAgendaItem;
    actionB = (
      await asB.ok<{ createBoardAction: { id: string } }>(OPS.createBoardAction, {
        input: { meetingId: mB.planned, title: 'Betaborough board action', ownerUserId: B.member.id, dueDate: '2027-01-31' },
      })
    ).createBoardAction.id;
    packB = (
      await stack.pg.query<{ id: string }>(
        "INSERT INTO board_packs (partnership_id, meeting_id, version, status, requested_by_user_id) VALUES ($1, $2, 1, 'QUEUED', $3) RETURNING id",
        [B.id, mB.planned, B.secretariat.id],
      )
    ).rows[0].id;
    findingB = (
      await stack.pg.query<{ id: string }>(
        "INSERT INTO pack_findings (partnership_id, pack_id, kind, page, match, context) VALUES ($1, $2, 'NAME', 4, 'Betty', 'Betty said') RETURNING id",
        [B.id, packB],
      )
    ).rows[0].id;
    await asB.ok(OPS.setPersonalDataNames, { input: { names: ['Betaborough Person'] } });
    annualB = (
      await asB.ok<{ generateAnnualUpdate: { id: string } }>(OPS.generateAnnualUpdate, { input: { period: '2025-26', replace: false } })
    ).generateAnnualUpdate.id;
    paperA = (
      await asA.ok<{ addAgendaItem: { id: string } }>(OPS.addAgendaItem, {
        input: { meetingId: mA.planned, title: 'Alphashire paper', kind: 'PAPER' },
      })
    ).addAgendaItem.id;
    // B has its own reminder rule and calendar feed for A to (not) see.
    await asB.ok(OPS.setReminderRule, { input: { kind: 'ACTION_DUE', enabled: false } });
    bFeedUrl = (await asB.ok<{ createCalendarFeed: { url: string } }>(OPS.createCalendarFeed)).createCalendarFeed.url;
    bBefore = await tenantSnapshot(stack.pg, B.id);
    bAuditBefore = await auditCount(stack.pg, B.id);
  });
  afterAll(async () => {
    await stack?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  });

  const crossCases = (): CrossCase[] => {
    const f1 = randomUUID();
    const f2 = randomUUID();
    const invite = (agencyId: string) => ({
      input: { email: `new.${randomUUID().slice(0, 8)}@example.test`, name: 'New Person', agencyId, role: 'MEMBER' },
    });
    return [
      {
        label: "saveSelfAssessment of B's principle",
        op: 'saveSelfAssessment',
        b: () => ({ input: { frameworkItemId: wB.cppA, period: '2025-26', rating: 'GOOD', narrative: 'Taken over' } }),
        fake: () => ({ input: { frameworkItemId: f1, period: '2025-26', rating: 'GOOD', narrative: 'Taken over' } }),
        expected: badInput('input.frameworkItemId', 'Choose a principle or framework item of this partnership.'),
      },
      {
        label: "saveSelfAssessment linking B's evidence",
        op: 'saveSelfAssessment',
        b: () => ({
          input: {
            frameworkItemId: wA.cppA,
            period: '2025-26',
            rating: 'GOOD',
            narrative: 'Taken',
            version: 1,
            evidenceIds: [eB.accepted],
          },
        }),
        fake: () => ({
          input: { frameworkItemId: wA.cppA, period: '2025-26', rating: 'GOOD', narrative: 'Taken', version: 1, evidenceIds: [f1] },
        }),
        expected: badInput('input.evidenceIds', 'Choose evidence from this partnership.'),
      },
      {
        label: "saveSelfAssessment linking B's action",
        op: 'saveSelfAssessment',
        b: () => ({
          input: { frameworkItemId: wA.cppA, period: '2025-26', rating: 'GOOD', narrative: 'Taken', version: 1, actionIds: [wB.action] },
        }),
        fake: () => ({
          input: { frameworkItemId: wA.cppA, period: '2025-26', rating: 'GOOD', narrative: 'Taken', version: 1, actionIds: [f1] },
        }),
        expected: badInput('input.actionIds', 'Choose actions from this partnership.'),
      },
      {
        label: "saveSelfAssessment linking B's commitment",
        op: 'saveSelfAssessment',
        b: () => ({
          input: {
            frameworkItemId: wA.cppA,
            period: '2025-26',
            rating: 'GOOD',
            narrative: 'Taken',
            version: 1,
            commitmentIds: [cB.offered],
          },
        }),
        fake: () => ({
          input: { frameworkItemId: wA.cppA, period: '2025-26', rating: 'GOOD', narrative: 'Taken', version: 1, commitmentIds: [f1] },
        }),
        expected: badInput('input.commitmentIds', 'Choose commitments from this partnership.'),
      },
      {
        label: "saveSelfAssessment linking B's indicator",
        op: 'saveSelfAssessment',
        b: () => ({
          input: { frameworkItemId: wA.cppA, period: '2025-26', rating: 'GOOD', narrative: 'Taken', version: 1, indicatorIds: [iB.id] },
        }),
        fake: () => ({
          input: { frameworkItemId: wA.cppA, period: '2025-26', rating: 'GOOD', narrative: 'Taken', version: 1, indicatorIds: [f1] },
        }),
        expected: badInput('input.indicatorIds', 'Choose indicators from this partnership.'),
      },
      {
        label: "updateVoiceItem on B's voice item",
        op: 'updateVoiceItem',
        b: () => ({ input: { id: vB, version: 2, issue: 'Taken over' } }),
        fake: () => ({ input: { id: f1, version: 2, issue: 'Taken over' } }),
        expected: notFound('Voice item'),
      },
      {
        label: "respondToVoiceItem on B's voice item",
        op: 'respondToVoiceItem',
        b: () => ({ input: { id: vB, version: 2, response: 'Taken over' } }),
        fake: () => ({ input: { id: f1, version: 2, response: 'Taken over' } }),
        expected: notFound('Voice item'),
      },
      {
        label: "closeVoiceItem on B's voice item",
        op: 'closeVoiceItem',
        b: () => ({ input: { id: vB, version: 2 } }),
        fake: () => ({ input: { id: f1, version: 2 } }),
        expected: notFound('Voice item'),
      },
      {
        label: "reopenVoiceItem on B's voice item",
        op: 'reopenVoiceItem',
        b: () => ({ input: { id: vB, version: 2 } }),
        fake: () => ({ input: { id: f1, version: 2 } }),
        expected: notFound('Voice item'),
      },
      {
        label: "createVoiceItem assigned to B's sub-group",
        op: 'createVoiceItem',
        b: () => ({ input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'Taken', assignedSubGroupId: B.subGroupId } }),
        fake: () => ({ input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'Taken', assignedSubGroupId: f1 } }),
        expected: badInput('input.assignedSubGroupId', 'Choose a sub-group of this partnership.'),
      },
      {
        label: "createVoiceItem assigned to B's agency",
        op: 'createVoiceItem',
        b: () => ({ input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'Taken', assignedAgencyId: B.agencies.health } }),
        fake: () => ({ input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'Taken', assignedAgencyId: f1 } }),
        expected: badInput('input.assignedAgencyId', 'Choose an agency of this partnership.'),
      },
      {
        label: "createVoiceItem themed with B's principle",
        op: 'createVoiceItem',
        b: () => ({ input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'Taken', frameworkItemIds: [wB.cppA] } }),
        fake: () => ({ input: { raisedOn: '2026-09-01', raisingGroup: 'CiCC', issue: 'Taken', frameworkItemIds: [f2] } }),
        expected: badInput('input.frameworkItemIds', 'Choose themes from this partnership’s frameworks.'),
      },
      {
        label: "updateIndicator on B's indicator",
        op: 'updateIndicator',
        b: () => ({ input: { id: iB.id, version: 1, name: 'Taken over' } }),
        fake: () => ({ input: { id: f1, version: 1, name: 'Taken over' } }),
        expected: notFound('Indicator'),
      },
      {
        label: "recordIndicatorValue on B's indicator",
        op: 'recordIndicatorValue',
        b: () => ({ input: { indicatorId: iB.id, area: 'LOCAL', timePeriod: '2026', timeIdentifier: 'Reporting year', value: '1' } }),
        fake: () => ({ input: { indicatorId: f1, area: 'LOCAL', timePeriod: '2026', timeIdentifier: 'Reporting year', value: '1' } }),
        expected: notFound('Indicator'),
      },
      {
        label: "createIndicator owned by B's sub-group",
        op: 'createIndicator',
        b: () => ({ input: { code: 'TAKEN-1', name: 'Taken', unit: 'COUNT', frequency: 'ANNUAL', subGroupId: B.subGroupId } }),
        fake: () => ({ input: { code: 'TAKEN-1', name: 'Taken', unit: 'COUNT', frequency: 'ANNUAL', subGroupId: f1 } }),
        expected: badInput('input.subGroupId', 'Choose a sub-group of this partnership.'),
      },
      {
        label: "createIndicator tagged with B's principle",
        op: 'createIndicator',
        b: () => ({ input: { code: 'TAKEN-2', name: 'Taken', unit: 'COUNT', frequency: 'ANNUAL', frameworkItemIds: [wB.cppA] } }),
        fake: () => ({ input: { code: 'TAKEN-2', name: 'Taken', unit: 'COUNT', frequency: 'ANNUAL', frameworkItemIds: [f2] } }),
        expected: badInput('input.frameworkItemIds', 'Choose framework items from this partnership.'),
      },
      {
        label: "updateAgency on B's agency",
        op: 'updateAgency',
        b: () => ({ input: { id: B.agencies.council, name: 'Taken over' } }),
        fake: () => ({ input: { id: f1, name: 'Taken over' } }),
        expected: notFound('Agency'),
      },
      {
        label: "inviteUser into B's agency",
        op: 'inviteUser',
        b: () => invite(B.agencies.council),
        fake: () => invite(f1),
        expected: badInput('input.agencyId', 'Choose an agency from this partnership.'),
      },
      {
        label: "updateUser on B's user",
        op: 'updateUser',
        b: () => ({ input: { id: B.member.id, name: 'Renamed' } }),
        fake: () => ({ input: { id: f1, name: 'Renamed' } }),
        expected: notFound('User'),
      },
      {
        label: "updateUser moving A's user into B's agency",
        op: 'updateUser',
        b: () => ({ input: { id: A.member.id, agencyId: B.agencies.health } }),
        fake: () => ({ input: { id: A.member.id, agencyId: f1 } }),
        expected: badInput('input.agencyId', 'Choose an agency from this partnership.'),
      },
      {
        label: "updateUser promoting B's user",
        op: 'updateUser',
        b: () => ({ input: { id: B.member.id, role: 'SECRETARIAT' } }),
        fake: () => ({ input: { id: f1, role: 'SECRETARIAT' } }),
        expected: notFound('User'),
      },
      {
        label: "deactivateUser on B's user",
        op: 'deactivateUser',
        b: () => ({ input: { userId: B.member.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "deactivateUser on B's secretariat",
        op: 'deactivateUser',
        b: () => ({ input: { userId: B.secretariat.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "reactivateUser on B's deactivated user",
        op: 'reactivateUser',
        b: () => ({ input: { userId: bGone.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "resendInvitation to B's invited user",
        op: 'resendInvitation',
        b: () => ({ input: { userId: B.invited.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "issuePasswordReset for B's user",
        op: 'issuePasswordReset',
        b: () => ({ input: { userId: B.member.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "createSubGroup chaired by B's user",
        op: 'createSubGroup',
        b: () => ({ input: { name: 'Leaky group', chairUserId: B.chair.id } }),
        fake: () => ({ input: { name: 'Leaky group', chairUserId: f1 } }),
        expected: badInput('input.chairUserId', 'Choose a user from this partnership.'),
      },
      {
        label: "updateSubGroup on B's sub-group",
        op: 'updateSubGroup',
        b: () => ({ input: { id: B.subGroupId, remit: 'Taken over' } }),
        fake: () => ({ input: { id: f1, remit: 'Taken over' } }),
        expected: notFound('Sub-group'),
      },
      {
        label: "addSubGroupMember: A's user into B's sub-group",
        op: 'addSubGroupMember',
        b: () => ({ input: { subGroupId: B.subGroupId, userId: A.boardMember.id } }),
        fake: () => ({ input: { subGroupId: f1, userId: A.boardMember.id } }),
        expected: badInput('input.subGroupId', 'Choose a sub-group from this partnership.'),
      },
      {
        label: "addSubGroupMember: B's user into B's sub-group as chair",
        op: 'addSubGroupMember',
        b: () => ({ input: { subGroupId: B.subGroupId, userId: B.boardMember.id, role: 'CHAIR' } }),
        fake: () => ({ input: { subGroupId: f1, userId: f2, role: 'CHAIR' } }),
        expected: badInput('input.subGroupId', 'Choose a sub-group from this partnership.'),
      },
      {
        label: "addSubGroupMember: B's user into A's sub-group",
        op: 'addSubGroupMember',
        b: () => ({ input: { subGroupId: A.subGroupId, userId: B.boardMember.id } }),
        fake: () => ({ input: { subGroupId: A.subGroupId, userId: f1 } }),
        expected: badInput('input.userId', 'Choose a user from this partnership.'),
      },
      {
        label: "addSubGroupMember: B's user as chair of A's sub-group",
        op: 'addSubGroupMember',
        b: () => ({ input: { subGroupId: A.subGroupId, userId: B.boardMember.id, role: 'CHAIR' } }),
        fake: () => ({ input: { subGroupId: A.subGroupId, userId: f1, role: 'CHAIR' } }),
        expected: badInput('input.userId', 'Choose a user from this partnership.'),
      },
      {
        label: "removeSubGroupMember: B's member from B's sub-group",
        op: 'removeSubGroupMember',
        b: () => ({ input: { subGroupId: B.subGroupId, userId: B.member.id } }),
        fake: () => ({ input: { subGroupId: f1, userId: f2 } }),
        expected: notFound('Membership'),
      },
      {
        label: "removeSubGroupMember: B's chair from B's sub-group",
        op: 'removeSubGroupMember',
        b: () => ({ input: { subGroupId: B.subGroupId, userId: B.chair.id } }),
        fake: () => ({ input: { subGroupId: B.subGroupId, userId: f1 } }),
        expected: notFound('Membership'),
      },
      {
        label: "updateBoard chaired by B's user",
        op: 'updateBoard',
        b: () => ({ input: { chairUserId: B.boardMember.id } }),
        fake: () => ({ input: { chairUserId: f1 } }),
        expected: badInput('input.chairUserId', 'Choose a user from this partnership.'),
      },
      {
        label: "updateBoard chaired by B's secretariat",
        op: 'updateBoard',
        b: () => ({ input: { name: 'Renamed board', chairUserId: B.secretariat.id } }),
        fake: () => ({ input: { name: 'Renamed board', chairUserId: f1 } }),
        expected: badInput('input.chairUserId', 'Choose a user from this partnership.'),
      },
      ...frameworkCases(f1),
      ...workPlanCases(f1),
      ...meetingCases(f1),
      ...evidenceCases(f1),
      ...reportCases(f1),
      ...commitmentCases(f1),
    ];
  };

  const frameworkCases = (f1: string): CrossCase[] => {
    const item = (frameworkId: string) => ({ input: { frameworkId, code: 'X1', title: 'Taken over' } });
    const byId = (op: OpName, what: string, label: string, id: () => string): CrossCase => ({
      label,
      op,
      b: () => ({ input: { id: id() } }),
      fake: () => ({ input: { id: f1 } }),
      expected: notFound(what),
    });
    return [
      {
        label: "updateFramework on B's framework",
        op: 'updateFramework',
        b: () => ({ input: { id: wB.framework, name: 'Taken over' } }),
        fake: () => ({ input: { id: f1, name: 'Taken over' } }),
        expected: notFound('Framework'),
      },
      // B's read-only principles answer as missing, not as read-only: that would reveal them.
      {
        label: "updateFramework on B's statutory principles",
        op: 'updateFramework',
        b: () => ({ input: { id: wB.principles, description: 'Taken over' } }),
        fake: () => ({ input: { id: f1, description: 'Taken over' } }),
        expected: notFound('Framework'),
      },
      byId('retireFramework', 'Framework', "retireFramework on B's framework", () => wB.framework),
      byId('retireFramework', 'Framework', "retireFramework on B's principles", () => wB.principles),
      byId('restoreFramework', 'Framework', "restoreFramework on B's retired framework", () => wB.retiredFramework),
      {
        label: "createFrameworkItem in B's framework",
        op: 'createFrameworkItem',
        b: () => item(wB.framework),
        fake: () => item(f1),
        expected: badInput('input.frameworkId', 'Choose a framework from this partnership.'),
      },
      {
        label: "createFrameworkItem in B's principles",
        op: 'createFrameworkItem',
        b: () => item(wB.principles),
        fake: () => item(f1),
        expected: badInput('input.frameworkId', 'Choose a framework from this partnership.'),
      },
      {
        label: "updateFrameworkItem on B's item",
        op: 'updateFrameworkItem',
        b: () => ({ input: { id: wB.items.P1, title: 'Taken over' } }),
        fake: () => ({ input: { id: f1, title: 'Taken over' } }),
        expected: notFound('Framework item'),
      },
      {
        label: "updateFrameworkItem on B's principle CPP-A",
        op: 'updateFrameworkItem',
        b: () => ({ input: { id: wB.cppA, title: 'Taken over' } }),
        fake: () => ({ input: { id: f1, title: 'Taken over' } }),
        expected: notFound('Framework item'),
      },
      byId('removeFrameworkItem', 'Framework item', "removeFrameworkItem on B's unused item (it would be deleted)", () => wB.items.P2),
      byId('removeFrameworkItem', 'Framework item', "removeFrameworkItem on B's item in use", () => wB.items.P1),
      byId('removeFrameworkItem', 'Framework item', "removeFrameworkItem on B's principle", () => wB.cppA),
      byId('restoreFrameworkItem', 'Framework item', "restoreFrameworkItem on B's retired item", () => wB.items.P3),
    ];
  };

  const workPlanCases = (f1: string): CrossCase[] => {
    const plan = (subGroupId: string) => ({
      input: { subGroupId, title: 'Taken over', periodStart: '2026-04-01', periodEnd: '2027-03-31' },
    });
    const roll = (fromWorkPlanId: string) => ({
      input: { fromWorkPlanId, title: 'Taken over', periodStart: '2027-04-01', periodEnd: '2028-03-31', activate: true },
    });
    /** An action in A's own plan that names one record of B's (or the random id) in one field. */
    const newAction = (fields: Record<string, unknown>) => ({
      input: {
        objectiveId: wA.objective,
        title: 'Leaky action',
        ownerUserId: A.member.id,
        leadAgencyId: A.agencies.health,
        dueDate: '2027-03-31',
        ...fields,
      },
    });
    const editAction = (fields: Record<string, unknown>) => ({ input: { id: wA.action, version: wA.actionVersion, ...fields } });
    const csv = 'objective,title,owner_email,lead_agency,due_date\r\nPhysical health,Imported,x@example.test,Nobody,2027-03-31\r\n';
    const referenceCases = (make: (fields: Record<string, unknown>) => Record<string, unknown>, op: OpName, verb: string): CrossCase[] => [
      {
        label: `${verb} owned by B's user`,
        op,
        b: () => make({ ownerUserId: B.member.id }),
        fake: () => make({ ownerUserId: f1 }),
        expected: badInput('input.ownerUserId', 'Choose an owner from this partnership.'),
      },
      {
        label: `${verb} led by B's agency`,
        op,
        b: () => make({ leadAgencyId: B.agencies.health }),
        fake: () => make({ leadAgencyId: f1 }),
        expected: badInput('input.leadAgencyId', 'Choose a lead agency from this partnership.'),
      },
      {
        label: `${verb} supported by B's agency`,
        op,
        b: () => make({ supportingAgencyIds: [A.agencies.council, B.agencies.council] }),
        fake: () => make({ supportingAgencyIds: [A.agencies.council, f1] }),
        expected: badInput('input.supportingAgencyIds', 'Choose supporting agencies from this partnership.'),
      },
      {
        label: `${verb} tagged with B's item`,
        op,
        b: () => make({ frameworkItemIds: [wA.cppA, wB.items.P1] }),
        fake: () => make({ frameworkItemIds: [wA.cppA, f1] }),
        expected: badInput('input.frameworkItemIds', 'Choose framework items from this partnership.'),
      },
      {
        label: `${verb} tagged with B's copy of a principle`,
        op,
        b: () => make({ frameworkItemIds: [wB.cppA] }),
        fake: () => make({ frameworkItemIds: [f1] }),
        expected: badInput('input.frameworkItemIds', 'Choose framework items from this partnership.'),
      },
      {
        label: `${verb} restricted to B's user`,
        op,
        b: () => make({ visibility: 'RESTRICTED', restrictedUserIds: [B.member.id] }),
        fake: () => make({ visibility: 'RESTRICTED', restrictedUserIds: [f1] }),
        expected: badInput('input.restrictedUserIds', 'Choose people from this partnership.'),
      },
    ];
    return [
      {
        label: "createWorkPlan for B's sub-group",
        op: 'createWorkPlan',
        b: () => plan(B.subGroupId),
        fake: () => plan(f1),
        expected: badInput('input.subGroupId', 'Choose a sub-group from this partnership.'),
      },
      {
        label: "updateWorkPlan on B's plan",
        op: 'updateWorkPlan',
        b: () => ({ input: { id: wB.plan, title: 'Taken over' } }),
        fake: () => ({ input: { id: f1, title: 'Taken over' } }),
        expected: notFound('Work plan'),
      },
      {
        label: "activateWorkPlan on B's draft",
        op: 'activateWorkPlan',
        b: () => ({ input: { workPlanId: wB.draft } }),
        fake: () => ({ input: { workPlanId: f1 } }),
        expected: notFound('Work plan'),
      },
      {
        label: "closeWorkPlan on B's active plan",
        op: 'closeWorkPlan',
        b: () => ({ input: { workPlanId: wB.plan } }),
        fake: () => ({ input: { workPlanId: f1 } }),
        expected: notFound('Work plan'),
      },
      {
        label: "rollForwardWorkPlan from B's plan",
        op: 'rollForwardWorkPlan',
        b: () => roll(wB.plan),
        fake: () => roll(f1),
        expected: notFound('Work plan'),
      },
      {
        label: "createObjective in B's plan",
        op: 'createObjective',
        b: () => ({ input: { workPlanId: wB.plan, title: 'Taken over' } }),
        fake: () => ({ input: { workPlanId: f1, title: 'Taken over' } }),
        expected: badInput('input.workPlanId', 'Choose a work plan from this partnership.'),
      },
      {
        label: "updateObjective on B's objective",
        op: 'updateObjective',
        b: () => ({ input: { id: wB.objective, title: 'Taken over', position: 2 } }),
        fake: () => ({ input: { id: f1, title: 'Taken over', position: 2 } }),
        expected: notFound('Objective'),
      },
      {
        label: "createAction under B's objective",
        op: 'createAction',
        b: () => ({
          input: { ...newAction({}).input, objectiveId: wB.objective, ownerUserId: B.member.id, leadAgencyId: B.agencies.health },
        }),
        fake: () => ({ input: { ...newAction({}).input, objectiveId: f1, ownerUserId: B.member.id, leadAgencyId: B.agencies.health } }),
        expected: badInput('input.objectiveId', 'Choose an objective from this partnership.'),
      },
      ...referenceCases(newAction, 'createAction', 'createAction in A’s plan'),
      {
        label: "updateAction on B's action",
        op: 'updateAction',
        b: () => ({ input: { id: wB.action, version: wB.actionVersion, title: 'Taken over' } }),
        fake: () => ({ input: { id: f1, version: wB.actionVersion, title: 'Taken over' } }),
        expected: notFound('Action'),
      },
      {
        label: "updateAction moving A's action under B's objective",
        op: 'updateAction',
        b: () => editAction({ objectiveId: wB.objective }),
        fake: () => editAction({ objectiveId: f1 }),
        expected: badInput('input.objectiveId', 'Choose an objective from the same plan.'),
      },
      ...referenceCases(editAction, 'updateAction', 'updateAction making A’s action'),
      {
        label: "postActionUpdate on B's action",
        op: 'postActionUpdate',
        b: () => ({ input: { actionId: wB.action, version: wB.actionVersion, narrative: 'Taken over', status: 'COMPLETE', rag: 'GREEN' } }),
        fake: () => ({ input: { actionId: f1, version: wB.actionVersion, narrative: 'Taken over', status: 'COMPLETE', rag: 'GREEN' } }),
        expected: notFound('Action'),
      },
      {
        label: "importActions into B's plan (dry run)",
        op: 'importActions',
        b: () => ({ input: { workPlanId: wB.plan, csv } }),
        fake: () => ({ input: { workPlanId: f1, csv } }),
        expected: notFound('Work plan'),
      },
      {
        label: "importActions into B's plan",
        op: 'importActions',
        b: () => ({ input: { workPlanId: wB.plan, csv, dryRun: false } }),
        fake: () => ({ input: { workPlanId: f1, csv, dryRun: false } }),
        expected: notFound('Work plan'),
      },
    ];
  };

  const meetingCases = (f1: string): CrossCase[] => [
    {
      label: "updateMeeting on B's meeting",
      op: 'updateMeeting',
      b: () => ({ input: { id: mB.planned, title: 'Taken over', startsAt: '2026-12-10T10:00:00Z' } }),
      fake: () => ({ input: { id: f1, title: 'Taken over', startsAt: '2026-12-10T10:00:00Z' } }),
      expected: notFound('Meeting'),
    },
    {
      label: "setMeetingStatus holding B's planned meeting",
      op: 'setMeetingStatus',
      b: () => ({ input: { id: mB.planned, status: 'HELD' } }),
      fake: () => ({ input: { id: f1, status: 'HELD' } }),
      expected: notFound('Meeting'),
    },
    {
      label: "setMeetingStatus cancelling B's planned meeting",
      op: 'setMeetingStatus',
      b: () => ({ input: { id: mB.planned, status: 'CANCELLED' } }),
      fake: () => ({ input: { id: f1, status: 'CANCELLED' } }),
      expected: notFound('Meeting'),
    },
    {
      label: "setMeetingStatus planning B's cancelled meeting again",
      op: 'setMeetingStatus',
      b: () => ({ input: { id: mB.cancelled, status: 'PLANNED' } }),
      fake: () => ({ input: { id: f1, status: 'PLANNED' } }),
      expected: notFound('Meeting'),
    },
    // The agenda (issue 9).
    {
      label: "addAgendaItem to B's meeting",
      op: 'addAgendaItem',
      b: () => ({ input: { meetingId: mB.planned, title: 'Taken over', kind: 'OTHER' } }),
      fake: () => ({ input: { meetingId: f1, title: 'Taken over', kind: 'OTHER' } }),
      expected: notFound('Meeting'),
    },
    {
      label: "addAgendaItem under B's agenda item",
      op: 'addAgendaItem',
      b: () => ({ input: { meetingId: mA.planned, parentId: agendaB.id, title: 'Taken over', kind: 'OTHER' } }),
      fake: () => ({ input: { meetingId: mA.planned, parentId: f1, title: 'Taken over', kind: 'OTHER' } }),
      expected: badInput('input.parentId', 'Sub-items go under a top-level item of the same meeting.'),
    },
    {
      label: "addAgendaItem for B's sub-group's report",
      op: 'addAgendaItem',
      b: () => ({ input: { meetingId: mA.planned, title: 'Taken over', kind: 'SUB_GROUP_REPORT', subGroupId: B.subGroupId } }),
      fake: () => ({ input: { meetingId: mA.planned, title: 'Taken over', kind: 'SUB_GROUP_REPORT', subGroupId: f1 } }),
      expected: badInput('input.subGroupId', 'Choose a sub-group of this partnership.'),
    },
    {
      label: "updateAgendaItem on B's item",
      op: 'updateAgendaItem',
      b: () => ({ input: { id: agendaB.id, version: agendaB.version, title: 'Taken over' } }),
      fake: () => ({ input: { id: f1, version: agendaB.version, title: 'Taken over' } }),
      expected: notFound('Agenda item'),
    },
    {
      label: "moveAgendaItem on B's item",
      op: 'moveAgendaItem',
      b: () => ({ input: { id: agendaB.id, version: agendaB.version, position: 1 } }),
      fake: () => ({ input: { id: f1, version: agendaB.version, position: 1 } }),
      expected: notFound('Agenda item'),
    },
    {
      label: "removeAgendaItem on B's item",
      op: 'removeAgendaItem',
      b: () => ({ input: { id: agendaB.id, version: agendaB.version } }),
      fake: () => ({ input: { id: f1, version: agendaB.version } }),
      expected: notFound('Agenda item'),
    },
    {
      label: "setAttendance for B's meeting",
      op: 'setAttendance',
      b: () => ({ input: { meetingId: mB.planned, entries: [] } }),
      fake: () => ({ input: { meetingId: f1, entries: [] } }),
      expected: notFound('Meeting'),
    },
    {
      label: "setAttendance naming B's member",
      op: 'setAttendance',
      b: () => ({ input: { meetingId: mA.planned, entries: [{ userId: B.member.id, status: 'PRESENT' }] } }),
      fake: () => ({ input: { meetingId: mA.planned, entries: [{ userId: f1, status: 'PRESENT' }] } }),
      expected: badInput('input.entries[0].userId', 'Choose a person in this partnership.'),
    },
    {
      label: "recordMinutes on B's item",
      op: 'recordMinutes',
      b: () => ({ input: { agendaItemId: agendaB.id, version: agendaB.version, minutes: 'Taken over' } }),
      fake: () => ({ input: { agendaItemId: f1, version: agendaB.version, minutes: 'Taken over' } }),
      expected: notFound('Agenda item'),
    },
    {
      label: "createBoardAction at B's meeting",
      op: 'createBoardAction',
      b: () => ({ input: { meetingId: mB.planned, title: 'Taken over', ownerUserId: A.member.id, dueDate: '2027-01-31' } }),
      fake: () => ({ input: { meetingId: f1, title: 'Taken over', ownerUserId: A.member.id, dueDate: '2027-01-31' } }),
      expected: notFound('Meeting'),
    },
    {
      label: "createBoardAction owned by B's member",
      op: 'createBoardAction',
      b: () => ({ input: { meetingId: mA.planned, title: 'Taken over', ownerUserId: B.member.id, dueDate: '2027-01-31' } }),
      fake: () => ({ input: { meetingId: mA.planned, title: 'Taken over', ownerUserId: f1, dueDate: '2027-01-31' } }),
      expected: badInput('input.ownerUserId', 'Choose an active person in this partnership.'),
    },
    {
      label: "createBoardAction under B's agenda item",
      op: 'createBoardAction',
      b: () => ({
        input: { meetingId: mA.planned, agendaItemId: agendaB.id, title: 'Taken over', ownerUserId: A.member.id, dueDate: '2027-01-31' },
      }),
      fake: () => ({
        input: { meetingId: mA.planned, agendaItemId: f1, title: 'Taken over', ownerUserId: A.member.id, dueDate: '2027-01-31' },
      }),
      expected: badInput('input.agendaItemId', 'Choose an item of this meeting’s agenda.'),
    },
    {
      label: "attachAgendaPaper to B's item",
      op: 'attachAgendaPaper',
      b: () => ({ input: { agendaItemId: agendaB.id, fileId: eA.files.loose } }),
      fake: () => ({ input: { agendaItemId: f1, fileId: eA.files.loose } }),
      expected: notFound('Agenda item'),
    },
    {
      label: "attachAgendaPaper of B's file",
      op: 'attachAgendaPaper',
      b: () => ({ input: { agendaItemId: paperA, fileId: eB.files.loose } }),
      fake: () => ({ input: { agendaItemId: paperA, fileId: f1 } }),
      expected: badInput('input.fileId', 'Choose a file you uploaded.'),
    },
    {
      label: "remindPackContributors for B's meeting",
      op: 'remindPackContributors',
      b: () => ({ input: { meetingId: mB.planned } }),
      fake: () => ({ input: { meetingId: f1 } }),
      expected: notFound('Meeting'),
    },
    {
      label: "compileBoardPack for B's meeting",
      op: 'compileBoardPack',
      b: () => ({ input: { meetingId: mB.planned } }),
      fake: () => ({ input: { meetingId: f1 } }),
      expected: notFound('Meeting'),
    },
    {
      label: "cancelBoardPack on B's pack",
      op: 'cancelBoardPack',
      b: () => ({ input: { id: packB } }),
      fake: () => ({ input: { id: f1 } }),
      expected: notFound('Board pack'),
    },
    {
      label: "clearPackFinding on B's finding",
      op: 'clearPackFinding',
      b: () => ({ input: { id: findingB, note: 'Taken over' } }),
      fake: () => ({ input: { id: f1, note: 'Taken over' } }),
      expected: notFound('Finding'),
    },
    {
      label: "publishBoardPack on B's pack",
      op: 'publishBoardPack',
      b: () => ({ input: { id: packB } }),
      fake: () => ({ input: { id: f1 } }),
      expected: notFound('Board pack'),
    },
    {
      label: "updateAnnualUpdate on B's update",
      op: 'updateAnnualUpdate',
      b: () => ({ input: { id: annualB, version: 1, title: 'Taken over' } }),
      fake: () => ({ input: { id: f1, version: 1, title: 'Taken over' } }),
      expected: notFound('Annual update'),
    },
    {
      label: "updateBoardAction on B's action",
      op: 'updateBoardAction',
      b: () => ({ input: { id: actionB, version: 1, status: 'COMPLETE' } }),
      fake: () => ({ input: { id: f1, version: 1, status: 'COMPLETE' } }),
      expected: notFound('Board action'),
    },
  ];

  const MEMBERS_ADD = forbidden('Only members of the sub-group (and the board secretariat) can add its evidence.');
  const CHAIR_WRITES = forbidden('Only the sub-group’s chair (or the board secretariat) can write its highlight report.');
  const CHAIR_CHANGES = forbidden('Only the sub-group’s chair (or the board secretariat) can write and submit its highlight report.');

  /**
   * B's evidence by id, and A's evidence naming B's records. A's board member is in the
   * council, so A's draft (the Health member's) is hidden from them, and they are in no
   * sub-group, so may add no evidence.
   */
  const evidenceCases = (f1: string): CrossCase[] => {
    const add = (fields: Record<string, unknown>) => ({
      input: { subGroupId: A.subGroupId, title: 'Leaky evidence', kind: 'DOCUMENT', ...fields },
    });
    const edit = (fields: Record<string, unknown>) => ({ input: { id: eA.draft, ...fields } });
    const linkCases = (
      make: (fields: Record<string, unknown>) => Record<string, unknown>,
      op: OpName,
      verb: string,
      boardMember: Expected,
    ): CrossCase[] =>
      [
        {
          label: `${verb} linking B's action`,
          b: { actionIds: [wB.action] },
          fake: { actionIds: [f1] },
          expected: badInput('input.actionIds', 'Choose actions you can see in this partnership.'),
        },
        {
          label: `${verb} linking B's framework item`,
          b: { frameworkItemIds: [wA.cppA, wB.items.P1] },
          fake: { frameworkItemIds: [wA.cppA, f1] },
          expected: badInput('input.frameworkItemIds', 'Choose framework items from this partnership.'),
        },
        {
          label: `${verb} linking B's copy of a principle`,
          b: { frameworkItemIds: [wB.cppA] },
          fake: { frameworkItemIds: [f1] },
          expected: badInput('input.frameworkItemIds', 'Choose framework items from this partnership.'),
        },
        {
          label: `${verb} attaching B's unattached file`,
          b: { fileIds: [eB.files.loose] },
          fake: { fileIds: [f1] },
          expected: badInput('input.fileIds', 'Attach files you have just uploaded. A file can only be attached to one record.'),
        },
        {
          label: `${verb} attaching B's attached file`,
          b: { fileIds: [eB.files.accepted] },
          fake: { fileIds: [f1] },
          expected: badInput('input.fileIds', 'Attach files you have just uploaded. A file can only be attached to one record.'),
        },
        {
          label: `${verb} restricted to B's user`,
          b: { visibility: 'RESTRICTED', restrictedUserIds: [B.member.id] },
          fake: { visibility: 'RESTRICTED', restrictedUserIds: [f1] },
          expected: badInput('input.restrictedUserIds', 'Choose people from this partnership.'),
        },
      ].map((c) => ({
        label: c.label,
        op,
        b: () => make(c.b),
        fake: () => make(c.fake),
        expected: c.expected,
        byRole: { boardMember },
      }));
    const byId = (op: OpName, label: string, input: (id: string) => Record<string, unknown>, id: () => string): CrossCase => ({
      label,
      op,
      b: () => ({ input: input(id()) }),
      fake: () => ({ input: input(f1) }),
      expected: notFound('Evidence'),
    });
    return [
      {
        label: "createEvidence in B's sub-group",
        op: 'createEvidence',
        b: () => ({ input: { ...add({}).input, subGroupId: B.subGroupId } }),
        fake: () => ({ input: { ...add({}).input, subGroupId: f1 } }),
        expected: badInput('input.subGroupId', 'Choose a sub-group of this partnership.'),
      },
      {
        label: "createEvidence owned by B's agency",
        op: 'createEvidence',
        b: () => add({ agencyId: B.agencies.health }),
        fake: () => add({ agencyId: f1 }),
        expected: badInput('input.agencyId', 'Choose an agency of this partnership.'),
        byRole: {
          boardMember: MEMBERS_ADD,
          chair: badInput('input.agencyId', 'Evidence you add belongs to your own agency.'),
          member: badInput('input.agencyId', 'Evidence you add belongs to your own agency.'),
        },
      },
      ...linkCases(add, 'createEvidence', 'createEvidence in A’s sub-group', MEMBERS_ADD),
      byId(
        'updateEvidence',
        "updateEvidence on B's draft",
        (id) => ({ id, title: 'Taken over' }),
        () => eB.draft,
      ),
      byId(
        'updateEvidence',
        "updateEvidence on B's accepted evidence",
        (id) => ({ id, title: 'Taken over' }),
        () => eB.accepted,
      ),
      ...linkCases(edit, 'updateEvidence', 'updateEvidence on A’s draft', notFound('Evidence')),
      byId(
        'submitEvidence',
        "submitEvidence on B's draft",
        (id) => ({ id }),
        () => eB.draft,
      ),
      byId(
        'acceptEvidence',
        "acceptEvidence on B's submitted evidence",
        (id) => ({ id }),
        () => eB.submitted,
      ),
      byId(
        'returnEvidence',
        "returnEvidence on B's submitted evidence",
        (id) => ({ id, comment: 'Taken over' }),
        () => eB.submitted,
      ),
      byId(
        'addEvidenceComment',
        "addEvidenceComment on B's accepted evidence",
        (id) => ({ evidenceId: id, body: 'Taken over' }),
        () => eB.accepted,
      ),
    ];
  };

  /** B's highlight reports by id, and A's reports naming B's meeting, sub-group or evidence. */
  const reportCases = (f1: string): CrossCase[] => {
    const create = (fields: Record<string, unknown>) => ({
      input: { meetingId: eA.spareMeeting, subGroupId: A.subGroupId, summary: 'Leaky report', ...fields },
    });
    const byId = (op: OpName, label: string, input: (id: string) => Record<string, unknown>, id: () => string): CrossCase => ({
      label,
      op,
      b: () => ({ input: input(id()) }),
      fake: () => ({ input: input(f1) }),
      expected: notFound('Report'),
    });
    return [
      {
        label: "createHighlightReport for B's meeting",
        op: 'createHighlightReport',
        b: () => create({ meetingId: mB.planned }),
        fake: () => create({ meetingId: f1 }),
        expected: badInput('input.meetingId', 'Choose a meeting of this partnership.'),
      },
      {
        label: "createHighlightReport for B's sub-group",
        op: 'createHighlightReport',
        b: () => create({ subGroupId: B.subGroupId }),
        fake: () => create({ subGroupId: f1 }),
        expected: badInput('input.subGroupId', 'Choose a sub-group of this partnership.'),
      },
      {
        label: "createHighlightReport for B's meeting and sub-group",
        op: 'createHighlightReport',
        b: () => create({ meetingId: eB.spareMeeting, subGroupId: B.subGroupId }),
        fake: () => create({ meetingId: f1, subGroupId: f1 }),
        expected: badInput('input.meetingId', 'Choose a meeting of this partnership.'),
      },
      {
        label: "createHighlightReport linking B's accepted evidence",
        op: 'createHighlightReport',
        b: () => create({ evidenceIds: [eB.accepted] }),
        fake: () => create({ evidenceIds: [f1] }),
        expected: badInput('input.evidenceIds', 'Link evidence from this sub-group that its chair has accepted.'),
        byRole: { boardMember: CHAIR_WRITES, member: CHAIR_WRITES },
      },
      byId(
        'updateHighlightReport',
        "updateHighlightReport on B's draft",
        (id) => ({ id, summary: 'Taken over' }),
        () => eB.reportDraft,
      ),
      byId(
        'updateHighlightReport',
        "updateHighlightReport on B's submitted report",
        (id) => ({ id, summary: 'Taken over' }),
        () => eB.reportSubmitted,
      ),
      {
        label: "updateHighlightReport linking B's accepted evidence in A's draft",
        op: 'updateHighlightReport',
        b: () => ({ input: { id: eA.reportDraft, evidenceIds: [eA.accepted, eB.accepted] } }),
        fake: () => ({ input: { id: eA.reportDraft, evidenceIds: [eA.accepted, f1] } }),
        expected: badInput('input.evidenceIds', 'Link evidence from this sub-group that its chair has accepted.'),
        // A's draft is the Health sub-group's: its member sees it but may not change it; the board member does not see it.
        byRole: { boardMember: notFound('Report'), member: CHAIR_CHANGES },
      },
      byId(
        'submitHighlightReport',
        "submitHighlightReport on B's draft",
        (id) => ({ id }),
        () => eB.reportDraft,
      ),
      byId(
        'acceptHighlightReport',
        "acceptHighlightReport on B's submitted report",
        (id) => ({ id }),
        () => eB.reportSubmitted,
      ),
      byId(
        'returnHighlightReport',
        "returnHighlightReport on B's submitted report",
        (id) => ({ id, comment: 'Taken over' }),
        () => eB.reportSubmitted,
      ),
      byId(
        'addHighlightReportComment',
        "addHighlightReportComment on B's submitted report",
        (id) => ({ reportId: id, body: 'Taken over' }),
        () => eB.reportSubmitted,
      ),
    ];
  };

  const OWN_AGENCY = forbidden('You can only add commitments for your own agency.');
  const BOARD_READS = forbidden('Board members read commitments; the agency’s own people add them.');
  const NOT_THEIRS = forbidden('Only the agency’s own people and the board secretariat can change its commitments.');

  /**
   * B's commitments by id, and A's commitments naming B's agency, sub-group, framework items
   * or people. A's board member is in the council and only reads commitments; A's chair and
   * member are in the Health agency, which owns A's offered commitment.
   */
  const commitmentCases = (f1: string): CrossCase[] => {
    const add = (fields: Record<string, unknown>) => ({
      input: { title: 'Leaky commitment', offerArea: 'EMPLOYMENT', dueDate: '2027-03-31', ...fields },
    });
    const edit = (fields: Record<string, unknown>) => ({ input: { id: cA.offered, version: cA.offeredVersion, ...fields } });
    const nameCases = (
      make: (fields: Record<string, unknown>) => Record<string, unknown>,
      op: OpName,
      verb: string,
      boardMember: Expected,
    ): CrossCase[] =>
      [
        {
          label: `${verb} seen by B's sub-group`,
          b: { visibility: 'SUB_GROUP', subGroupId: B.subGroupId },
          fake: { visibility: 'SUB_GROUP', subGroupId: f1 },
          expected: badInput('input.subGroupId', 'Choose a sub-group of this partnership.'),
        },
        {
          label: `${verb} tagged with B's item`,
          b: { frameworkItemIds: [wA.cppA, wB.items.P1] },
          fake: { frameworkItemIds: [wA.cppA, f1] },
          expected: badInput('input.frameworkItemIds', 'Choose framework items from this partnership.'),
        },
        {
          label: `${verb} tagged with B's copy of a principle`,
          b: { frameworkItemIds: [wB.cppA] },
          fake: { frameworkItemIds: [f1] },
          expected: badInput('input.frameworkItemIds', 'Choose framework items from this partnership.'),
        },
        {
          label: `${verb} restricted to B's user`,
          b: { visibility: 'RESTRICTED', restrictedUserIds: [A.member.id, B.member.id] },
          fake: { visibility: 'RESTRICTED', restrictedUserIds: [A.member.id, f1] },
          expected: badInput('input.restrictedUserIds', 'Choose people from this partnership.'),
        },
      ].map((c) => ({
        label: c.label,
        op,
        b: () => make(c.b),
        fake: () => make(c.fake),
        expected: c.expected,
        byRole: { boardMember },
      }));
    const post = (commitmentId: string) => ({
      input: { commitmentId, version: cB.offeredVersion, value: 99, narrative: 'Taken over', status: 'COMPLETE', rag: 'GREEN' },
    });
    return [
      {
        label: "createCommitment owned by B's agency",
        op: 'createCommitment',
        b: () => add({ agencyId: B.agencies.health }),
        fake: () => add({ agencyId: f1 }),
        expected: badInput('input.agencyId', 'Choose an agency of this partnership.'),
        // Only the secretariat may name another agency at all, so the others are refused before the agency is looked up.
        byRole: { boardMember: BOARD_READS, chair: OWN_AGENCY, member: OWN_AGENCY },
      },
      {
        label: "createCommitment owned by B's agency, in A's local offer",
        op: 'createCommitment',
        b: () => add({ agencyId: B.agencies.council, inLocalOffer: true, offerWording: 'Taken over' }),
        fake: () => add({ agencyId: f1, inLocalOffer: true, offerWording: 'Taken over' }),
        expected: badInput('input.agencyId', 'Choose an agency of this partnership.'),
        byRole: { boardMember: BOARD_READS, chair: OWN_AGENCY, member: OWN_AGENCY },
      },
      ...nameCases(add, 'createCommitment', 'createCommitment in A', BOARD_READS),
      {
        label: "updateCommitment on B's commitment in its offer",
        op: 'updateCommitment',
        b: () => ({ input: { id: cB.offered, version: cB.offeredVersion, title: 'Taken over', offerWording: 'Taken over' } }),
        fake: () => ({ input: { id: f1, version: cB.offeredVersion, title: 'Taken over', offerWording: 'Taken over' } }),
        expected: notFound('Commitment'),
      },
      {
        label: "updateCommitment on B's agency-only commitment, putting it in the offer",
        op: 'updateCommitment',
        b: () => ({ input: { id: cB.agencyOnly, version: 1, inLocalOffer: true, offerWording: 'Taken over' } }),
        fake: () => ({ input: { id: f1, version: 1, inLocalOffer: true, offerWording: 'Taken over' } }),
        expected: notFound('Commitment'),
      },
      ...nameCases(edit, 'updateCommitment', 'updateCommitment making A’s commitment', NOT_THEIRS),
      {
        label: "postCommitmentUpdate on B's commitment in its offer",
        op: 'postCommitmentUpdate',
        b: () => post(cB.offered),
        fake: () => post(f1),
        expected: notFound('Commitment'),
      },
      {
        label: "postCommitmentUpdate on B's council commitment",
        op: 'postCommitmentUpdate',
        b: () => ({ input: { ...post(cB.council).input, version: 1 } }),
        fake: () => ({ input: { ...post(f1).input, version: 1 } }),
        expected: notFound('Commitment'),
      },
    ];
  };

  const expectError = (r: GqlResult<unknown>, op: string, expected: Expected) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0];
    expect(e.path).toEqual([op]);
    expect(e.message).toBe(expected.message);
    expect(e.extensions?.code).toBe(expected.code);
    if (expected.code === 'BAD_USER_INPUT') expect(e.extensions?.fields).toEqual([{ path: expected.path, message: expected.message }]);
  };

  it('covers every query and mutation the schema has (a new one without a tenancy test fails here)', async () => {
    const { queries, mutations } = await schemaOperations(stack.client());
    expect([...new Set([...COVERED_MUTATIONS, ...SESSION_MUTATIONS])].sort()).toEqual(mutations);
    expect([...COVERED_QUERIES].sort()).toEqual(queries);
    // The covered list is honest: each mutation in it is either pointed at B below or names no record.
    const crossOps = new Set(crossCases().map((c) => c.op));
    for (const m of COVERED_MUTATIONS) expect(crossOps.has(m as OpName) !== NO_REFERENCE_MUTATIONS.includes(m)).toBe(true);
    for (const q of COVERED_QUERIES) expect(OPS).toHaveProperty(q);
  });

  it("reads by id: B's records answer NOT_FOUND exactly as an id that exists nowhere", async () => {
    const reads: Array<[string, string, string]> = [
      ['agency', B.agencies.council, 'Agency'],
      ['agency', B.agencies.health, 'Agency'],
      ['user', B.secretariat.id, 'User'],
      ['user', B.member.id, 'User'],
      ['user', B.invited.id, 'User'],
      ['user', bGone.id, 'User'],
      ['subGroup', B.subGroupId, 'Sub-group'],
      ['framework', wB.framework, 'Framework'],
      ['framework', wB.retiredFramework, 'Framework'],
      ['framework', wB.principles, 'Framework'],
      ['workPlan', wB.plan, 'Work plan'],
      ['workPlan', wB.draft, 'Work plan'],
      ['action', wB.action, 'Action'],
      ['workPlanCsv', wB.plan, 'Work plan'],
      ['workPlanCsv', wB.draft, 'Work plan'],
      ['meeting', mB.planned, 'Meeting'],
      ['meeting', mB.cancelled, 'Meeting'],
      ['evidence', eB.accepted, 'Evidence'],
      ['evidence', eB.draft, 'Evidence'],
      ['highlightReport', eB.reportSubmitted, 'Report'],
      ['highlightReport', eB.reportDraft, 'Report'],
      ['commitment', cB.offered, 'Commitment'],
      ['commitment', cB.council, 'Commitment'],
      ['commitment', cB.agencyOnly, 'Commitment'],
      ['indicator', iB.id, 'Indicator'],
      ['voiceItem', vB, 'Voice item'],
      ['selfAssessment', saB, 'Self-assessment'],
    ];
    for (const [op, id, what] of reads) {
      const real = await asA.request(OPS[op as OpName], { id });
      const fake = await asA.request(OPS[op as OpName], { id: randomUUID() });
      expectError(real, op, notFound(what));
      expect(real).toEqual(fake);
    }
    // The same queries do find A's own records.
    await expect(asA.ok(OPS.agency, { id: A.agencies.council })).resolves.toMatchObject({ agency: { id: A.agencies.council } });
    await expect(asA.ok(OPS.user, { id: A.member.id })).resolves.toMatchObject({
      user: { id: A.member.id, agency: { id: A.agencies.health } },
    });
    await expect(asA.ok(OPS.subGroup, { id: A.subGroupId })).resolves.toMatchObject({
      subGroup: { id: A.subGroupId, chair: { id: A.chair.id } },
    });
    await expect(asA.ok(OPS.framework, { id: wA.principles })).resolves.toMatchObject({ framework: { id: wA.principles, builtIn: true } });
    await expect(asA.ok(OPS.framework, { id: wA.retiredFramework })).resolves.toMatchObject({ framework: { id: wA.retiredFramework } });
    await expect(asA.ok(OPS.workPlan, { id: wA.plan })).resolves.toMatchObject({ workPlan: { id: wA.plan, subGroupId: A.subGroupId } });
    await expect(asA.ok(OPS.action, { id: wA.action })).resolves.toMatchObject({
      action: { id: wA.action, frameworkItems: [{ code: 'P1' }, { code: 'P3' }, { code: 'CPP-A' }].map((i) => expect.objectContaining(i)) },
    });
    await expect(asA.ok(OPS.meeting, { id: mA.cancelled })).resolves.toMatchObject({
      meeting: { id: mA.cancelled, status: 'CANCELLED', title: 'Alphashire board' },
    });
    await expect(asA.ok(OPS.commitment, { id: cA.agencyOnly })).resolves.toMatchObject({
      commitment: { id: cA.agencyOnly, agency: { id: A.agencies.health }, visibility: 'AGENCY' },
    });
    const csv = await asA.ok<{ workPlanCsv: string }>(OPS.workPlanCsv, { id: wA.plan });
    expect(csv.workPlanCsv).toContain('Alphashire health assessments');
    expect(csv.workPlanCsv).not.toContain('Betaborough');
  });

  it("lists hold only A's rows, and totalCount counts only A's", async () => {
    const lists: Array<[string, string, Record<string, unknown>?]> = [
      ['agencies', 'agencies'],
      ['users', 'users'],
      ['subGroups', 'sub_groups'],
      ['subGroupMemberships', 'sub_group_memberships'],
      ['auditEvents', 'audit_events'],
      ['frameworks', 'frameworks', { includeRetired: true }],
      ['workPlans', 'work_plans'],
      ['actions', 'actions'],
      ['meetings', 'meetings'],
      ['evidenceList', 'evidence'],
      ['highlightReports', 'highlight_reports'],
      // A commitment costs more to ask for than most rows: fewer to a page keeps under the query cost limit.
      ['commitments', 'commitments', { first: 50 }],
      ['voiceItems', 'voice_items', { first: 50 }],
    ];
    for (const [op, table, extra] of lists) {
      const aIds = await tenantIds(stack.pg, table, A.id);
      const bIds = await tenantIds(stack.pg, table, B.id);
      expect(aIds.length).toBeGreaterThan(0);
      expect(bIds.length).toBeGreaterThan(0); // so "none of B's" is a real test
      const data = await asA.ok<Record<string, { totalCount: number; edges: Array<{ node: { id: string } }> }>>(OPS[op as OpName], {
        first: 100,
        ...extra,
      });
      const ids = data[op].edges.map((e) => e.node.id).sort();
      expect(ids).toEqual(aIds);
      expect(ids.filter((id) => bIds.includes(id))).toEqual([]);
      expect(data[op].totalCount).toBe(aIds.length);
    }

    // Filters that name B's records find nothing, rather than B's rows.
    const empty: Array<[OpName, Record<string, unknown>]> = [
      ['users', { filter: { agencyId: B.agencies.council } }],
      ['users', { filter: { search: 'Betaborough' } }],
      ['agencies', { filter: { search: 'Betaborough' } }],
      ['subGroups', { filter: { memberUserId: B.member.id } }],
      ['subGroupMemberships', { filter: { subGroupId: B.subGroupId } }],
      ['subGroupMemberships', { filter: { userId: B.chair.id } }],
      ['auditEvents', { filter: { actorUserId: B.secretariat.id } }],
      ['auditEvents', { filter: { entityId: B.agencies.health } }],
      ['auditEvents', { filter: { entityType: 'Partnership', entityId: B.id } }],
      ['auditEvents', { filter: { entityId: wB.action } }],
      ['auditEvents', { filter: { entityType: 'Framework', entityId: wB.framework } }],
      ['workPlans', { filter: { subGroupId: B.subGroupId } }],
      ['actions', { filter: { workPlanId: wB.plan } }],
      ['actions', { filter: { subGroupId: B.subGroupId } }],
      ['actions', { filter: { objectiveId: wB.objective } }],
      ['actions', { filter: { ownerUserId: B.member.id } }],
      ['actions', { filter: { leadAgencyId: B.agencies.health } }],
      ['actions', { filter: { frameworkItemId: wB.items.P1 } }],
      ['actions', { filter: { frameworkItemId: wB.cppA } }],
      ['auditEvents', { filter: { entityType: 'Meeting', entityId: mB.planned } }],
      ['auditEvents', { filter: { entityId: eB.accepted } }],
      ['auditEvents', { filter: { entityId: eB.files.accepted } }],
      ['auditEvents', { filter: { entityType: 'HighlightReport', entityId: eB.reportSubmitted } }],
      ['auditEvents', { filter: { entityType: 'Commitment', entityId: cB.offered } }],
      ['commitments', { filter: { agencyId: B.agencies.health } }],
      ['commitments', { filter: { frameworkItemId: wB.items.P1 } }],
      ['commitments', { filter: { frameworkItemId: wB.cppA } }],
    ];
    for (const [op, vars] of empty) {
      const data = await asA.ok<Record<string, { totalCount: number; edges: unknown[] }>>(OPS[op], vars);
      expect({ op, vars, totalCount: data[op].totalCount, edges: data[op].edges }).toEqual({ op, vars, totalCount: 0, edges: [] });
    }
    // ...while the same filters on A's records do find them.
    const own = await asA.ok<{ subGroupMemberships: { totalCount: number } }>(OPS.subGroupMemberships, {
      filter: { subGroupId: A.subGroupId },
    });
    expect(own.subGroupMemberships.totalCount).toBe(2);
    const ownAudit = await asA.ok<{ auditEvents: { totalCount: number } }>(OPS.auditEvents, { filter: { actorUserId: A.secretariat.id } });
    // A's member and chair have acted too (evidence, reports), so count only the secretariat's own events.
    const bySecretariat = await stack.pg.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events WHERE partnership_id = $1 AND actor_user_id = $2',
      [A.id, A.secretariat.id],
    );
    expect(bySecretariat.rows[0].n).toBeLessThan(await auditCount(stack.pg, A.id));
    expect(ownAudit.auditEvents.totalCount).toBe(bySecretariat.rows[0].n);
    for (const filter of [
      { workPlanId: wA.plan },
      { frameworkItemId: wA.cppA },
      { ownerUserId: A.member.id },
      { subGroupId: A.subGroupId },
    ]) {
      const d = await asA.ok<{ actions: { edges: Array<{ node: { id: string } }> } }>(OPS.actions, { filter });
      expect({ filter, ids: d.actions.edges.map((e) => e.node.id) }).toEqual({ filter, ids: [wA.action] });
    }
    const plans = await asA.ok<{ workPlans: { totalCount: number } }>(OPS.workPlans, { filter: { subGroupId: A.subGroupId } });
    expect(plans.workPlans.totalCount).toBe(2);
  });

  it.each(ROLES)(
    "%s of A: the indicators and the scorecard are A's own; B's indicator is not found, its code unknown to A's import",
    async (role) => {
      const c = asRole(role);
      const list = await c.ok<{ indicators: Array<{ id: string }> }>(OPS.indicators, { includeRetired: true });
      expect(list.indicators.map((i) => i.id)).toEqual([iA.id]);
      const card = await c.ok<{
        scorecard: Array<{ indicator: { id: string }; latest: { label: string; commentary: string; local: { value: number } } }>;
      }>(OPS.scorecard, {});
      expect(card.scorecard.map((r) => [r.indicator.id, r.latest.label, r.latest.local.value, r.latest.commentary])).toEqual([
        [iA.id, 'Year to 31 March 2025', 92, 'Alphashire kingfisher'],
      ]);
      // Asked for B's sub-group, A's scorecard has nothing: the filter cannot reach across.
      expect((await c.ok<{ scorecard: unknown[] }>(OPS.scorecard, { subGroupId: B.subGroupId })).scorecard).toEqual([]);
      const real = await c.request(OPS.indicator, { id: iB.id });
      const fake = await c.request(OPS.indicator, { id: randomUUID() });
      expectError(real, 'indicator', notFound('Indicator'));
      expect(real).toEqual(fake);
    },
  );

  it.each(ROLES)('%s of A: "you said, we did" holds only A\'s answers, as a list and as CSV', async (role) => {
    const c = asRole(role);
    const period = { from: '2026-09-01', to: '2026-09-30' };
    const list = await c.ok<{ youSaidWeDid: Array<{ id: string }> }>(OPS.youSaidWeDid, period);
    const csv = await c.ok<{ youSaidWeDidCsv: string }>(OPS.youSaidWeDidCsv, period);
    // Board members and the secretariat see every item; the sub-group's chair and member see it as it is assigned to them.
    expect(list.youSaidWeDid.map((l) => l.id)).toEqual([vA]);
    expect(csv.youSaidWeDidCsv).toContain('Alphashire kingfisher');
    expect(csv.youSaidWeDidCsv).not.toContain('Betaborough');
  });

  it.each(ROLES)("%s of A: the principles' coverage and self-assessments are A's own", async (role) => {
    const c = asRole(role);
    const list = await c.ok<{ selfAssessments: Array<{ id: string; evidence: Array<{ id: string }> }> }>(OPS.selfAssessments, {
      period: '2025-26',
    });
    expect(list.selfAssessments.map((a) => a.id)).toEqual([saA]);
    const cov = await c.ok<{
      coverage: { framework: { id: string }; rows: Array<{ code: string; commitments: number; selfAssessment: { id: string } | null }> };
    }>(OPS.coverage, { period: '2025-26' });
    expect(cov.coverage.framework.id).toBe(wA.principles);
    expect(cov.coverage.rows.find((r) => r.code === 'CPP-A')).toMatchObject({ commitments: 1, selfAssessment: { id: saA } });
    // B's principles framework is not there to ask for.
    const other = await c.request(OPS.coverage, { period: '2025-26', frameworkId: wB.principles });
    expectError(other, 'coverage', notFound('Framework'));
  });

  it.each(ROLES)("%s of A: notifications are their own; marking B's reads nothing", async (role) => {
    const c = asRole(role);
    const bIds = (await stack.pg.query<{ id: string }>('SELECT id FROM notifications WHERE partnership_id = $1', [B.id])).rows.map(
      (r) => r.id,
    );
    const list = await c.ok<{ notifications: { totalCount: number } }>(OPS.notifications, { first: 10 });
    const own = (await stack.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [A[role].id]))
      .rows[0].n;
    expect(list.notifications.totalCount).toBe(own);
    expect((await c.ok<{ unreadNotificationCount: number }>(OPS.unreadNotificationCount)).unreadNotificationCount).toBeLessThanOrEqual(own);
    if (bIds.length) {
      expect(
        (await c.ok<{ markNotificationsRead: number }>(OPS.markNotificationsRead, { input: { ids: bIds } })).markNotificationsRead,
      ).toBe(0);
    }
    const prefs = await c.ok<{ notificationPreferences: unknown[] }>(OPS.notificationPreferences);
    expect(prefs.notificationPreferences.length).toBeGreaterThan(0);
  });

  it("reminder rules and calendar feeds are each partnership's and person's own", async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    expect(bFeedUrl).toMatch(/\/calendar\/[\w-]+\.ics$/);
    for (const role of ROLES) {
      const c = asRole(role);
      const rules = await c.ok<{ reminderRules: Array<{ kind: string; enabled: boolean }> }>(OPS.reminderRules);
      expect(rules.reminderRules.find((r) => r.kind === 'ACTION_DUE')).toMatchObject({ enabled: true });
      expect((await c.ok<{ calendarFeed: unknown }>(OPS.calendarFeed)).calendarFeed).toBeNull();
      // Revoking touches only the caller's own feed: B's still works.
      expect((await c.ok<{ revokeCalendarFeed: boolean }>(OPS.revokeCalendarFeed)).revokeCalendarFeed).toBe(false);
    }
    expect((await asA.ok<{ failedJobs: unknown[] }>(OPS.failedJobs)).failedJobs).toEqual([]);
    expect((await asA.ok<{ emailPreview: { text: string } }>(OPS.emailPreview, { kind: 'ACTION_DUE' })).emailPreview.text).toContain(
      'Alphashire',
    );
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });

  it.each(ROLES)("%s of A: board actions and the action log are A's own; B's meeting has no log to read", async (role) => {
    const c = asRole(role);
    const all = await c.ok<{ boardActions: Array<{ id: string }> }>(OPS.boardActions);
    expect(all.boardActions.map((a) => a.id)).not.toContain(actionB);
    const real = await c.request(OPS.actionLog, { meetingId: mB.cancelled });
    const fake = await c.request(OPS.actionLog, { meetingId: randomUUID() });
    expectError(real, 'actionLog', notFound('Meeting'));
    expect(real).toEqual(fake);
    const ready = await c.request(OPS.packReadiness, { meetingId: mB.planned });
    expectError(ready, 'packReadiness', notFound('Meeting'));
    expect(ready).toEqual(await c.request(OPS.packReadiness, { meetingId: randomUUID() }));
  });

  it("A's secretariat finds none of B's board packs: by meeting or by id, as for ids that exist nowhere", async () => {
    const byMeeting = await asA.request(OPS.boardPacks, { meetingId: mB.planned });
    expectError(byMeeting, 'boardPacks', notFound('Meeting'));
    expect(byMeeting).toEqual(await asA.request(OPS.boardPacks, { meetingId: randomUUID() }));
    const byId = await asA.request(OPS.boardPack, { id: packB });
    expectError(byId, 'boardPack', notFound('Board pack'));
    expect(byId).toEqual(await asA.request(OPS.boardPack, { id: randomUUID() }));
    const findings = await asA.request(OPS.packFindings, { packId: packB });
    expectError(findings, 'packFindings', notFound('Board pack'));
    expect(findings).toEqual(await asA.request(OPS.packFindings, { packId: randomUUID() }));
    expect((await asA.ok<{ personalDataNames: string[] }>(OPS.personalDataNames)).personalDataNames).toEqual([]);
    expect((await asA.ok<{ annualUpdate: unknown }>(OPS.annualUpdate, { period: '2025-26' })).annualUpdate).toBeNull();
  });

  it("A's import cannot name B's indicator: its code is unknown, and nothing is written", async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    const csv = `time_period,time_identifier,geographic_level,indicator,value\r\n2026,Reporting year,Local authority,${iB.code},70\r\n`;
    const r = await asA.ok<{ importIndicatorValues: { valid: boolean; imported: boolean; errors: unknown[] } }>(OPS.importIndicatorValues, {
      input: { csv, dryRun: false },
    });
    expect(r.importIndicatorValues).toMatchObject({
      valid: false,
      imported: false,
      errors: [{ row: 2, column: 'indicator', message: `No indicator has the code “${iB.code}”.` }],
    });
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    // A's own code imports.
    const own = await asA.ok<{ importIndicatorValues: { valid: boolean; imported: boolean; created: number } }>(OPS.importIndicatorValues, {
      input: { csv: csv.replace(iB.code, iA.code), dryRun: false },
    });
    expect(own.importIndicatorValues).toMatchObject({ valid: true, imported: true, created: 1 });
  });

  it("partnership, board, me and the dashboard are A's own", async () => {
    const data = await asA.ok<{
      partnership: { id: string; description: string };
      board: { id: string; chairUserId: string; chair: { id: string }; subGroups: Array<{ id: string }> };
      me: { id: string; agency: { id: string } };
    }>(`{ partnership { id description } board { id chairUserId chair { id } subGroups { id } } me { id agency { id } } }`);
    const dash = await asA.ok<{
      partnershipDashboard: Array<{ subGroupId: string; workPlan: { id: string } | null; summary: { total: number } }>;
    }>(OPS.partnershipDashboard);
    expect(dash.partnershipDashboard.map((r) => [r.subGroupId, r.workPlan?.id, r.summary.total])).toEqual([[A.subGroupId, wA.plan, 1]]);
    expect(data.partnership).toEqual({ id: A.id, description: 'Alphashire notes' });
    expect(data.board).toEqual({
      id: A.boardId,
      chairUserId: A.boardMember.id,
      chair: { id: A.boardMember.id },
      subGroups: [{ id: A.subGroupId }],
    });
    expect(data.me).toEqual({ id: A.secretariat.id, agency: { id: A.agencies.council } });
  });

  it("writes naming B's records fail exactly as for an id that exists nowhere, and change nothing in A either", async () => {
    const aBefore = await tenantSnapshot(stack.pg, A.id);
    for (const c of crossCases()) {
      const real = await asA.request(OPS[c.op], c.b());
      const fake = await asA.request(OPS[c.op], c.fake());
      try {
        expectError(real, c.op, c.expected);
        expect(real).toEqual(fake);
      } catch (e) {
        throw new Error(`${c.label}: ${(e as Error).message}`);
      }
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(aBefore);
  });

  it.each(ROLES)(
    "%s of A: B's evidence and reports answer NOT_FOUND by id, and every write naming them fails as for an id that exists nowhere",
    async (role) => {
      const c = asRole(role);
      const aBefore = await tenantSnapshot(stack.pg, A.id);
      const reads: Array<[OpName, string, string]> = [
        ['evidence', eB.accepted, 'Evidence'],
        ['evidence', eB.draft, 'Evidence'],
        ['evidence', eB.submitted, 'Evidence'],
        ['highlightReport', eB.reportSubmitted, 'Report'],
        ['highlightReport', eB.reportDraft, 'Report'],
      ];
      for (const [op, id, what] of reads) {
        const real = await c.request(OPS[op], { id });
        const fake = await c.request(OPS[op], { id: randomUUID() });
        try {
          expectError(real, op, notFound(what));
          expect(real).toEqual(fake);
        } catch (e) {
          throw new Error(`${role} ${op} of B's ${id}: ${(e as Error).message}`);
        }
      }
      // The same reads find A's own records, links and all.
      await expect(c.ok(OPS.evidence, { id: eA.accepted })).resolves.toMatchObject({
        evidence: {
          id: eA.accepted,
          status: 'ACCEPTED',
          actions: [{ id: wA.action }],
          attachments: [{ id: eA.files.accepted }],
          comments: [{ id: eA.comment }],
        },
      });
      await expect(c.ok(OPS.highlightReport, { id: eA.reportSubmitted })).resolves.toMatchObject({
        highlightReport: {
          id: eA.reportSubmitted,
          status: 'SUBMITTED',
          evidence: [{ id: eA.accepted }],
          comments: [{ id: eA.reportComment }],
        },
      });
      const f1 = randomUUID();
      for (const k of [...evidenceCases(f1), ...reportCases(f1)]) {
        const real = await c.request(OPS[k.op], k.b());
        const fake = await c.request(OPS[k.op], k.fake());
        try {
          expectError(real, k.op, k.byRole?.[role] ?? k.expected);
          expect(real).toEqual(fake);
        } catch (e) {
          throw new Error(`${role}: ${k.label}: ${(e as Error).message}`);
        }
      }
      expect(await tenantSnapshot(stack.pg, A.id)).toEqual(aBefore);
      expect(await tenantSnapshot(stack.pg, B.id)).toEqual(bBefore);
    },
  );

  it.each(ROLES)("%s of A: evidence and report lists, and search, hold what they may see of A's and none of B's", async (role) => {
    const c = asRole(role);
    type Conn = { totalCount: number; edges: Array<{ node: { id: string } }> };
    const ids = (x: Conn) => x.edges.map((e) => e.node.id).sort();
    // A's board member is in the council: the Health member's draft, and the Health sub-group's draft report, are not theirs to see.
    const hidden = role === 'boardMember' ? [eA.draft, eA.reportDraft] : [];
    const seen = (list: string[]) => list.filter((id) => !hidden.includes(id)).sort();
    const bEvidence = await tenantIds(stack.pg, 'evidence', B.id);
    const bReports = await tenantIds(stack.pg, 'highlight_reports', B.id);
    const bComments = [
      ...(await tenantIds(stack.pg, 'evidence_comments', B.id)),
      ...(await tenantIds(stack.pg, 'highlight_report_comments', B.id)),
    ];
    // B has a record of every kind for A to find, were anything to leak.
    expect([bEvidence.length, bReports.length, bComments.length]).toEqual([3, 2, 2]);

    const ev = await c.ok<{ evidenceList: Conn }>(OPS.evidenceList, { first: 100 });
    const evidence = seen([eA.accepted, eA.draft, eA.submitted]);
    expect([ev.evidenceList.totalCount, ids(ev.evidenceList)]).toEqual([evidence.length, evidence]);
    const rp = await c.ok<{ highlightReports: Conn }>(OPS.highlightReports, { first: 100 });
    const reports = seen([eA.reportSubmitted, eA.reportDraft]);
    expect([rp.highlightReports.totalCount, ids(rp.highlightReports)]).toEqual([reports.length, reports]);

    // Filters that name B's records find nothing; the same filters on A's find A's.
    const filtered: Array<[OpName, Record<string, unknown>, string[]]> = [
      ['evidenceList', { subGroupId: B.subGroupId }, []],
      ['evidenceList', { agencyId: B.agencies.health }, []],
      ['evidenceList', { actionId: wB.action }, []],
      ['evidenceList', { frameworkItemId: wB.cppA }, []],
      ['evidenceList', { frameworkItemId: wB.items.P1 }, []],
      ['highlightReports', { meetingId: mB.planned }, []],
      ['highlightReports', { subGroupId: B.subGroupId }, []],
      ['evidenceList', { subGroupId: A.subGroupId }, evidence],
      ['evidenceList', { agencyId: A.agencies.health }, evidence],
      ['evidenceList', { actionId: wA.action }, [eA.accepted]],
      ['evidenceList', { frameworkItemId: wA.cppA }, [eA.accepted]],
      ['highlightReports', { meetingId: mA.planned }, [eA.reportSubmitted]],
      ['highlightReports', { subGroupId: A.subGroupId }, reports],
    ];
    for (const [op, filter, want] of filtered) {
      const d = await c.ok<Record<string, Conn>>(OPS[op], { filter, first: 100 });
      expect({ op, filter, totalCount: d[op].totalCount, ids: ids(d[op]) }).toEqual({
        op,
        filter,
        totalCount: want.length,
        ids: [...want].sort(),
      });
    }

    // Search: B's records hold the same words as A's, and none of them is found.
    type Hit = { id: string; kind: string; recordId: string };
    const search = async (query: string, kinds?: string[]) => {
      const d = await c.ok<{ search: { totalCount: number; edges: Array<{ node: Hit }> } }>(OPS.search, { query, kinds, first: 100 });
      const hits = d.search.edges.map((e) => e.node);
      const leaked = hits.filter((h) => [...bEvidence, ...bReports, ...bComments].some((b) => b === h.id || b === h.recordId));
      expect({ role, query, leaked }).toEqual({ role, query, leaked: [] });
      expect(d.search.totalCount).toBe(hits.length);
      return hits.map((h) => [h.kind, h.id, h.recordId].join(' ')).sort();
    };
    const all: Array<[string, string, string]> = [
      ['EVIDENCE', eA.accepted, eA.accepted],
      ['EVIDENCE', eA.draft, eA.draft],
      ['EVIDENCE', eA.submitted, eA.submitted],
      ['EVIDENCE_COMMENT', eA.comment, eA.accepted],
      ['HIGHLIGHT_REPORT', eA.reportSubmitted, eA.reportSubmitted],
      ['HIGHLIGHT_REPORT', eA.reportDraft, eA.reportDraft],
      ['REPORT_COMMENT', eA.reportComment, eA.reportSubmitted],
    ];
    const visible = all.filter(([, , record]) => !hidden.includes(record));
    const want = (kind?: string) =>
      visible
        .filter(([k]) => !kind || k === kind)
        .map((h) => h.join(' '))
        .sort();
    expect(await search('kingfisher')).toEqual(want());
    for (const kind of ['EVIDENCE', 'EVIDENCE_COMMENT', 'HIGHLIGHT_REPORT', 'REPORT_COMMENT']) {
      expect({ kind, hits: await search('kingfisher', [kind]) }).toEqual({ kind, hits: want(kind) });
    }
    expect(await search('health assessments', ['ACTION'])).toEqual([`ACTION ${wA.action} ${wA.action}`]);
    expect(await search('Betaborough')).toEqual([]);
    // B's own secretariat does find B's records with the same words.
    const bHits = await stack.client(bToken).ok<{ search: { totalCount: number } }>(OPS.search, { query: 'kingfisher', first: 100 });
    expect(bHits.search.totalCount).toBe(7);
  });

  it.each(ROLES)("%s of A: B's files download as missing, exactly like a file that does not exist", async (role) => {
    const missing = { code: 'NOT_FOUND', message: 'File not found.' };
    for (const [what, id] of [
      ["B's file on accepted evidence", eB.files.accepted],
      ["B's file on a draft", eB.files.draft],
      ["B's unattached file", eB.files.loose],
      ['a file that does not exist', randomUUID()],
    ]) {
      const r = await downloadFile(stack.url, id, aTokens[role]);
      expect({ what, status: r.status, body: JSON.parse(r.body.toString('utf8')) }).toEqual({ what, status: 404, body: missing });
    }
    // The same request for A's own file on accepted evidence downloads it...
    const own = await downloadFile(stack.url, eA.files.accepted, aTokens[role]);
    expect({ status: own.status, body: own.body.toString('utf8') }).toEqual({ status: 200, body: eA.acceptedBytes });
    // ...and B's own people download B's.
    const theirs = await downloadFile(stack.url, eB.files.accepted, bToken);
    expect({ status: theirs.status, body: theirs.body.toString('utf8') }).toEqual({ status: 200, body: eB.acceptedBytes });
  });

  type Conn = { totalCount: number; edges: Array<{ node: { id: string } }> };
  type OfferItem = { commitmentId: string; title: string; wording: string; eligibility: string | null; agencyName: string };
  type OfferVersion = {
    number: number;
    introduction: string;
    areas: Array<{ area: string; items: OfferItem[] }>;
    changes: Array<{ kind: string; commitmentId: string; fields: string[] }>;
  };
  const offerItems = (v: { areas: Array<{ items: OfferItem[] }> }) => v.areas.flatMap((a) => a.items);
  const PUBLISH_ONLY = forbidden('Only the board secretariat publishes the local offer.');
  const NO_OFFER = { code: 'NOT_FOUND', message: 'There is no published local offer here.' };

  it.each(ROLES)(
    "%s of A: B's commitments answer NOT_FOUND by id; A's lists, summary, versions and preview hold none of B's; every write naming B's fails as for an id that exists nowhere",
    async (role) => {
      const c = asRole(role);
      const aBefore = await tenantSnapshot(stack.pg, A.id);
      for (const id of [cB.offered, cB.council, cB.agencyOnly]) {
        const real = await c.request(OPS.commitment, { id });
        const fake = await c.request(OPS.commitment, { id: randomUUID() });
        try {
          expectError(real, 'commitment', notFound('Commitment'));
          expect(real).toEqual(fake);
        } catch (e) {
          throw new Error(`${role} commitment of B's ${id}: ${(e as Error).message}`);
        }
      }
      // The same read finds A's own, with its agency, items and update.
      const own = await c.ok<{
        commitment: { id: string; agency: { id: string }; frameworkItems: Array<{ id: string }>; offerWording: string; updates: unknown[] };
      }>(OPS.commitment, { id: cA.offered });
      expect({ ...own.commitment, frameworkItems: own.commitment.frameworkItems.map((i) => i.id).sort() }).toMatchObject({
        id: cA.offered,
        agency: { id: A.agencies.health },
        frameworkItems: [wA.items.P1, wA.cppA].sort(),
        offerWording: cA.wordingNow,
        updates: [{ value: 18, narrative: 'Alphashire: 18 checks so far.', author: { id: A.member.id } }],
      });

      // Lists: A's board member is in the council, so the Health agency's own commitment is not theirs to see.
      const health = role === 'boardMember' ? [cA.offered] : [cA.offered, cA.agencyOnly];
      const ownAgency = role === 'chair' || role === 'member' ? health : [cA.council];
      const filtered: Array<[Record<string, unknown> | undefined, string[]]> = [
        [undefined, [...health, cA.council]],
        [{ agencyId: B.agencies.health }, []],
        [{ agencyId: B.agencies.council }, []],
        [{ frameworkItemId: wB.items.P1 }, []],
        [{ frameworkItemId: wB.cppA }, []],
        [{ agencyId: A.agencies.health }, health],
        [{ frameworkItemId: wA.cppA }, [cA.offered]],
        [{ inLocalOffer: true }, [cA.offered, cA.council]],
        [{ myAgency: true }, ownAgency],
      ];
      for (const [filter, want] of filtered) {
        const d = await c.ok<{ commitments: Conn }>(OPS.commitments, { filter, first: 50 });
        const ids = d.commitments.edges.map((e) => e.node.id).sort();
        expect({ role, filter, totalCount: d.commitments.totalCount, ids }).toEqual({
          role,
          filter,
          totalCount: want.length,
          ids: [...want].sort(),
        });
      }

      // The summary counts A's agencies only, and only what the caller may see.
      const summary = await c.ok<{ commitmentSummary: Array<{ agency: { id: string }; total: number; inLocalOffer: number }> }>(
        OPS.commitmentSummary,
      );
      expect(summary.commitmentSummary.map((r) => [r.agency.id, r.total, r.inLocalOffer]).sort()).toEqual(
        [
          [A.agencies.health, health.length, 1],
          [A.agencies.council, 1, 1],
        ].sort(),
      );

      // A's published version 1: A's two offered commitments, worded as published, none of B's.
      const versions = await c.ok<{ localOfferVersions: OfferVersion[] }>(OPS.localOfferVersions);
      expect(versions.localOfferVersions.map((v) => [v.number, v.introduction])).toEqual([[1, 'Alphashire local offer for care leavers.']]);
      expect(
        offerItems(versions.localOfferVersions[0])
          .map((i) => [i.commitmentId, i.wording])
          .sort(),
      ).toEqual(
        [
          [cA.offered, cA.wordingV1],
          [cA.council, 'Alphashire care leavers pay no council tax until they are 25.'],
        ].sort(),
      );

      // The preview is the secretariat's: A's commitments, and the one change A made since version 1.
      const preview = await c.request<{ localOfferPreview: OfferVersion & { nextNumber: number } }>(OPS.localOfferPreview);
      if (role === 'secretariat') {
        const p = preview.data!.localOfferPreview;
        expect({
          next: p.nextNumber,
          ids: offerItems(p)
            .map((i) => i.commitmentId)
            .sort(),
          changes: p.changes,
        }).toEqual({
          next: 2,
          ids: [cA.offered, cA.council].sort(),
          changes: [{ kind: 'CHANGED', commitmentId: cA.offered, fields: ['wording'] }],
        });
      } else {
        expectError(preview, 'localOfferPreview', PUBLISH_ONLY);
      }

      // Writes naming B's records.
      const f1 = randomUUID();
      for (const k of commitmentCases(f1)) {
        const real = await c.request(OPS[k.op], k.b());
        const fake = await c.request(OPS[k.op], k.fake());
        try {
          expectError(real, k.op, k.byRole?.[role] ?? k.expected);
          expect(real).toEqual(fake);
        } catch (e) {
          throw new Error(`${role}: ${k.label}: ${(e as Error).message}`);
        }
      }
      // Only the secretariat publishes; the others are refused, and no one's publication could reach B (the last test).
      if (role !== 'secretariat') {
        expectError(await c.request(OPS.publishLocalOffer, { input: { expectedNumber: 2 } }), 'publishLocalOffer', PUBLISH_ONLY);
      }
      expect(await tenantSnapshot(stack.pg, A.id)).toEqual(aBefore);
      expect(await tenantSnapshot(stack.pg, B.id)).toEqual(bBefore);
    },
  );

  it("each partnership's public local offer, signed out, is its own published version only: as the query and as JSON", async () => {
    const anon = stack.client();
    const sides = [
      { p: A, c: cA, name: 'Alphashire', other: cB },
      { p: B, c: cB, name: 'Betaborough', other: cA },
    ];
    for (const { p, c, name, other } of sides) {
      const want = {
        partnership: `${name} Children in Care Partnership`,
        localAuthority: `${name} Council`,
        number: 1,
        versions: [1],
        introduction: `${name} local offer for care leavers.`,
        items: [
          [c.offered, c.wordingV1],
          [c.council, `${name} care leavers pay no council tax until they are 25.`],
        ].sort(),
      };
      const d = await anon.ok<{
        publicLocalOffer: { partnershipName: string; localAuthority: string; versions: number[]; version: OfferVersion };
      }>(OPS.publicLocalOffer, { partnershipSlug: p.slug });
      const o = d.publicLocalOffer;
      expect({
        partnership: o.partnershipName,
        localAuthority: o.localAuthority,
        number: o.version.number,
        versions: o.versions,
        introduction: o.version.introduction,
        items: offerItems(o.version)
          .map((i) => [i.commitmentId, i.wording])
          .sort(),
      }).toEqual(want);
      // Nothing of the other partnership's, and not the wording changed since version 1 was published.
      const text = JSON.stringify(d);
      for (const leak of [other.offered, other.council, other.agencyOnly, c.agencyOnly, c.wordingNow, other.wordingV1]) {
        expect({ name, leak, found: text.includes(leak) }).toEqual({ name, leak, found: false });
      }
      // Signed in to A as anyone, the slug still decides what is shown.
      for (const role of ROLES) {
        expect({ role, d: await asRole(role).ok(OPS.publicLocalOffer, { partnershipSlug: p.slug }) }).toEqual({ role, d });
      }
      // A version never published answers exactly as a partnership that does not exist.
      const unpublished = await anon.request(OPS.publicLocalOffer, { partnershipSlug: p.slug, number: 2 });
      expectError(unpublished, 'publicLocalOffer', notFound('Local offer'));
      expect(unpublished).toEqual(await anon.request(OPS.publicLocalOffer, { partnershipSlug: `${p.slug}-nowhere` }));

      // The same document as JSON, with no sign-in.
      const res = await fetch(`${stack.url}/public/local-offer/${p.slug}`);
      const json = (await res.json()) as {
        partnership: string;
        localAuthority: string;
        version: number;
        versions: number[];
        introduction: string;
        areas: Array<{ items: OfferItem[] }>;
      };
      expect({
        status: res.status,
        partnership: json.partnership,
        localAuthority: json.localAuthority,
        number: json.version,
        versions: json.versions,
        introduction: json.introduction,
        items: offerItems(json)
          .map((i) => [i.commitmentId, i.wording])
          .sort(),
      }).toEqual({ status: 200, ...want });
      const jsonText = JSON.stringify(json);
      for (const leak of [other.offered, other.council, c.agencyOnly, c.wordingNow]) {
        expect({ name, leak, found: jsonText.includes(leak) }).toEqual({ name, leak, found: false });
      }
      const v2 = await fetch(`${stack.url}/public/local-offer/${p.slug}?version=2`);
      expect({ status: v2.status, body: await v2.json() }).toEqual({ status: 404, body: NO_OFFER });
    }
    const nowhere = await fetch(`${stack.url}/public/local-offer/no-such-partnership`);
    expect({ status: nowhere.status, body: await nowhere.json() }).toEqual({ status: 404, body: NO_OFFER });
  });

  it("each partnership's published board packs, signed out, name its own partnership; an unknown slug is not found", async () => {
    // Neither has published a pack here; packs-public.spec.ts compiles and publishes real ones for both sides.
    const anon = stack.client();
    for (const [p, name] of [
      [A, 'Alphashire'],
      [B, 'Betaborough'],
    ] as const) {
      expect(await anon.ok(OPS.publishedBoardPacks, { partnershipSlug: p.slug })).toEqual({
        publishedBoardPacks: { partnershipName: `${name} Children in Care Partnership`, localAuthority: `${name} Council`, packs: [] },
      });
    }
    expectError(
      await anon.request(OPS.publishedBoardPacks, { partnershipSlug: 'no-such-partnership' }),
      'publishedBoardPacks',
      notFound('Partnership'),
    );
  });

  it("the same writes on A's own records succeed (so the failures above are the tenancy rule)", async () => {
    const ok = <T = Record<string, unknown>>(op: OpName, input: Record<string, unknown>) => asA.ok<T>(OPS[op], { input });
    const audits = await auditCount(stack.pg, A.id);
    await expect(ok('updateAgency', { id: A.agencies.council, name: 'Alphashire Children First' })).resolves.toMatchObject({
      updateAgency: { id: A.agencies.council, name: 'Alphashire Children First' },
    });
    await expect(
      ok('inviteUser', { email: 'new.one@example.test', name: 'New One', agencyId: A.agencies.council, role: 'MEMBER' }),
    ).resolves.toMatchObject({
      inviteUser: { user: { agencyId: A.agencies.council, status: 'INVITED' } },
    });
    await expect(ok('updateUser', { id: A.member.id, agencyId: A.agencies.council, name: 'Renamed' })).resolves.toMatchObject({
      updateUser: { id: A.member.id, agencyId: A.agencies.council, name: 'Renamed' },
    });
    await expect(ok('issuePasswordReset', { userId: A.member.id })).resolves.toMatchObject({
      issuePasswordReset: { user: { id: A.member.id } },
    });
    await expect(ok('deactivateUser', { userId: A.member.id })).resolves.toMatchObject({ deactivateUser: { status: 'DEACTIVATED' } });
    await expect(ok('reactivateUser', { userId: aGone.id })).resolves.toMatchObject({ reactivateUser: { id: aGone.id, status: 'ACTIVE' } });
    await expect(ok('resendInvitation', { userId: A.invited.id })).resolves.toMatchObject({
      resendInvitation: { user: { id: A.invited.id } },
    });
    await expect(ok('createSubGroup', { name: 'Education', chairUserId: A.boardMember.id })).resolves.toMatchObject({
      createSubGroup: { name: 'Education', chair: { id: A.boardMember.id } },
    });
    await expect(ok('updateSubGroup', { id: A.subGroupId, remit: 'Health, CAMHS and dental' })).resolves.toMatchObject({
      updateSubGroup: { id: A.subGroupId, remit: 'Health, CAMHS and dental' },
    });
    await expect(ok('addSubGroupMember', { subGroupId: A.subGroupId, userId: A.boardMember.id })).resolves.toMatchObject({
      addSubGroupMember: { subGroupId: A.subGroupId, userId: A.boardMember.id, role: 'MEMBER' },
    });
    await expect(ok('removeSubGroupMember', { subGroupId: A.subGroupId, userId: A.boardMember.id })).resolves.toMatchObject({
      removeSubGroupMember: { subGroupId: A.subGroupId, userId: A.boardMember.id },
    });
    await expect(ok('updateBoard', { chairUserId: A.secretariat.id })).resolves.toMatchObject({
      updateBoard: { id: A.boardId, chairUserId: A.secretariat.id },
    });
    // The two that name no record act on A's own partnership.
    await expect(ok('updatePartnership', { name: 'Alphashire Corporate Parenting' })).resolves.toMatchObject({
      updatePartnership: { id: A.id, name: 'Alphashire Corporate Parenting' },
    });
    const created = await ok<{ createAgency: { id: string } }>('createAgency', {
      name: "Betaborough Council Children's Services",
      sector: 'LOCAL_AUTHORITY',
    });
    const row = await stack.pg.query('SELECT partnership_id FROM agencies WHERE id = $1', [created.createAgency.id]);
    expect(row.rows).toEqual([{ partnership_id: A.id }]);
    // createSubGroup writes the sub-group and its chair's membership.
    expect(await auditCount(stack.pg, A.id)).toBe(audits + 15);
  });

  it("the same work plan and framework writes on A's own records succeed", async () => {
    const ok = <T = Record<string, unknown>>(op: OpName, input: Record<string, unknown>) => asA.ok<T>(OPS[op], { input });
    const audits = await auditCount(stack.pg, A.id);
    // Frameworks.
    await expect(ok('updateFramework', { id: wA.framework, name: 'Alphashire pledges' })).resolves.toMatchObject({
      updateFramework: { id: wA.framework, name: 'Alphashire pledges' },
    });
    await expect(ok('retireFramework', { id: wA.framework })).resolves.toMatchObject({
      retireFramework: { retiredAt: expect.any(String) },
    });
    await expect(ok('restoreFramework', { id: wA.retiredFramework })).resolves.toMatchObject({ restoreFramework: { retiredAt: null } });
    await expect(ok('createFrameworkItem', { frameworkId: wA.retiredFramework, code: 'X1', title: 'Taken over' })).resolves.toMatchObject({
      createFrameworkItem: { frameworkId: wA.retiredFramework, code: 'X1' },
    });
    await expect(ok('updateFrameworkItem', { id: wA.items.P1, title: 'Taken over' })).resolves.toMatchObject({
      updateFrameworkItem: { id: wA.items.P1, title: 'Taken over' },
    });
    await expect(ok('removeFrameworkItem', { id: wA.items.P2 })).resolves.toEqual({ removeFrameworkItem: { retired: false, item: null } });
    await expect(ok('restoreFrameworkItem', { id: wA.items.P3 })).resolves.toMatchObject({
      restoreFrameworkItem: { id: wA.items.P3, retiredAt: null },
    });
    await expect(ok('restoreFramework', { id: wA.framework })).resolves.toMatchObject({ restoreFramework: { retiredAt: null } });
    // Work plans: everything named is A's own.
    await expect(
      ok('createWorkPlan', { subGroupId: A.subGroupId, title: 'Alphashire 2030', periodStart: '2030-04-01', periodEnd: '2031-03-31' }),
    ).resolves.toMatchObject({
      createWorkPlan: { subGroupId: A.subGroupId, status: 'DRAFT' },
    });
    await expect(ok('updateWorkPlan', { id: wA.plan, title: 'Alphashire health plan' })).resolves.toMatchObject({
      updateWorkPlan: { id: wA.plan, title: 'Alphashire health plan' },
    });
    await expect(ok('createObjective', { workPlanId: wA.plan, title: 'Sexual health' })).resolves.toMatchObject({
      createObjective: { workPlanId: wA.plan, position: 3 },
    });
    await expect(ok('updateObjective', { id: wA.objective, title: 'Physical health and dental', position: 2 })).resolves.toMatchObject({
      updateObjective: { id: wA.objective, position: 2 },
    });
    const refs = {
      ownerUserId: A.chair.id,
      leadAgencyId: A.agencies.council,
      supportingAgencyIds: [A.agencies.health],
      frameworkItemIds: [wA.cppA, wA.items.P1],
      visibility: 'RESTRICTED',
      restrictedUserIds: [A.member.id],
    };
    await expect(
      ok('createAction', { objectiveId: wA.objective, title: 'Own action', dueDate: '2027-03-31', ...refs }),
    ).resolves.toMatchObject({
      createAction: {
        objectiveId: wA.objective,
        ownerUserId: refs.ownerUserId,
        leadAgencyId: refs.leadAgencyId,
        visibility: 'RESTRICTED',
        restrictedUserIds: refs.restrictedUserIds,
      },
    });
    await expect(
      ok('updateAction', { id: wA.action, version: wA.actionVersion, objectiveId: wA.objective2, ...refs }),
    ).resolves.toMatchObject({
      updateAction: { id: wA.action, objectiveId: wA.objective2, ownerUserId: A.chair.id, version: wA.actionVersion + 1 },
    });
    await expect(
      ok('postActionUpdate', {
        actionId: wA.action,
        version: wA.actionVersion + 1,
        narrative: 'Own progress',
        status: 'COMPLETE',
        rag: 'GREEN',
      }),
    ).resolves.toMatchObject({ postActionUpdate: { action: { id: wA.action, displayRag: 'BLUE' } } });
    const agency = (await stack.pg.query('SELECT name FROM agencies WHERE id = $1', [A.agencies.health])).rows[0].name;
    await expect(
      ok('importActions', {
        workPlanId: wA.plan,
        csv: `objective,title,owner_email,lead_agency,due_date\r\nSexual health,Imported,${A.chair.email},${agency},2027-03-31\r\n`,
        dryRun: false,
      }),
    ).resolves.toMatchObject({ importActions: { imported: true, actionsCreated: 1, objectivesCreated: 0 } });
    await expect(ok('closeWorkPlan', { workPlanId: wA.plan })).resolves.toMatchObject({ closeWorkPlan: { id: wA.plan, status: 'CLOSED' } });
    await expect(ok('activateWorkPlan', { workPlanId: wA.draft })).resolves.toMatchObject({
      activateWorkPlan: { id: wA.draft, status: 'ACTIVE' },
    });
    await expect(
      ok('rollForwardWorkPlan', {
        fromWorkPlanId: wA.draft,
        title: 'Alphashire 2028/29',
        periodStart: '2028-04-01',
        periodEnd: '2029-03-31',
      }),
    ).resolves.toMatchObject({ rollForwardWorkPlan: { rolledFromPlanId: wA.draft, status: 'ACTIVE' } });
    // createFramework names no record: it acts on A's own partnership.
    const created = await ok<{ createFramework: { id: string } }>('createFramework', { name: 'Betaborough promises', kind: 'PROMISES' });
    const row = await stack.pg.query('SELECT partnership_id FROM frameworks WHERE id = $1', [created.createFramework.id]);
    expect(row.rows).toEqual([{ partnership_id: A.id }]);
    // One event each, two for a progress update and for a roll forward (the new plan; the old one closed), one per moved objective.
    expect(await auditCount(stack.pg, A.id)).toBe(audits + 23);
  });

  it("the same meeting writes on A's own records succeed", async () => {
    const ok = <T = Record<string, unknown>>(op: OpName, input: Record<string, unknown>) => asA.ok<T>(OPS[op], { input });
    const audits = await auditCount(stack.pg, A.id);
    await expect(ok('updateMeeting', { id: mA.planned, title: 'Taken over', startsAt: '2026-12-10T10:00:00Z' })).resolves.toMatchObject({
      updateMeeting: { id: mA.planned, title: 'Taken over', startsAt: '2026-12-10T10:00:00.000Z' },
    });
    await expect(ok('setMeetingStatus', { id: mA.cancelled, status: 'PLANNED' })).resolves.toMatchObject({
      setMeetingStatus: { id: mA.cancelled, status: 'PLANNED' },
    });
    await expect(ok('setMeetingStatus', { id: mA.planned, status: 'HELD' })).resolves.toMatchObject({
      setMeetingStatus: { id: mA.planned, status: 'HELD' },
    });
    await expect(ok('setMeetingStatus', { id: mA.cancelled, status: 'CANCELLED' })).resolves.toMatchObject({
      setMeetingStatus: { id: mA.cancelled, status: 'CANCELLED' },
    });
    // createMeeting names no record: it acts on A's own partnership.
    const created = await ok<{ createMeeting: { id: string } }>('createMeeting', {
      title: 'Betaborough board',
      startsAt: '2027-06-03T09:30:00Z',
      reportDeadline: '2027-05-20',
    });
    const row = await stack.pg.query('SELECT partnership_id FROM meetings WHERE id = $1', [created.createMeeting.id]);
    expect(row.rows).toEqual([{ partnership_id: A.id }]);
    expect(await auditCount(stack.pg, A.id)).toBe(audits + 5);
  });

  it("the same evidence and report writes on A's own records succeed", async () => {
    const ok = <T = Record<string, unknown>>(op: OpName, input: Record<string, unknown>) => asA.ok<T>(OPS[op], { input });
    const audits = await auditCount(stack.pg, A.id);
    const file = await uploadOk(stack.url, aTokens.secretariat, 'Alphashire own notes\n', 'own.txt');
    // Only the person who uploaded a file attaches it, so the secretariat brings its own second file.
    const second = await uploadOk(stack.url, aTokens.secretariat, 'Alphashire more notes\n', 'more.txt');
    // Everything named is A's own: sub-group, agency, action, items, files, people.
    await expect(
      ok('createEvidence', {
        subGroupId: A.subGroupId,
        agencyId: A.agencies.health,
        title: 'Own evidence',
        kind: 'DOCUMENT',
        actionIds: [wA.action],
        frameworkItemIds: [wA.cppA, wA.items.P1],
        fileIds: [file],
        visibility: 'RESTRICTED',
        restrictedUserIds: [A.member.id],
      }),
    ).resolves.toMatchObject({ createEvidence: { status: 'DRAFT', visibility: 'RESTRICTED', restrictedUserIds: [A.member.id] } });
    await expect(
      ok('updateEvidence', {
        id: eA.draft,
        actionIds: [wA.action],
        frameworkItemIds: [wA.cppA],
        fileIds: [eA.files.draft, second],
        visibility: 'RESTRICTED',
        restrictedUserIds: [A.chair.id],
      }),
    ).resolves.toMatchObject({ updateEvidence: { id: eA.draft, restrictedUserIds: [A.chair.id], version: 2 } });
    await expect(ok('submitEvidence', { id: eA.draft })).resolves.toMatchObject({ submitEvidence: { id: eA.draft, status: 'SUBMITTED' } });
    await expect(ok('returnEvidence', { id: eA.submitted, comment: 'Add the figures.' })).resolves.toMatchObject({
      returnEvidence: { id: eA.submitted, status: 'RETURNED', returnComment: 'Add the figures.' },
    });
    await expect(ok('acceptEvidence', { id: eA.draft })).resolves.toMatchObject({ acceptEvidence: { id: eA.draft, status: 'ACCEPTED' } });
    await expect(ok('addEvidenceComment', { evidenceId: eA.accepted, body: 'Own comment' })).resolves.toMatchObject({
      addEvidenceComment: { body: 'Own comment', author: { id: A.secretariat.id } },
    });
    // Reports: A's meeting, A's sub-group, A's accepted evidence.
    await expect(
      ok('createHighlightReport', {
        meetingId: eA.spareMeeting,
        subGroupId: A.subGroupId,
        summary: 'Own report',
        evidenceIds: [eA.accepted],
      }),
    ).resolves.toMatchObject({ createHighlightReport: { status: 'DRAFT', summary: 'Own report' } });
    await expect(ok('updateHighlightReport', { id: eA.reportDraft, evidenceIds: [eA.accepted, eA.draft] })).resolves.toMatchObject({
      updateHighlightReport: { id: eA.reportDraft, version: 2 },
    });
    await expect(ok('submitHighlightReport', { id: eA.reportDraft })).resolves.toMatchObject({
      submitHighlightReport: { id: eA.reportDraft, status: 'SUBMITTED' },
    });
    await expect(ok('returnHighlightReport', { id: eA.reportSubmitted, comment: 'Say more about risks.' })).resolves.toMatchObject({
      returnHighlightReport: { id: eA.reportSubmitted, status: 'RETURNED' },
    });
    await expect(ok('acceptHighlightReport', { id: eA.reportDraft })).resolves.toMatchObject({
      acceptHighlightReport: { id: eA.reportDraft, status: 'ACCEPTED' },
    });
    await expect(ok('addHighlightReportComment', { reportId: eA.reportDraft, body: 'Own comment' })).resolves.toMatchObject({
      addHighlightReportComment: { body: 'Own comment', author: { id: A.secretariat.id } },
    });
    const row = await stack.pg.query('SELECT partnership_id FROM evidence_files WHERE file_id = $1', [file]);
    expect(row.rows).toEqual([{ partnership_id: A.id }]);
    // One event each, and one for the upload.
    expect(await auditCount(stack.pg, A.id)).toBe(audits + 14);
  });

  it("the same commitment writes on A's own records succeed, and A's publication holds A's commitments only", async () => {
    const ok = <T = Record<string, unknown>>(op: OpName, input: Record<string, unknown>) => asA.ok<T>(OPS[op], { input });
    const audits = await auditCount(stack.pg, A.id);
    // Everything named is A's own: agency, sub-group, items, people.
    const refs = { frameworkItemIds: [wA.cppA, wA.items.P1], visibility: 'SUB_GROUP', subGroupId: A.subGroupId };
    const created = await ok<{ createCommitment: { id: string; visibility: string } }>('createCommitment', {
      agencyId: A.agencies.health,
      title: 'Alphashire mentors for care leavers',
      offerArea: 'RELATIONSHIPS',
      dueDate: '2027-03-31',
      inLocalOffer: true,
      offerWording: 'Alphashire care leavers can have a volunteer mentor.',
      ...refs,
    });
    const row = await stack.pg.query('SELECT partnership_id, agency_id, sub_group_id FROM commitments WHERE id = $1', [
      created.createCommitment.id,
    ]);
    expect(row.rows).toEqual([{ partnership_id: A.id, agency_id: A.agencies.health, sub_group_id: A.subGroupId }]);
    await expect(
      ok('createCommitment', {
        title: 'Alphashire named review',
        offerArea: 'OTHER',
        reviewDate: '2027-03-31',
        visibility: 'RESTRICTED',
        restrictedUserIds: [A.member.id],
      }),
    ).resolves.toMatchObject({ createCommitment: { visibility: 'RESTRICTED', restrictedUserIds: [A.member.id] } });
    await expect(ok('updateCommitment', { id: cA.offered, version: cA.offeredVersion, ...refs })).resolves.toMatchObject({
      updateCommitment: { id: cA.offered, visibility: 'SUB_GROUP', version: cA.offeredVersion + 1 },
    });
    await expect(
      ok('postCommitmentUpdate', {
        commitmentId: cA.offered,
        version: cA.offeredVersion + 1,
        value: 30,
        narrative: 'Own progress',
        status: 'COMPLETE',
        rag: 'GREEN',
      }),
    ).resolves.toMatchObject({ postCommitmentUpdate: { commitment: { id: cA.offered, currentValue: 30, status: 'COMPLETE' } } });
    // publishLocalOffer names no record: it publishes A's own offer, none of B's, and leaves B's public offer as it was.
    const published = await ok<{ publishLocalOffer: OfferVersion }>('publishLocalOffer', { expectedNumber: 2 });
    const v2 = published.publishLocalOffer;
    expect({
      number: v2.number,
      ids: offerItems(v2)
        .map((i) => i.commitmentId)
        .sort(),
      changes: v2.changes.map((x) => [x.kind, x.commitmentId, x.fields.join()]).sort(),
    }).toEqual({
      number: 2,
      ids: [cA.offered, cA.council, created.createCommitment.id].sort(),
      // The council was renamed by an earlier test, so its commitment's agency reads differently too.
      changes: [
        ['ADDED', created.createCommitment.id, ''],
        ['CHANGED', cA.offered, 'wording'],
        ['CHANGED', cA.council, 'agency'],
      ].sort(),
    });
    const theirs = (await (await fetch(`${stack.url}/public/local-offer/${B.slug}`)).json()) as {
      version: number;
      versions: number[];
      areas: Array<{ items: OfferItem[] }>;
    };
    expect({
      version: theirs.version,
      versions: theirs.versions,
      ids: offerItems(theirs)
        .map((i) => i.commitmentId)
        .sort(),
    }).toEqual({
      version: 1,
      versions: [1],
      ids: [cB.offered, cB.council].sort(),
    });
    const ours = (await (await fetch(`${stack.url}/public/local-offer/${A.slug}`)).json()) as { version: number; versions: number[] };
    expect([ours.version, ours.versions]).toEqual([2, [2, 1]]);
    // One event each, two for a progress update.
    expect(await auditCount(stack.pg, A.id)).toBe(audits + 6);
  });

  it('leaves B byte-for-byte unchanged, with no audit rows about B anywhere', async () => {
    expect(await tenantSnapshot(stack.pg, B.id)).toEqual(bBefore);
    expect(await auditCount(stack.pg, B.id)).toBe(bAuditBefore);
    const bUsers = await tenantIds(stack.pg, 'users', B.id);
    const aUsers = await tenantIds(stack.pg, 'users', A.id);
    const bRecords = [
      B.id,
      ...bUsers,
      ...(await tenantIds(stack.pg, 'agencies', B.id)),
      ...(await tenantIds(stack.pg, 'sub_groups', B.id)),
      ...(await tenantIds(stack.pg, 'sub_group_memberships', B.id)),
      B.boardId,
      ...(await tenantIds(stack.pg, 'frameworks', B.id)),
      ...(await tenantIds(stack.pg, 'framework_items', B.id)),
      ...(await tenantIds(stack.pg, 'work_plans', B.id)),
      ...(await tenantIds(stack.pg, 'objectives', B.id)),
      ...(await tenantIds(stack.pg, 'actions', B.id)),
      ...(await tenantIds(stack.pg, 'action_updates', B.id)),
      ...(await tenantIds(stack.pg, 'meetings', B.id)),
      ...(await tenantIds(stack.pg, 'files', B.id)),
      ...(await tenantIds(stack.pg, 'evidence', B.id)),
      ...(await tenantIds(stack.pg, 'evidence_comments', B.id)),
      ...(await tenantIds(stack.pg, 'highlight_reports', B.id)),
      ...(await tenantIds(stack.pg, 'highlight_report_comments', B.id)),
      ...(await tenantIds(stack.pg, 'commitments', B.id)),
      ...(await tenantIds(stack.pg, 'commitment_updates', B.id)),
      ...(await tenantIds(stack.pg, 'local_offer_versions', B.id)),
    ];
    expect(bRecords).toEqual(expect.arrayContaining([wB.action, wB.plan, wB.framework, wB.principles, wB.cppA, mB.planned, mB.cancelled]));
    expect(bRecords).toEqual(
      expect.arrayContaining([
        eB.accepted,
        eB.draft,
        eB.submitted,
        eB.comment,
        eB.reportSubmitted,
        eB.reportDraft,
        eB.reportComment,
        ...Object.values(eB.files),
        cB.offered,
        cB.council,
        cB.agencyOnly,
      ]),
    );
    // Nothing A did was recorded in B's log, and A's log records nothing of B's.
    const byA = await stack.pg.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE partnership_id = $1 AND actor_user_id = ANY($2::uuid[])',
      [B.id, aUsers],
    );
    expect(byA.rows[0].n).toBe(0);
    const aboutB = await stack.pg.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE partnership_id <> $1 AND entity_id = ANY($2::uuid[])',
      [B.id, bRecords],
    );
    expect(aboutB.rows[0].n).toBe(0);
  });
});
