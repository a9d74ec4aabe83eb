import { addDays, londonToday } from '@pbw/core';
import { AuditRepository, MutationRunner, snapshot } from '@pbw/audit';
import type { TxScope } from '@pbw/db';
import { FrameworkItemRepository, FrameworkRepository } from '@pbw/frameworks';
import { CommitmentRepository } from '@pbw/commitments';
import { EvidenceRepository, EvidenceStatus } from '@pbw/evidence';
import { IndicatorRepository } from '@pbw/performance';
import { VoiceItemRepository, VoiceStatus } from '@pbw/voice';
import { Rating, SelfAssessmentRepository, financialYearOf } from '@pbw/principles';
import type { DemoCommitmentRefs } from './demo-commitments';
import { londonTime } from './demo-evidence';

/**
 * The demo's voice of children in care and principles self-assessment.
 *
 * What the Children in Care Council and the Care Leavers' Forum raised over the past months,
 * each recorded by the secretariat and given to a sub-group or an agency: some answered by
 * that sub-group's chair or that agency's own people (two of them closed, the answer taken
 * back to young people), one open and past its response date, one open and due soon, one not
 * yet assigned. The raising group is always a group's name, never a child's.
 *
 * The secretariat's self-assessment of three principles for the current financial year,
 * linked to the indicators, commitments and evidence behind them, so the coverage matrix
 * has ratings beside its counts and the other four principles show as not yet assessed.
 *
 * Idempotent: an item is added only when none has its issue; a self-assessment only when the
 * principle has none for the year.
 */

interface DemoVoice {
  issue: string;
  group: string;
  raisedAgo: number;
  themes: string[];
  subGroup?: string;
  agency?: string;
  dueIn?: number;
  /** Answered by this demo person, this many days ago; closed too when `closed`. */
  answer?: { by: string; ago: number; text: string; closed?: boolean };
}

const CICC = 'Children in Care Council (11 to 15)';
const CICC_OLDER = 'Children in Care Council (16 and over)';
const FORUM = 'Care Leavers\u2019 Forum';

export const DEMO_VOICE: readonly DemoVoice[] = [
  {
    issue: 'We want to know who our personal education plan worker is, and how to get hold of them.',
    group: CICC,
    raisedAgo: 120,
    themes: ['CPP-B', 'CPP-E'],
    subGroup: 'education',
    dueIn: -90,
    answer: {
      by: 'Sunita Rao',
      ago: 95,
      text: 'Every young person now gets a card with their PEP worker\u2019s name, photo and phone number at their PEP meeting.',
      closed: true,
    },
  },
  {
    issue: 'Bus passes for college should arrive before term starts, not three weeks in.',
    group: FORUM,
    raisedAgo: 75,
    themes: ['CPP-D', 'CPP-G'],
    agency: 'college',
    dueIn: -45,
    answer: {
      by: 'Kwame Mensah',
      ago: 50,
      text: 'The college now orders bus passes in August for every care leaver with a place, so they are ready on the first day.',
    },
  },
  {
    issue: 'The wi-fi in semi-independent flats is too slow to do college work.',
    group: FORUM,
    raisedAgo: 150,
    themes: ['CPP-G'],
    subGroup: 'housing',
    dueIn: -120,
    answer: {
      by: 'Bethan Lloyd',
      ago: 110,
      text: 'Faster broadband has been fitted in all twelve semi-independent flats, paid for by Housing Options.',
      closed: true,
    },
  },
  {
    issue: 'Emergency accommodation is too far from college and from our friends.',
    group: FORUM,
    raisedAgo: 40,
    themes: ['CPP-F', 'CPP-G'],
    subGroup: 'housing',
    dueIn: -5,
  },
  {
    issue: 'Police officers should not come to our placements in uniform when it is not an emergency.',
    group: CICC_OLDER,
    raisedAgo: 20,
    themes: ['CPP-A', 'CPP-C'],
    agency: 'police',
    dueIn: 25,
  },
  {
    issue: 'We want more say in who our social worker is when ours leaves.',
    group: CICC_OLDER,
    raisedAgo: 6,
    themes: ['CPP-B', 'CPP-C'],
  },
];

interface DemoAssessment {
  principle: string;
  rating: Rating;
  narrative: string;
  indicators: string[];
}

const DEMO_ASSESSMENTS: readonly DemoAssessment[] = [
  {
    principle: 'CPP-A',
    rating: Rating.GOOD,
    narrative:
      'Health assessments are up for the third year and above statistical neighbours; dental checks fell after a practice closed its ' +
      'NHS list, and the designated nurse is arranging a dedicated clinic. Young people told us uniformed visits to placements feel ' +
      'like being in trouble; the police are responding.',
    indicators: ['HEALTH-ASSESS', 'DENTAL'],
  },
  {
    principle: 'CPP-F',
    rating: Rating.REQUIRES_IMPROVEMENT,
    narrative:
      'Placement stability is improving but still below neighbours, and missing episodes have not come down. Emergency ' +
      'accommodation far from college is the Care Leavers\u2019 Forum\u2019s main worry this year.',
    indicators: ['PLACE-3PLUS', 'PLACE-LONG', 'MISSING'],
  },
  {
    principle: 'CPP-G',
    rating: Rating.GOOD,
    narrative:
      'More care leavers aged 19 to 21 are in education, employment or training and in suitable accommodation than last year; ' +
      'the ring-fenced apprenticeships and the specialist housing worker are making the difference.',
    indicators: ['CL-EET-1921', 'CL-ACCOM-1921', 'STAYPUT-18'],
  },
];

