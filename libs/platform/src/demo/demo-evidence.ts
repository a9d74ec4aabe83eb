import { isAbsolute, join } from 'node:path';
import { type AppConfig, addDays, londonTime, londonToday } from '@pbw/core';
import { AuditRepository, MutationRunner, snapshot } from '@pbw/audit';
import { type TxScope, Visibility } from '@pbw/db';
import { AgencyRepository, MembershipRepository, UserRepository, UserStatus } from '@pbw/identity';
import { SubGroupRepository } from '@pbw/boards';
import { FrameworkItemRepository, FrameworkRepository } from '@pbw/frameworks';
import {
  ActionRepository,
  ActionStatus,
  ActionUpdateRepository,
  ObjectiveRepository,
  WorkPlanRepository,
  WorkPlansService,
} from '@pbw/workplans';
import { type MeetingEntity, MeetingRepository, MeetingStatus, MeetingsService } from '@pbw/meetings';
import { type FileEntity, FileRepository, type FileStorage, LocalDiskFileStorage, sniffContentType } from '@pbw/files';
import { EvidenceCommentRepository, type EvidenceEntity, EvidenceKind, EvidenceRepository, EvidenceStatus } from '@pbw/evidence';
import {
  HighlightReportCommentRepository,
  type HighlightReportEntity,
  HighlightReportRepository,
  type ReportSnapshotData,
  ReportStatus,
  ReportsService,
  isLate,
} from '@pbw/reports';
import { DEFAULT_MEETING_TITLE } from '@pbw/meetings';
import { DEMO_PROMISES } from './demo-work-plans';

/**
 * The demo's board cycle: two board meetings (one held about two months before the demo
 * is loaded, one planned about three weeks after, each with its report deadline ten days
 * before), evidence of progress in every sub-group at every stage of its workflow, and the
 * highlight reports the sub-groups sent to the held meeting and are writing for the next.
 *
 * Everything is dated relative to the day the demo is loaded, as the work plans are.
 * Meetings go through MeetingsService as the system. Evidence, reports, comments and
 * files are written through their repositories, each step audited as the system, because
 * each is by a named demo person on a past date (which the services, acting for the
 * signed-in person at this moment, cannot say); the loader checks the same rules the
 * services do (an author in the sub-group, the sub-group's chair reviewing, comments from
 * its chair, board members and the secretariat, reports linking accepted evidence of their
 * own sub-group, `late` decided by the reports service's rule), and a report's frozen
 * snapshot comes from ReportsService itself.
 *
 * Idempotent like the rest of the demo: evidence is keyed by sub-group and title, and only
 * what is missing is added. The meetings and their reports are one unit, added only to a
 * partnership that has no meetings yet, so a restart on a later day never adds a second
 * cycle. The Education sub-group's report for the planned meeting is left as a draft for
 * its chair to submit, and the Employment and Housing sub-groups have no report for it yet.
 */

type EvidenceStep = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';

interface DemoFile {
  name: string;
  content: string;
}

interface DemoComment {
  /** A demo person's name: the sub-group's chair, a board member or the secretariat. */
  by: string;
  /** Days after the evidence (or report) reached its last step. */
  after: number;
  text: string;
}

export interface DemoEvidence {
  subGroup: string;
  title: string;
  narrative: string;
  kind: EvidenceKind;
  /** A member of the sub-group; the owning agency is theirs. */
  author: string;
  visibility: Visibility;
  /** People named when the visibility is RESTRICTED. */
  restrictedTo?: string[];
  /** Titles of the sub-group's demo actions it is evidence for. */
  actions: string[];
  /** Statutory principle and promise codes. */
  tags: string[];
  status: EvidenceStep;
  /** Days before the load it was added; submitted a day later, reviewed three days after that. */
  added: number;
  /** Why the chair returned it. */
  returnComment?: string;
  files?: DemoFile[];
  comments?: DemoComment[];
}

/** Sub-group key → its chair's name, as in demo-partnership.ts (checked against the memberships when loading). */
const CHAIRS: Record<string, string> = {
  education: 'Sunita Rao',
  employment: 'Daniel Hughes',
  housing: 'Bethan Lloyd',
  placements: 'Graham Ellis',
  health: 'Rachel Turner',
};

/** The secretariat member who runs the board cycle. */
const SECRETARIAT = 'Amira Okafor';

/** Days before the load the held meeting took place, before moving it to a Thursday. */
const HELD_AGO = 60;
/** Days after the load the next meeting is planned, before moving it to a Thursday. */
const PLANNED_IN = 21;
/** Reports are due this many days before the meeting. */
const DEADLINE_BEFORE = 10;

