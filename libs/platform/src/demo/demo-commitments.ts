import { PartnershipRole, addDays, londonToday } from '@pbw/core';
import { AuditRepository, MutationRunner, snapshot } from '@pbw/audit';
import { type TxScope, Visibility } from '@pbw/db';
import { AgencyRepository, PartnershipRepository, UserRepository, UserStatus } from '@pbw/identity';
import { SubGroupRepository } from '@pbw/boards';
import { FrameworkItemRepository, FrameworkRepository } from '@pbw/frameworks';
import { ActionStatus, Rag } from '@pbw/workplans';
import {
  type CommitmentEntity,
  CommitmentRepository,
  CommitmentUpdateRepository,
  CommitmentsService,
  LocalOfferVersionRepository,
  OfferArea,
  type OfferChange,
  type OfferItem,
  Polarity,
} from '@pbw/commitments';
import { londonTime } from './demo-evidence';
import { DEMO_PROMISES } from './demo-work-plans';

/**
 * The demo's commitments and local offer for care leavers: every Riverside partner agency
 * logs what it has committed to, with a measure from a baseline towards a target and dated
 * progress updates over the past months, so progress bars show the whole range (targets
 * met, part-way, a lower-is-better measure coming down, one review overdue, one red). Many
 * of them make up the local offer, in all six statutory areas, with plain-language public
 * wording and who is eligible.
 *
 * Version 1 of the local offer was published by the secretariat (Amira Okafor) about six
 * weeks before the demo is loaded. Since then one commitment has joined the offer and one
 * has had its public wording changed, neither published yet, so the secretariat's publish
 * page has something to show and the public page still shows version 1.
 *
 * As the board cycle does (demo-evidence.ts), commitments, updates and the version are
 * written through their repositories, each step audited as the system, because each is by
 * a named demo person on a past date; the loader checks the services' rules (the lead is an
 * active MEMBER of the owning agency, a due or review date, wording for what is in the
 * offer, the offer published by an active secretariat user only when none has been), and
 * the published items and change list come from CommitmentsService's own preview.
 *
 * Idempotent like the rest of the demo: commitments are keyed by owning agency and title
 * and only what is missing is added; version 1 is published only when the partnership has
 * published none, and the later changes are made only in the run that published it.
 */

const { NOT_STARTED, IN_PROGRESS, COMPLETE, CANCELLED } = ActionStatus;
const { RED, AMBER, GREEN } = Rag;
const { HIGHER_IS_BETTER, LOWER_IS_BETTER } = Polarity;

/** The secretariat member who publishes the local offer. */
const SECRETARIAT = 'Amira Okafor';
/** Days before the load version 1 was published. */
export const DEMO_OFFER_PUBLISHED_AGO = 42;

export const DEMO_OFFER_INTRODUCTION =
  'Our local offer tells you what Riverside Borough Council and its partners will do for you when you leave care, from 16 until ' +
  'you are 25. We wrote it with the Care Leavers\u2019 Forum. If something here is not happening for you, tell your personal ' +
  'adviser, or ask the leaving care team to put you in touch with someone who can help.';

export interface DemoCommitmentUpdate {
  /** Days before the load. Oldest first; the last sets the commitment's status and RAG. */
  ago: number;
  /** The measure's value that day, when there is one. */
  value?: number;
  status: ActionStatus;
  rag: Rag;
  text: string;
}

export interface DemoCommitment {
  /** Agency key, as in demo-partnership.ts. */
  agency: string;
  /** A demo person of that agency (MEMBER role), who logged it and posts its updates. */
  lead: string;
  title: string;
  description: string;
  area: OfferArea;
  measure?: string;
  unit?: string;
  baseline?: number;
  target?: number;
  polarity?: Polarity;
  /** Days from the load; the last day of that month. */
  due?: number;
  /** Days from the load, exactly. */
  review?: number;
  /** Statutory principle and promise codes. */
  tags: string[];
  visibility?: Visibility;
  /** Sub-group key, for SUB_GROUP visibility. */
  subGroup?: string;
  /** Days before the load it was logged. */
  logged: number;
  /** In the local offer: what care leavers get, in plain words, and who is eligible. */
  offer?: { wording: string; eligibility: string };
  /** Joined the offer after version 1 was published: waiting for the secretariat to publish it. */
  afterVersion1?: boolean;
  /** Its offer wording was changed this many days ago, after version 1 was published (not yet published). */
  reworded?: { ago: number; wording: string };
  updates?: DemoCommitmentUpdate[];
  /** For a commitment with no updates. */
  rag?: Rag;
}

