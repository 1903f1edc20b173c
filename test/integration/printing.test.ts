import type { FastifyInstance } from 'fastify';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/kernel/clock.js';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { asciiWords } from '../helpers/zh-text.js';

/**
 * Official printouts (issue 20 item 9, docs/printing.md): the fund report's labels in the paper's
 * language, the sign-off lines, the report PDF (its text read back), the notices' supervision lines
 * from the county's parameter, the batch notice of a village's round, and the language check of the
 * zh-CN print views — the web's own sheet components rendered with the server's answers.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const clock = fixedClock('2026-12-07T17:30:00Z'); // 01:30 on 8 December in China
const YEAR = 2026;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  for (const [name, village, sources] of [
    [
      '十八洞村猕猴桃基地',
      T.villageA1,
      [
        ['central', 300000, 250000],
        ['paired', 100000, 100000],
      ],
    ],
    [
      '金龙村黄金茶加工厂',
      T.villageA2,
      [
        ['integrated', 200000, 50000],
        ['county', 50000, 0],
      ],
    ],
  ] as const) {
    const p = await db
      .insertInto('project')
      .values({
        name,
        project_type: 'planting',
        village_code: village,
        start_year: YEAR,
        linkage_note: '入股分红',
        created_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [source, allocated, disbursed] of sources)
      await db
        .insertInto('project_fund')
        .values({ project_id: p.id, source, year: YEAR, allocated, disbursed })
        .execute();
  }
  for (let i = 0; i < 3; i++)
    await createHousehold(db, {
      village: T.villageA1,
      status: 'none',
      type: 'ordinary',
      income: [{ year: 2025, perCapita: 3000, status: 'none' }],
    });
  await createUser(db, 'cty', 'county_officer', T.county);
  await createUser(db, 'twn', 'township_officer', T.townshipA);
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  await db
    .updateTable('app_user')
    .set({ display_name: '花垣县乡村振兴局' })
    .where('username', '=', 'cty')
    .execute();
  app = await testApp(db, clock);
  for (const u of ['cty', 'twn', 'vil']) cookies[u] = await login(app, u, 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });
const ok = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
  const res = await call(user, method, url, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res;
};

/** The text of every page of a PDF, read back with PDF.js. */
async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('') + '\n';
  }
  return text;
}

// The web's i18n module sets the document's language when it loads (the sheets below import it): a
// bare `document` stands in for the browser's, the only browser object it touches.
(globalThis as { document?: unknown }).document ??= { documentElement: {}, title: '' };

/** The web's print sheets rendered to HTML in a language, as text. */
async function renderIn(lang: 'zh-CN' | 'en', element: () => Promise<ReactElement>): Promise<string> {
  const i18n = (await import('../../web/src/i18n/index')).default;
  await i18n.changeLanguage(lang);
  const html = renderToStaticMarkup(await element());
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<\/?(span|code)\b[^>]*>/g, '') // inline: no break in the text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x27;|&quot;/g, "'");
}

