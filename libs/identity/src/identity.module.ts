import { Module } from '@nestjs/common';
import { AccessTokenService, ACTOR_RESOLVER } from '@pbw/access';
import { AuditModule } from '@pbw/audit';
import { DbActorResolver } from './actor.resolver-impl';
import { AuthService } from './auth.service';
import { CredentialsRepository } from './credentials.repository';
import {
  AgencyRepository,
  AuthTokenRepository,
  MembershipRepository,
  OutboxRepository,
  RefreshTokenRepository,
  UserRepository,
} from './identity.repositories';
import { PartnershipRepository } from './partnership.repository';
import { AgencyResolver, PartnershipResolver, SessionResolver, UserResolver } from './identity.resolver';
import { IdentityService } from './identity.service';

const REPOSITORIES = [
  AgencyRepository,
  AuthTokenRepository,
  MembershipRepository,
  OutboxRepository,
  PartnershipRepository,
  RefreshTokenRepository,
  UserRepository,
  CredentialsRepository,
];

@Module({
  imports: [AuditModule],
  providers: [
    ...REPOSITORIES,
    IdentityService,
    AuthService,
    AccessTokenService,
    DbActorResolver,
    { provide: ACTOR_RESOLVER, useExisting: DbActorResolver },
    PartnershipResolver,
    AgencyResolver,
    UserResolver,
    SessionResolver,
  ],
  exports: [...REPOSITORIES, IdentityService, AccessTokenService, ACTOR_RESOLVER],
})
export class IdentityModule {}
