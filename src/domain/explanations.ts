/**
 * Explanations withheld by data class (docs/security.md, "Explanations and hidden data"). A rule's
 * reason, a warning criterion and a quality finding each declare the personal data classes they rest
 * on (`rests`, set where they are produced). Before an explanation leaves the server, `redact` keeps
 * the items the reader may see (visibility.ts `sees`) and folds every other into ONE neutral item that
 * names no class, no count, no points and no outcome of its own. Decisions and scores stay as
 * computed: they may rest on withheld grounds.
 */
import type { Reason, RuleResult } from './rules/reason.js';
import type { Role } from './roles.js';
import { DATA_CLASSES, sees, type DataClass, type View } from './visibility.js';

export interface Reader {
  role: Role;
  view?: View | undefined;
}

/** An explanation item. Items stored before grounds were declared have none: see `restsOf`. */
export interface Grounded {
  readonly rests?: readonly DataClass[] | undefined;
}

export const WITHHELD_CRITERION = 'withheld';
export const WITHHELD_LABEL = {
  zh: '部分依据涉及本角色不可查看的个人信息，未列出',
  en: 'some grounds rest on personal data this role may not see; they are not listed',
} as const;

/** The classes an item rests on; an item without a declaration (stored earlier) on every class. */
export const restsOf = (item: Grounded): readonly DataClass[] =>
  Array.isArray(item.rests) ? item.rests : DATA_CLASSES;

/** Whether a reader sees every class of `rests` (in some form: shown, masked or as an age). */
export const readableBy = (reader: Reader, rests: readonly DataClass[]): boolean =>
  rests.every((c) => sees(reader.role, c, reader.view ?? 'default'));

export interface RedactOptions<T> {
  /**
   * The one neutral item standing for the withheld ones (appended last), or null to drop them
   * without a trace (findings, whose mere presence would tell).
   */
  neutral: (() => T) | null;
  /**
   * Classes the list may rest on when an item is produced only where it applies (a warning's
   * vulnerabilities): a reader who may not see one of them always gets the neutral item, so that
   * its presence says nothing about the household.
   */
  mayRestOn?: readonly DataClass[];
}

/** THE redaction: the items `reader` may see, in order, then at most one neutral item. */
export function redact<T extends Grounded>(items: readonly T[], reader: Reader, opts: RedactOptions<T>): T[] {
  const visible = items.filter((i) => readableBy(reader, restsOf(i)));
  const withheld =
    visible.length < items.length || (opts.mayRestOn !== undefined && !readableBy(reader, opts.mayRestOn));
  return withheld && opts.neutral ? [...visible, opts.neutral()] : visible;
}

/** The neutral reason: no class, no count, no value; passed and not binding, so it decides nothing. */
export const withheldReason = (): Reason => ({
  criterion: WITHHELD_CRITERION,
  label_zh: WITHHELD_LABEL.zh,
  label_en: WITHHELD_LABEL.en,
  value: null,
  threshold: null,
  passed: true,
  binding: false,
  rests: [],
});

/** A rule result as `reader` may read it: the decision as computed, the reasons redacted. */
export const redactResult = <D>(r: RuleResult<D>, reader: Reader): RuleResult<D> => ({
  ...r,
  reasons: redact(r.reasons, reader, { neutral: withheldReason }),
});

/** A list of reasons as `reader` may read it (e.g. a worklist item's stored reasons). */
export const redactReasons = (reasons: readonly Reason[], reader: Reader): Reason[] =>
  redact(reasons, reader, { neutral: withheldReason });
