import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import type { Scope } from '@pbw/db';
import { SearchArgs, SearchHitConnection, SearchHitType } from './search.dto';
import { SearchService } from './search.service';

@Resolver(() => SearchHitType)
export class SearchResolver {
  constructor(private readonly service: SearchService) {}

  @Query(() => SearchHitConnection, {
    description: 'Finds actions, evidence, highlight reports and comments you may see, best match first, with marked snippets.',
  })
  search(@CurrentScope() scope: Scope, @Args() args: SearchArgs) {
    return this.service.search(scope, args);
  }
}
