/** The needs board: kinds, the life of a need, and the anonymity check of its published text. */
export const NEED_KINDS = [
  'school_aid',
  'medical_aid',
  'house_repair',
  'industry',
  'jobs',
  'training',
  'daily_necessities',
  'village_project',
] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const ORG_KINDS = ['enterprise', 'ngo', 'volunteer', 'paired_unit', 'consumer_group'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
/** Kinds that may register without a unified social credit code (informal groups). */
export const ORG_KINDS_WITHOUT_CODE: readonly OrgKind[] = ['volunteer', 'consumer_group'];

export const NEED_STATUSES = ['open', 'pledged', 'delivered', 'confirmed', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export type NeedAction = 'pledge' | 'deliver' | 'confirm' | 'withdraw';

const NEXT: Record<NeedAction, { from: NeedStatus[]; to: NeedStatus }> = {
  pledge: { from: ['open'], to: 'pledged' },
  deliver: { from: ['pledged'], to: 'delivered' },
  confirm: { from: ['delivered'], to: 'confirmed' },
  withdraw: { from: ['open'], to: 'withdrawn' },
};

/** The status after `action`, or null when the action is not allowed in `status`. */
export function nextNeedStatus(status: NeedStatus, action: NeedAction): NeedStatus | null {
  const t = NEXT[action];
  return t.from.includes(status) ? t.to : null;
}

/**
 * Personal data that must not appear in a need's published text: 18-character ID numbers, 11-digit
 * mobile numbers, 12-digit village codes, and any of the given strings (names, address, phone of the
 * household's members). Returns what was found (empty: the text may be published).
 */
export function personalDataIn(text: string, known: readonly string[] = []): string[] {
  const found: string[] = [];
  if (/\d{17}[\dXx]/.test(text)) found.push('id_number');
  if (/(^|\D)1[3-9]\d{9}(\D|$)/.test(text)) found.push('phone');
  if (/(^|\D)\d{12}(\D|$)/.test(text)) found.push('village_code');
  for (const k of known) {
    const s = k.trim();
    if (s.length >= 2 && text.includes(s)) {
      found.push('known');
      break;
    }
  }
  return found;
}

/** Split `total` (yuan) over shares into cents, largest remainder first; sums exactly to the total. */
export function allocateIncome(total: number, shares: readonly number[]): number[] {
  if (shares.length === 0) return [];
  const cents = Math.round(total * 100);
  const sum = shares.reduce((a, b) => a + b, 0);
  const weights = sum > 0 ? shares.map((s) => s / sum) : shares.map(() => 1 / shares.length);
  const raw = weights.map((w) => w * cents);
  const base = raw.map(Math.floor);
  let rest = cents - base.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    base[i]!++;
    rest--;
  }
  return base.map((c) => c / 100);
}

/** Median of numbers (null for none). */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
