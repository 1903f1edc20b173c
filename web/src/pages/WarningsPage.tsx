import { useState } from 'react';
import { Alert, Button, Flex, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  CHANNELS,
  useDismissWarnings,
  useOpenWarningCase,
  useWarnings,
  type Channel,
  type WarningFilters,
  type WarningItem,
  type WarningStatus,
} from '../api/warnings';
import { useUser } from '../api/auth';
import { BulkConfirmWarnings, BulkDismissWarnings } from '../components/batch/BulkDismissWarnings';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { LinkButton } from '../components/LinkButton';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/StatusTag';
import { useIsMobile } from '../components/responsive';
import { ContributionList } from '../components/warnings/ContributionList';
import { HouseholdLink } from '../components/household/HouseholdLink';
import { RegionTreePicker } from '../components/pickers/RegionTreePicker';

const STATUSES: WarningStatus[] = ['open', 'case_opened', 'dismissed'];

function filtersFrom(p: URLSearchParams): WarningFilters {
  const page = Number(p.get('page'));
  const min = p.get('minScore');
  return {
    region: p.get('region') ?? undefined,
    channel: CHANNELS.find((c) => c === p.get('channel')),
    minScore: min !== null && min !== '' && Number.isFinite(Number(min)) ? Number(min) : undefined,
    status: STATUSES.find((s) => s === p.get('status')) ?? 'open',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: 20,
  };
}

function toParams(f: WarningFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (
      v !== undefined &&
      v !== '' &&
      !(k === 'page' && v === 1) &&
      !(k === 'status' && v === 'open') &&
      k !== 'pageSize'
    )
      p.set(k, String(v));
  return p;
}

