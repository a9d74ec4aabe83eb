import { Args, Query, Resolver } from '@nestjs/graphql';
import { AccessPolicy, CurrentScope } from '@pbw/access';
import type { Scope } from '@pbw/db';
import { AuditEventConnection, AuditEventsArgs, AuditEventType } from './audit.dto';
import { AuditRepository } from './audit.repository';

@Resolver(() => AuditEventType)
export class AuditResolver {
  constructor(private readonly audit: AuditRepository) {}

  @Query(() => AuditEventConnection, { description: "The partnership's audit log, newest first. Secretariat only." })
  async auditEvents(@CurrentScope() scope: Scope, @Args() args: AuditEventsArgs): Promise<AuditEventConnection> {
    AccessPolicy.assert(AccessPolicy.canReadAudit(scope.actor), 'Only the board secretariat can read the audit log.');
    return this.audit.list(scope, args);
  }
}
