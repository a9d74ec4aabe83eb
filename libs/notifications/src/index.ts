import type { Type } from '@nestjs/common';
import { NotificationResolver } from './notifications.resolver';
import { ReminderRulesResolver } from './reminder-rules.resolver';
import { CalendarResolver } from './calendar.resolver';

export * from './working-days';
export * from './mailer';
export * from './templates';
export * from './notifications.entities';
export * from './notifications.dto';
export * from './notifications.repository';
export * from './notifications.service';
export * from './notifications.resolver';
export * from './notifications.module';
export * from './reminder-rules';
export * from './reminder-rules.repository';
export * from './delivery.service';
export * from './reminder-rules.dto';
export * from './ical';
export * from './reminders.service';
export * from './reminders.processor';

/** Every resolver of this context, for generating schema.graphql. */
export const NOTIFICATIONS_RESOLVERS: Type<unknown>[] = [NotificationResolver, ReminderRulesResolver, CalendarResolver];
