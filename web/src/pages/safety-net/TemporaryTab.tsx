import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUser } from '../../api/auth';
import { ErrorResult, errorMessage } from '../../components/ErrorResult';
import { useIsMobile } from '../../components/responsive';
import { useFormat } from '../../i18n/format';
import {
  useTemporary,
  useTemporaryDecide,
  type TemporaryDecide,
  type TemporaryItem,
  type TemporaryQuery,
} from './api';
import { monthOf, useCodeLabel } from './labels';

const STATES = ['applied', 'aided', 'approved', 'denied', 'regularised'] as const;

/** Temporary-assistance cases of the area: emergency (fast track: aid first) and expenditure-driven. */
export function TemporaryTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = useCodeLabel();
  const mobile = useIsMobile();
  const user = useUser();
  const [q, setQ] = useState<TemporaryQuery>({ page: 1, pageSize: 20 });
  const list = useTemporary(q);
  const [deciding, setDeciding] = useState<{ item: TemporaryItem; action: TemporaryDecide['action'] } | null>(
    null,
  );
  if (list.isError && !list.data)
    return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const actions = (r: TemporaryItem): TemporaryDecide['action'][] =>
    r.state === 'applied' ? ['approve', 'deny'] : r.state === 'aided' ? ['regularise'] : [];
  const columns: TableColumnsType<TemporaryItem> = [
    {
      title: t('safetyNet.household'),
      key: 'household',
      render: (_: unknown, r) => <Link to={`/households/${r.householdId}`}>{r.householdNo}</Link>,
    },
    {
      title: t('safetyNet.tabs.temporary'),
      key: 'type',
      render: (_: unknown, r) => (
        <>
          {label('safetyNet.temporary.type', r.type)} · {label('safetyNet.temporary.cause', r.cause)}
          {r.fastTrack && (
            <Tag color="red" style={{ marginInlineStart: 4 }}>
              {t('safetyNet.temporary.fastTrack')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('safetyNet.temporary.requested'),
      dataIndex: 'requestedAmount',
      align: 'right',
      render: fmt.money,
    },
    { title: t('safetyNet.temporary.amount'), dataIndex: 'amount', align: 'right', render: fmt.money },
    ...(mobile
      ? []
      : [
          { title: t('safetyNet.temporary.appliedOn'), dataIndex: 'appliedOn', render: fmt.date },
          { title: t('safetyNet.temporary.payMonth'), dataIndex: 'payMonth', render: monthOf },
          { title: t('safetyNet.temporary.regulariseBy'), dataIndex: 'regulariseBy', render: fmt.date },
        ]),
    {
      title: '',
      dataIndex: 'state',
      render: (s: string) => <Tag>{label('safetyNet.temporary.state', s)}</Tag>,
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, r) =>
        user.permissions.runSafetyNet && (
          <Flex gap={4} wrap>
            {actions(r).map((a) => (
              <Button
                key={a}
                size="small"
                onClick={() => setDeciding({ item: r, action: a })}
                data-testid={`temporary-${a}-${r.id}`}
              >
                {t(`safetyNet.temporary.${a}`)}
              </Button>
            ))}
          </Flex>
        ),
    },
  ];
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('safetyNet.allStates')}
          style={{ width: mobile ? '100%' : 160 }}
          value={q.state}
          onChange={(state?: (typeof STATES)[number]) => setQ({ ...q, state, page: 1 })}
          options={STATES.map((s) => ({ value: s, label: t(`safetyNet.temporary.state.${s}`) }))}
        />
      </Flex>
      <Table<TemporaryItem>
        rowKey="id"
        size={mobile ? 'small' : 'middle'}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (page) => setQ({ ...q, page }),
        }}
      />
      {deciding && <DecideModal {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

function DecideModal({
  item,
  action,
  onClose,
}: {
  item: TemporaryItem;
  action: TemporaryDecide['action'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useTemporaryDecide();
  const [form] = Form.useForm<{ amount?: number; note: string }>();
  return (
    <Modal
      open
      title={t(`safetyNet.temporary.${action}`)}
      okButtonProps={{ loading: decide.isPending }}
      onCancel={onClose}
      onOk={() =>
        void form
          .validateFields()
          .then((v) =>
            decide.mutate(
              { id: item.id, body: { action, amount: v.amount, note: v.note } },
              { onSuccess: onClose },
            ),
          )
      }
    >
      {decide.isError && <Alert type="error" showIcon title={errorMessage(decide.error)} />}
      <Form form={form} layout="vertical" initialValues={{ amount: item.requestedAmount }}>
        {action === 'approve' && (
          <Form.Item name="amount" label={t('safetyNet.temporary.amount')}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('safetyNet.temporary.decideNote')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
