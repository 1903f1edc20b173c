/** The part of fontkit (PDFKit's font engine, no types of its own) that font.ts uses. */
declare module 'fontkit' {
  /** A parsed font; PDFKit accepts it wherever it takes a font file (its `layout` method). */
  export interface Font {
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
