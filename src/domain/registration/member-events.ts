import { isIdProblem, parseIdNumber } from '../id-number.js';

/** Dated changes of a household's members: who joins, who leaves, and how a leaver is recorded. */
export const JOINING = ['birth', 'marriage_in', 'move_in'] as const;
export const LEAVING = ['marriage_out', 'move_out', 'death'] as const;
export type MemberEventKindCode = (typeof JOINING)[number] | (typeof LEAVING)[number];

export const EVENT_LABELS: Record<MemberEventKindCode, { zh: string; en: string }> = {
  birth: { zh: '出生', en: 'birth' },
  marriage_in: { zh: '婚入', en: 'marriage into the household' },
  move_in: { zh: '迁入', en: 'moving in' },
  marriage_out: { zh: '婚出', en: 'marriage out of the household' },
  move_out: { zh: '迁出', en: 'moving out' },
  death: { zh: '死亡', en: 'death' },
};

export const isJoining = (k: MemberEventKindCode): k is (typeof JOINING)[number] =>
  (JOINING as readonly string[]).includes(k);

/** The member status a leaver takes. */
export const statusAfter = (k: (typeof LEAVING)[number]): 'deceased' | 'moved_out' =>
  k === 'death' ? 'deceased' : 'moved_out';

export interface EventDateProblem {
  field: string;
  code: string;
  message: string;
  messageZh: string;
}

/**
 * The date of a member event: not in the future (`today`, China date from the clock), not before
 * the member's birth; a birth is dated on the birth date the ID number encodes.
 */
export function checkEventDate(
  kind: MemberEventKindCode,
  date: string,
  today: string,
  birthDate: string | null,
): EventDateProblem[] {
  if (date > today)
    return [
      {
        field: 'date',
        code: 'E_DATE_FUTURE',
        message: `${EVENT_LABELS[kind].en} date ${date} is in the future (today is ${today})`,
        messageZh: `${EVENT_LABELS[kind].zh}日期 ${date} 晚于今天（${today}）`,
      },
    ];
  if (birthDate && date < birthDate)
    return [
      {
        field: 'date',
        code: 'E_DATE_BEFORE_BIRTH',
        message: `${EVENT_LABELS[kind].en} date ${date} is before the member's birth (${birthDate})`,
        messageZh: `${EVENT_LABELS[kind].zh}日期 ${date} 早于该成员出生日期（${birthDate}）`,
      },
    ];
  if (kind === 'birth' && birthDate && date !== birthDate)
    return [
      {
        field: 'date',
        code: 'E_ID_BIRTH_MISMATCH',
        message: `birth date ${date} does not match ${birthDate} encoded in the ID number`,
        messageZh: `出生日期 ${date} 与身份证号码中的 ${birthDate} 不一致`,
      },
    ];
  return [];
}

/** The birth date an ID number encodes, or null when it is not a valid number (the edit reports that). */
export function encodedBirth(idNumber: string, today: string): string | null {
  const p = parseIdNumber(idNumber, today);
  return isIdProblem(p) ? null : p.birthDate;
}
