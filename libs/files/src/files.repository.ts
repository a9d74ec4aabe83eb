import { Injectable } from '@nestjs/common';
import { ScopedRepository, type TxScope } from '@pbw/db';
import { FileEntity } from './files.entities';

@Injectable()
export class FileRepository extends ScopedRepository<FileEntity> {
  protected readonly entity = FileEntity;
  protected readonly alias = 'f';

  async setAttached(tx: TxScope, ids: readonly string[], attached: boolean): Promise<void> {
    if (!ids.length) return;
    const rows = await this.select(tx).andWhere('f.id IN (:...ids)', { ids }).setLock('pessimistic_write').getMany();
    for (const f of rows) {
      if (f.attached === attached) continue;
      f.attached = attached;
      await this.save(tx, f);
    }
  }

  /**
   * Removes the partnership's files uploaded before `cutoff` and never attached, and
   * answers them. Rows are locked first and skipped if someone holds them (an attach in
   * progress), so a file is never purged from under a record that is taking it.
   */
  async purgeUnattached(tx: TxScope, cutoff: Date, limit: number): Promise<FileEntity[]> {
    const rows = await this.select(tx)
      .andWhere('NOT f.attached AND f.created_at < :cutoff', { cutoff })
      .orderBy('f.created_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    for (const f of rows) await this.remove(tx, { ...f });
    return rows;
  }
}
