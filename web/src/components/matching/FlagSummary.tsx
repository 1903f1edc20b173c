import { useMemo } from 'react';
import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIST_KINDS, useMatchLabel, type SummaryRow } from '../../api/matching';
import { useFormat } from '../../i18n/format';

interface Row {
  kind: string;
  pending: number;
  confirmed: number;
  dismissed: number;
  fuzzy: number;
  total: number;
}

/** Flags counted by list kind and status; a click on a kind filters the queue. */
export function FlagSummary({
  items,
  loading,
  onPick,
}: {
  items: SummaryRow[];
  loading: boolean;
  onPick: (kind: string) => void;
}) {
  const { t } = useTranslation();
  const label = useMatchLabel();
  const fmt = useFormat();
  const rows = useMemo(() => {
    const by = new Map<string, Row>();
    for (const i of items) {
      const r = by.get(i.listKind) ?? {
        kind: i.listKind,
        pending: 0,
        confirmed: 0,
        dismissed: 0,
        fuzzy: 0,
        total: 0,
      };
      r[i.status] += i.count;
      r.total += i.count;
      if (i.matchType === 'fuzzy_name_birth') r.fuzzy += i.count;
      by.set(i.listKind, r);
    }
    const order = (k: string) => LIST_KINDS.indexOf(k as (typeof LIST_KINDS)[number]);
    return [...by.values()].sort((a, b) => order(a.kind) - order(b.kind));
  }, [items]);
  const n = (v: number) => fmt.number(v, 0);
  const columns: TableColumnsType<Row> = [
    {
      title: t('matching.listKind'),
      dataIndex: 'kind',
      render: (k: string) => <a onClick={() => onPick(k)}>{label('match_list_kind', k)}</a>,
    },
    { title: t('matching.pending'), dataIndex: 'pending', align: 'right', render: n },
    { title: t('matching.confirmed'), dataIndex: 'confirmed', align: 'right', render: n },
    { title: t('matching.dismissed'), dataIndex: 'dismissed', align: 'right', render: n },
    { title: t('matching.total'), dataIndex: 'total', align: 'right', render: n },
    { title: t('matching.fuzzy'), dataIndex: 'fuzzy', align: 'right', render: n },
  ];
  return (
    <Table<Row>
      rowKey="kind"
      size="small"
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(r) => ({ 'data-testid': `summary-${r.kind}` }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
