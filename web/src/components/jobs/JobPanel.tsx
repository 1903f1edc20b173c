import { Alert, Button, Card, Flex, InputNumber, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useJobs, useStartJob, type Job, type JobKind } from '../../api/jobs';
import { thisYearChina, useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';
import { LinkButton } from '../LinkButton';

const resultPath = (j: Job) =>
  j.kind === 'evaluation' ? `/worklists?region=${j.regionCode}` : `/quality?region=${j.regionCode}`;

/**
 * Start the batch evaluation or the quality checks of a region as a background job, and follow it:
 * progress (households or checks done), the result link, a failure or interruption. The state is read
 * from the server, so a reload finds a running job again; a second start while one runs on the region
 * answers with the running job's name (409).
 */
export function JobPanel(props: {
  kind: JobKind;
  region: string;
  mayStart: boolean;
  defaultYear?: number;
  /** The title of a check by its id (the quality checks' step). */
  stepTitle?: (id: string) => string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const jobs = useJobs(props.region, props.kind);
  const start = useStartJob();
  // the year typed, else the latest run's (known once the page's data arrive), else last year
  const [typed, setYear] = useState<number | undefined>(undefined);
  const year = typed ?? props.defaultYear ?? thisYearChina() - 1;
  const job = jobs.data?.items[0];
  const running = job?.status === 'running';
  // when a job ends, what it wrote is shown afresh (worklists, quality summary)
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = job ? `${job.id}:${job.status}` : undefined;
    if (last.current && key !== last.current && job?.status === 'done')
      void qc.invalidateQueries({ queryKey: [props.kind === 'evaluation' ? 'worklists' : 'quality'] });
    last.current = key;
  }, [job, props.kind, qc]);
  const kindLabel = t(`batch.job.${props.kind}`);
  const percent = job && job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  if (!props.mayStart && !job) return null; // a reader sees a job of the region once there is one

  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid={`job-panel-${props.kind}`}>
      <Flex wrap gap={8} align="center">
        {props.mayStart && props.kind === 'evaluation' && (
          <>
            <span>{t('batch.job.year')}</span>
            <InputNumber
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
              data-testid="job-year"
            />
          </>
        )}
        {props.mayStart && (
          <Button
            type="primary"
            loading={start.isPending}
            disabled={running}
            onClick={() =>
              start.mutate({
                kind: props.kind,
                region: props.region,
                ...(props.kind === 'evaluation' ? { year } : {}),
              })
            }
            data-testid={`job-start-${props.kind}`}
          >
            {t('batch.job.start', { kind: kindLabel })}
          </Button>
        )}
        {job && (
          <Typography.Text type="secondary" data-testid="job-started">
            {t('batch.job.started', {
              who: job.startedBy,
              at: fmt.dateTime(job.startedAt),
              region: job.regionName ?? job.regionCode,
            })}
          </Typography.Text>
        )}
      </Flex>
      {start.isError && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={errorMessage(start.error)}
          data-testid="job-start-error"
        />
      )}
      {job && (
        <div style={{ marginTop: 8 }} data-testid="job-status" data-status={job.status}>
          {running && (
            <>
              <Progress percent={percent} status="active" data-testid="job-progress" />
              <Typography.Text>
                {job.total > 0 &&
                  t(
                    props.kind === 'evaluation' ? 'batch.job.progressHouseholds' : 'batch.job.progressSteps',
                    {
                      done: fmt.number(job.done),
                      total: fmt.number(job.total),
                    },
                  )}
                {job.step && props.stepTitle
                  ? ` · ${t('batch.job.step', { step: props.stepTitle(job.step) })}`
                  : ''}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">{t('batch.job.reloadHint')}</Typography.Text>
              </div>
            </>
          )}
          {job.status === 'done' && (
            <Flex wrap gap={8} align="center">
              <Progress percent={100} size="small" style={{ width: 160 }} />
              <span>
                {t('batch.job.finished', { at: fmt.dateTime(job.finishedAt) })} ·{' '}
                {props.kind === 'evaluation'
                  ? t('batch.job.doneEvaluation', {
                      households: fmt.number(Number(job.summary?.households ?? 0)),
                      items: fmt.number(Number(job.summary?.items ?? 0)),
                    })
                  : t('batch.job.doneQuality', { findings: fmt.number(Number(job.summary?.findings ?? 0)) })}
              </span>
              <LinkButton size="small" to={resultPath(job)} data-testid="job-result">
                {t('batch.job.viewResult')}
              </LinkButton>
            </Flex>
          )}
          {job.status === 'failed' && <Alert type="error" showIcon title={t('batch.job.failed')} />}
          {job.status === 'interrupted' && (
            <Alert type="warning" showIcon title={t('batch.job.interrupted')} />
          )}
        </div>
      )}
    </Card>
  );
}