export const DEMO_COMMITMENTS: readonly DemoCommitment[] = [
  // ---- Riverside Borough Council ----
  {
    agency: 'council',
    lead: 'Victoria Lane',
    title: 'Free Riverside leisure pass for care leavers',
    description:
      'Every care leaver aged 16 to 25 can have a free pass for the council\u2019s three leisure centres: gym, swimming and classes. ' +
      'Public health pays for the passes from its prevention budget; the leaving care team orders them.',
    area: OfferArea.HEALTH_AND_WELLBEING,
    measure: 'care leavers holding an active leisure pass',
    unit: 'care leavers',
    baseline: 22,
    target: 120,
    due: 160,
    review: 40,
    tags: ['CPP-A', 'CPP-G', 'P3'],
    logged: 190,
    offer: {
      wording:
        'You can get a free Riverside leisure pass for the gym, swimming and classes at all three council leisure centres until you ' +
        'are 25. Ask your personal adviser and they will order it for you.',
      eligibility: 'Care leavers aged 16 to 25 who live in Riverside.',
    },
    reworded: {
      ago: 9,
      wording:
        'You can get a free Riverside leisure pass for the gym, swimming and classes at all three council leisure centres until you ' +
        'are 25, and you can now bring a friend for free on Saturdays. Ask your personal adviser and they will order it for you.',
    },
    updates: [
      {
        ago: 160,
        value: 41,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Passes launched at the care leavers\u2019 forum: 41 issued in the first month, most for swimming and the gym.',
      },
      {
        ago: 95,
        value: 63,
        status: IN_PROGRESS,
        rag: AMBER,
        text:
          '63 passes issued, but only about half are being used. Young people told the forum that going on your own is the hardest ' +
          'part. Looking at letting them bring a friend.',
      },
      {
        ago: 20,
        value: 87,
        status: IN_PROGRESS,
        rag: GREEN,
        text:
          '87 passes active. Leisure services have agreed a free guest on Saturdays, which the forum asked for; the local offer ' +
          'wording needs updating to say so.',
      },
    ],
  },
  {
    agency: 'council',
    lead: 'Imran Qureshi',
    title: 'A personal adviser for every care leaver up to 25',
    description:
      'Personal adviser support runs to 25 (Children and Social Work Act 2017). We offer it to every care leaver at 21 and again ' +
      'each year until 25, and allocate a personal adviser within five working days of a request.',
    area: OfferArea.RELATIONSHIPS,
    measure: 'care leavers aged 21 to 25 who asked for support and have an allocated personal adviser',
    unit: '%',
    baseline: 78,
    target: 100,
    review: 60,
    tags: ['CPP-G', 'CPP-D', 'P6'],
    logged: 220,
    offer: {
      wording:
        'You will have a personal adviser until you are 25 if you want one. They will help with your pathway plan, money, housing, ' +
        'work and anything else. If you stopped seeing your personal adviser, you can ask for one again at any time before you are 25.',
      eligibility: 'Care leavers aged 18 to 25 who were looked after by Riverside Borough Council.',
    },
    updates: [
      {
        ago: 200,
        value: 82,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Two new personal advisers started. 82% of 21 to 25 year olds who asked for support have an allocated adviser.',
      },
      {
        ago: 120,
        value: 88,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Yearly letter offering support sent to every 21 to 24 year old; 19 asked for a personal adviser again.',
      },
      {
        ago: 30,
        value: 94,
        status: IN_PROGRESS,
        rag: GREEN,
        text:
          'Allocated within five working days for 94% of requests this quarter. The gap is young people living out of the area, ' +
          'where we are agreeing visits with neighbouring councils.',
      },
    ],
  },
  {
    agency: 'council',
    lead: 'Imran Qureshi',
    title: 'Council tax exemption for care leavers up to 25',
    description:
      'Cabinet agreed to exempt care leavers from council tax until they are 25. The leaving care team tells revenues and benefits ' +
      'about every care leaver with their own tenancy, so the exemption is applied without a claim.',
    area: OfferArea.ACCOMMODATION,
    measure: 'care leavers living in Riverside who are exempt from council tax',
    unit: 'care leavers',
    baseline: 0,
    target: 110,
    review: 75,
    tags: ['CPP-G', 'CPP-D', 'P6'],
    logged: 230,
    offer: {
      wording:
        'You will not pay council tax until you are 25 if you live in Riverside. We tell the council tax team for you when you get ' +
        'your own place, so you do not need to apply.',
      eligibility: 'Care leavers aged 18 to 25 who would otherwise pay council tax in Riverside.',
    },
    updates: [
      {
        ago: 210,
        value: 38,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Exemption in force from 1 April. 38 care leavers exempt so far; the rest are being matched against council tax records.',
      },
      {
        ago: 140,
        value: 86,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '86 exempt. Revenues and benefits found 11 care leavers who had been paying, and refunded them.',
      },
      {
        ago: 50,
        value: 104,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '104 of an estimated 110 eligible care leavers exempt. The others are being checked one by one with their personal advisers.',
      },
    ],
  },
  {
    agency: 'council',
    lead: 'Lucy Brennan',
    title: 'Three council apprenticeships a year kept for care leavers',
    description:
      'Three of the council\u2019s apprenticeships each year are ring-fenced for care leavers, with a guaranteed interview and a ' +
      'workplace mentor.',
    area: OfferArea.EMPLOYMENT,
    measure: 'care leavers starting a council apprenticeship this year',
    unit: 'apprentices',
    baseline: 0,
    target: 3,
    due: 129,
    tags: ['CPP-E', 'CPP-G', 'P2', 'P6'],
    logged: 225,
    offer: {
      wording:
        'The council keeps at least three apprenticeships a year for care leavers, with a guaranteed interview and a mentor at work. ' +
        'Your personal adviser can help you apply and come to the interview with you.',
      eligibility: 'Care leavers aged 16 to 25.',
    },
    updates: [
      {
        ago: 200,
        value: 0,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Guaranteed interview scheme agreed by HR. Apprenticeships ring-fenced in highways, finance and children\u2019s services.',
      },
      {
        ago: 120,
        value: 1,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Eight care leavers applied and five were interviewed, each with their personal adviser. One has started in finance.',
      },
      {
        ago: 45,
        value: 3,
        status: COMPLETE,
        rag: GREEN,
        text: 'Three care leavers have started their apprenticeships, each with a mentor. This year\u2019s target is met.',
      },
    ],
  },
  {
    agency: 'council',
    lead: 'Imran Qureshi',
    title: 'A free provisional driving licence and birth certificate, so every care leaver has ID',
    description:
      'Without photo ID young people cannot open a bank account, rent a home or start some jobs. The leaving care budget pays for a ' +
      'first provisional driving licence and a birth certificate.',
    area: OfferArea.PARTICIPATION_IN_SOCIETY,
    measure: 'care leavers aged 18 with photo ID',
    unit: '%',
    baseline: 52,
    target: 90,
    due: 160,
    tags: ['CPP-G', 'CPP-D', 'P6'],
    logged: 170,
    offer: {
      wording:
        'We will pay for your first provisional driving licence and a copy of your birth certificate, so you have ID to open a bank ' +
        'account, rent a home, start work and vote. Your personal adviser will help you fill in the forms.',
      eligibility: 'Care leavers aged 16 to 25.',
    },
    updates: [
      {
        ago: 150,
        value: 55,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Finance agreed to pay licence and certificate fees from the leaving care budget. Only 55% of 18 year olds have photo ID.',
      },
      {
        ago: 80,
        value: 64,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Pathway plan reviews now check for ID: 64%. Passport office delays for the few who need a passport.',
      },
      {
        ago: 15,
        value: 71,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '71%. A photo ID session is booked at next month\u2019s care leavers\u2019 forum.',
      },
    ],
  },
  // ---- Riverside Virtual School ----
  {
    agency: 'virtualSchool',
    lead: 'Peter Walsh',
    title: 'Support into university, with a bursary and help over the holidays',
    description:
      'The virtual school helps care leavers apply to university and stays in touch while they study; the council pays a bursary ' +
      'and for somewhere to live in the holidays.',
    area: OfferArea.EDUCATION_AND_TRAINING,
    measure: 'care leavers studying at university',
    unit: 'students',
    baseline: 4,
    target: 8,
    review: 90,
    tags: ['CPP-E', 'CPP-G', 'P2', 'P6'],
    logged: 215,
    offer: {
      wording:
        'If you want to go to university, the virtual school will help you choose a course and apply. While you study you get a ' +
        '\u00a32,000 bursary each year and help to pay for somewhere to live in the holidays.',
      eligibility: 'Care leavers aged 18 to 25 starting or studying a first degree.',
    },
    updates: [
      {
        ago: 190,
        value: 4,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Summer visits to two universities with 11 young people from Years 11 to 13.',
      },
      {
        ago: 110,
        value: 6,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Six care leavers now studying at university, two more than last year. Holiday accommodation agreed for all six.',
      },
      {
        ago: 25,
        value: 6,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Seven applications for next year sent, each personal statement checked by a virtual school adviser.',
      },
    ],
  },
  {
    agency: 'virtualSchool',
    lead: 'Sunita Rao',
    title: 'A post-16 personal education plan for every 16 and 17 year old in care',
    description: 'Post-16 PEPs reviewed every term, so young people stay in education or training as they approach leaving care.',
    area: OfferArea.EDUCATION_AND_TRAINING,
    measure: '16 and 17 year olds in care with a post-16 PEP reviewed this term',
    unit: '%',
    baseline: 55,
    target: 95,
    due: 129,
    tags: ['CPP-E', 'P2'],
    logged: 180,
    updates: [
      {
        ago: 160,
        value: 61,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '61% reviewed. Colleges are not always invited to the meeting; the virtual school now sends the invitations itself.',
      },
      {
        ago: 90,
        value: 74,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '74%. A post-16 PEP template agreed with Riverside College and the two training providers.',
      },
      {
        ago: 10,
        value: 81,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '81% reviewed this term, with the college\u2019s care leavers contact at most meetings.',
      },
    ],
  },
  // ---- Riverside College ----
  {
    agency: 'college',
    lead: 'Kwame Mensah',
    title: 'A bursary and a named contact for every care leaver at Riverside College',
    description:
      'Care leavers at the college get the bursary for vulnerable students and a named member of staff who meets them before they ' +
      'start and keeps their place open if they have to move.',
    area: OfferArea.EDUCATION_AND_TRAINING,
    measure: 'care leavers at the college still on their course at the end of the year',
    unit: '%',
    baseline: 68,
    target: 85,
    review: 50,
    tags: ['CPP-E', 'CPP-D', 'P2'],
    logged: 200,
    offer: {
      wording:
        'At Riverside College you get a bursary of up to \u00a31,200 a year for travel, food and equipment, and a named member of ' +
        'staff you can go to about anything. They will meet you before you start.',
      eligibility: 'Care leavers aged 16 to 25 studying at Riverside College.',
    },
    updates: [
      {
        ago: 185,
        value: 70,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '43 care leavers enrolled this year, each met at enrolment by their named contact.',
      },
      {
        ago: 100,
        value: 74,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '74% still on course at the end of the first term; most who left had moved home. Working with personal advisers on this.',
      },
      {
        ago: 18,
        value: 79,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '79% still on course. The college now keeps a care leaver\u2019s place open for eight weeks after a move.',
      },
    ],
  },
  {
    agency: 'college',
    lead: 'Kwame Mensah',
    title: 'Free travel to college or training in your first year',
    description:
      'A termly bus pass, paid for by the college, for care leavers in the first year of a course, after the forum said travel ' +
      'costs made them miss lessons.',
    area: OfferArea.EDUCATION_AND_TRAINING,
    measure: 'first-year care leavers at college or in training with a free bus pass',
    unit: 'care leavers',
    baseline: 0,
    target: 30,
    due: 200,
    tags: ['CPP-E', 'P2'],
    logged: 12,
    afterVersion1: true,
    offer: {
      wording:
        'In your first year at college or on a training course you can have a free bus pass to get to and from your course. Ask the ' +
        'care leavers contact at Riverside College.',
      eligibility: 'Care leavers aged 16 to 25 in the first year of a course at Riverside College or with a Riverside training provider.',
    },
    updates: [
      {
        ago: 5,
        value: 9,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'The bus company agreed a termly pass at a reduced price, paid by the college. Nine passes issued to first-year students.',
      },
    ],
  },
  // ---- Riverside Integrated Care Board ----
  {
    agency: 'icb',
    lead: 'Rachel Turner',
    title: 'A health passport for every care leaver',
    description:
      'Every young person leaves care with their health history in a form they chose, given at their final review health assessment.',
    area: OfferArea.HEALTH_AND_WELLBEING,
    measure: 'young people given a health passport at their final review health assessment',
    unit: '%',
    baseline: 35,
    target: 100,
    due: 60,
    tags: ['CPP-A', 'CPP-G', 'P3', 'P6'],
    logged: 210,
    offer: {
      wording:
        'Before you leave care you will get your health passport: your health history, immunisations and useful contacts in one ' +
        'place, on paper or on your phone, whichever you choose.',
      eligibility: 'Young people in care aged 16 and over, at their last review health assessment.',
    },
    updates: [
      {
        ago: 190,
        value: 35,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Health passport designed with care leavers, in paper and phone versions.',
      },
      {
        ago: 110,
        value: 80,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '80% of final review health assessments this quarter gave a health passport.',
      },
      {
        ago: 40,
        value: 100,
        status: COMPLETE,
        rag: GREEN,
        text:
          'Every final review health assessment now gives a health passport: 100% for the second quarter running. Complete; the ' +
          'annual health audit will keep checking it.',
      },
    ],
  },
  {
    agency: 'icb',
    lead: 'Farah Malik',
    title: 'A first emotional health appointment within six weeks for care leavers',
    description:
      'Personal advisers refer care leavers straight to the young adults\u2019 emotional health service, which sees them within six ' +
      'weeks.',
    area: OfferArea.HEALTH_AND_WELLBEING,
    measure: 'average weeks from referral to first appointment for care leavers',
    unit: 'weeks',
    baseline: 18,
    target: 6,
    polarity: LOWER_IS_BETTER,
    due: 160,
    review: 30,
    tags: ['CPP-A', 'P3'],
    logged: 205,
    offer: {
      wording:
        'If you are struggling with your mental health, your personal adviser can refer you straight to the young adults\u2019 ' +
        'emotional health service. You should be offered a first appointment within six weeks, and you can bring someone with you.',
      eligibility: 'Care leavers aged 16 to 25 registered with a Riverside GP.',
    },
    updates: [
      {
        ago: 180,
        value: 17,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Direct referral from personal advisers agreed. Average wait 17 weeks.',
      },
      {
        ago: 100,
        value: 15,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Wait down to 15 weeks. Recruiting to two therapist posts.',
      },
      {
        ago: 22,
        value: 14,
        status: IN_PROGRESS,
        rag: RED,
        text:
          'One of the two posts could not be filled and the wait is still 14 weeks, far from six. Escalated to the integrated care ' +
          'board; we ask the partnership board to note the risk.',
      },
    ],
  },
  {
    agency: 'icb',
    lead: 'Rachel Turner',
    title: 'Business case for more children in care nurse time',
    description:
      'High numbers of children in care are stretching the children in care health team. A business case for another 1.5 nurse ' +
      'posts is with the integrated care board\u2019s commissioners.',
    area: OfferArea.OTHER,
    review: 25,
    tags: ['CPP-A', 'P3'],
    visibility: Visibility.AGENCY,
    logged: 130,
    updates: [
      {
        ago: 120,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Business case drafted with three years of activity figures.',
      },
      {
        ago: 40,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Sent to commissioners; a decision is expected at the next investment panel.',
      },
    ],
  },
  // ---- Riverside Housing Options ----
  {
    agency: 'housing',
    lead: 'Bethan Lloyd',
    title: 'A specialist 16+ housing worker, so no care leaver is placed in bed and breakfast',
    description: 'A housing worker for young people leaving care, based in Housing Options, who plans every move with the young person.',
    area: OfferArea.ACCOMMODATION,
    measure: 'care leavers placed in bed and breakfast during the quarter',
    unit: 'care leavers',
    baseline: 9,
    target: 0,
    polarity: LOWER_IS_BETTER,
    review: 45,
    tags: ['CPP-G', 'CPP-F', 'P4', 'P6'],
    logged: 230,
    offer: {
      wording:
        'A specialist housing worker for young people leaving care works in Housing Options. They will help you plan your move, ' +
        'look at your options with you, and make sure you are never placed in bed and breakfast.',
      eligibility: 'Care leavers aged 16 to 25.',
    },
    updates: [
      {
        ago: 215,
        value: 9,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Specialist 16+ worker in post from this month. Nine care leavers were placed in bed and breakfast last quarter.',
      },
      {
        ago: 130,
        value: 5,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Five this quarter, down from nine; every one moved on within two weeks.',
      },
      {
        ago: 35,
        value: 2,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Two this quarter, both emergencies out of hours. Out-of-hours protocol agreed with the emergency duty team.',
      },
    ],
  },
  {
    agency: 'housing',
    lead: 'Bethan Lloyd',
    title: 'Top priority on the housing register when you are ready to live on your own',
    description: 'Care leavers go into band A of the allocations policy when they and their personal adviser agree they are ready.',
    area: OfferArea.ACCOMMODATION,
    review: 70,
    tags: ['CPP-G', 'P4', 'P6'],
    logged: 200,
    offer: {
      wording:
        'When you and your personal adviser agree you are ready to live on your own, you go into the highest band on the housing ' +
        'register, and you get a tenancy support worker for your first year.',
      eligibility: 'Care leavers aged 18 to 25 with a local connection to Riverside.',
    },
    updates: [
      {
        ago: 180,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Allocations policy changed: care leavers go into band A when they are ready to move on.',
      },
      {
        ago: 60,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '14 care leavers have had tenancies since the change, and none has lost one.',
      },
    ],
  },
  // ---- Riverside Foster Carers' Association ----
  {
    agency: 'fosterCarers',
    lead: 'Alan Richards',
    title: 'Staying Put: stay with your foster carers after 18',
    description: 'Foster carers encouraged and supported to offer staying put arrangements, with the allowance matched to fostering.',
    area: OfferArea.ACCOMMODATION,
    measure: 'eligible 18 year olds staying put with their foster carers',
    unit: '%',
    baseline: 41,
    target: 60,
    review: 55,
    tags: ['CPP-F', 'CPP-G', 'P4', 'P5'],
    logged: 200,
    offer: {
      wording:
        'If you and your foster carers want to, you can carry on living with them after you turn 18, until you are 21, or longer ' +
        'if you are in education or training. Your foster carers will still be paid.',
      eligibility: 'Young people living with foster carers when they turn 18.',
    },
    updates: [
      {
        ago: 180,
        value: 44,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Two evenings about staying put for carers of 16 and 17 year olds.',
      },
      {
        ago: 95,
        value: 49,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Staying put allowance raised to match the fostering allowance, which carers had asked for.',
      },
      {
        ago: 25,
        value: 52,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '52% of this year\u2019s 18 year olds are staying put.',
      },
    ],
  },
  {
    agency: 'fosterCarers',
    lead: 'Alan Richards',
    title: 'Preparing-for-adulthood training for every foster carer of a teenager',
    description: 'Training on budgeting, cooking, tenancies and pathway plans for carers of young people aged 14 and over.',
    area: OfferArea.OTHER,
    measure: 'foster carers of young people aged 14 and over who have done the training',
    unit: 'foster carers',
    baseline: 35,
    target: 120,
    due: -20,
    tags: ['CPP-G', 'P6'],
    logged: 210,
    updates: [
      {
        ago: 190,
        value: 52,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'First two courses held; carers asked for an evening option.',
      },
      {
        ago: 100,
        value: 96,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Evening and weekend courses added; 96 carers trained.',
      },
      {
        ago: 30,
        value: 124,
        status: COMPLETE,
        rag: GREEN,
        text: '124 carers trained, more than the 120 we set out to reach. The course is now part of the core training offer.',
      },
    ],
  },
  // ---- Riverside Police ----
  {
    agency: 'police',
    lead: 'Chloe Dixon',
    title: 'Work experience with Riverside Police',
    description: 'A week of work experience for care leavers, and help applying for police staff jobs and apprenticeships.',
    area: OfferArea.EMPLOYMENT,
    measure: 'care leavers given a work experience placement',
    unit: 'placements',
    baseline: 0,
    target: 10,
    due: 129,
    tags: ['CPP-E', 'P2'],
    logged: 160,
    offer: {
      wording:
        'You can do a week of work experience with Riverside Police, in the control room, with a neighbourhood team or in the ' +
        'offices, and get help applying for police staff jobs and apprenticeships.',
      eligibility: 'Care leavers aged 16 to 25.',
    },
    updates: [
      {
        ago: 140,
        value: 1,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'First placement done, in the control room.',
      },
      {
        ago: 70,
        value: 3,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Three placements so far. Vetting takes up to six weeks, so personal advisers now start it earlier.',
      },
      {
        ago: 12,
        value: 4,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Four placements; one young person has applied for a police staff apprenticeship.',
      },
    ],
  },
  {
    agency: 'police',
    lead: 'Chloe Dixon',
    title: 'Fewer police call-outs to children\u2019s homes for incidents carers can deal with',
    description: 'A restorative approach agreed with every Riverside children\u2019s home, so children in care are not criminalised.',
    area: OfferArea.OTHER,
    measure: 'police call-outs to Riverside children\u2019s homes in the quarter',
    unit: 'call-outs',
    baseline: 46,
    target: 20,
    polarity: LOWER_IS_BETTER,
    review: 35,
    tags: ['CPP-F', 'CPP-A', 'P4'],
    logged: 220,
    updates: [
      {
        ago: 200,
        value: 44,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Restorative approach protocol agreed with the four children\u2019s homes.',
      },
      {
        ago: 120,
        value: 37,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '37 call-outs this quarter. Neighbourhood officers now visit each home monthly.',
      },
      {
        ago: 40,
        value: 31,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '31 call-outs. Most of the rest are from one home, where staff training is booked.',
      },
    ],
  },
  // ---- Riverside Youth Justice Service ----
  {
    agency: 'youthJustice',
    lead: 'Nadia Hussain',
    title: 'Fewer children in care entering the youth justice system',
    description: 'Diversion for children in care wherever it is safe, agreed with the police and the courts.',
    area: OfferArea.OTHER,
    measure: 'children in care with a first caution or conviction in the last twelve months',
    unit: 'children',
    baseline: 14,
    target: 8,
    polarity: LOWER_IS_BETTER,
    due: 190,
    tags: ['CPP-F', 'P4'],
    logged: 210,
    updates: [
      {
        ago: 180,
        value: 14,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Out-of-court disposal panel now asks whether a child is in care and hears from their social worker.',
      },
      {
        ago: 100,
        value: 12,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '12 in the last twelve months.',
      },
      {
        ago: 30,
        value: 11,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '11. Progress has slowed; two of this year\u2019s were in placements outside Riverside, where the panel does not sit.',
      },
    ],
  },
  {
    agency: 'youthJustice',
    lead: 'Nadia Hussain',
    title: 'An appropriate adult within two hours for every child in care at the police station',
    description: 'The service\u2019s appropriate adult rota covers children in care whose carers cannot attend.',
    area: OfferArea.PARTICIPATION_IN_SOCIETY,
    measure: 'requests met within two hours',
    unit: '%',
    baseline: 70,
    target: 95,
    review: 80,
    tags: ['CPP-A', 'CPP-F', 'P1'],
    logged: 150,
    updates: [
      {
        ago: 130,
        value: 78,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Evening rota extended to midnight; 78% of requests met within two hours.',
      },
      {
        ago: 50,
        value: 88,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '88%. Weekend cover agreed with the emergency duty team.',
      },
    ],
  },
  // ---- Riverside Probation Delivery Unit ----
  {
    agency: 'probation',
    lead: 'Megan Doyle',
    title: 'Your probation officer and personal adviser working together',
    description: 'Probation asks the personal adviser to the first meeting with every care leaver it supervises.',
    area: OfferArea.PARTICIPATION_IN_SOCIETY,
    measure: 'care leavers on probation whose personal adviser came to their first probation meeting',
    unit: '%',
    baseline: 40,
    target: 95,
    review: 65,
    tags: ['CPP-D', 'CPP-G', 'P6'],
    logged: 185,
    offer: {
      wording:
        'If you are on probation, your probation officer will ask your personal adviser to come to your first meeting, so you do ' +
        'not have to tell your story twice, and they will make a plan with you together.',
      eligibility: 'Care leavers aged 18 to 25 supervised by Riverside Probation Delivery Unit.',
    },
    updates: [
      {
        ago: 170,
        value: 48,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Care leaver flag added to probation case records.',
      },
      {
        ago: 90,
        value: 59,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '59%. Personal advisers are now told the date of the first meeting by email the day the order is made.',
      },
      {
        ago: 20,
        value: 66,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '66% this quarter, and every care leaver now has a joint plan within a month.',
      },
    ],
  },
  {
    agency: 'probation',
    lead: 'Megan Doyle',
    title: 'Somewhere to live on the day of release for care leavers leaving custody',
    description: 'Planned with Housing Options and the leaving care team twelve weeks before release.',
    area: OfferArea.ACCOMMODATION,
    measure: 'care leavers released from custody with somewhere to live that day',
    unit: '%',
    baseline: 60,
    target: 100,
    due: 98,
    tags: ['CPP-F', 'CPP-G', 'P4', 'P6'],
    visibility: Visibility.SUB_GROUP,
    subGroup: 'housing',
    logged: 120,
    updates: [
      {
        ago: 100,
        value: 67,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Release planning meeting now held twelve weeks before release for every care leaver in custody.',
      },
      {
        ago: 28,
        value: 75,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '75%. Releases on a Friday are the problem; asking the prisons to avoid them.',
      },
    ],
  },
  // ---- Riverside Jobcentre Plus ----
  {
    agency: 'jobcentre',
    lead: 'Daniel Hughes',
    title: 'A dedicated work coach for care leavers at Riverside Jobcentre',
    description: 'Care leavers see the same work coach, trained on leaving care, and can have an advance on their first payment.',
    area: OfferArea.EMPLOYMENT,
    measure: 'care leavers aged 19 to 21 in education, employment or training',
    unit: '%',
    baseline: 48,
    target: 60,
    review: 40,
    tags: ['CPP-E', 'CPP-D', 'P2', 'P6'],
    logged: 220,
    offer: {
      wording:
        'At Riverside Jobcentre you will see the same work coach, who knows about leaving care. You can get your first Universal ' +
        'Credit payment early if you need it, and help into work, training or volunteering.',
      eligibility: 'Care leavers aged 18 to 25 claiming Universal Credit.',
    },
    updates: [
      {
        ago: 200,
        value: 48,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Two work coaches trained as care leaver leads.',
      },
      {
        ago: 120,
        value: 50,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '50%. Care leavers are not always identified when they claim, so they miss the dedicated coach.',
      },
      {
        ago: 30,
        value: 53,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '53%. Personal advisers now book the first jobcentre appointment with the young person.',
      },
    ],
  },
  {
    agency: 'jobcentre',
    lead: 'Daniel Hughes',
    title: 'A care leaver marker on every Universal Credit claim',
    description: 'So every care leaver who claims is offered the dedicated work coach and an advance.',
    area: OfferArea.OTHER,
    measure: 'care leavers\u2019 Universal Credit claims with the care leaver marker',
    unit: '%',
    baseline: 30,
    target: 90,
    due: 160,
    tags: ['CPP-D', 'P6'],
    logged: 20,
    rag: GREEN,
  },
  // ---- Riverside Care Leavers' Trust ----
  {
    agency: 'careLeaversTrust',
    lead: 'Sam Okoro',
    title: 'A trained volunteer mentor for every care leaver who wants one',
    description: 'Volunteer mentors recruited, checked and trained by the trust, meeting care leavers every couple of weeks.',
    area: OfferArea.RELATIONSHIPS,
    measure: 'care leavers matched with a trained volunteer mentor',
    unit: 'care leavers',
    baseline: 8,
    target: 40,
    due: 220,
    review: -18,
    tags: ['CPP-B', 'CPP-G', 'P5', 'P6'],
    logged: 210,
    offer: {
      wording:
        'The Care Leavers\u2019 Trust can match you with a trained volunteer mentor who will meet you every couple of weeks, for as ' +
        'long as you want, to talk, plan and do things together.',
      eligibility: 'Care leavers aged 16 to 25.',
    },
    updates: [
      {
        ago: 190,
        value: 11,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Recruitment campaign launched; 11 care leavers matched.',
      },
      {
        ago: 130,
        value: 17,
        status: IN_PROGRESS,
        rag: AMBER,
        text: 'Mentor training delayed by a month because the trainer was ill. 17 matched.',
      },
      {
        ago: 70,
        value: 23,
        status: IN_PROGRESS,
        rag: AMBER,
        text: '23 matched and 12 waiting. Two more training courses planned.',
      },
    ],
  },
  {
    agency: 'careLeaversTrust',
    lead: 'Sam Okoro',
    title: 'Emergency hardship grants within two working days',
    description: 'Grants of up to \u00a3150 for food, gas and electricity, paid from the trust\u2019s own fund.',
    area: OfferArea.OTHER,
    measure: 'hardship grants paid within two working days',
    unit: '%',
    baseline: 60,
    target: 95,
    review: 100,
    tags: ['CPP-A', 'CPP-G', 'P6'],
    logged: 180,
    offer: {
      wording:
        'If you run out of money for food, gas or electricity, the Care Leavers\u2019 Trust can give you a grant of up to \u00a3150, ' +
        'usually within two working days. Your personal adviser or the trust can apply for you.',
      eligibility: 'Care leavers aged 18 to 25 living in Riverside.',
    },
    updates: [
      {
        ago: 160,
        value: 72,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Online application form launched; 72% paid within two working days.',
      },
      {
        ago: 60,
        value: 88,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '88%. Payments now go straight to a prepaid card when the young person has no bank account.',
      },
    ],
  },
  {
    agency: 'careLeaversTrust',
    lead: 'Sam Okoro',
    title: 'Saturday drop-in at the town centre hub',
    description: 'A weekly drop-in for care leavers at the trust\u2019s town centre hub.',
    area: OfferArea.PARTICIPATION_IN_SOCIETY,
    review: 30,
    tags: ['CPP-B', 'P1'],
    logged: 200,
    updates: [
      {
        ago: 180,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Drop-in open every Saturday from 11 until 3.',
      },
      {
        ago: 110,
        status: CANCELLED,
        rag: GREEN,
        text:
          'Stopped: the hub lease ended and few young people came on Saturdays. The forum asked for evening sessions instead, which ' +
          'the trust now runs on Wednesdays.',
      },
    ],
  },
  // ---- Riverside Children in Care Council ----
  {
    agency: 'cicc',
    lead: 'Hannah Reid',
    title: 'Paid places for care leavers on the Care Leavers\u2019 Forum',
    description: 'The forum tells the partnership what needs to change; members are paid for their time.',
    area: OfferArea.PARTICIPATION_IN_SOCIETY,
    measure: 'care leavers taking part in the forum each quarter',
    unit: 'care leavers',
    baseline: 6,
    target: 20,
    review: 60,
    tags: ['CPP-B', 'CPP-C', 'P1'],
    logged: 200,
    offer: {
      wording:
        'Join the Care Leavers\u2019 Forum to tell the council and its partners what needs to change. You are paid \u00a310 an hour ' +
        'for your time, your travel is paid, and there is food. The forum meets the partnership board twice a year.',
      eligibility: 'Care leavers aged 16 to 25.',
    },
    updates: [
      {
        ago: 180,
        value: 8,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Payment for forum members agreed by the partnership board.',
      },
      {
        ago: 100,
        value: 11,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '11 members took part this quarter; the forum reviewed the draft local offer.',
      },
      {
        ago: 15,
        value: 14,
        status: IN_PROGRESS,
        rag: GREEN,
        text: '14 this quarter. The forum presented to the board on the leisure pass and on travel to college.',
      },
    ],
  },
  {
    agency: 'cicc',
    lead: 'Hannah Reid',
    title: 'A monthly social evening for care leavers',
    description: 'A free evening each month with food and games, for care leavers and their brothers and sisters.',
    area: OfferArea.RELATIONSHIPS,
    measure: 'social evenings held this year',
    unit: 'evenings',
    baseline: 0,
    target: 12,
    due: 160,
    tags: ['CPP-B', 'P5'],
    logged: 190,
    offer: {
      wording:
        'Once a month there is a free social evening for care leavers, with food, games and a chance to catch up with friends and ' +
        'with workers you know. Your brothers and sisters are welcome too.',
      eligibility: 'Care leavers aged 16 to 25, and their brothers and sisters.',
    },
    updates: [
      {
        ago: 170,
        value: 1,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'First evening held, with 17 young people.',
      },
      {
        ago: 90,
        value: 4,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Four held. Brothers and sisters in care elsewhere now come too, with travel paid.',
      },
      {
        ago: 10,
        value: 7,
        status: IN_PROGRESS,
        rag: GREEN,
        text: 'Seven held this year, on track for twelve.',
      },
    ],
  },
];

