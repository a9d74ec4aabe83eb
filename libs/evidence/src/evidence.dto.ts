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
  Min,
  ValidateNested,
} from 'class-validator';
import { CommentText, Connection, PageArgs, Trim } from '@pbw/core';
import { Visibility } from '@pbw/db';
import { EvidenceKind, EvidenceStatus } from './evidence.entities';

registerEnumType(EvidenceKind, { name: 'EvidenceKind' });
registerEnumType(EvidenceStatus, {
  name: 'EvidenceStatus',
  description: 'DRAFT → SUBMITTED → ACCEPTED, or RETURNED with a comment → RESUBMITTED → ACCEPTED.',
});

export const MAX_ATTACHMENTS = 20;

@ObjectType('Evidence', { description: 'Evidence of progress added by a sub-group member, reviewed by its chair.' })
export class EvidenceType {
  @Field(() => ID) id: string;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'Plain text with line breaks.' }) narrative: string;
  @Field(() => EvidenceKind) kind: EvidenceKind;
  @Field(() => EvidenceStatus) status: EvidenceStatus;
  @Field(() => Visibility) visibility: Visibility;
  @Field(() => [ID]) restrictedUserIds: string[];
  @Field(() => String, { nullable: true, description: 'Why the chair returned it, when it was last returned.' })
  returnComment: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) submittedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) reviewedAt: Date | null;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType()
export class EvidenceConnection extends Connection(EvidenceType, 'Evidence') {}

@ObjectType('Attachment', { description: 'A file attached to a record. Its name is for display only.' })
export class AttachmentType {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'Decided from the file’s content.' }) contentType: string;
  @Field(() => Int, { description: 'In bytes.' }) size: number;
  @Field(() => String) sha256: string;
  @Field(() => GraphQLISODateTime) uploadedAt: Date;
  @Field(() => String, {
    description: 'A link that downloads the file for you for the next few minutes; the access check is repeated when it is followed.',
  })
  downloadUrl: string;
}

@ObjectType('Comment', { description: 'A comment on evidence or a report. Plain text with line breaks.' })
export class CommentType {
  @Field(() => ID) id: string;
  @Field(() => String) body: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@InputType()
export class EvidenceFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Sub-group must be an id.' }) subGroupId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Agency must be an id.' }) agencyId?: string;
  @Field(() => [EvidenceStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(EvidenceStatus, { each: true, message: 'Choose evidence statuses.' })
  statuses?: EvidenceStatus[];
  @Field(() => EvidenceKind, { nullable: true })
  @IsOptional()
  @IsEnum(EvidenceKind, { message: 'Choose a kind of evidence.' })
  kind?: EvidenceKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Action must be an id.' }) actionId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Framework item must be an id.' }) frameworkItemId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Only evidence you added.' }) @IsOptional() @IsBoolean() mine?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only evidence waiting for your review.' })
  @IsOptional()
  @IsBoolean()
  toReview?: boolean;
}

@ArgsType()
export class EvidenceListArgs extends PageArgs {
  @Field(() => EvidenceFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EvidenceFilterInput)
  filter?: EvidenceFilterInput;
}

@InputType()
export class EvidenceFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter a title for the evidence.' })
  @MaxLength(200, { message: 'Title must be 200 characters or fewer.' })
  title?: string;

  @Field(() => String, { nullable: true, description: 'What it shows. Plain text with line breaks.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000, { message: 'Narrative must be 20,000 characters or fewer.' })
  narrative?: string;

  @Field(() => EvidenceKind, { nullable: true })
  @IsOptional()
  @IsEnum(EvidenceKind, { message: 'Choose what kind of evidence this is.' })
  kind?: EvidenceKind;

  @Field(() => [ID], { nullable: true, description: 'Actions of the same sub-group that this is evidence for.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50, { message: 'Link 50 actions or fewer.' })
  @IsUUID('all', { each: true, message: 'Linked actions must be action ids.' })
  actionIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50, { message: 'Link 50 framework items or fewer.' })
  @IsUUID('all', { each: true, message: 'Framework items must be ids.' })
  frameworkItemIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Every attachment, in order: files you uploaded with POST /files, and those already attached.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS, { message: `Attach ${MAX_ATTACHMENTS} files or fewer.` })
  @IsUUID('all', { each: true, message: 'Attachments must be file ids.' })
  fileIds?: string[];

  @Field(() => Visibility, { nullable: true })
  @IsOptional()
  @IsEnum(Visibility, { message: 'Choose who can see this evidence.' })
  visibility?: Visibility;

  @Field(() => [ID], { nullable: true, description: 'Who may see it when the visibility is RESTRICTED (the secretariat always can).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'Named people must be user ids.' })
  restrictedUserIds?: string[];
}

@InputType()
export class CreateEvidenceInput extends EvidenceFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose a sub-group.' }) subGroupId: string;

  @Field(() => ID, { nullable: true, description: 'The owning agency: yours unless the secretariat chooses another.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose an agency.' })
  agencyId?: string;
}

@InputType()
export class UpdateEvidenceInput extends EvidenceFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Evidence id must be an id.' }) id: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one answers CONFLICT with the current values.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

@InputType()
export class EvidenceIdInput {
  @Field(() => ID) @IsUUID('all', { message: 'Evidence id must be an id.' }) id: string;
}

@InputType()
export class ReturnEvidenceInput {
  @Field(() => ID) @IsUUID('all', { message: 'Evidence id must be an id.' }) id: string;

  @Field(() => String, { description: 'What needs to change: shown to the author.' })
  @CommentText('Say what needs to change before the evidence can be accepted.')
  comment: string;
}

@InputType()
export class AddEvidenceCommentInput {
  @Field(() => ID) @IsUUID('all', { message: 'Evidence id must be an id.' }) evidenceId: string;

  @Field(() => String)
  @CommentText('Enter a comment.')
  body: string;
}
