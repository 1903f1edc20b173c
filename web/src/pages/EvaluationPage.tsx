import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { isApiError } from '../api/client';
import {
  STRATA,
  useDrawSample,
  useEstimates,
  useRecordCheck,
  useSampledHouseholds,
  useSamples,
  type CheckStatus,
  type DrawInput,
  type ProportionEstimate,
  type SampledHousehold,
  type SampleSummary,
  type Stratum,
} from '../api/evaluation';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { ReasonList } from '../components/rules/ReasonList';
import { useIsMobile } from '../components/responsive';
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
      render: (_: unknown, s) => `${fmt.number(s.done)} / ${fmt.number(s.households)}`,
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
        <DrawModal
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

function DrawModal({ defaultRegion, onClose }: { defaultRegion: string; onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const draw = useDrawSample();
  const [form] = Form.useForm<DrawInput>();
  const submit = (v: DrawInput) =>
    draw.mutate(
      { ...v, seed: v.seed?.trim() || undefined, note: v.note?.trim() || undefined },
      {
        onSuccess: (r) => {
          void message.success(t('evaluation.drawn', { villages: r.villages, households: r.households }));
          onClose(r.id);
        },
      },
    );
  return (
    <Modal
      open
      title={t('evaluation.drawTitle')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={draw.isPending}
      okButtonProps={{ 'data-testid': 'sample-draw-submit' }}
    >
      {draw.isError && <Typography.Text type="danger">{errorMessage(draw.error)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          region: defaultRegion,
          year: new Date().getFullYear() - 1,
          villagesPerTownship: 2,
          exitedPerVillage: 10,
          otherPerVillage: 5,
        }}
      >
        <Form.Item
          name="region"
          label={t('evaluation.region')}
          rules={[{ required: true, pattern: /^\d{6}$/ }]}
        >
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Form.Item name="year" label={t('evaluation.year')} rules={[{ required: true }]}>
          <InputNumber min={2014} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="villagesPerTownship"
          label={t('evaluation.villagesPerTownship')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="exitedPerVillage"
          label={t('evaluation.exitedPerVillage')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={1000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="otherPerVillage"
          label={t('evaluation.otherPerVillage')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={1000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="seed" label={t('evaluation.seed')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="note" label={t('evaluation.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EstimateCard({
  title,
  e,
  threshold,
  testId,
}: {
  title: string;
  e: ProportionEstimate;
  threshold: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={e.estimate === null ? '—' : fmt.percent(e.estimate)} />
      <Flex vertical>
        {e.ciLow !== null && e.ciHigh !== null && (
          <Typography.Text type="secondary">
            {t('evaluation.ci', { low: fmt.percent(e.ciLow), high: fmt.percent(e.ciHigh) })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {t('evaluation.respondents', { n: e.respondents })}
          {e.deff !== null && ` · ${t('evaluation.deff', { deff: fmt.number(e.deff, 2) })}`}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('evaluation.threshold', { value: fmt.percent(threshold, 0) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function SampleView({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const stratum = (params.get('stratum') as Stratum | null) ?? undefined;
  const status = (params.get('status') as CheckStatus | null) ?? undefined;
  const page = Number(params.get('page')) || 1;
  const estimates = useEstimates(id);
  const households = useSampledHouseholds(id, { stratum, status, page, pageSize: 20 });
  const [checking, setChecking] = useState<SampledHousehold | null>(null);
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    next.set('sample', id);
    next.delete('page');
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const e = estimates.data;
  const decisionColor = { may_exit: 'green', not_yet: 'orange', vetoed: 'red' } as const;

  const columns: TableColumnsType<SampledHousehold> = [
    {
      title: t('evaluation.household'),
      render: (_: unknown, h) => (
        <Link to={`/households/${h.householdId}`}>
          {h.headName} <Typography.Text type="secondary">{h.householdNo}</Typography.Text>
        </Link>
      ),
    },
    ...(mobile ? [] : [{ title: t('evaluation.village'), dataIndex: 'villageName' }]),
    {
      title: t('evaluation.stratum'),
      dataIndex: 'stratum',
      render: (s: Stratum) => t(`evaluation.strata.${s}`),
    },
    ...(mobile
      ? []
      : [{ title: t('evaluation.weight'), dataIndex: 'weight', render: (w: number) => fmt.number(w, 2) }]),
    {
      title: t('evaluation.result'),
      render: (_: unknown, h) => (
        <Flex wrap gap={4}>
          <Tag
            color={
              h.checkStatus === 'checked' ? 'green' : h.checkStatus === 'unreachable' ? 'default' : 'gold'
            }
          >
            {t(`evaluation.status.${h.checkStatus}`)}
          </Tag>
          {h.wronglyExited && <Tag color="red">{t('evaluation.wrong')}</Tag>}
          {h.eligibleUnregistered && <Tag color="red">{t('evaluation.omitted')}</Tag>}
          {h.approves === false && <Tag color="orange">{t('evaluation.disapproves')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'check',
      render: (_: unknown, h) => (
        <Button size="small" onClick={() => setChecking(h)} data-testid={`check-${h.householdId}`}>
          {t('evaluation.check')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Card
        title={t('evaluation.estimates')}
        size="small"
        style={{ marginBottom: 16 }}
        loading={estimates.isLoading}
      >
        {estimates.isError && (
          <ErrorResult error={estimates.error} onRetry={() => void estimates.refetch()} />
        )}
        {e && (
          <Flex vertical gap={12}>
            <Row gutter={[12, 12]}>
              <Col xs={24} md={8}>
                <EstimateCard
                  title={t('evaluation.wrongExit')}
                  e={e.overall.wrongExit}
                  threshold={e.thresholds.wrongExitRate}
                  testId="estimate-wrong-exit"
                />
              </Col>
              <Col xs={24} md={8}>
                <EstimateCard
                  title={t('evaluation.omission')}
                  e={e.overall.omission}
                  threshold={e.thresholds.omissionRate}
                  testId="estimate-omission"
                />
              </Col>
              <Col xs={24} md={8}>
                <EstimateCard
                  title={t('evaluation.approval')}
                  e={e.overall.approval}
                  threshold={e.thresholds.minApproval}
                  testId="estimate-approval"
                />
              </Col>
            </Row>
            <Typography.Text type="secondary">
              {t('evaluation.progress')}: {fmt.number(e.progress.checked)} / {fmt.number(e.progress.total)}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="evaluation-feedback">
              {t('evaluation.feedback', {
                satisfied: fmt.percent(e.feedback.shareSatisfied),
                n: e.feedback.withFeedback,
                rating: fmt.number(e.feedback.meanRating, 2),
                ratings: e.feedback.ratings,
              })}
            </Typography.Text>
            <div>
              <Typography.Text strong>{t('evaluation.verdict')}: </Typography.Text>
              <Tag color={decisionColor[e.verdict.decision]} data-testid="verdict">
                {t(`evaluation.decision.${e.verdict.decision}`)}
              </Tag>
            </div>
            <ReasonList reasons={e.verdict.reasons} testId="verdict-reasons" />
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              scroll={{ x: true }}
              dataSource={e.townships}
              columns={[
                { title: t('evaluation.township'), dataIndex: 'name' },
                ...(['wrongExit', 'omission', 'approval'] as const).map((k) => ({
                  title: t(`evaluation.${k}`),
                  key: k,
                  render: (_: unknown, row: (typeof e.townships)[number]) =>
                    `${fmt.percent(row[k].estimate)} (${row[k].respondents})`,
                })),
              ]}
            />
          </Flex>
        )}
      </Card>
      <Card
        title={t('evaluation.households')}
        size="small"
        extra={
          <Flex wrap gap={8}>
            <Select
              allowClear
              placeholder={t('evaluation.stratum')}
              value={stratum}
              style={{ minWidth: 140 }}
              options={STRATA.map((s) => ({ value: s, label: t(`evaluation.strata.${s}`) }))}
              onChange={(v?: string) => update({ stratum: v })}
            />
            <Select
              allowClear
              placeholder={t('evaluation.checkStatus')}
              value={status}
              style={{ minWidth: 120 }}
              options={(['pending', 'checked', 'unreachable'] as const).map((s) => ({
                value: s,
                label: t(`evaluation.status.${s}`),
              }))}
              onChange={(v?: string) => update({ status: v })}
            />
          </Flex>
        }
      >
        <Table
          rowKey="householdId"
          size="small"
          loading={households.isFetching}
          dataSource={households.data?.items ?? []}
          columns={columns}
          scroll={{ x: true }}
          pagination={{
            current: page,
            pageSize: 20,
            total: households.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('sample', id);
              next.set('page', String(p));
              setParams(next);
            },
          }}
        />
      </Card>
      {checking && <CheckModal sampleId={id} household={checking} onClose={() => setChecking(null)} />}
    </>
  );
}

interface CheckForm {
  checkStatus: 'checked' | 'unreachable';
  answer?: boolean;
  approves?: boolean;
  note?: string;
}

function CheckModal({
  sampleId,
  household,
  onClose,
}: {
  sampleId: string;
  household: SampledHousehold;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordCheck(sampleId);
  const [form] = Form.useForm<CheckForm>();
  const checkStatus = Form.useWatch('checkStatus', form);
  const exited = household.stratum === 'exited';
  const yesNo = [
    { value: true, label: t('evaluation.yes') },
    { value: false, label: t('evaluation.no') },
  ];
  const submit = (v: CheckForm) => {
    const checked = v.checkStatus === 'checked';
    record.mutate(
      {
        householdId: household.householdId,
        body: {
          version: household.version,
          checkStatus: v.checkStatus,
          ...(checked
            ? exited
              ? { wronglyExited: v.answer ?? null }
              : { eligibleUnregistered: v.answer ?? null }
            : {}),
          approves: checked ? (v.approves ?? null) : null,
          note: v.note?.trim() || null,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('evaluation.saved'));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.code === 'E_CONFLICT') {
            void message.warning(t('evaluation.stale'));
            onClose();
          }
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('evaluation.checkTitle', { name: household.headName || household.householdNo })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      okText={t('evaluation.save')}
      okButtonProps={{ 'data-testid': 'check-submit' }}
    >
      {record.isError && <Typography.Text type="danger">{errorMessage(record.error)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          checkStatus: household.checkStatus === 'unreachable' ? 'unreachable' : 'checked',
          answer: (exited ? household.wronglyExited : household.eligibleUnregistered) ?? undefined,
          approves: household.approves ?? undefined,
          note: household.note ?? '',
        }}
      >
        <Form.Item name="checkStatus" label={t('evaluation.checkStatus')}>
          <Radio.Group
            options={[
              { value: 'checked', label: t('evaluation.status.checked') },
              { value: 'unreachable', label: t('evaluation.status.unreachable') },
            ]}
          />
        </Form.Item>
        {checkStatus !== 'unreachable' && (
          <>
            <Form.Item
              name="answer"
              label={t(exited ? 'evaluation.wronglyExited' : 'evaluation.eligibleUnregistered')}
              rules={[{ required: true }]}
            >
              <Radio.Group options={yesNo} data-testid="check-answer" />
            </Form.Item>
            <Form.Item name="approves" label={t('evaluation.approves')} rules={[{ required: true }]}>
              <Radio.Group options={yesNo} data-testid="check-approves" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('evaluation.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