export const DEMO_EVIDENCE: readonly DemoEvidence[] = [
  {
    subGroup: 'education',
    title: 'PEP quality assurance: autumn term results',
    narrative:
      'Results of the autumn term quality assurance of personal education plans (PEPs). The virtual school sampled 96 PEPs across ' +
      'every phase: 81 (84%) were rated good or better, up from 74% in the summer term.\n\n' +
      'Key Stage 4 remains the weakest phase (76%): targets are still not specific enough about predicted grades and the support ' +
      'paid for from pupil premium plus. The designated teacher guidance note has been updated with worked examples.\n\n' +
      'The attached table gives the figures by phase.',
    kind: EvidenceKind.DATA,
    author: 'Peter Walsh',
    visibility: Visibility.PARTNERSHIP,
    actions: ['Raise the share of PEPs rated good or better at termly quality assurance to 90%'],
    tags: ['CPP-E', 'P2'],
    status: 'ACCEPTED',
    added: 20,
    files: [
      {
        name: 'pep-quality-assurance-autumn-term.csv',
        content:
          'phase,peps_sampled,good_or_better,percent_good_or_better\r\n' +
          'Primary,38,34,89\r\n' +
          'Secondary (Key Stage 3),27,22,81\r\n' +
          'Secondary (Key Stage 4),21,16,76\r\n' +
          'Post-16,10,9,90\r\n' +
          'All phases,96,81,84\r\n',
      },
    ],
    comments: [
      {
        by: 'Sunita Rao',
        after: 0,
        text: 'Checked against the quality assurance log: the figures match. Accepted as evidence for the next highlight report.',
      },
      {
        by: 'Helen Ashworth',
        after: 5,
        text: 'Good progress. Could the board see the Key Stage 4 picture school by school at the next meeting, so we know where to push?',
      },
    ],
  },
  {
    subGroup: 'education',
    title: 'Designated teacher training: attendance and feedback',
    narrative:
      'Two training sessions for designated teachers on using pupil premium plus well. 47 of Riverside’s 52 schools now have a ' +
      'trained designated teacher; the virtual school is visiting the remaining five one to one.\n\n' +
      'Feedback from the sessions is attached: 93% rated them useful or very useful, and most asked for worked examples, which the ' +
      'second session included.',
    kind: EvidenceKind.DOCUMENT,
    author: 'Peter Walsh',
    visibility: Visibility.PARTNERSHIP,
    actions: ['Train a designated teacher in every Riverside school on using pupil premium plus well'],
    tags: ['CPP-E', 'CPP-D', 'P2'],
    status: 'ACCEPTED',
    added: HELD_AGO + 45,
    files: [
      {
        name: 'designated-teacher-training-feedback.txt',
        content:
          'Designated teacher training: pupil premium plus\n' +
          'Riverside Virtual School\n\n' +
          'Sessions held: 2\n' +
          'Schools represented: 47 of 52\n' +
          'Feedback forms returned: 41\n' +
          'Rated useful or very useful: 38 of 41 (93%)\n\n' +
          'What people said would help next:\n' +
          '- worked examples of pupil premium plus plans for Key Stage 4\n' +
          '- a termly drop-in with the virtual school\n' +
          '- a short guide to share with foster carers\n',
      },
    ],
  },
  {
    subGroup: 'education',
    title: 'Care leavers at college: what helped in the first term',
    narrative:
      'Twelve care leavers who started at Riverside College in September told us, in a group session and one to one, what helped ' +
      'them settle. Most named a named person at college they could go to, help with travel costs, and being able to catch up on ' +
      'work they missed. Three said they nearly left in the first month because of money worries.',
    kind: EvidenceKind.VOICE_OF_YOUNG_PEOPLE,
    author: 'Kwame Mensah',
    visibility: Visibility.PARTNERSHIP,
    actions: [],
    tags: ['CPP-B', 'CPP-C', 'P1', 'P2'],
    status: 'SUBMITTED',
    added: 6,
  },
  {
    subGroup: 'education',
    title: 'Level 3 course attendance for care leavers this term (draft)',
    narrative:
      'Attendance so far this term for the 19 care leavers on level 3 courses. To be checked with the registry before it is shared.',
    kind: EvidenceKind.DATA,
    author: 'Kwame Mensah',
    visibility: Visibility.AGENCY,
    actions: [],
    tags: ['CPP-E', 'P2'],
    status: 'DRAFT',
    added: 2,
  },
  {
    subGroup: 'employment',
    title: 'Council apprenticeships: the first three care leavers',
    narrative:
      'Case studies of the three care leavers who started ring-fenced council apprenticeships (highways, finance, and business ' +
      'support in children’s services), written with them. Each had a guaranteed interview with their personal adviser there, ' +
      'and each has a mentor in the service. Two have completed their first assessment.',
    kind: EvidenceKind.CASE_STUDY,
    author: 'Lucy Brennan',
    visibility: Visibility.PARTNERSHIP,
    actions: ['Ring-fence three council apprenticeships a year for care leavers'],
    tags: ['CPP-E', 'CPP-G', 'P6'],
    status: 'ACCEPTED',
    added: HELD_AGO + 35,
    comments: [
      {
        by: 'Daniel Hughes',
        after: 0,
        text: 'Accepted. A good model for partners: the Jobcentre will offer the same guaranteed interview.',
      },
      {
        by: 'Marcus Bell',
        after: 9,
        text: 'Encouraging. What would it take for every partner on the board to ring-fence one apprenticeship next year?',
      },
    ],
  },
  {
    subGroup: 'employment',
    title: 'Jobcentre work coach in the leaving care team: first quarter',
    narrative:
      'In its first quarter the work coach saw 34 care leavers in the leaving care team’s office. 11 started work or training, ' +
      'and 6 more are on a work experience placement.',
    kind: EvidenceKind.DATA,
    author: 'Imran Qureshi',
    visibility: Visibility.SUB_GROUP,
    actions: ['Base a Jobcentre work coach in the leaving care team one day a week'],
    tags: ['CPP-D', 'P6'],
    status: 'RETURNED',
    added: 14,
    returnComment:
      'Thank you. Please split the figures by age (19 to 21, and 22 to 25) so we can set them against the EET measure, then submit again.',
  },
  {
    subGroup: 'health',
    title: 'Initial health assessments within 20 working days: last quarter',
    narrative:
      'Initial health assessments completed within 20 working days of a child coming into care, month by month for the last ' +
      'quarter: 29 of 41 (71%), up from 48% at the start of the year. The remaining delays are mostly where consent arrived late.',
    kind: EvidenceKind.DATA,
    author: 'Farah Malik',
    visibility: Visibility.PARTNERSHIP,
    actions: ['Complete initial health assessments within 20 working days of a child coming into care'],
    tags: ['CPP-A', 'P3'],
    status: 'ACCEPTED',
    added: HELD_AGO + 30,
    files: [
      {
        name: 'initial-health-assessments-quarter.csv',
        content:
          'month,children_coming_into_care,assessed_within_20_working_days,percent\r\n' +
          'Month 1,14,9,64\r\n' +
          'Month 2,11,8,73\r\n' +
          'Month 3,16,12,75\r\n' +
          'Quarter,41,29,71\r\n',
      },
    ],
    comments: [
      {
        by: 'Rachel Turner',
        after: 0,
        text: 'Accepted. The same-day notification from social care is making the difference; we will keep reporting monthly.',
      },
    ],
  },
  {
    subGroup: 'health',
    title: 'What young people said about their health assessments',
    narrative:
      'Notes from the Children in Care Council’s session on health assessments. Young people asked to choose where the ' +
      'assessment happens, to see the same nurse each time, and not to be asked the same questions twice. Some quotes could ' +
      'identify the young people, so this is shared only with the designated nurse and doctor.',
    kind: EvidenceKind.VOICE_OF_YOUNG_PEOPLE,
    author: 'Hannah Reid',
    visibility: Visibility.RESTRICTED,
    restrictedTo: ['Rachel Turner', 'Farah Malik'],
    actions: ['Health and wellbeing survey of children in care, designed with the Children in Care Council'],
    tags: ['CPP-B', 'CPP-C', 'P1', 'P3'],
    status: 'ACCEPTED',
    added: 25,
  },
  {
    subGroup: 'placements',
    title: 'Return home interviews: review of ten cases',
    narrative:
      'A review of ten recent missing episodes where the return home interview was late. In seven, the episode ended on a Friday ' +
      'or at the weekend; in two, the young person declined the first offer. The review recommends a weekend rota until the new ' +
      'provider starts.',
    kind: EvidenceKind.CASE_STUDY,
    author: 'Chloe Dixon',
    visibility: Visibility.SUB_GROUP,
    actions: ['Return home interviews within 72 hours for every child in care who goes missing'],
    tags: ['CPP-F', 'CPP-A', 'P4'],
    status: 'SUBMITTED',
    added: 4,
  },
  {
    subGroup: 'housing',
    title: 'Housing protocol for care leavers leaving custody: first draft',
    narrative:
      'First draft of the protocol between probation, housing options and the leaving care team, so that no care leaver leaves ' +
      'custody without somewhere to live. Still to be checked with the prison resettlement teams.',
    kind: EvidenceKind.OTHER,
    author: 'Megan Doyle',
    visibility: Visibility.SUB_GROUP,
    actions: ['Agree a housing protocol for care leavers leaving custody'],
    tags: ['CPP-G', 'P6'],
    status: 'DRAFT',
    added: 1,
    files: [
      {
        name: 'custody-housing-protocol-draft.txt',
        content:
          'Housing protocol for care leavers leaving custody (first draft)\n\n' +
          '1. The prison resettlement team tells the leaving care team and housing options 12 weeks before release.\n' +
          '2. The personal adviser visits within 4 weeks of that notice and agrees a housing plan with the young person.\n' +
          '3. Housing options confirms the offer of accommodation at least 2 weeks before release.\n' +
          '4. On the day of release the young person is met and taken to their accommodation.\n' +
          '5. Any release without accommodation is reported to the Housing and support sub-group.\n',
      },
    ],
  },
];

