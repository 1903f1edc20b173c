import { isFactKind, KIND_INFO } from '../facts/catalogue.js';

/** Chinese words of the codes an inbox or next-step title names (never a raw code on a Chinese screen). */
const WARNING_ZH: Record<string, string> = {
  illness: '患病',
  accident: '意外事故',
  disaster: '自然灾害',
  job_loss: '失业',
  dropout: '辍学',
  housing_damage: '住房受损',
  income_drop: '收入骤减',
  other: '其他',
  medical_bill: '大额医疗费用',
  disaster_area: '受灾地区',
  school_dropout: '辍学名单',
  job_loss_list: '失业名单',
  dangerous_house: '危房名单',
  income_in_range: '收入处于监测范围',
};

export const warningKindZh = (k: string): string => WARNING_ZH[k] ?? '其他';
export const factKindZh = (k: string): string => (isFactKind(k) ? KIND_INFO[k].zh : '其他');
export const factKindEn = (k: string): string => (isFactKind(k) ? KIND_INFO[k].en : k);
