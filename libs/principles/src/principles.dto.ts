import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CalendarDate, Trim } from '@pbw/core';
import { Rating } from './self-assessment.entities';

registerEnumType(Rating, { name: 'Rating', description: 'Outstanding, good, requires improvement, inadequate.' });

export enum CoverageFlag {
  NO_ACTIVE_ACTION = 'NO_ACTIVE_ACTION',
  NO_EVIDENCE_IN_PERIOD = 'NO_EVIDENCE_IN_PERIOD',
}
registerEnumType(CoverageFlag, {
  name: 'CoverageFlag',
  description: 'A gap: no active action behind the item, or no evidence in the period.',
});

const PERIOD = /^\d{4}-\d{2}$/;
const periodMessage = 'Period must be a financial year like 2025-26.';

@ObjectType('SelfAssessment', { description: 'How well the partnership delivers against one principle in one financial year.' })
export class SelfAssessmentType {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'A financial year, e.g. 2025-26.' }) period: string;
  @Field(() => Rating) rating: Rating;
  @Field(() => String) narrative: string;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType('CoverageRow', { description: 'One principle (or framework item) against the work behind it.' })
export class CoverageRowType {
  frameworkItemId: string;
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => Int, { description: 'Active actions (open, in active plans), red.' }) red: number;
  @Field(() => Int) amber: number;
  @Field(() => Int) green: number;
  @Field(() => Int, { description: 'All active actions.' }) activeActions: number;
  @Field(() => Int, { description: 'Commitments not cancelled.' }) commitments: number;
  @Field(() => Int, { description: 'Evidence submitted in the period.' }) evidence: number;
  @Field(() => Int, { description: 'Indicators in use.' }) indicators: number;
  @Field(() => [CoverageFlag]) flags: CoverageFlag[];
  @Field(() => String, { description: 'The gaps in words, e.g. "No active action and no evidence in this period"; empty with none.' })
  gapSummary: string;
  selfAssessmentId: string | null;
}

@ObjectType('Coverage', { description: 'A framework’s items against the partnership’s work, for one financial year.' })
export class CoverageType {
  frameworkId: string;
  @Field(() => String, { description: 'The financial year whose self-assessments are shown.' }) period: string;
  @Field(() => String, { description: 'YYYY-MM-DD: the first London day of the evidence counted.' }) from: string;
  @Field(() => String, { description: 'YYYY-MM-DD: the last London day of the evidence counted.' }) to: string;
  @Field(() => [CoverageRowType]) rows: CoverageRowType[];
}

@ArgsType()
export class CoverageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'A financial year, e.g. 2025-26: whose self-assessments are shown, and the evidence dates unless from or to narrow them. ' +
      'Left out: the year `to` falls in, else the year `from` falls in, else the current one (in London).',
  })
  @IsOptional()
  @Matches(PERIOD, { message: periodMessage })
  period?: string;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: evidence submitted on or after this London day; the period’s first day when left out.',
  })
  @IsOptional()
  @CalendarDate('From')
  from?: string;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: evidence submitted on or before this London day; the period’s last day when left out.',
  })
  @IsOptional()
  @CalendarDate('To')
  to?: string;
  @Field(() => ID, { nullable: true, description: 'The framework; the statutory principles when left out.' })
  @IsOptional()
  @IsUUID('all', { message: 'Framework must be an id.' })
  frameworkId?: string;
}

@ArgsType()
export class SelfAssessmentsArgs {
  @Field(() => String, { description: 'A financial year, e.g. 2025-26.' }) @Matches(PERIOD, { message: periodMessage }) period: string;
  @Field(() => ID, { nullable: true, description: 'Only this framework’s items.' })
  @IsOptional()
  @IsUUID('all', { message: 'Framework must be an id.' })
  frameworkId?: string;
}

const Ids =
  (what: string): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(100)(target, key);
    IsUUID('all', { each: true, message: `${what} must be ids.` })(target, key);
  };

@InputType()
export class SaveSelfAssessmentInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose a principle.' }) frameworkItemId: string;
  @Field(() => String, { description: 'A financial year, e.g. 2025-26.' }) @Matches(PERIOD, { message: periodMessage }) period: string;
  @Field(() => Rating) @IsEnum(Rating, { message: 'Choose a rating.' }) rating: Rating;
  @Field(() => String)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Say how well the partnership delivers against it, and why.' })
  @MaxLength(20000, { message: 'The narrative must be 20,000 characters or fewer.' })
  narrative: string;
  @Field(() => Int, { nullable: true, description: 'The version you read; leave it out only for a new self-assessment.' })
  @IsOptional()
  @IsInt({ message: 'Version must be a whole number.' })
  version?: number;
  @Field(() => [ID], { nullable: true }) @Ids('Evidence') evidenceIds?: string[];
  @Field(() => [ID], { nullable: true }) @Ids('Actions') actionIds?: string[];
  @Field(() => [ID], { nullable: true }) @Ids('Commitments') commitmentIds?: string[];
  @Field(() => [ID], { nullable: true }) @Ids('Indicators') indicatorIds?: string[];
}
