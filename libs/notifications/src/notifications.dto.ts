import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, PageArgs } from '@pbw/core';
import { DeliveryMode, NotificationKind } from './notifications.entities';

registerEnumType(NotificationKind, { name: 'NotificationKind' });
registerEnumType(DeliveryMode, { name: 'DeliveryMode', description: 'At once, in a daily or weekly digest, or not at all.' });

@ObjectType('Notification', { description: 'Something the workspace told you: a reminder or an event.' })
export class NotificationType {
  @Field(() => ID) id: string;
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field(() => String) title: string;
  @Field(() => String) body: string;
  @Field(() => String, { nullable: true, description: 'Where it leads in the web app.' }) link: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) readAt: Date | null;
}

@ObjectType()
export class NotificationConnection extends Connection(NotificationType, 'Notification') {}

@ObjectType('NotificationPreference', { description: 'How you hear about one kind of notification.' })
export class NotificationPreferenceType {
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field(() => String) label: string;
  @Field(() => DeliveryMode) mode: DeliveryMode;
  @Field(() => Boolean, { description: 'False for security e-mails, which always go at once.' }) canChange: boolean;
}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() unreadOnly: boolean;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'These; all of yours when left out.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'Notifications must be ids.' })
  ids?: string[];
}

@InputType()
export class SetNotificationPreferenceInput {
  @Field(() => NotificationKind) @IsEnum(NotificationKind, { message: 'Choose a kind of notification.' }) kind: NotificationKind;
  @Field(() => DeliveryMode) @IsEnum(DeliveryMode, { message: 'Choose at once, daily, weekly or off.' }) mode: DeliveryMode;
}
