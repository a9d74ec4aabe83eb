import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import type { Scope } from '@pbw/db';
import { CalendarFeedType } from './reminder-rules.dto';
import { CalendarService } from './calendar.service';

@Resolver(() => CalendarFeedType)
export class CalendarResolver {
  constructor(private readonly service: CalendarService) {}

  @Query(() => CalendarFeedType, {
    nullable: true,
    description: 'Your calendar feed, if you have one (its address is shown only when made).',
  })
  calendarFeed(@CurrentScope() scope: Scope) {
    return this.service.feed(scope);
  }

  @Mutation(() => CalendarFeedType, { description: 'Makes you a new calendar feed address; any earlier one stops working.' })
  createCalendarFeed(@CurrentScope() scope: Scope) {
    return this.service.create(scope);
  }

  @Mutation(() => Boolean, { description: 'Stops your calendar feed address working; false if you had none.' })
  revokeCalendarFeed(@CurrentScope() scope: Scope) {
    return this.service.revoke(scope);
  }
}
