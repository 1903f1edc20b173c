import { useState } from 'react';
import { Button, Flex, Input, Select, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { useCodeLabel, useCodeOptions } from '../api/codeLists';
import { useRegionalCatalogue } from '../api/knowledge';
import { usePractices, type Practice, type PracticeFilter } from '../api/practices';
import { useLang } from '../i18n';
import { chinaDay } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { KIND_COLOR, KINDS, STATE_COLOR, STATES } from '../components/practice/kinds';
import { PracticeDrawer } from '../components/practice/PracticeDrawer';
import { PracticeForm } from '../components/practice/PracticeForm';

type Kind = (typeof KINDS)[number];
type State = (typeof STATES)[number];

/** The practice library (案例库): `/practices?tab&q&kind&cause&measure&region&state&id`. */
export default function PracticeLibraryPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [writing, setWriting] = useState(false);
  const reviewer = user.role === 'county_officer' || user.role === 'admin';
  const tab = reviewer && params.get('tab') === 'queue' ? 'queue' : 'library';
  const set = (patch: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  return (
    <>
      <PageHeader
        title={t('practice.title')}
        subtitle={t('practice.subtitle')}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setWriting(true)} data-testid="practice-write">
            {t('practice.write')}
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'library' ? null : k })}
        items={[
          { key: 'library', label: t('practice.title'), children: <Library params={params} set={set} /> },
          ...(reviewer
            ? [
                {
                  key: 'queue',
                  label: t('practice.reviewQueue'),
                  children: <Library params={params} set={set} queue />,
                },
              ]
            : []),
        ]}
      />
      <PracticeForm open={writing} onClose={() => setWriting(false)} />
      <PracticeDrawer id={params.get('id')} onClose={() => set({ id: null })} />
    </>
  );
}

function Library({
  params,
  set,
  queue = false,
}: {
  params: URLSearchParams;
  set: (p: Record<string, string | null>) => void;
  queue?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const codeLabel = useCodeLabel();
  const causes = useCodeOptions('poverty_cause');
  const catalogue = useRegionalCatalogue();
  const filter: PracticeFilter = {
    q: params.get('q') ?? undefined,
    kind: (params.get('kind') as Kind | null) ?? undefined,
    cause: (params.get('cause') as PracticeFilter['cause'] | null) ?? undefined,
    measure: params.get('measure') ?? undefined,
    region: params.get('region') ?? undefined,
    state: queue ? 'submitted' : ((params.get('state') as State | null) ?? undefined),
  };
  const list = usePractices(filter);
  const measureName = (code: string) => {
    const e = catalogue.data?.find((x) => x.code === code);
    return e ? (lang === 'en' ? e.nameEn : e.nameZh) : code;
  };
  const columns: TableColumnsType<Practice> = [
    {
      title: t('practice.titleLabel'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => set({ id: p.id })}>
          {title}
        </Button>
      ),
    },
    {
      title: t('practice.filterKind'),
      dataIndex: 'kind',
      render: (k: Kind) => <Tag color={KIND_COLOR[k]}>{t(`practice.kind.${k}`)}</Tag>,
    },
    {
      title: t('practice.filterState'),
      dataIndex: 'state',
      render: (s: State) => <Tag color={STATE_COLOR[s]}>{t(`practice.state.${s}`)}</Tag>,
    },
    {
      title: t('practice.causes'),
      dataIndex: 'causes',
      render: (cs: string[]) => cs.map((c) => codeLabel('poverty_cause', c)).join('、') || '—',
    },
    {
      title: t('practice.measures'),
      dataIndex: 'measureCodes',
      render: (ms: string[]) => ms.map(measureName).join('、') || '—',
    },
    { title: t('practice.author'), dataIndex: 'authorUnit' },
    { title: t('practice.date'), dataIndex: 'createdAt', render: (d: string) => chinaDay(d) },
  ];
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const select = (key: string, options: { value: string; label: string }[], label: string, width = 150) => (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={label}
      value={params.get(key) ?? undefined}
      onChange={(v: string | undefined) => set({ [key]: v ?? null })}
      options={options}
      style={{ width }}
      data-testid={`practice-filter-${key}`}
    />
  );
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          defaultValue={params.get('q') ?? ''}
          placeholder={t('practice.search')}
          onSearch={(v) => set({ q: v.trim() || null })}
          style={{ maxWidth: 360 }}
          data-testid="practice-search"
        />
        {select(
          'kind',
          KINDS.map((k) => ({ value: k, label: t(`practice.kind.${k}`) })),
          t('practice.filterKind'),
          110,
        )}
        {select('cause', causes, t('practice.filterCause'))}
        {select(
          'measure',
          (catalogue.data ?? []).map((e) => ({ value: e.code, label: lang === 'en' ? e.nameEn : e.nameZh })),
          t('practice.filterMeasure'),
          200,
        )}
        {!queue &&
          select(
            'state',
            STATES.map((s) => ({ value: s, label: t(`practice.state.${s}`) })),
            t('practice.filterState'),
            120,
          )}
        <Input
          allowClear
          placeholder={t('practice.filterRegion')}
          defaultValue={params.get('region') ?? ''}
          onBlur={(e) => set({ region: /^\d{6,12}$/.test(e.target.value) ? e.target.value : null })}
          style={{ width: 150 }}
          data-testid="practice-filter-region"
        />
      </Flex>
      <Table<Practice>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('practice.none') }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="practice-list"
      />
    </Flex>
  );
}
