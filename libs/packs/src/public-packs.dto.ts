import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PublishedBoardPack', {
  description: 'A board meeting’s published pack as anyone may read it: the public edition of its latest published version.',
})
export class PublishedBoardPackType {
  @Field(() => ID) meetingId: string;
  @Field(() => String) meetingTitle: string;
  @Field(() => GraphQLISODateTime) meetingStartsAt: Date;
  @Field(() => Int) version: number;
  @Field(() => GraphQLISODateTime) publishedAt: Date;
  @Field(() => Boolean, { description: 'Published after an earlier version: a supplement.' }) supplement: boolean;
  @Field(() => String, { nullable: true, description: 'For a supplement: what changed.' }) changeNote: string | null;
  @Field(() => Int, { description: 'Pages in the public edition.' }) pages: number;
  @Field(() => String, { description: 'Where the public edition downloads as PDF, with no sign-in.' }) downloadPath: string;
}

@ObjectType('PublishedBoardPacks', { description: 'A partnership’s published board packs, for anyone.' })
export class PublishedBoardPacksType {
  @Field(() => String) partnershipName: string;
  @Field(() => String) localAuthority: string;
  @Field(() => [PublishedBoardPackType], { description: 'Newest meeting first.' }) packs: PublishedBoardPackType[];
}
