import { Alert, App, Button, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { effortPaths, useEffortWrite, usePendingProgress, type PendingProgress } from '../../api/effort';
import { useFormat } from '../../i18n/format';
import { errorMessage } from '../ErrorResult';

type Row = PendingProgress['items'][number];

/**
 * The cadre's confirmation screen: progress households reported on their commitments (in the portal)
 * that nobody has confirmed yet, oldest first; confirming earns the county's commitment points.
 */
export function PendingProgressTable() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const q = usePendingProgress();
  const confirm = useEffortWrite<{ id: string }>((b) => `${effortPaths.household(b.id)}/commitments/confirm`);
  const fire = (r: Row, kept: boolean) =>
    confirm.mutate(
      { id: r.householdId, body: { progressId: r.progressId, kept } },
      { onSuccess: () => void message.success(t('effort.pending.done')) },
    );
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="pending-progress">
      <Typography.Text type="secondary">{t('effort.pending.hint')}</Typography.Text>
      {confirm.isError && <Alert type="error" showIcon title={errorMessage(confirm.error)} />}
      {q.data?.truncated && <Alert type="info" showIcon title={t('effort.pending.truncated')} />}
      <Table<Row>
        size="small"
        rowKey="progressId"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('effort.pending.none') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': `pending-${r.progressId}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('effort.pending.household'),
            render: (_: unknown, r) => (
              <Link to={`/households/${r.householdId}`}>
                {r.headName ?? '—'} · {r.householdNo}
              </Link>
            ),
          },
          { title: t('effort.pending.commitment'), dataIndex: 'commitment' },
          { title: t('effort.pending.reported'), dataIndex: 'text' },
          {
            title: t('effort.pending.reportedOn'),
            dataIndex: 'reportedOn',
            render: (v: string) => fmt.date(v),
          },
          {
            title: '',
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  type="primary"
                  loading={confirm.isPending && confirm.variables?.id === r.householdId}
                  onClick={() => fire(r, false)}
                  data-testid={`pending-confirm-${r.progressId}`}
                >
                  {t('effort.pending.confirm')}
                </Button>
                <Button size="small" onClick={() => fire(r, true)}>
                  {t('effort.pending.confirmKept')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
