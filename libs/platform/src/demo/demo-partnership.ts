import { GraphQLError } from 'graphql';
import { type DataSource, QueryFailedError } from 'typeorm';
import { PartnershipRole, SubGroupRole } from '@pbw/core';
import { AuditRepository, MutationRunner, snapshot } from '@pbw/audit';
import { Scope } from '@pbw/db';
import {
  AgencyRepository,
  AgencySector,
  MembershipRepository,
  PartnershipRepository,
  UserRepository,
  UserStatus,
  hashPassword,
  passwordProblem,
  type AgencyEntity,
  type PartnershipEntity,
  type UserEntity,
} from '@pbw/identity';
import { BoardRepository, BoardsService, SubGroupRepository, type SubGroupEntity } from '@pbw/boards';
import type { FileStorage } from '@pbw/files';
import { type DemoWorkPlansCreated, loadDemoWorkPlans } from './demo-work-plans';
import { type DemoEvidenceCreated, type WrittenFiles, defaultDemoFileStorage, loadDemoEvidence } from './demo-evidence';
import { type DemoCommitmentsCreated, loadDemoCommitments } from './demo-commitments';
import { type DemoIndicatorsCreated, loadDemoIndicators } from './demo-indicators';
import { type DemoVoiceCreated, loadDemoVoice } from './demo-voice';
import { type DemoAgendaCreated, loadDemoAgenda } from './demo-agenda';

// The board cycle's and the commitments' data and helpers, for tests and scripts (the package index lists this file).
export * from './demo-evidence';
export * from './demo-commitments';
export * from './demo-indicators';
export * from './demo-voice';

/**
 * The demo partnership that `npm start` loads: a fictional council's Children in Care
 * Partnership, modelled on the public reports in shared/seeds but with made-up people and
 * organisations only. No real person's name is used (a test checks this).
 *
 * Loading is idempotent. Each thing is keyed (partnership by slug, agencies by name, users by
 * email, sub-groups by name, memberships by sub-group and user) and only what is missing is
 * created; nothing that exists is changed, so edits made while trying the product survive a
 * restart. Everything is written through the product's repositories and services inside one
 * transaction with audit events, as the system actor. The evidence's attachments go to the
 * file storage first (the api's own folder unless told otherwise); if the transaction then
 * fails they are deleted again.
 */

export const DEMO_SLUG = 'riverside';

/** One password for every demo account. Fine for a demo on a laptop; never use it anywhere real. */
export const DEMO_PASSWORD = 'riverside-demo-2026';

export const DEMO_EMAIL_DOMAIN = 'riverside.example';

const PARTNERSHIP = {
  name: 'Riverside Children in Care Partnership',
  slug: DEMO_SLUG,
  localAuthority: 'Riverside Borough Council',
  description:
    'Riverside Borough Council and its partners acting together as corporate parents for children in care and care leavers up to 25, ' +
    'having regard to the seven corporate parenting principles (Children and Social Work Act 2017, s.1). This is demonstration data: ' +
    'the council, the agencies and the people are fictional.',
};

const BOARD = {
  name: 'Riverside Children in Care Partnership Board',
  termsOfReference:
    'The Children in Care Partnership Board is chaired by the Lead Member for Children\u2019s Services. Its focus is to continue to ' +
    'deliver improved outcomes for children in care and care leavers, and to evaluate how effectively we are delivering against the ' +
    'seven corporate parenting principles.\n\n' +
    'Sub-groups on education, employment and training, housing and support for care leavers, placements and health, each chaired by ' +
    'a partner, are responsible for a work plan and report evidence of progress to the board.\n\n' +
    'The Children in Care Council reports to the board on issues and matters that are important to them, and the board answers ' +
    'them. The board scrutinises and challenges performance to improve outcomes for children in care and care leavers.',
};

