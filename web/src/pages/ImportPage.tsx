import { useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Progress, Radio, Spin, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { importTemplateUrl, useImportJob, useStartImport, type ErrorFilters } from '../api/imports';
import { useFormat } from '../i18n/format';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { ImportErrorTable, ImportSummary } from '../components/import/ImportReport';
import { PageHeader } from '../components/PageHeader';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function useUploadError() {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (isApiError(error) && error.status === 403) return t('errors.forbidden');
    if (isApiError(error) && error.status === 0) return t('errors.network');
    return errorMessage(error);
  };
}

/** Choose a file, the mode and dry run; upload it with a progress bar. */
function UploadForm({ onStarted }: { onStarted: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all' | 'valid'>('all');
  const [dryRun, setDryRun] = useState(false);
  const [progress, setProgress] = useState(0);
  const start = useStartImport();
  const uploadError = useUploadError();

  const submit = () => {
    if (!file) return;
    setProgress(0);
    start.mutate(
      { file, acceptValid: mode === 'valid', dryRun, onProgress: setProgress },
      { onSuccess: ({ id }) => onStarted(id) },
    );
  };
  const modeOption = (value: 'all' | 'valid', label: string, hint: string) => (
    <Radio value={value} data-testid={`import-mode-${value}`}>
      {label} <Typography.Text type="secondary">（{hint}）</Typography.Text>
    </Radio>
  );

  return (
    <Card size="small" data-testid="import-form">
      <Flex vertical gap={16}>
        <Flex wrap gap={8} align="center">
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              start.reset();
            }}
          />
          <Button icon={<FileExcelOutlined />} onClick={() => input.current?.click()}>
            {t('import.chooseFile')}
          </Button>
          <Typography.Text
            type={file ? undefined : 'secondary'}
            style={{ minWidth: 0, overflowWrap: 'anywhere' }}
            data-testid="import-file-name"
          >
            {file
              ? `${file.name} · ${t('import.fileSize', { size: fmt.number(file.size / 1024 / 1024, 1) })}`
              : t('import.noFile')}
          </Typography.Text>
        </Flex>
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('import.mode')}</Typography.Text>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'all' | 'valid')}>
            <Flex vertical gap={4}>
              {modeOption('all', t('import.modeAll'), t('import.modeAllHint'))}
              {modeOption('valid', t('import.modeValid'), t('import.modeValidHint'))}
            </Flex>
          </Radio.Group>
        </Flex>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">
          {t('import.dryRun')}
        </Checkbox>
        {start.isPending && (
          <div>
            <Typography.Text type="secondary">{t('import.uploading')}</Typography.Text>
            <Progress
              percent={Math.round(progress * 100)}
              status="active"
              data-testid="import-upload-progress"
            />
          </div>
        )}
        {start.isError && (
          <Alert
            type="error"
            showIcon
            title={t('import.uploadFailed')}
            description={uploadError(start.error)}
            data-testid="import-upload-error"
          />
        )}
        <div>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            disabled={!file}
            loading={start.isPending}
            onClick={submit}
            data-testid="import-submit"
          >
            {t('import.submit')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}

/** A started import: rows processed while it runs, then its summary and errors. */
function JobPanel({ id, onAgain }: { id: string; onAgain: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [filters, setFilters] = useState<ErrorFilters>({ errorsPage: 1, errorsPageSize: 20 });
  const job = useImportJob(id, filters);
  if (job.isError && !job.data) return <ErrorResult error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  const again = (
    <Button icon={<ReloadOutlined />} onClick={onAgain} data-testid="import-again">
      {t('import.again')}
    </Button>
  );
  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Text strong style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
          <FileExcelOutlined /> {j?.filename ?? ''}
        </Typography.Text>
        {j && j.status !== 'running' && again}
      </Flex>
      {(!j || j.status === 'running') && (
        <Card size="small" data-testid="import-running">
          <Flex gap={12} align="center">
            <Spin />
            <Typography.Text>{t('import.running', { rows: fmt.number(j?.rows ?? 0) })}</Typography.Text>
          </Flex>
        </Card>
      )}
      {j?.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('import.failed')}
          description={j.message}
          data-testid="import-failed"
        />
      )}
      {j?.status === 'done' && j.report && (
        <div>
          <ImportSummary job={j} report={j.report} />
          <ImportErrorTable
            report={j.report}
            filters={filters}
            loading={job.isFetching}
            onChange={setFilters}
          />
        </div>
      )}
    </Flex>
  );
}

/** 导入: upload a registry file (`?job=<id>` once started, so a reload keeps the result). */
export default function ImportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? undefined;
  return (
    <div data-testid="import-page">
      <PageHeader
        title={t('import.title')}
        subtitle={t('import.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={importTemplateUrl} data-testid="import-template">
            {t('import.template')}
          </Button>
        }
      />
      {jobId ? (
        <JobPanel key={jobId} id={jobId} onAgain={() => setParams({})} />
      ) : (
        <UploadForm onStarted={(id) => setParams({ job: id })} />
      )}
    </div>
  );
}
