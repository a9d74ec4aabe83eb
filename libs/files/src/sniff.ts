/**
 * Decides what an uploaded file is from its leading bytes (magic numbers), never from its
 * name alone: the name only tells apart formats that share a signature (DOCX and XLSX are
 * both ZIP; CSV and text have none).
 */

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv';
export const TEXT = 'text/plain';
export const PNG = 'image/png';
export const JPEG = 'image/jpeg';

export type AcceptedContentType = typeof PDF | typeof DOCX | typeof XLSX | typeof CSV | typeof TEXT | typeof PNG | typeof JPEG;

/** How many leading bytes are inspected. */
export const SNIFF_BYTES = 4096;

export const UNSUPPORTED_TYPE_MESSAGE = 'The file must be a PDF, Word (DOCX), Excel (XLSX), CSV, text, PNG or JPEG file.';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The first entries an Office Open XML package starts with. */
const OOXML_COMMON = ['[Content_Types].xml', '_rels/', 'docProps/'];
const DOCX_FIRST = [...OOXML_COMMON, 'word/'];
const XLSX_FIRST = [...OOXML_COMMON, 'xl/'];

function startsWith(bytes: Buffer, signature: Buffer): boolean {
  return bytes.length >= signature.length && bytes.subarray(0, signature.length).equals(signature);
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The name of the first entry of a ZIP, from its first local file header; null if it is not there. */
export function firstZipEntryName(bytes: Buffer): string | null {
  if (!startsWith(bytes, ZIP_LOCAL_HEADER) || bytes.length < 30) return null;
  const nameLength = bytes.readUInt16LE(26);
  if (nameLength === 0 || bytes.length < 30 + nameLength) return null;
  return bytes.subarray(30, 30 + nameLength).toString('utf8');
}

/** Valid UTF-8 with no NUL bytes. A prefix cut short may end part-way through a character. */
function isText(bytes: Buffer, truncated: boolean): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

/**
 * The content type of a file from its first bytes (at most SNIFF_BYTES of them) and its
 * name; null when it is not one we accept. `truncated` says whether the file goes on
 * beyond `head`.
 */
export function sniffContentType(head: Buffer, name: string, truncated: boolean): AcceptedContentType | null {
  const bytes = head.subarray(0, SNIFF_BYTES);
  const ext = extension(name);
  if (startsWith(bytes, PDF_SIGNATURE)) return PDF;
  if (startsWith(bytes, PNG_SIGNATURE)) return PNG;
  if (startsWith(bytes, JPEG_SIGNATURE)) return JPEG;
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) {
    const first = firstZipEntryName(bytes);
    if (first === null) return null;
    if (ext === 'docx' && DOCX_FIRST.some((p) => first.startsWith(p))) return DOCX;
    if (ext === 'xlsx' && XLSX_FIRST.some((p) => first.startsWith(p))) return XLSX;
    return null;
  }
  if ((ext === 'csv' || ext === 'txt') && bytes.length > 0 && isText(bytes, truncated || head.length > SNIFF_BYTES)) {
    return ext === 'csv' ? CSV : TEXT;
  }
  return null;
}

// C0 and C1 control characters, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a file's name is refused, or null if it is acceptable. The name is only ever shown, never used as a path. */
export function fileNameProblem(name: string | undefined): string | null {
  if (!name || !name.trim()) return 'The file must have a name.';
  if (name.length > 255) return 'The file name must be 255 characters or fewer.';
  if (name.includes('/') || name.includes('\\') || name.includes('..'))
    return 'The file name must not contain a folder path (/, \\ or ..).';
  if (CONTROL.test(name)) return 'The file name must not contain control characters.';
  return null;
}
