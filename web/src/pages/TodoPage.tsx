import { Alert, Button, Card, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useInbox, type InboxItem } from '../api/inbox';
import { ErrorResult } from '../components/ErrorResult';
import { LinkButton } from '../components/LinkButton';
import { PageHeader } from '../components/PageHeader';
import { useLang } from '../i18n';

/** The urgency of an item in words: overdue, due today, working days left, no deadline. */
function DueTag({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  if (item.workingDaysLeft === null) return <Tag>{t('inbox.noDue')}</Tag>;
  if (item.overdue) return <Tag color="red">{t('inbox.overdue', { n: -item.workingDaysLeft })}</Tag>;
  if (item.workingDaysLeft === 0) return <Tag color="volcano">{t('inbox.dueToday')}</Tag>;
  return (
    <Tag color={item.urgent ? 'orange' : 'blue'}>{t('inbox.daysLeft', { n: item.workingDaysLeft })}</Tag>
  );
}

/**
 * 待办 (`/todo`), the landing page after sign-in: what waits for this user in their region and role
 * (a village cadre's households needing action, a township's cases and proposals, a county's
 * approvals, civil affairs' reviews), nearest deadline first, each opening the screen where it is
 * done. Statistics stay one click away.
 */
export default function TodoPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const org = user.role === 'organisation';
  const inbox = useInbox(!org);
  const stats = (
    <LinkButton to={org ? '/org' : '/dashboard'}>{org ? t('inbox.orgPledges') : t('inbox.stats')}</LinkButton>
  );
  if (org)
    return (
      <div data-testid="todo-page">
        <PageHeader title={t('inbox.title')} extra={stats} />
        <Alert type="info" showIcon message={t('inbox.orgHint')} />
      </div>
    );
  // the landing page is there at once (sign-in waits for it); its list follows
  if (inbox.isLoading || inbox.error)
    return (
      <div data-testid="todo-page">
        <PageHeader title={t('inbox.title')} extra={stats} />
        {inbox.error ? <ErrorResult error={inbox.error} /> : <Spin />}
      </div>
    );
  const data = inbox.data!;
  return (
    <div data-testid="todo-page" style={{ maxWidth: 960, overflowWrap: 'anywhere' }}>
      <PageHeader
        title={t('inbox.title')}
        subtitle={t('inbox.subtitle', { today: data.today, total: data.total, urgent: data.urgent })}
        extra={stats}
      />
      <Card size="small">
        <List
          dataSource={data.items}
          locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
          renderItem={(i) => (
            <List.Item
              data-testid={`todo-item-${i.kind}-${i.id}`}
              actions={[
                <Link key="open" to={i.link} data-testid={`todo-open-${i.kind}-${i.id}`}>
                  <Button size="small" type={i.urgent ? 'primary' : 'default'}>
                    {t('inbox.open')}
                  </Button>
                </Link>,
              ]}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Flex wrap gap={4} align="center">
                  <Tag color="geekblue">{t(`inbox.kinds.${i.kind}`)}</Tag>
                  <DueTag item={i} />
                  {i.due && (
                    <Typography.Text type="secondary">{t('inbox.due', { due: i.due })}</Typography.Text>
                  )}
                </Flex>
                <Link to={i.link}>{lang === 'en' ? i.title_en : i.title_zh}</Link>
                {i.regionName && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.regionName}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