export interface DemoVoiceCreated {
  voiceItems: number;
  selfAssessments: number;
}

export async function loadDemoVoice(tx: TxScope, refs: DemoCommitmentRefs, today: string = londonToday()): Promise<DemoVoiceCreated> {
  const mutations = new MutationRunner(new AuditRepository());
  const voice = new VoiceItemRepository();
  const assessments = new SelfAssessmentRepository();
  const frameworks = new FrameworkRepository();
  const items = new FrameworkItemRepository();
  const indicators = new IndicatorRepository();
  const commitments = new CommitmentRepository();
  const evidence = new EvidenceRepository();
  const created: DemoVoiceCreated = { voiceItems: 0, selfAssessments: 0 };

  const person = (name: string) => {
    const p = refs.people.get(name);
    if (!p) throw new Error(`The demo voice items name ${name}, who is not a demo person`);
    return p;
  };
  const secretariat = person('Amira Okafor').userId;
  const builtIn = (await frameworks.list(tx, false, { first: 100 })).edges.map((e) => e.node).filter((f) => f.builtIn);
  const principle = new Map(
    (
      await items.forFrameworks(
        tx,
        builtIn.map((f) => f.id),
        false,
      )
    ).map((i) => [i.code, i.id] as const),
  );
  const themes = (codes: readonly string[]) => codes.flatMap((c) => principle.get(c) ?? []);
  const existing = new Set((await voice.list(tx, undefined, { first: 10_000 })).edges.map((e) => e.node.issue));

  for (const d of DEMO_VOICE) {
    if (existing.has(d.issue)) continue;
    const raisedOn = addDays(today, -d.raisedAgo);
    const at = londonTime(raisedOn, '16:30');
    await mutations.run(tx, 'voiceItem.create', async (t) => {
      const answeredBy = d.answer ? person(d.answer.by).userId : null;
      const answeredAt = d.answer ? londonTime(addDays(today, -d.answer.ago), '11:15') : null;
      const v = await voice.insert(t, {
        raisedOn,
        raisingGroup: d.group,
        issue: d.issue,
        assignedSubGroupId: d.subGroup ? (refs.subGroups.get(d.subGroup) ?? null) : null,
        assignedAgencyId: d.agency ? (refs.agencies.get(d.agency) ?? null) : null,
        responseDue: d.dueIn === undefined ? null : addDays(today, d.dueIn),
        response: d.answer?.text ?? null,
        respondedAt: answeredAt,
        respondedByUserId: answeredBy,
        status: d.answer ? (d.answer.closed ? VoiceStatus.CLOSED : VoiceStatus.RESPONDED) : VoiceStatus.OPEN,
        createdByUserId: secretariat,
        version: d.answer ? (d.answer.closed ? 3 : 2) : 1,
        createdAt: at,
        updatedAt: answeredAt ?? at,
      });
      const tags = themes(d.themes);
      await voice.setFrameworkItems(t, v.id, tags);
      created.voiceItems++;
      return {
        result: v,
        audit: { entityType: 'VoiceItem', entityId: v.id, before: null, after: { ...snapshot(v), frameworkItemIds: tags } },
      };
    });
  }

  const period = financialYearOf(today);
  const byCode = new Map((await indicators.list(tx, { includeRetired: true })).map((i) => [i.code, i.id] as const));
  for (const d of DEMO_ASSESSMENTS) {
    const itemId = principle.get(d.principle);
    if (!itemId || (await assessments.lockFor(tx, itemId, period))) continue;
    // The commitments and accepted evidence tagged with the principle are the evidence behind it.
    const tagged = (await commitments.list(tx, { frameworkItemId: itemId }, { field: 'TITLE', direction: 'ASC' }, { first: 10 })).edges.map(
      (e) => e.node.id,
    );
    const ev = (await evidence.list(tx, { frameworkItemId: itemId, statuses: [EvidenceStatus.ACCEPTED] }, { first: 10 })).edges.map(
      (e) => e.node.id,
    );
    await mutations.run(tx, 'selfAssessment.save', async (t) => {
      const a = await assessments.insert(t, {
        frameworkItemId: itemId,
        period,
        rating: d.rating,
        narrative: d.narrative,
        version: 1,
        updatedByUserId: secretariat,
      });
      const links = {
        indicators: d.indicators.flatMap((c) => byCode.get(c) ?? []),
        commitments: tagged,
        evidence: ev,
        actions: [] as string[],
      };
      for (const kind of ['indicators', 'commitments', 'evidence', 'actions'] as const)
        await assessments.setLinks(t, kind, a.id, links[kind]);
      created.selfAssessments++;
      return { result: a, audit: { entityType: 'SelfAssessment', entityId: a.id, before: null, after: { ...snapshot(a), ...links } } };
    });
  }
  return created;
}