export interface DemoReport {
  meeting: 'held' | 'planned';
  subGroup: string;
  summary: string;
  achievements: string;
  risksAndIssues: string;
  asksOfBoard: string;
  /** Titles of the sub-group's accepted demo evidence. */
  evidence: string[];
  status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
  /** For the held meeting: days before its report deadline it was submitted (negative: after it, so late). */
  submittedBeforeDeadline?: number;
  /** For the planned meeting: days before the load it was submitted (its deadline is still ahead). */
  submittedDaysAgo?: number;
  /** Why the secretariat returned it. */
  returnComment?: string;
  comments?: DemoComment[];
}

export const DEMO_REPORTS: readonly DemoReport[] = [
  {
    meeting: 'held',
    subGroup: 'education',
    summary:
      'The education work plan is mostly on track. Designated teacher training is complete in 47 of 52 schools and the quality ' +
      'of personal education plans is improving. Holding PEP meetings on time for children placed out of borough is the main ' +
      'concern.',
    achievements:
      'Designated teacher training delivered in two sessions (see evidence).\nNo permanent exclusions of children in care this year to date.',
    risksAndIssues:
      'Out-of-borough PEP meetings: only nine of 14 virtual schools have agreed the protocol.\nAn education adviser vacancy is slowing the PEP quality assurance.',
    asksOfBoard:
      'That the Director of Children’s Services raises the out-of-borough PEP protocol at the regional virtual school heads’ meeting.',
    evidence: ['Designated teacher training: attendance and feedback'],
    status: 'ACCEPTED',
    submittedBeforeDeadline: 2,
    comments: [
      {
        by: 'Helen Ashworth',
        after: 14,
        text: 'Thank you. The board agreed the ask; the Director will report back on the out-of-borough protocol at the next meeting.',
      },
    ],
  },
  {
    meeting: 'held',
    subGroup: 'health',
    summary:
      'Initial health assessments are improving (71% on time last quarter, from 48%) but remain below the 90% target. Dental ' +
      'registration is not moving and has been escalated.',
    achievements:
      'Same-day notification and consent from social care.\nHealth passports now given at every final review health assessment.',
    risksAndIssues: 'Dental registration stuck at 72%: a wider access problem.\nPaediatric clinic capacity for initial assessments.',
    asksOfBoard: 'Support from the integrated care board’s dental commissioners for priority access for children in care.',
    evidence: ['Initial health assessments within 20 working days: last quarter'],
    status: 'ACCEPTED',
    // Sent three days after the deadline: the meeting page shows it as late.
    submittedBeforeDeadline: -3,
  },
  {
    meeting: 'held',
    subGroup: 'employment',
    summary:
      'The three ring-fenced council apprenticeships are filled by care leavers, and the Jobcentre work coach is now based in the ' +
      'leaving care team one day a week.',
    achievements: 'Three care leavers started council apprenticeships (see evidence).',
    risksAndIssues: 'Work experience placements for Year 10 pupils in care are behind: partners have offered 12 of the 20 needed.',
    asksOfBoard: 'Each partner agency to offer at least one work experience placement for a Year 10 pupil in care.',
    evidence: ['Council apprenticeships: the first three care leavers'],
    status: 'SUBMITTED',
    submittedBeforeDeadline: 1,
  },
  {
    meeting: 'planned',
    subGroup: 'education',
    summary:
      'PEP quality has risen to 84% good or better this term, against a target of 90%. Children in care are staying in school: ' +
      'there have been no permanent exclusions this year.',
    achievements:
      'Autumn term PEP quality assurance: 84% good or better, up from 74% (see evidence).\nSuspension days down by a third on last year.',
    risksAndIssues: 'Out-of-borough PEP meetings: three authorities have still not signed the protocol.',
    asksOfBoard: 'Continued pressure through the regional virtual school heads on the three authorities that have not signed the protocol.',
    evidence: ['PEP quality assurance: autumn term results'],
    // Left for the chair to submit (the browser tests do).
    status: 'DRAFT',
  },
  {
    meeting: 'planned',
    subGroup: 'health',
    summary:
      'Initial health assessments continue to improve (76% on time) and the strengths and difficulties questionnaire is now ' +
      'completed for 92% of eligible children. Young people have told us how they want their health assessments done.',
    achievements: 'Strengths and difficulties questionnaires: 92% completed, every high score followed up.',
    risksAndIssues: 'The health and wellbeing survey has not started and is overdue.\nDental registration remains at 72%.',
    asksOfBoard: 'None this time.',
    evidence: ['Initial health assessments within 20 working days: last quarter', 'What young people said about their health assessments'],
    status: 'SUBMITTED',
    submittedDaysAgo: 4,
  },
  {
    meeting: 'planned',
    subGroup: 'placements',
    summary: 'Placement stability is holding, but return home interviews are still too slow while the new provider is commissioned.',
    achievements: 'A new question on introductory visits is now on every placement move form.',
    risksAndIssues: 'Return home interviews within 72 hours: 55% against a target of 95%.',
    asksOfBoard: '',
    evidence: [],
    status: 'RETURNED',
    submittedDaysAgo: 6,
    returnComment:
      'Please add this quarter’s figures for return home interviews, and say what the board could do to help while the new provider is ' +
      'brought in.',
  },
];

