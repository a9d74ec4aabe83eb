import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import type { Scope } from '@pbw/db';
import { DeliveryMode, NotificationKind } from './notifications.entities';
import { EmailPreviewType, FailedJobType, ReminderRuleType, RetryFailedJobInput, SetReminderRuleInput } from './reminder-rules.dto';
import { ReminderRulesService } from './reminder-rules.service';

@Resolver(() => ReminderRuleType)
export class ReminderRulesResolver {
  constructor(private readonly service: ReminderRulesService) {}

  @Query(() => [ReminderRuleType], { description: 'The partnership’s reminder rules, each as set or at its default.' })
  reminderRules(@CurrentScope() scope: Scope) {
    return this.service.list(scope);
  }

  @Mutation(() => ReminderRuleType, { description: 'Changes one reminder rule (secretariat); what is left out stays as it was.' })
  setReminderRule(@CurrentScope() scope: Scope, @Args('input') input: SetReminderRuleInput) {
    return this.service.set(scope, input);
  }

  @Query(() => EmailPreviewType, { description: 'An e-mail of a kind as it would go out, with example wording (secretariat).' })
  emailPreview(
    @CurrentScope() scope: Scope,
    @Args('kind', { type: () => NotificationKind }) kind: NotificationKind,
    @Args('digest', { type: () => DeliveryMode, nullable: true, description: 'DAILY or WEEKLY for a digest.' })
    digest?: DeliveryMode | null,
  ) {
    return this.service.preview(scope, kind, digest === DeliveryMode.DAILY || digest === DeliveryMode.WEEKLY ? digest : null);
  }

  @Query(() => [FailedJobType], { description: 'Reminder and e-mail jobs that failed after their retries (secretariat).' })
  failedJobs(@CurrentScope() scope: Scope) {
    return this.service.failedJobs(scope);
  }

  @Mutation(() => FailedJobType, { description: 'Runs a failed job again (secretariat).' })
  retryFailedJob(@CurrentScope() scope: Scope, @Args('input') input: RetryFailedJobInput) {
    return this.service.retry(scope, input.id);
  }
}
