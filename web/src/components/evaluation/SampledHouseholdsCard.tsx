import { useState } from 'react';
import { Button, Card, Flex, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  STRATA,
  useSampledHouseholds,
  type CheckStatus,
  type SampledHousehold,
  type Stratum,
} from '../../api/evaluation';
import { useFormat } from '../../i18n/format';
import { HouseholdLink } from '../household/HouseholdLink';
import { useIsMobile } from '../responsive';
import { FieldCheckForm } from './FieldCheckForm';

/** The sample's households (`&stratum&status&page`), their check results, each checked in a dialog. */
export function SampledHouseholdsCard({ sampleId: id }: { sampleId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const stratum = (params.get('stratum') as Stratum | null) ?? undefined;
  const status = (params.get('status') as CheckStatus | null) ?? undefined;
  const page = Number(params.get('page')) || 1;
  const households = useSampledHouseholds(id, { stratum, status, page, pageSize: 20 });
  const [checking, setChecking] = useState<SampledHousehold | null>(null);
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    next.set('sample', id);
    next.delete('page');
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  const columns: TableColumnsType<SampledHousehold> = [
    {
      title: t('evaluation.household'),
      render: (_: unknown, h) => (
        <HouseholdLink householdId={h.householdId} headName={h.headName} householdNo={h.householdNo} />
      ),
    },
    ...(mobile ? [] : [{ title: t('evaluation.village'), dataIndex: 'villageName' }]),
    {
      title: t('evaluation.stratum'),
      dataIndex: 'stratum',
      render: (s: Stratum) => t(`evaluation.strata.${s}`),
    },
    ...(mobile
      ? []
      : [{ title: t('evaluation.weight'), dataIndex: 'weight', render: (w: number) => fmt.number(w, 2) }]),
    {
      title: t('evaluation.result'),
      render: (_: unknown, h) => (
        <Flex wrap gap={4}>
          <Tag
            color={
              h.checkStatus === 'checked' ? 'green' : h.checkStatus === 'unreachable' ? 'default' : 'gold'
            }
          >
            {t(`evaluation.status.${h.checkStatus}`)}
          </Tag>
          {h.wronglyExited && <Tag color="red">{t('evaluation.wrong')}</Tag>}
          {h.eligibleUnregistered && <Tag color="red">{t('evaluation.omitted')}</Tag>}
          {h.approves === false && <Tag color="orange">{t('evaluation.disapproves')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'check',
      render: (_: unknown, h) => (
        <Button size="small" onClick={() => setChecking(h)} data-testid={`check-${h.householdId}`}>
          {t('evaluation.check')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Card
        title={t('evaluation.households')}
        size="small"
        extra={
          <Flex wrap gap={8}>
            <Select
              allowClear
              placeholder={t('evaluation.stratum')}
              value={stratum}
              style={{ minWidth: 140 }}
              options={STRATA.map((s) => ({ value: s, label: t(`evaluation.strata.${s}`) }))}
              onChange={(v?: string) => update({ stratum: v })}
            />
            <Select
              allowClear
              placeholder={t('evaluation.checkStatus')}
              value={status}
              style={{ minWidth: 120 }}
              options={(['pending', 'checked', 'unreachable'] as const).map((s) => ({
                value: s,
                label: t(`evaluation.status.${s}`),
              }))}
              onChange={(v?: string) => update({ status: v })}
            />
          </Flex>
        }
      >
        <Table
          rowKey="householdId"
          size="small"
          loading={households.isFetching}
          dataSource={households.data?.items ?? []}
          columns={columns}
          scroll={{ x: true }}
          pagination={{
            current: page,
            pageSize: 20,
            total: households.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('sample', id);
              next.set('page', String(p));
              setParams(next);
            },
          }}
        />
      </Card>
      {checking && <FieldCheckForm sampleId={id} household={checking} onClose={() => setChecking(null)} />}
    </>
  );
}
