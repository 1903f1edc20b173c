import { Card, Col, Progress, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from './labels';
import { Link } from 'react-router-dom';
import { useAssistanceSummary } from '../../api/assistance';
import { useFormat } from '../../i18n/format';

/** Dashboard figures of delivery: target progress (computed from the registry), funds disbursed, idle and showcase projects. */
export function AssistancePanel({ region }: { region?: string }) {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const fmt = useFormat();
  const q = useAssistanceSummary(region || undefined);
  const s = q.data;
  if (q.isError || (s && s.projects.all === 0 && s.targets.every((x) => x.target === null))) return null;
  const query = region ? `?region=${region}` : '';
  return (
    <Card
      size="small"
      title={t('assistance.summaryTitle')}
      loading={q.isLoading}
      style={{ marginTop: 16 }}
      data-testid="assistance-panel"
    >
      {s && (
        <Row gutter={[16, 16]}>
          {s.targets
            .filter((x) => x.target !== null)
            .map((x) => (
              <Col xs={24} sm={12} md={6} key={x.indicator}>
                <Link to={`/targets${query}${query ? '&' : '?'}year=${s.year}`}>
                  {t('assistance.summaryTargets', { year: s.year })} · {L('indicatorName', x.indicator)}
                </Link>
                <Progress
                  percent={Math.min(100, x.pct ?? 0)}
                  format={() => `${fmt.number(x.actual)} / ${fmt.number(x.target)}`}
                />
              </Col>
            ))}
          <Col xs={24} sm={12} md={6}>
            <Link to={`/projects${query}`}>{t('assistance.summaryFunds')}</Link>
            <Progress percent={Math.round((s.funds.pct ?? 0) * 10) / 10} data-testid="assistance-funds" />
          </Col>
          <Col xs={12} md={3}>
            <Link to={`/projects${query}${query ? '&' : '?'}filter=idle`}>
              <Statistic title={t('assistance.summaryIdle')} value={s.projects.idle} />
            </Link>
          </Col>
          <Col xs={12} md={3}>
            <Link to={`/projects${query}${query ? '&' : '?'}filter=bonsai`}>
              <Statistic title={t('assistance.summaryBonsai')} value={s.projects.bonsai} />
            </Link>
          </Col>
        </Row>
      )}
    </Card>
  );
}
