/**
 * Likely personal data in a public pack's text, found before it can be published (issue 9):
 * dates of birth, NHS numbers (with a valid check digit), UK postcodes, phone numbers, e-mail
 * addresses, and names from the list the partnership keeps. A finding is a place to look, not a
 * verdict: the secretariat fixes the source and compiles again, or clears it.
 */
export enum FindingKind {
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  NHS_NUMBER = 'NHS_NUMBER',
  POSTCODE = 'POSTCODE',
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  NAME = 'NAME',
}

export interface Finding {
  kind: FindingKind;
  /** 1-based page of the edition. */
  page: number;
  match: string;
  /** The words around it, to find it on the page. */
  context: string;
}

/** The NHS number's modulus 11 check: weights 10 down to 2 on the first nine digits. */
export function validNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const DATE = String.raw`(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:19|20)\d{2})`;

const PATTERNS: Array<{ kind: FindingKind; re: RegExp; keep?: (m: RegExpExecArray) => boolean }> = [
  { kind: FindingKind.EMAIL, re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // A date next to words that say it is a birthday.
  {
    kind: FindingKind.DATE_OF_BIRTH,
    re: new RegExp(String.raw`\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birthday)\s*:?\s*${DATE}`, 'gi'),
  },
  { kind: FindingKind.NHS_NUMBER, re: /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/g, keep: (m) => validNhsNumber(m[0].replace(/[ -]/g, '')) },
  { kind: FindingKind.POSTCODE, re: /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/g },
  // UK numbers: mobiles and landlines, with or without +44 and spaces.
  { kind: FindingKind.PHONE, re: /(?:\+44\s?\(?0?\)?\s?|\b0)(?:7\d{3}\s?\d{3}\s?\d{3}|[1-3]\d{1,3}\s?\d{3,4}\s?\d{3,4})\b/g },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function around(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 40);
  const to = Math.min(text.length, index + length + 40);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

/** Every likely piece of personal data on the pages, in page order. */
export function findPersonalData(pages: ReadonlyArray<{ page: number; text: string }>, names: readonly string[]): Finding[] {
  const nameRes = names
    .map((n) => n.trim())
    .filter((n) => n.length >= 2)
    .map((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(n).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu'));
  const out: Finding[] = [];
  for (const { page, text } of pages) {
    const taken: Array<[number, number]> = [];
    const add = (kind: FindingKind, m: RegExpExecArray) => {
      const start = m.index;
      const end = start + m[0].length;
      // A phone pattern inside an NHS number (or the like) is the same finding, once.
      if (taken.some(([a, b]) => start < b && end > a)) return;
      taken.push([start, end]);
      out.push({ kind, page, match: m[0].replace(/\s+/g, ' ').trim(), context: around(text, start, m[0].length) });
    };
    for (const p of PATTERNS) {
      for (const m of text.matchAll(p.re)) if (!p.keep || p.keep(m as RegExpExecArray)) add(p.kind, m as RegExpExecArray);
    }
    for (const re of nameRes) for (const m of text.matchAll(re)) add(FindingKind.NAME, m as RegExpExecArray);
  }
  return out;
}
