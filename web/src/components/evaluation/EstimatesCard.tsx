import { Card, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEstimates, type ProportionEstimate } from '../../api/evaluation';
import { useFormat } from '../../i18n/format';
import { ErrorResult } from '../ErrorResult';
import { ReasonList } from '../rules/ReasonList';
import { progressText } from './progress';

/** The three estimates: the proportion, its threshold, its test id. */
const ESTIMATES = [
  ['wrongExit', 'wrongExitRate', 'estimate-wrong-exit'],
  ['omission', 'omissionRate', 'estimate-omission'],
  ['approval', 'minApproval', 'estimate-approval'],
] as const;
const decisionColor: Record<string, string> = {
  may_exit: 'green',
  not_yet: 'orange',
  vetoed: 'red',
  insufficient: 'default',
};

/** One estimated proportion with its confidence interval, respondents, design effect and threshold. */
function EstimateCard({
  title,
  e,
  threshold,
  testId,
}: {
  title: string;
  e: ProportionEstimate;
  threshold: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={e.estimate === null ? '—' : fmt.percent(e.estimate)} />
      <Flex vertical>
        {e.ciLow !== null && e.ciHigh !== null && (
          <Typography.Text type="secondary">
            {t('evaluation.ci', { low: fmt.percent(e.ciLow), high: fmt.percent(e.ciHigh) })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {t('evaluation.respondents', { n: e.respondents })}
          {e.deff !== null && ` · ${t('evaluation.deff', { deff: fmt.number(e.deff, 2) })}`}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('evaluation.threshold', { value: fmt.percent(threshold, 0) })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

/** The sample's estimates: wrong exits, omissions, approval with their intervals, the verdict and each township. */
export function EstimatesCard({ sampleId }: { sampleId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const estimates = useEstimates(sampleId);
  const e = estimates.data;
  return (
    <Card
      title={t('evaluation.estimates')}
      size="small"
      style={{ marginBottom: 16 }}
      loading={estimates.isLoading}
    >
      {estimates.isError && <ErrorResult error={estimates.error} onRetry={() => void estimates.refetch()} />}
      {e && (
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]}>
            {ESTIMATES.map(([key, threshold, testId]) => (
              <Col xs={24} md={8} key={key}>
                <EstimateCard
                  title={t(`evaluation.${key}`)}
                  e={e.overall[key]}
                  threshold={e.thresholds[threshold]}
                  testId={testId}
                />
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary" data-testid="evaluation-progress">
            {t('evaluation.progress')}：{progressText(t, fmt, e.progress)}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="evaluation-feedback">
            {t('evaluation.feedback', {
              satisfied: fmt.percent(e.feedback.shareSatisfied),
              n: e.feedback.withFeedback,
              rating: fmt.number(e.feedback.meanRating, 2),
              ratings: e.feedback.ratings,
            })}
          </Typography.Text>
          <div>
            <Typography.Text strong>{t('evaluation.verdict')}: </Typography.Text>
            <Tag
              color={decisionColor[e.verdict.decision]}
              data-testid="verdict"
              data-decision={e.verdict.decision}
            >
              {t(`evaluation.decision.${e.verdict.decision}`)}
            </Tag>
          </div>
          {/* the threshold of "enough checks", from the sample design (src/domain/evaluation/coverage.ts) */}
          <Typography.Text type="secondary" data-testid="verdict-coverage">
            {t('evaluation.coverageRule', { share: fmt.percent(e.coverage.minShare, 0) })}
            {e.coverage.groups
              .filter((g) => g.sampled > 0)
              .map((g) =>
                t('evaluation.coverageGroup', {
                  group: t(`evaluation.coverageGroups.${g.group}`),
                  checked: fmt.number(g.checked),
                  sampled: fmt.number(g.sampled),
                  share: fmt.percent(g.share, 0),
                }),
              )
              .join('；')}
            {t('evaluation.coverageVillages', {
              withCheck: fmt.number(e.coverage.villages.withCheck),
              sampled: fmt.number(e.coverage.villages.sampled),
            })}
          </Typography.Text>
          {e.coverage.enough && <ReasonList reasons={e.verdict.reasons} testId="verdict-reasons" />}
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            scroll={{ x: true }}
            dataSource={e.townships}
            columns={[
              { title: t('evaluation.township'), dataIndex: 'name' },
              ...(['wrongExit', 'omission', 'approval'] as const).map((k) => ({
                title: t(`evaluation.${k}`),
                key: k,
                render: (_: unknown, row: (typeof e.townships)[number]) =>
                  `${fmt.percent(row[k].estimate)} (${row[k].respondents})`,
              })),
            ]}
          />
        </Flex>
      )}
    </Card>
  );
}
