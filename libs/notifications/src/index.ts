import type { Type } from '@nestjs/common';
import { NotificationResolver } from './notifications.resolver';

export * from './working-days';
export * from './mailer';
export * from './templates';
export * from './notifications.entities';
export * from './notifications.dto';
export * from './notifications.repository';
export * from './notifications.service';
export * from './notifications.resolver';
export * from './notifications.module';
export * from './reminder-plan';
export * from './reminders.service';
export * from './reminders.processor';

/** Every resolver of this context, for generating schema.graphql. */
export const NOTIFICATIONS_RESOLVERS: Type<unknown>[] = [NotificationResolver];
