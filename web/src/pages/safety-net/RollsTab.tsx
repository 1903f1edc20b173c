import { useState } from 'react';
import { Button, Flex, Select, Table, Tag } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HouseholdLink } from '../../components/household/HouseholdLink';
import { ErrorResult } from '../../components/ErrorResult';
import { RegionSearchSelect } from '../../components/RegionSearchSelect';
import { useIsMobile } from '../../components/responsive';
import { useFormat } from '../../i18n/format';
import { useReviewsDue, useRolls, type RollItem, type RollQuery } from './api';
import { monthOf, useCodeLabel } from './labels';

/** The columns of a roll list (the rolls and the reviews due). */
export function useRollColumns(): TableColumnsType<RollItem> {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const mobile = useIsMobile();
  return [
    {
      title: t('safetyNet.household'),
      key: 'household',
      render: (_: unknown, r) => (
        <HouseholdLink householdId={r.householdId} headName={r.headName} householdNo={r.householdNo} />
      ),
    },
    ...(mobile ? [] : [{ title: t('safetyNet.village'), dataIndex: 'villageName' }]),
    {
      title: t('safetyNet.tabs.rolls'),
      key: 'programme',
      render: (_: unknown, r) => (
        <>
          {label('safetyNet.programme', r.programme)} · {r.category}
          {r.memberId && <Tag style={{ marginInlineStart: 4 }}>{t('safetyNet.single')}</Tag>}
        </>
      ),
    },
    { title: t('safetyNet.persons'), dataIndex: 'persons', align: 'right' },
    {
      title: t('safetyNet.monthly'),
      dataIndex: 'monthlyAmount',
      align: 'right',
      render: (n: number) => <span data-testid="roll-amount">{fmt.money(n)}</span>,
    },
    ...(mobile ? [] : [{ title: t('safetyNet.startMonth'), dataIndex: 'startMonth', render: monthOf }]),
    {
      title: t('safetyNet.nextReview'),
      key: 'review',
      render: (_: unknown, r) => (
        <>
          {fmt.date(r.nextReviewOn)} {r.reviewDue && <Tag color="orange">{t('safetyNet.reviewDue')}</Tag>}
        </>
      ),
    },
    {
      title: '',
      key: 'state',
      render: (_: unknown, r) => (
        <Tag color={r.state === 'active' ? 'green' : r.state === 'gradual_exit' ? 'gold' : 'default'}>
          {label('safetyNet.state', r.state)}
        </Tag>
      ),
    },
    {
      title: '',
      key: 'open',
      render: (_: unknown, r) => (
        <Link to={`/safety-net/rolls/${r.id}`} data-testid={`roll-open-${r.id}`}>
          {t('safetyNet.open')}
        </Link>
      ),
    },
  ];
}

/** The dibao and 特困 rolls of the user's area, by programme and state. */
export function RollsTab() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [q, setQ] = useState<RollQuery>({ page: 1, pageSize: 20 });
  const [regionName, setRegionName] = useState('');
  const rolls = useRolls(q);
  const columns = useRollColumns();
  if (rolls.isError && !rolls.data)
    return <ErrorResult error={rolls.error} onRetry={() => void rolls.refetch()} />;
  return (
    <>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <RegionSearchSelect
          style={{ width: mobile ? '100%' : 220 }}
          onPick={(r) => {
            setRegionName(r.name);
            setQ({ ...q, region: r.code, page: 1 });
          }}
          testId="roll-filter-region"
        />
        {q.region && (
          <Tag closable onClose={() => setQ({ ...q, region: undefined, page: 1 })}>
            {regionName || q.region}
          </Tag>
        )}
        <Select
          allowClear
          placeholder={t('safetyNet.allProgrammes')}
          style={{ width: mobile ? '100%' : 160 }}
          value={q.programme}
          onChange={(programme?: 'dibao' | 'tekun') => setQ({ ...q, programme, page: 1 })}
          options={(['dibao', 'tekun'] as const).map((p) => ({
            value: p,
            label: t(`safetyNet.programme.${p}`),
          }))}
          data-testid="roll-filter-programme"
        />
        <Select
          allowClear
          placeholder={t('safetyNet.allStates')}
          style={{ width: mobile ? '100%' : 160 }}
          value={q.state}
          onChange={(state?: 'active' | 'gradual_exit' | 'ceased') => setQ({ ...q, state, page: 1 })}
          options={(['active', 'gradual_exit', 'ceased'] as const).map((s) => ({
            value: s,
            label: t(`safetyNet.state.${s}`),
          }))}
          data-testid="roll-filter-state"
        />
        {q.region?.length === 12 && (
          <Button
            icon={<PrinterOutlined />}
            href={`/safety-net/notice?region=${q.region}&programme=${q.programme ?? 'dibao'}`}
            target="_blank"
            data-testid="roll-notice"
          >
            {t('safetyNet.notice.button')}
          </Button>
        )}
      </Flex>
      <Table<RollItem>
        rowKey="id"
        size={mobile ? 'small' : 'middle'}
        loading={rolls.isFetching}
        dataSource={rolls.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `roll-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: rolls.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page) => setQ({ ...q, page }),
        }}
      />
    </>
  );
}

/** Dibao entries whose review is due (today or earlier): each opens its entry with the review form. */
export function ReviewsTab() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [page, setPage] = useState<{ page: number }>({ page: 1 });
  const due = useReviewsDue({ page: page.page, pageSize: 20 });
  const columns = useRollColumns().map((c) =>
    c.key === 'open'
      ? {
          ...c,
          render: (_: unknown, r: RollItem) => (
            <Link to={`/safety-net/rolls/${r.id}?review=1`} data-testid={`review-open-${r.id}`}>
              {t('safetyNet.review.button')}
            </Link>
          ),
        }
      : c,
  );
  if (due.isError && !due.data) return <ErrorResult error={due.error} onRetry={() => void due.refetch()} />;
  return (
    <Table<RollItem>
      rowKey="id"
      size={mobile ? 'small' : 'middle'}
      loading={due.isFetching}
      dataSource={due.data?.items ?? []}
      columns={columns}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('safetyNet.reviews.empty') }}
      onRow={(r) => ({ 'data-testid': `review-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
      pagination={{
        current: page.page,
        pageSize: 20,
        total: due.data?.total ?? 0,
        showSizeChanger: false,
        onChange: (p) => setPage({ page: p }),
      }}
    />
  );
}
