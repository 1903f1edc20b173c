import { reason, round2, yuan, type Reason } from '../rules/reason.js';
import type { CareLevel, SafetyNetParams, SupportMode } from './params.js';

/**
 * 特困 support (docs/safety-net.md): per person a month, the basic-living standard plus the care
 * standard of the person's care level; the same amounts whether supported at home (dispersed) or in a
 * welfare home (centralised: paid to the home). Eligibility is the special-hardship rule
 * (src/domain/rules/special-hardship.ts: no labour capacity, no means of living, no able legal
 * supporter).
 */
export interface TekunSupport {
  mode: SupportMode;
  careLevel: CareLevel;
  persons: number;
  basicMonthly: number;
  careMonthly: number;
  monthly: number;
  reasons: Reason[];
}

export const CARE_LABEL: Record<CareLevel, { zh: string; en: string }> = {
  self_care: { zh: '生活能自理', en: 'self-care' },
  partly_dependent: { zh: '生活部分不能自理', en: 'partly dependent' },
  fully_dependent: { zh: '生活完全不能自理', en: 'fully dependent' },
};

export function tekunSupport(
  p: SafetyNetParams,
  mode: SupportMode,
  careLevel: CareLevel,
  persons: number,
): TekunSupport {
  const basic = p.tekunBasicMonthly;
  const care = p.tekunCareMonthly[careLevel];
  const n = Math.max(1, persons);
  const monthly = round2((basic + care) * n);
  return {
    mode,
    careLevel,
    persons: n,
    basicMonthly: basic,
    careMonthly: care,
    monthly,
    reasons: [
      reason(
        'tekun_support',
        true,
        monthly,
        { basic, care },
        {
          zh: `${mode === 'centralised' ? '集中供养' : '分散供养'}，${CARE_LABEL[careLevel].zh}：基本生活标准 ${yuan(basic)} 元 + 照料护理标准 ${yuan(care)} 元，${n} 人，每月 ${yuan(monthly)} 元`,
          en: `${mode} support, ${CARE_LABEL[careLevel].en}: basic ${yuan(basic)} + care ${yuan(care)}, ${n} person(s), ${yuan(monthly)} a month`,
        },
      ),
    ],
  };
}
