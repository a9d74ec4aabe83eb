import { type AppConfig, addDays, londonToday } from '@pbw/core';
import { AuditRepository, MutationRunner, snapshot } from '@pbw/audit';
import { type TxScope, Visibility } from '@pbw/db';
import { AgencyRepository, UserRepository, UserStatus } from '@pbw/identity';
import { SubGroupRepository } from '@pbw/boards';
import { FrameworkItemRepository, FrameworkKind, FrameworkRepository, FrameworksService } from '@pbw/frameworks';
import {
  type ActionEntity,
  ActionRepository,
  ActionStatus,
  ActionUpdateRepository,
  ObjectiveRepository,
  Rag,
  WorkPlanRepository,
  WorkPlanStatus,
  WorkPlansService,
} from '@pbw/workplans';

/**
 * The demo's work plans: each of Riverside's five sub-groups gets an active plan for the
 * current financial year (1 April to 31 March), with objectives, actions and dated progress
 * updates written the way sub-groups write them, tagged to the statutory principles and to
 * the partnership's own promises to children in care. Every status and RAG appears, with
 * some actions complete (shown blue), some overdue and some stale.
 *
 * Dates are set relative to the day the demo is loaded, so the plan always looks current:
 * an action "due 40 days ago" is overdue whenever the demo is loaded, and one last updated
 * 60 days ago is stale. Loading is idempotent like the rest of the demo: the framework is
 * keyed by name, its items by code, and a plan by sub-group and title; a sub-group that
 * already has an active plan (the demo's from an earlier year, or one made while trying the
 * product) is left alone. Plans, objectives and actions are made through WorkPlansService,
 * the framework through FrameworksService, as the system, with audit events.
 */

export const DEMO_PROMISES = {
  name: 'Our promises to children in care',
  description:
    'Six promises the Riverside Children in Care Council wrote with the partnership board. Every partner signs up to them, and the ' +
    'board asks each sub-group to show which promise its work keeps.',
  items: [
    { code: 'P1', title: 'We will listen to you, take what you tell us seriously, and tell you what we did about it.' },
    { code: 'P2', title: 'We will help you do your best at school, at college or at work, and in the things you enjoy doing.' },
    { code: 'P3', title: 'We will look after your health, in body and mind, and get you help quickly when you need it.' },
    { code: 'P4', title: 'We will give you a safe and settled home, and plan any move with you so that it never comes as a surprise.' },
    { code: 'P5', title: 'We will help you keep in touch with the people who matter to you.' },
    {
      code: 'P6',
      title: 'We will stand by you as you grow up and leave care, with a home, help with money and someone to call until you are 25.',
    },
  ],
} as const;

type S = ActionStatus;
const { NOT_STARTED, IN_PROGRESS, COMPLETE, CANCELLED } = ActionStatus;
const { RED, AMBER, GREEN } = Rag;

interface DemoUpdate {
  /** How many days before the load the update is dated. */
  ago: number;
  status: S;
  rag: Rag;
  text: string;
}

interface DemoAction {
  title: string;
  description?: string;
  /** A demo person's name; the lead agency is theirs. */
  owner: string;
  supporting?: string[];
  /** Days from the load; the date is the first of that month (never before the plan starts). Null: not set. */
  start: number | null;
  /** Days from the load; the date is the last day of that month (never after the plan ends). */
  due: number;
  /** The due date is exactly `due` days from the load, so the action shows as due soon. */
  dueExactly?: boolean;
  success: string;
  tags: string[];
  visibility?: Visibility;
  /** Oldest first; the last sets the action's status and RAG. None for an action not started. */
  updates?: DemoUpdate[];
  /** For an action with no updates. */
  rag?: Rag;
}

interface DemoObjective {
  title: string;
  description: string;
  actions: DemoAction[];
}

