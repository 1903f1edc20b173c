import { permissionsOf, type Permissions } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';

/** A refusal in English and Chinese (the Chinese in `details.messageZh`). */
export const refuse = (
  code: 'E_FORBIDDEN' | 'E_CONFLICT' | 'E_VALIDATION',
  en: string,
  zh: string,
  more: object = {},
) => new AppError(code, en, { messageZh: zh, ...more });

const WHAT: Record<'runSafetyNet' | 'decideSafetyNet' | 'exportPayments', [string, string]> = {
  runSafetyNet: ['Only civil-affairs staff run the safety net', '只有民政工作人员可以办理社会救助'],
  decideSafetyNet: [
    'Only the county civil-affairs bureau decides benefits',
    '只有县级民政部门可以决定救助待遇',
  ],
  exportPayments: [
    'Only the county civil-affairs bureau exports the bank file',
    '只有县级民政部门可以导出银行发放文件',
  ],
};

/** A day the request names (an application, an appeal) that is after today: a 400 naming the field. */
export function notAfterToday(field: string, day: string, today: string): void {
  if (day > today)
    throw refuse(
      'E_VALIDATION',
      `${field}: ${day} is after today (${today})`,
      `${day} 晚于今天（${today}）`,
      {
        field,
      },
    );
}

/** The safety net's permissions (src/domain/roles.ts: the civil-affairs roles and admin). */
export function requireRight(user: AuthUser, right: keyof typeof WHAT & keyof Permissions): void {
  if (!permissionsOf(user.role)[right]) {
    const [en, zh] = WHAT[right];
    throw refuse('E_FORBIDDEN', en, zh, { permission: right });
  }
}
