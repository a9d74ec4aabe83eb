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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CalendarDate, Connection, PageArgs, Trim } from '@pbw/core';
import { Visibility } from '@pbw/db';
import { ActionStatus, DisplayRag, Rag, WorkPlanStatus } from './workplans.entities';

registerEnumType(WorkPlanStatus, { name: 'WorkPlanStatus' });
registerEnumType(ActionStatus, { name: 'ActionStatus' });
registerEnumType(Rag, { name: 'Rag', description: 'Red, amber or green, as set on an action.' });
registerEnumType(DisplayRag, { name: 'DisplayRag', description: 'The RAG shown: BLUE for a complete action.' });
registerEnumType(Visibility, { name: 'Visibility' });

export enum ActionSortField {
  DUE_DATE = 'DUE_DATE',
  TITLE = 'TITLE',
  RAG = 'RAG',
  STATUS = 'STATUS',
  LAST_UPDATE = 'LAST_UPDATE',
}
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(ActionSortField, { name: 'ActionSortField' });
registerEnumType(SortDirection, { name: 'SortDirection' });

@ObjectType('WorkPlan', { description: 'One sub-group’s plan for one period.' })
export class WorkPlanType {
  @Field(() => ID) id: string;
  @Field(() => ID) subGroupId: string;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) periodStart: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) periodEnd: string;
  @Field(() => WorkPlanStatus) status: WorkPlanStatus;
  @Field(() => ID, { nullable: true }) rolledFromPlanId: string | null;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType('Objective')
export class ObjectiveType {
  @Field(() => ID) id: string;
  @Field(() => ID) workPlanId: string;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => Int) position: number;
}

@ObjectType('Action')
export class ActionType {
  @Field(() => ID) id: string;
  @Field(() => ID) workPlanId: string;
  @Field(() => ID) objectiveId: string;
  @Field(() => ID) subGroupId: string;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => ID) ownerUserId: string;
  @Field(() => ID) leadAgencyId: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) startDate: string | null;
  @Field(() => String, { description: 'YYYY-MM-DD' }) dueDate: string;
  @Field(() => ActionStatus) status: ActionStatus;
  @Field(() => Rag) rag: Rag;
  @Field(() => String) successMeasure: string;
  @Field(() => Visibility) visibility: Visibility;
  @Field(() => [ID]) restrictedUserIds: string[];
  @Field(() => Int, { description: 'Send it back with any change; a stale version is refused with CONFLICT.' }) version: number;
  @Field(() => ID, { nullable: true }) rolledFromActionId: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastUpdateAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType('ActionUpdate', { description: 'A dated progress narrative, with the status and RAG it set.' })
export class ActionUpdateType {
  @Field(() => ID) id: string;
  @Field(() => ID) actionId: string;
  @Field(() => ID) authorUserId: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) updateDate: string;
  @Field(() => String) narrative: string;
  @Field(() => ActionStatus) status: ActionStatus;
  @Field(() => Rag) rag: Rag;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('RagCounts')
export class RagCountsType {
  @Field(() => Int) red: number;
  @Field(() => Int) amber: number;
  @Field(() => Int) green: number;
  @Field(() => Int, { description: 'Complete actions.' }) blue: number;
}

@ObjectType('StatusCounts')
export class StatusCountsType {
  @Field(() => Int) notStarted: number;
  @Field(() => Int) inProgress: number;
  @Field(() => Int) complete: number;
  @Field(() => Int) cancelled: number;
}

@ObjectType('WorkPlanSummary', { description: 'Counts over the actions the viewer may see.' })
export class WorkPlanSummaryType {
  @Field(() => Int) total: number;
  @Field(() => RagCountsType, { description: 'Open actions by RAG; complete ones as blue. Cancelled actions are not counted.' })
  rag: RagCountsType;
  @Field(() => StatusCountsType) status: StatusCountsType;
  @Field(() => Int) overdue: number;
  @Field(() => Int, { description: 'Open actions due within the next 14 days.' }) dueSoon: number;
  @Field(() => Int) stale: number;
  @Field(() => Int, { description: 'Complete as a percentage of all actions not cancelled, rounded down.' }) percentComplete: number;
}

@ObjectType('SubGroupDashboardRow')
export class SubGroupDashboardRowType {
  @Field(() => ID) subGroupId: string;
  @Field(() => WorkPlanType, { nullable: true, description: 'The active plan; null when the sub-group has none.' })
  workPlan: WorkPlanType | null;
  @Field(() => WorkPlanSummaryType, { nullable: true }) summary: WorkPlanSummaryType | null;
}