export interface DemoEvidenceCreated {
  meetings: number;
  evidence: number;
  files: number;
  evidenceComments: number;
  reports: number;
  reportComments: number;
}

export interface DemoEvidenceRefs {
  /** Demo person name → their user id and agency id. */
  people: ReadonlyMap<string, { userId: string; agencyId: string }>;
  /** Sub-group key → id. */
  subGroups: ReadonlyMap<string, string>;
}

/**
 * Where the api keeps uploaded files by default: FILE_STORAGE_DIR, or the data folder in
 * the checkout (the same default as libs/core/src/config.ts), so the demo's attachments
 * download from the api that `npm start` runs.
 */
export function defaultDemoFileStorageDir(env: Record<string, string | undefined> = process.env): string {
  const dir = env.FILE_STORAGE_DIR || join(__dirname, '../../../../.data/files');
  if (!isAbsolute(dir)) throw new Error(`FILE_STORAGE_DIR must be an absolute path, got "${dir}"`);
  return dir;
}

export function defaultDemoFileStorage(): FileStorage {
  return new LocalDiskFileStorage(defaultDemoFileStorageDir());
}

// The demo's other loaders import londonTime from here, as they did before it moved to @pbw/core.
export { londonTime };

/** The Thursday on or before a date (boards here meet on Thursdays). */
function thursdayOnOrBefore(date: string): string {
  const dow = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, -((dow - 4 + 7) % 7));
}

