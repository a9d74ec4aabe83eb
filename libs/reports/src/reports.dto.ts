import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { CommentText, Connection, PageArgs } from '@pbw/core';
import { ActionStatus, DisplayRag } from '@pbw/workplans';
import { ReportStatus } from './reports.entities';

registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'DRAFT → SUBMITTED → ACCEPTED, or RETURNED by the secretariat → SUBMITTED again.',
});

export enum ReportProgress {
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  DRAFT = 'DRAFT',
  RETURNED = 'RETURNED',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(ReportProgress, {
  name: 'ReportProgress',
  description: 'Where a sub-group’s report for a meeting stands, as far as you can see (NOT_SUBMITTED: none, or a draft you cannot see).',
});

@ObjectType('HighlightReport', { description: 'A sub-group’s highlight report to one board meeting.' })
export class HighlightReportType {
  @Field(() => ID) id: string;
  @Field(() => ReportStatus) status: ReportStatus;
  @Field(() => String) summary: string;
  @Field(() => String) achievements: string;
  @Field(() => String) risksAndIssues: string;
  @Field(() => String) asksOfBoard: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) submittedAt: Date | null;
  @Field(() => Boolean, { description: 'Submitted after the meeting’s report deadline.' }) late: boolean;
  @Field(() => String, { nullable: true, description: 'Why the secretariat returned it, when it was last returned.' })
  returnComment: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) reviewedAt: Date | null;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType()
export class HighlightReportConnection extends Connection(HighlightReportType, 'HighlightReport') {}

@ObjectType('SnapshotAction', { description: 'A red or overdue action as it stood when the report was submitted.' })
export class SnapshotActionType {
  @Field(() => ID) actionId: string;
  @Field(() => String) title: string;
  @Field(() => String) ownerName: string;
  @Field(() => String) leadAgencyName: string;
  @Field(() => String) dueDate: string;
  @Field(() => ActionStatus) status: ActionStatus;
  @Field(() => DisplayRag) displayRag: DisplayRag;
  @Field(() => Boolean) isOverdue: boolean;
}

@ObjectType('SnapshotRagCounts')
export class SnapshotRagCountsType {
  @Field(() => Int) red: number;
  @Field(() => Int) amber: number;
  @Field(() => Int) green: number;
  @Field(() => Int) blue: number;
}

@ObjectType('SnapshotStatusCounts')
export class SnapshotStatusCountsType {
  @Field(() => Int) notStarted: number;
  @Field(() => Int) inProgress: number;
  @Field(() => Int) complete: number;
  @Field(() => Int) cancelled: number;
}

@ObjectType('ReportSnapshot', { description: 'The sub-group’s work plan status at submission; later changes to actions do not alter it.' })
export class ReportSnapshotType {
  @Field(() => GraphQLISODateTime) takenAt: Date;
  @Field(() => ID, { nullable: true }) workPlanId: string | null;
  @Field(() => String, { nullable: true, description: 'The active plan then; null if the sub-group had none.' }) workPlanTitle:
    string | null;
  @Field(() => String, { nullable: true }) periodStart: string | null;
  @Field(() => String, { nullable: true }) periodEnd: string | null;
  @Field(() => Int) total: number;
  @Field(() => SnapshotRagCountsType) rag: SnapshotRagCountsType;
  @Field(() => SnapshotStatusCountsType) status: SnapshotStatusCountsType;
  @Field(() => Int) overdue: number;
  @Field(() => Int) percentComplete: number;
  @Field(() => [SnapshotActionType], { description: 'Red and overdue actions that you may see.' }) actions: SnapshotActionType[];
}

@ObjectType('SubGroupReportStatus', { description: 'One sub-group’s report for a meeting.' })
export class SubGroupReportStatusType {
  @Field(() => ReportProgress) progress: ReportProgress;
  subGroupId: string;
  report: unknown;
}

@InputType()
export class ReportFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Meeting must be an id.' }) meetingId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Sub-group must be an id.' }) subGroupId?: string;
  @Field(() => [ReportStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ReportStatus, { each: true, message: 'Choose report statuses.' })
  statuses?: ReportStatus[];
}

@ArgsType()
export class HighlightReportsArgs extends PageArgs {
  @Field(() => ReportFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportFilterInput)
  filter?: ReportFilterInput;
}

const text = (what: string): PropertyDecorator[] => [
  IsOptional(),
  IsString({ message: `${what} must be text.` }),
  MaxLength(20000, { message: `${what} must be 20,000 characters or fewer.` }),
];
function apply(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

@InputType()
export class ReportFieldsInput {
  @Field(() => String, { nullable: true }) @apply(text('Summary')) summary?: string;
  @Field(() => String, { nullable: true }) @apply(text('Achievements')) achievements?: string;
  @Field(() => String, { nullable: true }) @apply(text('Risks and issues')) risksAndIssues?: string;
  @Field(() => String, { nullable: true }) @apply(text('Asks of the board')) asksOfBoard?: string;

  @Field(() => [ID], { nullable: true, description: 'Accepted evidence of the sub-group, in the order to show it.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50, { message: 'Link 50 pieces of evidence or fewer.' })
  @IsUUID('all', { each: true, message: 'Linked evidence must be evidence ids.' })
  evidenceIds?: string[];
}

@InputType()
export class CreateHighlightReportInput extends ReportFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose a meeting.' }) meetingId: string;
  @Field(() => ID) @IsUUID('all', { message: 'Choose a sub-group.' }) subGroupId: string;
}

@InputType()
export class UpdateHighlightReportInput extends ReportFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Report id must be an id.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one answers CONFLICT with the current values.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

@InputType()
export class HighlightReportIdInput {
  @Field(() => ID) @IsUUID('all', { message: 'Report id must be an id.' }) id: string;
}

@InputType()
export class ReturnHighlightReportInput {
  @Field(() => ID) @IsUUID('all', { message: 'Report id must be an id.' }) id: string;

  @Field(() => String, { description: 'What the sub-group needs to change.' })
  @CommentText('Say what needs to change before the report can be accepted.')
  comment: string;
}

@InputType()
export class AddHighlightReportCommentInput {
  @Field(() => ID) @IsUUID('all', { message: 'Report id must be an id.' }) reportId: string;

  @Field(() => String)
  @CommentText('Enter a comment.')
  body: string;
}
