import { useState } from 'react';
import { Button, Flex, Input, List, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { mayReadOutcomes } from '../api/outcomes';
import { usePolicyDocuments, useRegionalCatalogue, type ExplainedEntry } from '../api/knowledge';
import { useLang } from '../i18n';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { CatalogueEntryForm } from '../components/knowledge/CatalogueEntryForm';
import { MeasureGuidance } from '../components/guidance/MeasureGuidance';
import { DocumentDrawer } from '../components/knowledge/DocumentDrawer';
import { DocumentForm } from '../components/knowledge/DocumentForm';

/** The levels that keep regional settings: national ('') and a province, prefecture or county. */
const keepsSettings = (scope: string) => [0, 2, 4, 6].includes(scope.length);

/** The policy library and the explained regional measure catalogue: `/knowledge?tab&q&doc`. */
export default function PolicyLibraryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'documents';
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
      <PageHeader title={t('knowledge.title')} subtitle={t('knowledge.subtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          {
            key: 'documents',
            label: t('knowledge.tabDocuments'),
            children: <Documents params={params} set={set} />,
          },
          { key: 'catalogue', label: t('knowledge.tabCatalogue'), children: <Catalogue /> },
        ]}
      />
    </>
  );
}

function Documents({
  params,
  set,
}: {
  params: URLSearchParams;
  set: (p: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const q = params.get('q') ?? '';
  const docs = usePolicyDocuments(q);
  const [adding, setAdding] = useState(false);
  const canAdd = user.permissions.editMeasureCatalogue && keepsSettings(user.scope.code);
  if (docs.isError) return <ErrorResult error={docs.error} onRetry={() => void docs.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('knowledge.search')}
          onSearch={(v) => set({ q: v.trim() || null })}
          style={{ maxWidth: 420 }}
          data-testid="library-search"
        />
        {canAdd && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="library-add">
            {t('knowledge.addDocument')}
          </Button>
        )}
      </Flex>
      <List
        loading={docs.isLoading}
        locale={{ emptyText: t('knowledge.noDocuments') }}
        dataSource={docs.data ?? []}
        renderItem={(d) => (
          <List.Item data-testid="library-document">
            <List.Item.Meta
              title={
                <Flex gap={6} wrap align="center">
                  <Tag>{t(`knowledge.level.${d.level}`)}</Tag>
                  <Typography.Link onClick={() => set({ doc: d.id })}>《{d.title}》</Typography.Link>
                  {d.docNo && <Typography.Text type="secondary">{d.docNo}</Typography.Text>}
                </Flex>
              }
              description={
                <>
                  {d.issuer}
                  {d.issuedOn ? ` · ${d.issuedOn}` : ''} — {d.excerpt}
                </>
              }
            />
          </List.Item>
        )}
      />
      <DocumentDrawer id={params.get('doc')} onClose={() => set({ doc: null })} />
      <DocumentForm open={adding} onClose={() => setAdding(false)} />
    </Flex>
  );
}

function Catalogue() {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useUser();
  const cat = useRegionalCatalogue();
  const [adding, setAdding] = useState(false);
  const canAdd = user.permissions.editMeasureCatalogue && keepsSettings(user.scope.code);
  if (cat.isError) return <ErrorResult error={cat.error} onRetry={() => void cat.refetch()} />;
  const columns: TableColumnsType<ExplainedEntry> = [
    {
      title: t('knowledge.entryNameZh'),
      key: 'name',
      render: (_, e) => (
        <span data-testid={`catalogue-${e.code}`}>
          {lang === 'en' ? e.nameEn : e.nameZh} {!e.active && <Tag>×</Tag>}
        </span>
      ),
    },
    {
      title: t('knowledge.batch'),
      dataIndex: 'batch',
      render: (b: ExplainedEntry['batch']) => t(`plans.batch.${b}`),
    },
    {
      title: t('knowledge.region'),
      dataIndex: 'region',
      render: (r: string) => (r ? <Tag color="blue">{r}</Tag> : t('knowledge.regionNational')),
    },
    { title: t('knowledge.amount'), dataIndex: 'defaultAmount' },
    { title: t('knowledge.contact'), dataIndex: 'responsibleUnit' },
    ...(mayReadOutcomes(user)
      ? [
          {
            title: t('outcomes.catalogueLink'),
            key: 'outcomes',
            render: (_: unknown, e: ExplainedEntry) => (
              <Link
                to={`/outcomes?by=measure&kind=${encodeURIComponent(e.code)}`}
                data-testid={`catalogue-outcomes-${e.code}`}
              >
                {t('outcomes.catalogueLink')}
              </Link>
            ),
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={12}>
      {canAdd && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="catalogue-add">
            {t('knowledge.addEntry')}
          </Button>
        </div>
      )}
      <Table
        rowKey="code"
        size="small"
        loading={cat.isLoading}
        columns={columns}
        dataSource={cat.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        expandable={{
          expandedRowRender: (e) => (
            <Flex vertical gap={6}>
              <Typography.Paragraph style={{ margin: 0 }}>
                {(lang === 'en' && e.descriptionEn) || e.descriptionZh}{' '}
                {e.howToApplyZh && `【${t('knowledge.howToApply')}】${e.howToApplyZh}`}
              </Typography.Paragraph>
              <MeasureGuidance measureType={e.measureType} code={e.code} />
            </Flex>
          ),
        }}
      />
      <CatalogueEntryForm open={adding} onClose={() => setAdding(false)} />
    </Flex>
  );
}
