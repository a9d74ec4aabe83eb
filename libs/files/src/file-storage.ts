import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface StoredFile {
  /** Where the bytes are kept; random, never derived from the file's name. */
  key: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes as stored. */
  sha256: string;
}

/** Where uploaded files' bytes live. Records point at them by key. */
export interface FileStorage {
  /**
   * Streams the bytes into storage while counting and hashing them. If the stream fails
   * (a refused or aborted upload) nothing is left behind and the error is rethrown.
   */
  put(stream: AsyncIterable<Buffer | Uint8Array>): Promise<StoredFile>;
  open(key: string): Promise<Readable>;
  /** Removes the file; a key that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

/** Nest injection token for the FileStorage. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** Keys are `<first two hex digits>/<uuid>`, so one folder never holds every file. */
const KEY = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Files in a folder on the local disk (FILE_STORAGE_DIR). */
export class LocalDiskFileStorage implements FileStorage {
  constructor(readonly root: string) {}

  async put(stream: AsyncIterable<Buffer | Uint8Array>): Promise<StoredFile> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id}`;
    const path = this.pathOf(key);
    // Written under a temporary name and renamed when complete, so a crash mid-write never
    // leaves a truncated file under a real key.
    const partial = `${path}.partial`;
    const hash = createHash('sha256');
    let size = 0;
    let handle: FileHandle | undefined;
    const openPartial = async (): Promise<FileHandle> => {
      await mkdir(dirname(path), { recursive: true });
      return open(partial, 'wx', 0o640);
    };
    try {
      // The file is only created once the first bytes arrive: a stream refused before
      // yielding anything (e.g. on its content type) never touches the disk.
      for await (const chunk of stream) {
        handle ??= await openPartial();
        hash.update(chunk);
        size += chunk.length;
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, written, chunk.length - written);
          written += bytesWritten;
        }
      }
      handle ??= await openPartial();
      await handle.sync();
      await handle.close();
      handle = undefined;
      await rename(partial, path);
      return { key, size, sha256: hash.digest('hex') };
    } catch (e) {
      await handle?.close().catch(() => undefined);
      await rm(partial, { force: true });
      throw e;
    }
  }

  async open(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    const handle = await open(path, 'r');
    return handle.createReadStream({ autoClose: true });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('Not a file storage key');
    return join(this.root, key);
  }
}
