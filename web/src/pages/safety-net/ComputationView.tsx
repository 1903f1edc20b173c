import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reason } from '../../api/rules';
import { ReasonList } from '../../components/rules/ReasonList';
import { useFormat } from '../../i18n/format';
import { useCodeLabel } from './labels';

/** The figures shown of a stored computation, in this order (src/modules/safety-net/computation.ts). */
const FIGURES = [
  'standardMonthly',
  'perCapitaIncome',
  'gapPerPerson',
  'minimumPerPerson',
  'persons',
  'basicMonthly',
  'careMonthly',
  'monthly',
  'coverage',
  'mode',
  'careLevel',
  'reviewKind',
  'incomeYear',
  'asOf',
] as const;

/** A roll entry's (or a decision's) benefit computation: its figures, formula and reasons. */
export function ComputationView({ computation }: { computation: Record<string, unknown> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const shown = FIGURES.filter((k) => computation[k] !== undefined && computation[k] !== null);
  if (shown.length === 0)
    return <Typography.Text type="secondary">{t('safetyNet.entry.noComputation')}</Typography.Text>;
  const reasons = Array.isArray(computation.reasons) ? (computation.reasons as Reason[]) : [];
  const value = (v: unknown) => (typeof v === 'number' ? fmt.number(v) : String(v));
  return (
    <div data-testid="entry-computation">
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        {shown.map((k) => (
          <Descriptions.Item key={k} label={label('safetyNet.computation', k)}>
            <span data-testid={`computation-${k}`}>{value(computation[k])}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      {typeof computation.formula === 'string' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          <code>{computation.formula}</code>
        </Typography.Paragraph>
      )}
      {reasons.length > 0 && <ReasonList reasons={reasons} />}
    </div>
  );
}
