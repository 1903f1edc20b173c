import { reason, round2, yuan, type Reason } from '../rules/reason.js';

/** The income of a year the passive-exit test reads: net income, its transfer part, the household's size. */
export interface PassiveExitIncome {
  netIncome: number;
  transfers: number;
  size: number;
}

export interface PassiveExitFlag {
  /** Income per person at or above the line only because of transfers. */
  passive: boolean;
  perCapita: number;
  perCapitaWithoutTransfers: number;
  line: number;
  reasons: Reason[];
}

/**
 * Passive exit (被动脱贫, issue 21 item 5): per-capita net income is at or above the line, but net
 * income minus transfer income (dibao, 特困, pensions, eco-compensation, support…) is below it —
 * the household would exit on transfers alone. A warning for the deciding level, not a refusal:
 * the reason is non-binding and reads no personal data class (income figures only).
 */
export function passiveExitFlag(i: PassiveExitIncome, line: number): PassiveExitFlag {
  const size = Math.max(1, i.size);
  const perCapita = round2(i.netIncome / size);
  const without = round2((i.netIncome - i.transfers) / size);
  const above = perCapita >= line;
  const passive = above && without < line;
  const share = i.netIncome > 0 ? Math.round((i.transfers / i.netIncome) * 100) : 0;
  const label = !above
    ? {
        zh: `人均纯收入 ${yuan(perCapita)} 元未达贫困线 ${yuan(line)} 元，不涉及被动脱贫`,
        en: `per-capita income ${yuan(perCapita)} is below the line ${yuan(line)}: no passive exit to flag`,
      }
    : passive
      ? {
          zh: `被动脱贫提示：人均纯收入 ${yuan(perCapita)} 元达到贫困线 ${yuan(line)} 元，但扣除转移性收入（占 ${share}%）后只有 ${yuan(without)} 元，低于贫困线，主要靠政策兜底，请决定层级核实增收措施`,
          en: `passive exit: per-capita income ${yuan(perCapita)} reaches the line ${yuan(line)} only by transfers (${share}% of income); without them ${yuan(without)} is below the line — check the household's own income measures`,
        }
      : {
          zh: `扣除转移性收入后人均 ${yuan(without)} 元，仍达到贫困线 ${yuan(line)} 元，不是被动脱贫`,
          en: `without transfers ${yuan(without)} per person is still at or above the line ${yuan(line)}: not a passive exit`,
        };
  return {
    passive,
    perCapita,
    perCapitaWithoutTransfers: without,
    line,
    reasons: [reason('passive_exit', !passive, without, line, label, false)],
  };
}
