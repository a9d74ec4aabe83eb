import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessTokenService, byKey, Ctx, CurrentScope, type GqlContext, grouped, present } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { AgencyRepository, AgencyType, type AgencyEntity, type UserEntity, UserRepository, UserType } from '@pbw/identity';
import { type SubGroupEntity, SubGroupRepository, SubGroupType } from '@pbw/boards';
import { type FrameworkItemEntity, FrameworkItemRepository, FrameworkItemType } from '@pbw/frameworks';
import { type ActionEntity, ActionRepository, ActionType } from '@pbw/workplans';
import { type FileEntity, FileRepository } from '@pbw/files';
import {
  AddEvidenceCommentInput,
  AttachmentType,
  CommentType,
  CreateEvidenceInput,
  EvidenceConnection,
  EvidenceIdInput,
  EvidenceListArgs,
  EvidenceType,
  ReturnEvidenceInput,
  UpdateEvidenceInput,
} from './evidence.dto';
import type { EvidenceCommentEntity, EvidenceEntity } from './evidence.entities';
import { EvidenceCommentRepository, EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Evidence') });

/** Relations of evidence, each loaded once per request whatever the list's length. */
@Injectable()
export class EvidenceLoaders {
  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly comments: EvidenceCommentRepository,
    private readonly users: UserRepository,
    private readonly agencies: AgencyRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly items: FrameworkItemRepository,
    private readonly actions: ActionRepository,
    private readonly files: FileRepository,
    private readonly tokens: AccessTokenService,
  ) {}

  user = (c: GqlContext, s: Scope) =>
    c.loaders.get<UserEntity | null>('userById', async (ids) => byKey(await this.users.findByIds(s, ids), (u) => u.id), null);
  agency = (c: GqlContext, s: Scope) =>
    c.loaders.get<AgencyEntity | null>('agencyById', async (ids) => byKey(await this.agencies.findByIds(s, ids), (a) => a.id), null);
  subGroup = (c: GqlContext, s: Scope) =>
    c.loaders.get<SubGroupEntity | null>('subGroupById', async (ids) => byKey(await this.subGroups.findByIds(s, ids), (g) => g.id), null);
  item = (c: GqlContext, s: Scope) =>
    c.loaders.get<FrameworkItemEntity | null>(
      'frameworkItemById',
      async (ids) => byKey(await this.items.findByIds(s, ids), (i) => i.id),
      null,
    );
  action = (c: GqlContext, s: Scope) =>
    c.loaders.get<ActionEntity | null>('actionById', async (ids) => byKey(await this.actions.findByIds(s, ids), (a) => a.id), null);
  evidenceById = (c: GqlContext, s: Scope) =>
    c.loaders.get<EvidenceEntity | null>('evidenceById', async (ids) => byKey(await this.evidence.findByIds(s, ids), (e) => e.id), null);
  actionIds = (c: GqlContext, s: Scope) =>
    c.loaders.get<string[]>(
      'ev.actionIds',
      async (ids) =>
        new Map([...grouped(await this.evidence.actionLinks(s, ids), (l) => l.evidenceId)].map(([k, v]) => [k, v.map((l) => l.actionId)])),
      [],
    );
  itemIds = (c: GqlContext, s: Scope) =>
    c.loaders.get<string[]>(
      'ev.itemIds',
      async (ids) =>
        new Map(
          [...grouped(await this.evidence.frameworkItemLinks(s, ids), (l) => l.evidenceId)].map(([k, v]) => [
            k,
            v.map((l) => l.frameworkItemId),
          ]),
        ),
      [],
    );
  files_ = (c: GqlContext, s: Scope) =>
    c.loaders.get<FileEntity[]>(
      'ev.files',
      async (ids) => {
        const links = await this.evidence.fileLinks(s, ids);
        const files = byKey(
          await this.files.findByIds(
            s,
            links.map((l) => l.fileId),
          ),
          (f) => f.id,
        );
        const out = new Map<string, FileEntity[]>();
        for (const l of links) {
          const f = files.get(l.fileId);
          if (f) out.set(l.evidenceId, [...(out.get(l.evidenceId) ?? []), f]);
        }
        return out;
      },
      [],
    );
  comments_ = (c: GqlContext, s: Scope) =>
    c.loaders.get<EvidenceCommentEntity[]>(
      'ev.comments',
      async (ids) => grouped(await this.comments.forEvidence(s, ids), (x) => x.evidenceId),
      [],
    );
  byAction = (c: GqlContext, s: Scope) =>
    c.loaders.get<EvidenceEntity[]>(
      'ev.byAction',
      async (ids) => grouped(await this.evidence.forActions(s, ids), (e) => e.linkedActionId),
      [],
    );

  attachment(s: Scope, f: FileEntity): AttachmentType {
    const token = s.actor.userId ? this.tokens.issueDownload(s.actor.userId, s.partnershipId, f.id) : '';
    return {
      id: f.id,
      name: f.originalName,
      contentType: f.contentType,
      size: f.sizeBytes,
      sha256: f.sha256,
      uploadedAt: f.createdAt,
      downloadUrl: `/files/${f.id}?token=${encodeURIComponent(token)}`,
    };
  }
}

@Resolver(() => EvidenceType)
export class EvidenceResolver {
  constructor(
    private readonly service: EvidenceService,
    private readonly l: EvidenceLoaders,
  ) {}

