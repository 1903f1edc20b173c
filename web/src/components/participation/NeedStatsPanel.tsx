import { Col, Row, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useNeedStats, type StatLine } from '../../api/participation';
import { KpiCard } from '../KpiCard';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** How needs are matched: totals, then by township and by organisation. */
export function NeedStatsPanel() {
  const { t } = useTranslation();
  const stats = useNeedStats();
  const statCols: ColumnsType<StatLine> = [
    { title: t('part.col.region'), dataIndex: 'name' },
    { title: t('part.officer.total'), dataIndex: 'total', align: 'right' },
    { title: t('part.officer.shareMatched'), dataIndex: 'shareMatched', render: pct, align: 'right' },
    {
      title: t('part.officer.medianDays'),
      dataIndex: 'medianDaysToMatch',
      render: (d: number | null) => (d === null ? '—' : d.toFixed(1)),
      align: 'right',
    },
    { title: t('part.officer.valueDelivered'), dataIndex: 'valueDelivered', align: 'right' },
  ];
  const s = stats.data?.total;
  const lines = (title: string, dataSource: StatLine[] | undefined) => (
    <>
      <h4>{title}</h4>
      <Table<StatLine>
        rowKey="key"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={false}
        dataSource={dataSource}
        columns={statCols}
      />
    </>
  );
  return (
    <>
      {s && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {[
            { title: t('part.officer.total'), value: String(s.total), testId: 'kpi-needs' },
            { title: t('part.officer.shareMatched'), value: pct(s.shareMatched), testId: 'kpi-matched' },
            {
              title: t('part.officer.medianDays'),
              value: s.medianDaysToMatch?.toFixed(1) ?? '—',
              testId: 'kpi-days',
            },
            { title: t('part.officer.valueDelivered'), value: String(s.valueDelivered), testId: 'kpi-value' },
          ].map((kpi) => (
            <Col xs={12} md={6} key={kpi.testId}>
              <KpiCard {...kpi} />
            </Col>
          ))}
        </Row>
      )}
      {lines(t('part.officer.byTownship'), stats.data?.byTownship)}
      {lines(t('part.officer.byOrganisation'), stats.data?.byOrganisation)}
    </>
  );
}
