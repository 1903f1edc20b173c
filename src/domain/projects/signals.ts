/** Signals of showcase ("bonsai") projects and of funds concentrated in a few villages. */

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface CostRow {
  id: string;
  type: string;
  funds: number;
  beneficiaries: number;
}

export interface CostSignal {
  id: string;
  costPerBeneficiary: number | null;
  peerMedian: number | null;
  ratio: number | null;
  bonsai: boolean;
}

/**
 * Cost per beneficiary household against the median of peers of the same type (projects with at
 * least one beneficiary; a type needs ≥ 3 such projects for a median). Flagged when > factor × median.
 */
export function costSignals(rows: readonly CostRow[], factor = 3): CostSignal[] {
  const byType = new Map<string, number[]>();
  for (const r of rows)
    if (r.beneficiaries > 0) {
      const list = byType.get(r.type) ?? [];
      list.push(r.funds / r.beneficiaries);
      byType.set(r.type, list);
    }
  return rows.map((r) => {
    const peers = byType.get(r.type) ?? [];
    const peerMedian = peers.length >= 3 ? median(peers) : null;
    const cost = r.beneficiaries > 0 ? r.funds / r.beneficiaries : null;
    const ratio = cost !== null && peerMedian ? cost / peerMedian : null;
    return {
      id: r.id,
      costPerBeneficiary: cost,
      peerMedian,
      ratio,
      bonsai: ratio !== null && ratio > factor,
    };
  });
}

/** Each village's share of the funds and the Herfindahl–Hirschman index (Σ share², 0–1). */
export function concentration(byVillage: readonly { villageCode: string; funds: number }[]) {
  const total = byVillage.reduce((s, v) => s + v.funds, 0);
  const shares = byVillage
    .map((v) => ({ villageCode: v.villageCode, funds: v.funds, share: total > 0 ? v.funds / total : 0 }))
    .sort((a, b) => b.share - a.share);
  const hhi = shares.reduce((s, v) => s + v.share * v.share, 0);
  return { total, hhi, villages: shares.length, top: shares.slice(0, 5) };
}

export interface IdleFacts {
  completed: boolean;
  latestStatus: string | null;
  beneficiaries: number;
  benefitLastYear: number;
  completedBeforeLastYear: boolean;
}

/**
 * Why a completed project counts as an idle asset: the latest follow-up says idle, or no beneficiary
 * received anything from it last year. A follow-up recording a revival plan takes it off the list.
 */
export function idleReasons(f: IdleFacts): ('followup_idle' | 'no_benefit')[] {
  if (!f.completed || f.latestStatus === 'revival') return [];
  const out: ('followup_idle' | 'no_benefit')[] = [];
  if (f.latestStatus === 'idle') out.push('followup_idle');
  if (f.completedBeforeLastYear && f.beneficiaries > 0 && f.benefitLastYear === 0) out.push('no_benefit');
  return out;
}
