import { readFileSync } from 'node:fs';
import { create as openFont } from 'fontkit';
import PDFDocument from 'pdfkit';
import { PDFDocument as PdfLibDocument } from 'pdf-lib';

/** A piece of an agenda item's content, laid out in order. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] }
  | { kind: 'bars'; title: string; bars: Array<{ label: string; value: number; note?: string }> };

export interface PackSection {
  number: string;
  title: string;
  /** 0 for a top-level item, 1 for a sub-item (2.1). */
  level: 0 | 1;
  presenter?: string | null;
  blocks: Block[];
  /** An uploaded PDF paper, merged in place after the blocks. */
  merge?: Buffer;
}

export interface PackContent {
  partnershipName: string;
  meetingTitle: string;
  /** In words, London time: "Wednesday 10 March 2027, 10:00". */
  when: string;
  location: string | null;
  edition: string;
  sections: PackSection[];
}

export interface BuiltPack {
  pdf: Buffer;
  pageCount: number;
  /** Where each item starts, 1-based, as the contents page says. */
  contents: Array<{ number: string; title: string; page: number }>;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const FOOTER = 28;
const CONTENTS_LINES_PER_PAGE = 32;

/**
 * The pack's typeface, embedded (subset) so that names in any Latin, Greek or Cyrillic
 * script print as written: the standard PDF fonts know Windows-1252 only, and a name such as
 * Łukasz would have printed as "?ukasz" (and slipped past the personal-data check's names list).
 * Liberation Sans (SIL Open Font Licence) is metric-compatible with Helvetica and ships with
 * pdfjs-dist, which the personal-data check already uses.
 */
const FONT_FILES = {
  Regular: require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'),
  Bold: require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Bold.ttf'),
} as const;
type FontName = keyof typeof FONT_FILES;

let fonts: Record<FontName, Buffer> | null = null;
function fontData(): Record<FontName, Buffer> {
  fonts ??= { Regular: readFileSync(FONT_FILES.Regular), Bold: readFileSync(FONT_FILES.Bold) };
  return fonts;
}

let glyphs: { has: (cp: number) => boolean; known: Map<number, boolean> } | null = null;
function hasGlyph(cp: number): boolean {
  if (!glyphs) {
    // Both weights cover the same characters, so the regular face answers for both.
    const face = openFont(fontData().Regular);
    glyphs = { has: (c) => face.hasGlyphForCodePoint(c), known: new Map() };
  }
  let ok = glyphs.known.get(cp);
  if (ok === undefined) glyphs.known.set(cp, (ok = glyphs.has(cp)));
  return ok;
}

/** Text for the pack's typeface: a character it cannot show becomes a question mark, never an empty box. */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    out += cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp !== 0x7f && hasGlyph(cp)) ? ch : '?';
  }
  return out;
}

interface Layout {
  starts: number[];
  mergePages: Map<number, { start: number; count: number }>;
  total: number;
}

/**
 * Lays the pack out once with pdfkit. Contents pages are reserved up front (a fixed number
 * for the item count), so the page numbers learnt in a first run hold in the second.
 */