/** Partner agencies: one at least in every sector. */
const AGENCIES: ReadonlyArray<{ key: string; name: string; sector: AgencySector }> = [
  { key: 'council', name: 'Riverside Borough Council', sector: AgencySector.LOCAL_AUTHORITY },
  { key: 'virtualSchool', name: 'Riverside Virtual School', sector: AgencySector.EDUCATION },
  { key: 'college', name: 'Riverside College', sector: AgencySector.EDUCATION },
  { key: 'icb', name: 'Riverside Integrated Care Board', sector: AgencySector.HEALTH },
  { key: 'housing', name: 'Riverside Housing Options', sector: AgencySector.HOUSING },
  { key: 'police', name: 'Riverside Police', sector: AgencySector.POLICE },
  { key: 'youthJustice', name: 'Riverside Youth Justice Service', sector: AgencySector.YOUTH_JUSTICE },
  { key: 'probation', name: 'Riverside Probation Delivery Unit', sector: AgencySector.PROBATION },
  { key: 'jobcentre', name: 'Riverside Jobcentre Plus', sector: AgencySector.DWP },
  { key: 'careLeaversTrust', name: 'Riverside Care Leavers\u2019 Trust', sector: AgencySector.VOLUNTARY },
  { key: 'cicc', name: 'Riverside Children in Care Council', sector: AgencySector.CHILDREN_IN_CARE_COUNCIL },
  { key: 'fosterCarers', name: 'Riverside Foster Carers\u2019 Association', sector: AgencySector.OTHER },
];

type AgencyKey = (typeof AGENCIES)[number]['key'];

/** The five sub-groups, with remits in the words the councils' own reports use. */
const SUB_GROUPS: ReadonlyArray<{ key: string; name: string; remit: string }> = [
  {
    key: 'education',
    name: 'Education',
    remit:
      'To support children in care to achieve to the best of their ability with their education, with access to appropriate, stable ' +
      'education placements and positive educational experiences. To promote high aspirations and seek to secure the best outcomes, ' +
      'in school and in their hobbies and interests. Owns the education work plan and reports evidence of progress to the board.',
  },
  {
    key: 'employment',
    name: 'Employment and training',
    remit:
      'To support and advocate for our children in care and care leavers to have access to and participate in a full range of ' +
      'education, training and employment opportunities, and to make sure care leavers are in employment, education or training, ' +
      'including apprenticeships with the council and its partners. Owns the employment and training work plan and reports evidence ' +
      'of progress to the board.',
  },
  {
    key: 'housing',
    name: 'Housing and support for care leavers',
    remit:
      'To prepare young people for adulthood and independent living: suitable and supported accommodation options for care leavers, ' +
      'the local offer for care leavers, and support from a personal adviser and a pathway plan up to the age of 25. Owns the housing ' +
      'and support work plan and reports evidence of progress to the board.',
  },
  {
    key: 'placements',
    name: 'Placements',
    remit:
      'For children in care to be safe, and for stability in their home lives, relationships and education: enough local placements, ' +
      'improved matching and support for foster carers to reduce placement disruptions, and any move done in a planned way. Owns the ' +
      'placements work plan and reports evidence of progress to the board.',
  },
  {
    key: 'health',
    name: 'Health',
    remit:
      'To act in the best interests, and promote the physical and mental health and wellbeing, of children in care and care leavers: ' +
      'timely health assessments, and identifying and responding to emotional health and well-being needs before they become a barrier ' +
      'to education, employment and adult life. Owns the health work plan and reports evidence of progress to the board.',
  },
];

type SubGroupKey = (typeof SUB_GROUPS)[number]['key'];

interface DemoPerson {
  name: string;
  jobTitle: string;
  agency: AgencyKey;
  role: PartnershipRole;
  chairs?: SubGroupKey;
  memberOf?: SubGroupKey[];
  chairsBoard?: boolean;
  /** Shown in the sign-in table printed by `npm start`; people without one are still there to sign in as. */
  signInNote?: string;
}

