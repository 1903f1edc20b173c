import { useState } from 'react';
import {
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Rate,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  type ButtonProps,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../components/ErrorResult';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import {
  useIncome,
  useList,
  useNeedStats,
  usePost,
  type OfficerNeed,
  type Order,
  type Organisation,
  type Product,
  type StatLine,
} from '../api/participation';
import { KpiCard } from '../components/KpiCard';
import { PageHeader } from '../components/PageHeader';

const NEED_KINDS = [
  'school_aid',
  'medical_aid',
  'house_repair',
  'industry',
  'jobs',
  'training',
  'daily_necessities',
  'village_project',
];
const STATUS_COLOR: Record<string, string> = {
  open: 'blue',
  pledged: 'gold',
  delivered: 'cyan',
  confirmed: 'green',
  withdrawn: 'default',
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
};

type Dialog =
  | { kind: 'reject'; org: Organisation }
  | { kind: 'publish' }
  | { kind: 'confirm'; need: OfficerNeed }
  | { kind: 'product' }
  | null;

/** Officers: review organisations, publish and confirm needs, products and orders, matching statistics. */
export default function ParticipationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const canReview = user.permissions.reviewOrganisations;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (canReview ? 'organisations' : 'needs');
  const status = params.get('status') ?? undefined;
  const [page, setPage] = useState(1);
  const orgs = useList<Organisation>(
    'orgs',
    '/api/org/organisations',
    { page: 1, pageSize: 100 },
    tab === 'organisations' && canReview,
  );
  const needs = useList<OfficerNeed>('needs', '/api/needs', { status, page, pageSize: 20 }, tab === 'needs');
  const products = useList<Product>(
    'products-officer',
    '/api/products',
    { page: 1, pageSize: 100 },
    tab === 'products',
  );
  const orders = useList<Order>(
    'orders-officer',
    '/api/products/orders',
    { page: 1, pageSize: 100 },
    tab === 'products',
  );
  const stats = useNeedStats();
  const income = useIncome();
  const post = usePost();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();

  const run = (path: string, body: Record<string, unknown> = {}, after?: () => void) =>
    post.mutate(
      { path, body },
      {
        onSuccess: () => {
          void message.success(t('part.portal.done'));
          after?.();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );

  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const close = () => {
      setDialog(null);
      form.resetFields();
    };
    if (dialog?.kind === 'reject') run(`/api/org/organisations/${dialog.org.id}/reject`, v, close);
    else if (dialog?.kind === 'confirm')
      run(
        `/api/needs/${dialog.need.id}/confirm`,
        { ...v, onBehalfReason: v.onBehalfReason || undefined, rating: v.rating || undefined },
        close,
      );
    else if (dialog?.kind === 'publish')
      run(
        '/api/needs',
        { ...v, householdId: v.householdId || undefined, villageCode: v.villageCode || undefined },
        close,
      );
    else if (dialog?.kind === 'product')
      run(
        '/api/products',
        {
          ...v,
          producerName: v.producerName || undefined,
          householdIds: String(v.householdIds ?? '')
            .split(/[,，\s]+/)
            .filter(Boolean),
        },
        close,
      );
  };

  const orgCols: ColumnsType<Organisation> = [
    { title: t('part.register.name'), dataIndex: 'name' },
    {
      title: t('part.register.kind'),
      dataIndex: 'kind',
      render: (k: string) => t(`part.orgKind.${k}` as never),
    },
    { title: t('part.col.creditCode'), dataIndex: 'creditCode' },
    { title: t('part.col.contact'), render: (_: unknown, o) => `${o.contactPerson} ${o.contactPhone}` },
    { title: t('part.col.region'), dataIndex: ['region', 'name'] },
    { title: t('part.col.registered'), dataIndex: 'createdAt', render: (d: string) => d.slice(0, 10) },
    {
      title: t('part.col.status'),
      dataIndex: 'status',
      render: (s: string, o) => (
        <span data-testid={`org-status-${o.username}`}>
          <Tag color={STATUS_COLOR[s]}>{t(`part.orgStatus.${s}` as never)}</Tag>
          {o.rejectReason}
        </span>
      ),
    },
    {
      title: t('part.col.actions'),
      render: (_: unknown, o) =>
        o.status === 'pending' && (
          <Space>
            <Button
              size="small"
              type="primary"
              data-testid={`approve-${o.username}`}
              onClick={() => run(`/api/org/organisations/${o.id}/approve`)}
            >
              {t('part.officer.approve')}
            </Button>
            <Button size="small" danger onClick={() => setDialog({ kind: 'reject', org: o })}>
              {t('part.officer.reject')}
            </Button>
          </Space>
        ),
    },
  ];
  const needCols: ColumnsType<OfficerNeed> = [
    { title: t('part.col.kind'), dataIndex: 'kind', render: (k: string) => t(`part.needKind.${k}` as never) },
    { title: t('part.col.title'), dataIndex: 'title' },
    { title: t('part.col.village'), dataIndex: ['village', 'name'] },
    { title: t('part.col.household'), dataIndex: 'householdNo' },
    { title: t('part.col.amount'), dataIndex: 'amount', align: 'right' },
    { title: t('part.col.organisation'), render: (_: unknown, n) => n.organisation?.name },
    {
      title: t('part.col.status'),
      dataIndex: 'status',
      render: (s: string, n) => (
        <Tag color={STATUS_COLOR[s]} data-testid={`officer-need-status-${n.id}`}>
          {t(`part.needStatus.${s}` as never)}
        </Tag>
      ),
    },
    {
      title: t('part.col.actions'),
      render: (_: unknown, n) =>
        n.status === 'delivered' && (
          <Button
            size="small"
            type="primary"
            data-testid={`confirm-${n.id}`}
            onClick={() => setDialog({ kind: 'confirm', need: n })}
          >
            {t('part.officer.confirm')}
          </Button>
        ),
    },
  ];
  const productCols: ColumnsType<Product> = [
    { title: t('part.col.product'), dataIndex: 'name' },
    {
      title: t('part.col.producer'),
      render: (_: unknown, p) => p.producerName ?? t(`part.producerKind.${p.producerKind}` as never),
    },
    { title: t('part.col.township'), dataIndex: ['township', 'name'] },
    { title: t('part.col.price'), render: (_: unknown, p) => `${p.price} / ${p.unit}`, align: 'right' },
    { title: t('part.col.available'), dataIndex: 'quantityAvailable', align: 'right' },
    { title: t('part.col.households'), dataIndex: 'households', align: 'right' },
  ];
  const orderCols: ColumnsType<Order> = [
    { title: t('part.col.product'), dataIndex: 'productName' },
    { title: t('part.col.organisation'), dataIndex: ['organisation', 'name'] },
    {
      title: t('part.portal.orderKind'),
      dataIndex: 'kind',
      render: (k: string) => t(`part.orderKind.${k}` as never),
    },
    { title: t('part.col.orderAmount'), dataIndex: 'amount', align: 'right' },
    {
      title: t('part.col.status'),
      dataIndex: 'status',
      render: (s: string) => t(`part.orderStatus.${s}` as never),
    },
    {
      title: t('part.col.actions'),
      render: (_: unknown, o) =>
        o.status === 'ordered' && (
          <Button size="small" onClick={() => run(`/api/products/orders/${o.id}/fulfil`)}>
            {t('part.officer.fulfil')}
          </Button>
        ),
    },
  ];
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const statCols: ColumnsType<StatLine> = [
    { title: t('part.col.region'), dataIndex: 'name' },
    { title: t('part.officer.total'), dataIndex: 'total', align: 'right' },
    { title: t('part.officer.shareMatched'), dataIndex: 'shareMatched', render: pct, align: 'right' },
    {
      title: t('part.officer.medianDays'),
      dataIndex: 'medianDaysToMatch',
      render: (d: number | null) => (d === null ? '—' : d.toFixed(1)),
      align: 'right',
    },
    { title: t('part.officer.valueDelivered'), dataIndex: 'valueDelivered', align: 'right' },
  ];
  const s = stats.data?.total;

  return (
    <div>
      <PageHeader
        title={t('part.officer.title')}
        extra={
          <>
            <Button type="primary" onClick={() => setDialog({ kind: 'publish' })} data-testid="publish-need">
              {t('part.officer.publish')}
            </Button>
            <Button onClick={() => setDialog({ kind: 'product' })}>{t('part.officer.addProduct')}</Button>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setPage(1);
          setParams({ tab: k });
        }}
        items={[
          ...(canReview
            ? [
                {
                  key: 'organisations',
                  label: <span data-testid="tab-organisations">{t('part.officer.organisations')}</span>,
                  children: (
                    <Table<Organisation>
                      rowKey="id"
                      size="small"
                      scroll={{ x: 'max-content' }}
                      loading={orgs.isFetching}
                      dataSource={orgs.data?.items}
                      columns={orgCols}
                    />
                  ),
                },
              ]
            : []),
          {
            key: 'needs',
            label: <span data-testid="tab-needs">{t('part.officer.needs')}</span>,
            children: (
              <>
                <Select
                  allowClear
                  placeholder={t('part.col.status')}
                  style={{ minWidth: 140, marginBottom: 12 }}
                  value={status}
                  onChange={(v?: string) => {
                    setPage(1);
                    setParams(v ? { tab, status: v } : { tab });
                  }}
                  options={['open', 'pledged', 'delivered', 'confirmed'].map((k) => ({
                    value: k,
                    label: t(`part.needStatus.${k}` as never),
                  }))}
                />
                <Table<OfficerNeed>
                  rowKey="id"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  loading={needs.isFetching}
                  dataSource={needs.data?.items}
                  columns={needCols}
                  pagination={{
                    current: page,
                    pageSize: 20,
                    total: needs.data?.total,
                    onChange: setPage,
                    showSizeChanger: false,
                  }}
                />
              </>
            ),
          },
          {
            key: 'products',
            label: t('part.officer.products'),
            children: (
              <>
                {income.data && (
                  <p>
                    {t('part.officer.incomeTotal', {
                      amount: income.data.total,
                      households: income.data.households,
                      orders: income.data.orders,
                    })}
                  </p>
                )}
                <Table<Product>
                  rowKey="id"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  dataSource={products.data?.items}
                  columns={productCols}
                />
                <h4>{t('part.officer.orders')}</h4>
                <Table<Order>
                  rowKey="id"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  dataSource={orders.data?.items}
                  columns={orderCols}
                />
              </>
            ),
          },
          {
            key: 'stats',
            label: <span data-testid="tab-stats">{t('part.officer.stats')}</span>,
            children: (
              <>
                {s && (
                  <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
                    <Col xs={12} md={6}>
                      <KpiCard title={t('part.officer.total')} value={String(s.total)} testId="kpi-needs" />
                    </Col>
                    <Col xs={12} md={6}>
                      <KpiCard
                        title={t('part.officer.shareMatched')}
                        value={pct(s.shareMatched)}
                        testId="kpi-matched"
                      />
                    </Col>
                    <Col xs={12} md={6}>
                      <KpiCard
                        title={t('part.officer.medianDays')}
                        value={s.medianDaysToMatch?.toFixed(1) ?? '—'}
                        testId="kpi-days"
                      />
                    </Col>
                    <Col xs={12} md={6}>
                      <KpiCard
                        title={t('part.officer.valueDelivered')}
                        value={String(s.valueDelivered)}
                        testId="kpi-value"
                      />
                    </Col>
                  </Row>
                )}
                <h4>{t('part.officer.byTownship')}</h4>
                <Table<StatLine>
                  rowKey="key"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  pagination={false}
                  dataSource={stats.data?.byTownship}
                  columns={statCols}
                />
                <h4>{t('part.officer.byOrganisation')}</h4>
                <Table<StatLine>
                  rowKey="key"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  pagination={false}
                  dataSource={stats.data?.byOrganisation}
                  columns={statCols}
                />
              </>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'reject'
            ? t('part.officer.reject')
            : dialog?.kind === 'confirm'
              ? t('part.officer.confirmTitle')
              : dialog?.kind === 'product'
                ? t('part.officer.addProduct')
                : t('part.officer.publish')
        }
        onCancel={() => setDialog(null)}
        onOk={() => void submit()}
        confirmLoading={post.isPending}
        okButtonProps={{ 'data-testid': 'officer-dialog-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ source: 'village', kind: 'village_project', producerKind: 'cooperative' }}
        >
          {dialog?.kind === 'reject' && (
            <Form.Item name="reason" label={t('part.officer.rejectReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {dialog?.kind === 'confirm' && (
            <>
              <Form.Item name="note" label={t('part.portal.note')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} data-testid="confirm-note" />
              </Form.Item>
              {dialog.need.source === 'household' && (
                <Form.Item
                  name="onBehalfReason"
                  label={t('part.officer.onBehalfReason')}
                  rules={[{ required: true }]}
                >
                  <Input data-testid="confirm-reason" />
                </Form.Item>
              )}
              <Form.Item name="rating" label={t('part.officer.rating')}>
                <Rate />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'publish' && (
            <>
              <Form.Item name="kind" label={t('part.col.kind')} rules={[{ required: true }]}>
                <Select
                  options={NEED_KINDS.map((k) => ({ value: k, label: t(`part.needKind.${k}` as never) }))}
                />
              </Form.Item>
              <Form.Item name="source" label={t('part.officer.source')} rules={[{ required: true }]}>
                <Select
                  options={['household', 'village'].map((k) => ({
                    value: k,
                    label: t(`part.source.${k}` as never),
                  }))}
                />
              </Form.Item>
              <Form.Item name="householdId" label={t('part.officer.householdId')}>
                <Input />
              </Form.Item>
              <Form.Item
                name="villageCode"
                label={t('part.officer.villageCode')}
                initialValue={user.scope.code.length === 12 ? user.scope.code : undefined}
              >
                <Input />
              </Form.Item>
              <Form.Item name="title" label={t('part.col.title')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="description" label={t('part.officer.description')}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="amount" label={t('part.col.amount')} rules={[{ required: true }]}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'product' && (
            <>
              <Form.Item name="name" label={t('part.col.product')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="producerKind" label={t('part.col.producer')}>
                <Select
                  options={['cooperative', 'household'].map((k) => ({
                    value: k,
                    label: t(`part.producerKind.${k}` as never),
                  }))}
                />
              </Form.Item>
              <Form.Item name="producerName" label={t('part.officer.producerName')}>
                <Input />
              </Form.Item>
              <Form.Item
                name="townshipCode"
                label={t('part.officer.townshipCode')}
                rules={[{ required: true }]}
                initialValue={user.scope.code.length >= 9 ? user.scope.code.slice(0, 9) : undefined}
              >
                <Input />
              </Form.Item>
              <Form.Item name="unit" label={t('part.officer.unit')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="price" label={t('part.col.price')} rules={[{ required: true }]}>
                <InputNumber min={0.01} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item
                name="quantityAvailable"
                label={t('part.col.available')}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="season" label={t('part.col.season')}>
                <Input />
              </Form.Item>
              <Form.Item
                name="householdIds"
                label={t('part.officer.householdIds')}
                rules={[{ required: true }]}
              >
                <Input />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
