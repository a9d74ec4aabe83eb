// fontkit ships no types; this is the one call the pack uses (it comes with pdfkit).
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(data: Buffer): Font;
}
