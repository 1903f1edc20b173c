import { Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/participation';
import { STATUS_COLOR } from './labels';
import { COMPACT_TABLE } from './compactTable';
import { chinaDay } from '../../i18n/format';

interface Props {
  items: Organisation[] | undefined;
  loading: boolean;
  onApprove: (org: Organisation) => void;
  onReject: (org: Organisation) => void;
}

/** Registered organisations for an officer to review: approve or reject the pending ones. */
export function OrganisationsTable({ items, loading, onApprove, onReject }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<Organisation> = [
    { title: t('part.register.name'), dataIndex: 'name' },
    {
      title: t('part.register.kind'),
      dataIndex: 'kind',
      render: (k: string) => t(`part.orgKind.${k}` as never),
    },
    { title: t('part.col.creditCode'), dataIndex: 'creditCode' },
    { title: t('part.col.contact'), render: (_: unknown, o) => `${o.contactPerson} ${o.contactPhone}` },
    { title: t('part.col.region'), dataIndex: ['region', 'name'] },
    { title: t('part.col.registered'), dataIndex: 'createdAt', render: (d: string) => chinaDay(d) },
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
              onClick={() => onApprove(o)}
            >
              {t('part.officer.approve')}
            </Button>
            <Button size="small" danger onClick={() => onReject(o)}>
              {t('part.officer.reject')}
            </Button>
          </Space>
        ),
    },
  ];
  return <Table<Organisation> {...COMPACT_TABLE} loading={loading} dataSource={items} columns={columns} />;
}
