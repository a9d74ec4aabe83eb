import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CrossPartnershipRepository } from '@pbw/db';
import { AuthTokenEntity, AuthTokenKind, RefreshTokenEntity, SignInFailureEntity, UserEntity } from './identity.entities';

/**
 * Lookups made before the caller's partnership is known: an email at sign-in, or a token
 * presented by its hash. Each returns the row with its partnership so the caller can
 * switch to a proper scope straight away.
 */
@Injectable()
export class CredentialsRepository extends CrossPartnershipRepository<UserEntity> {
  protected readonly entity = UserEntity;
  protected readonly alias = 'u';

  constructor(ds: DataSource) {
    super(ds);
  }

  usersByEmail(email: string): Promise<UserEntity[]> {
    return this.unscopedSelect().where('u.email = :email', { email: email.toLowerCase() }).getMany();
  }

  /** Locks the token row so two concurrent uses cannot both succeed. */
  authTokenByHash(m: EntityManager, hash: string, kind: AuthTokenKind): Promise<AuthTokenEntity | null> {
    return m
      .createQueryBuilder(AuthTokenEntity, 't')
      .where('t.token_hash = :hash AND t.kind = :kind', { hash, kind })
      .setLock('pessimistic_write')
      .getOne();
  }

  refreshTokenByHash(m: EntityManager, hash: string): Promise<RefreshTokenEntity | null> {
    return m.createQueryBuilder(RefreshTokenEntity, 'rt').where('rt.token_hash = :hash', { hash }).setLock('pessimistic_write').getOne();
  }

  saveAuthToken(m: EntityManager, token: AuthTokenEntity): Promise<AuthTokenEntity> {
    return m.getRepository(AuthTokenEntity).save(token);
  }

  userById(m: EntityManager, id: string): Promise<UserEntity | null> {
    return m.createQueryBuilder(UserEntity, 'u').where('u.id = :id', { id }).getOne();
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await this.ds.manager.getRepository(SignInFailureEntity).insert({ email: email.toLowerCase(), address });
  }

  /** Failures inside the window, with the oldest one's time so a retry time can be given. */
  async failuresSince(by: 'email' | 'address', value: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const row = await this.ds.manager
      .createQueryBuilder(SignInFailureEntity, 'f')
      .select('count(*)::int', 'count')
      .addSelect('min(f.at)', 'oldest')
      .where(`f.${by} = :value AND f.at >= :since`, { value: by === 'email' ? value.toLowerCase() : value, since })
      .getRawOne<{ count: number; oldest: Date | null }>();
    return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
  }

  async clearFailures(email: string): Promise<void> {
    await this.ds.manager.getRepository(SignInFailureEntity).delete({ email: email.toLowerCase() });
  }

  /** Which partnerships have unused invitations past their expiry: the sweep then works partnership by partnership. */
  async partnershipsWithStaleInvitations(asOf: Date): Promise<string[]> {
    const rows = await this.ds.manager
      .createQueryBuilder(AuthTokenEntity, 't')
      .select('DISTINCT t.partnership_id', 'pid')
      .where('t.kind = :kind AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expired_at IS NULL AND t.expires_at < :asOf', {
        kind: AuthTokenKind.INVITATION,
        asOf,
      })
      .getRawMany<{ pid: string }>();
    return rows.map((r) => r.pid);
  }
}
