import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface PdfText {
  /** Each page's text, 1-based. */
  pages: Array<{ page: number; text: string }>;
  /** The bookmarks, flattened in order; depth 0 for the top level. */
  outline: Array<{ title: string; depth: number }>;
}

/** A PDF's text and bookmarks, read by pdf.js in a child process (it ships as ES modules only). */
export async function readPdf(pdf: Buffer): Promise<PdfText> {
  const dir = await mkdtemp(join(tmpdir(), 'pbw-pack-text-'));
  try {
    const file = join(dir, 'edition.pdf');
    await writeFile(file, pdf);
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as PdfText;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
