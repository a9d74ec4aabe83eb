import { Transform, type TransformCallback } from 'node:stream';
import { tooLarge, UploadRefused } from './files.errors';
import { type AcceptedContentType, SNIFF_BYTES, sniffContentType, UNSUPPORTED_TYPE_MESSAGE } from './sniff';

/**
 * Sits between the upload and storage. Holds back the first SNIFF_BYTES until the content
 * type is known (so a refused type never reaches storage), then passes bytes straight
 * through, failing the stream as soon as more than `maxBytes` have arrived.
 */
export class UploadGuard extends Transform {
  contentType: AcceptedContentType | null = null;
  private head: Buffer[] = [];
  private headLength = 0;
  private size = 0;

  constructor(
    private readonly fileName: string,
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(tooLarge(this.maxBytes));
    if (this.contentType) return done(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return done();
    this.release(true, done);
  }

  override _flush(done: TransformCallback): void {
    if (this.contentType) return done();
    this.release(false, done);
  }

  private release(more: boolean, done: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    if (head.length === 0) return done(UploadRefused.file('The file is empty.'));
    const type = sniffContentType(head, this.fileName, more);
    if (!type) return done(UploadRefused.file(UNSUPPORTED_TYPE_MESSAGE, 415));
    this.contentType = type;
    done(null, head);
  }
}
