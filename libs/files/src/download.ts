import type { Response } from 'express';
import type { Logger } from '@pbw/core';
import type { FileEntity } from './files.entities';
import type { FileStorage } from './file-storage';

/** Every refusal after sign-in looks like this, so a download never reveals that a file exists. */
export const FILE_NOT_FOUND = { code: 'NOT_FOUND', message: 'File not found.' } as const;

/** An ASCII stand-in for the filename parameter; the exact name goes in filename*. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

/** The exact name for filename* (RFC 8187): encodeURIComponent leaves ' ( ) * bare, which that value may not carry. */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Content-Disposition for a download under the name the uploader gave, whatever characters it has. */
export function attachmentDisposition(name: string): string {
  return `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${extValue(name)}`;
}

/** What a stored download is: where it is kept, what it is, and the name it is saved under. */
export interface StoredDownload {
  key: string;
  contentType: string;
  name: string;
  /** Bytes, when known: sent as Content-Length. */
  size?: number;
}

/**
 * Streams something kept in file storage as a download, once the caller has checked who may
 * have it: always as an attachment with the type we decided, never to be sniffed or run in the
 * page. A storage failure part-way cuts the connection, so a truncated file is never taken for
 * a whole one.
 */
export async function sendStored(res: Response, storage: FileStorage, d: StoredDownload, logger: Logger): Promise<void> {
  const stream = await storage.open(d.key);
  res.status(200);
  res.setHeader('Content-Type', d.contentType);
  if (d.size !== undefined) res.setHeader('Content-Length', String(d.size));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Content-Disposition', attachmentDisposition(d.name));
  stream.on('error', (err) => {
    logger.error({ err, key: d.key }, 'download failed part-way');
    res.destroy(err);
  });
  stream.pipe(res);
}

/** An uploaded file as a download, under the name its uploader gave. */
export function sendStoredFile(res: Response, storage: FileStorage, file: FileEntity, logger: Logger): Promise<void> {
  return sendStored(
    res,
    storage,
    { key: file.storageKey, contentType: file.contentType, name: file.originalName, size: file.sizeBytes },
    logger,
  );
}
