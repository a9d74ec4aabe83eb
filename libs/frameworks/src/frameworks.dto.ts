import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Connection, PageArgs, Trim } from '@pbw/core';
import { FrameworkKind } from './frameworks.entities';

registerEnumType(FrameworkKind, { name: 'FrameworkKind' });

@ObjectType('Framework', {
  description: 'A list that work is tagged against: the statutory principles, or the partnership’s promises, outcome areas or priorities.',
})
export class FrameworkType {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => FrameworkKind) kind: FrameworkKind;
  @Field(() => String) description: string;
  @Field(() => Boolean, { description: 'The statutory principles: read-only.' }) builtIn: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true }) retiredAt: Date | null;
}

@ObjectType('FrameworkItem')
export class FrameworkItemType {
  @Field(() => ID) id: string;
  @Field(() => ID) frameworkId: string;
  @Field(() => String) code: string;
  @Field(() => String) title: string;
  @Field(() => String) description: string;
  @Field(() => Number) position: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) retiredAt: Date | null;
}

@ObjectType()
export class FrameworkConnection extends Connection(FrameworkType, 'Framework') {}

@ArgsType()
export class FrameworksArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false })
  @IsBoolean()
  includeRetired: boolean;
}

@InputType()
export class CreateFrameworkInput {
  @Field(() => String)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter a name for the framework.' })
  @MaxLength(200)
  name: string;

  @Field(() => FrameworkKind)
  @IsEnum(FrameworkKind, { message: 'Choose what kind of framework this is.' })
  kind: FrameworkKind;

  @Field(() => String, { defaultValue: '' })
  @IsString()
  @MaxLength(5000)
  description: string;
}

@InputType()
export class UpdateFrameworkInput {
  @Field(() => ID) @IsUUID('all', { message: 'Framework id must be an id.' }) id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter a name for the framework.' })
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

@InputType()
export class CreateFrameworkItemInput {
  @Field(() => ID) @IsUUID('all', { message: 'Choose a framework.' }) frameworkId: string;

  @Field(() => String, { description: 'A short code such as P1 or OA-3, unique in the framework.' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter a code, such as P1.' })
  @MaxLength(20)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'Code must be letters, numbers, dots, dashes or underscores, such as P1.' })
  code: string;

  @Field(() => String)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the wording.' })
  @MaxLength(1000)
  title: string;

  @Field(() => String, { defaultValue: '' })
  @IsString()
  @MaxLength(5000)
  description: string;
}

@InputType()
export class UpdateFrameworkItemInput {
  @Field(() => ID) @IsUUID('all', { message: 'Item id must be an id.' }) id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the wording.' })
  @MaxLength(1000)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

@InputType()
export class IdInput {
  @Field(() => ID) @IsUUID('all', { message: 'Id must be an id.' }) id: string;
}

@ObjectType()
export class RemoveFrameworkItemResult {
  @Field(() => Boolean, { description: 'True when the item was in use and so was retired instead of deleted.' }) retired: boolean;
  @Field(() => FrameworkItemType, { nullable: true, description: 'The retired item; null when it was deleted.' })
  item: FrameworkItemType | null;
}
