import { Card, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLabel } from '../../api/codeLists';
import type { StatusChange } from '../../api/households';
import { useFormat } from '../../i18n/format';

const COLORS: Record<string, string> = { poor: 'red', returned: 'red', exited: 'green', monitored: 'orange' };

/** Status changes, oldest first. */
export function StatusHistory({ history }: { history: StatusChange[] }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const fmt = useFormat();
  const sorted = [...history].sort(
    (a, b) => a.changedOn.localeCompare(b.changedOn) || a.id.localeCompare(b.id),
  );
  return (
    <Card title={t('household.history')} data-testid="household-history">
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('household.noHistory')} />
      ) : (
        <Timeline
          items={sorted.map((c) => ({
            key: c.id,
            color: COLORS[c.toStatus] ?? 'blue',
            title: fmt.date(c.changedOn),
            content: (
              <>
                <Typography.Text strong>
                  {c.fromStatus
                    ? t('household.historyItem', {
                        from: label('household_status', c.fromStatus),
                        to: label('household_status', c.toStatus),
                      })
                    : t('household.historyInitial', { to: label('household_status', c.toStatus) })}
                </Typography.Text>
                {c.reason && <div>{c.reason}</div>}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