/** Fictional people. Email is firstname.lastname@riverside.example. */
const PEOPLE: readonly DemoPerson[] = [
  // Riverside Borough Council
  {
    name: 'Amira Okafor',
    jobTitle: 'Partnership Board Manager',
    agency: 'council',
    role: PartnershipRole.SECRETARIAT,
    signInNote: 'Secretariat: sets up agencies, people and sub-groups; runs the board cycle',
  },
  { name: 'Tom Whitfield', jobTitle: 'Board Support Officer', agency: 'council', role: PartnershipRole.SECRETARIAT },
  {
    name: 'Helen Ashworth',
    jobTitle: 'Councillor; Lead Member for Children\u2019s Services',
    agency: 'council',
    role: PartnershipRole.BOARD_MEMBER,
    chairsBoard: true,
    signInNote: 'Board member: lead councillor who chairs the board; reads and challenges',
  },
  { name: 'Marcus Bell', jobTitle: 'Councillor; Member Champion for Care Leavers', agency: 'council', role: PartnershipRole.BOARD_MEMBER },
  { name: 'Ruth Adeyemi', jobTitle: 'Director of Children\u2019s Services', agency: 'council', role: PartnershipRole.BOARD_MEMBER },
  {
    name: 'Graham Ellis',
    jobTitle: 'Head of Service, Children in Care and Placements',
    agency: 'council',
    role: PartnershipRole.MEMBER,
    chairs: 'placements',
    signInNote: 'Chair of Placements (council)',
  },
  {
    name: 'Imran Qureshi',
    jobTitle: 'Leaving Care Team Manager',
    agency: 'council',
    role: PartnershipRole.MEMBER,
    memberOf: ['housing', 'employment'],
  },
  { name: 'Joanne Pike', jobTitle: 'Fostering Service Manager', agency: 'council', role: PartnershipRole.MEMBER, memberOf: ['placements'] },
  {
    name: 'Lucy Brennan',
    jobTitle: 'Apprenticeships and Workforce Lead',
    agency: 'council',
    role: PartnershipRole.MEMBER,
    memberOf: ['employment'],
  },
  { name: 'Victoria Lane', jobTitle: 'Consultant in Public Health', agency: 'council', role: PartnershipRole.MEMBER, memberOf: ['health'] },
  // Education
  {
    name: 'Sunita Rao',
    jobTitle: 'Virtual School Headteacher',
    agency: 'virtualSchool',
    role: PartnershipRole.MEMBER,
    chairs: 'education',
    signInNote: 'Chair of Education (virtual school)',
  },
  {
    name: 'Peter Walsh',
    jobTitle: 'Education Adviser, Children in Care',
    agency: 'virtualSchool',
    role: PartnershipRole.MEMBER,
    memberOf: ['education'],
  },
  {
    name: 'Kwame Mensah',
    jobTitle: 'Care Leavers Lead',
    agency: 'college',
    role: PartnershipRole.MEMBER,
    memberOf: ['education', 'employment'],
    signInNote: 'Member of Education and of Employment and training (college)',
  },
  // Health
  { name: 'Fiona Grant', jobTitle: 'Chief Nursing Officer', agency: 'icb', role: PartnershipRole.BOARD_MEMBER },
  {
    name: 'Rachel Turner',
    jobTitle: 'Designated Nurse for Children in Care',
    agency: 'icb',
    role: PartnershipRole.MEMBER,
    chairs: 'health',
    signInNote: 'Chair of Health (integrated care board)',
  },
  {
    name: 'Farah Malik',
    jobTitle: 'Designated Doctor for Children in Care',
    agency: 'icb',
    role: PartnershipRole.MEMBER,
    memberOf: ['health'],
  },
  // Housing
  {
    name: 'Bethan Lloyd',
    jobTitle: 'Housing Options Manager',
    agency: 'housing',
    role: PartnershipRole.MEMBER,
    chairs: 'housing',
    signInNote: 'Chair of Housing and support for care leavers',
  },
  // Police, youth justice, probation
  {
    name: 'Owen Price',
    jobTitle: 'Detective Superintendent, Public Protection',
    agency: 'police',
    role: PartnershipRole.BOARD_MEMBER,
  },
  {
    name: 'Chloe Dixon',
    jobTitle: 'Missing from Care Coordinator',
    agency: 'police',
    role: PartnershipRole.MEMBER,
    memberOf: ['placements'],
  },
  {
    name: 'Nadia Hussain',
    jobTitle: 'Youth Justice Service Manager',
    agency: 'youthJustice',
    role: PartnershipRole.MEMBER,
    memberOf: ['education'],
  },
  {
    name: 'Megan Doyle',
    jobTitle: 'Senior Probation Officer',
    agency: 'probation',
    role: PartnershipRole.MEMBER,
    memberOf: ['housing'],
  },
  // DWP
  {
    name: 'Daniel Hughes',
    jobTitle: 'Employer and Partnership Manager',
    agency: 'jobcentre',
    role: PartnershipRole.MEMBER,
    chairs: 'employment',
    signInNote: 'Chair of Employment and training (DWP)',
  },
  // Voluntary sector, Children in Care Council, foster carers
  {
    name: 'Sam Okoro',
    jobTitle: 'Chief Executive',
    agency: 'careLeaversTrust',
    role: PartnershipRole.MEMBER,
    memberOf: ['housing', 'employment'],
    signInNote: 'Member (voluntary sector): agency lead for the trust\u2019s commitments',
  },
  {
    name: 'Hannah Reid',
    jobTitle: 'Participation and Advocacy Worker (Children in Care Council link worker)',
    agency: 'cicc',
    role: PartnershipRole.MEMBER,
    memberOf: ['placements', 'health'],
    signInNote: 'Children in Care Council link worker',
  },
  {
    name: 'Alan Richards',
    jobTitle: 'Chair, Riverside Foster Carers\u2019 Association',
    agency: 'fosterCarers',
    role: PartnershipRole.MEMBER,
    memberOf: ['placements'],
  },
];

