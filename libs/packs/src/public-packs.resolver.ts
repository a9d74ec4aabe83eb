import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@pbw/access';
import { PublishedBoardPacksType } from './public-packs.dto';
import { PublicPacksService } from './public-packs.service';

@Resolver(() => PublishedBoardPacksType)
export class PublicPacksResolver {
  constructor(private readonly service: PublicPacksService) {}

  @Public()
  @Query(() => PublishedBoardPacksType, {
    description: 'A partnership’s published board packs, for anyone: each meeting’s latest published public edition, newest first.',
  })
  publishedBoardPacks(@Args('partnershipSlug', { type: () => String }) slug: string) {
    return this.service.list(slug);
  }
}
