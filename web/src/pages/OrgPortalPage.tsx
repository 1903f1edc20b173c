import { useState } from 'react';
import { Alert, Button, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useList, useOrgMe, type BoardNeed, type Order, type Product } from '../api/participation';
import { PageHeader } from '../components/PageHeader';
import { NEED_KINDS } from '../components/participation/labels';
import { NeedsTable } from '../components/participation/NeedsTable';
import { OrdersTable } from '../components/participation/OrdersTable';
import { OrgDialog, type OrgDialogState } from '../components/participation/OrgDialog';
import { ProductsTable } from '../components/participation/ProductsTable';

/** The organisation's portal: the anonymised needs board, its pledges, products and its orders. */
export default function OrgPortalPage() {
  const { t } = useTranslation();
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
  const [dialog, setDialog] = useState<OrgDialogState>(null);

  /** Pledge to an open need; mark a need this organisation pledged to as delivered. */
  const needActions = (n: BoardNeed) =>
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
    ) : null;
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
                <NeedsTable
                  view="board"
                  items={board.data?.items}
                  loading={board.isFetching}
                  actions={needActions}
                  pagination={{
                    current: page,
                    pageSize: 20,
                    total: board.data?.total,
                    onChange: setPage,
                    showSizeChanger: false,
                  }}
                  testId="board-table"
                />
              </>
            ),
          },
          {
            key: 'pledges',
            label: <span data-testid="tab-pledges">{t('part.portal.pledges')}</span>,
            children: (
              <NeedsTable
                view="pledges"
                items={pledges.data?.items}
                loading={pledges.isFetching}
                actions={needActions}
                testId="pledges-table"
              />
            ),
          },
          {
            key: 'products',
            label: <span data-testid="tab-products">{t('part.portal.products')}</span>,
            children: (
              <ProductsTable
                items={products.data?.items}
                loading={products.isFetching}
                onOrder={(p) => setDialog({ kind: 'order', product: p })}
              />
            ),
          },
          {
            key: 'orders',
            label: <span data-testid="tab-orders">{t('part.portal.orders')}</span>,
            children: <OrdersTable items={orders.data?.items} loading={orders.isFetching} />,
          },
        ]}
      />
      <OrgDialog dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