export function demoEmail(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${DEMO_EMAIL_DOMAIN}`;
}

export interface DemoSignIn {
  email: string;
  name: string;
  role: PartnershipRole;
  note: string;
}

export interface DemoCreated {
  partnership: boolean;
  agencies: number;
  users: number;
  board: boolean;
  subGroups: number;
  memberships: number;
}

export interface DemoPartnershipResult {
  partnershipId: string;
  /** A few accounts worth signing in as, one per point of view. Every demo person can sign in. */
  signIns: DemoSignIn[];
  password: string;
  /** What this run added: all zero/false when the demo was already loaded. */
  created: DemoCreated;
  /** What this run added to the work plans (see demo-work-plans.ts): all zero when they were already loaded. */
  createdWorkPlans: DemoWorkPlansCreated;
  /** What this run added to the board cycle (see demo-evidence.ts): all zero when it was already loaded. */
  createdEvidence: DemoEvidenceCreated;
  /** What this run added to the commitments and the local offer (see demo-commitments.ts): all zero when they were already loaded. */
  createdCommitments: DemoCommitmentsCreated;
  /** What this run added to the scorecard (see demo-indicators.ts): all zero when it was already loaded. */
  createdIndicators: DemoIndicatorsCreated;
  /** What this run added to the voice items and the self-assessment (see demo-voice.ts). */
  createdVoice: DemoVoiceCreated;
  /** The planned meeting's agenda and the board actions carried to it (see demo-agenda.ts). */
  createdAgenda: DemoAgendaCreated;
}

export interface DemoLoadOptions {
  /** Where the evidence's attachments are written: by default the api's (FILE_STORAGE_DIR, or .data/files in the checkout). */
  storage?: FileStorage;
  /** The day the demo is loaded (YYYY-MM-DD, London), which its dates are relative to: today by default. */
  today?: string;
}

/** The demo's data, for tests and documentation. */
export const DEMO = { partnership: PARTNERSHIP, board: BOARD, agencies: AGENCIES, subGroups: SUB_GROUPS, people: PEOPLE } as const;

export async function loadDemoPartnership(ds: DataSource, opts: DemoLoadOptions = {}): Promise<DemoPartnershipResult> {
  const problem = passwordProblem(DEMO_PASSWORD);
  if (problem) throw new Error(`The demo password fails the password policy: ${problem}`);
  // Two loaders racing (say two `npm start`s) collide on the unique indexes; the loser
  // simply runs again and finds everything there.
  for (let attempt = 1; ; attempt++) {
    try {
      return await loadOnce(ds, opts);
    } catch (e) {
      if (attempt >= 3 || !isRace(e)) throw e;
    }
  }
}

function isRace(e: unknown): boolean {
  if (e instanceof GraphQLError) return e.extensions?.code === 'CONFLICT' || e.extensions?.code === 'BAD_USER_INPUT';
  return e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23505';
}

async function loadOnce(ds: DataSource, opts: DemoLoadOptions): Promise<DemoPartnershipResult> {
  const partnerships = new PartnershipRepository(ds);
  const agencies = new AgencyRepository();
  const users = new UserRepository();
  const memberships = new MembershipRepository();
  const boards = new BoardRepository();
  const subGroups = new SubGroupRepository();
  const mutations = new MutationRunner(new AuditRepository());
  const boardsService = new BoardsService(mutations, boards, subGroups, memberships, users);
  const created: DemoCreated = { partnership: false, agencies: 0, users: 0, board: false, subGroups: 0, memberships: 0 };
  let createdWorkPlans: DemoWorkPlansCreated | undefined;
  let createdEvidence: DemoEvidenceCreated | undefined;
  let createdCommitments: DemoCommitmentsCreated | undefined;
  let createdIndicators: DemoIndicatorsCreated | undefined;
  let createdVoice: DemoVoiceCreated | undefined;
  let createdAgenda: DemoAgendaCreated | undefined;
  const storage = opts.storage ?? defaultDemoFileStorage();
  const written: WrittenFiles = { keys: [] };

  // The tenant row comes first: no scope can exist without it.
  let partnership: PartnershipEntity | null = await partnerships.findBySlug(DEMO_SLUG);
  if (!partnership) {
    partnership = await partnerships.create(PARTNERSHIP);
    created.partnership = true;
  }
  const scope = Scope.system(partnership.id, ds, 'demo-loader');

  try {
    await scope.transaction(async (tx) => {
      if (created.partnership) {
        const p = partnership as PartnershipEntity;
        await mutations.run(tx, 'partnership.create', async () => ({
          result: p,
          audit: { entityType: 'Partnership', entityId: p.id, before: null, after: snapshot(p) },
        }));
      }

      const agencyIds = new Map<AgencyKey, string>();
      for (const a of AGENCIES) {
        let row: AgencyEntity | null = await agencies.findByName(tx, a.name);
        if (!row) {
          row = await mutations.run(tx, 'agency.create', async (t) => {
            const inserted = await agencies.insert(t, { name: a.name, sector: a.sector });
            return { result: inserted, audit: { entityType: 'Agency', entityId: inserted.id, before: null, after: snapshot(inserted) } };
          });
          created.agencies++;
        }
        agencyIds.set(a.key, row.id);
      }

      const userIds = new Map<string, string>();
      for (const p of PEOPLE) {
        const email = demoEmail(p.name);
        let row: UserEntity | null = await users.findByEmail(tx, email);
        if (!row) {
          const passwordHash = await hashPassword(DEMO_PASSWORD);
          row = await mutations.run(tx, 'user.create', async (t) => {
            const inserted = await users.insert(t, {
              email,
              name: p.name,
              jobTitle: p.jobTitle,
              agencyId: agencyIds.get(p.agency) as string,
              role: p.role,
              status: UserStatus.ACTIVE,
              passwordHash,
              activatedAt: new Date(),
            });
            return { result: inserted, audit: { entityType: 'User', entityId: inserted.id, before: null, after: snapshot(inserted) } };
          });
          created.users++;
        }
        userIds.set(p.name, row.id);
      }

      if (!(await boards.current(tx))) {
        const chair = PEOPLE.find((p) => p.chairsBoard);
        await boardsService.updateBoard(tx, {
          name: BOARD.name,
          termsOfReference: BOARD.termsOfReference,
          chairUserId: chair ? userIds.get(chair.name) : undefined,
        });
        created.board = true;
      }

      const subGroupIds = new Map<string, string>();
      for (const sg of SUB_GROUPS) {
        const chair = PEOPLE.find((p) => p.chairs === sg.key);
        const chairId = chair ? userIds.get(chair.name) : undefined;
        let row: SubGroupEntity | null = await subGroups.findByName(tx, sg.name);
        if (!row) {
          row = await boardsService.createSubGroup(tx, { name: sg.name, remit: sg.remit, chairUserId: chairId });
          created.subGroups++;
          if (chairId) created.memberships++;
        }
        subGroupIds.set(sg.key, row.id);
        const wanted: Array<{ userId: string; role: SubGroupRole }> = [];
        if (chairId) wanted.push({ userId: chairId, role: SubGroupRole.CHAIR });
        for (const p of PEOPLE.filter((x) => x.memberOf?.includes(sg.key))) {
          wanted.push({ userId: userIds.get(p.name) as string, role: SubGroupRole.MEMBER });
        }
        for (const w of wanted) {
          if (await memberships.find(tx, row.id, w.userId)) continue;
          // Someone may have named a different chair since: keep theirs, and add ours as a member.
          const role = w.role === SubGroupRole.CHAIR && (await memberships.chairOf(tx, row.id)) ? SubGroupRole.MEMBER : w.role;
          await boardsService.addSubGroupMember(tx, { subGroupId: row.id, userId: w.userId, role });
          created.memberships++;
        }
      }

      const people = new Map(
        PEOPLE.map((p) => [p.name, { userId: userIds.get(p.name) as string, agencyId: agencyIds.get(p.agency) as string }]),
      );
      createdWorkPlans = await loadDemoWorkPlans(tx, { people, agencies: agencyIds, subGroups: subGroupIds }, opts.today);
      createdEvidence = await loadDemoEvidence(tx, { people, subGroups: subGroupIds }, storage, written, opts.today);
      createdCommitments = await loadDemoCommitments(tx, { people, agencies: agencyIds, subGroups: subGroupIds }, opts.today);
      createdIndicators = await loadDemoIndicators(
        tx,
        { subGroups: subGroupIds, secretariatUserId: (people.get('Amira Okafor') as { userId: string }).userId },
        opts.today,
      );
      createdVoice = await loadDemoVoice(tx, { people, agencies: agencyIds, subGroups: subGroupIds }, opts.today);
      const subGroupsByName = new Map(SUB_GROUPS.map((sg) => [sg.name, subGroupIds.get(sg.key) as string]));
      createdAgenda = await loadDemoAgenda(tx, { people, subGroups: subGroupsByName }, opts.today);
    });
  } catch (e) {
    // Nothing points at files written for a transaction that did not commit.
    await Promise.all(written.keys.map((k) => storage.delete(k).catch(() => undefined)));
    throw e;
  }

  return {
    partnershipId: partnership.id,
    signIns: demoSignIns(),
    password: DEMO_PASSWORD,
    created,
    createdWorkPlans: createdWorkPlans as DemoWorkPlansCreated,
    createdEvidence: createdEvidence as DemoEvidenceCreated,
    createdCommitments: createdCommitments as DemoCommitmentsCreated,
    createdIndicators: createdIndicators as DemoIndicatorsCreated,
    createdVoice: createdVoice as DemoVoiceCreated,
    createdAgenda: createdAgenda as DemoAgendaCreated,
  };
}

function demoSignIns(): DemoSignIn[] {
  return PEOPLE.filter((p) => p.signInNote).map((p) => ({
    email: demoEmail(p.name),
    name: p.name,
    role: p.role,
    note: p.signInNote as string,
  }));
}
