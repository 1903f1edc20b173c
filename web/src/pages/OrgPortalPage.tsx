import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../components/ErrorResult';
import { useSearchParams } from 'react-router-dom';
import { useList, useOrgMe, usePost, type BoardNeed, type Order, type Product } from '../api/participation';
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
};

type Dialog =
  | { kind: 'pledge'; need: BoardNeed }
  | { kind: 'deliver'; need: BoardNeed }
  | { kind: 'order'; product: Product }
  | null;

/** The organisation's portal: the anonymised needs board, its pledges, products and its orders. */
export default function OrgPortalPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'board';
  const kind = params.get('kind') ?? undefined;
  const [page, setPage] = useState(1);
  const me = useOrgMe();
  const board = useList<BoardNeed>(
    'board',
    '/api/needs/board',
    { kind, page, pageSize: 20 },
    tab === 'board',
  );
  const pledges = useList<BoardNeed>(
    'pledges',
    '/api/org/pledges',
    { page: 1, pageSize: 100 },
    tab === 'pledges',
  );
  const products = useList<Product>(
    'products',
    '/api/products',
    { page: 1, pageSize: 100 },
    tab === 'products',
  );
  const orders = useList<Order>(
    'orders',
    '/api/products/orders',
    { page: 1, pageSize: 100 },
    tab === 'orders',
  );
  const post = usePost();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();

  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    if (!dialog) return;
    const path =
      dialog.kind === 'pledge'
        ? `/api/needs/${dialog.need.id}/pledge`
        : dialog.kind === 'deliver'
          ? `/api/needs/${dialog.need.id}/deliver`
          : `/api/products/${dialog.product.id}/orders`;
    const body = { ...v } as Record<string, unknown>;
    const d = body.expectedDate as { format?: (f: string) => string } | undefined;
    body.expectedDate = d?.format ? d.format('YYYY-MM-DD') : undefined;
    if (!body.note) delete body.note;
    post.mutate(
      { path, body },
      {
        onSuccess: () => {
          void message.success(t('part.portal.done'));
          setDialog(null);
          form.resetFields();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  };

  const needCols = (mine: boolean): ColumnsType<BoardNeed> => [
    { title: t('part.col.kind'), dataIndex: 'kind', render: (k: string) => t(`part.needKind.${k}` as never) },
    {
      title: t('part.col.title'),
      dataIndex: 'title',
      render: (_: string, n) => (
        <div style={{ minWidth: 180, maxWidth: 320 }}>
          <Typography.Text strong>{n.title}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{n.description}</Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('part.col.township'), dataIndex: ['township', 'name'] },
    { title: t('part.col.amount'), dataIndex: 'amount', align: 'right' },
    {
      title: t('part.col.status'),
      dataIndex: 'status',
      render: (s: string, n) => (
        <span data-testid={`need-status-${n.id}`}>
          <Tag color={STATUS_COLOR[s]}>{t(`part.needStatus.${s}` as never)}</Tag>
          {n.pledgedByMe && !mine && <Tag>{t('part.portal.mine')}</Tag>}
        </span>
      ),
    },
    { title: t('part.col.published'), dataIndex: 'publishedAt', render: (d: string) => d.slice(0, 10) },
    {
      title: t('part.col.actions'),
      render: (_: unknown, n) =>
        n.status === 'open' ? (
          <Button
            size="small"
            type="primary"
            data-testid={`pledge-${n.id}`}
            onClick={() => setDialog({ kind: 'pledge', need: n })}
          >
            {t('part.portal.pledge')}
          </Button>
        ) : n.status === 'pledged' && n.pledgedByMe ? (
          <Button
            size="small"
            data-testid={`deliver-${n.id}`}
            onClick={() => setDialog({ kind: 'deliver', need: n })}
          >
            {t('part.portal.deliver')}
          </Button>
        ) : null,
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
    { title: t('part.col.season'), dataIndex: 'season' },
    {
      title: t('part.col.actions'),
      render: (_: unknown, p) => (
        <Button
          size="small"
          type="primary"
          data-testid={`order-${p.id}`}
          onClick={() => setDialog({ kind: 'order', product: p })}
        >
          {t('part.portal.order')}
        </Button>
      ),
    },
  ];
  const orderCols: ColumnsType<Order> = [
    { title: t('part.col.product'), dataIndex: 'productName' },
    { title: t('part.col.township'), dataIndex: ['township', 'name'] },
    {
      title: t('part.portal.orderKind'),
      dataIndex: 'kind',
      render: (k: string) => t(`part.orderKind.${k}` as never),
    },
    {
      title: t('part.portal.quantity'),
      render: (_: unknown, o) => `${o.quantity} ${o.unit}`,
      align: 'right',
    },
    { title: t('part.col.orderAmount'), dataIndex: 'amount', align: 'right' },
    {
      title: t('part.col.status'),
      dataIndex: 'status',
      render: (s: string) => t(`part.orderStatus.${s}` as never),
    },
    { title: t('part.col.ordered'), dataIndex: 'orderedAt', render: (d: string) => d.slice(0, 10) },
  ];
  const tot = me.data?.totals;

  return (
    <div>
      <PageHeader
        title={me.data?.name ?? t('part.portal.title')}
        subtitle={
          me.data ? t(`part.orgKind.${me.data.kind}` as never) + ' · ' + me.data.region.name : undefined
        }
      />
      {tot && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="org-totals"
          title={t('part.portal.totals', {
            pledges: tot.pledges,
            delivered: tot.delivered,
            value: tot.valueDelivered,
            orders: tot.orders,
            orderAmount: tot.orderAmount,
            income: tot.incomeReachedHouseholds,
          })}
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          {
            key: 'board',
            label: <span data-testid="tab-board">{t('part.portal.board')}</span>,
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('part.portal.anonNote')}</Typography.Paragraph>
                <Select
                  allowClear
                  placeholder={t('part.col.kind')}
                  style={{ minWidth: 160, marginBottom: 12 }}
                  value={kind}
                  onChange={(k?: string) => {
                    setPage(1);
                    setParams(k ? { tab, kind: k } : { tab });
                  }}
                  options={NEED_KINDS.map((k) => ({ value: k, label: t(`part.needKind.${k}` as never) }))}
                />
                <Table<BoardNeed>
                  rowKey="id"
                  size="small"
                  scroll={{ x: 'max-content' }}
                  loading={board.isFetching}
                  dataSource={board.data?.items}
                  columns={needCols(false)}
                  pagination={{
                    current: page,
                    pageSize: 20,
                    total: board.data?.total,
                    onChange: setPage,
                    showSizeChanger: false,
                  }}
                  data-testid="board-table"
                />
              </>
            ),
          },
          {
            key: 'pledges',
            label: <span data-testid="tab-pledges">{t('part.portal.pledges')}</span>,
            children: (
              <Table<BoardNeed>
                rowKey="id"
                size="small"
                scroll={{ x: 'max-content' }}
                loading={pledges.isFetching}
                dataSource={pledges.data?.items}
                columns={needCols(true)}
                data-testid="pledges-table"
              />
            ),
          },
          {
            key: 'products',
            label: <span data-testid="tab-products">{t('part.portal.products')}</span>,
            children: (
              <Table<Product>
                rowKey="id"
                size="small"
                scroll={{ x: 'max-content' }}
                loading={products.isFetching}
                dataSource={products.data?.items}
                columns={productCols}
              />
            ),
          },
          {
            key: 'orders',
            label: <span data-testid="tab-orders">{t('part.portal.orders')}</span>,
            children: (
              <Table<Order>
                rowKey="id"
                size="small"
                scroll={{ x: 'max-content' }}
                loading={orders.isFetching}
                dataSource={orders.data?.items}
                columns={orderCols}
              />
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'pledge'
            ? t('part.portal.pledgeTitle')
            : dialog?.kind === 'deliver'
              ? t('part.portal.deliverTitle')
              : t('part.portal.orderTitle')
        }
        onCancel={() => setDialog(null)}
        onOk={() => void submit()}
        confirmLoading={post.isPending}
        okButtonProps={{ 'data-testid': 'dialog-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          key={
            dialog ? `${dialog.kind}-${dialog.kind === 'order' ? dialog.product.id : dialog.need.id}` : 'none'
          }
          initialValues={dialog?.kind === 'pledge' ? { amount: dialog.need.amount } : { kind: 'order' }}
        >
          {dialog?.kind === 'pledge' && (
            <>
              <Typography.Paragraph strong>{dialog.need.title}</Typography.Paragraph>
              <Form.Item name="amount" label={t('part.portal.amount')} rules={[{ required: true }]}>
                <InputNumber min={0} style={{ width: '100%' }} data-testid="pledge-amount" />
              </Form.Item>
              <Form.Item name="expectedDate" label={t('part.portal.expectedDate')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="note" label={t('part.portal.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {dialog?.kind === 'deliver' && (
            <Form.Item name="note" label={t('part.portal.deliverTitle')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} data-testid="deliver-note" />
            </Form.Item>
          )}
          {dialog?.kind === 'order' && (
            <>
              <Typography.Paragraph strong>
                {dialog.product.name} · {dialog.product.price} / {dialog.product.unit}
              </Typography.Paragraph>
              <Form.Item name="quantity" label={t('part.portal.quantity')} rules={[{ required: true }]}>
                <InputNumber
                  min={1}
                  max={dialog.product.quantityAvailable}
                  style={{ width: '100%' }}
                  data-testid="order-quantity"
                />
              </Form.Item>
              <Form.Item name="kind" label={t('part.portal.orderKind')}>
                <Select
                  options={['order', 'commitment'].map((k) => ({
                    value: k,
                    label: t(`part.orderKind.${k}` as never),
                  }))}
                />
              </Form.Item>
              <Form.Item name="note" label={t('part.portal.note')}>
                <Input />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
