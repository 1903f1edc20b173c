import type { FormInstance } from 'antd';
import { isApiError } from '../../api/client';

/**
 * The fields a refused request names, put under the form's own fields in the user's language:
 * a schema refusal (`details: [{ field: 'body.x', message, messageZh }]`) or a service's
 * (`details: { field: 'body.x', messageZh }`, its English in the error's message). Returns the
 * names it placed; the caller shows the whole message above the form as well.
 */
export function placeServerErrors<T>(
  form: FormInstance<T>,
  names: readonly string[],
  e: unknown,
  english: boolean,
): string[] {
  if (!isApiError(e)) return [];
  type Detail = { field?: unknown; message?: unknown; messageZh?: unknown };
  const raw: Detail[] = Array.isArray(e.details)
    ? (e.details as Detail[])
    : e.details && typeof e.details === 'object'
      ? [{ ...(e.details as Detail), message: e.message }]
      : [];
  const known = new Set(names);
  const placed: { name: string; errors: string[] }[] = [];
  for (const d of raw) {
    if (typeof d.field !== 'string') continue;
    const name = d.field.replace(/^body\./, '');
    if (!known.has(name)) continue;
    const zh = typeof d.messageZh === 'string' ? d.messageZh : null;
    const en = typeof d.message === 'string' ? d.message : '';
    placed.push({ name, errors: [english ? en : (zh ?? en)] });
  }
  form.setFields(placed as never);
  return placed.map((p) => p.name);
}
