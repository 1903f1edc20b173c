import { Card, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLabel } from '../../api/codeLists';
import type { YearRow } from '../../api/households';
import { useFormat } from '../../i18n/format';
import { Chart } from '../Chart';
import { incomeLineOption } from '../dashboardCharts';

type MoneyKey =
  | 'wageIncome'
  | 'businessIncome'
  | 'productionCost'
  | 'propertyIncome'
  | 'transferIncome'
  | 'medicalCost'
  | 'netIncome'
  | 'perCapitaIncome'
  | 'povertyLine';

const MONEY: readonly MoneyKey[] = [
  'wageIncome',
  'businessIncome',
  'productionCost',
  'propertyIncome',
  'transferIncome',
  'medicalCost',
  'netIncome',
  'perCapitaIncome',
  'povertyLine',
];

/** Yearly income table, and per-capita income against the poverty line. */
export function IncomeSection({ years }: { years: YearRow[] }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const fmt = useFormat();
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const columns: TableColumnsType<YearRow> = [
    { title: t('household.year.year'), dataIndex: 'year', fixed: 'left' },
    { title: t('household.year.size'), dataIndex: 'size', align: 'right' },
    {
      title: t('household.year.status'),
      dataIndex: 'status',
      render: (v: string) => label('household_status', v),
    },
    ...MONEY.map((key) => ({
      title: t(`household.year.${key}`),
      dataIndex: key,
      align: 'right' as const,
      render: (v: number, row: YearRow) =>
        key === 'perCapitaIncome' ? (
          <span style={{ color: v < row.povertyLine ? '#cf1322' : undefined, fontWeight: 600 }}>
            {fmt.money(v)}
          </span>
        ) : (
          fmt.money(v)
        ),
    })),
  ];
  return (
    <Card title={t('household.income')} data-testid="household-income">
      {sorted.length > 0 && (
        <Chart
          testId="household-income-chart"
          height={220}
          option={incomeLineOption(sorted, fmt, {
            income: t('household.year.perCapitaIncome'),
            line: t('household.year.povertyLine'),
          })}
        />
      )}
      <Table<YearRow>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={[...sorted].reverse()}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
