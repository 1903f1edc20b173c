import { useState } from 'react';
import { Alert, Button, Card, Flex, Radio, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { discard, resolveWith } from './outbox';
import { useLang } from '../i18n';
import { summarise, type FactKind } from '../pages/household/factFields';
import { draftSummary, type DraftPayload } from './drafts';
import type { OutboxItem } from './store';

type Side = 'mine' | 'theirs';
const show = (v: unknown): string =>
  v === null || v === undefined
    ? '—'
    : typeof v === 'boolean'
      ? v
        ? '✓'
        : '✗'
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);
/** What a change carries besides the values compared side by side (kept as they are). */
const FIXED = new Set(['version', 'reason', 'basedOn', 'kind', 'memberId', 'source', 'sourceRef', 'note']);

/**
 * A change whose record was changed on the server meanwhile: mine and the server's side by side, per
 * field; keep mine (sent again on the server's version), take theirs (mine dropped), or merge as
 * chosen field by field. Until the cadre chooses both stay: the item in the outbox, theirs beside it.
 */
export function ConflictCard({ item, onResolved }: { item: OutboxItem; onResolved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const factSummary = (kind: FactKind, v: Record<string, unknown>) =>
    summarise(kind, v, lang, [t('offline.yes'), t('offline.no')]);
  const theirs = item.theirs!;
  const server = theirs.values;
  const fields = Object.keys(item.body).filter((k) => !FIXED.has(k));
  const [pick, setPick] = useState<Record<string, Side>>(() =>
    Object.fromEntries(fields.map((f) => [f, 'mine'])),
  );
  const seq = item.seq!;
  const label = (f: string) =>
    f === 'status'
      ? t('offline.kinds.measure')
      : ['address', 'safeWater', 'sanitaryToilet', 'value', 'observedOn', 'payload'].includes(f)
        ? t(`offline.${f as 'address'}`)
        : f;
  const value = (f: string, v: unknown) =>
    f === 'status' && typeof v === 'string'
      ? t(`plans.measureStatus.${v as 'planned'}`)
      : f === 'value' && item.kind === 'fact' && v && typeof v === 'object'
        ? factSummary(item.body.kind as FactKind, v as Record<string, unknown>) || show(v)
        : f === 'payload' && v && typeof v === 'object'
          ? draftSummary(v as DraftPayload, lang)
          : show(v);

  const keep = async (choice: Record<string, Side>) => {
    const mine = fields.filter((f) => choice[f] === 'mine');
    if (mine.length === 0) await discard(seq, theirs.record);
    else {
      const fixed = Object.fromEntries(Object.entries(item.body).filter(([k]) => FIXED.has(k)));
      const values = Object.fromEntries(mine.map((f) => [f, item.body[f]]));
      // a fact is one record: the fields not kept as mine take the server's value
      const others =
        item.kind === 'fact'
          ? Object.fromEntries(fields.filter((f) => choice[f] !== 'mine').map((f) => [f, server[f]]))
          : {};
      await resolveWith(seq, { ...fixed, ...others, ...values, ...theirs.rebase }, theirs.version);
    }
    onResolved();
  };

  return (
    <Card
      size="small"
      data-testid={`conflict-${seq}`}
      title={t('offline.conflictTitle', { label: item.label })}
      style={{ borderColor: '#faad14' }}
    >
      <Alert type="warning" showIcon title={t('offline.conflictHelp')} style={{ marginBottom: 8 }} />
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={fields.map((f) => ({ field: f }))}
        columns={[
          { title: t('offline.field'), dataIndex: 'field', render: (f: string) => label(f) },
          {
            title: t('offline.mine'),
            render: (_, r) => (
              <span data-testid={`conflict-mine-${r.field}`}>{value(r.field, item.body[r.field])}</span>
            ),
          },
          {
            title: t('offline.theirs'),
            render: (_, r) => (
              <span data-testid={`conflict-theirs-${r.field}`}>{value(r.field, server[r.field])}</span>
            ),
          },
          {
            title: '',
            render: (_, r) => (
              <Radio.Group
                size="small"
                value={pick[r.field]}
                onChange={(e) => setPick({ ...pick, [r.field]: e.target.value as Side })}
                options={[
                  { value: 'mine', label: t('offline.mine') },
                  { value: 'theirs', label: t('offline.theirs') },
                ]}
              />
            ),
          },
        ]}
      />
      <Flex gap={8} wrap justify="end" style={{ marginTop: 8 }}>
        <Button
          data-testid={`conflict-take-theirs-${seq}`}
          onClick={() => void keep(Object.fromEntries(fields.map((f) => [f, 'theirs'])))}
        >
          {t('offline.takeTheirs')}
        </Button>
        <Button data-testid={`conflict-merge-${seq}`} onClick={() => void keep(pick)}>
          {t('offline.merge')}
        </Button>
        <Button
          type="primary"
          data-testid={`conflict-keep-mine-${seq}`}
          onClick={() => void keep(Object.fromEntries(fields.map((f) => [f, 'mine'])))}
        >
          {t('offline.keepMine')}
        </Button>
      </Flex>
    </Card>
  );
}
