import { round2 } from '../rules/reason.js';

/**
 * A month's payment list against the rolls (docs/safety-net.md, quality check
 * `payments_reconcile`): for every roll entry or temporary-assistance case (its key), what the
 * rolls say is due that month must equal what the list carries — its lines (paid or returned by the
 * bank: a return does not change the entitlement) plus its corrections. Totals per programme.
 */
export type Programme = 'dibao' | 'tekun' | 'temporary';

export interface Due {
  key: string;
  programme: Programme;
  amount: number;
}

export interface ListedLine {
  key: string;
  programme: Programme;
  amount: number;
  state: 'due' | 'returned' | 'correction';
}

export interface ProgrammeTotals {
  programme: Programme;
  expected: number;
  listed: number;
  returned: number;
  corrections: number;
  /** What reaches the households: listed − returned + corrections. */
  paid: number;
  lines: number;
}

export interface Reconciliation {
  ok: boolean;
  totals: ProgrammeTotals[];
  mismatches: { key: string; programme: Programme; expected: number; listed: number }[];
}

const PROGRAMMES: readonly Programme[] = ['dibao', 'tekun', 'temporary'];

export function reconcile(due: readonly Due[], lines: readonly ListedLine[]): Reconciliation {
  const expected = new Map<string, Due>();
  for (const d of due) {
    const e = expected.get(d.key);
    expected.set(d.key, e ? { ...e, amount: e.amount + d.amount } : { ...d });
  }
  const listed = new Map<string, { programme: Programme; amount: number }>();
  for (const l of lines) {
    const x = listed.get(l.key) ?? { programme: l.programme, amount: 0 };
    listed.set(l.key, { programme: x.programme, amount: x.amount + l.amount });
  }
  const mismatches = [...new Set([...expected.keys(), ...listed.keys()])]
    .map((key) => ({
      key,
      programme: (expected.get(key)?.programme ?? listed.get(key)?.programme)!,
      expected: round2(expected.get(key)?.amount ?? 0),
      listed: round2(listed.get(key)?.amount ?? 0),
    }))
    .filter((m) => Math.abs(m.expected - m.listed) >= 0.005)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const totals = PROGRAMMES.map((programme) => {
    const mine = lines.filter((l) => l.programme === programme);
    const sum = (f: (l: ListedLine) => boolean) => round2(mine.filter(f).reduce((s, l) => s + l.amount, 0));
    const listedSum = sum((l) => l.state !== 'correction');
    const returned = sum((l) => l.state === 'returned');
    const corrections = sum((l) => l.state === 'correction');
    return {
      programme,
      expected: round2(due.filter((d) => d.programme === programme).reduce((s, d) => s + d.amount, 0)),
      listed: listedSum,
      returned,
      corrections,
      paid: round2(listedSum - returned + corrections),
      lines: mine.filter((l) => l.state !== 'correction').length,
    };
  });
  return { ok: mismatches.length === 0, totals, mismatches };
}
