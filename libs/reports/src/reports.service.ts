import { Injectable } from '@nestjs/common';
import { type ConnectionShape, conflict, fieldError, forbidden, londonToday, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import { canSeeRecord, type Scope, type TxScope } from '@pbw/db';
import { AgencyRepository, UserRepository } from '@pbw/identity';
import { SubGroupRepository } from '@pbw/boards';
import { type MeetingEntity, MeetingRepository, MeetingStatus } from '@pbw/meetings';
import { ActionRepository, ActionStatus, DisplayRag, WorkPlanRepository, WorkPlansService } from '@pbw/workplans';
import { EvidenceRepository } from '@pbw/evidence';
import type {
  AddHighlightReportCommentInput,
  CreateHighlightReportInput,
  HighlightReportsArgs,
  ReportFieldsInput,
  ReportSnapshotType,
  ReturnHighlightReportInput,
  UpdateHighlightReportInput,
} from './reports.dto';
import { ReportProgress } from './reports.dto';
import {
  type HighlightReportCommentEntity,
  type HighlightReportEntity,
  type ReportSnapshotData,
  ReportStatus,
  type SnapshotAction,
} from './reports.entities';
import { HighlightReportCommentRepository, HighlightReportRepository } from './reports.repository';

const EDITABLE = [ReportStatus.DRAFT, ReportStatus.RETURNED];

const STATUS_WORDS: Record<ReportStatus, string> = {
  DRAFT: 'a draft',
  SUBMITTED: 'submitted',
  RETURNED: 'returned to the sub-group',
  ACCEPTED: 'accepted',
};

export interface ReportPermissions {
  canEdit: boolean;
  canSubmit: boolean;
  canReview: boolean;
  canComment: boolean;
}

/**
 * Highlight reports (DESIGN.md §2): the sub-group's chair (or the secretariat) writes one
 * per meeting and submits it, freezing the work plan's status into it; the secretariat
 * accepts it or returns it with a comment. Submitting after the meeting's report
 * deadline is allowed and marked late.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly reports: HighlightReportRepository,
    private readonly comments: HighlightReportCommentRepository,
    private readonly meetings: MeetingRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly plans: WorkPlanRepository,
    private readonly actions: ActionRepository,
    private readonly workPlans: WorkPlansService,
    private readonly users: UserRepository,
    private readonly agencies: AgencyRepository,
    private readonly evidence: EvidenceRepository,
  ) {}

  list(scope: Scope, args: HighlightReportsArgs): Promise<ConnectionShape<HighlightReportEntity>> {
    return this.reports.list(scope, args.filter, args);
  }

  async get(scope: Scope, id: string): Promise<HighlightReportEntity> {
    const r = await this.reports.findById(scope, id);
    if (!r) throw notFound('Report');
    return r;
  }

  permissions(scope: Scope, r: HighlightReportEntity): ReportPermissions {
    const a = scope.actor;
    const leads = AccessPolicy.canLeadSubGroup(a, r.subGroupId);
    const editable = EDITABLE.includes(r.status);
    return {
      canEdit: editable && leads,
      canSubmit: editable && leads,
      canReview: r.status === ReportStatus.SUBMITTED && AccessPolicy.isSecretariat(a),
      canComment: r.status !== ReportStatus.DRAFT && AccessPolicy.canComment(scope.actor, r.subGroupId),
    };
  }

  /** Each sub-group's report for each meeting, as far as the caller can see. */
  async statusesFor(
    scope: Scope,
    meetingIds: readonly string[],
  ): Promise<Map<string, Array<{ subGroupId: string; report: HighlightReportEntity | null; progress: ReportProgress }>>> {
    const groups = (await this.subGroups.list(scope, undefined, { first: 100 })).edges.map((e) => e.node);
    const reports = await this.reports.forMeetings(scope, meetingIds);
    const out = new Map<string, Array<{ subGroupId: string; report: HighlightReportEntity | null; progress: ReportProgress }>>();
    for (const m of meetingIds) {
      out.set(
        m,
        groups.map((g) => {
          const report = reports.find((r) => r.meetingId === m && r.subGroupId === g.id) ?? null;
          return {
            subGroupId: g.id,
            report,
            progress: report ? (report.status as unknown as ReportProgress) : ReportProgress.NOT_SUBMITTED,
          };
        }),
      );
    }
    return out;
  }

  create(scope: Scope, input: CreateHighlightReportInput): Promise<HighlightReportEntity> {
    return this.mutations.run(scope, 'report.create', async (tx) => {
      const meeting = await this.meetings.findById(tx, input.meetingId);
      if (!meeting) throw fieldError('input.meetingId', 'Choose a meeting of this partnership.');
      const group = await this.subGroups.findById(tx, input.subGroupId);
      if (!group) throw fieldError('input.subGroupId', 'Choose a sub-group of this partnership.');
      AccessPolicy.assert(
        AccessPolicy.canLeadSubGroup(tx.actor, group.id),
        'Only the sub-group’s chair (or the board secretariat) can write its highlight report.',
      );
      if (meeting.status === MeetingStatus.CANCELLED)
        throw fieldError('input.meetingId', 'This meeting has been cancelled. Choose another meeting.');
      if (await this.reports.exists(tx, meeting.id, group.id)) {
        throw fieldError('input.meetingId', `${group.name} already has a report for this meeting. Open it from the meeting page.`);
      }
      const evidenceIds = await this.checkEvidence(tx, input, group.id, []);
      const r = await this.reports.insert(tx, {
        meetingId: meeting.id,
        subGroupId: group.id,
        createdByUserId: tx.actor.userId ?? undefined,
        status: ReportStatus.DRAFT,
        summary: input.summary ?? '',
        achievements: input.achievements ?? '',
        risksAndIssues: input.risksAndIssues ?? '',
        asksOfBoard: input.asksOfBoard ?? '',
        snapshot: null,
        late: false,
        returnComment: null,
        version: 1,
      });
      await this.reports.setEvidence(tx, r.id, evidenceIds ?? []);
      return { result: r, audit: { entityType: 'HighlightReport', entityId: r.id, before: null, after: { ...snapshot(r), evidenceIds } } };
    });
  }

  update(scope: Scope, input: UpdateHighlightReportInput): Promise<HighlightReportEntity> {
    return this.mutations.run(scope, 'report.update', async (tx) => {
      const r = await this.lock(tx, input.id);
      const links = await this.reports.evidenceLinks(tx, [r.id]);
      const before = { ...snapshot(r), evidenceIds: links.map((l) => l.evidenceId) };
      if (input.version !== undefined && input.version !== r.version) {
        throw conflict('Someone else changed this report since you opened it. Check the current text and make your change again.', before);
      }
      this.assertCanChange(tx, r, 'changed');
      const evidenceIds = await this.checkEvidence(
        tx,
        input,
        r.subGroupId,
        links.map((l) => l.evidenceId),
      );
      if (input.summary !== undefined) r.summary = input.summary;
      if (input.achievements !== undefined) r.achievements = input.achievements;
      if (input.risksAndIssues !== undefined) r.risksAndIssues = input.risksAndIssues;
      if (input.asksOfBoard !== undefined) r.asksOfBoard = input.asksOfBoard;
      r.version += 1;
      const saved = await this.reports.save(tx, r);
      if (evidenceIds) await this.reports.setEvidence(tx, r.id, evidenceIds);
      const after = { ...snapshot(saved), evidenceIds: evidenceIds ?? before.evidenceIds };
      return { result: saved, audit: { entityType: 'HighlightReport', entityId: r.id, before, after } };
    });
  }

  submit(scope: Scope, id: string): Promise<HighlightReportEntity> {
    return this.transition(scope, id, 'report.submit', async (tx, r) => {
      this.assertCanChange(tx, r, 'submitted');
      if (!r.summary.trim()) throw fieldError('input.summary', 'Write a summary before submitting the report.');
      const meeting = await this.meetings.findById(tx, r.meetingId);
      if (!meeting || meeting.status === MeetingStatus.CANCELLED) {
        throw fieldError('input.id', 'This meeting has been cancelled, so the report cannot be submitted to it.');
      }
      const now = new Date();
      r.snapshot = await this.takeSnapshot(tx, r.subGroupId, now);
      r.status = ReportStatus.SUBMITTED;
      r.submittedAt = now;
      r.submittedByUserId = tx.actor.userId;
      r.late = isLate(meeting, now);
    });
  }

  accept(scope: Scope, id: string): Promise<HighlightReportEntity> {
    return this.transition(scope, id, 'report.accept', (tx, r) => {
      this.assertReview(tx);
      if (r.status !== ReportStatus.SUBMITTED) throw wrongState(r, 'accepted');
      r.status = ReportStatus.ACCEPTED;
      r.reviewedAt = new Date();
      r.reviewedByUserId = tx.actor.userId;
    });
  }

  returnReport(scope: Scope, input: ReturnHighlightReportInput): Promise<HighlightReportEntity> {
    return this.transition(scope, input.id, 'report.return', async (tx, r) => {
      this.assertReview(tx);
      if (r.status !== ReportStatus.SUBMITTED) throw wrongState(r, 'returned');
      r.status = ReportStatus.RETURNED;
      r.returnComment = input.comment;
      r.reviewedAt = new Date();
      r.reviewedByUserId = tx.actor.userId;
      await this.comments.insert(tx, { reportId: r.id, authorUserId: tx.actor.userId ?? undefined, body: input.comment });
    });
  }

  addComment(scope: Scope, input: AddHighlightReportCommentInput): Promise<HighlightReportCommentEntity> {
    return this.mutations.run(scope, 'report.comment', async (tx) => {
      const r = await this.reports.findById(tx, input.reportId);
      if (!r) throw notFound('Report');
      if (!AccessPolicy.canComment(tx.actor, r.subGroupId)) {
        throw forbidden('Only the sub-group’s chair, board members and the board secretariat can comment on its reports.');
      }
      if (r.status === ReportStatus.DRAFT) throw fieldError('input.reportId', 'A report can be commented on once it has been submitted.');
      const c = await this.comments.insert(tx, { reportId: r.id, authorUserId: tx.actor.userId ?? undefined, body: input.body });
      return { result: c, audit: { entityType: 'HighlightReportComment', entityId: c.id, before: null, after: snapshot(c) } };
    });
  }

  /** The frozen snapshot as this viewer may see it: the counts, and the listed actions they could see when it was taken. */
  viewSnapshot(scope: Scope, data: ReportSnapshotData): ReportSnapshotType {
    return {
      takenAt: new Date(data.takenAt),
      workPlanId: data.workPlan?.id ?? null,
      workPlanTitle: data.workPlan?.title ?? null,
      periodStart: data.workPlan?.periodStart ?? null,
      periodEnd: data.workPlan?.periodEnd ?? null,
      total: data.total,
      rag: data.rag,
      status: data.status,
      overdue: data.overdue,
      percentComplete: data.percentComplete,
      actions: data.actions
        .filter((a) => canSeeRecord(scope, a))
        .map((a) => ({
          actionId: a.actionId,
          title: a.title,
          ownerName: a.ownerName,
          leadAgencyName: a.leadAgencyName,
          dueDate: a.dueDate,
          status: a.status as ActionStatus,
          displayRag: a.displayRag as DisplayRag,
          isOverdue: a.isOverdue,
        })),
    };
  }

  /** What would be frozen if the report were submitted now: the preview. */
  async previewSnapshot(scope: Scope, r: HighlightReportEntity): Promise<ReportSnapshotData> {
    return this.takeSnapshot(scope, r.subGroupId, new Date());
  }

  /**
   * The sub-group's active plan as the board should see it: counted over every action,
   * whoever submits, with each listed action keeping its own visibility for readers.
   */
  private async takeSnapshot(scope: Scope, subGroupId: string, now: Date): Promise<ReportSnapshotData> {
    const sys = scope.asSystem();
    const [plan] = await this.plans.activeFor(sys, [subGroupId]);
    const empty = { red: 0, amber: 0, green: 0, blue: 0 };
    if (!plan) {
      return {
        takenAt: now.toISOString(),
        workPlan: null,
        total: 0,
        rag: empty,
        status: { notStarted: 0, inProgress: 0, complete: 0, cancelled: 0 },
        overdue: 0,
        percentComplete: 0,
        actions: [],
      };
    }
    const summary = (await this.workPlans.summaries(sys, [plan.id])).get(plan.id);
    const concerns = await this.actions.redOrOverdue(sys, plan.id);
    const people = new Map((await this.users.findByIds(sys, [...new Set(concerns.map((a) => a.ownerUserId))])).map((u) => [u.id, u]));
    const agencies = new Map((await this.agencies.findByIds(sys, [...new Set(concerns.map((a) => a.leadAgencyId))])).map((g) => [g.id, g]));
    const today = londonToday(now);
    const actions: SnapshotAction[] = concerns.map((a) => ({
      actionId: a.id,
      title: a.title,
      ownerName: people.get(a.ownerUserId)?.name ?? '',
      leadAgencyName: agencies.get(a.leadAgencyId)?.name ?? '',
      dueDate: a.dueDate,
      status: a.status,
      rag: a.rag,
      displayRag: a.status === ActionStatus.COMPLETE ? DisplayRag.BLUE : a.rag,
      isOverdue: a.dueDate < today,
      visibility: a.visibility,
      subGroupId: a.subGroupId,
      agencyId: a.leadAgencyId,
      restrictedUserIds: a.restrictedUserIds,
    }));
    return {
      takenAt: now.toISOString(),
      workPlan: { id: plan.id, title: plan.title, periodStart: plan.periodStart, periodEnd: plan.periodEnd },
      total: summary?.total ?? 0,
      rag: summary?.rag ?? empty,
      status: summary?.status ?? { notStarted: 0, inProgress: 0, complete: 0, cancelled: 0 },
      overdue: summary?.overdue ?? 0,
      percentComplete: summary?.percentComplete ?? 0,
      actions,
    };
  }

  private transition(
    scope: Scope,
    id: string,
    action: string,
    change: (tx: TxScope, r: HighlightReportEntity) => void | Promise<void>,
  ): Promise<HighlightReportEntity> {
    return this.mutations.run(scope, action, async (tx) => {
      const r = await this.lock(tx, id);
      const before = snapshot(r, ['snapshot']);
      await change(tx, r);
      r.version += 1;
      const saved = await this.reports.save(tx, r);
      return { result: saved, audit: { entityType: 'HighlightReport', entityId: r.id, before, after: snapshot(saved) } };
    });
  }

  private async lock(tx: TxScope, id: string): Promise<HighlightReportEntity> {
    const r = await this.reports.lockById(tx, id);
    if (!r) throw notFound('Report');
    return r;
  }

  private assertCanChange(scope: Scope, r: HighlightReportEntity, verb: string): void {
    AccessPolicy.assert(
      AccessPolicy.canLeadSubGroup(scope.actor, r.subGroupId),
      'Only the sub-group’s chair (or the board secretariat) can write and submit its highlight report.',
    );
    if (!EDITABLE.includes(r.status)) throw wrongState(r, verb);
  }

  private assertReview(scope: Scope): void {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat can accept or return highlight reports.');
  }

  /** The evidence to link, if the input names it: accepted evidence of the same sub-group that the writer can see. */
  private async checkEvidence(tx: TxScope, input: ReportFieldsInput, subGroupId: string, current: string[]): Promise<string[] | undefined> {
    if (!input.evidenceIds) return undefined;
    const ids = [...new Set(input.evidenceIds)];
    const kept = new Set(current);
    const added = ids.filter((i) => !kept.has(i));
    const found = await this.evidence.acceptedInSubGroup(tx, subGroupId, added);
    if (found.length !== added.length) {
      throw fieldError('input.evidenceIds', 'Link evidence from this sub-group that its chair has accepted.');
    }
    return ids;
  }
}

function wrongState(r: HighlightReportEntity, verb: string) {
  return conflict(`This report is ${STATUS_WORDS[r.status]}, so it cannot be ${verb} now.`, {
    id: r.id,
    status: r.status,
    version: r.version,
  });
}

/** Submitted on a London day after the meeting's report deadline. */
export function isLate(meeting: MeetingEntity, at: Date): boolean {
  return londonToday(at) > meeting.reportDeadline;
}
