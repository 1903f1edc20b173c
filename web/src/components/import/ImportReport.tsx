import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  reportJsonUrl,
  reportXlsxUrl,
  type ErrorFilters,
  type ImportErrorItem,
  type ImportJob,
  type ImportReportView,
} from '../../api/imports';
import { importZhCN } from '../../i18n/import.zh-CN';
import { useFormat } from '../../i18n/format';
import { useIsMobile } from '../responsive';

type KnownCode = keyof typeof importZhCN.import.codes;
const isKnownCode = (code: string): code is KnownCode => code in importZhCN.import.codes;

/** The error code's description in the current language (the code itself when unknown). */
function useCodeLabel() {
  const { t } = useTranslation();
  return (code: string) => (isKnownCode(code) ? t(`import.codes.${code}`) : code);
}

function CommitTag({ job, report }: { job: ImportJob; report: ImportReportView }) {
  const { t } = useTranslation();
  if (report.committed)
    return (
      <Tag color="success" icon={<CheckCircleOutlined />} data-testid="import-committed">
        {t('import.committed')}
      </Tag>
    );
  const text = report.dryRun
    ? t('import.notCommittedDryRun')
    : report.errorsTotal > 0 && !job.acceptValid
      ? t('import.notCommittedErrors')
      : t('import.notCommitted');
  return (
    <Tag color="warning" icon={<InfoCircleOutlined />} data-testid="import-committed">
      {text}
    </Tag>
  );
}

/** Counts of a finished import, whether it was written, and the report downloads. */
export function ImportSummary({ job, report }: { job: ImportJob; report: ImportReportView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const imported = report.dryRun ? t('import.wouldImport') : t('import.imported');
  const stats = [
    { key: 'hi', title: `${imported} · ${t('import.households')}`, value: report.households.imported },
    {
      key: 'hr',
      title: `${t('import.rejected')} · ${t('import.households')}`,
      value: report.households.rejected,
    },
    // of the households imported: new, changed by the file, repeated as they are (not rewritten)
    ...(['created', 'updated', 'unchanged'] as const).flatMap((k) => {
      const value = report.households[k];
      return value === undefined
        ? []
        : [{ key: `h-${k}`, title: `${t(`import.${k}`)} · ${t('import.households')}`, value }];
    }),
    { key: 'pi', title: `${imported} · ${t('import.persons')}`, value: report.persons.imported },
    { key: 'pr', title: `${t('import.rejected')} · ${t('import.persons')}`, value: report.persons.rejected },
    { key: 'e', title: t('import.errorsTotal'), value: report.errorsTotal },
  ];
  return (
    <Card
      size="small"
      title={t('import.summary')}
      extra={<CommitTag job={job} report={report} />}
      style={{ marginBottom: 16 }}
      data-testid="import-summary"
    >
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col xs={12} sm={8} md={4} key={s.key}>
            <Statistic title={s.title} value={fmt.number(s.value)} data-testid={`import-stat-${s.key}`} />
          </Col>
        ))}
      </Row>
      {report.warnings.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={t('import.warnings')}
          description={report.warnings.join('；')}
        />
      )}
      <Flex wrap gap={8} style={{ marginTop: 16 }}>
        <Button icon={<DownloadOutlined />} href={reportXlsxUrl(job.id)} data-testid="import-report-xlsx">
          {t('import.reportXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={reportJsonUrl(job.id)} data-testid="import-report-json">
          {t('import.reportJson')}
        </Button>
      </Flex>
    </Card>
  );
}

const PAGE_SIZES = [20, 50, 100];

/** The error list of a finished import, filtered by code and column on the server, paginated. */
export function ImportErrorTable({
  report,
  filters,
  loading,
  onChange,
}: {
  report: ImportReportView;
  filters: ErrorFilters;
  loading: boolean;
  onChange: (f: ErrorFilters) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mobile = useIsMobile();
  const codeLabel = useCodeLabel();
  const update = (patch: Partial<ErrorFilters>) => onChange({ ...filters, errorsPage: 1, ...patch });
  const codeTag = (code: string) => (
    <Tooltip title={codeLabel(code)}>
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        {code}
      </Tag>
    </Tooltip>
  );
  const columns: TableColumnsType<ImportErrorItem> = [
    { title: t('import.row'), dataIndex: 'row', width: 72, render: (v: number) => fmt.number(v, 0) },
    { title: t('import.column'), dataIndex: 'column', render: (v: string) => v || '—' },
    ...(mobile
      ? [
          {
            title: t('import.code'),
            key: 'codeMessage',
            render: (_: unknown, e: ImportErrorItem) => (
              <Flex vertical gap={4}>
                {codeTag(e.code)}
                <Typography.Text style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                  {e.message}
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : [
          { title: t('import.code'), dataIndex: 'code', render: codeTag },
          { title: t('import.message'), dataIndex: 'message', render: (v: string) => <span>{v}</span> },
        ]),
  ];
  if (report.errorsTotal === 0)
    return (
      <Card size="small" data-testid="import-errors">
        <Typography.Text type="success">{t('import.noErrors')}</Typography.Text>
      </Card>
    );
  return (
    <Card
      size="small"
      title={t('import.errors')}
      data-testid="import-errors"
      extra={<Typography.Text type="secondary">{fmt.number(report.errorsMatching)}</Typography.Text>}
    >
      {report.errorsListed < report.errorsTotal && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('import.errorsListed', {
            listed: fmt.number(report.errorsListed),
            total: fmt.number(report.errorsTotal),
          })}
        />
      )}
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          value={filters.code}
          placeholder={t('import.filterCode')}
          style={{ width: mobile ? '100%' : 300 }}
          onChange={(code?: string) => update({ code })}
          options={report.codes.map((c) => ({
            value: c.value,
            label: `${c.value} · ${codeLabel(c.value)} (${fmt.number(c.count)})`,
          }))}
          data-testid="import-filter-code"
        />
        <Select
          allowClear
          showSearch
          value={filters.column}
          placeholder={t('import.filterColumn')}
          style={{ width: mobile ? '100%' : 220 }}
          onChange={(column?: string) => update({ column })}
          options={report.columns.map((c) => ({
            value: c.value,
            label: `${c.value || '—'} (${fmt.number(c.count)})`,
          }))}
          data-testid="import-filter-column"
        />
      </Flex>
      <Table<ImportErrorItem>
        rowKey={(e) => `${e.row}:${e.column}:${e.code}:${e.message}`}
        size="small"
        loading={loading}
        dataSource={report.errors}
        columns={columns}
        scroll={mobile ? undefined : { x: 'max-content' }} // phones: fit the width, messages wrap
        onRow={(e) => ({ 'data-testid': `import-error-${e.row}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: report.errorsPage,
          pageSize: report.errorsPageSize,
          total: report.errorsMatching,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: !mobile,
          size: mobile ? 'small' : 'medium',
          showTotal: (total) => t('common.total', { total }),
          onChange: (errorsPage, errorsPageSize) =>
            onChange({
              ...filters,
              errorsPage: errorsPageSize !== filters.errorsPageSize ? 1 : errorsPage,
              errorsPageSize,
            }),
        }}
      />
    </Card>
  );
}
