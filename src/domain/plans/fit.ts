import { labelOf } from '../code-lists.js';
import { isDevelopment, isSocialSecurity, type CatalogueEntry } from './catalogue.js';

/**
 * The fit check of a household plan (一户一策): do its measures answer the household's causes?
 * - every cause, main and other, is answered by at least one measure that is not cancelled and whose
 *   catalogue entry lists that cause ('other' is answered by any measure);
 * - a household with someone able to work has at least one development measure (产业、就业、公益岗、信贷);
 * - a household where no one can work has a social-security measure (兜底: dibao, special hardship…);
 * - a plan without any live measure answers nothing.
 */
export interface FitInput {
  mainCause: string | null;
  otherCauses: readonly string[];
  /** Present members able to work (labour capacity ordinary, skilled or weak). */
  ableToWork: number;
  measures: readonly { catalogueCode: string; measureType: string; status: string }[];
}

export type FitProblemKind = 'cause_unanswered' | 'no_development' | 'no_social_security' | 'no_measures';

export interface FitProblem {
  kind: FitProblemKind;
  cause?: string;
  message: { zh: string; en: string };
}

export interface FitResult {
  fits: boolean;
  problems: FitProblem[];
  /** For each cause, the catalogue codes of the live measures that answer it. */
  answered: { cause: string; main: boolean; by: string[] }[];
}

/** Labour capacities that count as able to work (half labour included: it can take a light job). */
export const ABLE_CAPACITIES: readonly string[] = ['ordinary', 'skilled', 'weak'];

/** The causes of a household, main first, without repeats. */
export function causesOf(mainCause: string | null, otherCauses: readonly string[]): string[] {
  return [...new Set([...(mainCause ? [mainCause] : []), ...otherCauses])];
}

export function checkFit(input: FitInput, catalogue: ReadonlyMap<string, CatalogueEntry>): FitResult {
  const live = input.measures.filter((m) => m.status !== 'cancelled');
  const problems: FitProblem[] = [];
  if (!live.length)
    problems.push({
      kind: 'no_measures',
      message: { zh: '计划没有有效的帮扶措施', en: 'the plan has no measure that is not cancelled' },
    });
  const answered = causesOf(input.mainCause, input.otherCauses).map((cause) => {
    const by = live
      .filter((m) => cause === 'other' || (catalogue.get(m.catalogueCode)?.causes.includes(cause) ?? false))
      .map((m) => m.catalogueCode);
    const main = cause === input.mainCause;
    if (!by.length)
      problems.push({
        kind: 'cause_unanswered',
        cause,
        message: {
          zh: `${main ? '主要' : '其他'}致贫原因“${labelOf('poverty_cause', cause)}”没有对应的帮扶措施`,
          en: `the ${main ? 'main' : 'other'} cause "${labelOf('poverty_cause', cause, 'en')}" is answered by no measure`,
        },
      });
    return { cause, main, by };
  });
  if (input.ableToWork > 0 && !live.some((m) => isDevelopment(m.measureType)))
    problems.push({
      kind: 'no_development',
      message: {
        zh: `家中有 ${input.ableToWork} 名劳动力，但没有产业、就业、公益岗位或信贷等开发式措施`,
        en: `${input.ableToWork} member(s) can work but the plan has no development measure (industry, employment, welfare job, credit)`,
      },
    });
  if (input.ableToWork === 0 && !live.some((m) => isSocialSecurity(m.measureType)))
    problems.push({
      kind: 'no_social_security',
      message: {
        zh: '家中无劳动力，但没有低保、特困供养等兜底保障措施',
        en: 'no one can work but the plan has no social-security measure (dibao, special hardship support)',
      },
    });
  return { fits: problems.length === 0, problems, answered };
}

/** The catalogue as a map by code. */
export const catalogueMap = (entries: readonly CatalogueEntry[]) => new Map(entries.map((e) => [e.code, e]));
