import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentScope, type GqlContext, present } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { UserType } from '@pbw/identity';
import { SubGroupType } from '@pbw/boards';
import { type MeetingEntity, MeetingRepository, MeetingType } from '@pbw/meetings';
import { CommentType, type EvidenceEntity, EvidenceLoaders, EvidenceType } from '@pbw/evidence';
import {
  AddHighlightReportCommentInput,
  CreateHighlightReportInput,
  HighlightReportConnection,
  HighlightReportIdInput,
  HighlightReportsArgs,
  HighlightReportType,
  ReportSnapshotType,
  ReturnHighlightReportInput,
  SubGroupReportStatusType,
  UpdateHighlightReportInput,
} from './reports.dto';
import type { HighlightReportCommentEntity, HighlightReportEntity } from './reports.entities';
import { HighlightReportCommentRepository, HighlightReportRepository } from './reports.repository';
import { ReportsService } from './reports.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Report') });

type StatusRow = { subGroupId: string; report: HighlightReportEntity | null };

@Resolver(() => HighlightReportType)
export class HighlightReportResolver {
  constructor(
    private readonly service: ReportsService,
    private readonly reports: HighlightReportRepository,
    private readonly commentRepo: HighlightReportCommentRepository,
    private readonly meetings: MeetingRepository,
    private readonly l: EvidenceLoaders,
  ) {}

  @Query(() => HighlightReportConnection, { description: 'Highlight reports you may see, most recently changed first.' })
  highlightReports(@CurrentScope() scope: Scope, @Args() args: HighlightReportsArgs) {
    return this.service.list(scope, args);
  }

  @Query(() => HighlightReportType)
  highlightReport(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.get(scope, id);
  }

  @ResolveField(() => MeetingType)
  meeting(@Parent() r: HighlightReportEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return c.loaders
      .get<MeetingEntity | null>('meetingById', async (ids) => new Map((await this.meetings.findByIds(s, ids)).map((m) => [m.id, m])), null)
      .load(r.meetingId);
  }

  @ResolveField(() => SubGroupType)
  subGroup(@Parent() r: HighlightReportEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.subGroup(c, s).load(r.subGroupId);
  }

  @ResolveField(() => UserType)
  createdBy(@Parent() r: HighlightReportEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(c, s).load(r.createdByUserId);
  }

  @ResolveField(() => UserType, { nullable: true })
  submittedBy(@Parent() r: HighlightReportEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return r.submittedByUserId ? this.l.user(c, s).load(r.submittedByUserId) : null;
  }

  @ResolveField(() => UserType, { nullable: true })
  reviewedBy(@Parent() r: HighlightReportEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return r.reviewedByUserId ? this.l.user(c, s).load(r.reviewedByUserId) : null;
  }

  @ResolveField(() => ReportSnapshotType, {
    nullable: true,
    description: 'The work plan status frozen at submission; null until the report is first submitted.',
  })
  snapshot(@Parent() r: HighlightReportEntity, @CurrentScope() s: Scope) {
    return r.snapshot ? this.service.viewSnapshot(s, r.snapshot) : null;
  }

  @ResolveField(() => ReportSnapshotType, {
    nullable: true,
    description: 'What would be frozen if the report were submitted now; for those who may submit it, while it can be.',
  })
  async previewSnapshot(@Parent() r: HighlightReportEntity, @CurrentScope() s: Scope) {
    if (!this.service.permissions(s, r).canSubmit) return null;
    return this.service.viewSnapshot(s, await this.service.previewSnapshot(s, r));
  }

  @ResolveField(() => [EvidenceType], { description: 'Linked evidence that you may see, in order.' })
  async evidence(@Parent() r: HighlightReportEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    const links = await c.loaders
      .get<string[]>(
        'hr.evidenceIds',
        async (ids) => {
          const out = new Map<string, string[]>();
          for (const l of await this.reports.evidenceLinks(s, ids)) out.set(l.reportId, [...(out.get(l.reportId) ?? []), l.evidenceId]);
          return out;
        },
        [],
      )
      .load(r.id);
    return present<EvidenceEntity>(await this.l.evidenceById(c, s).loadMany(links));
  }

