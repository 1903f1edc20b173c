import { useState } from 'react';
import { Button, Card, Empty, Flex, Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from '../components/assistance/labels';
import { useSearchParams } from 'react-router-dom';
import { usePairs, type CategoryYear, type Pair } from '../api/assistance';
import { useFormat } from '../i18n/format';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { useIsManager } from '../components/assistance/manager';
import { CommitmentModal, DeliveryModal, NewPairModal } from '../components/assistance/PairForms';

type Row = CategoryYear & { key: string; year: number };

type Dialog = { kind: 'new' } | { kind: 'commit' | 'deliver'; pair: Pair } | null;

function PairCard({ pair, onOpen }: { pair: Pair; onOpen?: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const fmt = useFormat();
  const rows: Row[] = pair.years
    .slice(0, 3)
    .flatMap((y) => y.categories.map((c) => ({ ...c, year: y.year, key: `${y.year}:${c.category}` })));
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`pair-${pair.id}`}
      title={
        <Flex wrap gap={8} align="center">
          <Tag color="blue">{L('pairKind', pair.kind)}</Tag>
          <span style={{ overflowWrap: 'anywhere' }}>
            {pair.helperName} → {pair.recipientName}
          </span>
        </Flex>
      }
      extra={
        <Typography.Text type="secondary">
          {t('assistance.since')} {pair.startYear}
        </Typography.Text>
      }
    >
      {onOpen && (
        <Flex wrap gap={8} style={{ marginBottom: 8 }}>
          <Button size="small" onClick={() => onOpen({ kind: 'commit', pair })} data-testid="commitment-open">
            {t('assistance.setCommitment')}
          </Button>
          <Button size="small" onClick={() => onOpen({ kind: 'deliver', pair })} data-testid="delivery-open">
            {t('assistance.recordDelivery')}
          </Button>
        </Flex>
      )}
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('assistance.year'), dataIndex: 'year' },
          {
            title: t('assistance.category'),
            dataIndex: 'category',
            render: (c: string) => L('categoryName', c),
          },
          {
            title: t('assistance.committed'),
            dataIndex: 'committed',
            align: 'right',
            render: (n: number) => fmt.number(n, 2),
          },
          {
            title: t('assistance.delivered'),
            dataIndex: 'delivered',
            align: 'right',
            render: (n: number) => fmt.number(n, 2),
          },
          {
            title: t('assistance.deliveredPct'),
            dataIndex: 'pct',
            render: (p: number | null) =>
              p === null ? (
                '—'
              ) : (
                <Progress
                  percent={Math.min(100, p)}
                  format={() => `${p}%`}
                  size="small"
                  status={p < 80 ? 'exception' : 'normal'}
                  style={{ minWidth: 110 }}
                />
              ),
          },
        ]}
      />
    </Card>
  );
}

/** Paired assistance touching a region (`/pairs?region`): committed vs delivered, the last three years of each pair. */
export default function PairsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const pairs = usePairs(params.get('region') ?? undefined);
  const manager = useIsManager();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  if (pairs.isError) return <ErrorResult error={pairs.error} onRetry={() => void pairs.refetch()} />;
  return (
    <div data-testid="pairs-page">
      <PageHeader
        title={t('assistance.pairsTitle')}
        subtitle={t('assistance.pairsSubtitle')}
        extra={
          manager && (
            <Button type="primary" onClick={() => setDialog({ kind: 'new' })} data-testid="pair-new">
              {t('assistance.newPair')}
            </Button>
          )
        }
      />
      {pairs.data?.items.length === 0 && <Empty description={t('assistance.noPairs')} />}
      {pairs.data?.items.map((p) => (
        <PairCard key={p.id} pair={p} {...(manager ? { onOpen: setDialog } : {})} />
      ))}
      {dialog?.kind === 'new' && <NewPairModal onClose={close} />}
      {dialog?.kind === 'commit' && <CommitmentModal pair={dialog.pair} onClose={close} />}
      {dialog?.kind === 'deliver' && <DeliveryModal pair={dialog.pair} onClose={close} />}
    </div>
  );
}