@ObjectType()
export class WorkPlanConnection extends Connection(WorkPlanType, 'WorkPlan') {}
@ObjectType()
export class ActionConnection extends Connection(ActionType, 'Action') {}

// ---- inputs ----------------------------------------------------------------------------

@InputType()
export class WorkPlanFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Sub-group must be an id.' }) subGroupId?: string;
  @Field(() => WorkPlanStatus, { nullable: true })
  @IsOptional()
  @IsEnum(WorkPlanStatus, { message: 'Choose a plan status.' })
  status?: WorkPlanStatus;
}

@ArgsType()
export class WorkPlansArgs extends PageArgs {
  @Field(() => WorkPlanFilter, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => WorkPlanFilter) filter?: WorkPlanFilter;
}

@InputType()
export class ActionFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Work plan must be an id.' }) workPlanId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Sub-group must be an id.' }) subGroupId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Objective must be an id.' }) objectiveId?: string;
  @Field(() => [ActionStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ActionStatus, { each: true, message: 'Choose a status.' })
  statuses?: ActionStatus[];
  @Field(() => [DisplayRag], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(DisplayRag, { each: true, message: 'Choose red, amber, green or blue.' })
  rags?: DisplayRag[];
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Owner must be a user id.' }) ownerUserId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Lead agency must be an id.' }) leadAgencyId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Framework item must be an id.' }) frameworkItemId?: string;
  @Field(() => Boolean, { nullable: true, description: 'Open and past their due date.' }) @IsOptional() @IsBoolean() overdue?: boolean;
  @Field(() => Int, { nullable: true, description: 'Open and due from today to this many days ahead.' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'Due within must be 0 days or more.' })
  @Max(366, { message: 'Due within must be 366 days or fewer.' })
  dueWithinDays?: number;
  @Field(() => Boolean, { nullable: true, description: 'Open with no update for the configured number of days.' })
  @IsOptional()
  @IsBoolean()
  stale?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only actions I own.' }) @IsOptional() @IsBoolean() mine?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only actions my agency leads.' }) @IsOptional() @IsBoolean() myAgency?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Only actions in active plans.' })
  @IsOptional()
  @IsBoolean()
  activePlansOnly?: boolean;
}

@InputType()
export class ActionOrder {
  @Field(() => ActionSortField, { defaultValue: ActionSortField.DUE_DATE })
  @IsEnum(ActionSortField, { message: 'Choose what to sort by.' })
  field: ActionSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsEnum(SortDirection, { message: 'Choose a sort direction.' })
  direction: SortDirection;
}

@ArgsType()
export class ActionsArgs extends PageArgs {
  @Field(() => ActionFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ActionFilterInput)
  filter?: ActionFilterInput;
  @Field(() => ActionOrder, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => ActionOrder) orderBy?: ActionOrder;
}

@InputType()
export class CreateWorkPlanInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose a sub-group.' }) subGroupId: string;
  @Field(() => String) @Trim() @IsString() @IsNotEmpty({ message: 'Enter a title for the plan.' }) @MaxLength(200) title: string;
  @Field(() => String) @CalendarDate('Start of period') periodStart: string;
  @Field(() => String) @CalendarDate('End of period') periodEnd: string;
}

@InputType()
export class UpdateWorkPlanInput {
  @Field(() => ID) @IsUUID('all', { message: 'Work plan id must be an id.' }) id: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter a title for the plan.' })
  @MaxLength(200)
  title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @CalendarDate('Start of period') periodStart?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @CalendarDate('End of period') periodEnd?: string;
}

@InputType()
export class WorkPlanIdInput {
  @Field(() => ID) @IsUUID('all', { message: 'Work plan id must be an id.' }) workPlanId: string;
}

@InputType()
export class RollForwardInput {
  @Field(() => ID, { description: 'The plan whose open actions carry forward.' })
  @IsUUID('all', { message: 'Choose the plan to roll forward.' })
  fromWorkPlanId: string;
  @Field(() => String) @Trim() @IsString() @IsNotEmpty({ message: 'Enter a title for the new plan.' }) @MaxLength(200) title: string;
  @Field(() => String) @CalendarDate('Start of period') periodStart: string;
  @Field(() => String) @CalendarDate('End of period') periodEnd: string;
  @Field(() => Boolean, { defaultValue: true, description: 'Make the new plan active now, closing the old one.' })
  @IsBoolean()
  activate: boolean;
}

