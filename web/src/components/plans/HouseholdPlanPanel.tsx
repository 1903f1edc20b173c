import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Select, Space, Typography } from 'antd';
import { PrinterOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { planRequests, usePlan, usePlanMutation, type PlanView } from '../../api/plans';
import { errorMessage } from '../ErrorResult';
import { LinkButton } from '../LinkButton';
import { PlanDetail } from './PlanDetail';
import { EligibleMeasures } from '../knowledge/EligibleMeasures';
import { RelevantPractices } from '../practice/RelevantPractices';
import { thisYearChina } from '../../i18n/format';

/**
 * The household's plan (一户一策) on the household page: the year's plan with its measures, the fit
 * check against the causes, the household's agreement; generate a draft, add measures, update a
 * measure's status (completion asks for the outcome, cancelling for a reason), record agreement.
 */
export function HouseholdPlanPanel({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const thisYear = thisYearChina();
  const [year, setYear] = useState<number>(thisYear);
  const q = usePlan(householdId, year);
  const view = q.data;
  const years = [...new Set([thisYear, ...(view?.years ?? [])])].sort((a, b) => b - a);

  return (
    <Card
      title={t('plans.panelTitle')}
      data-testid="plan-panel"
      extra={
        <Space wrap>
          <Select
            size="small"
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: y }))}
            aria-label={t('plans.year')}
            data-testid="plan-year"
            style={{ width: 90 }}
          />
          {view?.plan && (
            <LinkButton
              size="small"
              icon={<PrinterOutlined />}
              to={`/households/${householdId}/card?year=${year}`}
              data-testid="plan-print-card"
            >
              {t('plans.printCard')}
            </LinkButton>
          )}
        </Space>
      }
    >
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {view && <PlanBody view={view} year={year} />}
      {view?.household.planned && (
        <div style={{ marginTop: 12 }}>
          <EligibleMeasures householdId={householdId} />
        </div>
      )}
      {view?.household.planned && (
        <div style={{ marginTop: 12 }}>
          <RelevantPractices householdId={householdId} />
        </div>
      )}
    </Card>
  );
}

function PlanBody({ view, year }: { view: PlanView; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mutation = usePlanMutation(view.household.id, year);
  if (!view.household.planned && !view.plan)
    return <Typography.Text type="secondary">{t('plans.notPlanned')}</Typography.Text>;
  if (!view.plan)
    return (
      <Flex vertical gap={12} align="flex-start">
        <Typography.Text data-testid="plan-none">{t('plans.noPlan', { year })}</Typography.Text>
        {view.canEdit && (
          <Button
            type="primary"
            icon={<ThunderboltOutlined />}
            loading={mutation.isPending}
            data-testid="plan-generate"
            onClick={() =>
              mutation.mutate(planRequests.generate(view.household.id, year), {
                onSuccess: () => void message.success(t('plans.generated')),
                onError: (e) => void message.error(errorMessage(e)),
              })
            }
          >
            {t('plans.generate')}
          </Button>
        )}
      </Flex>
    );
  return <PlanDetail view={view} plan={view.plan} year={year} />;
}
