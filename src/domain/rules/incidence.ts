import type { PolicyParams } from './params.js';
import { percent, reason, type Reason } from './reason.js';

/**
 * Poverty incidence (贫困发生率) = registered poor persons / rural population, against the exit
 * threshold of the region (western regions have the higher one). At the threshold passes (≤).
 */
export function incidenceReason(poorPersons: number, ruralPopulation: number, p: PolicyParams): Reason {
  const threshold = p.western ? p.exitIncidenceThreshold.western : p.exitIncidenceThreshold.default;
  const rate = ruralPopulation > 0 ? poorPersons / ruralPopulation : null;
  const ok = rate !== null && rate <= threshold;
  const where = p.western ? '西部地区' : '';
  return reason(
    'poverty_incidence',
    ok,
    rate,
    threshold,
    rate === null
      ? { zh: '没有农村人口数，无法计算贫困发生率', en: 'no rural population: incidence unknown' }
      : {
          zh: `贫困发生率 ${percent(rate)}（${poorPersons} / ${ruralPopulation} 人），${ok ? '不高于' : '高于'}${where}退出标准 ${percent(threshold)}`,
          en: `poverty incidence ${percent(rate)} (${poorPersons}/${ruralPopulation}) ${ok ? 'within' : 'above'} the threshold ${percent(threshold)}`,
        },
  );
}