@InputType()
export class CreateObjectiveInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose a work plan.' }) workPlanId: string;
  @Field(() => String) @Trim() @IsString() @IsNotEmpty({ message: 'Enter the objective.' }) @MaxLength(500) title: string;
  @Field(() => String, { defaultValue: '' }) @IsString() @MaxLength(5000) description: string;
}

@InputType()
export class UpdateObjectiveInput {
  @Field(() => ID) @IsUUID('all', { message: 'Objective id must be an id.' }) id: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the objective.' })
  @MaxLength(500)
  title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @Field(() => Int, { nullable: true, description: 'Move to this place in the plan (1 is first).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'Position must be 1 or more.' })
  position?: number;
}

@InputType()
export class ActionFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the action.' })
  @MaxLength(500)
  title?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(10000) description?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Choose an owner.' }) ownerUserId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Choose a lead agency.' }) leadAgencyId?: string;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsUUID('all', { each: true, message: 'Supporting agencies must be agency ids.' })
  supportingAgencyIds?: string[];
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' })
  @IsOptional()
  @CalendarDate('Start date')
  startDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @CalendarDate('Due date') dueDate?: string;
  @Field(() => ActionStatus, { nullable: true }) @IsOptional() @IsEnum(ActionStatus, { message: 'Choose a status.' }) status?: ActionStatus;
  @Field(() => Rag, { nullable: true }) @IsOptional() @IsEnum(Rag, { message: 'Choose red, amber or green.' }) rag?: Rag;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) successMeasure?: string;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'Framework items must be ids.' })
  frameworkItemIds?: string[];
  @Field(() => Visibility, { nullable: true })
  @IsOptional()
  @IsEnum(Visibility, { message: 'Choose who can see this action.' })
  visibility?: Visibility;
  @Field(() => [ID], { nullable: true, description: 'Who may see it when the visibility is RESTRICTED (the secretariat always can).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'Named people must be user ids.' })
  restrictedUserIds?: string[];
}

@InputType()
export class CreateActionInput extends ActionFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose an objective.' }) objectiveId: string;
}

@InputType()
export class UpdateActionInput extends ActionFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Action id must be an id.' }) id: string;
  @Field(() => Int, { description: 'The version you last read.' }) @IsInt({ message: 'Version must be a whole number.' }) version: number;
  @Field(() => ID, { nullable: true, description: 'Move the action to another objective of the same plan.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose an objective.' })
  objectiveId?: string;
}

@InputType()
export class PostActionUpdateInput {
  @Field(() => ID) @IsUUID('all', { message: 'Action id must be an id.' }) actionId: string;
  @Field(() => Int, { description: 'The version you last read.' }) @IsInt({ message: 'Version must be a whole number.' }) version: number;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out. Not in the future.' })
  @IsOptional()
  @CalendarDate('Date of the update')
  updateDate?: string;
  @Field(() => String) @IsString() @IsNotEmpty({ message: 'Describe the progress made.' }) @MaxLength(10000) narrative: string;
  @Field(() => ActionStatus) @IsEnum(ActionStatus, { message: 'Choose a status.' }) status: ActionStatus;
  @Field(() => Rag) @IsEnum(Rag, { message: 'Choose red, amber or green.' }) rag: Rag;
}

@InputType()
export class ImportActionsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose a work plan.' }) workPlanId: string;
  @Field(() => String, { description: 'The CSV text; columns as in the import guide.' })
  @IsString()
  @IsNotEmpty({ message: 'Choose a CSV file to import.' })
  @MaxLength(2_000_000, { message: 'The file must be smaller than 2 MB.' })
  csv: string;
  @Field(() => Boolean, { defaultValue: true, description: 'Check only; write nothing.' }) @IsBoolean() dryRun: boolean;
}

@ObjectType('ImportCellError')
export class ImportCellErrorType {
  @Field(() => Int, { description: 'The row number as a spreadsheet shows it (the header is row 1).' }) row: number;
  @Field(() => String, { description: 'The column name, or empty for the whole row.' }) column: string;
  @Field(() => String) message: string;
}

@ObjectType('ImportResult')
export class ImportResultType {
  @Field(() => Boolean, { description: 'True when every row is valid.' }) valid: boolean;
  @Field(() => Boolean, { description: 'True when the actions were written (not a dry run, and valid).' }) imported: boolean;
  @Field(() => Int) rowCount: number;
  @Field(() => Int) actionsCreated: number;
  @Field(() => Int) objectivesCreated: number;
  @Field(() => [ImportCellErrorType]) errors: ImportCellErrorType[];
}
