import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrossPartnershipRepository } from '@pbw/db';
import { FileEntity } from './files.entities';

/** The clean-up sweep's one cross-partnership question: which partnerships have files to purge. */
@Injectable()
export class UnattachedFilesRepository extends CrossPartnershipRepository<FileEntity> {
  protected readonly entity = FileEntity;
  protected readonly alias = 'f';

  constructor(ds: DataSource) {
    super(ds);
  }

  async partnershipsWithUnattachedBefore(cutoff: Date): Promise<string[]> {
    const rows = await this.unscopedSelect()
      .select('DISTINCT f.partnership_id', 'pid')
      .where('NOT f.attached AND f.created_at < :cutoff', { cutoff })
      .getRawMany<{ pid: string }>();
    return rows.map((r) => r.pid);
  }
}
