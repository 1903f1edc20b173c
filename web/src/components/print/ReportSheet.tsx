import { useTranslation } from 'react-i18next';
import type { ReportTable } from '../../api/burden';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { SIGN_OFF_CSS, SignOff } from './SignOff';

export const REPORT_CSS = `
@media print { .no-print { display: none !important; } body { background: #fff; } @page { size: A4 landscape; } }
.report-sheet { max-width: 1100px; margin: 24px auto; padding: 32px 40px; background: #fff; color: #000;
  font-size: 14px; box-shadow: 0 0 8px rgba(0,0,0,0.08); }
.report-sheet h3 { text-align: center; font-size: 20px; }
.report-sheet table { width: 100%; border-collapse: collapse; margin: 16px 0; }
.report-sheet th, .report-sheet td { border: 1px solid #000; padding: 4px 6px; }
.report-sheet td.num { text-align: right; font-variant-numeric: tabular-nums; }
.report-sheet .wrap { overflow-x: auto; }
.report-sheet .provenance { font-size: 12px; margin-top: 20px; }
@media (max-width: 600px) { .report-sheet { padding: 12px; margin: 0; } }
${SIGN_OFF_CSS}`;

type Cell = ReportTable['rows'][number][string];

/**
 * A standard report on paper: the title with its year written "2025年", the table (labels in the
 * page's language), the official sign-off lines and the provenance with the audit head hash.
 */
export function ReportSheet({ r }: { r: ReportTable }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const fmt = useFormat();
  const cell = (v: Cell | undefined, numeric?: boolean): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'object') return en ? v.en : v.zh;
    return numeric && typeof v === 'number' ? fmt.number(v) : String(v);
  };
  return (
    <div className="report-sheet" data-testid="report-sheet">
      <h3 data-testid="report-title">
        {t('print.reportTitle', { region: r.regionName, year: r.year, title: en ? r.title.en : r.title.zh })}
      </h3>
      <div className="wrap">
        <table>
          <thead>
            <tr>
              {r.columns.map((c) => (
                <th key={c.key}>{en ? c.en : c.zh}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row, i) => (
              <tr key={i}>
                {r.columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {cell(row[c.key], c.numeric)}
                  </td>
                ))}
              </tr>
            ))}
            {r.totals && (
              <tr style={{ fontWeight: 600 }} data-testid="report-totals">
                {r.columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {r.totals![c.key] === '' ? '' : cell(r.totals![c.key], c.numeric)}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <SignOff preparer={r.generatedBy} date={r.generatedAt} />
      <p className="provenance">
        {t('report.region')}：{r.regionName}（{r.region || '—'}） · {t('report.generatedAt')}：
        {fmt.dateTime(r.generatedAt)} · {t('report.generatedBy')}：<span translate="no">{r.generatedBy}</span>
        <br />
        {t('report.source')}
        <br />
        {t('report.headHash')}：<code data-testid="report-head-hash">{r.headHash}</code>
      </p>
    </div>
  );
}
