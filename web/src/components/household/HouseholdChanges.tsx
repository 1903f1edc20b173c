import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuditLog, type AuditEvent } from '../../api/audit';
import { useFormat } from '../../i18n/format';

const fieldsOf = (e: AuditEvent) =>
  Object.keys((e.after ?? {}) as Record<string, unknown>).filter((k) => !['memberId', 'year'].includes(k));

/** The household's change log: its audit events, newest first (who, when, what, why). */
export function HouseholdChanges({ householdId }: { householdId: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const log = useAuditLog({ entityType: 'household', entityId: householdId, page: 1, pageSize: 20 });
  const actionLabel = (a: string) => {
    const key = `edit.action.${a.replaceAll('.', '_')}`;
    return i18n.exists(key) ? t(key as never) : a;
  };
  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(v)}</span>,
    },
    { title: t('audit.actor'), dataIndex: 'actorName' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => <Tag color="geekblue">{actionLabel(v)}</Tag>,
    },
    {
      title: t('edit.changedFields'),
      key: 'fields',
      render: (_: unknown, e) => <Typography.Text code>{fieldsOf(e).join(', ') || '—'}</Typography.Text>,
    },
    { title: t('audit.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Card title={t('edit.changes')} data-testid="household-changes">
      {log.data && log.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('edit.changesEmpty')} />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={log.isFetching}
          columns={columns}
          dataSource={log.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );
}
