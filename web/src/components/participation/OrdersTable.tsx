import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../api/participation';
import { COMPACT_TABLE } from './compactTable';
import { chinaDay } from '../../i18n/format';

interface Props {
  items: Order[] | undefined;
  loading?: boolean;
  /** The officers' view: which organisation ordered, and a fulfil button; otherwise the organisation's own orders. */
  onFulfil?: (order: Order) => void;
}

/** Orders and purchase commitments of products, for officers (to fulfil) or the ordering organisation. */
export function OrdersTable({ items, loading, onFulfil }: Props) {
  const { t } = useTranslation();
  const officer = onFulfil !== undefined;
  const columns: ColumnsType<Order> = [
    { title: t('part.col.product'), dataIndex: 'productName' },
    officer
      ? { title: t('part.col.organisation'), dataIndex: ['organisation', 'name'] }
      : { title: t('part.col.township'), dataIndex: ['township', 'name'] },
    {
      title: t('part.portal.orderKind'),
      dataIndex: 'kind',
      render: (k: string) => t(`part.orderKind.${k}` as never),
    },
    ...(officer
      ? []
      : [
          {
            title: t('part.portal.quantity'),
            render: (_: unknown, o: Order) => `${o.quantity} ${o.unit}`,
            align: 'right' as const,
          },
        ]),
    { title: t('part.col.orderAmount'), dataIndex: 'amount', align: 'right' },
    {
      title: t('part.col.status'),
      dataIndex: 'status',
      render: (s: string) => t(`part.orderStatus.${s}` as never),
    },
    onFulfil
      ? {
          title: t('part.col.actions'),
          render: (_: unknown, o) =>
            o.status === 'ordered' && (
              <Button size="small" onClick={() => onFulfil(o)}>
                {t('part.officer.fulfil')}
              </Button>
            ),
        }
      : { title: t('part.col.ordered'), dataIndex: 'orderedAt', render: (d: string) => chinaDay(d) },
  ];
  return <Table<Order> {...COMPACT_TABLE} loading={loading} dataSource={items} columns={columns} />;
}