/** The warning worklist: `/warnings?region&channel&minScore&status&page`, highest score first. */
export default function WarningsPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const list = useWarnings(filters);
  const openCase = useOpenWarningCase();
  const dismiss = useDismissWarnings();
  const [dismissing, setDismissing] = useState<WarningItem | null>(null);
  const [reason, setReason] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const mayBulk = useUser().permissions.editHouseholds && filters.status === 'open';
  const update = (patch: Partial<WarningFilters>) => setParams(toParams({ ...filters, page: 1, ...patch }));
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data;

  const columns: TableColumnsType<WarningItem> = [
    {
      title: t('warnings.household'),
      key: 'household',
      render: (_: unknown, w) => (
        <Space orientation="vertical" size={0}>
          <HouseholdLink householdId={w.householdId} headName={w.headName} householdNo={w.householdNo} />
          {mobile && <Typography.Text type="secondary">{w.villageName}</Typography.Text>}
        </Space>
      ),
    },
    ...(mobile ? [] : [{ title: t('warnings.village'), dataIndex: 'villageName' }]),
    {
      title: t('warnings.score'),
      dataIndex: 'score',
      render: (s: number) => (
        <Tag color={s >= 50 ? 'red' : s >= 25 ? 'orange' : 'gold'} data-testid="warning-score">
          {s}
        </Tag>
      ),
    },
    {
      title: t('warnings.topReasons'),
      key: 'reasons',
      render: (_: unknown, w) => <ContributionList items={w.topReasons} />,
    },
    ...(mobile
      ? []
      : [
          {
            title: t('warnings.channelsCol'),
            key: 'channels',
            render: (_: unknown, w: WarningItem) => (
              <Flex wrap gap={4}>
                {w.channels.map((c) => (
                  <Tag key={c}>{t(`warnings.channels.${c}`, { defaultValue: c })}</Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('warnings.status'),
            key: 'status',
            render: (_: unknown, w: WarningItem) => (
              <Space orientation="vertical" size={2}>
                <StatusTag status={w.householdStatus} />
                <Typography.Text type="secondary">
                  {t(`warnings.statuses.${w.status}`, { defaultValue: w.status })}
                </Typography.Text>
              </Space>
            ),
          },
        ]),
    {
      title: '',
      key: 'act',
      render: (_: unknown, w) =>
        w.caseId ? (
          <Link to={`/cases/${w.caseId}`}>{t('warnings.viewCase')}</Link>
        ) : w.status === 'open' ? (
          <Flex wrap gap={4}>
            <Button
              size="small"
              type="primary"
              loading={openCase.isPending && openCase.variables === w.householdId}
              onClick={() =>
                openCase.mutate(w.householdId, { onSuccess: (r) => void navigate(`/cases/${r.caseId}`) })
              }
              data-testid={`warning-open-${w.householdId}`}
            >
              {t('warnings.openCase')}
            </Button>
            <Button size="small" onClick={() => (setReason(''), setDismissing(w))}>
              {t('warnings.dismiss')}
            </Button>
          </Flex>
        ) : null,
    },
  ];

  return (
    <div data-testid="warnings-page">
      <PageHeader
        title={t('warnings.title')}
        subtitle={t('warnings.subtitle')}
        extra={<LinkButton to="/warnings/screen">{t('warnings.screen')}</LinkButton>}
      />
      {(openCase.isError || dismiss.isError) && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(openCase.error ?? dismiss.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      {data && (
        <Flex wrap gap={6} style={{ marginBottom: 12 }}>
          {CHANNELS.map((c) => (
            <Tag.CheckableTag
              key={c}
              checked={filters.channel === c}
              onChange={(on) => update({ channel: on ? c : undefined })}
            >
              {t(`warnings.channels.${c}`)}：{data.channelCounts[c] ?? 0}
            </Tag.CheckableTag>
          ))}
        </Flex>
      )}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <RegionTreePicker
          placeholder={t('warnings.region')}
          style={{ width: mobile ? '100%' : 240 }}
          value={filters.region}
          onChange={(code) => update({ region: code })}
          onClear={() => update({ region: undefined })}
          testId="warnings-region"
        />
        <Select
          allowClear
          placeholder={t('warnings.channel')}
          style={{ width: mobile ? '100%' : 180 }}
          value={filters.channel}
          onChange={(channel?: Channel) => update({ channel })}
          options={CHANNELS.map((c) => ({ value: c, label: t(`warnings.channels.${c}`) }))}
        />
        <InputNumber
          min={0}
          max={100}
          placeholder={t('warnings.minScore')}
          style={{ width: mobile ? '100%' : 140 }}
          value={filters.minScore}
          onChange={(v) => update({ minScore: v ?? undefined })}
        />
        <Select
          style={{ width: mobile ? '100%' : 160 }}
          value={filters.status}
          onChange={(status: WarningStatus) => update({ status })}
          options={STATUSES.map((s) => ({ value: s, label: t(`warnings.statuses.${s}`) }))}
        />
      </Flex>
      {mayBulk && (
        <Flex gap={8} style={{ marginBottom: 8 }}>
          <BulkConfirmWarnings householdIds={selected} onDone={() => setSelected([])} />
          <BulkDismissWarnings householdIds={selected} onDone={() => setSelected([])} />
        </Flex>
      )}
      <Table<WarningItem>
        rowKey="householdId"
        size="small"
        rowSelection={
          mayBulk
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }
            : undefined
        }
        loading={list.isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={mobile ? undefined : { x: 'max-content' }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => setParams(toParams({ ...filters, page })),
        }}
        data-testid="warnings-table"
      />
      <Modal
        open={dismissing !== null}
        title={t('warnings.dismissTitle')}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: dismiss.isPending }}
        onCancel={() => setDismissing(null)}
        onOk={() =>
          dismissing &&
          dismiss.mutate(
            { householdId: dismissing.householdId, reason: reason.trim() },
            { onSuccess: () => setDismissing(null) },
          )
        }
      >
        <Input.TextArea
          rows={3}
          placeholder={t('warnings.dismissReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="warning-dismiss-reason"
        />
        {reason.trim().length < 2 && (
          <Typography.Text type="secondary">{t('warnings.dismissReasonRequired')}</Typography.Text>
        )}
      </Modal>
    </div>
  );
}
