import type { ReactNode } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSummary } from '../../api/responsibility';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { KpiCard } from '../KpiCard';
import { LinkButton } from '../LinkButton';

const AS_OF = {
  'zh-CN': (d: string) => `截至 ${d}`,
  en: (d: string) => `as of ${d}`,
} as const;

/**
 * The dashboard's responsibility and delivery figures for a region. Cadre gaps, overdue visits and
 * villages without a team come from GET /api/responsibility/summary; other features add their
 * figures (plan fit, target progress, funds) as further <Col> children via `extra`, or below the
 * marked line. `year` (the dashboard's year selector): a past year's figures as of its last day, shown
 * in the title.
 */
export function ResponsibilityPanel({
  region,
  year,
  extra,
}: {
  region: string;
  year?: number;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const s = useSummary(region, year);
  const asOf = s.data?.asOf;
  const lang = useLang();
  const q = region ? `&region=${region}` : '';
  const v = (n: number | undefined) => (n === undefined ? '—' : fmt.number(n));
  return (
    <Card
      size="small"
      title={
        <span data-testid="panel-as-of" data-as-of={asOf ?? ''}>
          {t('resp.panel')}
          {asOf && <Typography.Text type="secondary">（{AS_OF[lang](fmt.date(asOf))}）</Typography.Text>}
        </span>
      }
      data-testid="responsibility-panel"
      style={{ marginBottom: 16 }}
      extra={<LinkButton to={`/responsibility?tab=noCadre${q}`}>{t('resp.openList')}</LinkButton>}
    >
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <KpiCard
            testId="panel-without-cadre"
            loading={s.isLoading}
            title={t('resp.kpi.without')}
            value={v(s.data?.cadres.householdsWithout)}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="panel-overdue"
            loading={s.isLoading}
            title={t('resp.kpi.overdue')}
            value={v(s.data?.visits.overdue)}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="panel-no-team"
            loading={s.isLoading}
            title={t('resp.kpi.villagesWithout')}
            value={v(s.data?.teams.villagesWithout)}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="panel-needing"
            loading={s.isLoading}
            title={t('resp.kpi.needing')}
            value={v(s.data?.cadres.householdsNeeding)}
          />
        </Col>
        {/* other features' figures (plan fit, target progress, funds disbursed) below this line */}
        <Col xs={12} md={6}>
          <KpiCard
            testId="panel-plans-not-fitting"
            loading={s.isLoading}
            title={t('plans.kpi.notFitting', { year: s.data?.plans.year ?? '' })}
            value={v(s.data?.plans.notFitting)}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="panel-plans-without"
            loading={s.isLoading}
            title={t('plans.kpi.withoutPlan')}
            value={v(s.data?.plans.withoutPlan)}
          />
        </Col>
        <Col xs={12} md={6}>
          <KpiCard
            testId="panel-plans-overdue"
            loading={s.isLoading}
            title={t('plans.kpi.overdueMeasures')}
            value={v(s.data?.plans.overdueMeasures)}
          />
        </Col>
        <Col xs={12} md={6} style={{ display: 'flex', alignItems: 'center' }}>
          <LinkButton to={`/plans${region ? `?region=${region}` : ''}`}>{t('plans.kpi.openGaps')}</LinkButton>
        </Col>
        {extra}
      </Row>
    </Card>
  );
}
