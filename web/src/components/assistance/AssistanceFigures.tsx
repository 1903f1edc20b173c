import { Col, Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAssistanceSummary } from '../../api/assistance';
import { useFormat } from '../../i18n/format';
import { KpiCard } from '../KpiCard';
import { useAssistanceLabel } from './labels';

/**
 * Delivery figures for the dashboard's responsibility panel (its `extra` slot, inside a Row): target
 * progress (computed from the registry), project funds disbursed, idle and showcase projects — of the
 * dashboard's year when given.
 */
export function AssistanceFigures({ region, year }: { region?: string; year?: number }) {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const fmt = useFormat();
  const q = useAssistanceSummary(region || undefined, year);
  const s = q.data;
  if (q.isError) return null;
  const query = region ? `region=${region}&` : '';
  const targets = s?.targets.filter((x) => x.target !== null) ?? [];
  return (
    <>
      {targets.map((x) => (
        <Col xs={24} sm={12} md={6} key={x.indicator} data-testid={`panel-target-${x.indicator}`}>
          <Link to={`/targets?${query}year=${s!.year}`}>
            {t('assistance.summaryTargets', { year: s!.year })} · {L('indicatorName', x.indicator)}
          </Link>
          <Progress
            percent={Math.min(100, x.pct ?? 0)}
            format={() => `${fmt.number(x.actual)} / ${fmt.number(x.target)}`}
          />
        </Col>
      ))}
      <Col xs={24} sm={12} md={6} data-testid="panel-funds">
        <Link to={`/projects?${query}`}>{t('assistance.summaryFunds')}</Link>
        <Progress percent={Math.round((s?.funds.pct ?? 0) * 10) / 10} />
      </Col>
      <Col xs={12} md={6}>
        <Link to={`/projects?${query}filter=idle`}>
          <KpiCard
            testId="panel-idle-projects"
            loading={q.isLoading}
            title={t('assistance.summaryIdle')}
            value={s ? fmt.number(s.projects.idle) : '—'}
          />
        </Link>
      </Col>
      <Col xs={12} md={6}>
        <Link to={`/projects?${query}filter=bonsai`}>
          <KpiCard
            testId="panel-bonsai-projects"
            loading={q.isLoading}
            title={t('assistance.summaryBonsai')}
            value={s ? fmt.number(s.projects.bonsai) : '—'}
          />
        </Link>
      </Col>
    </>
  );
}