export interface DemoCommitmentsCreated {
  commitments: number;
  updates: number;
  /** 1 when this run published version 1 of the local offer. */
  offerVersions: number;
  /** Commitments whose offer wording this run changed after publishing version 1. */
  reworded: number;
}

export interface DemoCommitmentRefs {
  /** Demo person name → their user id and agency id. */
  people: ReadonlyMap<string, { userId: string; agencyId: string }>;
  /** Agency key → id. */
  agencies: ReadonlyMap<string, string>;
  /** Sub-group key → id. */
  subGroups: ReadonlyMap<string, string>;
}

function monthEnd(date: string): string {
  return addDays(`${addDays(`${date.slice(0, 7)}-01`, 32).slice(0, 7)}-01`, -1);
}

/**
 * Adds the commitments, their updates and version 1 of the local offer inside the demo
 * loader's transaction. Only what is missing is added.
 */
export async function loadDemoCommitments(
  tx: TxScope,
  refs: DemoCommitmentRefs,
  today: string = londonToday(),
): Promise<DemoCommitmentsCreated> {
  const mutations = new MutationRunner(new AuditRepository());
  const users = new UserRepository();
  const agencies = new AgencyRepository();
  const subGroups = new SubGroupRepository();
  const frameworks = new FrameworkRepository();
  const items = new FrameworkItemRepository();
  const commitments = new CommitmentRepository();
  const updates = new CommitmentUpdateRepository();
  const versions = new LocalOfferVersionRepository();
  const ds = tx.manager.connection;
  const service = new CommitmentsService(
    ds,
    mutations,
    commitments,
    updates,
    versions,
    agencies,
    users,
    subGroups,
    items,
    new PartnershipRepository(ds),
  );
  const created: DemoCommitmentsCreated = { commitments: 0, updates: 0, offerVersions: 0, reworded: 0 };

  const person = (name: string) => {
    const p = refs.people.get(name);
    if (!p) throw new Error(`The demo commitments name ${name}, who is not a demo person`);
    return p;
  };
  // As things are now: someone may have moved, demoted or deactivated a demo person while trying the product.
  const now = new Map(
    (
      await users.findByIds(
        tx,
        [...refs.people.values()].map((p) => p.userId),
      )
    ).map((u) => [u.id, u]),
  );
  /** CommitmentsService.canManage for a non-secretariat: an active MEMBER of the owning agency. */
  const mayManage = (name: string, agencyId: string) => {
    const u = now.get(person(name).userId);
    return !!u && u.status === UserStatus.ACTIVE && u.role === PartnershipRole.MEMBER && u.agencyId === agencyId;
  };

  // Times of day vary a little, so lists ordered by time read naturally; nothing is ever dated in the future.
  let tick = 0;
  const at = (daysAgo: number): Date => {
    tick = (tick + 1) % 7;
    const t = londonTime(addDays(today, -daysAgo), `${String(9 + tick).padStart(2, '0')}:${String(10 + tick * 6).padStart(2, '0')}`);
    return t.getTime() > Date.now() - 60_000 ? new Date(Date.now() - 60_000) : t;
  };

  // Codes to ids: the statutory principles and the partnership's promises (retired items are left off).
  const live = (await frameworks.list(tx, false, { first: 100 })).edges.map((e) => e.node);
  const tagged = live.filter((f) => f.builtIn || f.name === DEMO_PROMISES.name).map((f) => f.id);
  const itemIds = new Map((await items.forFrameworks(tx, tagged, false)).map((i) => [i.code, i.id] as const));

  const byKey = new Map<string, CommitmentEntity>();
  for (const e of (await commitments.list(tx, undefined, { field: 'TITLE', direction: 'ASC' }, { first: 10_000 })).edges) {
    byKey.set(`${e.node.agencyId} ${e.node.title}`, e.node);
  }

  /** The commitment as its audit events show it, as the service's own view does. */
  const view = async (c: CommitmentEntity) => ({
    ...snapshot(c),
    frameworkItemIds: (await commitments.frameworkItems(tx, [c.id])).map((l) => l.frameworkItemId).sort(),
  });

  const add = async (d: DemoCommitment): Promise<void> => {
    const agencyId = refs.agencies.get(d.agency);
    if (!agencyId || byKey.has(`${agencyId} ${d.title}`)) return;
    // The services' rules: the lead manages the agency's commitments; a SUB_GROUP commitment names a sub-group.
    if (!mayManage(d.lead, agencyId)) return;
    const subGroupId = d.visibility === Visibility.SUB_GROUP ? (refs.subGroups.get(d.subGroup ?? '') ?? null) : null;
    if (d.visibility === Visibility.SUB_GROUP && !subGroupId) return;
    const lead = person(d.lead);
    const tags = d.tags.flatMap((code) => itemIds.get(code) ?? []);
    const loggedAt = at(d.logged);
    let c: CommitmentEntity = await mutations.run(tx, 'commitment.create', async (t) => {
      const inserted = await commitments.insert(t, {
        agencyId,
        subGroupId,
        createdByUserId: lead.userId,
        title: d.title,
        description: d.description,
        offerArea: d.area,
        measure: d.measure ?? '',
        unit: d.unit ?? '',
        baseline: d.baseline ?? null,
        target: d.target ?? null,
        polarity: d.polarity ?? HIGHER_IS_BETTER,
        currentValue: null,
        dueDate: d.due === undefined ? null : monthEnd(addDays(today, d.due)),
        reviewDate: d.review === undefined ? null : addDays(today, d.review),
        status: NOT_STARTED,
        rag: d.rag ?? GREEN,
        visibility: d.visibility ?? Visibility.PARTNERSHIP,
        restrictedUserIds: [],
        inLocalOffer: !!d.offer,
        offerWording: d.offer?.wording ?? null,
        offerEligibility: d.offer?.eligibility ?? null,
        version: 1,
        lastUpdateAt: null,
        createdAt: loggedAt,
        updatedAt: loggedAt,
      });
      await commitments.setFrameworkItems(t, inserted.id, tags);
      return {
        result: inserted,
        audit: { entityType: 'Commitment', entityId: inserted.id, before: null, after: { ...snapshot(inserted), frameworkItemIds: tags } },
      };
    });
    created.commitments++;

    // Progress as the lead posted it, on its dates (never before it was logged); the value is the latest that gave one.
    for (const u of d.updates ?? []) {
      const postedAt = at(u.ago);
      const updateDate = addDays(today, -Math.min(u.ago, d.logged));
      c = await mutations.run(tx, 'commitment.postUpdate', async (t) => {
        const before = snapshot(c);
        const row = await updates.insert(t, {
          commitmentId: c.id,
          authorUserId: lead.userId,
          updateDate,
          value: u.value ?? null,
          narrative: u.text,
          status: u.status,
          rag: u.rag,
          createdAt: postedAt,
        });
        if (u.value !== undefined) c.currentValue = u.value;
        c.status = u.status;
        c.rag = u.rag;
        c.lastUpdateAt = postedAt;
        c.updatedAt = postedAt;
        c.version += 1;
        const saved = await commitments.save(t, c);
        return {
          result: saved,
          audit: [
            { entityType: 'CommitmentUpdate', entityId: row.id, before: null, after: snapshot(row) },
            { entityType: 'Commitment', entityId: saved.id, before, after: snapshot(saved) },
          ],
        };
      });
      created.updates++;
    }
    byKey.set(`${agencyId} ${d.title}`, c);
  };

  for (const d of DEMO_COMMITMENTS.filter((x) => !x.afterVersion1)) await add(d);

  // ---- version 1 of the local offer, only for a partnership that has published none ----
  const secretariat = now.get(person(SECRETARIAT).userId);
  let published = false;
  if (secretariat?.status === UserStatus.ACTIVE && secretariat.role === PartnershipRole.SECRETARIAT && !(await versions.latest(tx))) {
    // What CommitmentsService.publish would publish now: its own preview (the system may preview, as the secretariat does).
    const preview = await service.preview(tx);
    const offered: OfferItem[] = preview.areas.flatMap((a) => a.items);
    if (preview.nextNumber === 1 && offered.length) {
      const publishedAt = londonTime(addDays(today, -DEMO_OFFER_PUBLISHED_AGO), '11:30');
      await mutations.run(tx, 'localOffer.publish', async (t) => {
        const v = await versions.insert(t, {
          number: 1,
          publishedAt,
          publishedByUserId: secretariat.id,
          introduction: DEMO_OFFER_INTRODUCTION,
          items: offered,
          changes: preview.changes as OfferChange[],
        });
        return {
          result: v,
          audit: {
            entityType: 'LocalOfferVersion',
            entityId: v.id,
            before: null,
            after: { number: v.number, items: offered.length, changes: v.changes },
          },
        };
      });
      created.offerVersions++;
      published = true;
    }
  }

  // ---- since version 1: one wording changed, one commitment joined the offer; neither published ----
  if (published) {
    for (const d of DEMO_COMMITMENTS.filter((x) => x.reworded)) {
      const agencyId = refs.agencies.get(d.agency);
      const c = agencyId ? byKey.get(`${agencyId} ${d.title}`) : undefined;
      if (!c || !d.reworded || !c.inLocalOffer || c.offerWording !== d.offer?.wording || !mayManage(d.lead, c.agencyId)) continue;
      const { ago, wording } = d.reworded;
      await mutations.run(tx, 'commitment.update', async (t) => {
        const before = await view(c);
        c.offerWording = wording;
        c.updatedAt = at(ago);
        c.version += 1;
        const saved = await commitments.save(t, c);
        return { result: saved, audit: { entityType: 'Commitment', entityId: saved.id, before, after: await view(saved) } };
      });
      created.reworded++;
    }
  }
  for (const d of DEMO_COMMITMENTS.filter((x) => x.afterVersion1)) await add(d);
  return created;
}
