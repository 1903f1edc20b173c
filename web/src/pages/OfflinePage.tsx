import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../api/auth';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/StatusTag';
import { useFormat } from '../i18n/format';
import { ConditionsSheet } from '../offline/ConditionsSheet';
import { ConflictCard } from '../offline/ConflictCard';
import { useCachedHouseholds, useLive, useOnline, useOutbox } from '../offline/hooks';
import { discard, flushOutbox } from '../offline/outbox';
import { refreshOfflineCopy } from '../offline/refresh';
import { registerServiceWorker } from '../offline/register';
import { offlineDb, type OutboxItem } from '../offline/store';
import { VisitSheet } from '../offline/VisitSheet';
import { MeasuresSheet } from '../offline/MeasuresSheet';
import { ReportSheet } from '../offline/ReportSheet';
import { FactSheet } from '../offline/FactSheet';
import { DraftSheet } from '../offline/DraftSheet';

/** Send the outbox, then refresh the device's copy; without a network what is on the device stays. */
async function syncDevice(username: string): Promise<number> {
  try {
    const sent = await flushOutbox(username);
    await refreshOfflineCopy(username, new Date().toISOString());
    return sent;
  } catch {
    return 0;
  }
}

type Open = { id: string; sheet: 'visit' | 'conditions' | 'measures' | 'report' | 'fact' } | null;

function OutboxList({ items }: { items: OutboxItem[] }) {
  const { t } = useTranslation();
  const colour = { pending: 'blue', conflict: 'orange', failed: 'red', waiting: 'default' } as const;
  return (
    <List
      size="small"
      data-testid="field-outbox"
      dataSource={items}
      locale={{ emptyText: t('offline.empty') }}
      renderItem={(o) => (
        <List.Item data-testid={`outbox-${o.seq}`} data-state={o.state}>
          <Flex vertical style={{ minWidth: 0, width: '100%' }}>
            <Flex justify="space-between" gap={8} wrap>
              <Typography.Text>
                {o.seq}. {o.label}
              </Typography.Text>
              <Tag color={colour[o.state]}>{t(`offline.states.${o.state}`)}</Tag>
            </Flex>
            {o.state === 'failed' && (
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text type="danger">
                  {t('offline.refused', { error: o.error ?? '' })}
                </Typography.Text>
                <Button
                  size="small"
                  danger
                  onClick={() => void discard(o.seq!)}
                  data-testid={`outbox-discard-${o.seq}`}
                >
                  {t('offline.discard')}
                </Button>
              </Flex>
            )}
          </Flex>
        </List.Item>
      )}
    />
  );
}

/**
 * The field page (`/field`, phone first; docs/offline.md): the cadre's households kept on the device,
 * visits with photos and condition changes recorded with or without a network, the outbox in order
 * and its conflicts to resolve side by side.
 */
