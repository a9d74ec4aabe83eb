import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { PackStatus } from './packs.entities';

registerEnumType(PackStatus, { name: 'PackStatus' });

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
}

@InputType()
export class CompilePackInput {
  @Field(() => ID) @IsUUID('all', { message: 'Meeting id must be an id.' }) meetingId: string;
}

@InputType()
export class PackIdInput {
  @Field(() => ID) @IsUUID('all', { message: 'Board pack id must be an id.' }) id: string;
}
