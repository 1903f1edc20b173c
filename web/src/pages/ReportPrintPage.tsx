import { Button, Flex } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { useReport } from '../api/burden';
import { reportPdfUrl } from '../api/printing';
import { useLang } from '../i18n';
import { thisYearChina } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { LinkButton } from '../components/LinkButton';
import { FullPageSpin } from '../components/RequireAuth';
import { REPORT_CSS, ReportSheet } from '../components/print/ReportSheet';

/**
 * The print view of a standard report (`/reports/:kind/print?region&year`): the table generated from
 * the registry in the official form (sign-off lines, year "2025年"), its provenance and the audit head
 * hash, so a printed copy names the data state; the same report as PDF from the server.
 */
export default function ReportPrintPage() {
  const { kind = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const region = params.get('region') ?? undefined;
  const year = Number(params.get('year')) || thisYearChina() - 1;
  const report = useReport(kind, region, year);
  if (report.isError) return <ErrorResult error={report.error} />;
  if (!report.data) return <FullPageSpin />;
  return (
    <div style={{ background: '#f5f5f5', minHeight: '100vh', padding: 1 }}>
      <style>{REPORT_CSS}</style>
      <Flex className="no-print" gap={8} justify="center" wrap style={{ marginTop: 16 }}>
        <LinkButton
          to={`/burden?year=${year}${region ? `&region=${region}` : ''}`}
          icon={<ArrowLeftOutlined />}
        >
          {t('report.back')}
        </LinkButton>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('report.print')}
        </Button>
        <Button
          icon={<FilePdfOutlined />}
          href={reportPdfUrl(kind, region, year, lang)}
          target="_blank"
          data-testid="report-pdf"
        >
          {t('print.pdf')}
        </Button>
      </Flex>
      <ReportSheet r={report.data} />
    </div>
  );
}
