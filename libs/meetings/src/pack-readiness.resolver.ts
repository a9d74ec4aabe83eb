import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { AgendaItemType } from './agenda.dto';
import { AttachAgendaPaperInput, PackContributionType, RemindPackContributorsInput } from './pack-readiness.dto';
import { PackReadinessService } from './pack-readiness.service';

const meetingId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Meeting') });

@Resolver(() => PackContributionType)
export class PackReadinessResolver {
  constructor(private readonly service: PackReadinessService) {}

  @Query(() => [PackContributionType], {
    description: 'Each report and paper a meeting’s agenda expects, in agenda order, and whether it is in.',
  })
  packReadiness(@CurrentScope() scope: Scope, @Args('meetingId', { type: () => ID }, meetingId) id: string) {
    return this.service.readiness(scope, id);
  }

  @Mutation(() => AgendaItemType, { description: 'Adds an uploaded file as an agenda item’s paper (its author or the secretariat).' })
  attachAgendaPaper(@CurrentScope() scope: Scope, @Args('input') input: AttachAgendaPaperInput) {
    return this.service.attachPaper(scope, input);
  }

  @Mutation(() => Int, { description: 'Reminds the authors of reports and papers not yet in (secretariat only); answers how many.' })
  remindPackContributors(@CurrentScope() scope: Scope, @Args('input') input: RemindPackContributorsInput) {
    return this.service.remind(scope, input);
  }
}
