import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { useReport } from '../api/burden';
import { useLang } from '../i18n';
import { thisYearChina, useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { LinkButton } from '../components/LinkButton';
import { FullPageSpin } from '../components/RequireAuth';

const PRINT_CSS = `
@media print { .no-print { display: none !important; } body { background: #fff; } @page { size: A4 landscape; } }
.report-sheet { max-width: 1100px; margin: 24px auto; padding: 32px 40px; background: #fff; color: #000;
  font-size: 14px; box-shadow: 0 0 8px rgba(0,0,0,0.08); }
.report-sheet table { width: 100%; border-collapse: collapse; margin: 16px 0; }
.report-sheet th, .report-sheet td { border: 1px solid #000; padding: 4px 6px; }
.report-sheet td.num { text-align: right; font-variant-numeric: tabular-nums; }
.report-sheet .wrap { overflow-x: auto; }
@media (max-width: 600px) { .report-sheet { padding: 12px; margin: 0; } }
`;

/**
 * The print view of a standard report (`/reports/:kind/print?region&year`): the table generated from
 * the registry with its provenance and the audit head hash, so a printed copy names the data state.
 */
export default function ReportPrintPage() {
  const { kind = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const fmt = useFormat();
  const region = params.get('region') ?? undefined;
  const year = Number(params.get('year')) || thisYearChina() - 1;
  const report = useReport(kind, region, year);
  if (report.isError) return <ErrorResult error={report.error} />;
  if (!report.data) return <FullPageSpin />;
  const r = report.data;
  const cell = (v: string | number | null | undefined, numeric?: boolean) =>
    v === null || v === undefined ? '—' : numeric && typeof v === 'number' ? fmt.number(v) : String(v);
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', padding: 1 }}>
      <style>{PRINT_CSS}</style>
      <Flex className="no-print" gap={8} justify="center" style={{ marginTop: 16 }}>
        <LinkButton
          to={`/burden?year=${year}${region ? `&region=${region}` : ''}`}
          icon={<ArrowLeftOutlined />}
        >
          {t('report.back')}
        </LinkButton>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('report.print')}
        </Button>
      </Flex>
      <div className="report-sheet" data-testid="report-sheet">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {r.regionName} {r.year} {en ? r.title.en : r.title.zh}
        </Typography.Title>
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
                <tr style={{ fontWeight: 600 }}>
                  {r.columns.map((c) => (
                    <td key={c.key} className={c.numeric ? 'num' : undefined}>
                      {cell(r.totals![c.key], c.numeric)}
                    </td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <Typography.Paragraph style={{ fontSize: 12 }}>
          {t('report.region')}: {r.regionName}（{r.region || '—'}） · {t('report.generatedAt')}:{' '}
          {fmt.dateTime(r.generatedAt)} · {t('report.generatedBy')}: {r.generatedBy}
          <br />
          {t('report.source')}
          <br />
          {t('report.headHash')}: <code data-testid="report-head-hash">{r.headHash}</code>
        </Typography.Paragraph>
      </div>
    </div>
  );
}
