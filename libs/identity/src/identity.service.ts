import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, requestOutboxSend } from '@pbw/queue';
import { APP_CONFIG, type AppConfig, PartnershipRole, type ConnectionShape, fieldError, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import type {
  AgenciesArgs,
  CreateAgencyInput,
  InviteUserInput,
  UpdateAgencyInput,
  UpdatePartnershipInput,
  UpdateUserInput,
  UsersArgs,
} from './identity.dto';
import { type AgencyEntity, AuthTokenKind, type PartnershipEntity, type UserEntity, UserStatus } from './identity.entities';
import { AgencyRepository, AuthTokenRepository, OutboxRepository, RefreshTokenRepository, UserRepository } from './identity.repositories';
import { PartnershipRepository } from './partnership.repository';
import { hashToken, newToken } from './secrets';

export interface IssuedToken {
  user: UserEntity;
  token: string;
  url: string;
  expiresAt: Date;
  /** The outbox message carrying the link, which the worker e-mails. */
  outboxMessageId: string;
}

/** Partnership set-up: the partnership's details, its agencies and its people. */
@Injectable()
export class IdentityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mutations: MutationRunner,
    private readonly partnerships: PartnershipRepository,
    private readonly agencies: AgencyRepository,
    private readonly users: UserRepository,
    private readonly authTokens: AuthTokenRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly outbox: OutboxRepository,
    // Absent where the service runs without queues (the demo loader).
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  async partnership(scope: Scope): Promise<PartnershipEntity> {
    const p = await this.partnerships.current(scope);
    if (!p) throw notFound('Partnership');
    return p;
  }

  updatePartnership(scope: Scope, input: UpdatePartnershipInput): Promise<PartnershipEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'partnership.update', async (tx) => {
      const p = await this.partnership(tx);
      const before = snapshot(p);
      if (input.name !== undefined) p.name = input.name;
      if (input.localAuthority !== undefined) p.localAuthority = input.localAuthority;
      if (input.description !== undefined) p.description = input.description || null;
      const saved = await this.partnerships.save(tx, p);
      return { result: saved, audit: { entityType: 'Partnership', entityId: p.id, before, after: snapshot(saved) } };
    });
  }

  // ---- agencies ----------------------------------------------------------------------

  listAgencies(scope: Scope, args: AgenciesArgs): Promise<ConnectionShape<AgencyEntity>> {
    return this.agencies.list(scope, args.filter, args);
  }

  async agency(scope: Scope, id: string): Promise<AgencyEntity> {
    const a = await this.agencies.findById(scope, id);
    if (!a) throw notFound('Agency');
    return a;
  }

  createAgency(scope: Scope, input: CreateAgencyInput): Promise<AgencyEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'agency.create', async (tx) => {
      await this.assertAgencyNameFree(tx, input.name, 'input.name');
      const a = await this.agencies.insert(tx, { name: input.name, sector: input.sector });
      return { result: a, audit: { entityType: 'Agency', entityId: a.id, before: null, after: snapshot(a) } };
    });
  }

  updateAgency(scope: Scope, input: UpdateAgencyInput): Promise<AgencyEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'agency.update', async (tx) => {
      const a = await this.agencies.lockById(tx, input.id);
      if (!a) throw notFound('Agency');
      const before = snapshot(a);
      if (input.name !== undefined && input.name.toLowerCase() !== a.name.toLowerCase()) {
        await this.assertAgencyNameFree(tx, input.name, 'input.name');
      }
      if (input.name !== undefined) a.name = input.name;
      if (input.sector !== undefined) a.sector = input.sector;
      const saved = await this.agencies.save(tx, a);
      return { result: saved, audit: { entityType: 'Agency', entityId: a.id, before, after: snapshot(saved) } };
    });
  }

  private async assertAgencyNameFree(tx: TxScope, name: string, path: string): Promise<void> {
    if (await this.agencies.findByName(tx, name)) throw fieldError(path, `An agency called ${name} already exists.`);
  }

  // ---- users -------------------------------------------------------------------------

  listUsers(scope: Scope, args: UsersArgs): Promise<ConnectionShape<UserEntity>> {
    return this.users.list(scope, args.filter, args);
  }

  async user(scope: Scope, id: string): Promise<UserEntity> {
    const u = await this.users.findById(scope, id);
    if (!u) throw notFound('User');
    return u;
  }

  inviteUser(scope: Scope, input: InviteUserInput): Promise<IssuedToken> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.emailed(
      this.mutations.run(scope, 'user.invite', async (tx) => {
        if (!(await this.agencies.findById(tx, input.agencyId)))
          throw fieldError('input.agencyId', 'Choose an agency from this partnership.');
        if (await this.users.findByEmail(tx, input.email)) {
          throw fieldError('input.email', 'Someone with this email address is already in the partnership.');
        }
        const user = await this.users.insert(tx, {
          email: input.email,
          name: input.name,
          jobTitle: input.jobTitle || null,
          agencyId: input.agencyId,
          role: input.role,
          status: UserStatus.INVITED,
          passwordHash: null,
        });
        const issued = await this.issueToken(tx, user, AuthTokenKind.INVITATION);
        return { result: issued, audit: { entityType: 'User', entityId: user.id, before: null, after: snapshot(user) } };
      }),
    );
  }

  resendInvitation(scope: Scope, userId: string): Promise<IssuedToken> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.emailed(
      this.mutations.run(scope, 'user.resendInvitation', async (tx) => {
        const user = await this.users.lockById(tx, userId);
        if (!user) throw notFound('User');
        if (user.status !== UserStatus.INVITED) {
          throw fieldError('input.userId', `${user.name} has already accepted their invitation.`);
        }
        const issued = await this.issueToken(tx, user, AuthTokenKind.INVITATION);
        return {
          result: issued,
          audit: { entityType: 'User', entityId: user.id, before: null, after: { invitationExpiresAt: issued.expiresAt.toISOString() } },
        };
      }),
    );
  }

  issuePasswordReset(scope: Scope, userId: string): Promise<IssuedToken> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.emailed(
      this.mutations.run(scope, 'user.issuePasswordReset', async (tx) => {
        const user = await this.users.lockById(tx, userId);
        if (!user) throw notFound('User');
        if (user.status !== UserStatus.ACTIVE) throw fieldError('input.userId', `${user.name} does not have an active account.`);
        const issued = await this.issueToken(tx, user, AuthTokenKind.PASSWORD_RESET);
        return {
          result: issued,
          audit: { entityType: 'User', entityId: user.id, before: null, after: { passwordResetExpiresAt: issued.expiresAt.toISOString() } },
        };
      }),
    );
  }

  updateUser(scope: Scope, input: UpdateUserInput): Promise<UserEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'user.update', async (tx) => {
      const user = await this.users.lockById(tx, input.id);
      if (!user) throw notFound('User');
      const before = snapshot(user);
      if (input.agencyId !== undefined) {
        if (!(await this.agencies.findById(tx, input.agencyId)))
          throw fieldError('input.agencyId', 'Choose an agency from this partnership.');
        user.agencyId = input.agencyId;
      }
      if (input.name !== undefined) user.name = input.name;
      if (input.jobTitle !== undefined) user.jobTitle = input.jobTitle || null;
      if (input.role !== undefined && input.role !== user.role) {
        if (user.role === PartnershipRole.SECRETARIAT) await this.assertNotLastSecretariat(tx, user, 'input.role');
        user.role = input.role;
      }
      const saved = await this.users.save(tx, user);
      return { result: saved, audit: { entityType: 'User', entityId: user.id, before, after: snapshot(saved) } };
    });
  }

  deactivateUser(scope: Scope, userId: string): Promise<UserEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'user.deactivate', async (tx) => {
      const user = await this.users.lockById(tx, userId);
      if (!user) throw notFound('User');
      if (user.status === UserStatus.DEACTIVATED) throw fieldError('input.userId', `${user.name} is already deactivated.`);
      if (user.role === PartnershipRole.SECRETARIAT) await this.assertNotLastSecretariat(tx, user, 'input.userId');
      const before = snapshot(user);
      user.status = UserStatus.DEACTIVATED;
      user.deactivatedAt = new Date();
      const saved = await this.users.save(tx, user);
      await this.refreshTokens.revokeAllForUser(tx, user.id);
      await this.authTokens.revokeOpen(tx, user.id, AuthTokenKind.INVITATION);
      await this.authTokens.revokeOpen(tx, user.id, AuthTokenKind.PASSWORD_RESET);
      return { result: saved, audit: { entityType: 'User', entityId: user.id, before, after: snapshot(saved) } };
    });
  }

  reactivateUser(scope: Scope, userId: string): Promise<UserEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'user.reactivate', async (tx) => {
      const user = await this.users.lockById(tx, userId);
      if (!user) throw notFound('User');
      if (user.status !== UserStatus.DEACTIVATED) throw fieldError('input.userId', `${user.name} is not deactivated.`);
      const before = snapshot(user);
      // Someone who never set a password goes back to invited; the secretariat resends the invitation.
      user.status = user.passwordHash ? UserStatus.ACTIVE : UserStatus.INVITED;
      user.deactivatedAt = null;
      const saved = await this.users.save(tx, user);
      return { result: saved, audit: { entityType: 'User', entityId: user.id, before, after: snapshot(saved) } };
    });
  }

  private async assertNotLastSecretariat(tx: TxScope, user: UserEntity, path: string): Promise<void> {
    if (user.status !== UserStatus.ACTIVE) return;
    // Two secretariats removed at once must not both count the other as the one who stays.
    await this.partnerships.lockCurrent(tx);
    if ((await this.users.countActiveSecretariat(tx)) <= 1) {
      throw fieldError(path, 'The partnership must keep at least one active secretariat user.');
    }
  }

  /**
   * Once the token's transaction has committed, asks the worker to e-mail it at once. Should
   * the request be lost, the hourly reconcile job sends any message still waiting.
   */
  async emailed(issuing: Promise<IssuedToken>): Promise<IssuedToken> {
    const issued = await issuing;
    await requestOutboxSend(this.reminders, { partnershipId: issued.user.partnershipId, messageId: issued.outboxMessageId });
    return issued;
  }

  /** Replaces any open token of the kind, writes the message to the outbox, and returns the token once. */
  async issueToken(tx: TxScope, user: UserEntity, kind: AuthTokenKind): Promise<IssuedToken> {
    await this.authTokens.revokeOpen(tx, user.id, kind);
    const token = newToken();
    const ttlMs =
      kind === AuthTokenKind.INVITATION ? this.config.invitationTtlDays * 86_400_000 : this.config.passwordResetTtlMinutes * 60_000;
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.authTokens.insert(tx, { userId: user.id, kind, tokenHash: hashToken(token), expiresAt });
    const partnership = await this.partnership(tx);
    const path = kind === AuthTokenKind.INVITATION ? 'accept-invitation' : 'reset-password';
    const url = `${this.config.publicUrl.replace(/\/$/, '')}/${path}?token=${encodeURIComponent(token)}`;
    const until = expiresAt.toUTCString();
    const message = await this.outbox.insert(tx, {
      kind,
      toEmail: user.email,
      link: url,
      subject:
        kind === AuthTokenKind.INVITATION
          ? `You are invited to the ${partnership.name} workspace`
          : `Reset your password for the ${partnership.name} workspace`,
      body:
        kind === AuthTokenKind.INVITATION
          ? `Hello ${user.name},\n\nYou have been invited to the ${partnership.name} workspace. Set your password here:\n${url}\n\nThis link works once and expires on ${until}.`
          : `Hello ${user.name},\n\nUse this link to set a new password:\n${url}\n\nThis link works once and expires on ${until}. If you did not ask for it, you can ignore this message.`,
    });
    return { user, token, url, expiresAt, outboxMessageId: message.id };
  }
}
