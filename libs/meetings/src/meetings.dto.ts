import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CalendarDate, Connection, PageArgs, Trim } from '@pbw/core';
import { DEFAULT_MEETING_TITLE, MeetingStatus } from './meetings.entities';

registerEnumType(MeetingStatus, { name: 'MeetingStatus' });

@ObjectType('Meeting', { description: 'A partnership board meeting: when and where, and when reports for it are due.' })
export class MeetingType {
  @Field(() => ID) id: string;
  @Field(() => String) title: string;
  @Field(() => GraphQLISODateTime) startsAt: Date;
  @Field(() => String, { nullable: true, description: 'Where it is held, or the link to join.' }) location: string | null;
  @Field(() => String, { description: 'YYYY-MM-DD (Europe/London): when sub-group reports are due.' }) reportDeadline: string;
  @Field(() => MeetingStatus) status: MeetingStatus;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType()
export class MeetingConnection extends Connection(MeetingType, 'Meeting') {}

@InputType()
export class MeetingFilter {
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Meetings starting at or after this time.' })
  @IsOptional()
  @IsDate({ message: 'From must be a date and time.' })
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Meetings starting at or before this time.' })
  @IsOptional()
  @IsDate({ message: 'To must be a date and time.' })
  to?: Date;

  @Field(() => MeetingStatus, { nullable: true })
  @IsOptional()
  @IsEnum(MeetingStatus, { message: 'Choose a meeting status.' })
  status?: MeetingStatus;
}

@ArgsType()
export class MeetingsArgs extends PageArgs {
  @Field(() => MeetingFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => MeetingFilter) filter?: MeetingFilter;
}

@InputType()
export class CreateMeetingInput {
  @Field(() => String, { defaultValue: DEFAULT_MEETING_TITLE })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter a title for the meeting.' })
  @MaxLength(200, { message: 'Title must be 200 characters or fewer.' })
  title: string;

  @Field(() => GraphQLISODateTime)
  @IsDate({ message: 'Enter when the meeting starts.' })
  startsAt: Date;

  @Field(() => String, { nullable: true, description: 'Where it is held, or the link to join.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500, { message: 'Place or link must be 500 characters or fewer.' })
  location?: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD, on or before the day of the meeting.' })
  @CalendarDate('Report deadline')
  reportDeadline: string;
}

@InputType()
export class UpdateMeetingInput {
  @Field(() => ID) @IsUUID('all', { message: 'Meeting id must be an id.' }) id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter a title for the meeting.' })
  @MaxLength(200, { message: 'Title must be 200 characters or fewer.' })
  title?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate({ message: 'Enter when the meeting starts.' })
  startsAt?: Date;

  @Field(() => String, { nullable: true, description: 'Null or empty clears it.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500, { message: 'Place or link must be 500 characters or fewer.' })
  location?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @CalendarDate('Report deadline') reportDeadline?: string;
}

@InputType()
export class SetMeetingStatusInput {
  @Field(() => ID) @IsUUID('all', { message: 'Meeting id must be an id.' }) id: string;

  @Field(() => MeetingStatus, { description: 'PLANNED to HELD or CANCELLED; CANCELLED back to PLANNED.' })
  @IsEnum(MeetingStatus, { message: 'Choose a meeting status.' })
  status: MeetingStatus;
}