describe('the fund report on paper', () => {
  it('labels fund sources and the totals in both languages, never "central" or "合计 Total"', async () => {
    const r = (await ok('cty', 'GET', `/api/reports/funds?year=${YEAR}&region=${T.county}`)).json();
    // by village code (金龙村 433124110201 first), project, then source
    expect(r.rows.map((x: { source: unknown }) => x.source)).toEqual([
      { zh: '县级', en: 'County' },
      { zh: '统筹整合', en: 'Integrated' },
      { zh: '中央', en: 'Central' },
      { zh: '对口帮扶', en: 'Paired assistance' },
    ]);
    expect(r.totals).toMatchObject({
      village: { zh: '合计', en: 'Total' },
      allocated: 650000,
      disbursed: 400000,
    });
    const statistics = (
      await ok('cty', 'GET', `/api/reports/statistics?year=2025&region=${T.county}`)
    ).json();
    expect(statistics.totals.name).toEqual({ zh: '合计', en: 'Total' });
  });

  it('renders the zh-CN print view with the sign-off lines, the year as 2025年 and no English word', async () => {
    const r = (await ok('cty', 'GET', `/api/reports/funds?year=${YEAR}&region=${T.county}`)).json();
    const { ReportSheet } = await import('../../web/src/components/print/ReportSheet');
    const zh = await renderIn('zh-CN', async () => createElement(ReportSheet, { r }));
    expect(zh).toContain(`花垣县${YEAR}年项目资金使用表`);
    for (const w of [
      '填报单位（盖章）：',
      '负责人：',
      '填表人：花垣县乡村振兴局',
      '填报日期：2026年12月8日',
      '合计',
      '中央',
      '统筹整合',
    ])
      expect(zh).toContain(w);
    expect(asciiWords(zh)).toEqual([]);
    const en = await renderIn('en', async () => createElement(ReportSheet, { r }));
    for (const w of ['Reporting unit (seal)', 'Prepared by', 'Total', 'Central', 'Integrated', 'Dec 8, 2026'])
      expect(en).toContain(w);
    expect(en).not.toContain('合计');
  });

  it('the language check fails on what the fund report printed before', () => {
    // the old cells: fund source codes and the mixed totals label
    expect(asciiWords('资金来源 central county integrated paired 合计 Total')).toEqual([
      'central',
      'county',
      'integrated',
      'paired',
      'Total',
    ]);
  });
});

describe('the report as PDF', () => {
  it('is a PDF whose text holds the Chinese title, labels and sign-off lines on zh paper', async () => {
    const res = await ok('cty', 'GET', `/api/reports/funds/pdf?year=${YEAR}&region=${T.county}`);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`funds-${T.county}-${YEAR}.pdf`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const w of [
      `花垣县${YEAR}年项目资金使用表`,
      '资金来源',
      '中央',
      '对口帮扶',
      '统筹整合',
      '合计',
      '填报单位（盖章）',
      '负责人',
      '填表人：花垣县乡村振兴局',
      '填报日期：2026年12月8日',
      '十八洞村猕猴桃基地',
      '审计链头哈希',
      '第 1 页 / 共 1 页',
    ])
      expect(text).toContain(w);
    expect(text).not.toMatch(/Total|central|integrated|paired/);
  });

  it('is English on en paper, and counted in the report log', async () => {
    const res = await ok('cty', 'GET', `/api/reports/funds/pdf?year=${YEAR}&region=${T.county}&lang=en`);
    const text = await pdfText(res.rawPayload);
    for (const w of ['Total', 'Central', 'Paired assistance', 'Prepared by', 'Date: 8 Dec 2026', `${YEAR}`])
      expect(text).toContain(w);
    expect(text).not.toContain('合计');
    const logged = await tdb.db
      .selectFrom('report_log')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .where('format', '=', 'pdf')
      .executeTakeFirstOrThrow();
    expect(Number(logged.n)).toBe(2);
  });

  it('refuses a bad language or region naming the field, and a region out of scope', async () => {
    const bad = await call('cty', 'GET', `/api/reports/funds/pdf?year=${YEAR}&lang=fr`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('lang');
    expect(
      (await call('twn', 'GET', `/api/reports/funds/pdf?year=${YEAR}&region=${T.townshipB}`)).statusCode,
    ).toBe(403);
  });
});

