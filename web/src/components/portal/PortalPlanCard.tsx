import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePortalAgree, type PortalMe } from '../../api/portal';
import { useLang } from '../../i18n';
import { chinaDay } from '../../i18n/format';

/** The household's plan of the year in the portal: status, measures, and agreeing to it or declining it. */
export function PortalPlanCard({ card, year }: { card: PortalMe['card']; year: number }) {
  const { t } = useTranslation();
  const tk = (k: string, o?: Record<string, unknown>) => t(k as 'portal.title', o ?? {});
  const lang = useLang();
  const { message } = App.useApp();
  const agree = usePortalAgree();
  const [declining, setDeclining] = useState(false);
  const present = card.members.map((m) => m.name);
  const saved = () => void message.success(t('portal.saved'));
  return (
    <Card size="small" title={t('portal.plan', { year })} style={{ marginTop: 12 }}>
      {!card.plan ? (
        <Empty description={t('portal.noPlan')} />
      ) : (
        <>
          <Tag
            data-testid="portal-plan-status"
            data-status={card.plan.status}
            color={card.plan.status === 'agreed' ? 'green' : card.plan.status === 'declined' ? 'red' : 'gold'}
          >
            {tk(`portal.planStatus.${card.plan.status}`)}
          </Tag>
          {card.plan.agreedBy && card.plan.agreedAt && (
            <Typography.Text type="secondary">
              {t('portal.agreedBy', { by: card.plan.agreedBy, at: chinaDay(card.plan.agreedAt) })}
            </Typography.Text>
          )}
          <List
            size="small"
            header={t('portal.measures')}
            dataSource={card.measures}
            renderItem={(m) => (
              <List.Item>
                {lang === 'en' ? m.nameEn : m.nameZh}
                {m.deadline ? ` · ${m.deadline}` : ''}
              </List.Item>
            )}
          />
          {card.plan.status !== 'agreed' && (
            <Form
              layout="vertical"
              initialValues={{ by: present[0] }}
              onFinish={(v: { by: string; declineReason?: string }) =>
                agree.mutate(
                  { agreed: !declining, by: v.by, declineReason: declining ? v.declineReason : undefined },
                  { onSuccess: saved },
                )
              }
            >
              <Form.Item name="by" label={t('portal.who')} rules={[{ required: true }]}>
                <Select
                  options={present.map((n) => ({ value: n, label: n }))}
                  data-testid="portal-agree-by"
                />
              </Form.Item>
              {declining && (
                <Form.Item
                  name="declineReason"
                  label={t('portal.declineReason')}
                  rules={[{ required: true }]}
                >
                  <Input.TextArea rows={2} />
                </Form.Item>
              )}
              <Space wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  onClick={() => setDeclining(false)}
                  loading={agree.isPending && !declining}
                  data-testid="portal-agree"
                >
                  {t('portal.agree')}
                </Button>
                <Button danger htmlType={declining ? 'submit' : 'button'} onClick={() => setDeclining(true)}>
                  {t('portal.decline')}
                </Button>
              </Space>
            </Form>
          )}
        </>
      )}
    </Card>
  );
}
