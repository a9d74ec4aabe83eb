import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NotificationKind } from './notifications.entities';

@ObjectType('ReminderRule', { description: 'When, and whether, a kind of reminder goes out in this partnership.' })
export class ReminderRuleType {
  @Field(() => NotificationKind) kind: NotificationKind;
  @Field(() => String) label: string;
  @Field(() => String, { description: 'Who hears, and when, in words.' }) description: string;
  @Field(() => Boolean) enabled: boolean;
  @Field(() => [Int], { description: 'Days before the date (working days for report deadlines); 0 is the day itself.' })
  daysBefore: number[];
  @Field(() => Int, { nullable: true, description: 'Overdue actions: how often the owner hears again, in days.' }) repeatEveryDays:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Overdue actions: days past due before the chair hears.' }) chairAfterDays:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Overdue actions: days past due before the secretariat hears.' })
  secretariatAfterDays: number | null;
  @Field(() => [String], { description: 'Which of daysBefore, repeatEveryDays, chairAfterDays and secretariatAfterDays this rule has.' })
  settings: string[];
  @Field(() => Boolean, { description: 'True while the rule is as the workspace sets it out of the box.' }) isDefault: boolean;
}

@InputType()
export class SetReminderRuleInput {
  @Field(() => NotificationKind) @IsEnum(NotificationKind, { message: 'Choose a kind of reminder.' }) kind: NotificationKind;
  @Field(() => Boolean) @IsBoolean({ message: 'Say whether the reminder goes out.' }) enabled: boolean;
  @Field(() => [Int], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: 'Give at most 10 reminders before the date.' })
  @IsInt({ each: true, message: 'Days before must be whole numbers.' })
  @Min(0, { each: true, message: 'Days before cannot be negative.' })
  @Max(365, { each: true, message: 'Days before must be at most 365.' })
  daysBefore?: number[];
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Give a whole number of days.' })
  @Min(1, { message: 'Repeat at least every day.' })
  @Max(90, { message: 'Repeat at least every 90 days.' })
  repeatEveryDays?: number | null;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Give a whole number of days.' })
  @Min(1, { message: 'Give at least 1 day.' })
  @Max(365, { message: 'Give at most 365 days.' })
  chairAfterDays?: number | null;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Give a whole number of days.' })
  @Min(1, { message: 'Give at least 1 day.' })
  @Max(365, { message: 'Give at most 365 days.' })
  secretariatAfterDays?: number | null;
}

@ObjectType('EmailPreview', { description: 'An e-mail as it would go out, with example wording.' })
export class EmailPreviewType {
  @Field(() => String) subject: string;
  @Field(() => String) text: string;
  @Field(() => String) html: string;
}

@ObjectType('FailedJob', { description: 'A reminder or e-mail job that failed after its retries.' })
export class FailedJobType {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'What the job does, in words.' }) description: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) failedReason: string | null;
  @Field(() => Int) attemptsMade: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) failedAt: Date | null;
}

@InputType()
export class RetryFailedJobInput {
  @Field(() => ID) @IsString() @MaxLength(300) id: string;
}

@ObjectType('CalendarFeed', { description: 'Your calendar feed: board meetings, report deadlines and your actions’ due dates.' })
export class CalendarFeedType {
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The secret address: shown once, when the feed is made.' }) url: string | null;
}
