import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import GraphQLJSON from './json.scalar';
import { Connection, PageArgs } from '@pbw/core';

@ObjectType('AuditEvent', { description: 'Who did what to which record, when, with the change. Append-only.' })
export class AuditEventType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: 'null when the system acted (a scheduled job).' })
  actorUserId: string | null;

  @Field(() => String, { description: 'For example agency.create or user.deactivate.' })
  action: string;

  @Field(() => String)
  entityType: string;

  @Field(() => ID)
  entityId: string;

  @Field(() => GraphQLJSON, { nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSON, { nullable: true })
  after: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => GraphQLISODateTime)
  occurredAt: Date;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventType, 'AuditEvent') {}

@InputType()
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'For example Agency, User, SubGroup.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]+$/, { message: 'Entity type must be a record type name such as Agency.' })
  @MaxLength(60)
  entityType?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Entity id must be an id.' })
  entityId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Actor must be a user id.' })
  actorUserId?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'On or after this time.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Before this time.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilter)
  filter?: AuditEventFilter;
}
