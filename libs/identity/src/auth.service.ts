import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type Actor, type AppConfig, fieldError, rateLimited, unauthenticated } from '@pbw/core';
import { AccessTokenService } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import { Scope, type TxScope } from '@pbw/db';
import type { ChangePasswordInput, SetPasswordWithTokenInput, SignInInput } from './identity.dto';
import { AuthTokenKind, type UserEntity, UserStatus } from './identity.entities';
import { CredentialsRepository } from './credentials.repository';
import { RefreshTokenRepository, UserRepository } from './identity.repositories';
import { PartnershipRepository } from './partnership.repository';
import { IdentityService } from './identity.service';
import { assertPasswordAcceptable } from './password.policy';
import { hashPassword, hashToken, newToken, verifyPassword } from './secrets';

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserEntity;
}

const BAD_CREDENTIALS = 'Enter a correct email address and password.';

/** Signing in and out, refresh-token rotation, invitations and password resets. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly credentials: CredentialsRepository,
    private readonly partnerships: PartnershipRepository,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly identity: IdentityService,
    private readonly accessTokens: AccessTokenService,
  ) {}

  async signIn(input: SignInInput, address: string, requestId?: string): Promise<IssuedSession> {
    await this.assertNotThrottled(input.email, address);
    let candidates = (await this.credentials.usersByEmail(input.email)).filter((u) => u.status === UserStatus.ACTIVE);
    if (input.partnershipSlug) {
      const p = await this.partnerships.findBySlug(input.partnershipSlug);
      candidates = candidates.filter((u) => u.partnershipId === p?.id);
    }
    const matched: UserEntity[] = [];
    if (!candidates.length) await verifyPassword(null, input.password);
    for (const u of candidates) if (await verifyPassword(u.passwordHash, input.password)) matched.push(u);
    if (!matched.length) {
      await this.credentials.recordFailure(input.email, address);
      throw unauthenticated(BAD_CREDENTIALS);
    }
    if (matched.length > 1) {
      throw fieldError(
        'input.partnershipSlug',
        'Your email address is used in more than one partnership. Choose the partnership to sign in to.',
      );
    }
    const user = matched[0];
    await this.credentials.clearFailures(input.email);
    return this.mutations.run(this.scopeFor(user, requestId), 'session.signIn', async (tx) => ({
      result: await this.startSession(tx, user),
      audit: { entityType: 'User', entityId: user.id, before: null, after: { signedInAt: new Date().toISOString() } },
    }));
  }

  /**
   * Rotates a refresh token. Presenting one that was already spent means it was copied:
   * the whole family is revoked, so the thief and the owner are both signed out.
   */
  async refresh(refreshToken: string, requestId?: string): Promise<IssuedSession> {
    const outcome = await this.ds.transaction(async (m) => {
      const row = await this.credentials.refreshTokenByHash(m, hashToken(refreshToken));
      if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const user = await this.credentials.userById(m, row.userId);
      if (!user || user.status !== UserStatus.ACTIVE) return { kind: 'invalid' as const };
      return { kind: row.usedAt ? ('reused' as const) : ('ok' as const), row, user };
    });
    if (outcome.kind === 'invalid') throw unauthenticated('Your session has ended. Sign in again.');
    const { row, user } = outcome;
    const scope = this.scopeFor(user, requestId);
    if (outcome.kind === 'reused') {
      await this.mutations.run(scope, 'session.refreshReuseDetected', async (tx) => {
        await this.refreshTokens.revokeFamily(tx, row.familyId);
        return { result: null, audit: { entityType: 'User', entityId: user.id, before: null, after: { revokedFamily: row.familyId } } };
      });
      throw unauthenticated('Your session has ended. Sign in again.');
    }
    return this.mutations.run(scope, 'session.refresh', async (tx) => {
      const locked = await this.refreshTokens.lockById(tx, row.id);
      if (!locked || locked.usedAt || locked.revokedAt) throw unauthenticated('Your session has ended. Sign in again.');
      locked.usedAt = new Date();
      await this.refreshTokens.save(tx, locked);
      return {
        result: await this.startSession(tx, user, locked.familyId),
        audit: { entityType: 'User', entityId: user.id, before: null, after: { refreshedAt: new Date().toISOString() } },
      };
    });
  }

  async signOut(refreshToken: string, requestId?: string): Promise<boolean> {
    const row = await this.ds.transaction((m) => this.credentials.refreshTokenByHash(m, hashToken(refreshToken)));
    if (!row || row.revokedAt) return true;
    const user = await this.credentials.userById(this.ds.manager, row.userId);
    if (!user) return true;
    await this.mutations.run(this.scopeFor(user, requestId), 'session.signOut', async (tx) => {
      await this.refreshTokens.revokeFamily(tx, row.familyId);
      return {
        result: true,
        audit: { entityType: 'User', entityId: user.id, before: null, after: { signedOutAt: new Date().toISOString() } },
      };
    });
    return true;
  }

  acceptInvitation(input: SetPasswordWithTokenInput, requestId?: string): Promise<IssuedSession> {
    return this.useToken(input, AuthTokenKind.INVITATION, 'user.acceptInvitation', requestId);
  }

  resetPassword(input: SetPasswordWithTokenInput, requestId?: string): Promise<IssuedSession> {
    return this.useToken(input, AuthTokenKind.PASSWORD_RESET, 'user.resetPassword', requestId);
  }

  /** Always answers the same, so it cannot be used to find out who has an account. */
  async requestPasswordReset(email: string, requestId?: string): Promise<boolean> {
    const users = (await this.credentials.usersByEmail(email)).filter((u) => u.status === UserStatus.ACTIVE);
    for (const user of users) {
      const issuing = this.mutations.run(this.scopeFor(user, requestId), 'user.requestPasswordReset', async (tx) => {
        const issued = await this.identity.issueToken(tx, user, AuthTokenKind.PASSWORD_RESET);
        return {
          result: issued,
          audit: { entityType: 'User', entityId: user.id, before: null, after: { passwordResetExpiresAt: issued.expiresAt.toISOString() } },
        };
      });
      await this.identity.emailed(issuing);
    }
    return true;
  }

  changePassword(scope: Scope, input: ChangePasswordInput): Promise<IssuedSession> {
    return this.mutations.run(scope, 'user.changePassword', async (tx) => {
      const user = scope.actor.userId ? await this.users.lockById(tx, scope.actor.userId) : null;
      if (!user) throw unauthenticated();
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw fieldError('input.currentPassword', 'Your current password is not right.');
      }
      assertPasswordAcceptable(input.newPassword, 'input.newPassword', user.email);
      user.passwordHash = await hashPassword(input.newPassword);
      await this.users.save(tx, user);
      await this.refreshTokens.revokeAllForUser(tx, user.id);
      return {
        result: await this.startSession(tx, user),
        audit: { entityType: 'User', entityId: user.id, before: null, after: { passwordChangedAt: new Date().toISOString() } },
      };
    });
  }

  private async useToken(
    input: SetPasswordWithTokenInput,
    kind: AuthTokenKind,
    action: string,
    requestId?: string,
  ): Promise<IssuedSession> {
    const invalid =
      kind === AuthTokenKind.INVITATION
        ? 'This invitation link has expired or has already been used. Ask your board secretariat to send a new one.'
        : 'This password reset link has expired or has already been used. Ask for a new one.';
    const found = await this.ds.transaction((m) => this.credentials.authTokenByHash(m, hashToken(input.token), kind));
    if (!found) throw fieldError('input.token', invalid);
    const owner = await this.credentials.userById(this.ds.manager, found.userId);
    if (!owner) throw fieldError('input.token', invalid);
    return this.mutations.run(this.scopeFor(owner, requestId), action, async (tx) => {
      // Locked inside this transaction so two uses of one link cannot both succeed.
      const token = await this.credentials.authTokenByHash(tx.manager, hashToken(input.token), kind);
      if (!token || token.usedAt || token.revokedAt || token.expiredAt || token.expiresAt.getTime() <= Date.now()) {
        throw fieldError('input.token', invalid);
      }
      const user = await this.users.lockById(tx, token.userId);
      const expected = kind === AuthTokenKind.INVITATION ? UserStatus.INVITED : UserStatus.ACTIVE;
      if (!user || user.status !== expected) throw fieldError('input.token', invalid);
      assertPasswordAcceptable(input.password, 'input.password', user.email);
      const before = snapshot(user);
      user.passwordHash = await hashPassword(input.password);
      if (kind === AuthTokenKind.INVITATION) {
        user.status = UserStatus.ACTIVE;
        user.activatedAt = new Date();
      } else {
        await this.refreshTokens.revokeAllForUser(tx, user.id);
      }
      const saved = await this.users.save(tx, user);
      token.usedAt = new Date();
      await this.credentials.saveAuthToken(tx.manager, token);
      return {
        result: await this.startSession(tx, saved),
        audit: { entityType: 'User', entityId: user.id, before, after: snapshot(saved) },
      };
    });
  }

  private async startSession(tx: TxScope, user: UserEntity, familyId: string = randomUUID()): Promise<IssuedSession> {
    const refreshToken = newToken();
    const refreshTokenExpiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    await this.refreshTokens.insert(tx, {
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
    });
    const access = this.accessTokens.issue(user.id, user.partnershipId);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt, user };
  }

  private async assertNotThrottled(email: string, address: string): Promise<void> {
    const windowMs = this.config.signInWindowMinutes * 60_000;
    const since = new Date(Date.now() - windowMs);
    const checks: Array<['email' | 'address', string, number]> = [
      ['email', email, this.config.signInMaxFailuresPerAccount],
      ['address', address, this.config.signInMaxFailuresPerAddress],
    ];
    for (const [by, value, max] of checks) {
      const { count, oldest } = await this.credentials.failuresSince(by, value, since);
      if (count >= max) {
        const retryAfter = Math.max(1, Math.ceil(((oldest?.getTime() ?? Date.now()) + windowMs - Date.now()) / 1000));
        const minutes = Math.ceil(retryAfter / 60);
        throw rateLimited(
          by === 'email'
            ? `Too many failed sign-in attempts for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`
            : `Too many failed sign-in attempts from this network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
          retryAfter,
        );
      }
    }
  }

  /** The user acting on their own account, before they have (or while they renew) a session. */
  private scopeFor(user: UserEntity, requestId?: string): Scope {
    const actor: Actor = {
      userId: user.id,
      partnershipId: user.partnershipId,
      role: user.role,
      agencyId: user.agencyId,
      subGroups: new Map(),
    };
    return Scope.forActor(actor, this.ds, requestId);
  }
}
