import { useState } from 'react';
import { Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentLists, useMatchLabel, type DepartmentList } from '../../api/matching';
import { useFormat } from '../../i18n/format';

/** Lists imported for regions overlapping the user's scope; a click shows the list's flags. */
export function DepartmentListsTable({ onPick }: { onPick: (listId: string) => void }) {
  const { t } = useTranslation();
  const label = useMatchLabel();
  const fmt = useFormat();
  const [page, setPage] = useState(1);
  const lists = useDepartmentLists(page);
  const columns: TableColumnsType<DepartmentList> = [
    { title: t('matching.importedAt'), dataIndex: 'importedAt', render: (v: string) => fmt.dateTime(v) },
    { title: t('matching.kind'), dataIndex: 'kind', render: (k: string) => label('match_list_kind', k) },
    { title: t('matching.department'), dataIndex: 'department', render: (v: string | null) => v ?? '—' },
    { title: t('matching.fileName'), dataIndex: 'fileName' },
    { title: t('matching.importedBy'), dataIndex: 'importedBy' },
    { title: t('matching.rows'), dataIndex: 'rows', align: 'right', render: (v: number) => fmt.number(v, 0) },
    {
      title: t('matching.invalidIds'),
      dataIndex: 'invalidIds',
      align: 'right',
      render: (v: number) => fmt.number(v, 0),
    },
    {
      title: t('matching.flags'),
      dataIndex: 'flags',
      align: 'right',
      render: (v: number, l) => <a onClick={() => onPick(l.id)}>{fmt.number(v, 0)}</a>,
    },
  ];
  return (
    <Table<DepartmentList>
      rowKey="id"
      size="small"
      loading={lists.isFetching}
      dataSource={lists.data?.items ?? []}
      columns={columns}
      scroll={{ x: 'max-content' }}
      pagination={{ current: page, pageSize: 10, total: lists.data?.total ?? 0, onChange: setPage }}
      onRow={(l) => ({ 'data-testid': `list-row-${l.id}` }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
