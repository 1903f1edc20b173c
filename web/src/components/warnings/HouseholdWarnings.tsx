import { Card, Flex, List, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useHouseholdWarnings } from '../../api/warnings';
import { ContributionList } from './ContributionList';

/** The household page's warnings panel: score, its contributions, and every signal with its status. */
export function HouseholdWarnings({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const q = useHouseholdWarnings(householdId);
  const data = q.data;
  return (
    <Card
      title={t('warnings.panelTitle')}
      loading={q.isLoading}
      data-testid="household-warnings"
      extra={<Link to={`/warnings/screen?household=${householdId}`}>{t('warnings.screen')}</Link>}
    >
      {data && data.signals.length === 0 && (
        <Typography.Text type="secondary">{t('warnings.none')}</Typography.Text>
      )}
      {data && data.signals.length > 0 && (
        <Flex vertical gap={12}>
          <Statistic title={t('warnings.score')} value={data.score} data-testid="household-warning-score" />
          <Typography.Text strong>{t('warnings.contributions')}</Typography.Text>
          <ContributionList items={data.contributions} testId="household-warning-contributions" />
          <Typography.Text strong>{t('warnings.signals')}</Typography.Text>
          <List
            size="small"
            dataSource={data.signals}
            renderItem={(s) => (
              <List.Item key={s.id}>
                <Flex wrap gap={6} align="center">
                  <Typography.Text>{s.observedOn}</Typography.Text>
                  <Tag>{t(`warnings.channels.${s.channel}`, { defaultValue: s.channel })}</Tag>
                  <Tag color="orange">{t(`warnings.kinds.${s.kind}`, { defaultValue: s.kind })}</Tag>
                  <Tag color={s.status === 'open' ? 'red' : 'default'}>
                    {t(`warnings.statuses.${s.status}`, { defaultValue: s.status })}
                  </Tag>
                  {s.caseId && <Link to={`/cases/${s.caseId}`}>{t('warnings.viewCase')}</Link>}
                  {s.resolvedReason && <Typography.Text type="secondary">{s.resolvedReason}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        </Flex>
      )}
    </Card>
  );
}
