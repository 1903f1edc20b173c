import { useState } from 'react';
import { App, Button, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PURPOSES, type Purpose } from '../components/responsibility/VisitForm';
import { enqueue } from './outbox';
import type { CachedHousehold } from './store';

interface Values {
  purpose: Purpose;
  findings: string;
  followUp?: string;
}

/** Where the phone is, if it says so quickly (a photo's place as evidence); never blocks saving. */
function position(): Promise<{ lat: number; lon: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 3000);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        clearTimeout(timer);
        resolve({ lat: p.coords.latitude, lon: p.coords.longitude });
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
      { maximumAge: 600_000, timeout: 3000 },
    );
  });
}

/**
 * A visit recorded on the device: it goes to the outbox with a key made here (the server stores it
 * once however often it is sent), and the photo taken with it follows it.
 */
export function VisitSheet({ owner, h, onDone }: { owner: string; h: CachedHousehold; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const name = h.summary.headName ?? h.summary.householdNo;

  const save = async (v: Values) => {
    const clientKey = crypto.randomUUID();
    const body = {
      householdId: h.id,
      purpose: v.purpose,
      findings: v.findings,
      followUp: v.followUp || null,
      clientKey,
    };
    const label = t('offline.visitOf', { name });
    const visitSeq = await enqueue(owner, {
      kind: 'visit',
      householdId: h.id,
      label,
      method: 'POST',
      path: '/api/visits',
      body,
      baseVersion: null,
    });
    if (file) {
      const where = await position();
      await enqueue(owner, {
        kind: 'photo',
        householdId: h.id,
        label: t('offline.photoOf', { name }),
        method: 'POST',
        path: '/api/attachments',
        body: {},
        baseVersion: null,
        photo: {
          blob: file,
          name: file.name,
          visitSeq,
          takenAt: new Date(file.lastModified || Date.now()).toISOString(),
          ...(where ?? {}),
        },
      });
    }
    void message.success(t('offline.saved'));
    form.resetFields();
    setFile(null);
    onDone();
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ purpose: 'routine' }}>
      <Form.Item name="purpose" label={t('offline.purpose')}>
        <Select
          data-testid="field-visit-purpose"
          options={PURPOSES.map((p) => ({ value: p, label: t(`resp.purposes.${p}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="findings"
        label={t('offline.findings')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('offline.findingsRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="field-visit-findings" />
      </Form.Item>
      <Form.Item name="followUp" label={t('offline.followUp')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="field-visit-followup" />
      </Form.Item>
      <Form.Item label={t('offline.photo')}>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          data-testid="field-visit-photo"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </Form.Item>
      <Flex justify="end">
        <Button type="primary" htmlType="submit" data-testid="field-visit-save">
          {t('offline.save')}
        </Button>
      </Flex>
    </Form>
  );
}
