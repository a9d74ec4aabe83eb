#!/usr/bin/env node
// Prints a PDF's text, page by page, with its outline, as JSON. The worker (for the personal-data
// check) and the tests run it as a child process: pdf.js ships as ES modules only, which the
// CommonJS runtime (and jest) cannot load.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  pages.push({ page: i, text: content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join('') });
}
const outline = (await doc.getOutline()) ?? [];
const flat = [];
const walk = (items, depth) => {
  for (const it of items) {
    flat.push({ title: it.title, depth });
    walk(it.items ?? [], depth + 1);
  }
};
walk(outline, 0);
process.stdout.write(JSON.stringify({ pages, outline: flat }));
