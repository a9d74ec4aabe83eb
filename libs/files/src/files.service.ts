import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { MutationRunner, snapshot } from '@pbw/audit';
import { APP_CONFIG, type AppConfig, LOGGER, type Logger } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { FILE_STORAGE, type FileStorage, type StoredFile } from './file-storage';
import { FileEntity } from './files.entities';
import { tooLarge, UploadRefused } from './files.errors';
import { FileRepository } from './files.repository';
import { fileNameProblem } from './sniff';
import { UploadGuard } from './upload-guard';

/** What POST /files answers with. */
export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

const ONE_FILE = 'Send one file, in a form field named file.';

interface Received extends StoredFile {
  name: string;
  contentType: string;
}

@Injectable()
export class FilesService {
  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly files: FileRepository,
    private readonly mutations: MutationRunner,
  ) {}

  /**
   * Reads one multipart/form-data upload (field `file`) from the request, streaming it to
   * storage, and records it. Throws UploadRefused for anything the person can fix; for
   * any refusal nothing is left behind, in storage or the database.
   */
  async upload(scope: Scope, req: IncomingMessage): Promise<UploadedFile> {
    const received = await this.receive(req);
    try {
      const row = await this.mutations.run(scope, 'file.upload', async (tx) => {
        const f = await this.files.insert(tx, {
          uploadedByUserId: scope.actor.userId ?? undefined,
          originalName: received.name,
          contentType: received.contentType as FileEntity['contentType'],
          sizeBytes: received.size,
          sha256: received.sha256,
          storageKey: received.key,
          attached: false,
        });
        return { result: f, audit: { entityType: 'File', entityId: f.id, before: null, after: snapshot(f, ['storageKey']) } };
      });
      return { id: row.id, name: row.originalName, contentType: row.contentType, size: row.sizeBytes, sha256: row.sha256 };
    } catch (e) {
      await this.discard(received.key);
      throw e;
    }
  }

  private receive(req: IncomingMessage): Promise<Received> {
    const maxBytes = this.config.fileMaxBytes;
    if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
      return Promise.reject(UploadRefused.file(`Send the file as multipart/form-data. ${ONE_FILE}`));
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) return Promise.reject(tooLarge(maxBytes));

    return new Promise<Received>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          // Keep the name exactly as sent, so a name with a path in it is refused rather than quietly cut down.
          preservePath: true,
          defParamCharset: 'utf8',
          limits: { files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 20 },
        });
      } catch {
        reject(UploadRefused.file(`The upload could not be read. ${ONE_FILE}`));
        return;
      }
      let guard: UploadGuard | undefined;
      let stored: Promise<Received> | undefined;
      let settled = false;

      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        req.unpipe(parser);
        // Whatever is still coming is read and dropped, never kept.
        req.resume();
        guard?.destroy(e instanceof Error ? e : new Error(String(e)));
        stored?.then((s) => this.discard(s.key)).catch(() => undefined);
        reject(e);
      };

      parser.on('file', (field: string, file: Readable, info: busboy.FileInfo) => {
        if (field !== 'file' || guard) {
          file.resume();
          return fail(UploadRefused.file(ONE_FILE));
        }
        const name = info.filename ?? '';
        const problem = fileNameProblem(name);
        if (problem) {
          file.resume();
          return fail(UploadRefused.file(problem));
        }
        const g = new UploadGuard(name, maxBytes);
        guard = g;
        file.on('error', (e: Error) => g.destroy(e));
        file.pipe(g);
        const putting = this.storage.put(g).then((s) => ({ ...s, name, contentType: g.contentType as string }));
        stored = putting;
        putting.catch(fail);
      });
      parser.on('filesLimit', () => fail(UploadRefused.file(ONE_FILE)));
      parser.on('partsLimit', () => fail(UploadRefused.file(ONE_FILE)));
      parser.on('error', () => fail(UploadRefused.file(`The upload could not be read. ${ONE_FILE}`)));
      parser.on('close', () => {
        if (settled) return;
        if (!stored) return fail(UploadRefused.file(ONE_FILE));
        stored.then((s) => {
          if (settled) return;
          settled = true;
          resolve(s);
        }, fail);
      });
      req.on('close', () => {
        if (!req.complete) fail(UploadRefused.file('The upload did not finish. Try again.'));
      });
      req.pipe(parser);
    });
  }

  private async discard(key: string): Promise<void> {
    try {
      await this.storage.delete(key);
    } catch (err) {
      this.logger.error({ err }, 'could not delete a refused upload from file storage');
    }
  }
}
