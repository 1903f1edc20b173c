import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../api/participation';
import { COMPACT_TABLE } from './compactTable';

interface Props {
  items: Product[] | undefined;
  loading?: boolean;
  /** The organisation's portal: the season and an order button; otherwise the officers' view with households. */
  onOrder?: (product: Product) => void;
}

/** Products of poor households and cooperatives, for officers (households reached) or organisations (to order). */
export function ProductsTable({ items, loading, onOrder }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<Product> = [
    { title: t('part.col.product'), dataIndex: 'name' },
    {
      title: t('part.col.producer'),
      render: (_: unknown, p) => p.producerName ?? t(`part.producerKind.${p.producerKind}` as never),
    },
    { title: t('part.col.township'), dataIndex: ['township', 'name'] },
    { title: t('part.col.price'), render: (_: unknown, p) => `${p.price} / ${p.unit}`, align: 'right' },
    { title: t('part.col.available'), dataIndex: 'quantityAvailable', align: 'right' },
    ...(onOrder
      ? [
          { title: t('part.col.season'), dataIndex: 'season' },
          {
            title: t('part.col.actions'),
            render: (_: unknown, p: Product) => (
              <Button size="small" type="primary" data-testid={`order-${p.id}`} onClick={() => onOrder(p)}>
                {t('part.portal.order')}
              </Button>
            ),
          },
        ]
      : [{ title: t('part.col.households'), dataIndex: 'households', align: 'right' as const }]),
  ];
  return <Table<Product> {...COMPACT_TABLE} loading={loading} dataSource={items} columns={columns} />;
}
