import { Card, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../../api/auth';
import { useFormat } from '../../i18n/format';
import { useRolls, useSectoral, useTemporary } from './api';
import { monthOf, useCodeLabel } from './labels';

/** The household page's assistance history: roll entries, temporary and sectoral assistance (civil affairs). */
export function AssistanceHistory({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const user = useUser();
  const may = user.permissions.runSafetyNet;
  const rolls = useRolls({ householdId, page: 1, pageSize: 50 }, may);
  const temporary = useTemporary({ householdId, page: 1, pageSize: 50 }, may);
  const sectoral = useSectoral({ householdId, page: 1, pageSize: 50 }, may);
  if (!may) return null;
  const none =
    rolls.data?.items.length === 0 && temporary.data?.items.length === 0 && sectoral.data?.items.length === 0;
  return (
    <Card
      size="small"
      title={t('safetyNet.history.title')}
      style={{ marginTop: 16 }}
      data-testid="assistance-history"
    >
      {none && <Empty description={t('safetyNet.history.none')} />}
      {(rolls.data?.items.length ?? 0) > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('safetyNet.history.rolls')}</Typography.Text>}
          dataSource={rolls.data?.items ?? []}
          renderItem={(r) => (
            <List.Item data-testid={`history-roll-${r.id}`}>
              <Link to={`/safety-net/rolls/${r.id}`}>
                {label('safetyNet.programme', r.programme)} · {r.category}
              </Link>{' '}
              {monthOf(r.startMonth)} – {monthOf(r.endMonth)} · {fmt.money(r.monthlyAmount)}{' '}
              <Tag>{label('safetyNet.state', r.state)}</Tag>
            </List.Item>
          )}
        />
      )}
      {(temporary.data?.items.length ?? 0) > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('safetyNet.history.temporary')}</Typography.Text>}
          dataSource={temporary.data?.items ?? []}
          renderItem={(r) => (
            <List.Item>
              {fmt.date(r.appliedOn)} {label('safetyNet.temporary.type', r.type)} ·{' '}
              {label('safetyNet.temporary.cause', r.cause)} · {fmt.money(r.amount ?? r.requestedAmount)}{' '}
              <Tag>{label('safetyNet.temporary.state', r.state)}</Tag>
            </List.Item>
          )}
        />
      )}
      {(sectoral.data?.items.length ?? 0) > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('safetyNet.history.sectoral')}</Typography.Text>}
          dataSource={sectoral.data?.items ?? []}
          renderItem={(r) => (
            <List.Item>
              {fmt.date(r.occurredOn)} {label('safetyNet.history.sector', r.sector)} · {fmt.money(r.amount)}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
