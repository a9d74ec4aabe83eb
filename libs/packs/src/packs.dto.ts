import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '@pbw/core';
import { FindingKind } from './personal-data';
import { PackStatus } from './packs.entities';

registerEnumType(PackStatus, { name: 'PackStatus' });
registerEnumType(FindingKind, { name: 'PersonalDataKind', description: 'A kind of likely personal data.' });

@ObjectType('BoardPack', { description: 'One compile of a meeting’s board pack: a version, never changed once done.' })
export class BoardPackType {
  @Field(() => ID) id: string;
  @Field(() => ID) meetingId: string;
  @Field(() => Int) version: number;
  @Field(() => PackStatus) status: PackStatus;
  @Field(() => Int, { description: 'Percent done.' }) progress: number;
  @Field(() => String, { description: 'What the compile is doing now.' }) step: string;
  @Field(() => String, { nullable: true, description: 'Why it failed.' }) error: string | null;
  @Field(() => String, { nullable: true }) membersSha256: string | null;
  @Field(() => Int, { nullable: true }) membersPages: number | null;
  @Field(() => String, { nullable: true }) publicSha256: string | null;
  @Field(() => Int, { nullable: true }) publicPages: number | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) publishedAt: Date | null;
  @Field(() => Boolean, { description: 'Published after an earlier version: a supplement.' }) supplement: boolean;
  @Field(() => String, { nullable: true, description: 'For a supplement: what changed.' }) changeNote: string | null;
  @Field(() => Int, { description: 'Likely personal data in the public edition not yet cleared.' }) openFindings: number;
  @Field(() => String, {
    nullable: true,
    description: 'A link that downloads the members’ edition for you for the next few minutes, where you may have it.',
  })
  membersDownloadUrl: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'A link that downloads the public edition for you for the next few minutes, where you may have it.',
  })
  publicDownloadUrl: string | null;
}

@ObjectType('PackFinding', {
  description: 'Likely personal data in a public edition, with its place; cleared by the secretariat or fixed at source.',
})
export class PackFindingType {
  @Field(() => ID) id: string;
  @Field(() => FindingKind) kind: FindingKind;
  @Field(() => Int) page: number;
  @Field(() => String) match: string;
  @Field(() => String, { description: 'The words around it on the page.' }) context: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) clearedAt: Date | null;
  @Field(() => String, { nullable: true }) clearNote: string | null;
}

@InputType()
export class ClearPackFindingInput {
  @Field(() => ID) @IsUUID('all', { message: 'Finding id must be an id.' }) id: string;
  @Field(() => String, { description: 'Why it may be published (for example: a council switchboard number).' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'Say why this may be published.' })
  @MaxLength(1000, { message: 'The reason must be 1000 characters or fewer.' })
  note: string;
}

@InputType()
export class PublishPackInput {
  @Field(() => ID) @IsUUID('all', { message: 'Board pack id must be an id.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Required for a supplement: what changed since the version published before.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000, { message: 'The note must be 2000 characters or fewer.' })
  changeNote?: string;
}

@InputType()
export class SetPersonalDataNamesInput {
  @Field(() => [String], { description: 'Names for the personal-data check to look for; replaces the list.' })
  @IsArray()
  @ArrayMaxSize(2000, { message: 'Keep at most 2000 names.' })
  @IsString({ each: true })
  @MinLength(2, { each: true, message: 'Each name must be at least 2 characters.' })
  @MaxLength(200, { each: true, message: 'Each name must be 200 characters or fewer.' })
  names: string[];
}

@InputType()
export class CompilePackInput {
  @Field(() => ID) @IsUUID('all', { message: 'Meeting id must be an id.' }) meetingId: string;
}

@InputType()
export class PackIdInput {
  @Field(() => ID) @IsUUID('all', { message: 'Board pack id must be an id.' }) id: string;
}
