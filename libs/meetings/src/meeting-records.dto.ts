import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CalendarDate, Trim } from '@pbw/core';
import { AttendanceStatus, BoardActionStatus } from './meeting-records.entities';

registerEnumType(AttendanceStatus, { name: 'AttendanceStatus' });
registerEnumType(BoardActionStatus, { name: 'BoardActionStatus' });

@ObjectType('Attendance', { description: 'Whether one person attended a meeting, with their agency.' })
export class AttendanceType {
  @Field(() => ID) userId: string;
  @Field(() => String) name: string;
  @Field(() => ID) agencyId: string;
  @Field(() => String) agencyName: string;
  @Field(() => AttendanceStatus) status: AttendanceStatus;
}

@InputType()
export class AttendanceEntryInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose a person.' }) userId: string;
  @Field(() => AttendanceStatus) @IsEnum(AttendanceStatus, { message: 'Choose present, apologies or absent.' }) status: AttendanceStatus;
}

@InputType()
export class SetAttendanceInput {
  @Field(() => ID) @IsUUID('all', { message: 'Meeting id must be an id.' }) meetingId: string;
  @Field(() => [AttendanceEntryInput], { description: 'Everyone recorded for the meeting; anyone left out is taken off the record.' })
  @IsArray()
  @ArrayMaxSize(500, { message: 'Record at most 500 people.' })
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntryInput)
  entries: AttendanceEntryInput[];
}

@InputType()
export class RecordMinutesInput {
  @Field(() => ID) @IsUUID('all', { message: 'Agenda item id must be an id.' }) agendaItemId: string;
  @Field(() => Int) @IsInt({ message: 'Version must be a whole number.' }) version: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000, { message: 'The minutes of one item must be 20000 characters or fewer.' })
  minutes?: string;
  @Field(() => String, { nullable: true, description: 'A line each.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'The decisions of one item must be 5000 characters or fewer.' })
  decisions?: string;
}

@ObjectType('BoardAction', { description: 'Something the board asked someone to do; it stays on the action log until closed.' })
export class BoardActionType {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The meeting it arose at.' }) meetingId: string;
  @Field(() => ID, { nullable: true }) agendaItemId: string | null;
  @Field(() => String) title: string;
  @Field(() => ID) ownerUserId: string;
  @Field(() => String) ownerName: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) dueDate: string;
  @Field(() => BoardActionStatus) status: BoardActionStatus;
  @Field(() => Boolean, { description: 'Open and past its due date (London).' }) overdue: boolean;
  @Field(() => String, { description: 'Where it stands, in the owner’s or secretariat’s words.' }) note: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) closedAt: Date | null;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@InputType()
export class CreateBoardActionInput {
  @Field(() => ID) @IsUUID('all', { message: 'Meeting id must be an id.' }) meetingId: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Choose an agenda item.' }) agendaItemId?: string | null;
  @Field(() => String)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Say what the action is.' })
  @MaxLength(300, { message: 'The action must be 300 characters or fewer.' })
  title: string;
  @Field(() => ID) @IsUUID('all', { message: 'Choose who owns the action.' }) ownerUserId: string;
  @Field(() => String) @CalendarDate('The due date') dueDate: string;
}

@InputType()
export class UpdateBoardActionInput {
  @Field(() => ID) @IsUUID('all', { message: 'Board action id must be an id.' }) id: string;
  @Field(() => Int) @IsInt({ message: 'Version must be a whole number.' }) version: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Say what the action is.' })
  @MaxLength(300, { message: 'The action must be 300 characters or fewer.' })
  title?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Choose who owns the action.' }) ownerUserId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @CalendarDate('The due date') dueDate?: string;
  @Field(() => BoardActionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(BoardActionStatus, { message: 'Choose open, complete or cancelled.' })
  status?: BoardActionStatus;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'The note must be 5000 characters or fewer.' })
  note?: string;
}

@ArgsType()
export class BoardActionsArgs {
  @Field(() => BoardActionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(BoardActionStatus, { message: 'Choose open, complete or cancelled.' })
  status?: BoardActionStatus;
}
