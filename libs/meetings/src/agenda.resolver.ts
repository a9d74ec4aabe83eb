import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import type { Scope } from '@pbw/db';
import {
  AddAgendaItemInput,
  AgendaItemType,
  ExemptInformationParagraphType,
  MoveAgendaItemInput,
  RemoveAgendaItemInput,
  UpdateAgendaItemInput,
} from './agenda.dto';
import { SCHEDULE_12A } from './agenda.entities';
import { AgendaService } from './agenda.service';
import type { MeetingEntity } from './meetings.entities';
import { MeetingType } from './meetings.dto';

@Resolver(() => MeetingType)
export class AgendaResolver {
  constructor(private readonly service: AgendaService) {}

  @ResolveField(() => [AgendaItemType], { description: 'The agenda in order, numbered 1, 2, 2.1 …' })
  agenda(@CurrentScope() scope: Scope, @Parent() meeting: MeetingEntity) {
    return this.service.agenda(scope, meeting.id);
  }

  @Query(() => [ExemptInformationParagraphType], {
    description: 'The paragraphs an exempt agenda item may give as its reason, with their words (the same for every partnership).',
  })
  exemptInformationParagraphs(): ExemptInformationParagraphType[] {
    return Object.entries(SCHEDULE_12A).map(([n, description]) => ({ paragraph: Number(n), description }));
  }

  @Mutation(() => AgendaItemType, { description: 'Adds an item to a meeting’s agenda (secretariat only).' })
  addAgendaItem(@CurrentScope() scope: Scope, @Args('input') input: AddAgendaItemInput) {
    return this.service.add(scope, input);
  }

  @Mutation(() => AgendaItemType, { description: 'Changes an agenda item (secretariat only); what is left out stays as it was.' })
  updateAgendaItem(@CurrentScope() scope: Scope, @Args('input') input: UpdateAgendaItemInput) {
    return this.service.update(scope, input);
  }

  @Mutation(() => [AgendaItemType], {
    description: 'Moves an agenda item to a new place, or under another item (secretariat only); answers the agenda.',
  })
  moveAgendaItem(@CurrentScope() scope: Scope, @Args('input') input: MoveAgendaItemInput) {
    return this.service.move(scope, input);
  }

  @Mutation(() => [AgendaItemType], { description: 'Removes an agenda item and its sub-items (secretariat only); answers the agenda.' })
  removeAgendaItem(@CurrentScope() scope: Scope, @Args('input') input: RemoveAgendaItemInput) {
    return this.service.remove(scope, input);
  }
}
