import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trim } from '@pbw/core';

@ObjectType('AnnualUpdateSection')
export class AnnualSectionType {
  @Field(() => String) heading: string;
  @Field(() => String, { description: 'Plain text; a line starting "- " is a bullet.' }) body: string;
}

@ObjectType('AnnualUpdate', {
  description: 'A year’s corporate parenting annual update: a draft the secretariat amends, then exports as PDF.',
})
export class AnnualUpdateType {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'The financial year, as 2026-27.' }) period: string;
  @Field(() => String) title: string;
  @Field(() => [AnnualSectionType]) sections: AnnualSectionType[];
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) generatedAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@InputType()
export class GenerateAnnualUpdateInput {
  @Field(() => String, { description: 'The financial year, as 2026-27.' })
  @Matches(/^\d{4}-\d{2}$/, { message: 'Give the year as 2026-27.' })
  period: string;
  @Field(() => Boolean, { defaultValue: false, description: 'Replace an existing draft with a fresh one.' })
  @IsBoolean()
  replace: boolean;
}

@InputType()
export class AnnualSectionInput {
  @Field(() => String)
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Give each section a heading.' })
  @MaxLength(200, { message: 'A heading must be 200 characters or fewer.' })
  heading: string;
  @Field(() => String) @IsString() @MaxLength(50000, { message: 'A section must be 50000 characters or fewer.' }) body: string;
}

@InputType()
export class UpdateAnnualUpdateInput {
  @Field(() => ID) @IsUUID('all', { message: 'Annual update id must be an id.' }) id: string;
  @Field(() => Int) @IsInt({ message: 'Version must be a whole number.' }) version: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Give the update a title.' })
  @MaxLength(200, { message: 'The title must be 200 characters or fewer.' })
  title?: string;
  @Field(() => [AnnualSectionInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50, { message: 'Keep to 50 sections.' })
  @ValidateNested({ each: true })
  @Type(() => AnnualSectionInput)
  sections?: AnnualSectionInput[];
}
