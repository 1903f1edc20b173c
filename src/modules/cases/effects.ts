import type { HouseholdStatus } from '../../domain/code-lists.js';
import type { CaseKind } from '../../domain/cases/types.js';

/**
 * What a decided case changes in the registry (pure). Applied in the transaction of the transition,
 * with a status-history row whose reason names the case.
 */
export interface HouseholdEffect {
  status: HouseholdStatus | null;
  householdType: string | null;
  registeredYear: number | null;
  exitYear: number | null;
  /** undefined: unchanged. */
  monitoringCategory?: string | null;
  /** Put every present member on dibao. */
  dibaoMembers: boolean;
  /** Put every present member on 特困 support (undefined: unchanged). */
  tekunMembers?: boolean;
  zh: string;
  en: string;
}

export type MonitoringCategoryCode = 'unstable' | 'marginal' | 'sudden';

/** Household type after registration or dibao approval. */
const REGISTERED_TYPE: Record<string, string> = {
  ordinary: 'general_poor',
  dibao: 'dibao_poor',
  exited: 'general_poor',
};
const DIBAO_TYPE: Record<string, string> = { ordinary: 'dibao', general_poor: 'dibao_poor', exited: 'dibao' };

const none = { status: null, householdType: null, registeredYear: null, exitYear: null, dibaoMembers: false };

export function effectOf(
  kind: CaseKind,
  action: string,
  to: string,
  household: { householdType: string },
  decision: { category?: MonitoringCategoryCode | undefined },
  year: number,
): HouseholdEffect | null {
  const type = household.householdType;
  if (kind === 'identification' && to === 'registered')
    return {
      ...none,
      status: 'poor',
      householdType: REGISTERED_TYPE[type] ?? type,
      registeredYear: year,
      zh: '登记为建档立卡贫困户',
      en: 'registered as poor',
    };
  if (kind === 'exit' && to === 'closed')
    return {
      ...none,
      status: 'exited',
      exitYear: year,
      zh: '退出（脱贫）销号',
      en: 'exited (record closed)',
    };
  if (kind === 'monitoring' && action === 'include')
    return {
      ...none,
      status: 'monitored',
      monitoringCategory: decision.category ?? null,
      zh: '纳入防返贫监测对象',
      en: 'included for monitoring',
    };
  if (kind === 'monitoring' && to === 'risk_removed')
    return { ...none, status: 'risk_removed', zh: '风险消除', en: 'risk removed' };
  if (kind === 'dibao' && to === 'approved')
    return {
      ...none,
      householdType: DIBAO_TYPE[type] ?? type,
      dibaoMembers: true,
      zh: '纳入农村低保',
      en: 'dibao approved',
    };
  if (kind === 'tekun' && to === 'approved')
    return {
      ...none,
      householdType: 'tekun',
      tekunMembers: true,
      zh: '认定为特困人员',
      en: 'special hardship approved',
    };
  return null;
}

/** Requirements the service adds to the data-defined ones: the county names the monitoring category. */
export function serviceRequirements(
  kind: CaseKind,
  action: string,
  decision: { category?: string | undefined } | undefined,
): string[] {
  if (kind === 'monitoring' && action === 'include' && !decision?.category) return ['decision.category'];
  return [];
}

export const KIND_LABEL: Record<CaseKind, { zh: string; en: string }> = {
  identification: { zh: '贫困户识别', en: 'identification' },
  exit: { zh: '贫困户退出', en: 'household exit' },
  monitoring: { zh: '防返贫监测', en: 'monitoring' },
  dibao: { zh: '低保审批', en: 'dibao' },
  tekun: { zh: '特困人员认定', en: 'special hardship' },
};

/** Which household statuses may enter a procedure; null when any may. */
export const OPENABLE: Record<CaseKind, readonly HouseholdStatus[] | null> = {
  identification: ['none', 'exited', 'risk_removed', 'monitored'],
  exit: ['poor', 'returned'],
  monitoring: ['none', 'exited', 'risk_removed', 'monitored'],
  dibao: null,
  tekun: null,
};
