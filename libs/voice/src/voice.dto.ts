import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CalendarDate, Connection, PageArgs, Trim } from '@pbw/core';
import { VoiceStatus } from './voice.entities';

registerEnumType(VoiceStatus, {
  name: 'VoiceStatus',
  description: 'OPEN until answered; RESPONDED once answered; CLOSED when taken back to young people.',
});

@ObjectType('VoiceItem', { description: 'An issue the Children in Care Council raised, and the board’s answer.' })
export class VoiceItemType {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) raisedOn: string;
  @Field(() => String, {
    description: 'The group that raised it, for example “Children in Care Council (11 to 15)”: never a child’s name.',
  })
  raisingGroup: string;
  @Field(() => String, { description: 'What young people said.' }) issue: string;
  @Field(() => String, { nullable: true, description: 'What was done: the answer to take back to young people.' }) response: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) responseDue: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) respondedAt: Date | null;
  @Field(() => VoiceStatus) status: VoiceStatus;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType()
export class VoiceItemConnection extends Connection(VoiceItemType, 'VoiceItem') {}

@ObjectType('YouSaidWeDid', { description: 'One line of “you said, we did”, for the council to take back to young people.' })
export class YouSaidWeDidType {
  @Field(() => ID) id: string;
  @Field(() => String) raisedOn: string;
  @Field(() => String) raisingGroup: string;
  @Field(() => String, { description: 'You said.' }) youSaid: string;
  @Field(() => String, { description: 'We did.' }) weDid: string;
  @Field(() => String, { description: 'YYYY-MM-DD, London.' }) respondedOn: string;
  @Field(() => [String], { description: 'Themes: the framework items, as “code title”.' }) themes: string[];
  @Field(() => VoiceStatus) status: VoiceStatus;
}

@InputType()
export class VoiceFilterInput {
  @Field(() => [VoiceStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(VoiceStatus, { each: true, message: 'Choose statuses.' })
  statuses?: VoiceStatus[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Sub-group must be an id.' }) subGroupId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Agency must be an id.' }) agencyId?: string;
  @Field(() => ID, { nullable: true, description: 'With this theme.' })
  @IsOptional()
  @IsUUID('all', { message: 'Theme must be an id.' })
  frameworkItemId?: string;
  @Field(() => String, { nullable: true, description: 'Raised on or after, YYYY-MM-DD.' })
  @IsOptional()
  @CalendarDate('Raised from')
  raisedFrom?: string;
  @Field(() => String, { nullable: true, description: 'Raised on or before, YYYY-MM-DD.' })
  @IsOptional()
  @CalendarDate('Raised to')
  raisedTo?: string;
  @Field(() => Boolean, { nullable: true, description: 'Open, with a response due date before today.' })
  @IsOptional()
  @IsBoolean()
  responseOverdue?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Assigned to a sub-group I am in, or to my agency.' })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;
}

@ArgsType()
export class VoiceItemsArgs extends PageArgs {
  @Field(() => VoiceFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => VoiceFilterInput)
  filter?: VoiceFilterInput;
}

@ArgsType()
export class PeriodArgs {
  @Field(() => String, { description: 'YYYY-MM-DD, the first day.' }) @CalendarDate('From') from: string;
  @Field(() => String, { description: 'YYYY-MM-DD, the last day.' }) @CalendarDate('To') to: string;
}

@InputType()
export class VoiceFieldsInput {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; not in the future.' })
  @IsOptional()
  @CalendarDate('Date raised')
  raisedOn?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Say which group raised it.' })
  @MaxLength(200, { message: 'The group’s name must be 200 characters or fewer.' })
  raisingGroup?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Say what young people raised.' })
  @MaxLength(5000, { message: 'The issue must be 5,000 characters or fewer.' })
  issue?: string;
  @Field(() => [ID], { nullable: true, description: 'Themes: framework items such as the principles.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'Themes must be ids.' })
  frameworkItemIds?: string[];
  @Field(() => ID, { nullable: true, description: 'Assigned to this sub-group (not with an agency). Null clears it.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a sub-group.' })
  assignedSubGroupId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Assigned to this agency (not with a sub-group). Null clears it.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose an agency.' })
  assignedAgencyId?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' })
  @IsOptional()
  @CalendarDate('Response due date')
  responseDue?: string | null;
}

@InputType()
export class CreateVoiceItemInput extends VoiceFieldsInput {}

@InputType()
export class UpdateVoiceItemInput extends VoiceFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Voice item id must be an id.' }) id: string;
  @Field(() => Int, { description: 'The version you read.' }) @IsInt({ message: 'Version must be a whole number.' }) version: number;
}

@InputType()
export class RespondToVoiceItemInput {
  @Field(() => ID) @IsUUID('all', { message: 'Voice item id must be an id.' }) id: string;
  @Field(() => Int) @IsInt({ message: 'Version must be a whole number.' }) version: number;
  @Field(() => String, { description: 'What was done, in words to take back to young people.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Say what was done about it.' })
  @MaxLength(5000, { message: 'The response must be 5,000 characters or fewer.' })
  response: string;
}

@InputType()
export class VoiceItemVersionInput {
  @Field(() => ID) @IsUUID('all', { message: 'Voice item id must be an id.' }) id: string;
  @Field(() => Int) @IsInt({ message: 'Version must be a whole number.' }) version: number;
}