  @Query(() => EvidenceConnection, { description: 'Evidence you may see, most recently changed first.' })
  evidenceList(@CurrentScope() scope: Scope, @Args() args: EvidenceListArgs) {
    return this.service.list(scope, args);
  }

  @Query(() => EvidenceType)
  evidence(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.get(scope, id);
  }

  @ResolveField(() => SubGroupType)
  subGroup(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.subGroup(c, s).load(e.subGroupId);
  }

  @ResolveField(() => AgencyType, { description: 'The owning agency.' })
  agency(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.agency(c, s).load(e.agencyId);
  }

  @ResolveField(() => UserType, { description: 'Who added it.' })
  createdBy(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(c, s).load(e.createdByUserId);
  }

  @ResolveField(() => UserType, { nullable: true })
  submittedBy(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return e.submittedByUserId ? this.l.user(c, s).load(e.submittedByUserId) : null;
  }

  @ResolveField(() => UserType, { nullable: true, description: 'Who last accepted or returned it.' })
  reviewedBy(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return e.reviewedByUserId ? this.l.user(c, s).load(e.reviewedByUserId) : null;
  }

  @ResolveField(() => [UserType], { description: 'The people named when the visibility is RESTRICTED.' })
  async restrictedUsers(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.user(c, s).loadMany(e.restrictedUserIds));
  }

  @ResolveField(() => [ActionType], { description: 'Linked actions you may see.' })
  async actions(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.action(c, s).loadMany(await this.l.actionIds(c, s).load(e.id)));
  }

  @ResolveField(() => [FrameworkItemType])
  async frameworkItems(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.item(c, s).loadMany(await this.l.itemIds(c, s).load(e.id)));
  }

  @ResolveField(() => [AttachmentType], { description: 'In the order they were attached.' })
  async attachments(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return (await this.l.files_(c, s).load(e.id)).map((f) => this.l.attachment(s, f));
  }

  @ResolveField(() => [CommentType], { description: 'Oldest first.' })
  comments(@Parent() e: EvidenceEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.comments_(c, s).load(e.id);
  }

  @ResolveField(() => Boolean, { description: 'Whether you may change it (while a draft or returned).' })
  canEdit(@Parent() e: EvidenceEntity, @CurrentScope() s: Scope) {
    return this.service.permissions(s, e).canEdit;
  }

  @ResolveField(() => Boolean)
  canSubmit(@Parent() e: EvidenceEntity, @CurrentScope() s: Scope) {
    return this.service.permissions(s, e).canSubmit;
  }

  @ResolveField(() => Boolean, { description: 'Whether you may accept or return it now.' })
  canReview(@Parent() e: EvidenceEntity, @CurrentScope() s: Scope) {
    return this.service.permissions(s, e).canReview;
  }

  @ResolveField(() => Boolean)
  canComment(@Parent() e: EvidenceEntity, @CurrentScope() s: Scope) {
    return this.service.permissions(s, e).canComment;
  }

  @Mutation(() => EvidenceType, { description: 'Adds draft evidence to a sub-group (its members and the secretariat).' })
  createEvidence(@CurrentScope() scope: Scope, @Args('input') input: CreateEvidenceInput) {
    return this.service.create(scope, input);
  }

  @Mutation(() => EvidenceType, { description: 'Changes draft or returned evidence: its text, links, attachments and visibility.' })
  updateEvidence(@CurrentScope() scope: Scope, @Args('input') input: UpdateEvidenceInput) {
    return this.service.update(scope, input);
  }

  @Mutation(() => EvidenceType, { description: 'Sends a draft (or returned) evidence to the sub-group’s chair for review.' })
  submitEvidence(@CurrentScope() scope: Scope, @Args('input') input: EvidenceIdInput) {
    return this.service.submit(scope, input.id);
  }

  @Mutation(() => EvidenceType, { description: 'Accepts submitted evidence (the sub-group’s chair or the secretariat).' })
  acceptEvidence(@CurrentScope() scope: Scope, @Args('input') input: EvidenceIdInput) {
    return this.service.accept(scope, input.id);
  }

  @Mutation(() => EvidenceType, { description: 'Returns submitted evidence to its author with a comment saying what to change.' })
  returnEvidence(@CurrentScope() scope: Scope, @Args('input') input: ReturnEvidenceInput) {
    return this.service.returnEvidence(scope, input);
  }

  @Mutation(() => CommentType, { description: 'Comments on evidence (chairs, board members and the secretariat).' })
  addEvidenceComment(@CurrentScope() scope: Scope, @Args('input') input: AddEvidenceCommentInput) {
    return this.service.addComment(scope, input);
  }
}

@Resolver(() => CommentType)
export class CommentResolver {
  constructor(private readonly l: EvidenceLoaders) {}

  @ResolveField(() => UserType)
  author(@Parent() c: { authorUserId: string }, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(ctx, s).load(c.authorUserId);
  }
}

@Resolver(() => ActionType)
export class ActionEvidenceResolver {
  constructor(private readonly l: EvidenceLoaders) {}

  @ResolveField(() => [EvidenceType], { description: 'Evidence linked to this action that you may see, newest first.' })
  evidence(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.byAction(c, s).load(a.id);
  }
}
