import { Alert, Button, Card, Flex, InputNumber, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { HouseholdLink } from '../../components/household/HouseholdLink';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/responsive';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useBoard, useDrill, type Board, type Drill } from './api';

type Counts = Board['totals'];
type Indicator = Board['indicators'][number]['key'];
type Row = { code: string; name: string; counts: Counts };
type DrillItem = Drill['items'][number];

/** The linkage board: `/linkage?region&nearFactor&indicator&at` — counts by child region, a click drills down. */
export default function LinkageBoardPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const en = useLang() === 'en';
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const nearFactor = params.get('nearFactor') ? Number(params.get('nearFactor')) : undefined;
  const indicator = (params.get('indicator') ?? undefined) as Indicator | undefined;
  const at = params.get('at') ?? region;
  const board = useBoard({ region, nearFactor });
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    setParams(next);
  };
  if (board.isError && !board.data)
    return <ErrorResult error={board.error} onRetry={() => void board.refetch()} />;
  const b = board.data;
  const cell = (code: string | undefined, key: Indicator) => (n: number) =>
    n === 0 ? (
      <Typography.Text type="secondary">0</Typography.Text>
    ) : (
      <Button
        type="link"
        size="small"
        onClick={() => set({ indicator: key, at: code })}
        data-testid={`board-${key}-${code ?? 'all'}`}
      >
        {fmt.number(n)}
      </Button>
    );
  const columns: TableColumnsType<Row> = [
    {
      title: t('linkage.region'),
      key: 'name',
      fixed: mobile ? undefined : 'left',
      render: (_: unknown, r) =>
        r.code.length < 12 ? (
          <Button
            type="link"
            size="small"
            onClick={() => set({ region: r.code, indicator: undefined, at: undefined })}
          >
            {r.name}
          </Button>
        ) : (
          r.name
        ),
    },
    {
      title: t('linkage.households'),
      key: 'households',
      align: 'right',
      render: (_: unknown, r) => fmt.number(r.counts.households),
    },
    {
      title: t('linkage.dibao'),
      key: 'dibao',
      align: 'right',
      render: (_: unknown, r) => fmt.number(r.counts.dibao),
    },
    {
      title: t('linkage.tekun'),
      key: 'tekun',
      align: 'right',
      render: (_: unknown, r) => fmt.number(r.counts.tekun),
    },
    ...(b?.indicators ?? []).map((i) => ({
      title: en ? i.en : i.zh,
      key: i.key,
      align: 'right' as const,
      render: (_: unknown, r: Row) => cell(r.code, i.key)(r.counts[i.key]),
    })),
  ];
  const rows: Row[] = b
    ? [...b.children, { code: b.region, name: `${t('linkage.total')}（${b.regionName}）`, counts: b.totals }]
    : [];
  return (
    <div data-testid="linkage-page">
      <PageHeader
        title={t('linkage.title')}
        subtitle={b ? `${b.regionName} · ${t('linkage.year')} ${b.year ?? '—'}` : t('linkage.subtitle')}
        extra={
          <Flex gap={8} align="center">
            {t('linkage.nearFactor')}
            <InputNumber
              min={1}
              max={3}
              step={0.1}
              value={nearFactor ?? b?.standards[0]?.nearFactor}
              onChange={(v) => set({ nearFactor: v === null ? undefined : String(v) })}
              data-testid="board-near-factor"
            />
          </Flex>
        }
      />
      {b && (
        <Alert
          type={b.totals.overlap === 0 ? 'success' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="board-overlap"
          title={
            b.totals.overlap === 0
              ? t('linkage.overlapZero')
              : t('linkage.overlapNonZero', { count: b.totals.overlap })
          }
        />
      )}
      {b && b.withoutIncomeRow > 0 && (
        <Typography.Paragraph type="secondary">
          {t('linkage.withoutIncome', { count: b.withoutIncomeRow })}
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="code"
        size="small"
        loading={board.isFetching}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="board-table"
      />
      {b && <Standards standards={b.standards} />}
      {indicator && (
        <DrillList
          region={at}
          indicator={indicator}
          nearFactor={nearFactor}
          label={(b?.indicators ?? []).find((i) => i.key === indicator)}
        />
      )}
    </div>
  );
}

function Standards({ standards }: { standards: Board['standards'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  type S = Board['standards'][number];
  const columns: TableColumnsType<S> = [
    { title: t('linkage.county'), dataIndex: 'countyName' },
    { title: t('linkage.dibaoMonthly'), dataIndex: 'dibaoMonthly', align: 'right', render: fmt.money },
    { title: t('linkage.dibaoAnnual'), dataIndex: 'dibaoAnnual', align: 'right', render: fmt.money },
    { title: t('linkage.povertyLine'), dataIndex: 'povertyLine', align: 'right', render: fmt.money },
    { title: t('linkage.monitoringLine'), dataIndex: 'monitoringLine', align: 'right', render: fmt.money },
    {
      title: t('linkage.ratio'),
      dataIndex: 'ratioToLine',
      align: 'right',
      render: (n: number) => fmt.number(n),
    },
    {
      title: '',
      key: 'verdict',
      render: (_: unknown, s) => (
        <>
          <Tag color={s.belowLine ? 'red' : 'green'}>
            {s.belowLine ? t('linkage.belowLine') : `${t('linkage.ok')}${t('linkage.povertyLine')}`}
          </Tag>
          {s.belowMonitoringLine && <Tag color="orange">{t('linkage.belowMonitoring')}</Tag>}
        </>
      ),
    },
  ];
  return (
    <Card size="small" title={t('linkage.standards')} style={{ marginTop: 12 }}>
      <Table<S>
        rowKey="county"
        size="small"
        pagination={false}
        dataSource={standards}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="board-standards"
      />
    </Card>
  );
}

function DrillList(props: {
  region?: string;
  indicator: Indicator;
  nearFactor?: number;
  label?: { zh: string; en: string };
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const en = useLang() === 'en';
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const drill = useDrill({
    region: props.region,
    indicator: props.indicator,
    nearFactor: props.nearFactor,
    page,
    pageSize: 20,
  });
  const columns: TableColumnsType<DrillItem> = [
    {
      title: t('safetyNet.household'),
      key: 'household',
      render: (_: unknown, h) => (
        <HouseholdLink householdId={h.householdId} headName={h.headName} householdNo={h.householdNo} />
      ),
    },
    { title: t('safetyNet.village'), dataIndex: 'villageName' },
    {
      title: t('linkage.perCapita'),
      dataIndex: 'perCapitaMonthly',
      align: 'right',
      render: (n: number | null) => (n === null ? t('linkage.withheld') : fmt.money(n)),
    },
    { title: t('linkage.standard'), dataIndex: 'standardMonthly', align: 'right', render: fmt.money },
    {
      title: t('linkage.measures'),
      dataIndex: 'developmentMeasures',
      render: (m: string[]) => m.join('、') || '—',
    },
  ];
  const title = props.label ? (en ? props.label.en : props.label.zh) : props.indicator;
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={t('linkage.drill', { indicator: title, region: drill.data?.region || '—' })}
      data-testid="board-drill"
    >
      {drill.isError && <ErrorResult error={drill.error} />}
      <Table<DrillItem>
        rowKey="householdId"
        size="small"
        loading={drill.isFetching}
        dataSource={drill.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={(h) => ({ 'data-testid': `drill-row-${h.householdId}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize: 20,
          total: drill.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => {
            const next = new URLSearchParams(params);
            next.set('page', String(p));
            setParams(next);
          },
        }}
      />
    </Card>
  );
}
