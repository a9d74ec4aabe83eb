import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, LOGGER, type Logger } from '@pbw/core';
import { MutationRunner, snapshot } from '@pbw/audit';
import { Scope } from '@pbw/db';
import type { PurgeUnattachedFilesResult } from '@pbw/queue';
import { FILE_STORAGE, type FileStorage } from './file-storage';
import { UnattachedFilesRepository } from './file-cleanup.repository';
import { FileRepository } from './files.repository';

/** At most this many files per partnership per transaction, so one sweep never holds long locks. */
const BATCH = 200;

/**
 * Deletes uploads nobody attached (an abandoned form, a removed attachment) once they are
 * FILE_UNATTACHED_HOURS old: the row and its audit event commit together, then the bytes
 * go. Safe to run twice: a purged file is not found again, and deleting missing bytes is
 * not an error.
 */
@Injectable()
export class FileCleanupService {
  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly sweep: UnattachedFilesRepository,
    private readonly files: FileRepository,
    private readonly mutations: MutationRunner,
  ) {}

  async purge(
    uploadedBefore: Date = new Date(Date.now() - this.config.fileUnattachedHours * 3_600_000),
  ): Promise<PurgeUnattachedFilesResult> {
    const partnershipIds = await this.sweep.partnershipsWithUnattachedBefore(uploadedBefore);
    let deleted = 0;
    for (const partnershipId of partnershipIds) {
      for (;;) {
        const purged = await this.mutations.run(Scope.system(partnershipId, this.ds), 'file.purge', async (tx) => {
          const rows = await this.files.purgeUnattached(tx, uploadedBefore, BATCH);
          return {
            result: rows,
            audit: rows.map((f) => ({ entityType: 'File', entityId: f.id, before: snapshot(f, ['storageKey']), after: null })),
            allowNoChange: true,
          };
        });
        for (const f of purged) {
          try {
            await this.storage.delete(f.storageKey);
          } catch (err) {
            // The row is gone, so nothing can reach the bytes; a stray file is only wasted space.
            this.logger.error({ err, fileId: f.id }, 'could not delete a purged file from storage');
          }
        }
        deleted += purged.length;
        if (purged.length < BATCH) break;
      }
    }
    return { deleted, partnerships: partnershipIds.length };
  }
}
