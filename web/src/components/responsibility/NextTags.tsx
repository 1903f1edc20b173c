import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CadreHousehold } from '../../api/responsibility';

type NextKey = 'visit_overdue' | 'never_visited' | 'measure_overdue' | 'measures_open' | 'case_open';

const COLORS: Record<string, string> = {
  visit_overdue: 'red',
  never_visited: 'red',
  measure_overdue: 'orange',
  measures_open: 'blue',
  case_open: 'purple',
};

/** What a household needs next (from the cadre's page), most urgent first. */
export function NextTags({ h }: { h: CadreHousehold }) {
  const { t } = useTranslation();
  if (!h.next.length) return <Tag color="green">{t('resp.next.ok')}</Tag>;
  return (
    <>
      {h.next.map((n) => (
        <Tag key={n} color={COLORS[n]} data-testid={`next-${h.householdId}-${n}`}>
          {t(`resp.next.${n as NextKey}`, { n: h.measures?.open ?? 0 })}
        </Tag>
      ))}
    </>
  );
}