/** Sub-group key (as in demo-partnership.ts) → its plan's objectives. */
export const DEMO_WORK_PLANS: ReadonlyArray<{ subGroup: string; objectives: DemoObjective[] }> = [
  {
    subGroup: 'education',
    objectives: [
      {
        title: 'Every child in care has a personal education plan that makes a difference',
        description:
          'Personal education plans (PEPs) that are good quality, on time and followed through, wherever the child goes to school.',
        actions: [
          {
            title: 'Raise the share of PEPs rated good or better at termly quality assurance to 90%',
            owner: 'Peter Walsh',
            start: -230,
            due: 129,
            success: '90% of PEPs sampled each term rated good or better (baseline 74%).',
            tags: ['CPP-E', 'P2'],
            updates: [
              {
                ago: 180,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'Summer term quality assurance complete: 71 of 96 PEPs (74%) rated good or better. The most common gap is targets that are ' +
                  'not specific enough for Key Stage 4 pupils. Guidance note for designated teachers drafted.',
              },
              {
                ago: 95,
                status: IN_PROGRESS,
                rag: AMBER,
                text:
                  'Autumn quality assurance running three weeks late because of an education adviser vacancy. 78% good or better on the ' +
                  'PEPs reviewed so far. Agency cover agreed from next month. Amber until the backlog is cleared.',
              },
              {
                ago: 12,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'Backlog cleared. Autumn term: 84% of PEPs good or better, up from 74%. Designated teacher briefing held with 31 schools ' +
                  'attending. On track for 90% by the end of the year.',
              },
            ],
          },
          {
            title: 'Train a designated teacher in every Riverside school on using pupil premium plus well',
            owner: 'Sunita Rao',
            start: -200,
            due: -60,
            success: 'A trained designated teacher in every one of the 52 Riverside schools.',
            tags: ['CPP-E', 'CPP-D', 'P2'],
            updates: [
              {
                ago: 170,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Two training sessions booked at the teachers’ centre. Invitations sent to all 52 head teachers.',
              },
              {
                ago: 120,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'First session held with 24 designated teachers. Feedback good; most asked for worked examples of pupil premium plus ' +
                  'plans, which we will add to the second session.',
              },
              {
                ago: 70,
                status: COMPLETE,
                rag: GREEN,
                text:
                  'Second session delivered. 47 of 52 schools now have a trained designated teacher; the virtual school is visiting the ' +
                  'other five one to one this term. Closing the action; follow-up through the PEP quality assurance.',
              },
            ],
          },
          {
            title: 'Hold PEP meetings for children placed out of borough within the same timescales as in borough',
            description:
              'Children placed outside Riverside wait longer for their PEP meetings. Agree a protocol with each receiving virtual school.',
            owner: 'Peter Walsh',
            start: -140,
            due: -40,
            success: 'Out-of-borough PEPs held on time as often as in-borough ones (89%).',
            tags: ['CPP-D', 'CPP-E', 'P2'],
            updates: [
              {
                ago: 120,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'Audit shows 58% of out-of-borough PEP meetings held within timescale, against 89% in borough. Writing to the 14 ' +
                  'virtual schools where our children are placed to agree a protocol.',
              },
              {
                ago: 75,
                status: IN_PROGRESS,
                rag: AMBER,
                text: 'Protocol agreed with nine of the 14 virtual schools. Two neighbouring authorities have not replied despite reminders.',
              },
              {
                ago: 41,
                status: IN_PROGRESS,
                rag: RED,
                text:
                  'The deadline will be missed: three authorities still have not signed up. Escalated to the Director of Children’s ' +
                  'Services to raise at the regional virtual school heads’ meeting. We ask the board to note the risk.',
              },
            ],
          },
        ],
      },
      {
        title: 'Fewer children in care miss education through exclusion or part-time timetables',
        description: 'Children in care stay in school, with support put in early when a placement at school is at risk.',
        actions: [
          {
            title: 'Attend every team-around-the-school meeting for a child in care at risk of suspension',
            owner: 'Sunita Rao',
            start: -230,
            due: 129,
            success: 'No permanent exclusions of children in care; virtual school at every at-risk meeting.',
            tags: ['CPP-F', 'CPP-A', 'P2'],
            updates: [
              {
                ago: 150,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'Virtual school attended 11 of 12 at-risk meetings this term. One permanent exclusion avoided through a managed move ' +
                  'with a transition plan agreed with the carers.',
              },
              {
                ago: 60,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'Attended all nine meetings this half term. Two pupils on part-time timetables back to full time. Schools are now ' +
                  'calling us before suspension rather than after.',
              },
              {
                ago: 8,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'No permanent exclusions this year to date. Suspension days down by a third on the same period last year.',
              },
            ],
          },
          {
            title: 'Pilot a joint education and youth justice review for children in care known to the youth justice service',
            owner: 'Nadia Hussain',
            supporting: ['virtualSchool'],
            start: -110,
            due: 38,
            success: 'Every child in care open to youth justice has a joint review; pilot evaluated and a decision made on roll-out.',
            tags: ['CPP-F', 'CPP-E', 'P2'],
            updates: [
              {
                ago: 100,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'Pilot agreed with the virtual school: 16 young people in scope. Review template drafted with case managers and the ' +
                  'education advisers.',
              },
              {
                ago: 55,
                status: IN_PROGRESS,
                rag: AMBER,
                text:
                  'Six reviews completed. The information sharing agreement is still with the council’s information governance team, ' +
                  'which is holding up the remaining ten.',
              },
            ],
          },
          {
            title: 'Publish a guide for foster carers on supporting learning at home',
            owner: 'Peter Walsh',
            supporting: ['fosterCarers'],
            start: null,
            due: 98,
            success: 'Guide written with foster carers and sent to every fostering household.',
            tags: ['CPP-E', 'P2'],
          },
          {
            title: 'Commission a tutoring offer for Year 11 pupils in care',
            owner: 'Sunita Rao',
            start: -200,
            due: -20,
            success: 'Every Year 11 pupil in care who wants a tutor has one by the spring term.',
            tags: ['CPP-E', 'P2'],
            updates: [
              {
                ago: 170,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Specification drafted; three providers have expressed interest.',
              },
              {
                ago: 110,
                status: CANCELLED,
                rag: GREEN,
                text:
                  'Cancelled by the sub-group: the national tutoring funding this relied on has ended. Tutoring is now arranged child by ' +
                  'child through pupil premium plus and recorded in the PEP.',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    subGroup: 'employment',
    objectives: [
      {
        title: 'More care leavers aged 19 to 21 in education, employment or training',
        description: 'Close the gap between care leavers and their peers in education, employment and training (EET).',
        actions: [
          {
            title: 'Ring-fence three council apprenticeships a year for care leavers',
            owner: 'Lucy Brennan',
            start: -230,
            due: -40,
            success: 'Three care leavers start council apprenticeships this year.',
            tags: ['CPP-E', 'CPP-G', 'P6'],
            updates: [
              {
                ago: 200,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'Guaranteed interview scheme agreed by HR. Three apprenticeships ring-fenced: highways, finance, and business support ' +
                  'in children’s services.',
              },
              {
                ago: 120,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Eight care leavers applied; five interviewed, each with their personal adviser there for support.',
              },
              {
                ago: 45,
                status: COMPLETE,
                rag: GREEN,
                text:
                  'Three care leavers started their apprenticeships. Each has a mentor in the service. How many stay will be reported ' +
                  'through the workforce dashboard.',
              },
            ],
          },
          {
            title: 'Base a Jobcentre work coach in the leaving care team one day a week',
            owner: 'Daniel Hughes',
            supporting: ['council'],
            start: -170,
            due: 12,
            dueExactly: true,
            success: 'Care leavers see a work coach where they already go; at least 20 helped into work or training this year.',
            tags: ['CPP-D', 'CPP-G', 'P6'],
            updates: [
              {
                ago: 150,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Work coach identified. Desk space and system access arranged at the leaving care office.',
              },
              {
                ago: 90,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'First ten weeks: 23 young people seen at the leaving care office; six helped into work or training.',
              },
              {
                ago: 14,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  '17 into work or training so far. Personal advisers say young people are more willing to come to a place they know. ' +
                  'Proposal to make this permanent going to the Jobcentre district manager.',
              },
            ],
          },
          {
            title: 'Track every care leaver’s EET status monthly and review anyone not in EET for three months',
            owner: 'Imran Qureshi',
            start: -200,
            due: 129,
            success: 'Monthly EET figures for all care leavers 19 to 21, with a plan for everyone not in EET for three months or more.',
            tags: ['CPP-E', 'CPP-G', 'P6'],
            updates: [
              {
                ago: 180,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Monthly tracker built from the case management system. First review meeting held: 22 young people discussed.',
              },
              {
                ago: 62,
                status: IN_PROGRESS,
                rag: AMBER,
                text:
                  'Data quality problem: EET status missing for 18% of 19 to 21 year olds. Personal advisers asked to update records ' +
                  'before the next extract.',
              },
            ],
          },
          {
            title: 'Hold a care leavers’ jobs fair with partner employers',
            owner: 'Sam Okoro',
            supporting: ['jobcentre', 'college'],
            start: null,
            due: 98,
            success: 'At least 15 employers and 40 care leavers attend; interviews offered on the day.',
            tags: ['CPP-E', 'P6'],
          },
        ],
      },
      {
        title: 'Young people in and leaving care get work experience and support to stay in work',
        description: 'Partners open their doors for work experience, and care leavers get help in the first months of a job.',
        actions: [
          {
            title: 'Offer 20 work experience placements across partner agencies for Year 10 pupils in care',
            owner: 'Lucy Brennan',
            supporting: ['police', 'icb'],
            start: -110,
            due: -35,
            success: '20 placements offered, so every Year 10 pupil in care who wants one has one.',
            tags: ['CPP-E', 'P2'],
            updates: [
              {
                ago: 100,
                status: IN_PROGRESS,
                rag: AMBER,
                text: 'Only the council and the college have offered placements so far: 9 against a target of 20.',
              },
              {
                ago: 20,
                status: IN_PROGRESS,
                rag: RED,
                text:
                  'Still 11 short. Police and health placements are held up by vetting rules for under-16s. An options paper is going ' +
                  'to the next sub-group meeting; we may ask the board for help with partners.',
              },
            ],
          },
          {
            title: 'College bursary and mentoring for care leavers starting level 3 courses',
            owner: 'Kwame Mensah',
            start: -140,
            due: -10,
            success: 'Every care leaver starting a level 3 course is offered the bursary and a mentor.',
            tags: ['CPP-E', 'CPP-D', 'P2', 'P6'],
            updates: [
              {
                ago: 120,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Bursary criteria agreed by the college governors. Eight staff volunteered as mentors and have been trained.',
              },
              {
                ago: 40,
                status: COMPLETE,
                rag: GREEN,
                text: 'All 12 care leavers starting level 3 this year took up the bursary; 10 have a mentor. Now part of the college’s offer.',
              },
            ],
          },
          {
            title: 'Run a money skills course with the Jobcentre for care leavers starting their first job',
            owner: 'Daniel Hughes',
            start: null,
            due: 69,
            success: 'Two courses run; care leavers say they feel more confident managing pay and benefits.',
            tags: ['CPP-G', 'P6'],
            rag: AMBER,
          },
        ],
      },
    ],
  },
  {
    subGroup: 'housing',
    objectives: [
      {
        title: 'Every care leaver has a suitable and safe place to live',
        description: 'Enough supported and independent homes for care leavers, and no care leaver in bed and breakfast.',
        actions: [
          {
            title: 'Open a six-bed supported accommodation scheme for care leavers',
            owner: 'Bethan Lloyd',
            supporting: ['council', 'careLeaversTrust'],
            start: -230,
            due: 69,
            success: 'Scheme open with six care leavers living there and support on site.',
            tags: ['CPP-G', 'CPP-F', 'P6'],
            updates: [
              {
                ago: 190,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Building identified and purchase agreed by cabinet.',
              },
              {
                ago: 120,
                status: IN_PROGRESS,
                rag: AMBER,
                text: 'Refurbishment tender came back 18% over budget. Re-tendering the kitchen and fire safety works separately.',
              },
              {
                ago: 25,
                status: IN_PROGRESS,
                rag: AMBER,
                text:
                  'Contractor appointed and works started. Handover expected about six weeks later than planned. Procurement of the ' +
                  'support provider is on track.',
              },
            ],
          },
          {
            title: 'Give care leavers priority banding on the housing register up to 25',
            owner: 'Bethan Lloyd',
            start: -200,
            due: -90,
            success: 'Allocations policy changed so care leavers are in band B up to age 25.',
            tags: ['CPP-G', 'P6'],
            updates: [
              {
                ago: 180,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Draft change to the allocations policy shared with legal services and the Care Leavers’ Trust.',
              },
              {
                ago: 100,
                status: COMPLETE,
                rag: GREEN,
                text: 'Allocations policy amended by cabinet member decision. Care leavers are now in band B up to 25.',
              },
            ],
          },
          {
            title: 'Agree a housing protocol for care leavers leaving custody',
            owner: 'Megan Doyle',
            supporting: ['youthJustice', 'housing'],
            start: -140,
            due: -45,
            success: 'No care leaver released from custody without somewhere to live that night.',
            tags: ['CPP-F', 'CPP-G', 'P6'],
            visibility: Visibility.SUB_GROUP,
            updates: [
              {
                ago: 130,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Workshop held with probation, youth justice and housing options to map what happens on the day of release.',
              },
              {
                ago: 50,
                status: IN_PROGRESS,
                rag: RED,
                text:
                  'Draft protocol has stalled: no agreement yet on who pays for emergency accommodation on the day of release. Raised with ' +
                  'the heads of service.',
              },
            ],
          },
        ],
      },
      {
        title: 'Care leavers are ready for independent living and know what the local offer gives them',
        description: 'The local offer is clear, written with young people, and used.',
        actions: [
          {
            title: 'Exempt care leavers from council tax up to 25',
            owner: 'Imran Qureshi',
            start: -230,
            due: -150,
            success: 'Exemption agreed and every eligible care leaver told about it.',
            tags: ['CPP-G', 'P6'],
            updates: [
              {
                ago: 215,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Cabinet report drafted with finance: 142 care leavers eligible.',
              },
              {
                ago: 160,
                status: COMPLETE,
                rag: GREEN,
                text: 'Cabinet agreed the exemption. All 142 care leavers told by letter and through their personal advisers.',
              },
            ],
          },
          {
            title: 'Refresh the local offer for care leavers with the Children in Care Council',
            owner: 'Imran Qureshi',
            supporting: ['cicc', 'careLeaversTrust'],
            start: -80,
            due: 10,
            dueExactly: true,
            success: 'A new local offer, written with young people, published online and in print.',
            tags: ['CPP-B', 'CPP-C', 'CPP-D', 'P1', 'P6'],
            updates: [
              {
                ago: 70,
                status: IN_PROGRESS,
                rag: GREEN,
                text:
                  'Two sessions with the Children in Care Council. Their top asks: clearer information about money, and one phone number ' +
                  'that always answers.',
              },
              {
                ago: 9,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Draft written in young people’s own words and checked by the Care Leavers’ Trust. Design work has started.',
              },
            ],
          },
          {
            title: 'Run an independent living skills programme for 16 and 17 year olds',
            owner: 'Sam Okoro',
            start: null,
            due: 129,
            success: 'Every 17 year old in care offered the programme before their 18th birthday.',
            tags: ['CPP-G', 'P6'],
          },
          {
            title: 'Set up a rent deposit guarantee scheme for care leavers',
            owner: 'Bethan Lloyd',
            start: -170,
            due: -30,
            success: 'Care leavers can rent privately without finding a deposit.',
            tags: ['CPP-G', 'P6'],
            updates: [
              {
                ago: 150,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Options appraisal started with the private rented sector team.',
              },
              {
                ago: 95,
                status: CANCELLED,
                rag: GREEN,
                text:
                  'Closed: care leavers now have priority in the council’s wider rent deposit scheme, so a separate scheme is not needed. ' +
                  'Agreed at the sub-group.',
              },
            ],
          },
        ],
      },
    ],
  },
  {
    subGroup: 'placements',
    objectives: [
      {
        title: 'More children live with Riverside foster carers, close to home',
        description: 'Grow the council’s own foster carers so fewer children live far from their school, friends and family.',
        actions: [
          {
            title: 'Approve 15 new fostering households this year',
            owner: 'Joanne Pike',
            supporting: ['fosterCarers'],
            start: -230,
            due: 129,
            success: '15 new fostering households approved (8 last year).',
            tags: ['CPP-F', 'P4'],
            updates: [
              {
                ago: 170,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Recruitment campaign launched: 42 enquiries in the first month.',
              },
              {
                ago: 100,
                status: IN_PROGRESS,
                rag: AMBER,
                text: 'Six households approved and nine in assessment. Fewer enquiries are turning into applications than last year.',
              },
              {
                ago: 18,
                status: IN_PROGRESS,
                rag: AMBER,
                text: 'Eight approved so far. Extra fostering panel dates added for the new year to keep up with assessments.',
              },
            ],
          },
          {
            title: 'Introduce a mentoring scheme for new foster carers with the Foster Carers’ Association',
            owner: 'Alan Richards',
            supporting: ['council'],
            start: -200,
            due: -60,
            success: 'Every newly approved household offered an experienced carer as a mentor for their first year.',
            tags: ['CPP-F', 'P4'],
            updates: [
              {
                ago: 180,
                status: IN_PROGRESS,
                rag: GREEN,
                text: '12 experienced carers volunteered as mentors. Training agreed with the fostering service.',
              },
              {
                ago: 120,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Mentor training delivered. First matches made with four new households.',
              },
              {
                ago: 65,
                status: COMPLETE,
                rag: GREEN,
                text: 'Every household approved this year has a mentor. New carers say it helps most in the first placement.',
              },
            ],
          },
          {
            title: 'Review fostering allowances and skills payments against neighbouring councils',
            owner: 'Joanne Pike',
            start: -110,
            due: -40,
            success: 'A costed proposal agreed so Riverside’s offer is at least as good as its neighbours’.',
            tags: ['CPP-F', 'P4'],
            visibility: Visibility.AGENCY,
            updates: [
              {
                ago: 100,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Benchmarking with six neighbouring councils under way.',
              },
              {
                ago: 48,
                status: IN_PROGRESS,
                rag: AMBER,
                text: 'Benchmarking done; Riverside pays less for the skills element. Proposal is with finance and will go into the budget round.',
              },
            ],
          },
        ],
      },
      {
        title: 'Fewer unplanned moves, and every move planned with the child',
        description: 'Stability at home and at school: any move is planned, explained and done with the child.',
        actions: [
          {
            title: 'Hold a stability meeting for any child with two placement moves in twelve months',
            owner: 'Graham Ellis',
            start: -230,
            due: 129,
            success: 'Fewer children with three or more moves in a year (11% last year; target under 9%).',
            tags: ['CPP-F', 'CPP-C', 'P4'],
            updates: [
              {
                ago: 190,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Stability meetings started. Seven held; in five the carers were offered extra support and the placement is holding.',
              },
              {
                ago: 100,
                status: IN_PROGRESS,
                rag: GREEN,
                text: '19 meetings held so far. Children with three or more moves in the rolling year: 9.8%.',
              },
              {
                ago: 20,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Down to 8.9%. Independent reviewing officers now check a stability meeting has been held at each review.',
              },
            ],
          },
          {
            title: 'Record for every planned move whether the child met their new carers first',
            owner: 'Graham Ellis',
            supporting: ['cicc'],
            start: -140,
            due: 38,
            success: 'Nine in ten children who move in a planned way meet their new carers first.',
            tags: ['CPP-F', 'CPP-C', 'P4'],
            updates: [
              {
                ago: 120,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'New question added to the placement move form.',
              },
              {
                ago: 27,
                status: IN_PROGRESS,
                rag: RED,
                text:
                  'First quarter’s figures: only 41% of planned moves included an introductory visit. Team managers are reviewing each ' +
                  'case; the sub-group will look at the reasons at its next meeting.',
              },
            ],
          },
          {
            title: 'Return home interviews within 72 hours for every child in care who goes missing',
            owner: 'Chloe Dixon',
            supporting: ['council'],
            start: -170,
            due: -35,
            success: '95% of return home interviews offered within 72 hours.',
            tags: ['CPP-F', 'CPP-A', 'P4'],
            updates: [
              {
                ago: 150,
                status: IN_PROGRESS,
                rag: AMBER,
                text: '62% of return interviews offered within 72 hours. Delays mostly at weekends.',
              },
              {
                ago: 60,
                status: IN_PROGRESS,
                rag: RED,
                text: 'Down to 55% over the summer. Commissioning of the independent return interview service has been delayed.',
              },
              {
                ago: 6,
                status: IN_PROGRESS,
                rag: RED,
                text:
                  'The new provider starts in four weeks. Until then participation workers are covering return interviews. This action is ' +
                  'overdue and will carry into next year’s plan if it is not met.',
              },
            ],
          },
          {
            title: 'Design a “welcome to your new home” pack with the Children in Care Council',
            owner: 'Hannah Reid',
            start: null,
            due: 98,
            success: 'Every child moving home gets the pack; the Children in Care Council signs it off.',
            tags: ['CPP-B', 'CPP-C', 'P1', 'P4'],
          },
        ],
      },
    ],
  },
  {
    subGroup: 'health',
    objectives: [
      {
        title: 'Timely health assessments for every child in care',
        description: 'Initial and review health assessments on time, and health needs followed up.',
        actions: [
          {
            title: 'Complete initial health assessments within 20 working days of a child coming into care',
            owner: 'Farah Malik',
            supporting: ['council'],
            start: -230,
            due: 129,
            success: '90% of initial health assessments within 20 working days (48% at the start of the year).',
            tags: ['CPP-A', 'P3'],
            updates: [
              {
                ago: 200,
                status: IN_PROGRESS,
                rag: RED,
                text:
                  'Only 48% in timescale last quarter. Main cause is late notification from social care: on average nine working days ' +
                  'after the child came into care.',
              },
              {
                ago: 110,
                status: IN_PROGRESS,
                rag: AMBER,
                text: 'Social care now sends the notification and consent on the same day. This quarter: 67% in timescale.',
              },
              {
                ago: 15,
                status: IN_PROGRESS,
                rag: AMBER,
                text: 'Up to 76% against a target of 90%. Extra paediatric clinic slots agreed from January.',
              },
            ],
          },
          {
            title: 'Give every care leaver a health passport at their last review health assessment',
            owner: 'Rachel Turner',
            start: -200,
            due: -70,
            success: 'Every young person leaving care has their health history, in a form they chose.',
            tags: ['CPP-A', 'CPP-G', 'P3', 'P6'],
            updates: [
              {
                ago: 180,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Health passport designed with care leavers: paper and phone versions.',
              },
              {
                ago: 75,
                status: COMPLETE,
                rag: GREEN,
                text: 'Health passports now given at every final review health assessment. 31 issued so far.',
              },
            ],
          },
          {
            title: 'Make sure every child in care is registered with a dentist',
            owner: 'Victoria Lane',
            start: -140,
            due: -40,
            success: 'Every child in care registered with a dentist and seen in the last year.',
            tags: ['CPP-A', 'CPP-D', 'P3'],
            updates: [
              {
                ago: 120,
                status: IN_PROGRESS,
                rag: AMBER,
                text: '71% registered with a dentist. Two practices have agreed to prioritise children in care.',
              },
              {
                ago: 70,
                status: IN_PROGRESS,
                rag: RED,
                text: 'Little change (72%). This is a wider access problem; escalated to the integrated care board’s dental commissioners.',
              },
            ],
          },
        ],
      },
      {
        title: 'Emotional health and wellbeing needs are spotted and met early',
        description: 'Needs picked up before they become a barrier to education, work and adult life.',
        actions: [
          {
            title: 'Strengths and difficulties questionnaire every year for children aged 4 to 16, with high scores followed up',
            owner: 'Rachel Turner',
            start: -170,
            due: 69,
            success: 'A questionnaire for every eligible child; every score over 17 discussed with the child’s social worker.',
            tags: ['CPP-A', 'P3'],
            updates: [
              {
                ago: 140,
                status: IN_PROGRESS,
                rag: GREEN,
                text: 'Completion rate 81%. Scores over 17 now flagged to the designated nurse automatically.',
              },
              {
                ago: 60,
                status: IN_PROGRESS,
                rag: GREEN,
                text: '88% completed. 23 high scores followed up; 9 referred on to mental health support.',
              },
              {
                ago: 10,
                status: IN_PROGRESS,
                rag: GREEN,
                text: '92% completed. Carers now get a short guide on what the scores mean.',
              },
            ],
          },
          {
            title: 'Agree a mental health pathway for children in care with faster access to support',
            owner: 'Farah Malik',
            supporting: ['council'],
            start: null,
            due: 129,
            success: 'A pathway agreed with a waiting time for children in care under 6 weeks.',
            tags: ['CPP-A', 'CPP-D', 'P3'],
            rag: AMBER,
          },
          {
            title: 'Health and wellbeing survey of children in care, designed with the Children in Care Council',
            owner: 'Hannah Reid',
            start: null,
            due: -40,
            success: 'Survey run with at least half of children in care taking part; results reported to the board.',
            tags: ['CPP-B', 'CPP-C', 'P1', 'P3'],
            rag: RED,
          },
        ],
      },
    ],
  },
];

export interface DemoWorkPlansCreated {
  frameworks: number;
  frameworkItems: number;
  workPlans: number;
  objectives: number;
  actions: number;
  updates: number;
}

export interface DemoWorkPlanRefs {
  /** Demo person name → their user id and agency id. */
  people: ReadonlyMap<string, { userId: string; agencyId: string }>;
  /** Agency key → id. */
  agencies: ReadonlyMap<string, string>;
  /** Sub-group key → id. */
  subGroups: ReadonlyMap<string, string>;
}

function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

function monthEnd(date: string): string {
  return addDays(monthStart(addDays(monthStart(date), 32)), -1);
}

/** The financial year (1 April to 31 March) that `today` falls in, and its plan title, e.g. "2026/27 work plan". */
export function demoPlanPeriod(today: string): { title: string; periodStart: string; periodEnd: string } {
  const y = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 4 ? y : y - 1;
  return {
    title: `${start}/${String((start + 1) % 100).padStart(2, '0')} work plan`,
    periodStart: `${start}-04-01`,
    periodEnd: `${start + 1}-03-31`,
  };
}

const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);

/**
 * Adds the promises framework and the five sub-groups' plans, inside the demo loader's
 * transaction. Only what is missing is added.
 */
export async function loadDemoWorkPlans(tx: TxScope, refs: DemoWorkPlanRefs, today: string = londonToday()): Promise<DemoWorkPlansCreated> {
  const mutations = new MutationRunner(new AuditRepository());
  const frameworks = new FrameworkRepository();
  const items = new FrameworkItemRepository();
  const plans = new WorkPlanRepository();
  const actions = new ActionRepository();
  const updates = new ActionUpdateRepository();
  const users = new UserRepository();
  const frameworksService = new FrameworksService(mutations, frameworks, items);
  // Only the stale-after setting of the config is read by the service, and not by anything used here.
  const config = { actionStaleAfterDays: 30 } as AppConfig;
  const workPlans = new WorkPlansService(
    config,
    mutations,
    plans,
    new ObjectiveRepository(),
    actions,
    updates,
    new SubGroupRepository(),
    users,
    new AgencyRepository(),
    items,
  );
  const created: DemoWorkPlansCreated = { frameworks: 0, frameworkItems: 0, workPlans: 0, objectives: 0, actions: 0, updates: 0 };

  // The promises framework and its items.
  let promises = await frameworks.findByName(tx, DEMO_PROMISES.name);
  if (!promises) {
    promises = await frameworksService.createFramework(tx, {
      name: DEMO_PROMISES.name,
      kind: FrameworkKind.PROMISES,
      description: DEMO_PROMISES.description,
    });
    created.frameworks++;
  }
  for (const item of DEMO_PROMISES.items) {
    if (await items.findByCode(tx, promises.id, item.code)) continue;
    await frameworksService.createItem(tx, { frameworkId: promises.id, code: item.code, title: item.title, description: '' });
    created.frameworkItems++;
  }
  // Codes to ids: the statutory principles and the promises. (An item retired while trying the product is left off.)
  const live = (await frameworks.list(tx, false, { first: 100 })).edges.map((e) => e.node);
  const principles = live.find((f) => f.builtIn);
  const tagged = live.filter((f) => f.id === promises.id || f.id === principles?.id).map((f) => f.id);
  const itemIds = new Map((await items.forFrameworks(tx, tagged, false)).map((i) => [i.code, i.id] as const));

  const period = demoPlanPeriod(today);
  const person = (name: string) => {
    const p = refs.people.get(name);
    if (!p) throw new Error(`Demo work plans name ${name}, who is not a demo person`);
    return p;
  };

  for (const demo of DEMO_WORK_PLANS) {
    const subGroupId = refs.subGroups.get(demo.subGroup);
    if (!subGroupId) continue;
    const existing = (await plans.list(tx, { subGroupId }, { first: 100 })).edges.map((e) => e.node);
    if (existing.some((p) => p.title === period.title || p.status === WorkPlanStatus.ACTIVE)) continue;
    // Someone deactivated while trying the product cannot own new actions: leave this sub-group's plan out.
    const owners = [...new Set(demo.objectives.flatMap((o) => o.actions.map((a) => person(a.owner).userId)))];
    if ((await users.findByIds(tx, owners)).some((u) => u.status === UserStatus.DEACTIVATED)) continue;

    const draft = await workPlans.createPlan(tx, { subGroupId, ...period });
    const plan = await workPlans.activatePlan(tx, draft.id);
    created.workPlans++;

    for (const o of demo.objectives) {
      const objective = await workPlans.createObjective(tx, { workPlanId: plan.id, title: o.title, description: o.description });
      created.objectives++;
      for (const a of o.actions) {
        const owner = person(a.owner);
        const startDate = a.start === null ? null : min(today, max(plan.periodStart, monthStart(addDays(today, a.start))));
        const due = addDays(today, a.due);
        const dueDate = max(startDate ?? plan.periodStart, min(plan.periodEnd, a.dueExactly ? due : monthEnd(due)));
        let action: ActionEntity = await workPlans.createAction(tx, {
          objectiveId: objective.id,
          title: a.title,
          description: a.description ?? '',
          ownerUserId: owner.userId,
          leadAgencyId: owner.agencyId,
          supportingAgencyIds: (a.supporting ?? []).map((k) => refs.agencies.get(k) as string),
          startDate,
          dueDate,
          status: NOT_STARTED,
          rag: a.rag ?? GREEN,
          successMeasure: a.success,
          frameworkItemIds: a.tags.flatMap((code) => itemIds.get(code) ?? []),
          visibility: a.visibility ?? Visibility.PARTNERSHIP,
        });
        created.actions++;

        // Progress updates as the owner posted them, on their dates (never before the action started, never in the future).
        for (const u of a.updates ?? []) {
          const updateDate = min(today, max(startDate ?? plan.periodStart, addDays(today, -u.ago)));
          action = await mutations.run(tx, 'action.postUpdate', async (t) => {
            const before = snapshot(action);
            const update = await updates.insert(t, {
              actionId: action.id,
              authorUserId: owner.userId,
              updateDate,
              narrative: u.text,
              status: u.status,
              rag: u.rag,
            });
            action.status = u.status;
            action.rag = u.rag;
            action.lastUpdateAt = new Date(`${updateDate}T09:30:00Z`);
            action.version += 1;
            const saved = await actions.save(t, action);
            return {
              result: saved,
              audit: [
                { entityType: 'ActionUpdate', entityId: update.id, before: null, after: snapshot(update) },
                { action: 'action.update', entityType: 'Action', entityId: saved.id, before, after: snapshot(saved) },
              ],
            };
          });
          created.updates++;
        }
      }
    }
  }
  return created;
}
