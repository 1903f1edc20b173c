import { Alert, Card, Collapse, Empty, Flex, Tag, Typography } from 'antd';
import {
  CheckCircleTwoTone,
  CloseCircleTwoTone,
  InfoCircleOutlined,
  QuestionCircleTwoTone,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePortalDecisions, type PortalDecisions } from '../../api/portal';
import { errorMessage } from '../ErrorResult';
import { useCaseLabels } from '../cases/labels';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';

type Result = PortalDecisions['results'][number];
type ReasonItem = Result['reasons'][number];

function ReasonIcon({ state }: { state: ReasonItem['state'] }) {
  if (state === 'met') return <CheckCircleTwoTone twoToneColor="#52c41a" />;
  if (state === 'not_met') return <CloseCircleTwoTone twoToneColor="#ff4d4f" />;
  if (state === 'unknown') return <QuestionCircleTwoTone twoToneColor="#fa8c16" />;
  return <InfoCircleOutlined style={{ color: '#8c8c8c' }} />;
}

/** One rule: its reasons in plain words and what is still to be verified (who supplies it). */
function RuleReasons({ r }: { r: Result }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  return (
    <Flex vertical gap={4} data-testid={`portal-reasons-${r.rule}`}>
      {r.reasons.map((x, i) => (
        <Flex key={i} gap={8} align="baseline">
          <ReasonIcon state={x.state} />
          <Typography.Text type={x.state === 'note' ? 'secondary' : undefined}>
            {en ? x.en : x.zh}
          </Typography.Text>
        </Flex>
      ))}
      {r.toVerify.length > 0 && (
        <div>
          <Typography.Text strong>{t('portalDecisions.missing')}</Typography.Text>
          <ul style={{ margin: '2px 0 0', paddingInlineStart: 20 }}>
            {r.toVerify.map((m) => (
              <li key={m.zh}>
                {en ? m.en : m.zh}（{t(`ruleBasis.suppliers.${m.supplier}`)}）
              </li>
            ))}
          </ul>
        </div>
      )}
    </Flex>
  );
}

/** The portal's card: the household's own policy assessments and their reasons, in plain words. */
export function PortalDecisionsCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const labels = useCaseLabels();
  const decisions = usePortalDecisions();
  const d = decisions.data;
  return (
    <Card
      size="small"
      title={t('portalDecisions.title')}
      style={{ marginTop: 12 }}
      loading={decisions.isLoading}
      data-testid="portal-decisions"
    >
      {decisions.isError && <Alert type="error" showIcon title={errorMessage(decisions.error)} />}
      {d && d.results.length === 0 && <Empty description={t('portalDecisions.none')} />}
      {d && d.results.length > 0 && (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('portalDecisions.intro')}</Typography.Text>
          {d.asOf && (
            <Typography.Text type="secondary">
              {t('portalDecisions.asOf', { date: fmt.date(d.asOf) })}
            </Typography.Text>
          )}
          <Collapse
            size="small"
            items={d.results.map((r) => ({
              key: r.rule,
              label: (
                <Flex wrap gap={8} align="center">
                  <Typography.Text strong>{labels.rule(r.rule)}</Typography.Text>
                  {r.decision
                    .split(',')
                    .filter((x) => x !== '')
                    .map((x) => (
                      <Tag key={x}>{labels.decision(x)}</Tag>
                    ))}
                </Flex>
              ),
              children: <RuleReasons r={r} />,
            }))}
          />
        </Flex>
      )}
    </Card>
  );
}
