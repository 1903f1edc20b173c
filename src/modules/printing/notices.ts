import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { CaseKind } from '../../domain/cases/types.js';
import type { CaseService } from '../cases/service.js';
import type { Notice } from '../cases/notice.js';
import type { PolicyService } from '../policy/service.js';
import { noticesPdf } from './notice-pdf.js';
import type { BatchNotice, Supervision } from './notice-types.js';
import { NATIONAL_SUPERVISION_LINE, type PaperLang } from './paper.js';

export type { BatchNotice, Supervision } from './notice-types.js';

const MAX_CASES = 1000;

/**
 * What every public notice prints besides its households: the county's 监督举报电话 (the policy
 * parameter `supervisionHotline` of the county, its prefecture or province; without one the national
 * default 12345, said so) and the national poverty-alleviation line 12317; and the batch notice of a
 * village's or township's round — every household whose case of one kind is in a notice period now.
 */
export function createNoticeService(deps: { cases: CaseService; policy: PolicyService; clock: Clock }) {
  const { cases, policy, clock } = deps;

  async function supervisionFor(regionCode: string): Promise<Supervision> {
    const r = await policy.resolve(regionCode.slice(0, 6), clock.today());
    const isDefault = r.sources.supervisionHotline.derived === 'defaultParams';
    return { county: { phone: r.extras.supervisionHotline, isDefault }, national: NATIONAL_SUPERVISION_LINE };
  }

  /** The batch notices of a village (12 digits) or a township (9 digits) for one kind of case. */
  async function batch(user: AuthUser, q: { region: string; kind: CaseKind }) {
    const region = scopeFor(user, q.region);
    if (region.length !== 9 && region.length !== 12)
      throw new AppError(
        'E_VALIDATION',
        'Invalid query.region: a township (9 digits) or a village (12 digits)',
        [
          {
            field: 'query.region',
            message: 'a township (9 digits) or a village (12 digits)',
            messageZh: '请选择乡镇（9 位代码）或村（12 位代码）',
          },
        ],
      );
    const notices: Notice[] = [];
    for (let page = 1; ; page++) {
      const list = await cases.list(user, { region, kind: q.kind, open: true, page, pageSize: 200 });
      for (const item of list.items) {
        const n = await cases.notice(user, item.id).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'E_CONFLICT') return null; // no notice at its step
          throw e;
        });
        if (n?.current) notices.push(n);
      }
      if (page * 200 >= Math.min(list.total, MAX_CASES)) break;
    }
    return { region, kind: q.kind, rounds: rounds(notices), supervision: await supervisionFor(region) };
  }

  return {
    /** The supervision lines for a region in scope (absent: the user's own). */
    supervision: (user: AuthUser, region: string | undefined) => supervisionFor(scopeFor(user, region)),

    batch,

    /** The batch notices as one PDF (a sheet per round; one line saying so when there is none). */
    async batchPdf(user: AuthUser, q: { region: string; kind: CaseKind; lang: PaperLang }) {
      const b = await batch(user, q);
      return {
        filename: `notices-${b.region}-${q.kind}.pdf`,
        body: await noticesPdf(b.rounds, b.supervision, q.lang),
      };
    },
  };
}

/** Notices grouped by stage and issuer (a township round holds one notice per village at a village step). */
export function rounds(notices: readonly Notice[]): BatchNotice[] {
  const groups = new Map<string, Notice[]>();
  for (const n of notices) {
    const key = `${n.stage}|${n.issuer.zh}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  return [...groups.values()].map((g) => {
    const first = g[0]!;
    const start = g.map((n) => n.period.start).sort()[0]!;
    const end = g
      .map((n) => n.period.end)
      .sort()
      .at(-1)!;
    const same = g.every((n) => n.period.start === start && n.period.end === end);
    const households = g
      .flatMap((n) =>
        n.households.map((h) => ({
          ...h,
          village: n.place.village,
          caseId: n.caseId,
          start: n.period.start,
          end: n.period.end,
        })),
      )
      .sort((a, b) => a.householdNo.localeCompare(b.householdNo));
    const { caseId: _c, households: _h, period: _p, current: _cur, ...rest } = first;
    return { ...rest, households, period: { start, end, same } };
  });
}
export type NoticeService = ReturnType<typeof createNoticeService>;
