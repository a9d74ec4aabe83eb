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
}
