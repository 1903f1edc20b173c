import { Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCodeLabel } from '../../api/codeLists';
import { useRelevantPractices, type RelevantPractice } from '../../api/practices';
import { useLang } from '../../i18n';
import { KIND_COLOR } from './kinds';

/**
 * Approved practices relevant to a household (plan drafting) or a project (the project library):
 * same village, township, county, shared causes and measures — each with why it is shown.
 */
export function RelevantPractices({ householdId, projectId }: { householdId?: string; projectId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const codeLabel = useCodeLabel();
  const relevant = useRelevantPractices({ householdId, projectId });
  const why = (r: RelevantPractice['reasons'][number]) => {
    const label = lang === 'en' ? r.label_en : r.label_zh;
    if (r.criterion !== 'cause') return label;
    return `${label}：${r.value.map((c) => codeLabel('poverty_cause', c)).join('、')}`;
  };
  return (
    <Card
      size="small"
      title={t('practice.relevantTitle')}
      extra={<Link to="/practices">{t('practice.openLibrary')}</Link>}
      data-testid="relevant-practices"
    >
      <List<RelevantPractice>
        size="small"
        loading={relevant.isLoading}
        dataSource={relevant.data ?? []}
        locale={{ emptyText: t('practice.relevantNone') }}
        renderItem={(r) => (
          <List.Item key={r.practice.id}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={KIND_COLOR[r.practice.kind]}>{t(`practice.kind.${r.practice.kind}`)}</Tag>
                <Link to={`/practices?id=${r.practice.id}`}>{r.practice.title}</Link>
              </Space>
              <Typography.Text type="secondary">{r.practice.summary}</Typography.Text>
              <Space wrap size={4}>
                <Typography.Text type="secondary">{t('practice.why')}：</Typography.Text>
                {r.reasons.map((x) => (
                  <Tag key={x.criterion}>{why(x)}</Tag>
                ))}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
