import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import type { Scope } from '@pbw/db';
import { AnnualUpdateType, GenerateAnnualUpdateInput, UpdateAnnualUpdateInput } from './annual-update.dto';
import { AnnualUpdateService } from './annual-update.service';

@Resolver(() => AnnualUpdateType)
export class AnnualUpdateResolver {
  constructor(private readonly service: AnnualUpdateService) {}

  @Query(() => AnnualUpdateType, { nullable: true, description: 'A year’s annual update draft, if there is one (secretariat).' })
  annualUpdate(@CurrentScope() scope: Scope, @Args('period') period: string) {
    return this.service.get(scope, period);
  }

  @Mutation(() => AnnualUpdateType, { description: 'Drafts a year’s annual update from the workspace (secretariat).' })
  generateAnnualUpdate(@CurrentScope() scope: Scope, @Args('input') input: GenerateAnnualUpdateInput) {
    return this.service.generate(scope, input);
  }

  @Mutation(() => AnnualUpdateType, { description: 'Amends the annual update’s title or sections (secretariat).' })
  updateAnnualUpdate(@CurrentScope() scope: Scope, @Args('input') input: UpdateAnnualUpdateInput) {
    return this.service.update(scope, input);
  }
}
