import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import {
  LEVELS,
  REQUESTER_LEVELS,
  reportXlsxUrl,
  useAddInspection,
  useAddRequest,
  useAnswerRequest,
  useCatalogue,
  useInspections,
  useMeter,
  useRequests,
  type DataRequest,
  type Inspection,
  type Meter,
  type RequesterLevel,
} from '../api/burden';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { useLang } from '../i18n';
import { useFormat } from '../i18n/format';

const YEARS = Array.from({ length: new Date().getFullYear() - 2013 }, (_, i) => new Date().getFullYear() - i);

/** The burden meter: `/burden?region&year` — asked versus derived, standard reports, the registers. */
export default function BurdenPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const region = params.get('region') ?? user.scope.code;
  const meter = useMeter(region, year);
  const setYear = (y: number) => setParams({ year: String(y), ...(region ? { region } : {}) });
  const mayRegister = user.permissions.keepBurdenRegisters;
  return (
    <>
      <PageHeader
        title={t('burden.title')}
        subtitle={t('burden.subtitle')}
        extra={
          <Select
            value={year}
            onChange={setYear}
            options={YEARS.map((y) => ({ value: y, label: y }))}
            aria-label={t('burden.year')}
            data-testid="burden-year"
          />
        }
      />
      {meter.isError ? (
        <ErrorResult error={meter.error} onRetry={() => void meter.refetch()} />
      ) : (
        <MeterView meter={meter.data} loading={meter.isLoading} />
      )}
      <StandardReports region={region} year={year === new Date().getFullYear() ? year - 1 : year} />
      <Requests region={region} year={year} mayRegister={mayRegister} />
      <Inspections region={region} year={year} mayRegister={mayRegister} />
    </>
  );
}

