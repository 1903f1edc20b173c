import { useState } from 'react';
import { Alert, Button, Card, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { useLang } from '../../i18n';
import { useHouseholdFacts, type Fact } from './factsApi';
import { FactForm } from './FactForm';
import { KIND_INFO, SOURCE_LABELS, STATE_LABELS, summarise, type FactKind } from './factFields';

const STATE_COLOR: Record<string, string> = {
  proposed: 'orange',
  confirmed: 'green',
  rejected: 'red',
  superseded: 'default',
};

/** The household's recorded facts (事实记录): current ones, pending proposals, history (docs/facts.md). */
export function HouseholdFactsPanel({
  householdId,
  members,
  canEdit,
}: {
  householdId: string;
  members: readonly { id: string; name: string | null }[];
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const facts = useHouseholdFacts(householdId);
  const [form, setForm] = useState<{ correcting: Fact | null } | null>(null);
  if (facts.isError) return <ErrorResult error={facts.error} onRetry={() => void facts.refetch()} />;
  const all = facts.data?.facts ?? [];
  const current = all.filter((f) => f.state === 'confirmed' || f.state === 'proposed');
  const history = all.filter((f) => f.state === 'superseded' || f.state === 'rejected');
  const pending = all.filter((f) => f.state === 'proposed').length;
  const yesNo: [string, string] = [t('facts.yes'), t('facts.no')];

  const columns = (withActions: boolean) => [
    {
      title: t('facts.kind'),
      key: 'kind',
      render: (_: unknown, f: Fact) => KIND_INFO[f.kind as FactKind][lang],
    },
    { title: t('facts.member'), key: 'member', render: (_: unknown, f: Fact) => f.memberName ?? '' },
    {
      title: t('facts.value'),
      key: 'value',
      render: (_: unknown, f: Fact) =>
        f.value === null ? (
          <Typography.Text type="secondary">{t('facts.withheld')}</Typography.Text>
        ) : (
          summarise(f.kind as FactKind, f.value, lang, yesNo)
        ),
    },
    { title: t('facts.observedOn'), dataIndex: 'observedOn', key: 'observedOn' },
    {
      title: t('facts.source'),
      key: 'source',
      render: (_: unknown, f: Fact) =>
        `${SOURCE_LABELS[f.source][lang]}${f.sourceRef ? `（${f.sourceRef}）` : ''}`,
    },
    {
      title: t('facts.state'),
      key: 'state',
      render: (_: unknown, f: Fact) => (
        <Tag color={STATE_COLOR[f.state]} data-testid={`fact-state-${f.id}`}>
          {STATE_LABELS[f.state][lang]}
        </Tag>
      ),
    },
    { title: t('facts.recordedBy'), dataIndex: 'recordedBy', key: 'recordedBy' },
    { title: t('facts.confirmedBy'), dataIndex: 'confirmedBy', key: 'confirmedBy' },
    ...(withActions && canEdit
      ? [
          {
            title: t('facts.actions'),
            key: 'actions',
            render: (_: unknown, f: Fact) => (
              <Button
                size="small"
                onClick={() => setForm({ correcting: f })}
                data-testid={`fact-correct-${f.id}`}
              >
                {t('facts.correct')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('facts.title')}
      data-testid="household-facts"
      extra={
        canEdit && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setForm({ correcting: null })}
            data-testid="fact-record"
          >
            {t('facts.record')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {facts.data && (
          <Typography.Text type="secondary" data-testid="fact-confirmation">
            {t(`facts.confirmation.${facts.data.confirmation}`)}
          </Typography.Text>
        )}
        {pending > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('facts.pendingNotice', { n: pending })}
            data-testid="fact-pending"
          />
        )}
        {current.length === 0 && !facts.isLoading ? (
          <Empty description={t('facts.none')} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            loading={facts.isLoading}
            dataSource={current}
            columns={columns(true)}
            pagination={false}
            scroll={{ x: true }}
            data-testid="fact-table"
          />
        )}
        {history.length > 0 && (
          <Collapse
            items={[
              {
                key: 'history',
                label: `${t('facts.history')}（${history.length}）`,
                children: (
                  <Table
                    rowKey="id"
                    size="small"
                    dataSource={history}
                    columns={columns(false)}
                    pagination={false}
                    scroll={{ x: true }}
                  />
                ),
              },
            ]}
          />
        )}
      </Space>
      {form && (
        <FactForm
          householdId={householdId}
          members={members}
          correcting={form.correcting}
          onClose={() => setForm(null)}
        />
      )}
    </Card>
  );
}
