import { ArgsType, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsNumber,
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
import { ActionStatus, Rag, SortDirection } from '@pbw/workplans';
import { OfferArea, Polarity } from './commitments.entities';

registerEnumType(OfferArea, { name: 'OfferArea', description: 'The six areas of a local offer for care leavers, or OTHER.' });
registerEnumType(Polarity, { name: 'Polarity' });

export enum CommitmentSortField {
  TITLE = 'TITLE',
  DUE_DATE = 'DUE_DATE',
  REVIEW_DATE = 'REVIEW_DATE',
  UPDATED = 'UPDATED',
}
registerEnumType(CommitmentSortField, { name: 'CommitmentSortField' });

export enum OfferChangeKindEnum {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
}
registerEnumType(OfferChangeKindEnum, { name: 'OfferChangeKind' });

/** Measures are counts, percentages or money: large enough, and never NaN or infinite. */
const Measure =
  (what: string): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 }, { message: `${what} must be a number.` })(target, key);
    Min(-1e12, { message: `${what} is too small.` })(target, key);
    Max(1e12, { message: `${what} is too large.` })(target, key);
  };

@ObjectType('Progress', { description: 'How far the latest value has come from the baseline towards the target.' })
export class ProgressType {
  @Field(() => Int, { description: '0 to 100.' }) percent: number;
  @Field(() => Boolean) targetMet: boolean;
}

@ObjectType('Commitment', { description: 'A partner agency’s pledge, with its measure and progress.' })
export class CommitmentType {
  @Field(() => ID) id: string;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => OfferArea) offerArea: OfferArea;
  @Field(() => String) measure: string;
  @Field(() => String) unit: string;
  @Field(() => Float, { nullable: true }) baseline: number | null;
  @Field(() => Float, { nullable: true }) target: number | null;
  @Field(() => Polarity) polarity: Polarity;
  @Field(() => Float, { nullable: true, description: 'The value of the latest update that gave one.' }) currentValue: number | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) dueDate: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) reviewDate: string | null;
  @Field(() => ActionStatus) status: ActionStatus;
  @Field(() => Rag) rag: Rag;
  @Field(() => Visibility) visibility: Visibility;
  @Field(() => [ID]) restrictedUserIds: string[];
  @Field(() => Boolean) inLocalOffer: boolean;
  @Field(() => String, { nullable: true, description: 'How the local offer states it, in plain language.' }) offerWording: string | null;
  @Field(() => String, { nullable: true, description: 'Who is eligible, for the local offer.' }) offerEligibility: string | null;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastUpdateAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType()
export class CommitmentConnection extends Connection(CommitmentType, 'Commitment') {}

@ObjectType('CommitmentUpdate')
export class CommitmentUpdateType {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) updateDate: string;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => String) narrative: string;
  @Field(() => ActionStatus) status: ActionStatus;
  @Field(() => Rag) rag: Rag;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('AgencyCommitmentSummary', { description: 'One agency’s commitments that you may see, counted.' })
export class AgencyCommitmentSummaryType {
  agencyId: string;
  @Field(() => Int) total: number;
  @Field(() => Int) notStarted: number;
  @Field(() => Int) inProgress: number;
  @Field(() => Int) complete: number;
  @Field(() => Int) cancelled: number;
  @Field(() => Int, { description: 'Open and red.' }) red: number;
  @Field(() => Int) amber: number;
  @Field(() => Int) green: number;
  @Field(() => Int, { description: 'Open with a review date before today.' }) reviewOverdue: number;
  @Field(() => Int) inLocalOffer: number;
}

@ObjectType('LocalOfferItem', { description: 'A commitment as the published local offer states it.' })
export class LocalOfferItemType {
  @Field(() => ID) commitmentId: string;
  @Field(() => OfferArea) area: OfferArea;
  @Field(() => String) title: string;
  @Field(() => String) wording: string;
  @Field(() => String, { nullable: true }) eligibility: string | null;
  @Field(() => String, { description: 'The partner that provides it.' }) agencyName: string;
}

@ObjectType('LocalOfferArea')
export class LocalOfferAreaType {
  @Field(() => OfferArea) area: OfferArea;
  @Field(() => String) label: string;
  @Field(() => [LocalOfferItemType]) items: LocalOfferItemType[];
}

