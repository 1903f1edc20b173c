import { Card, Statistic } from 'antd';

interface Props {
  title: string;
  /** Already formatted for the locale. */
  value: string;
  testId?: string;
  loading?: boolean;
}

/** One key figure. */
export function KpiCard({ title, value, testId, loading }: Props) {
  return (
    <Card size="small" data-testid={testId} loading={loading} style={{ height: '100%' }}>
      <Statistic title={title} value={value} />
    </Card>
  );
}
