/** One entry of a code list: the stored code and its Chinese and English labels. */
export interface CodeEntry {
  code: string;
  zh: string;
  en: string;
}

/** Shorthand for writing a code list. */
export const codeEntry = (code: string, zh: string, en: string): CodeEntry => ({ code, zh, en });
