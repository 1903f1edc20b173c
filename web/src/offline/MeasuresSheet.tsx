import { App, Flex, List, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';
import { enqueue } from './outbox';
import { offlineDb, type CachedHousehold, type PlanMeasure } from './store';

const STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/**
 * The status of the household's measures changed on the device (PATCH /api/plans/measures/:id with the
 * measure's version). A second change of the same measure before sending replaces the first.
 */
export function MeasuresSheet({
  owner,
  h,
  onDone,
}: {
  owner: string;
  h: CachedHousehold;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const measures = h.plan?.plan?.measures ?? [];

  const change = async (m: PlanMeasure, status: Status) => {
    const path = `/api/plans/measures/${encodeURIComponent(m.id)}`;
    const waiting = await offlineDb.outbox
      .where('owner')
      .equals(owner)
      .filter((o) => o.kind === 'measure' && o.path === path && o.state === 'pending')
      .first();
    if (waiting) await offlineDb.outbox.update(waiting.seq!, { body: { ...waiting.body, status } });
    else
      await enqueue(owner, {
        kind: 'measure',
        householdId: h.id,
        label: `${t('offline.kinds.measure')} ${h.summary.headName ?? ''} ${lang === 'en' ? m.nameEn : m.nameZh}`,
        method: 'PATCH',
        path,
        body: { status, version: m.version },
        baseVersion: m.version,
      });
    void message.success(t('offline.saved'));
    onDone();
  };

  return (
    <List
      size="small"
      dataSource={measures.filter((m) => m.status !== 'cancelled')}
      renderItem={(m) => (
        <List.Item>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ width: '100%' }}>
            <Typography.Text>{lang === 'en' ? m.nameEn : m.nameZh}</Typography.Text>
            <Select<Status>
              size="small"
              style={{ minWidth: 120 }}
              defaultValue={m.status}
              data-testid={`field-measure-${m.id}`}
              onChange={(s) => void change(m, s)}
              options={STATUSES.map((s) => ({ value: s, label: t(`plans.measureStatus.${s}`) }))}
            />
          </Flex>
        </List.Item>
      )}
    />
  );
}