@ObjectType('LocalOfferChange', { description: 'What changed since the version before.' })
export class LocalOfferChangeType {
  @Field(() => OfferChangeKindEnum) kind: OfferChangeKindEnum;
  @Field(() => ID) commitmentId: string;
  @Field(() => String) title: string;
  @Field(() => OfferArea) area: OfferArea;
  @Field(() => [String], { description: 'For CHANGED: which of title, wording, eligibility, area and agency changed.' }) fields: string[];
}

@ObjectType('LocalOfferVersion', { description: 'A published local offer: numbered, and never changed afterwards.' })
export class LocalOfferVersionType {
  @Field(() => Int) number: number;
  @Field(() => GraphQLISODateTime) publishedAt: Date;
  @Field(() => String) introduction: string;
  @Field(() => [LocalOfferAreaType], { description: 'The six statutory areas in order, then any other.' }) areas: LocalOfferAreaType[];
  @Field(() => [LocalOfferChangeType]) changes: LocalOfferChangeType[];
}

@ObjectType('LocalOfferPreview', { description: 'What publishing now would publish, and what it would change.' })
export class LocalOfferPreviewType {
  @Field(() => Int, { description: 'The number the new version would have.' }) nextNumber: number;
  @Field(() => [LocalOfferAreaType]) areas: LocalOfferAreaType[];
  @Field(() => [LocalOfferChangeType]) changes: LocalOfferChangeType[];
}

@ObjectType('PublicLocalOffer', { description: 'A partnership’s published local offer, for anyone.' })
export class PublicLocalOfferType {
  @Field(() => String) partnershipName: string;
  @Field(() => String) localAuthority: string;
  @Field(() => LocalOfferVersionType) version: LocalOfferVersionType;
  @Field(() => [Int], { description: 'Every published version number, newest first.' }) versions: number[];
}

@InputType()
export class CommitmentFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'Agency must be an id.' }) agencyId?: string;
  @Field(() => OfferArea, { nullable: true })
  @IsOptional()
  @IsEnum(OfferArea, { message: 'Choose a local offer area.' })
  offerArea?: OfferArea;
  @Field(() => ID, { nullable: true, description: 'Tagged with this framework item (a principle or promise).' })
  @IsOptional()
  @IsUUID('all', { message: 'Framework item must be an id.' })
  frameworkItemId?: string;
  @Field(() => [ActionStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ActionStatus, { each: true, message: 'Choose statuses.' })
  statuses?: ActionStatus[];
  @Field(() => [Rag], { nullable: true, description: 'Open commitments with these RAGs.' })
  @IsOptional()
  @IsArray()
  @IsEnum(Rag, { each: true, message: 'Choose red, amber or green.' })
  rags?: Rag[];
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() inLocalOffer?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Open, with a review date before today.' })
  @IsOptional()
  @IsBoolean()
  reviewOverdue?: boolean;
  @Field(() => Int, { nullable: true, description: 'Open and due within this many days.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(366)
  dueWithinDays?: number;
  @Field(() => Boolean, { nullable: true, description: 'Only my agency’s.' }) @IsOptional() @IsBoolean() myAgency?: boolean;
}

@InputType()
export class CommitmentOrder {
  @Field(() => CommitmentSortField, { defaultValue: CommitmentSortField.TITLE })
  @IsEnum(CommitmentSortField, { message: 'Choose what to sort by.' })
  field: CommitmentSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsEnum(SortDirection, { message: 'Choose a sort direction.' })
  direction: SortDirection;
}

@ArgsType()
export class CommitmentsArgs extends PageArgs {
  @Field(() => CommitmentFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommitmentFilterInput)
  filter?: CommitmentFilterInput;
  @Field(() => CommitmentOrder, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => CommitmentOrder) orderBy?: CommitmentOrder;
}

@InputType()
export class CommitmentFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the commitment.' })
  @MaxLength(200, { message: 'Title must be 200 characters or fewer.' })
  title?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000, { message: 'Description must be 10,000 characters or fewer.' })
  description?: string;
  @Field(() => OfferArea, { nullable: true })
  @IsOptional()
  @IsEnum(OfferArea, { message: 'Choose a local offer area.' })
  offerArea?: OfferArea;
  @Field(() => String, { nullable: true, description: 'What is measured, e.g. "care leavers in apprenticeships".' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500, { message: 'Measure must be 500 characters or fewer.' })
  measure?: string;
  @Field(() => String, { nullable: true, description: 'e.g. "%", "people", "£".' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(50, { message: 'Unit must be 50 characters or fewer.' })
  unit?: string;
  @Field(() => Float, { nullable: true }) @Measure('Baseline') baseline?: number | null;
  @Field(() => Float, { nullable: true }) @Measure('Target') target?: number | null;
  @Field(() => Polarity, { nullable: true })
  @IsOptional()
  @IsEnum(Polarity, { message: 'Choose whether higher or lower is better.' })
  polarity?: Polarity;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' }) @IsOptional() @CalendarDate('Due date') dueDate?:
    string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' })
  @IsOptional()
  @CalendarDate('Review date')
  reviewDate?: string | null;
  @Field(() => ActionStatus, { nullable: true }) @IsOptional() @IsEnum(ActionStatus, { message: 'Choose a status.' }) status?: ActionStatus;
  @Field(() => Rag, { nullable: true }) @IsOptional() @IsEnum(Rag, { message: 'Choose red, amber or green.' }) rag?: Rag;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'Framework items must be ids.' })
  frameworkItemIds?: string[];
  @Field(() => Visibility, { nullable: true })
  @IsOptional()
  @IsEnum(Visibility, { message: 'Choose who can see this commitment.' })
  visibility?: Visibility;
  @Field(() => ID, { nullable: true, description: 'The sub-group that may see it, for SUB_GROUP visibility.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a sub-group.' })
  subGroupId?: string | null;
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'Named people must be user ids.' })
  restrictedUserIds?: string[];
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() inLocalOffer?: boolean;
  @Field(() => String, { nullable: true, description: 'Required when in the local offer: what a care leaver gets, in plain language.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000, { message: 'Local offer wording must be 2,000 characters or fewer.' })
  offerWording?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000, { message: 'Who is eligible must be 1,000 characters or fewer.' })
  offerEligibility?: string | null;
}

