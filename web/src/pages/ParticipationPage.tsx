import { useState } from 'react';
import { Button, Select, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import {
  useIncome,
  useList,
  type OfficerNeed,
  type Order,
  type Organisation,
  type Product,
} from '../api/participation';
import { PageHeader } from '../components/PageHeader';
import { NeedStatsPanel } from '../components/participation/NeedStatsPanel';
import { NeedsTable } from '../components/participation/NeedsTable';
import { OfficerDialog, type OfficerDialogState } from '../components/participation/OfficerDialog';
import { OrdersTable } from '../components/participation/OrdersTable';
import { OrganisationsTable } from '../components/participation/OrganisationsTable';
import { ProductsTable } from '../components/participation/ProductsTable';
import { useParticipationAction } from '../components/participation/useParticipationAction';

/** Officers: review organisations, publish and confirm needs, products and orders, matching statistics. */
export default function ParticipationPage() {
  const { t } = useTranslation();
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
  const income = useIncome();
  const { run } = useParticipationAction();
  const [dialog, setDialog] = useState<OfficerDialogState>(null);

  const organisationsTab = {
    key: 'organisations',
    label: <span data-testid="tab-organisations">{t('part.officer.organisations')}</span>,
    children: (
      <OrganisationsTable
        items={orgs.data?.items}
        loading={orgs.isFetching}
        onApprove={(o) => run(`/api/org/organisations/${o.id}/approve`)}
        onReject={(o) => setDialog({ kind: 'reject', org: o })}
      />
    ),
  };
  const needsTab = (
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
      <NeedsTable<OfficerNeed>
        view="officer"
        items={needs.data?.items}
        loading={needs.isFetching}
        pagination={{
          current: page,
          pageSize: 20,
          total: needs.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        actions={(n) =>
          n.status === 'delivered' && (
            <Button
              size="small"
              type="primary"
              data-testid={`confirm-${n.id}`}
              onClick={() => setDialog({ kind: 'confirm', need: n })}
            >
              {t('part.officer.confirm')}
            </Button>
          )
        }
      />
    </>
  );
  const productsTab = (
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
      <ProductsTable items={products.data?.items} />
      <h4>{t('part.officer.orders')}</h4>
      <OrdersTable items={orders.data?.items} onFulfil={(o) => run(`/api/products/orders/${o.id}/fulfil`)} />
    </>
  );

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
          ...(canReview ? [organisationsTab] : []),
          {
            key: 'needs',
            label: <span data-testid="tab-needs">{t('part.officer.needs')}</span>,
            children: needsTab,
          },
          { key: 'products', label: t('part.officer.products'), children: productsTab },
          {
            key: 'stats',
            label: <span data-testid="tab-stats">{t('part.officer.stats')}</span>,
            children: <NeedStatsPanel />,
          },
        ]}
      />
      <OfficerDialog dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
