import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim } from '@pbw/core';
import { Polarity } from '@pbw/commitments';
import { ImportCellErrorType, Rag } from '@pbw/workplans';
import { IndicatorFrequency, IndicatorUnit, ValueArea } from './indicators.entities';
import { Comparison, Trend } from './scoring';

registerEnumType(IndicatorUnit, { name: 'IndicatorUnit', description: 'Percentage, rate per 10,000 children, count, or days.' });
registerEnumType(IndicatorFrequency, { name: 'IndicatorFrequency' });
registerEnumType(ValueArea, { name: 'ValueArea', description: 'Ours (LOCAL) or a comparator.' });
registerEnumType(Trend, { name: 'Trend', description: 'Direction of travel, good or bad by the indicator’s polarity.' });
registerEnumType(Comparison, { name: 'Comparison', description: 'Ours against a comparator for the same period.' });

const Figure =
  (what: string, min = -1e12): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key);
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 }, { message: `${what} must be a number.` })(target, key);
    Min(min, { message: min === 0 ? `${what} cannot be negative.` : `${what} is too small.` })(target, key);
    Max(1e12, { message: `${what} is too large.` })(target, key);
  };

@ObjectType('Indicator', { description: 'A performance measure on the scorecard.' })
export class IndicatorType {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Short and unique in the partnership, e.g. CLA-RATE; the import names indicators by it.' })
  code: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'How it is counted, as the published statistics define it.' }) definition: string;
  @Field(() => IndicatorUnit) unit: IndicatorUnit;
  @Field(() => Polarity) polarity: Polarity;
  @Field(() => Float, { nullable: true }) target: number | null;
  @Field(() => Float, { description: 'How far short of the target (in the unit) is still amber.' }) amberTolerance: number;
  @Field(() => IndicatorFrequency) frequency: IndicatorFrequency;
  @Field(() => String, { description: 'Where the figures come from, e.g. "SSDA903 return".' }) source: string;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) retiredAt: Date | null;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType('Figure', { description: 'A figure, or the marker published instead of one (c, x, z, :, .., low ...).' })
export class FigureType {
  @Field(() => Float, { nullable: true, description: 'Null when missing or suppressed: never zero in its place.' }) value: number | null;
  @Field(() => String, { nullable: true }) marker: string | null;
}

@ObjectType('ComparatorFigure')
export class ComparatorFigureType {
  @Field(() => ValueArea) area: ValueArea;
  @Field(() => FigureType, { nullable: true, description: 'Null when no figure was recorded for the period.' }) figure: FigureType | null;
  @Field(() => Comparison) comparison: Comparison;
}

@ObjectType('IndicatorPeriod', { description: 'One period of an indicator: our figure and the comparators’.' })
export class IndicatorPeriodType {
  @Field(() => String, { description: 'YYYY-MM-DD' }) periodStart: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) periodEnd: string;
  @Field(() => String) label: string;
  @Field(() => FigureType, { nullable: true }) local: FigureType | null;
  @Field(() => FigureType, { nullable: true }) statisticalNeighbours: FigureType | null;
  @Field(() => FigureType, { nullable: true }) region: FigureType | null;
  @Field(() => FigureType, { nullable: true }) england: FigureType | null;
  @Field(() => String) commentary: string;
  @Field(() => Rag, { nullable: true, description: 'Against the target; null with no target or no figure.' }) rag: Rag | null;
}

@ObjectType('ScorecardRow', { description: 'An indicator’s latest figure, RAG and trend, with its series for a chart.' })
export class ScorecardRowType {
  @Field(() => IndicatorType) indicator: IndicatorType;
  @Field(() => IndicatorPeriodType, { nullable: true, description: 'The latest period with any figure of ours.' })
  latest: IndicatorPeriodType | null;
  @Field(() => Rag, { nullable: true }) rag: Rag | null;
  @Field(() => Trend, { description: 'The latest figure against the period before.' }) trend: Trend;
  @Field(() => String, { description: 'The trend in words, e.g. "Improving".' }) trendText: string;
  @Field(() => [ComparatorFigureType], { description: 'The latest period’s comparators.' }) comparators: ComparatorFigureType[];
  @Field(() => [IndicatorPeriodType], { description: 'Every period, oldest first.' }) series: IndicatorPeriodType[];
}

