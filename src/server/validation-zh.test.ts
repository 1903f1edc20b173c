import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationMessageZh } from './validation-zh.js';

/** The issues of a failed parse, shaped as fastify-type-provider-zod hands them to the error handler. */
function issuesOf(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues.map(({ code, message, path: _path, ...params }) => ({
    code,
    message,
    params: params as Record<string, unknown>,
  }));
}
const zh = (schema: z.ZodType, value: unknown) => issuesOf(schema, value).map(validationMessageZh);

describe('validationMessageZh', () => {
  it.each([
    ['a missing field', z.object({ name: z.string() }), {}, '必填，未填写'],
    ['a wrong type', z.object({ n: z.number() }), { n: 'x' }, '类型不对，应为数字'],
    ['a short string', z.string().min(12), 'abc', '至少 12 个字符'],
    ['a long string', z.string().max(3), 'abcd', '最多 3 个字符'],
    ['a small number', z.number().min(2000), 1800, '不能小于 2000'],
    ['a number not above', z.number().positive(), 0, '须大于 0'],
    ['a large number', z.number().max(100), 101, '不能大于 100'],
    ['an empty list', z.array(z.string()).min(1), [], '至少 1 项'],
    ['a value outside a list', z.enum(['poor', 'exited']), 'bogus', '须为以下之一：poor、exited'],
    ['a date', z.iso.date(), '2026-13-01', '格式不对，应为日期，格式为 YYYY-MM-DD'],
    ['a pattern', z.string().regex(/^\d{12}$/), '12', '格式不对'],
    ['a multiple', z.number().multipleOf(5), 7, '须为 5 的倍数'],
    ['an unknown key', z.strictObject({ a: z.string() }), { a: 'x', b: 1 }, '不认识的字段：b'],
    ['an own refinement', z.string().refine((s) => s === 'ok', '必须是 ok'), 'no', '必须是 ok'],
    ['a refinement worded in English', z.number().refine((v) => v > 0, 'must be more than 0'), 0, '须大于 0'],
    [
      'a month',
      z.string().regex(/^\d{4}-\d{2}-01$/, 'must be a month YYYY-MM-01 of 2000–2100'),
      '2026-13',
      '格式不对，应为 2000–2100 年某月的第一天 YYYY-MM-01',
    ],
    ['a refinement not worded', z.number().refine((v) => v > 1, 'must be big'), 0, '取值无效'],
  ])('words %s', (_case, schema, value, expected) => {
    expect(zh(schema, value)).toEqual([expected]);
  });
});
