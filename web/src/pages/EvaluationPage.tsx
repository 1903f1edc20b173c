import { useState } from 'react';
import { Button, Card, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useSamples, type SampleSummary } from '../api/evaluation';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { EstimatesCard } from '../components/evaluation/EstimatesCard';
import { SampleDrawForm } from '../components/evaluation/SampleDrawForm';
import { SampledHouseholdsCard } from '../components/evaluation/SampledHouseholdsCard';
import { progressText } from '../components/evaluation/progress';
import { useFormat } from '../i18n/format';

/** Third-party evaluation: `/evaluation?sample&stratum&status&page` — samples, field checks, estimates. */
export default function EvaluationPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const samples = useSamples();
  const [drawing, setDrawing] = useState(false);
  const selected = params.get('sample') ?? samples.data?.[0]?.id;
  const mayDraw = user.permissions.drawEvaluationSamples;
  if (samples.isError) return <ErrorResult error={samples.error} onRetry={() => void samples.refetch()} />;

  const columns: TableColumnsType<SampleSummary> = [
    { title: '#', dataIndex: 'id', width: 60 },
    { title: t('evaluation.region'), render: (_: unknown, s) => `${s.regionName} ${s.year}` },
    { title: t('evaluation.createdAt'), dataIndex: 'createdAt', render: (d: string) => fmt.dateTime(d) },
    {
      title: t('evaluation.progress'),
      render: (_: unknown, s) =>
        progressText(t, fmt, { checked: s.checked, unreachable: s.done - s.checked, total: s.households }),
    },
    {
      key: 'open',
      render: (_: unknown, s) =>
        s.id === selected ? (
          <Tag color="blue">{t('evaluation.open')}</Tag>
        ) : (
          <Button
            size="small"
            onClick={() => setParams({ sample: s.id })}
            data-testid={`sample-open-${s.id}`}
          >
            {t('evaluation.open')}
          </Button>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('evaluation.title')}
        subtitle={t('evaluation.subtitle')}
        extra={
          mayDraw && (
            <Button type="primary" onClick={() => setDrawing(true)} data-testid="sample-draw">
              {t('evaluation.draw')}
            </Button>
          )
        }
      />
      <Card title={t('evaluation.samples')} size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="id"
          size="small"
          loading={samples.isLoading}
          dataSource={samples.data ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('evaluation.none') }}
        />
      </Card>
      {selected && <SampleView id={selected} />}
      {drawing && (
        <SampleDrawForm
          defaultRegion={user.scope.code.length === 6 ? user.scope.code : ''}
          onClose={(id) => {
            setDrawing(false);
            if (id) setParams({ sample: id });
          }}
        />
      )}
    </>
  );
}

/** One sample: its estimates, then its households and their checks. */
function SampleView({ id }: { id: string }) {
  return (
    <>
      <EstimatesCard sampleId={id} />
      <SampledHouseholdsCard sampleId={id} />
    </>
  );
}