export default function OfflinePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const user = useUser();
  const online = useOnline();
  const households = useCachedHouseholds();
  const outbox = useOutbox(user.username) ?? [];
  const refreshed = useLive(() => offlineDb.meta.get('refreshedAt'), []);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [drafting, setDrafting] = useState(false);

  const sync = async () => {
    setBusy(true);
    const sent = await syncDevice(user.username);
    setBusy(false);
    if (sent > 0) void message.success(t('offline.synced', { n: sent }));
  };
  useEffect(registerServiceWorker, []);
  useEffect(() => {
    // on arrival and whenever the network returns
    if (online) void syncDevice(user.username);
  }, [online, user.username]);

  const conflicts = outbox.filter((o) => o.state === 'conflict');
  return (
    <div data-testid="field-page" style={{ maxWidth: 900, overflowWrap: 'anywhere' }}>
      <PageHeader title={t('offline.title')} />
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Tag color={online ? 'green' : 'red'} data-testid="field-online">
          {online ? t('offline.online') : t('offline.offlineNow')}
        </Tag>
        <Typography.Text data-testid="field-waiting">
          {t('offline.waiting', { n: outbox.length })}
        </Typography.Text>
        <Button
          size="small"
          onClick={() => void sync()}
          loading={busy}
          disabled={!online}
          data-testid="field-sync"
        >
          {t('offline.syncNow')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {refreshed
            ? t('offline.refreshedAt', { at: fmt.dateTime(refreshed.value) })
            : t('offline.notRefreshed')}
        </Typography.Text>
      </Flex>
      {conflicts.map((c) => (
        <div key={c.seq} style={{ marginBottom: 12 }}>
          <ConflictCard item={c} onResolved={() => online && void syncDevice(user.username)} />
        </div>
      ))}
      {user.role === 'village_cadre' && (
        <Card
          size="small"
          title={t('offline.newHousehold')}
          style={{ marginBottom: 12 }}
          extra={
            <Button size="small" onClick={() => setDrafting(!drafting)} data-testid="field-draft-new">
              {drafting ? t('offline.close') : t('offline.startDraft')}
            </Button>
          }
        >
          {drafting ? (
            <DraftSheet
              owner={user.username}
              village={user.scope.code.length === 12 ? user.scope.code : ''}
              onDone={() => setDrafting(false)}
            />
          ) : (
            <Typography.Text type="secondary">{t('offline.draftHelp')}</Typography.Text>
          )}
        </Card>
      )}
      <Card size="small" title={t('offline.households')} style={{ marginBottom: 12 }}>
        {households && households.length === 0 && <Empty description={t('offline.noHouseholds')} />}
        {!households && <Alert type="info" title={t('offline.notRefreshed')} />}
        <List
          dataSource={households ?? []}
          renderItem={(h) => (
            <List.Item data-testid={`field-household-${h.id}`}>
              <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }}>
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <span>
                    <Typography.Text strong>{h.summary.headName}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{h.summary.householdNo}</Typography.Text>{' '}
                    <StatusTag status={h.summary.status} />
                  </span>
                  <Flex gap={6} wrap>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setOpen({ id: h.id, sheet: 'visit' })}
                      data-testid={`field-visit-${h.id}`}
                    >
                      {t('offline.recordVisit')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setOpen({ id: h.id, sheet: 'conditions' })}
                      data-testid={`field-cond-${h.id}`}
                      disabled={!h.record}
                    >
                      {t('offline.conditions')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setOpen({ id: h.id, sheet: 'report' })}
                      data-testid={`field-report-${h.id}`}
                    >
                      {t('offline.report')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setOpen({ id: h.id, sheet: 'fact' })}
                      data-testid={`field-fact-${h.id}`}
                    >
                      {t('offline.fact')}
                    </Button>
                    {!!h.plan?.plan?.measures.length && (
                      <Button
                        size="small"
                        onClick={() => setOpen({ id: h.id, sheet: 'measures' })}
                        data-testid={`field-measures-${h.id}`}
                      >
                        {t('offline.measures')}
                      </Button>
                    )}
                  </Flex>
                </Flex>
                {open?.id === h.id && open.sheet === 'visit' && (
                  <VisitSheet owner={user.username} h={h} onDone={() => setOpen(null)} />
                )}
                {open?.id === h.id && open.sheet === 'conditions' && (
                  <ConditionsSheet owner={user.username} h={h} onDone={() => setOpen(null)} />
                )}
                {open?.id === h.id && open.sheet === 'measures' && (
                  <MeasuresSheet owner={user.username} h={h} onDone={() => setOpen(null)} />
                )}
                {open?.id === h.id && open.sheet === 'report' && (
                  <ReportSheet owner={user.username} h={h} onDone={() => setOpen(null)} />
                )}
                {open?.id === h.id && open.sheet === 'fact' && (
                  <FactSheet owner={user.username} h={h} onDone={() => setOpen(null)} />
                )}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('offline.outbox')}>
        <OutboxList items={outbox} />
      </Card>
    </div>
  );
}
