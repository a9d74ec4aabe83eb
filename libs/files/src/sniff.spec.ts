import { CSV, DOCX, fileNameProblem, JPEG, PDF, PNG, SNIFF_BYTES, sniffContentType, TEXT, XLSX } from './sniff';

/** The start of a ZIP whose first entry is `entry`, as Office writes it. */
function zip(entry: string): Buffer {
  const header = Buffer.alloc(30);
  header.write('PK\x03\x04', 0, 'latin1');
  header.writeUInt16LE(Buffer.byteLength(entry), 26);
  return Buffer.concat([header, Buffer.from(entry), Buffer.alloc(64, 1)]);
}

describe('sniffContentType', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'minutes.pdf', PDF],
    ['a PDF whatever it is called', Buffer.from('%PDF-1.4\n'), 'minutes.txt', PDF],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'chart.png', PNG],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'photo.jpg', JPEG],
    ['a Word document', zip('[Content_Types].xml'), 'report.docx', DOCX],
    ['a Word document starting word/', zip('word/document.xml'), 'Report.DOCX', DOCX],
    ['an Excel workbook', zip('[Content_Types].xml'), 'budget.xlsx', XLSX],
    ['an Excel workbook starting xl/', zip('xl/workbook.xml'), 'budget.xlsx', XLSX],
    ['an Excel workbook starting _rels/', zip('_rels/.rels'), 'budget.xlsx', XLSX],
    ['a CSV', Buffer.from('name,score\nAda,1\n'), 'scores.csv', CSV],
    ['a text file in UTF-8', Buffer.from('Care leavers’ views — “good”\n'), 'notes.txt', TEXT],
  ])('accepts %s', (_what, bytes, name, type) => {
    expect(sniffContentType(bytes, name, false)).toBe(type);
  });

  it.each([
    ['an executable named .pdf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'report.pdf'],
    ['a Windows executable named .docx', Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), 'report.docx'],
    ['a ZIP named .docx with other content', zip('payload.exe'), 'report.docx'],
    ['a Word document named .xlsx', zip('word/document.xml'), 'budget.xlsx'],
    ['an Excel workbook named .docx', zip('xl/workbook.xml'), 'report.docx'],
    ['a ZIP named .zip', zip('[Content_Types].xml'), 'archive.zip'],
    ['a ZIP cut short before its first name', Buffer.from('PK\x03\x04\x14\x00', 'latin1'), 'report.docx'],
    ['text with a NUL byte', Buffer.from('a,b\n\x00c,d\n'), 'data.csv'],
    ['text that is not UTF-8', Buffer.from([0x61, 0xff, 0xfe, 0x62]), 'notes.txt'],
    ['text with another name', Buffer.from('hello'), 'notes.html'],
    ['text with no extension', Buffer.from('hello'), 'README'],
    ['an empty text file', Buffer.alloc(0), 'empty.txt'],
    ['a GIF', Buffer.from('GIF89a'), 'image.gif'],
  ])('refuses %s', (_what, bytes, name) => {
    expect(sniffContentType(bytes, name, false)).toBeNull();
  });

  it('accepts text whose sniffed prefix ends part-way through a character, if the file goes on', () => {
    const text = Buffer.concat([Buffer.alloc(SNIFF_BYTES - 1, 'a'), Buffer.from('é')]);
    expect(text.length).toBe(SNIFF_BYTES + 1);
    expect(sniffContentType(text, 'notes.txt', true)).toBe(TEXT);
    // The same cut-off character at the real end of the file is not valid UTF-8.
    expect(sniffContentType(text.subarray(0, SNIFF_BYTES), 'notes.txt', false)).toBeNull();
  });

  it('looks only at the first SNIFF_BYTES', () => {
    const late = Buffer.concat([Buffer.alloc(SNIFF_BYTES, 'a'), Buffer.from([0])]);
    expect(sniffContentType(late, 'notes.txt', true)).toBe(TEXT);
  });
});

describe('fileNameProblem', () => {
  it.each(['report.pdf', 'Board minutes 3 March (final).docx', 'Café résumé.txt', 'a.b.c.csv'])('accepts %s', (name) => {
    expect(fileNameProblem(name)).toBeNull();
  });

  it.each([
    ['../../etc/passwd.txt', /folder path/],
    ['folder/report.pdf', /folder path/],
    ['C:\\Users\\x\\report.pdf', /folder path/],
    ['..', /folder path/],
    ['report\u0000.pdf', /control characters/],
    ['report\n.pdf', /control characters/],
    ['report\u0085.pdf', /control characters/],
    ['', /must have a name/],
    ['   ', /must have a name/],
    [undefined, /must have a name/],
    [`${'a'.repeat(252)}.pdf`, /255 characters/],
  ])('refuses %j', (name, message) => {
    expect(fileNameProblem(name)).toMatch(message);
  });
});
