import { Badge, Button, Tooltip } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../api/auth';
import { useOnline, useOutboxCount } from './hooks';
import { flushOutbox } from './outbox';
import { isFieldRole, registerServiceWorker } from './register';

/**
 * The header's count of changes waiting to be sent, a link to the field page; shown to village cadres
 * and to anyone with something waiting. When the network comes back the outbox is sent.
 */
export function OutboxBadge({ user }: { user: User }) {
  const { t } = useTranslation();
  const online = useOnline();
  const count = useOutboxCount(user.username);
  useEffect(() => {
    // the offline app is installed for field users only (docs/offline.md)
    if (isFieldRole(user.role)) registerServiceWorker();
  }, [user.role]);
  useEffect(() => {
    if (online && count > 0) void flushOutbox(user.username);
  }, [online, count, user.username]);
  if (!isFieldRole(user.role) && count === 0) return null;
  return (
    <Tooltip title={online ? t('offline.waiting', { n: count }) : t('offline.offlineNow')}>
      <Link to="/field" data-testid="outbox-badge" data-count={count}>
        <Badge count={count} size="small" showZero={false}>
          <Button
            type="text"
            icon={online ? <CloudSyncOutlined /> : <DisconnectOutlined />}
            aria-label={t('offline.title')}
          />
        </Badge>
      </Link>
    </Tooltip>
  );
}
