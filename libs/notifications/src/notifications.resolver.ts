import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import type { Scope } from '@pbw/db';
import {
  MarkNotificationsReadInput,
  NotificationConnection,
  NotificationPreferenceType,
  NotificationsArgs,
  NotificationType,
  SetNotificationPreferenceInput,
} from './notifications.dto';
import { NotificationsService } from './notifications.service';

@Resolver(() => NotificationType)
export class NotificationResolver {
  constructor(private readonly service: NotificationsService) {}

  @Query(() => NotificationConnection, { description: 'Your own notifications, newest first.' })
  notifications(@CurrentScope() scope: Scope, @Args() args: NotificationsArgs) {
    return this.service.list(scope, args.unreadOnly, args);
  }

  @Query(() => Int, { description: 'How many of your notifications you have not read.' })
  unreadNotificationCount(@CurrentScope() scope: Scope) {
    return this.service.unreadCount(scope);
  }

  @Mutation(() => Int, { description: 'Marks your notifications read (those named, or all); answers how many changed.' })
  markNotificationsRead(@CurrentScope() scope: Scope, @Args('input') input: MarkNotificationsReadInput) {
    return this.service.markRead(scope, input.ids ?? null);
  }

  @Query(() => [NotificationPreferenceType], { description: 'How you hear about each kind of notification.' })
  notificationPreferences(@CurrentScope() scope: Scope) {
    return this.service.preferences(scope);
  }

  @Mutation(() => [NotificationPreferenceType], { description: 'Chooses at once, a daily or weekly digest, or off, for one kind.' })
  setNotificationPreference(@CurrentScope() scope: Scope, @Args('input') input: SetNotificationPreferenceInput) {
    return this.service.setPreference(scope, input.kind, input.mode);
  }
}
