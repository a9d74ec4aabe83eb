import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn, type SelectQueryBuilder } from 'typeorm';
import { PartnershipRole, SubGroupRole, type Actor } from '@pbw/core';
import { Scope, ScopedRepository, Visibility, applyVisibility, createDataSource } from '@pbw/db';
import { createTestDatabase, type TestDatabase } from '@pbw/testing';

/** A stand-in for any record type with a visibility (evidence, actions, ...): the four columns DESIGN.md §3 needs. */
@Entity('visible_things')
class ThingEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'text' }) label: string;
  @Column({ type: 'text' }) visibility: Visibility;
  @Column({ name: 'sub_group_id', type: 'uuid', nullable: true }) subGroupId: string | null;
  @Column({ name: 'agency_id', type: 'uuid', nullable: true }) agencyId: string | null;
  @Column({ name: 'restricted_user_ids', type: 'uuid', array: true, default: () => "'{}'" }) restrictedUserIds: string[];
}

class ThingRepository extends ScopedRepository<ThingEntity> {
  protected readonly entity = ThingEntity;
  protected readonly alias = 't';
  protected override visible(scope: Scope, qb: SelectQueryBuilder<ThingEntity>) {
    return applyVisibility(qb, this.alias, scope);
  }
  async labels(scope: Scope): Promise<string[]> {
    return (await this.visible(scope, this.select(scope)).orderBy('t.label').getMany()).map((t) => t.label);
  }
}

describe('record visibility, applied in SQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const repo = new ThingRepository();
  const P = randomUUID();
  const OTHER = randomUUID();
  const SG = randomUUID();
  const AG = randomUUID();
  const NAMED = randomUUID();
  const ids: Record<string, string> = {};

  const actor = (a: Partial<Actor>): Actor => ({
    userId: randomUUID(),
    partnershipId: P,
    role: PartnershipRole.MEMBER,
    agencyId: randomUUID(),
    subGroups: new Map(),
    ...a,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource({ url: db.url, entities: [ThingEntity] }).initialize();
    await ds.query(`CREATE TABLE visible_things (
      id uuid PRIMARY KEY, partnership_id uuid NOT NULL, label text NOT NULL, visibility text NOT NULL,
      sub_group_id uuid, agency_id uuid, restricted_user_ids uuid[] NOT NULL DEFAULT '{}')`);
    const rows: Array<[string, string, Visibility, string | null, string | null, string[]]> = [
      ['everyone', P, Visibility.PARTNERSHIP, null, null, []],
      ['sub-group', P, Visibility.SUB_GROUP, SG, null, []],
      ['agency', P, Visibility.AGENCY, null, AG, []],
      ['restricted', P, Visibility.RESTRICTED, null, null, [NAMED]],
      ['other-partnership', OTHER, Visibility.PARTNERSHIP, null, null, []],
    ];
    for (const [label, pid, vis, sg, ag, named] of rows) {
      ids[label] = randomUUID();
      await ds.query(
        'INSERT INTO visible_things (id, partnership_id, label, visibility, sub_group_id, agency_id, restricted_user_ids) VALUES ($1,$2,$3,$4,$5,$6,$7)',
        [ids[label], pid, label, vis, sg, ag, named],
      );
    }
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('shows the secretariat everything in its partnership and nothing outside it', async () => {
    const s = Scope.forActor(actor({ role: PartnershipRole.SECRETARIAT }), ds);
    expect(await repo.labels(s)).toEqual(['agency', 'everyone', 'restricted', 'sub-group']);
  });

  it('shows a board member only partnership-wide records unless a narrower one includes them', async () => {
    expect(await repo.labels(Scope.forActor(actor({ role: PartnershipRole.BOARD_MEMBER }), ds))).toEqual(['everyone']);
  });

  it('shows sub-group records to its members, agency records to that agency, restricted records to the named', async () => {
    expect(await repo.labels(Scope.forActor(actor({ subGroups: new Map([[SG, SubGroupRole.MEMBER]]) }), ds))).toEqual([
      'everyone',
      'sub-group',
    ]);
    expect(await repo.labels(Scope.forActor(actor({ agencyId: AG }), ds))).toEqual(['agency', 'everyone']);
    expect(await repo.labels(Scope.forActor(actor({ userId: NAMED }), ds))).toEqual(['everyone', 'restricted']);
  });

  it('answers a hidden record exactly as a missing one', async () => {
    const s = Scope.forActor(actor({}), ds);
    expect(await repo.findById(s, ids['restricted'])).toBeNull();
    expect(await repo.findById(s, randomUUID())).toBeNull();
    expect(await repo.findById(s, ids['other-partnership'])).toBeNull();
    expect(await repo.findByIds(s, Object.values(ids))).toHaveLength(1);
  });

  it('filters in the SQL it sends, not after loading', async () => {
    const s = Scope.forActor(actor({}), ds);
    const sql = applyVisibility(ds.manager.createQueryBuilder(ThingEntity, 't'), 't', s).getQuery();
    expect(sql).toMatch(/visibility"? = 'SUB_GROUP'/);
    expect(sql).toContain('restricted_user_ids');
  });
});
