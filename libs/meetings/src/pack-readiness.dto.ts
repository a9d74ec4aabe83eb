import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

export enum ContributionStatus {
  SUBMITTED = 'SUBMITTED',
  LATE = 'LATE',
  RETURNED = 'RETURNED',
  MISSING = 'MISSING',
}
registerEnumType(ContributionStatus, { name: 'ContributionStatus', description: 'Whether a report or paper for the pack is in.' });

@ObjectType('PackContribution', { description: 'One report or paper the pack expects, and whether it is in.' })
export class PackContributionType {
  @Field(() => ID) agendaItemId: string;
  @Field(() => String) number: string;
  @Field(() => String) title: string;
  @Field(() => String, { description: 'SUB_GROUP_REPORT or PAPER.' }) kind: string;
  @Field(() => ID, { nullable: true }) subGroupId: string | null;
  @Field(() => ID, { nullable: true, description: 'The highlight report, once there is one.' }) reportId: string | null;
  @Field(() => ID, { nullable: true, description: 'Who is to write it: the sub-group’s chair, or the paper’s author.' }) authorUserId:
    string | null;
  @Field(() => String, { nullable: true }) authorName: string | null;
  @Field(() => ContributionStatus) status: ContributionStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) submittedAt: Date | null;
}

@InputType()
export class AttachAgendaPaperInput {
  @Field(() => ID) @IsUUID('all', { message: 'Agenda item id must be an id.' }) agendaItemId: string;
  @Field(() => ID, { description: 'A PDF or other file you uploaded (POST /files).' })
  @IsUUID('all', { message: 'Choose an uploaded file.' })
  fileId: string;
}

@InputType()
export class RemindPackContributorsInput {
  @Field(() => ID) @IsUUID('all', { message: 'Meeting id must be an id.' }) meetingId: string;
  @Field(() => [ID], { nullable: true, description: 'These items’ authors; left out, everyone whose contribution is not in.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'Agenda items must be ids.' })
  agendaItemIds?: string[];
}
