import { useState } from 'react';
import { Input, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCadres, type Cadre } from '../../api/responsibility';
import type { GapListProps } from './GapLists';
import { CadreTraining, TrainingByTownship } from '../practice/CadreTraining';

type Level = 'province' | 'prefecture' | 'county' | 'township' | 'village';

/** The cadres of a region with their caseload, searchable by name. */
export function CadreList({ region, page, onPage }: GapListProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const cadres = useCadres(region, page, q || undefined);
  const columns: TableColumnsType<Cadre> = [
    { title: t('resp.cadre'), dataIndex: 'name' },
    { title: t('resp.workUnit'), dataIndex: 'workUnit' },
    {
      title: t('resp.unitLevel'),
      dataIndex: 'unitLevel',
      render: (l: string) => t(`resp.levels.${l as Level}`),
    },
    { title: t('resp.phone'), dataIndex: 'phone' },
    { title: t('resp.caseload'), dataIndex: 'caseload' },
    { title: t('resp.account'), dataIndex: 'username', render: (u: string | null) => u ?? '—' },
  ];
  return (
    <>
      <TrainingByTownship region={region} />
      <Input.Search
        allowClear
        style={{ maxWidth: 280, marginBottom: 12 }}
        onSearch={setQ}
        data-testid="cadre-search"
      />
      <Table<Cadre>
        rowKey="id"
        size="small"
        loading={cadres.isFetching}
        dataSource={cadres.data?.items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (c) => <CadreTraining cadreId={c.id} /> }}
        pagination={{
          current: page,
          pageSize: 20,
          total: cadres.data?.total ?? 0,
          onChange: onPage,
          showSizeChanger: false,
        }}
      />
    </>
  );
}