/** The demo's two meetings: the day each is held and its report deadline (YYYY-MM-DD, London). */
export function demoMeetingDays(today: string): Record<'held' | 'planned', { day: string; deadline: string }> {
  const held = thursdayOnOrBefore(addDays(today, -HELD_AGO));
  const planned = thursdayOnOrBefore(addDays(today, PLANNED_IN + 3));
  return {
    held: { day: held, deadline: addDays(held, -DEADLINE_BEFORE) },
    planned: { day: planned, deadline: addDays(planned, -DEADLINE_BEFORE) },
  };
}

/** Files written to storage by this run, so a run that fails can take them back out. */
export interface WrittenFiles {
  keys: string[];
}

/**
 * Adds the board cycle inside the demo loader's transaction. Files are written to storage
 * first; their keys go into `written`, for the caller to delete if the transaction fails.
 */
export async function loadDemoEvidence(
  tx: TxScope,
  refs: DemoEvidenceRefs,
  storage: FileStorage,
  written: WrittenFiles,
  today: string = londonToday(),
): Promise<DemoEvidenceCreated> {
  const mutations = new MutationRunner(new AuditRepository());
  const users = new UserRepository();
  const memberships = new MembershipRepository();
  const subGroups = new SubGroupRepository();
  const agencies = new AgencyRepository();
  const frameworks = new FrameworkRepository();
  const items = new FrameworkItemRepository();
  const plans = new WorkPlanRepository();
  const actions = new ActionRepository();
  const meetingRepo = new MeetingRepository();
  const files = new FileRepository();
  const evidenceRepo = new EvidenceRepository();
  const evidenceComments = new EvidenceCommentRepository();
  const reports = new HighlightReportRepository();
  const reportComments = new HighlightReportCommentRepository();
  const meetingsService = new MeetingsService(mutations, meetingRepo);
  // The service reads only the stale-after setting (for a snapshot's counts); the api's default is 30 days.
  const config = { actionStaleAfterDays: 30 } as AppConfig;
  const workPlans = new WorkPlansService(
    config,
    mutations,
    plans,
    new ObjectiveRepository(),
    actions,
    new ActionUpdateRepository(),
    subGroups,
    users,
    agencies,
    items,
  );
  const reportsService = new ReportsService(
    mutations,
    reports,
    reportComments,
    meetingRepo,
    subGroups,
    plans,
    actions,
    workPlans,
    users,
    agencies,
    evidenceRepo,
  );
  const created: DemoEvidenceCreated = { meetings: 0, evidence: 0, files: 0, evidenceComments: 0, reports: 0, reportComments: 0 };

  const person = (name: string) => {
    const p = refs.people.get(name);
    if (!p) throw new Error(`The demo evidence names ${name}, who is not a demo person`);
    return p;
  };
  const active = new Set(
    (
      await users.findByIds(
        tx,
        [...refs.people.values()].map((p) => p.userId),
      )
    )
      .filter((u) => u.status === UserStatus.ACTIVE)
      .map((u) => u.id),
  );
  /** The person's role in the sub-group, if they are an active member of it (someone may have changed that while trying the product). */
  const roleIn = async (subGroupId: string, name: string): Promise<string | null> => {
    const p = person(name);
    if (!active.has(p.userId)) return null;
    return (await memberships.find(tx, subGroupId, p.userId))?.role ?? null;
  };
  const partnershipRole = async (name: string): Promise<string | null> => {
    const [u] = await users.findByIds(tx, [person(name).userId]);
    return u && u.status === UserStatus.ACTIVE ? u.role : null;
  };
  /** May comment on a sub-group's evidence and reports: its chair, board members, the secretariat. */
  const mayComment = async (subGroupId: string, name: string) =>
    (await roleIn(subGroupId, name)) === 'CHAIR' || ['BOARD_MEMBER', 'SECRETARIAT'].includes((await partnershipRole(name)) ?? '');

  // Times of day vary a little, so lists ordered by time read naturally; nothing is ever dated in the future.
  let tick = 0;
  const notFuture = (t: Date): Date => (t.getTime() > Date.now() - 60_000 ? new Date(Date.now() - 60_000) : t);
  /** A working hour `daysAgo` days before the load. */
  const at = (daysAgo: number): Date => {
    tick = (tick + 1) % 6;
    return notFuture(londonTime(addDays(today, -daysAgo), `${String(9 + tick).padStart(2, '0')}:${String(5 + tick * 7).padStart(2, '0')}`));
  };
  /** `days` days and a few minutes after `t`. */
  const later = (t: Date, days: number, minutes = 20): Date => notFuture(new Date(t.getTime() + days * 86_400_000 + minutes * 60_000));

  // Codes to ids: the statutory principles and the partnership's promises (retired items are left off).
  const live = (await frameworks.list(tx, false, { first: 100 })).edges.map((e) => e.node);
  const tagged = live.filter((f) => f.builtIn || f.name === DEMO_PROMISES.name).map((f) => f.id);
  const itemIds = new Map((await items.forFrameworks(tx, tagged, false)).map((i) => [i.code, i.id] as const));

  // ---- evidence ----
  const evidenceByTitle = new Map<string, EvidenceEntity>();
  for (const sgId of new Set(DEMO_EVIDENCE.map((e) => refs.subGroups.get(e.subGroup)))) {
    if (!sgId) continue;
    for (const e of (await evidenceRepo.list(tx, { subGroupId: sgId }, { first: 100 })).edges)
      evidenceByTitle.set(`${sgId} ${e.node.title}`, e.node);
  }

  for (const demo of DEMO_EVIDENCE) {
    const subGroupId = refs.subGroups.get(demo.subGroup);
    if (!subGroupId || evidenceByTitle.has(`${subGroupId} ${demo.title}`)) continue;
    const author = person(demo.author);
    const chair = person(CHAIRS[demo.subGroup]);
    // The services' rules: the author is in the sub-group; its chair reviews; comments come from those who may make them.
    if (!(await roleIn(subGroupId, demo.author))) continue;
    if (demo.status !== 'DRAFT' && (await roleIn(subGroupId, CHAIRS[demo.subGroup])) !== 'CHAIR') continue;
    const restricted = (demo.restrictedTo ?? []).map((n) => person(n).userId);
    const linked = demo.actions.length
      ? (await actions.list(tx, { subGroupId, activePlansOnly: true }, { field: 'TITLE', direction: 'ASC' }, { first: 100 }, 30)).edges
          .map((x) => x.node)
          .filter((a) => demo.actions.includes(a.title))
          .map((a) => a.id)
      : [];
    const tags = demo.tags.flatMap((c) => itemIds.get(c) ?? []);

    const addedAt = at(demo.added);
    const fileIds: string[] = [];
    for (const f of demo.files ?? []) {
      const bytes = Buffer.from(f.content, 'utf8');
      const contentType = sniffContentType(bytes, f.name, false);
      if (!contentType) throw new Error(`The demo file ${f.name} is not a type uploads accept`);
      const stored = await storage.put(
        (async function* () {
          yield bytes;
        })(),
      );
      written.keys.push(stored.key);
      const row: FileEntity = await mutations.run(tx, 'file.upload', async (t) => {
        const inserted = await files.insert(t, {
          uploadedByUserId: author.userId,
          originalName: f.name,
          contentType,
          sizeBytes: stored.size,
          sha256: stored.sha256,
          storageKey: stored.key,
          attached: false,
          createdAt: addedAt,
        });
        return {
          result: inserted,
          audit: { entityType: 'File', entityId: inserted.id, before: null, after: snapshot(inserted, ['storageKey']) },
        };
      });
      fileIds.push(row.id);
      created.files++;
    }

    let e: EvidenceEntity = await mutations.run(tx, 'evidence.create', async (t) => {
      const inserted = await evidenceRepo.insert(t, {
        subGroupId,
        agencyId: author.agencyId,
        createdByUserId: author.userId,
        title: demo.title,
        narrative: demo.narrative,
        kind: demo.kind,
        status: EvidenceStatus.DRAFT,
        visibility: demo.visibility,
        restrictedUserIds: restricted,
        returnComment: null,
        version: 1,
        createdAt: addedAt,
        updatedAt: addedAt,
      });
      await files.setAttached(t, fileIds, true);
      await evidenceRepo.setActions(t, inserted.id, linked);
      await evidenceRepo.setFrameworkItems(t, inserted.id, tags);
      await evidenceRepo.setFiles(t, inserted.id, fileIds);
      return {
        result: inserted,
        audit: {
          entityType: 'Evidence',
          entityId: inserted.id,
          before: null,
          after: { ...snapshot(inserted), actionIds: [...linked].sort(), frameworkItemIds: [...tags].sort(), fileIds },
        },
      };
    });
    created.evidence++;

    const step = async (action: string, change: (x: EvidenceEntity) => void): Promise<void> => {
      e = await mutations.run(tx, action, async (t) => {
        const before = snapshot(e);
        change(e);
        e.version += 1;
        const saved = await evidenceRepo.save(t, e);
        return { result: saved, audit: { entityType: 'Evidence', entityId: saved.id, before, after: snapshot(saved) } };
      });
    };
    let last = addedAt;
    if (demo.status !== 'DRAFT') {
      const submittedAt = later(addedAt, 1, 95);
      last = submittedAt;
      await step('evidence.submit', (x) => {
        x.status = EvidenceStatus.SUBMITTED;
        x.submittedAt = submittedAt;
        x.submittedByUserId = author.userId;
        x.updatedAt = submittedAt;
      });
    }
    if (demo.status === 'ACCEPTED' || demo.status === 'RETURNED') {
      const reviewedAt = later(last, 3, 40);
      last = reviewedAt;
      if (demo.status === 'ACCEPTED') {
        await step('evidence.accept', (x) => {
          x.status = EvidenceStatus.ACCEPTED;
          x.reviewedAt = reviewedAt;
          x.reviewedByUserId = chair.userId;
          x.updatedAt = reviewedAt;
        });
      } else {
        const comment = demo.returnComment ?? 'Please add a little more before this is accepted.';
        await step('evidence.return', (x) => {
          x.status = EvidenceStatus.RETURNED;
          x.returnComment = comment;
          x.reviewedAt = reviewedAt;
          x.reviewedByUserId = chair.userId;
          x.updatedAt = reviewedAt;
        });
        // As the service does: the reason also goes on the evidence's comments.
        await evidenceComments.insert(tx, { evidenceId: e.id, authorUserId: chair.userId, body: comment, createdAt: reviewedAt });
        created.evidenceComments++;
      }
    }
    for (const c of demo.status === 'DRAFT' ? [] : (demo.comments ?? [])) {
      if (!(await mayComment(subGroupId, c.by))) continue;
      const createdAt = later(last, c.after);
      await mutations.run(tx, 'evidence.comment', async (t) => {
        const row = await evidenceComments.insert(t, { evidenceId: e.id, authorUserId: person(c.by).userId, body: c.text, createdAt });
        return { result: row, audit: { entityType: 'EvidenceComment', entityId: row.id, before: null, after: snapshot(row) } };
      });
      created.evidenceComments++;
    }
    evidenceByTitle.set(`${subGroupId} ${demo.title}`, e);
  }

  // ---- meetings and reports: one unit, only for a partnership with no meetings yet ----
  if ((await meetingRepo.list(tx, undefined, { first: 1 })).totalCount > 0) return created;
  const days = demoMeetingDays(today);
  const location = 'Committee Room 2, Riverside Civic Centre (or join online: the link is in the calendar invitation)';
  const meetings: Record<'held' | 'planned', MeetingEntity> = {
    held: await meetingsService.createMeeting(tx, {
      title: DEFAULT_MEETING_TITLE,
      startsAt: londonTime(days.held.day, '10:00'),
      location,
      reportDeadline: days.held.deadline,
    }),
    planned: await meetingsService.createMeeting(tx, {
      title: DEFAULT_MEETING_TITLE,
      startsAt: londonTime(days.planned.day, '10:00'),
      location,
      reportDeadline: days.planned.deadline,
    }),
  };
  meetings.held = await meetingsService.setMeetingStatus(tx, { id: meetings.held.id, status: MeetingStatus.HELD });
  created.meetings += 2;

  const secretariat = person(SECRETARIAT);
  const secretariatActive = (await partnershipRole(SECRETARIAT)) === 'SECRETARIAT';
  for (const demo of DEMO_REPORTS) {
    const subGroupId = refs.subGroups.get(demo.subGroup);
    if (!subGroupId) continue;
    const chair = person(CHAIRS[demo.subGroup]);
    if ((await roleIn(subGroupId, CHAIRS[demo.subGroup])) !== 'CHAIR') continue;
    if (['ACCEPTED', 'RETURNED'].includes(demo.status) && !secretariatActive) continue;
    const meeting = meetings[demo.meeting];
    const deadline = days[demo.meeting].deadline;
    // Linked evidence: the sub-group's own, accepted.
    const evidenceIds = demo.evidence
      .map((t) => evidenceByTitle.get(`${subGroupId} ${t}`))
      .filter((x): x is EvidenceEntity => x !== undefined && x.status === EvidenceStatus.ACCEPTED && x.subGroupId === subGroupId)
      .map((x) => x.id);
    const daysAgo = (day: string) => Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000);
    const submittedAgo =
      demo.submittedBeforeDeadline !== undefined
        ? daysAgo(addDays(deadline, -demo.submittedBeforeDeadline))
        : (demo.submittedDaysAgo ?? null);
    const submittedAt = submittedAgo === null || submittedAgo < 1 ? null : at(submittedAgo);
    const createdAt = submittedAt ? later(submittedAt, -4, -75) : at(3);

    let r: HighlightReportEntity = await mutations.run(tx, 'report.create', async (t) => {
      const inserted = await reports.insert(t, {
        meetingId: meeting.id,
        subGroupId,
        createdByUserId: chair.userId,
        status: ReportStatus.DRAFT,
        summary: demo.summary,
        achievements: demo.achievements,
        risksAndIssues: demo.risksAndIssues,
        asksOfBoard: demo.asksOfBoard,
        snapshot: null,
        late: false,
        returnComment: null,
        version: 1,
        createdAt,
        updatedAt: createdAt,
      });
      await reports.setEvidence(t, inserted.id, evidenceIds);
      return {
        result: inserted,
        audit: { entityType: 'HighlightReport', entityId: inserted.id, before: null, after: { ...snapshot(inserted), evidenceIds } },
      };
    });
    created.reports++;

    const step = async (action: string, change: (x: HighlightReportEntity) => void | Promise<void>): Promise<void> => {
      r = await mutations.run(tx, action, async (t) => {
        const before = snapshot(r, ['snapshot']);
        await change(r);
        r.version += 1;
        const saved = await reports.save(t, r);
        return { result: saved, audit: { entityType: 'HighlightReport', entityId: saved.id, before, after: snapshot(saved) } };
      });
    };
    if (demo.status === 'DRAFT' || !submittedAt) continue;
    const frozen = asOf(await reportsService.previewSnapshot(tx, r), submittedAt);
    await step('report.submit', (x) => {
      x.snapshot = frozen;
      x.status = ReportStatus.SUBMITTED;
      x.submittedAt = submittedAt;
      x.submittedByUserId = chair.userId;
      x.late = isLate(meeting, submittedAt);
      x.updatedAt = submittedAt;
    });
    let last = submittedAt;
    if (demo.status === 'ACCEPTED' || demo.status === 'RETURNED') {
      const reviewedAt = later(submittedAt, 2, 50);
      last = reviewedAt;
      if (demo.status === 'ACCEPTED') {
        await step('report.accept', (x) => {
          x.status = ReportStatus.ACCEPTED;
          x.reviewedAt = reviewedAt;
          x.reviewedByUserId = secretariat.userId;
          x.updatedAt = reviewedAt;
        });
      } else {
        const comment = demo.returnComment ?? 'Please add a little more before the board sees this.';
        await step('report.return', (x) => {
          x.status = ReportStatus.RETURNED;
          x.returnComment = comment;
          x.reviewedAt = reviewedAt;
          x.reviewedByUserId = secretariat.userId;
          x.updatedAt = reviewedAt;
        });
        await reportComments.insert(tx, { reportId: r.id, authorUserId: secretariat.userId, body: comment, createdAt: reviewedAt });
        created.reportComments++;
      }
    }
    for (const c of demo.comments ?? []) {
      if (!(await mayComment(subGroupId, c.by))) continue;
      const commentedAt = later(last, c.after);
      await mutations.run(tx, 'report.comment', async (t) => {
        const row = await reportComments.insert(t, {
          reportId: r.id,
          authorUserId: person(c.by).userId,
          body: c.text,
          createdAt: commentedAt,
        });
        return { result: row, audit: { entityType: 'HighlightReportComment', entityId: row.id, before: null, after: snapshot(row) } };
      });
      created.reportComments++;
    }
  }
  return created;
}

/**
 * The work plan as it would have been frozen at `at`, from the one frozen now: taken then,
 * and listing only actions that were red or already overdue that day. (The plan's history
 * is not replayed; the counts are today's, which is close enough for a demo.)
 */
function asOf(data: ReportSnapshotData, at: Date): ReportSnapshotData {
  const day = londonToday(at);
  const open = (s: string) => s === ActionStatus.NOT_STARTED || s === ActionStatus.IN_PROGRESS;
  const actions = data.actions
    .filter((a) => a.rag === 'RED' || a.dueDate < day)
    .map((a) => ({ ...a, isOverdue: open(a.status) && a.dueDate < day }));
  return { ...data, takenAt: at.toISOString(), overdue: actions.filter((a) => a.isOverdue).length, actions };
}