@ObjectType('IndicatorImportResult')
export class IndicatorImportResultType {
  @Field(() => Boolean, { description: 'True when every row is valid.' }) valid: boolean;
  @Field(() => Boolean, { description: 'True when the figures were written (not a dry run, and valid).' }) imported: boolean;
  @Field(() => Int) rowCount: number;
  @Field(() => Int, { description: 'Figures that are new (or would be, in a dry run).' }) created: number;
  @Field(() => Int, { description: 'Figures that replace a different one already stored.' }) updated: number;
  @Field(() => Int, { description: 'Rows that match what is stored.' }) unchanged: number;
  @Field(() => Int, { description: 'Rows stored as missing, with their marker.' }) missing: number;
  @Field(() => [ImportCellErrorType]) errors: ImportCellErrorType[];
}

@InputType()
export class IndicatorFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, {
    message: 'Code must be up to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  })
  code?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the indicator’s name.' })
  @MaxLength(200, { message: 'Name must be 200 characters or fewer.' })
  name?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Definition must be 5,000 characters or fewer.' })
  definition?: string;
  @Field(() => IndicatorUnit, { nullable: true }) @IsOptional() @IsEnum(IndicatorUnit, { message: 'Choose a unit.' }) unit?: IndicatorUnit;
  @Field(() => Polarity, { nullable: true })
  @IsOptional()
  @IsEnum(Polarity, { message: 'Choose whether higher or lower is better.' })
  polarity?: Polarity;
  @Field(() => Float, { nullable: true, description: 'Null clears it.' }) @Figure('Target') target?: number | null;
  @Field(() => Float, { nullable: true }) @Figure('Amber tolerance', 0) amberTolerance?: number;
  @Field(() => IndicatorFrequency, { nullable: true })
  @IsOptional()
  @IsEnum(IndicatorFrequency, { message: 'Choose how often it is reported.' })
  frequency?: IndicatorFrequency;
  @Field(() => ID, { nullable: true, description: 'The sub-group that owns it; null for none.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a sub-group.' })
  subGroupId?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500, { message: 'Source must be 500 characters or fewer.' })
  source?: string;
  @Field(() => [ID], { nullable: true, description: 'Principles and other framework items it evidences.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'Framework items must be ids.' })
  frameworkItemIds?: string[];
}

@InputType()
export class CreateIndicatorInput extends IndicatorFieldsInput {}

@InputType()
export class UpdateIndicatorInput extends IndicatorFieldsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Indicator id must be an id.' }) id: string;
  @Field(() => Int, { description: 'The version you read.' }) @IsInt({ message: 'Version must be a whole number.' }) version: number;
  @Field(() => Boolean, { nullable: true, description: 'True retires it from the scorecard; false brings it back.' })
  @IsOptional()
  @IsBoolean()
  retired?: boolean;
}

@InputType()
export class ImportIndicatorValuesInput {
  @Field(() => String, {
    description:
      'CSV, one row per indicator, period and area: time_period, time_identifier, geographic_level, indicator (the code), value; optional area_name and commentary.',
  })
  @IsString()
  @IsNotEmpty({ message: 'Choose a CSV file to import.' })
  @MaxLength(2_000_000, { message: 'The file must be smaller than 2 MB.' })
  csv: string;
  @Field(() => Boolean, { defaultValue: true, description: 'Check only; write nothing.' }) @IsBoolean() dryRun: boolean;
}

@InputType()
export class RecordIndicatorValueInput {
  @Field(() => ID) @IsUUID('all', { message: 'Indicator id must be an id.' }) indicatorId: string;
  @Field(() => ValueArea, { defaultValue: ValueArea.LOCAL })
  @IsEnum(ValueArea, { message: 'Choose whose figure this is.' })
  area: ValueArea;
  @Field(() => String, { description: 'As published statistics write it, e.g. 202425.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the period, for example 202425.' })
  @MaxLength(10, { message: 'The period must be 10 characters or fewer, for example 202425.' })
  timePeriod: string;
  @Field(() => String, { description: 'e.g. "Financial year", "Financial year Q2", "March".' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Say what kind of period it is, for example Financial year.' })
  @MaxLength(40, { message: 'The kind of period must be 40 characters or fewer, for example Financial year.' })
  timeIdentifier: string;
  @Field(() => String, { description: 'A number, or a marker such as x (not available) or c (suppressed).' })
  @IsString()
  @IsNotEmpty({ message: 'Give a figure, or a marker such as x (not available) or c (suppressed).' })
  @MaxLength(40, { message: 'The figure must be 40 characters or fewer.' })
  value: string;
  @Field(() => String, { nullable: true, description: 'Left out, the stored commentary stays.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'Commentary must be 5,000 characters or fewer.' })
  commentary?: string;
}