describe('notices', () => {
  it('print the national default hotline, said so, until the county sets its own, and 12317', async () => {
    const before = (await ok('vil', 'GET', `/api/notices/supervision?region=${T.villageA1}`)).json();
    expect(before).toEqual({ county: { phone: '12345', isDefault: true }, national: '12317' });
    const refused = await call('cty', 'PUT', `/api/policy/supervisionHotline`, {
      regionPrefix: T.county,
      effectiveFrom: '2026-01-01',
      value: 'call us',
      reason: '县纪委监委公布的举报电话',
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.body).toContain('value');
    await ok('cty', 'PUT', `/api/policy/supervisionHotline`, {
      regionPrefix: T.county,
      effectiveFrom: '2026-01-01',
      value: '0743-7222222',
      reason: '县纪委监委公布的举报电话',
    });
    const after = (await ok('vil', 'GET', `/api/notices/supervision?region=${T.villageA1}`)).json();
    expect(after).toEqual({ county: { phone: '0743-7222222', isDefault: false }, national: '12317' });
    expect((await call('vil', 'GET', `/api/notices/supervision?region=${T.villageB1}`)).statusCode).toBe(403);
  });

  it("put a village's whole round on one batch notice, with the supervision lines and no English word", async () => {
    const households = await tdb.db
      .selectFrom('household')
      .select(['id', 'household_no'])
      .where('village_code', '=', T.villageA1)
      .orderBy('household_no')
      .execute();
    for (const h of households) {
      const opened = await ok('vil', 'POST', '/api/cases', {
        kind: 'identification',
        householdId: h.id,
        payload: { note: '本人申请' },
        data: { channel: 'self_report' },
        confirmIneligible: true,
      });
      await ok('vil', 'POST', `/api/cases/${opened.json().id}/actions/review_vote`, {
        payload: { vote: { total: 30, present: 25, for: 20, against: 3 } },
        confirmIneligible: true,
      });
    }
    const batch = (
      await ok('twn', 'GET', `/api/notices/batch?region=${T.villageA1}&kind=identification`)
    ).json();
    expect(batch.rounds).toHaveLength(1);
    const round = batch.rounds[0];
    expect(round).toMatchObject({ stage: 'first_notice', period: { same: true } });
    expect(round.households.map((h: { householdNo: string }) => h.householdNo)).toEqual(
      households.map((h) => h.household_no),
    );
    expect(batch.supervision.county.phone).toBe('0743-7222222');
    const township = (
      await ok('twn', 'GET', `/api/notices/batch?region=${T.townshipA}&kind=identification`)
    ).json();
    expect(township.rounds[0].households).toHaveLength(households.length);
    const none = (
      await ok('twn', 'GET', `/api/notices/batch?region=${T.villageA2}&kind=identification`)
    ).json();
    expect(none.rounds).toEqual([]);
    const county = await call('cty', 'GET', `/api/notices/batch?region=${T.county}&kind=identification`);
    expect(county.statusCode).toBe(400);
    expect(county.body).toContain('region');

    const pdf = await ok('vil', 'GET', `/api/notices/batch/pdf?region=${T.villageA1}&kind=identification`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const pdfZh = await pdfText(pdf.rawPayload);
    for (const w of [
      '十八洞村贫困户识别公示',
      '公示期：2026年12月8日',
      '监督举报电话：0743-7222222',
      '全国扶贫监督举报电话：12317',
      '十八洞村村民委员会',
      ...households.map((h) => h.household_no),
    ])
      expect(pdfZh).toContain(w);
    expect(asciiWords(pdfZh)).toEqual([]);
    const empty = await ok('vil', 'GET', `/api/notices/batch/pdf?region=${T.villageA1}&kind=exit&lang=en`);
    expect(await pdfText(empty.rawPayload)).toContain('No case of this kind is in its notice period');

    const { BatchNoticeSheet } = await import('../../web/src/components/print/BatchNoticeSheet');
    const zh = await renderIn('zh-CN', async () =>
      createElement(BatchNoticeSheet, { round, supervision: batch.supervision }),
    );
    for (const w of [
      '贫困户识别公示',
      '监督举报电话：0743-7222222',
      '全国扶贫监督举报电话：12317',
      '2026年12月8日',
    ])
      expect(zh).toContain(w);
    for (const h of households) expect(zh).toContain(h.household_no);
    expect(asciiWords(zh)).toEqual([]);
  });

  it('say on paper that the hotline is the default when the county has none', async () => {
    const { SupervisionLines } = await import('../../web/src/components/print/SupervisionLines');
    const zh = await renderIn('zh-CN', async () =>
      createElement(SupervisionLines, {
        s: { county: { phone: '12345', isDefault: true }, national: '12317' },
      }),
    );
    expect(zh).toContain('监督举报电话：12345（政务服务便民热线；本县未设置专线）');
    expect(asciiWords(zh)).toEqual([]);
  });
});
