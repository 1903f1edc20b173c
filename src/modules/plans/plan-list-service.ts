import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { labelOf } from '../../domain/code-lists.js';
import type { CatalogueEntry } from '../../domain/plans/catalogue.js';
import { causesOf, checkFit } from '../../domain/plans/fit.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { planListRepository as repo, type PlanListFilter, type PlanListRow } from './plan-list-repository.js';
import { loadCatalogue } from './plan-view.js';

export interface PlanListQuery {
  region?: string | undefined;
  year?: number | undefined;
  status?: string | undefined;
  cause?: string | undefined;
  measureType?: string | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** The most rows one export writes; a larger region is exported village by village or township by township. */
export const EXPORT_LIMIT = 50_000;

const PLAN_STATUS_ZH: Record<string, string> = {
  draft: '草案（待户认可）',
  agreed: '户已认可',
  declined: '户不认可',
  none: '未制定',
};
const MEASURE_STATUS_ZH: Record<string, string> = {
  planned: '计划中',
  in_progress: '实施中',
  completed: '已完成',
  cancelled: '已取消',
};

const item = (r: PlanListRow, catalogue: ReadonlyMap<string, CatalogueEntry>) => {
  const fit = r.plan_id
    ? checkFit(
        {
          mainCause: r.main_cause,
          otherCauses: r.other_causes,
          ableToWork: r.able,
          measures: r.measures.map((m) => ({ catalogueCode: m.code, measureType: m.type, status: m.status })),
        },
        catalogue,
      )
    : null;
  return {
    householdId: r.household_id,
    householdNo: r.household_no,
    headName: r.head_name,
    villageCode: r.village_code,
    villageName: r.village_name,
    householdStatus: r.household_status,
    causes: causesOf(r.main_cause, r.other_causes),
    planId: r.plan_id,
    planStatus: r.plan_status ?? 'none',
    agreedAt: r.agreed_at ? r.agreed_at.toISOString() : null,
    measures: r.measures,
    overdue: r.measures.filter((m) => m.overdue).length,
    gaps: fit
      ? fit.problems.map((p) => ({ kind: p.kind as string, cause: p.cause ?? null, message: p.message }))
      : [
          {
            kind: 'no_plan',
            cause: null,
            message: { zh: '尚未制定本年度帮扶计划', en: 'no plan for the year' },
          },
        ],
  };
};
export type PlanListItem = ReturnType<typeof item>;

/**
 * The full 一户一策 list (issue 20 item 8): every household that needs a plan — registered, returned,
 * monitored, exited — and every household with a plan of the year, with its measures, status and gaps
 * (the fit check, src/domain/plans/fit.ts), filtered by village, plan status, cause, measure type and
 * overdue measures; and its export as a workbook.
 */
export function createPlanListService(db: Kysely<DB>, clock: Clock) {
  const filterOf = (user: AuthUser, q: Omit<PlanListQuery, 'page' | 'pageSize'>): PlanListFilter => ({
    region: scopeFor(user, q.region),
    year: q.year ?? Number(clock.today().slice(0, 4)),
    today: clock.today(),
    status: q.status,
    cause: q.cause,
    measureType: q.measureType,
    overdue: q.overdue,
  });

  return {
    async planList(user: AuthUser, q: PlanListQuery) {
      const f = filterOf(user, q);
      const [{ total, rows }, cat] = await Promise.all([
        repo.page(db, f, q.pageSize, (q.page - 1) * q.pageSize),
        loadCatalogue(db),
      ]);
      return {
        year: f.year,
        region: f.region,
        total,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => item(r, cat.map)),
      };
    },

    /** The filtered list as an XLSX workbook (Chinese headers and labels), named by the local date. */
    async planListXlsx(user: AuthUser, q: Omit<PlanListQuery, 'page' | 'pageSize'>) {
      const f = filterOf(user, q);
      const [{ total, rows }, cat] = await Promise.all([
        repo.page(db, f, EXPORT_LIMIT + 1, 0),
        loadCatalogue(db),
      ]);
      if (total > EXPORT_LIMIT)
        throw new AppError(
          'E_VALIDATION',
          `region: ${total} households exceed the export limit of ${EXPORT_LIMIT}; choose a smaller region`,
          {
            field: 'region',
            messageZh: `共 ${total} 户，超过导出上限 ${EXPORT_LIMIT} 户，请选择较小的区域`,
          },
        );
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Jingzhun';
      const ws = wb.addWorksheet(`${f.year}年一户一策`);
      const header = ws.addRow([
        '户编号',
        '户主',
        '村',
        '农户状态',
        '致贫原因',
        '计划状态',
        '帮扶措施',
        '逾期措施',
        '缺口',
      ]);
      header.font = { bold: true };
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      for (const r of rows) {
        const x = item(r, cat.map);
        ws.addRow([
          x.householdNo,
          x.headName ?? '',
          x.villageName ?? x.villageCode,
          labelOf('household_status', x.householdStatus),
          x.causes.map((c) => labelOf('poverty_cause', c)).join('、'),
          PLAN_STATUS_ZH[x.planStatus] ?? x.planStatus,
          x.measures
            .map(
              (m) =>
                `${m.nameZh ?? m.code}（${MEASURE_STATUS_ZH[m.status] ?? m.status}${m.deadline ? `，期限 ${m.deadline}` : ''}）`,
            )
            .join('；'),
          x.overdue,
          x.gaps.map((g) => g.message.zh).join('；'),
        ]);
      }
      for (const [i, w] of [16, 10, 14, 10, 18, 10, 60, 10, 40].entries()) ws.getColumn(i + 1).width = w;
      return {
        filename: `一户一策_${f.region || '全国'}_${f.year}_${clock.today()}.xlsx`,
        body: Buffer.from(await wb.xlsx.writeBuffer()),
      };
    },
  };
}
