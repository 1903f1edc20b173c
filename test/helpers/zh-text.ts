/**
 * The language check of zh-CN pages and print views (docs/ui.md "The language check", docs/printing.md):
 * what of a text shown in Chinese is English or a code identifier. Shared by the roles walk
 * (test/browser/roles-walk.test.ts) and the print views' test (test/integration/printing.test.ts).
 */

/**
 * ASCII meant to be shown on a Chinese page: units, standard codes and names of formats and
 * programmes that Chinese officials write in Latin letters themselves.
 */
export const ALLOWED_ASCII = new Set([
  'ID', // ID 号 is not shown, but "ID" inside 身份证 hints is common on forms
  'CSV',
  'UTF', // UTF-8, the encoding of an upload
  'XLSX',
  'Excel',
  'PDF',
  'GB', // GB 11643 and other national standards
  'kg',
  'km',
  'm²',
  'A',
  'B',
  'C',
  'D', // housing safety grades A–D
]);

/**
 * What of a page's text is not allowed: words with two or more Latin letters or an underscore
 * (English words, code identifiers), numbers in scientific notation (1.42e-14) and one-letter
 * statistics labels (p: 0.03).
 */
export function asciiWords(shown: string): string[] {
  // codes meant to be shown: hashes (hex, 16 or more digits) and upper-case codes with digits
  // (credit codes 91433124MA4P0K7L21, encodings GB18030, household numbers)
  const text = shown.replace(/\b[0-9a-f]{16,}\b/g, ' ').replace(/\b(?=[A-Z]*\d)[0-9A-Z]{4,}\b/g, ' ');
  const words = (text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter(
    (w) => (/[A-Za-z]{2,}/.test(w) || w.includes('_')) && !ALLOWED_ASCII.has(w),
  );
  const sci = text.match(/\d[eE][-+]?\d+/g) ?? [];
  const letters = (text.match(/(?<![A-Za-z])[a-z]\s*[:=：]/g) ?? []).map((l) => l.trim());
  return [...new Set([...words, ...sci, ...letters])];
}
