import { App, Button, Card, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePortalConfirmNeed, usePortalNeeds } from '../../api/portal';

/** Needs published for the household, who took them up, and confirming a delivery. */
export function PortalNeedsCard() {
  const { t } = useTranslation();
  const tk = (k: string) => t(k as 'portal.title');
  const { message } = App.useApp();
  const needs = usePortalNeeds(true);
  const confirm = usePortalConfirmNeed();
  const saved = () => void message.success(t('portal.saved'));
  return (
    <Card size="small" title={t('portal.needs')} style={{ marginTop: 12 }}>
      <List
        size="small"
        locale={{ emptyText: t('portal.noNeeds') }}
        dataSource={needs.data ?? []}
        renderItem={(n) => (
          <List.Item data-testid={`portal-need-${n.id}`} data-status={n.status}>
            <div style={{ width: '100%' }}>
              <div>
                {n.title} <Tag>{tk(`portal.needStatus.${n.status}`)}</Tag>
              </div>
              {n.organisation && (
                <div style={{ color: '#888' }}>{t('portal.by', { org: n.organisation })}</div>
              )}
              {n.status === 'delivered' && (
                <Button
                  size="small"
                  type="primary"
                  style={{ marginTop: 4 }}
                  loading={confirm.isPending}
                  data-testid={`portal-need-confirm-${n.id}`}
                  onClick={() => confirm.mutate({ id: n.id, note: '', rating: 5 }, { onSuccess: saved })}
                >
                  {t('portal.confirmDelivered')}
                </Button>
              )}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
