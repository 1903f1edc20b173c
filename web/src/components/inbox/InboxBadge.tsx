import { Badge, Button, Tooltip } from 'antd';
import { CheckSquareOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useInboxCounts } from '../../api/inbox';
import type { User } from '../../api/auth';

/** The header's to-do count (待办): red when something is urgent; opens /todo. */
export function InboxBadge({ user }: { user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // organisation accounts reach only their own API: their to-do page links to their pledges
  const counts = useInboxCounts(user.role !== 'organisation');
  const total = counts.data?.total ?? 0;
  const urgent = counts.data?.urgent ?? 0;
  return (
    <Tooltip title={t('inbox.badgeTitle', { total, urgent })}>
      <Badge count={total} size="small" color={urgent > 0 ? 'red' : 'blue'} data-testid="inbox-badge">
        <Button
          type="text"
          icon={<CheckSquareOutlined />}
          aria-label={t('inbox.badge')}
          onClick={() => void navigate('/todo')}
        />
      </Badge>
    </Tooltip>
  );
}
