import { z } from 'zod';

/**
 * A schema-validation issue in plain Chinese for a clerk (the API's `message` stays English). The
 * issue is as fastify-type-provider-zod hands it over: zod's code, its English message and the
 * issue's other fields. The common cases are worded here; anything else falls back to zod's own
 * zh-CN locale.
 */
export interface ValidationIssue {
  code: string;
  message: string;
  params: Record<string, unknown>;
}

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  date: '日期',
};

const FORMAT_ZH: Record<string, string> = {
  date: '日期，格式为 YYYY-MM-DD',
  datetime: '日期时间（ISO 8601）',
  email: '电子邮件地址',
  uuid: 'UUID',
  url: '网址',
};

/**
 * The English messages of our own refinements (`.refine(check, 'message')` in the route schemas) and
 * patterns, worded in Chinese. A refinement missing here and worded in English falls back to
 * '取值无效', a pattern to '格式不对'.
 */
const CUSTOM_ZH: Record<string, string> = {
  'must be more than 0': '须大于 0',
  'must not be 0': '不能为 0',
  'must be at least 1': '不能小于 1',
  'must be a real date': '不是真实存在的日期',
  'must be a village code (12 digits)': '须为村级区划代码（12 位）',
  'a region is required': '必填：地区',
  required: '必填，未填写',
  'name at least one of displayName, role, scopeCode': '至少填写显示名称、角色、管辖范围之一',
  'periodTo is before periodFrom': '结束日期早于开始日期',
  'removedOn is before startedOn': '消除日期早于开始日期',
  // patterns of the shared field types (kernel/schema.ts) and the safety net's month
  'must be a numeric id': '格式不对，应为数字编号',
  'must be a date YYYY-MM-DD': '格式不对，应为日期，格式为 YYYY-MM-DD',
  'must be a division code of 2, 4, 6, 9 or 12 digits': '格式不对，应为 2、4、6、9 或 12 位区划代码',
  'must be a county code (6 digits)': '格式不对，应为 6 位县级区划代码',
  'must be a 12-digit village code': '格式不对，应为 12 位村级区划代码',
  'must be a month YYYY-MM-01 of 2000–2100': '格式不对，应为 2000–2100 年某月的第一天 YYYY-MM-01',
};

const zodZh = z.locales.zhCN().localeError;

function bound(p: Record<string, unknown>, side: 'min' | 'max'): string {
  const n = String(side === 'min' ? p.minimum : p.maximum);
  const inclusive = p.inclusive !== false;
  switch (p.origin) {
    case 'string':
      return side === 'min' ? `至少 ${n} 个字符` : `最多 ${n} 个字符`;
    case 'array':
    case 'set':
      return side === 'min' ? `至少 ${n} 项` : `最多 ${n} 项`;
    default:
      if (side === 'min') return inclusive ? `不能小于 ${n}` : `须大于 ${n}`;
      return inclusive ? `不能大于 ${n}` : `须小于 ${n}`;
  }
}

export function validationMessageZh(issue: ValidationIssue): string {
  const p = issue.params;
  switch (issue.code) {
    case 'invalid_type':
      // zod v4 keeps no input in its issues; its English message still says what it received
      if (/received undefined$/.test(issue.message)) return '必填，未填写';
      return `类型不对，应为${TYPE_ZH[String(p.expected)] ?? String(p.expected)}`;
    case 'too_small':
      return bound(p, 'min');
    case 'too_big':
      return bound(p, 'max');
    case 'invalid_value':
      return Array.isArray(p.values) ? `须为以下之一：${p.values.map(String).join('、')}` : '取值无效';
    case 'invalid_format':
      return p.format === 'regex' || p.format === undefined
        ? (CUSTOM_ZH[issue.message] ?? '格式不对')
        : `格式不对，应为${FORMAT_ZH[String(p.format)] ?? String(p.format)}`;
    case 'not_multiple_of':
      return `须为 ${String(p.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return Array.isArray(p.keys) ? `不认识的字段：${p.keys.map(String).join('、')}` : '有不认识的字段';
    case 'custom': // our own refinements: their Chinese wording, or their message when it is Chinese
      return CUSTOM_ZH[issue.message] ?? (/[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '取值无效');
    default: {
      const r = zodZh({ ...p, code: issue.code } as never);
      return (typeof r === 'string' ? r : r?.message) ?? issue.message;
    }
  }
}
