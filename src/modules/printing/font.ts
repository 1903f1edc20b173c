import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/**
 * The CJK font of every generated PDF: Noto Sans SC (SIL Open Font License) as TrueType files shipped
 * inside the npm package `@expo-google-fonts/noto-sans-sc` — nothing is downloaded at run time and no
 * system font is needed. Each file holds the whole font (Chinese, Latin, digits, full-width marks);
 * PDFKit embeds only the glyphs a document uses. Read and parsed (fontkit) once per process: parsing
 * the 10 MB file for each document cost more than drawing a one-page report.
 */
const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

const cache = new Map<keyof typeof FILES, fontkit.Font>();

/**
 * The parsed font, typed as the font file PDFKit's `registerFont` is declared to take: PDFKit also
 * takes a parsed fontkit font (it checks for `layout`), which its type declarations do not list.
 */
export function cjkFont(weight: keyof typeof FILES): Uint8Array {
  let font = cache.get(weight);
  if (!font) {
    font = fontkit.create(fs.readFileSync(require.resolve(FILES[weight])));
    cache.set(weight, font);
  }
  return font as unknown as Uint8Array;
}