@InputType()
export class CreateCommitmentInput extends CommitmentFieldsInput {
  @Field(() => ID, { nullable: true, description: 'The owning agency: yours unless the secretariat chooses another.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose an agency.' })
  agencyId?: string;
}

@InputType()
export class UpdateCommitmentInput extends CommitmentFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Commitment id must be an id.' }) id: string;
  @Field(() => Int, { description: 'The version you read; a stale one answers CONFLICT with the current values.' })
  @IsInt({ message: 'Version must be a whole number.' })
  version: number;
}

@InputType()
export class PostCommitmentUpdateInput {
  @Field(() => ID) @IsUUID('all', { message: 'Commitment id must be an id.' }) commitmentId: string;
  @Field(() => Int, { description: 'The version you last read.' }) @IsInt({ message: 'Version must be a whole number.' }) version: number;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out. Not in the future.' })
  @IsOptional()
  @CalendarDate('Date of the update')
  updateDate?: string;
  @Field(() => Float, { nullable: true, description: 'The measure’s value on that date, if there is one.' }) @Measure('Value') value?:
    number | null;
  @Field(() => String)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Describe the progress made.' })
  @MaxLength(10000, { message: 'Narrative must be 10,000 characters or fewer.' })
  narrative: string;
  @Field(() => ActionStatus) @IsEnum(ActionStatus, { message: 'Choose a status.' }) status: ActionStatus;
  @Field(() => Rag) @IsEnum(Rag, { message: 'Choose red, amber or green.' }) rag: Rag;
}

@InputType()
export class PublishLocalOfferInput {
  @Field(() => String, { nullable: true, description: 'An introduction shown above the offer. Plain text.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(5000, { message: 'Introduction must be 5,000 characters or fewer.' })
  introduction?: string;
  @Field(() => Int, { description: 'The number the preview said the new version would have; a mismatch means someone published first.' })
  @IsInt({ message: 'Version number must be a whole number.' })
  @Min(1)
  expectedNumber: number;
}