  @ResolveField(() => [CommentType], { description: 'Oldest first.' })
  comments(@Parent() r: HighlightReportEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return c.loaders
      .get<HighlightReportCommentEntity[]>(
        'hr.comments',
        async (ids) => {
          const out = new Map<string, HighlightReportCommentEntity[]>();
          for (const x of await this.commentRepo.forReports(s, ids)) out.set(x.reportId, [...(out.get(x.reportId) ?? []), x]);
          return out;
        },
        [],
      )
      .load(r.id);
  }

  @ResolveField(() => Boolean)
  canEdit(@Parent() r: HighlightReportEntity, @CurrentScope() s: Scope) {
    return this.service.permissions(s, r).canEdit;
  }

  @ResolveField(() => Boolean)
  canSubmit(@Parent() r: HighlightReportEntity, @CurrentScope() s: Scope) {
    return this.service.permissions(s, r).canSubmit;
  }

  @ResolveField(() => Boolean, { description: 'Whether you may accept or return it now (the secretariat).' })
  canReview(@Parent() r: HighlightReportEntity, @CurrentScope() s: Scope) {
    return this.service.permissions(s, r).canReview;
  }

  @ResolveField(() => Boolean)
  canComment(@Parent() r: HighlightReportEntity, @CurrentScope() s: Scope) {
    return this.service.permissions(s, r).canComment;
  }

  @Mutation(() => HighlightReportType, { description: 'Starts a sub-group’s report for a meeting (its chair or the secretariat).' })
  createHighlightReport(@CurrentScope() scope: Scope, @Args('input') input: CreateHighlightReportInput) {
    return this.service.create(scope, input);
  }

  @Mutation(() => HighlightReportType, { description: 'Changes a draft or returned report.' })
  updateHighlightReport(@CurrentScope() scope: Scope, @Args('input') input: UpdateHighlightReportInput) {
    return this.service.update(scope, input);
  }

  @Mutation(() => HighlightReportType, {
    description: 'Submits the report to the board, freezing the work plan status into it; after the deadline it is marked late.',
  })
  submitHighlightReport(@CurrentScope() scope: Scope, @Args('input') input: HighlightReportIdInput) {
    return this.service.submit(scope, input.id);
  }

  @Mutation(() => HighlightReportType, { description: 'Accepts a submitted report (the secretariat).' })
  acceptHighlightReport(@CurrentScope() scope: Scope, @Args('input') input: HighlightReportIdInput) {
    return this.service.accept(scope, input.id);
  }

  @Mutation(() => HighlightReportType, { description: 'Returns a submitted report to the sub-group with a comment (the secretariat).' })
  returnHighlightReport(@CurrentScope() scope: Scope, @Args('input') input: ReturnHighlightReportInput) {
    return this.service.returnReport(scope, input);
  }

  @Mutation(() => CommentType, { description: 'Comments on a report (the sub-group’s chair, board members and the secretariat).' })
  addHighlightReportComment(@CurrentScope() scope: Scope, @Args('input') input: AddHighlightReportCommentInput) {
    return this.service.addComment(scope, input);
  }
}

@Resolver(() => MeetingType)
export class MeetingReportsResolver {
  constructor(private readonly service: ReportsService) {}

  @ResolveField(() => [SubGroupReportStatusType], {
    description: 'Every sub-group, with its report for this meeting as far as you can see.',
  })
  reportStatuses(@Parent() m: MeetingEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return c.loaders.get<StatusRow[]>('hr.statusesByMeeting', (ids) => this.service.statusesFor(s, ids), []).load(m.id);
  }
}

@Resolver(() => SubGroupReportStatusType)
export class SubGroupReportStatusResolver {
  constructor(private readonly l: EvidenceLoaders) {}

  @ResolveField(() => SubGroupType)
  subGroup(@Parent() row: StatusRow, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.subGroup(c, s).load(row.subGroupId);
  }

  @ResolveField(() => HighlightReportType, { nullable: true })
  report(@Parent() row: StatusRow) {
    return row.report;
  }
}