async function render(
  content: PackContent,
  known: Layout | null,
  mergeCounts: Map<number, number>,
): Promise<{ pdf: Buffer; layout: Layout }> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: `${content.meetingTitle}: board pack (${content.edition})`, Author: content.partnershipName },
  });
  for (const [name, data] of Object.entries(fontData())) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = A4.width - 2 * MARGIN;
  const pageNo = () => doc.bufferedPageRange().count;

  // Cover.
  doc.addPage();
  doc.font('Bold').fontSize(26).text(pdfText(content.partnershipName), { align: 'left' });
  doc.moveDown(1.5).fontSize(20).text(pdfText(content.meetingTitle));
  doc.moveDown(0.5).font('Regular').fontSize(14).text(pdfText(content.when));
  if (content.location) doc.text(pdfText(content.location));
  doc
    .moveDown(2)
    .font('Bold')
    .fontSize(14)
    .text(pdfText(`Board pack: ${content.edition}`));

  // Contents, on pages reserved for it.
  const contentsPages = Math.max(1, Math.ceil(content.sections.length / CONTENTS_LINES_PER_PAGE));
  for (let p = 0; p < contentsPages; p++) {
    doc.addPage();
    if (p === 0) doc.font('Bold').fontSize(18).text('Contents').moveDown(0.5);
    doc.font('Regular').fontSize(11);
    for (const [i, s] of content.sections.entries()) {
      if (Math.floor(i / CONTENTS_LINES_PER_PAGE) !== p) continue;
      const page = known ? String(known.starts[i]) : '';
      const y = doc.y;
      const indent = s.level ? 24 : 0;
      doc.text(pdfText(`${s.number}  ${s.title}`), MARGIN + indent, y, { width: width - 60 - indent, lineBreak: false, ellipsis: true });
      doc.text(page, MARGIN + width - 50, y, { width: 50, align: 'right' });
      doc.x = MARGIN;
    }
  }

  const starts: number[] = [];
  const mergePages = new Map<number, { start: number; count: number }>();
  let parent: PDFKit.PDFOutline | null = null;
  for (const [i, s] of content.sections.entries()) {
    doc.addPage();
    starts.push(pageNo());
    const under: PDFKit.PDFOutline = s.level === 1 && parent ? parent : doc.outline;
    const bookmark: PDFKit.PDFOutline = under.addItem(`${s.number} ${s.title}`);
    if (s.level === 0) parent = bookmark;
    doc
      .font('Bold')
      .fontSize(16)
      .text(pdfText(`${s.number}  ${s.title}`), { width });
    if (s.presenter)
      doc
        .font('Regular')
        .fontSize(11)
        .fillColor('#505a5f')
        .text(pdfText(`Presented by ${s.presenter}`))
        .fillColor('black');
    doc.moveDown(0.6);
    for (const b of s.blocks) block(doc, b, width);
    const count = mergeCounts.get(i);
    if (count) {
      // Placeholder pages: the paper's own pages are drawn onto them afterwards, under the running footer.
      const start = pageNo() + 1;
      for (let k = 0; k < count; k++) doc.addPage();
      mergePages.set(i, { start, count });
    }
  }

  const total = pageNo();
  for (let p = 0; p < total; p++) {
    doc.switchToPage(p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Regular')
      .fontSize(9)
      .fillColor('#505a5f')
      .text(pdfText(`${content.meetingTitle} · ${content.edition} · Page ${p + 1} of ${total}`), MARGIN, A4.height - MARGIN, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return { pdf: await done, layout: { starts, mergePages, total } };
}

function block(doc: PDFKit.PDFDocument, b: Block, width: number): void {
  switch (b.kind) {
    case 'heading':
      doc.moveDown(0.4).font('Bold').fontSize(13).text(pdfText(b.text), { width }).moveDown(0.2);
      break;
    case 'para':
      doc
        .font('Regular')
        .fontSize(11)
        .text(pdfText(b.text || ' '), { width })
        .moveDown(0.4);
      break;
    case 'list':
      doc.font('Regular').fontSize(11).list(b.items.map(pdfText), { width, bulletRadius: 2 }).moveDown(0.4);
      break;
    case 'table': {
      const widths = b.widths ?? b.columns.map(() => width / b.columns.length);
      const row = (cells: string[], bold: boolean) => {
        doc.font(bold ? 'Bold' : 'Regular').fontSize(9.5);
        const heights = cells.map((c, i) => doc.heightOfString(pdfText(c || ' '), { width: widths[i] - 6 }));
        const h = Math.max(...heights) + 6;
        if (doc.y + h > A4.height - MARGIN - FOOTER) doc.addPage();
        const y = doc.y;
        let x = MARGIN;
        cells.forEach((c, i) => {
          doc.text(pdfText(c || ' '), x + 3, y + 3, { width: widths[i] - 6 });
          x += widths[i];
        });
        doc
          .moveTo(MARGIN, y + h)
          .lineTo(MARGIN + width, y + h)
          .lineWidth(0.5)
          .strokeColor('#b1b4b6')
          .stroke();
        doc.x = MARGIN;
        doc.y = y + h;
      };
      row(b.columns, true);
      for (const r of b.rows) row(r, false);
      doc.moveDown(0.6);
      break;
    }
    case 'bars': {
      // A simple horizontal bar chart: drawn as vectors, so it prints sharp and its labels stay text.
      doc.font('Bold').fontSize(10).text(pdfText(b.title), { width }).moveDown(0.2);
      const max = Math.max(1, ...b.bars.map((x) => x.value));
      const labelW = width * 0.35;
      const barW = width * 0.5;
      for (const bar of b.bars) {
        if (doc.y + 16 > A4.height - MARGIN - FOOTER) doc.addPage();
        const y = doc.y;
        doc
          .font('Regular')
          .fontSize(9)
          .text(pdfText(bar.label), MARGIN, y, { width: labelW - 6, lineBreak: false, ellipsis: true });
        doc.rect(MARGIN + labelW, y + 1, Math.max(1, (bar.value / max) * barW), 9).fill('#1d70b8');
        doc.fillColor('black').text(pdfText(bar.note ?? String(bar.value)), MARGIN + labelW + barW + 6, y, {
          width: width - labelW - barW - 6,
          lineBreak: false,
        });
        doc.x = MARGIN;
        doc.y = y + 14;
      }
      doc.moveDown(0.6);
      break;
    }
  }
}

/**
 * The whole pack as one PDF: cover, contents with page numbers, each item in order (with
 * bookmarks), uploaded PDF papers merged in place, and a running page number on every page.
 */
export async function buildPack(content: PackContent): Promise<BuiltPack> {
  // Each paper is parsed once: its page count sizes the layout, and the same document is drawn in.
  const sources = new Map<number, PdfLibDocument>();
  for (const [i, s] of content.sections.entries())
    if (s.merge) sources.set(i, await PdfLibDocument.load(s.merge, { ignoreEncryption: true }));
  const mergeCounts = new Map([...sources].map(([i, d]) => [i, d.getPageCount()]));
  const first = await render(content, null, mergeCounts);
  const second = await render(content, first.layout, mergeCounts);
  let pdf = second.pdf;
  if (mergeCounts.size) {
    const out = await PdfLibDocument.load(second.pdf);
    const pages = out.getPages();
    for (const [i, where] of second.layout.mergePages) {
      const source = sources.get(i) as PdfLibDocument;
      const embedded = await out.embedPdf(source, source.getPageIndices());
      embedded.forEach((e, k) => {
        const page = pages[where.start - 1 + k];
        const box = { width: A4.width - 2 * MARGIN, height: A4.height - 2 * MARGIN - FOOTER };
        const scale = Math.min(box.width / e.width, box.height / e.height, 1);
        const w = e.width * scale;
        const h = e.height * scale;
        page.drawPage(e, { x: MARGIN + (box.width - w) / 2, y: MARGIN + FOOTER + (box.height - h) / 2, width: w, height: h });
      });
    }
    pdf = Buffer.from(await out.save());
  }
  return {
    pdf,
    pageCount: second.layout.total,
    contents: content.sections.map((s, i) => ({ number: s.number, title: s.title, page: second.layout.starts[i] })),
  };
}
