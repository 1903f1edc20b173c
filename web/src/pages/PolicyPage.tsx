import { useState } from 'react';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useUser } from '../api/auth';
import { usePolicy, type EffectiveParam } from '../api/policy';
import { useLang } from '../i18n';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { ParamEditModal } from '../components/policy/ParamEditModal';
import { ParamHistoryDrawer, useSeededText } from '../components/policy/ParamHistoryDrawer';
import { formatValue, usePolicyTerms } from '../components/policy/paramValue';
import { PageHeader } from '../components/PageHeader';
import { RegionSearchSelect } from '../components/RegionSearchSelect';
import { useIsMobile } from '../components/responsive';
import { DateField } from '../components/pickers/DateField';

/** Effective policy parameters for a region and date, where each came from, and their history: `/policy?region&date`. */
export default function PolicyPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const fmt = useFormat();
  const seeded = useSeededText();
  const mobile = useIsMobile();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const date = params.get('date') ?? undefined;
  const policy = usePolicy(region, date);
  const [historyOf, setHistoryOf] = useState<EffectiveParam | null>(null);
  const [editing, setEditing] = useState<EffectiveParam | null>(null);
  const terms = usePolicyTerms();
  const canEdit = user.role === 'admin' || (user.role === 'county_officer' && user.scope.code.length === 6);
  const set = (patch: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  if (policy.isError && !policy.data)
    return <ErrorResult error={policy.error} onRetry={() => void policy.refetch()} />;
  const data = policy.data;

  const columns: TableColumnsType<EffectiveParam> = [
    {
      title: t('policy.parameter'),
      key: 'label',
      render: (_: unknown, p) => p.label[lang === 'en' ? 'en' : 'zh'],
    },
    {
      title: t('policy.value'),
      key: 'value',
      onCell: () => ({ style: { maxWidth: 360, whiteSpace: 'normal', wordBreak: 'break-word' } }),
      render: (_: unknown, p) => (
        <span data-testid={`param-value-${p.key}`}>
          {formatValue(p.value, p.unit, fmt, terms.term)} {terms.unit(p.unit)}
        </span>
      ),
    },
    {
      title: t('policy.source'),
      key: 'source',
      render: (_: unknown, p) => (
        <Flex wrap gap={4} data-testid={`param-source-${p.key}`}>
          <Tag color={p.source.level === 'national' ? 'default' : 'blue'}>
            {t(`policy.level.${p.source.level}`)} {p.source.regionName}
          </Tag>
          {p.source.synthetic && <Tag color="orange">{t('policy.synthetic')}</Tag>}
          {p.source.derived && <Tag>{t('policy.derived')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('policy.effectiveFrom'),
      key: 'from',
      render: (_: unknown, p) => fmt.date(p.source.effectiveFrom),
    },
    ...(mobile
      ? []
      : [
          {
            title: t('policy.setBy'),
            key: 'by',
            render: (_: unknown, p: EffectiveParam) => seeded(p.source.setBy),
          },
          {
            title: t('policy.reason'),
            key: 'reason',
            render: (_: unknown, p: EffectiveParam) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {seeded(p.source.reason)}
              </Typography.Text>
            ),
          },
        ]),
    {
      title: '',
      key: 'actions',
      render: (_: unknown, p) => (
        <Flex gap={4}>
          {p.editable && (
            <Button
              size="small"
              icon={<HistoryOutlined />}
              onClick={() => setHistoryOf(p)}
              data-testid={`param-history-${p.key}`}
            >
              {mobile ? null : t('policy.history')}
            </Button>
          )}
          {p.editable && canEdit && (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(p)}
              data-testid={`param-edit-${p.key}`}
            >
              {mobile ? null : t('policy.edit')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <div data-testid="policy-page">
      <PageHeader
        title={t('policy.title')}
        subtitle={
          data && (
            <span data-testid="policy-region">
              {data.region.code ? data.region.name : t('policy.national')} · {fmt.date(data.date)}
              {data.western ? ` · ${t('policy.western')}` : ''}
            </span>
          )
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <RegionSearchSelect
          testId="policy-region-pick"
          placeholder={t('policy.pickRegion')}
          style={{ width: mobile ? '100%' : 280 }}
          onPick={(r) => set({ region: r.code })}
        />
        {user.scope.code === '' && (
          <Button onClick={() => set({ region: undefined })}>{t('policy.national')}</Button>
        )}
        <DateField
          style={{ width: 180 }}
          value={date ?? data?.date ?? null}
          onChange={(d) => set({ date: d })}
          testId="policy-date"
          placeholder={t('policy.date')}
        />
      </Flex>
      <Table<EffectiveParam>
        rowKey="key"
        size="small"
        loading={policy.isFetching}
        dataSource={data?.params ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(p) => ({ 'data-testid': `param-row-${p.key}` }) as React.HTMLAttributes<HTMLElement>}
      />
      <ParamHistoryDrawer
        param={historyOf}
        region={data?.region.code ?? ''}
        onClose={() => setHistoryOf(null)}
      />
      {editing && data && (
        <ParamEditModal
          param={editing}
          region={data.region.code}
          date={data.date}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
