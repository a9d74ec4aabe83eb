import type { FieldError } from '@pbw/core';

/** The JSON body of a refused upload: the same codes and field errors as GraphQL's (DESIGN.md §6). */
export interface UploadErrorBody {
  code: 'UNAUTHENTICATED' | 'BAD_USER_INPUT';
  message: string;
  fields?: FieldError[];
}

/** An upload refused for a reason the person can act on; answered with `status` and `body`. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: UploadErrorBody,
  ) {
    super(body.message);
    this.name = 'UploadRefused';
  }

  static unauthenticated(message = 'Sign in to continue.'): UploadRefused {
    return new UploadRefused(401, { code: 'UNAUTHENTICATED', message });
  }

  /** A problem with the file field: 400 unless a more exact status applies (413, 415). */
  static file(message: string, status = 400): UploadRefused {
    return new UploadRefused(status, { code: 'BAD_USER_INPUT', message, fields: [{ path: 'file', message }] });
  }
}

/** 26214400 → "25 MB"; 1536 → "1.5 KB"; 1000 → "1000 bytes". */
export function describeBytes(n: number): string {
  const unit = (v: number, name: string) => `${Number.isInteger(v) ? v : v.toFixed(1)} ${name}`;
  if (n >= 1024 * 1024) return unit(n / (1024 * 1024), 'MB');
  if (n >= 1024) return unit(n / 1024, 'KB');
  return `${n} bytes`;
}

export function tooLarge(maxBytes: number): UploadRefused {
  return UploadRefused.file(`The file is too large. It must be ${describeBytes(maxBytes)} or smaller.`, 413);
}
