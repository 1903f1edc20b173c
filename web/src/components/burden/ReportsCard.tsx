import { Button, Card, Flex, Space, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { reportXlsxUrl, useCatalogue } from '../../api/burden';
import { useLang } from '../../i18n';

/** The standard reports derived from the register, each to download as a workbook or to print. */
export function ReportsCard({ region, year }: { region: string; year: number }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const catalogue = useCatalogue();
  return (
    <Card title={`${t('burden.standardReports')} · ${year}`} size="small" style={{ marginBottom: 16 }}>
      <Flex vertical gap={8}>
        {(catalogue.data?.reports ?? []).map((r) => (
          <Flex key={r.kind} wrap gap={8} align="center" justify="space-between">
            <Typography.Text>{en ? r.en : r.zh}</Typography.Text>
            <Space wrap>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                href={reportXlsxUrl(r.kind, region, year)}
                data-testid={`report-xlsx-${r.kind}`}
              >
                {t('burden.download')}
              </Button>
              {r.kind !== 'roster' && (
                <Link
                  to={`/reports/${r.kind}/print?year=${year}${region ? `&region=${region}` : ''}`}
                  data-testid={`report-print-${r.kind}`}
                >
                  <PrinterOutlined /> {t('burden.print')}
                </Link>
              )}
            </Space>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
