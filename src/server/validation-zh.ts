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
        ? '格式不对'
        : `格式不对，应为${FORMAT_ZH[String(p.format)] ?? String(p.format)}`;
    case 'not_multiple_of':
      return `须为 ${String(p.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return Array.isArray(p.keys) ? `不认识的字段：${p.keys.map(String).join('、')}` : '有不认识的字段';
    case 'custom':
      return issue.message; // our own refinements word their message themselves
    default: {
      const r = zodZh({ ...p, code: issue.code } as never);
      return (typeof r === 'string' ? r : r?.message) ?? issue.message;
    }
  }
}
