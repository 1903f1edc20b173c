import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useRequests, type DataRequest } from '../../api/burden';
import { useLang } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { ErrorResult } from '../ErrorResult';
import { AnswerModal, RequestModal } from './RequestForms';

/** The register of data requests from above: what each asks, what the system already holds, and the answer. */
export function RequestsCard({
  region,
  year,
  mayRegister,
}: {
  region: string;
  year: number;
  mayRegister: boolean;
}) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const fmt = useFormat();
  const requests = useRequests(region, year);
  const catalogue = useCatalogue();
  const [adding, setAdding] = useState(false);
  const [answering, setAnswering] = useState<DataRequest | null>(null);
  const itemLabel = (id: string) => {
    const item = catalogue.data?.items.find((i) => i.id === id);
    return item ? (en ? item.en : item.zh) : id;
  };
  const reportLabel = (kind: string) => {
    const r = catalogue.data?.reports.find((x) => x.kind === kind);
    return r ? (en ? r.en : r.zh) : kind;
  };
  const columns: TableColumnsType<DataRequest> = [
    { title: t('burden.receivedOn'), dataIndex: 'receivedOn', render: (d: string) => fmt.date(d) },
    {
      title: t('burden.requester'),
      render: (_: unknown, r) => `${r.requester}（${t(`burden.levels.${r.requesterLevel}`)}）`,
    },
    { title: t('burden.requestTitle'), dataIndex: 'title' },
    {
      title: t('burden.items'),
      render: (_: unknown, r) => (
        <Flex vertical gap={4}>
          <span>{r.items.map(itemLabel).join('、')}</span>
          {r.assessment.held.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('burden.heldFlag', { reports: r.assessment.reports.map(reportLabel).join('、') })}
              data-testid={`request-held-${r.id}`}
            />
          )}
          {r.assessment.discouraged.length > 0 && (
            <Alert type="error" showIcon message={t('burden.discouragedFlag')} />
          )}
          {r.assessment.notHeld.length > 0 && (
            <Typography.Text type="secondary">
              {t('burden.notHeldFlag', { items: r.assessment.notHeld.map(itemLabel).join('、') })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: '',
      render: (_: unknown, r) => (
        <Flex vertical gap={4}>
          <Tag color={r.status === 'open' ? 'gold' : r.status === 'declined' ? 'default' : 'green'}>
            {t(`burden.status.${r.status}`)}
          </Tag>
          {r.status === 'open' && mayRegister && (
            <Button size="small" onClick={() => setAnswering(r)}>
              {t('burden.answer')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <Card
      title={t('burden.requests')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        mayRegister && (
          <Button size="small" onClick={() => setAdding(true)} data-testid="request-add">
            {t('burden.addRequest')}
          </Button>
        )
      }
    >
      {requests.isError && <ErrorResult error={requests.error} />}
      <Table
        size="small"
        rowKey="id"
        loading={requests.isLoading}
        dataSource={requests.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('burden.empty') }}
      />
      {adding && <RequestModal region={region} onClose={() => setAdding(false)} />}
      {answering && <AnswerModal request={answering} onClose={() => setAnswering(null)} />}
    </Card>
  );
}
