import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Connection, PageArgs, SubGroupRole, Trim } from '@pbw/core';

registerEnumType(SubGroupRole, { name: 'SubGroupRole' });

@ObjectType('Board', { description: "The partnership's board, chaired by the lead member." })
export class BoardType {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) termsOfReference: string | null;
  @Field(() => ID, { nullable: true }) chairUserId: string | null;
}

@ObjectType('SubGroup')
export class SubGroupType {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String) remit: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('SubGroupMembership')
export class SubGroupMembershipType {
  @Field(() => ID) id: string;
  @Field(() => ID) subGroupId: string;
  @Field(() => ID) userId: string;
  @Field(() => SubGroupRole) role: SubGroupRole;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType()
export class SubGroupConnection extends Connection(SubGroupType, 'SubGroup') {}
@ObjectType()
export class SubGroupMembershipConnection extends Connection(SubGroupMembershipType, 'SubGroupMembership') {}

@InputType()
export class UpdateBoardInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the board name.' })
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  termsOfReference?: string;

  @Field(() => ID, { nullable: true, description: 'The board chair; null clears it.' })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a user as chair.' })
  chairUserId?: string | null;
}

@InputType()
export class CreateSubGroupInput {
  @Field(() => String)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the sub-group name.' })
  @MaxLength(200)
  name: string;

  @Field(() => String, { defaultValue: '' })
  @IsString()
  @MaxLength(20000)
  remit: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a user as chair.' })
  chairUserId?: string;
}

@InputType()
export class UpdateSubGroupInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Sub-group id must be an id.' })
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the sub-group name.' })
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  remit?: string;
}

@InputType()
export class SubGroupMemberInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Choose a sub-group.' })
  subGroupId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'Choose a user.' })
  userId: string;
}

@InputType()
export class AddSubGroupMemberInput extends SubGroupMemberInput {
  @Field(() => SubGroupRole, { defaultValue: SubGroupRole.MEMBER, description: 'CHAIR replaces the current chair, who stays as a member.' })
  @IsEnum(SubGroupRole, { message: 'Choose chair or member.' })
  role: SubGroupRole;
}

@InputType()
export class SubGroupFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Member must be a user id.' })
  memberUserId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@ArgsType()
export class SubGroupsArgs extends PageArgs {
  @Field(() => SubGroupFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubGroupFilter)
  filter?: SubGroupFilter;
}

@InputType()
export class MembershipFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Sub-group must be an id.' })
  subGroupId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'User must be an id.' })
  userId?: string;
}

@ArgsType()
export class MembershipsArgs extends PageArgs {
  @Field(() => MembershipFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MembershipFilter)
  filter?: MembershipFilter;
}
