import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MutationRunner } from '@pbw/audit';
import { Scope } from '@pbw/db';
import type { ExpireInvitationsResult } from '@pbw/queue';
import { CredentialsRepository } from './credentials.repository';
import { AuthTokenRepository } from './identity.repositories';

/**
 * Marks unused invitations past their expiry as expired, one partnership at a time, with
 * an audit event per invitation. Safe to run twice: an expired token is not picked again.
 */
@Injectable()
export class InvitationExpiryService {
  constructor(
    private readonly ds: DataSource,
    private readonly credentials: CredentialsRepository,
    private readonly authTokens: AuthTokenRepository,
    private readonly mutations: MutationRunner,
  ) {}

  async expireStale(asOf: Date = new Date()): Promise<ExpireInvitationsResult> {
    const partnershipIds = await this.credentials.partnershipsWithStaleInvitations(asOf);
    let expired = 0;
    for (const partnershipId of partnershipIds) {
      expired += await this.mutations.run(Scope.system(partnershipId, this.ds), 'invitation.expire', async (tx) => {
        const tokens = await this.authTokens.expireStaleInvitations(tx, asOf);
        return {
          result: tokens.length,
          audit: tokens.map((t) => ({
            entityType: 'User',
            entityId: t.userId,
            before: { invitationExpiresAt: t.expiresAt.toISOString() },
            after: { invitationExpiredAt: asOf.toISOString() },
          })),
          allowNoChange: true,
        };
      });
    }
    return { expired, partnerships: partnershipIds.length };
  }
}
