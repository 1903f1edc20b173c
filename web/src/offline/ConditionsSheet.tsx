import { App, Button, Flex, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { enqueue } from './outbox';
import { offlineDb, type CachedHousehold } from './store';

/** The household fields a cadre checks on a visit and may change offline (PATCH /api/households/:id). */
export const CONDITION_FIELDS = ['address', 'safeWater', 'sanitaryToilet'] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
type Values = { address: string | null; safeWater: boolean; sanitaryToilet: boolean; reason: string };

/**
 * A change of the household's conditions kept on the device with the household version it was read
 * at. A second change before sending joins the first (one edit on one version).
 */
export function ConditionsSheet({
  owner,
  h,
  onDone,
}: {
  owner: string;
  h: CachedHousehold;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = h.record?.household;
  if (!record) return null;
  const yesNo = [
    { value: true, label: t('offline.yes') },
    { value: false, label: t('offline.no') },
  ];

  const save = async (v: Values) => {
    const changed = Object.fromEntries(
      CONDITION_FIELDS.filter((f) => v[f] !== record[f]).map((f) => [f, v[f]]),
    );
    const waiting = await offlineDb.outbox
      .where('owner')
      .equals(owner)
      .filter((o) => o.kind === 'household' && o.householdId === h.id && o.state === 'pending')
      .first();
    if (waiting) {
      await offlineDb.outbox.update(waiting.seq!, {
        body: { ...waiting.body, ...changed, reason: v.reason },
      });
    } else {
      await enqueue(owner, {
        kind: 'household',
        householdId: h.id,
        label: t('offline.conditionsOf', { name: h.summary.headName ?? h.summary.householdNo }),
        method: 'PATCH',
        path: `/api/households/${encodeURIComponent(h.id)}`,
        body: { ...changed, reason: v.reason, version: record.version },
        baseVersion: record.version,
      });
    }
    void message.success(t('offline.saved'));
    onDone();
  };

  return (
    <Form<Values>
      layout="vertical"
      onFinish={(v) => void save(v)}
      initialValues={{
        address: record.address,
        safeWater: record.safeWater,
        sanitaryToilet: record.sanitaryToilet,
      }}
    >
      <Form.Item name="address" label={t('offline.address')}>
        <Input maxLength={200} data-testid="field-cond-address" />
      </Form.Item>
      <Form.Item name="safeWater" label={t('offline.safeWater')}>
        <Radio.Group options={yesNo} data-testid="field-cond-water" />
      </Form.Item>
      <Form.Item name="sanitaryToilet" label={t('offline.sanitaryToilet')}>
        <Radio.Group options={yesNo} data-testid="field-cond-toilet" />
      </Form.Item>
      <Form.Item name="reason" label={t('offline.reason')} rules={[{ required: true, min: 2 }]}>
        <Input maxLength={500} data-testid="field-cond-reason" />
      </Form.Item>
      <Flex justify="end">
        <Button type="primary" htmlType="submit" data-testid="field-cond-save">
          {t('offline.save')}
        </Button>
      </Flex>
    </Form>
  );
}
