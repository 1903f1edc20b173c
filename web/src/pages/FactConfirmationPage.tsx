import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Flex, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorResult, errorMessage } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { useLang } from '../i18n';
import { useDecideFact, useFactQueue, type QueueItem } from './household/factsApi';
import { KIND_INFO, SOURCE_LABELS, summarise, type FactKind } from './household/factFields';

/** Proposed changes to decision-critical facts waiting for a township or county officer (docs/facts.md). */
export default function FactConfirmationPage() {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const { message } = AntApp.useApp();
  const queue = useFactQueue();
  const decide = useDecideFact();
  const [rejecting, setRejecting] = useState<QueueItem | null>(null);
  const [note, setNote] = useState('');
  const yesNo: [string, string] = [t('facts.yes'), t('facts.no')];

  const run = async (item: QueueItem, confirm: boolean, reason?: string) => {
    await decide.mutateAsync({ id: item.id, confirm, note: reason });
    void message.success(confirm ? t('facts.confirmed') : t('facts.rejected'));
  };

  const columns: TableColumnsType<QueueItem> = [
    {
      title: t('facts.household'),
      key: 'household',
      render: (_, r) => (
        <Link to={`/households/${r.householdId}`}>
          {r.headName ?? ''} {r.householdNo}
        </Link>
      ),
    },
    { title: t('facts.kind'), key: 'kind', render: (_, r) => KIND_INFO[r.kind as FactKind][lang] },
    { title: t('facts.member'), key: 'member', render: (_, r) => r.memberName ?? '' },
    {
      title: t('facts.value'),
      key: 'value',
      render: (_, r) =>
        r.value === null ? t('facts.withheld') : summarise(r.kind as FactKind, r.value, lang, yesNo),
    },
    { title: t('facts.observedOn'), dataIndex: 'observedOn', key: 'observedOn' },
    {
      title: t('facts.source'),
      key: 'source',
      render: (_, r) => `${SOURCE_LABELS[r.source][lang]}${r.sourceRef ? `（${r.sourceRef}）` : ''}`,
    },
    { title: t('facts.recordedBy'), dataIndex: 'recordedBy', key: 'recordedBy' },
    {
      title: t('facts.actions'),
      key: 'actions',
      render: (_, r) =>
        r.mayDecide ? (
          <Space>
            <Button
              size="small"
              type="primary"
              loading={decide.isPending}
              onClick={() => void run(r, true).catch(() => {})}
              data-testid={`fact-confirm-${r.id}`}
            >
              {t('facts.confirm')}
            </Button>
            <Button size="small" danger onClick={() => setRejecting(r)} data-testid={`fact-reject-${r.id}`}>
              {t('facts.reject')}
            </Button>
          </Space>
        ) : (
          <Tag>{t('facts.notYours')}</Tag>
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="fact-confirmation-page">
      <PageHeader title={t('facts.queueTitle')} subtitle={t('facts.queueSubtitle')} />
      {decide.isError && <Alert type="error" showIcon title={errorMessage(decide.error)} />}
      {queue.isError ? (
        <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} />
      ) : (
        <Card>
          <Table
            rowKey="id"
            size="small"
            loading={queue.isLoading}
            dataSource={queue.data?.items ?? []}
            columns={columns}
            pagination={{ pageSize: 50 }}
            scroll={{ x: true }}
            locale={{ emptyText: t('facts.empty') }}
            data-testid="fact-queue"
          />
        </Card>
      )}
      <Modal
        open={rejecting !== null}
        title={t('facts.reject')}
        okButtonProps={{ danger: true, disabled: note.trim().length < 2, 'data-testid': 'fact-reject-ok' }}
        onOk={() => {
          if (rejecting) void run(rejecting, false, note.trim()).catch(() => {});
          setRejecting(null);
          setNote('');
        }}
        onCancel={() => setRejecting(null)}
      >
        <Typography.Paragraph>{t('facts.rejectNote')}</Typography.Paragraph>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={3} />
      </Modal>
    </Flex>
  );
}
