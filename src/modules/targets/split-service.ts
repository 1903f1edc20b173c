import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { checkSplit } from '../../domain/projects/targets.js';
import { splitBySum } from '../../domain/targets/indicators.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertManager } from '../projects/access.js';
import { indicatorRepository as figuresRepo } from './indicator-repository.js';
import { targetsRepository as repo } from './repository.js';

export type IndicatorKindRow = Awaited<ReturnType<typeof figuresRepo.kinds>>[number];

export interface SplitRequest {
  year: number;
  indicator: string;
  regionCode: string;
  /** Set (or change) the parent's own value too; otherwise its stored target is split. */
  value?: number | undefined;
  children: { regionCode: string; value: number }[];
}

type Region = { code: string; name: string };

/** Stored child targets of a summed kind that do not add up to their parent's. */
export function splitProblems(
  kinds: readonly IndicatorKindRow[],
  code: string,
  children: readonly Region[],
  targets: ReadonlyMap<string, number>,
) {
  return kinds.filter(splitBySum).flatMap(({ kind: k }) => {
    const parent = targets.get(`${k}:${code}`);
    const kids = children.filter((c) => targets.has(`${k}:${c.code}`));
    if (parent === undefined || kids.length === 0) return [];
    const problem = checkSplit(
      { regionCode: code, value: parent },
      kids.map((c) => ({ regionCode: c.code, value: targets.get(`${k}:${c.code}`)! })),
    );
    return problem ? [{ indicator: k, ...problem }] : [];
  });
}

const invalid = (message: string, messageZh: string, details: object) =>
  new AppError('E_VALIDATION', message, { ...details, messageZh });

/** The indicator kind of the request, from the table of kinds; a clear error for an unknown one. */
async function kindOf(db: Kysely<DB>, indicator: string) {
  const kinds = await figuresRepo.kinds(db);
  const kind = kinds.find((k) => k.kind === indicator);
  if (!kind)
    throw invalid(
      `indicator: no target indicator ${indicator}; known: ${kinds.map((k) => k.kind).join(', ')}`,
      `指标（indicator）“${indicator}”不存在`,
      { field: 'indicator' },
    );
  return kind;
}

/** Every child a direct sub-region of the parent; returns the parent's stored target of the indicator. */
async function checkChildren(db: Kysely<DB>, r: SplitRequest, parent: Region) {
  const children = new Map((await repo.children(db, r.regionCode)).map((c) => [c.code, c]));
  const seen = new Set<string>();
  const twice = r.children.find((c) => seen.size === seen.add(c.regionCode).size);
  if (twice)
    throw invalid(`children: ${twice.regionCode} is given twice`, `下级区划 ${twice.regionCode} 重复`, {
      field: 'children',
      region: twice.regionCode,
    });
  const stranger = r.children.find((c) => !children.has(c.regionCode));
  if (stranger)
    throw invalid(
      `${stranger.regionCode} is not a sub-region of ${parent.name} (${parent.code})`,
      `${stranger.regionCode} 不是${parent.name}（${parent.code}）的下级区划`,
      { field: 'children', region: stranger.regionCode },
    );
  return (await repo.targets(db, r.year, [r.regionCode])).find((t) => t.indicator === r.indicator);
}

/**
 * The parent's value: the request's, or the stored one. A target set by the level above is split as
 * it is. A counted kind's children must add up to it; a rate's children each carry their own rate.
 */
function splitValue(
  user: AuthUser,
  r: SplitRequest,
  kind: IndicatorKindRow,
  parent: Region,
  stored?: number,
) {
  const value = r.value ?? stored;
  const fromAbove = user.scopeCode.length >= r.regionCode.length;
  if (stored !== undefined && r.value !== undefined && r.value !== stored && fromAbove)
    throw new AppError(
      'E_FORBIDDEN',
      `The ${r.indicator} target of ${parent.name} (${parent.code}) for ${r.year} is set by the level above; split it as it is (${stored})`,
      {
        field: 'value',
        messageZh: `${parent.name}${r.year} 年的“${kind.name_zh}”任务由上级下达，请按 ${stored} 分解`,
      },
    );
  if (value === undefined)
    throw invalid(
      `${parent.name} (${parent.code}) has no ${r.indicator} target for ${r.year}: give value`,
      `${parent.name}${r.year} 年尚无“${kind.name_zh}”任务，请填写任务值（value）`,
      { field: 'value' },
    );
  const over =
    kind.unit === 'percent' ? [value, ...r.children.map((c) => c.value)].find((v) => v > 1000) : undefined;
  if (over !== undefined)
    throw invalid(`value: ${over} % is beyond 1000 %`, `任务值 ${over}% 超出范围（不超过 1000%）`, {
      field: 'value',
    });
  const problem = splitBySum(kind) ? checkSplit({ regionCode: r.regionCode, value }, r.children) : null;
  if (problem)
    throw invalid(
      `Targets of the sub-regions of ${parent.name} (${parent.code}) add up to ${problem.childSum}: ` +
        `${problem.difference} ${problem.kind === 'shortfall' ? 'short of' : 'more than'} its ${r.indicator} target ${value} for ${r.year}`,
      `${parent.name}各下级的“${kind.name_zh}”任务合计 ${problem.childSum}，${problem.kind === 'shortfall' ? '少于' : '多于'}其任务 ${value}（相差 ${problem.difference}）`,
      { field: 'children', ...problem },
    );
  return value;
}

/** Saving a split: every child a direct sub-region; a counted kind's children add up to the parent. */
export function createSplitService(db: Kysely<DB>) {
  return {
    async split(user: AuthUser, r: SplitRequest) {
      assertManager(user, 'set targets');
      assertInScope(user, r.regionCode);
      const kind = await kindOf(db, r.indicator);
      const parent = await repo.region(db, r.regionCode);
      if (!parent) throw notFound('region', r.regionCode);
      const stored = await checkChildren(db, r, parent);
      const value = splitValue(user, r, kind, parent, stored?.value);
      return db.transaction().execute(async (trx) => {
        const rows = [{ regionCode: r.regionCode, value }, ...r.children].map((c) => ({
          year: r.year,
          indicator: r.indicator,
          region_code: c.regionCode,
          value: c.value,
          set_by: user.username,
        }));
        await repo.upsertTargets(trx, rows);
        await recordAudit(trx, actorOf(user), {
          action: 'target.split',
          entityType: 'assist_target',
          entityId: `${r.year}:${r.indicator}:${r.regionCode}`,
          regionCode: r.regionCode,
          before: stored ? { value: stored.value } : null,
          after: { value, children: r.children },
        });
        return { saved: rows.length };
      });
    },
  };
}
