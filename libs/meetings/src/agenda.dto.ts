import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Trim } from '@pbw/core';
import { AgendaItemKind } from './agenda.entities';

registerEnumType(AgendaItemKind, { name: 'AgendaItemKind', description: 'What an agenda item brings to the board.' });

@ObjectType('AgendaPaper', { description: 'An agenda item’s paper, for someone who may download it. Its name is for display only.' })
export class AgendaPaperType {
  @Field(() => String) name: string;
  @Field(() => String, { description: 'Decided from the file’s content.' }) contentType: string;
  @Field(() => Int, { description: 'In bytes.' }) size: number;
  @Field(() => String, {
    description: 'A link that downloads the paper for you for the next few minutes; the access check is repeated when it is followed.',
  })
  downloadUrl: string;
}

@ObjectType('ExemptInformationParagraph', {
  description: 'A paragraph of Part 1 of Schedule 12A to the Local Government Act 1972: a description of exempt information.',
})
export class ExemptInformationParagraphType {
  @Field(() => Int) paragraph: number;
  @Field(() => String, { description: 'The paragraph’s words, as an exempt item’s notice quotes them.' }) description: string;
}

@ObjectType('AgendaItem', { description: 'One item of a meeting’s agenda, numbered 1, 2, 2.1 …' })
export class AgendaItemType {
  @Field(() => ID) id: string;
  @Field(() => ID) meetingId: string;
  @Field(() => String, { description: 'Its number in the agenda: "2", or "2.1" under 2.' }) number: string;
  @Field(() => ID, { nullable: true, description: 'The item this is a sub-item of.' }) parentId: string | null;
  @Field(() => Int, { description: 'Its place among its siblings, from 1.' }) position: number;
  @Field(() => String) title: string;
  @Field(() => AgendaItemKind) kind: AgendaItemKind;
  @Field(() => ID, { nullable: true, description: 'For a sub-group report: the sub-group.' }) subGroupId: string | null;
  @Field(() => String, { nullable: true }) presenter: string | null;
  @Field(() => String, { nullable: true, description: 'London time, HH:MM.' }) startsAt: string | null;
  @Field(() => Int, { nullable: true }) durationMinutes: number | null;
  @Field(() => Boolean, { description: 'Exempt items are left out of the public pack.' }) exempt: boolean;
  @Field(() => Int, { nullable: true, description: 'The paragraph of Schedule 12A to the Local Government Act 1972.' })
  exemptParagraph: number | null;
  @Field(() => String, { nullable: true, description: 'The paragraph’s words.' }) exemptDescription: string | null;
  @Field(() => String, { nullable: true, description: 'Why it applies here, in the secretariat’s words.' }) exemptReason: string | null;
  @Field(() => ID, { nullable: true, description: 'Who is to write its paper.' }) authorUserId: string | null;
  @Field(() => ID, { nullable: true, description: 'A paper’s file, once it is in.' }) fileId: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) paperSubmittedAt: Date | null;
  @Field(() => String, { description: 'The minutes of this item (plain text).' }) minutes: string;
  @Field(() => String, { description: 'What the board decided under this item (plain text, a line each).' }) decisions: string;
  @Field(() => Int) version: number;
}

/** The fields an item has, shared by adding and changing one. */
@InputType({ isAbstract: true })
class AgendaItemFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Give the item a title.' })
  @MaxLength(200, { message: 'The title must be 200 characters or fewer.' })
  title?: string;

  @Field(() => AgendaItemKind, { nullable: true })
  @IsOptional()
  @IsEnum(AgendaItemKind, { message: 'Choose what kind of item this is.' })
  kind?: AgendaItemKind;

  @Field(() => ID, { nullable: true, description: 'For a sub-group report: the sub-group.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a sub-group.' })
  subGroupId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(200, { message: 'The presenter must be 200 characters or fewer.' })
  presenter?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who is to write its paper (not for a sub-group report: its chair writes that).' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose who is to write the paper.' })
  authorUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'London time, HH:MM.' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null && v !== '')
  @Matches(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'Give the time as HH:MM, for example 10:15.' })
  startsAt?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Give the minutes as a whole number.' })
  @Min(1, { message: 'An item takes at least a minute.' })
  @Max(480, { message: 'An item takes at most 480 minutes.' })
  durationMinutes?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean({ message: 'Say whether the item is exempt.' })
  exempt?: boolean;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'Choose a paragraph of Schedule 12A.' })
  @Min(1, { message: 'Choose a paragraph of Schedule 12A, 1 to 7.' })
  @Max(7, { message: 'Choose a paragraph of Schedule 12A, 1 to 7.' })
  exemptParagraph?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @MaxLength(1000, { message: 'The reason must be 1000 characters or fewer.' })
  exemptReason?: string | null;
}

@InputType()
export class AddAgendaItemInput extends AgendaItemFields {
  @Field(() => ID) @IsUUID('all', { message: 'Meeting id must be an id.' }) meetingId: string;

  @Field(() => ID, { nullable: true, description: 'Add it under this item (as 2.1 under 2); left out, at the top level.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose the item to add it under.' })
  parentId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Its place among its siblings, from 1; left out, at the end.' })
  @IsOptional()
  @IsInt({ message: 'Give the place as a whole number.' })
  @Min(1, { message: 'Places start at 1.' })
  position?: number | null;
}

@InputType()
export class UpdateAgendaItemInput extends AgendaItemFields {
  @Field(() => ID) @IsUUID('all', { message: 'Agenda item id must be an id.' }) id: string;
  @Field(() => Int, { description: 'The version you read.' }) @IsInt({ message: 'Version must be a whole number.' }) version: number;
}

@InputType()
export class MoveAgendaItemInput {
  @Field(() => ID) @IsUUID('all', { message: 'Agenda item id must be an id.' }) id: string;
  @Field(() => Int) @IsInt({ message: 'Version must be a whole number.' }) version: number;

  @Field(() => ID, { nullable: true, description: 'The item to move it under; left out, to the top level.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose the item to move it under.' })
  parentId?: string | null;

  @Field(() => Int, { description: 'Its new place among its siblings, from 1.' })
  @IsInt({ message: 'Give the place as a whole number.' })
  @Min(1, { message: 'Places start at 1.' })
  position: number;
}

@InputType()
export class RemoveAgendaItemInput {
  @Field(() => ID) @IsUUID('all', { message: 'Agenda item id must be an id.' }) id: string;
  @Field(() => Int) @IsInt({ message: 'Version must be a whole number.' }) version: number;
}