function MeterView({ meter, loading }: { meter: Meter | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const fmt = useFormat();
  return (
    <Card
      title={`${t('burden.askedTitle')} / ${t('burden.derivedTitle')}`}
      size="small"
      loading={loading}
      style={{ marginBottom: 16 }}
    >
      {meter && (
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <Statistic
                title={t('burden.grassroots')}
                value={meter.grassrootsFields}
                data-testid="burden-asked"
              />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('burden.figures')}
                value={meter.derived.figures}
                data-testid="burden-derived"
              />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('burden.ratio', { n: '' }).trim()}
                value={meter.derivedPerField === null ? '—' : fmt.number(meter.derivedPerField, 1)}
              />
            </Col>
          </Row>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            dataSource={meter.forms}
            data-testid="burden-forms"
            columns={[
              { title: t('burden.form'), render: (_: unknown, f) => (en ? f.en : f.zh) },
              { title: t('burden.perFilling'), dataIndex: 'fieldsPerFilling' },
              ...LEVELS.filter((l) => l !== 'system').map((l) => ({
                title: t(`burden.level.${l}`),
                key: l,
                render: (_: unknown, f: Meter['forms'][number]) => fmt.number(f.byLevel[l]),
              })),
              { title: t('burden.fields'), dataIndex: 'fields', render: (n: number) => fmt.number(n) },
            ]}
          />
          <Table
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={meter.derived.reports}
            columns={[
              { title: t('burden.report'), render: (_: unknown, r) => (en ? r.en : r.zh) },
              { title: t('burden.generated'), dataIndex: 'generated' },
              { title: t('burden.cells'), dataIndex: 'cells', render: (n: number) => fmt.number(n) },
            ]}
          />
          <Typography.Text type="secondary">
            {t('burden.ruleDecisions', {
              n: fmt.number(meter.derived.ruleDecisions),
              runs: meter.derived.evaluationRuns,
            })}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

function StandardReports({ region, year }: { region: string; year: number }) {
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

function Requests({ region, year, mayRegister }: { region: string; year: number; mayRegister: boolean }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const fmt = useFormat();
  const requests = useRequests(region, year);
  const catalogue = useCatalogue();
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<DataRequest | null>(null);
  const itemLabel = (id: string) => {
    const item = catalogue.data?.items.find((i) => i.id === id);
    return item ? (en ? item.en : item.zh) : id;
  };
  const reportLabel = (kind: string) => {
    const r = catalogue.data?.reports.find((x) => x.kind === kind);
    return r ? (en ? r.en : r.zh) : kind;
  };
  const columns: TableColumnsType<DataRequest> = [
    { title: t('burden.receivedOn'), dataIndex: 'receivedOn', render: (d: string) => fmt.date(d) },
    {
      title: t('burden.requester'),
      render: (_: unknown, r) => `${r.requester}（${t(`burden.levels.${r.requesterLevel}`)}）`,
    },
    { title: t('burden.requestTitle'), dataIndex: 'title' },
    {
      title: t('burden.items'),
      render: (_: unknown, r) => (
        <Flex vertical gap={4}>
          <span>{r.items.map(itemLabel).join('、')}</span>
          {r.assessment.held.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('burden.heldFlag', { reports: r.assessment.reports.map(reportLabel).join('、') })}
              data-testid={`request-held-${r.id}`}
            />
          )}
          {r.assessment.discouraged.length > 0 && (
            <Alert type="error" showIcon message={t('burden.discouragedFlag')} />
          )}
          {r.assessment.notHeld.length > 0 && (
            <Typography.Text type="secondary">
              {t('burden.notHeldFlag', { items: r.assessment.notHeld.map(itemLabel).join('、') })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: '',
      render: (_: unknown, r) => (
        <Flex vertical gap={4}>
          <Tag color={r.status === 'open' ? 'gold' : r.status === 'declined' ? 'default' : 'green'}>
            {t(`burden.status.${r.status}`)}
          </Tag>
          {r.status === 'open' && mayRegister && (
            <Button size="small" onClick={() => setAnswering(r)}>
              {t('burden.answer')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <Card
      title={t('burden.requests')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        mayRegister && (
          <Button size="small" onClick={() => setAdding(true)} data-testid="request-add">
            {t('burden.addRequest')}
          </Button>
        )
      }
    >
      {requests.isError && <ErrorResult error={requests.error} />}
      <Table
        size="small"
        rowKey="id"
        loading={requests.isLoading}
        dataSource={requests.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('burden.empty') }}
      />
      {adding && <RequestModal region={region} onClose={() => setAdding(false)} />}
      {answering && <AnswerModal request={answering} onClose={() => setAnswering(null)} />}
    </Card>
  );
}

interface RequestForm {
  requester: string;
  requesterLevel: RequesterLevel;
  title: string;
  items: string[];
  receivedOn: { format(f: string): string };
}

function RequestModal({ region, onClose }: { region: string; onClose: () => void }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const { message } = App.useApp();
  const catalogue = useCatalogue();
  const add = useAddRequest();
  const [form] = Form.useForm<RequestForm>();
  const submit = (v: RequestForm) =>
    add.mutate(
      { ...v, region, receivedOn: v.receivedOn.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          void message.success(t('burden.saved'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('burden.addRequest')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
    >
      {add.isError && <Typography.Text type="danger">{errorMessage(add.error)}</Typography.Text>}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ requesterLevel: 'prefecture' }}>
        <Form.Item name="requester" label={t('burden.requester')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="requesterLevel" label={t('burden.requesterLevel')}>
          <Select options={REQUESTER_LEVELS.map((l) => ({ value: l, label: t(`burden.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('burden.requestTitle')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="items" label={t('burden.items')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={(catalogue.data?.items ?? []).map((i) => ({ value: i.id, label: en ? i.en : i.zh }))}
          />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('burden.receivedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerModal({ request, onClose }: { request: DataRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const answer = useAnswerRequest();
  const [form] = Form.useForm<{
    status: 'answered_by_report' | 'answered_by_villages' | 'declined';
    note: string;
  }>();
  return (
    <Modal
      open
      title={`${t('burden.answer')}: ${request.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={answer.isPending}
    >
      {answer.isError && <Typography.Text type="danger">{errorMessage(answer.error)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          status: request.assessment.answerableFromSystem ? 'answered_by_report' : 'answered_by_villages',
        }}
        onFinish={(v) =>
          answer.mutate({ id: request.id, version: request.version, ...v }, { onSuccess: onClose })
        }
      >
        <Form.Item name="status" label={t('burden.answer')}>
          <Select
            options={(['answered_by_report', 'answered_by_villages', 'declined'] as const).map((s) => ({
              value: s,
              label: t(`burden.answerBy.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('burden.note')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Inspections({ region, year, mayRegister }: { region: string; year: number; mayRegister: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const inspections = useInspections(region, year);
  const [adding, setAdding] = useState(false);
  const columns: TableColumnsType<Inspection> = [
    { title: t('burden.startOn'), dataIndex: 'startOn', render: (d: string) => fmt.date(d) },
    { title: t('burden.region'), dataIndex: 'region' },
    {
      title: t('burden.inspector'),
      render: (_: unknown, i) => `${i.inspector}（${t(`burden.levels.${i.inspectorLevel}`)}）`,
    },
    { title: t('burden.purpose'), dataIndex: 'purpose' },
    { title: t('burden.days'), dataIndex: 'days' },
    {
      title: '',
      render: (_: unknown, i) => (
        <Flex wrap gap={4}>
          <Tag>{t('burden.nth', { n: i.nth })}</Tag>
          {i.overCount && <Tag color="red">{t('burden.overCount')}</Tag>}
          {i.overDays && <Tag color="orange">{t('burden.overDays')}</Tag>}
        </Flex>
      ),
    },
  ];
  const limits = inspections.data?.limits;
  return (
    <Card
      title={t('burden.inspections')}
      size="small"
      extra={
        mayRegister && (
          <Button size="small" onClick={() => setAdding(true)} data-testid="inspection-add">
            {t('burden.addInspection')}
          </Button>
        )
      }
    >
      {limits && (
        <Typography.Paragraph type="secondary">
          {t('burden.limits', { perYear: limits.perYear, days: limits.daysPerYear })}
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={inspections.isLoading}
        dataSource={inspections.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('burden.empty') }}
      />
      {adding && <InspectionModal region={region} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function InspectionModal({ region, onClose }: { region: string; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddInspection();
  const [form] = Form.useForm<{
    region: string;
    inspector: string;
    inspectorLevel: RequesterLevel;
    purpose: string;
    startOn: { format(f: string): string };
    days: number;
  }>();
  return (
    <Modal
      open
      title={t('burden.addInspection')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
    >
      {add.isError && <Typography.Text type="danger">{errorMessage(add.error)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ region, inspectorLevel: 'county', days: 1 }}
        onFinish={(v) =>
          add.mutate({ ...v, startOn: v.startOn.format('YYYY-MM-DD') }, { onSuccess: onClose })
        }
      >
        <Form.Item
          name="region"
          label={t('burden.region')}
          rules={[{ required: true, pattern: /^(\d{6}|\d{9}|\d{12})$/ }]}
        >
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="inspector" label={t('burden.inspector')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="inspectorLevel" label={t('burden.requesterLevel')}>
          <Select options={REQUESTER_LEVELS.map((l) => ({ value: l, label: t(`burden.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('burden.purpose')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="startOn" label={t('burden.startOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="days" label={t('burden.days')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
