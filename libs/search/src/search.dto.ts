import { ArgsType, Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Connection, PageArgs, Trim } from '@pbw/core';

export enum SearchKindEnum {
  ACTION = 'ACTION',
  EVIDENCE = 'EVIDENCE',
  HIGHLIGHT_REPORT = 'HIGHLIGHT_REPORT',
  EVIDENCE_COMMENT = 'EVIDENCE_COMMENT',
  REPORT_COMMENT = 'REPORT_COMMENT',
}
registerEnumType(SearchKindEnum, { name: 'SearchKind' });

export enum SearchRecordKind {
  ACTION = 'ACTION',
  EVIDENCE = 'EVIDENCE',
  HIGHLIGHT_REPORT = 'HIGHLIGHT_REPORT',
}
registerEnumType(SearchRecordKind, { name: 'SearchRecordKind', description: 'The kind of record a search hit opens.' });

@ObjectType('SnippetPart', { description: 'A piece of a snippet: show `text` as written, emphasised when `highlight` is true.' })
export class SnippetPartType {
  @Field(() => String) text: string;
  @Field(() => Boolean) highlight: boolean;
}

@ObjectType('SearchHit')
export class SearchHitType {
  @Field(() => SearchKindEnum) kind: SearchKindEnum;
  @Field(() => ID, { description: 'The matching record (for a comment, the comment).' }) id: string;
  @Field(() => SearchRecordKind) recordKind: SearchRecordKind;
  @Field(() => ID, { description: 'The record to open: for a comment, the evidence or report it is on.' }) recordId: string;
  @Field(() => String) title: string;
  @Field(() => [SnippetPartType], { description: 'The best matching passage, with the matched words marked.' }) snippet: SnippetPartType[];
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType()
export class SearchHitConnection extends Connection(SearchHitType, 'SearchHit') {}

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field(() => String, { description: 'Words to find; "quoted phrases", OR and -excluded words work as in web search.' })
  @Trim()
  @IsString()
  @MinLength(2, { message: 'Enter at least 2 characters to search for.' })
  @MaxLength(200, { message: 'Search for 200 characters or fewer.' })
  query: string;

  @Field(() => [SearchKindEnum], { nullable: true, description: 'Only these kinds; all when empty.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(SearchKindEnum, { each: true, message: 'Choose kinds of record to search.' })
  kinds?: SearchKindEnum[];
}
