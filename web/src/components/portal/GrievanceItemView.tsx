import { Button, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GrievanceView } from '../../api/portal';
import { wrapText } from './wrapText';
import { chinaDay } from '../../i18n/format';

/** One grievance as its complainant sees it, with the feedback buttons once it is resolved. */
export function GrievanceItemView({
  g,
  onFeedback,
}: {
  g: GrievanceView;
  onFeedback: (b: { satisfied: boolean; reopen?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const tk = (k: string) => t(k as 'portal.title');
  return (
    <List.Item data-testid="portal-grievance-item" data-state={g.state}>
      <div style={{ width: '100%', ...wrapText }}>
        <div>
          <Tag>{tk(`grievance.kind.${g.kind}`)}</Tag>
          <Tag color={g.state === 'closed' ? 'default' : g.state === 'resolved' ? 'green' : 'blue'}>
            {tk(`grievance.state.${g.state}`)}
          </Tag>
          {g.escalated && <Tag color="red">{t('grievance.escalated')}</Tag>}
        </div>
        <div>{g.description}</div>
        <div style={{ color: '#888' }}>
          {t('grievance.trackingCode')} {g.trackingCode} · {t('grievance.filedAt')} {chinaDay(g.filedAt)}
        </div>
        {g.outcome && (
          <div>
            <strong>{t('grievance.outcome')}：</strong>
            {g.outcome}
          </div>
        )}
        {g.feedback && <div>{tk(`grievance.feedback.${g.feedback}`)}</div>}
        {g.canGiveFeedback && (
          <Space wrap style={{ marginTop: 4 }}>
            <Button size="small" type="primary" onClick={() => onFeedback({ satisfied: true })}>
              {t('grievance.satisfied')}
            </Button>
            <Button size="small" onClick={() => onFeedback({ satisfied: false })}>
              {t('grievance.notSatisfied')}
            </Button>
            {g.canReopen && (
              <Button size="small" danger onClick={() => onFeedback({ satisfied: false, reopen: true })}>
                {t('grievance.reopen')}
              </Button>
            )}
          </Space>
        )}
      </div>
    </List.Item>
  );
}
