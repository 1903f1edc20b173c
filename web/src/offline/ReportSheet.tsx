import { App, Button, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { REPORT_KINDS, type ReportKind } from '../api/warnings';
import { todayChina } from '../i18n/format';
import { enqueue } from './outbox';
import type { CachedHousehold } from './store';

interface Values {
  kind: ReportKind;
  description: string;
  observedOn: string;
}

/**
 * The household's own report of a difficulty taken on a visit (a self-report in the early-warning
 * channel, `POST /api/warnings/self-reports` on its behalf), kept on the device with a key made here:
 * the server stores it once however often it is sent (migration 041).
 */
export function ReportSheet({ owner, h, onDone }: { owner: string; h: CachedHousehold; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const name = h.summary.headName ?? h.summary.householdNo;

  const save = async (v: Values) => {
    await enqueue(owner, {
      kind: 'report',
      householdId: h.id,
      label: t('offline.reportOf', { name, kind: t(`warnings.kinds.${v.kind}`) }),
      method: 'POST',
      path: '/api/warnings/self-reports',
      body: {
        householdId: h.id,
        kind: v.kind,
        description: v.description,
        observedOn: v.observedOn,
        clientKey: crypto.randomUUID(),
      },
      baseVersion: null,
    });
    void message.success(t('offline.saved'));
    onDone();
  };

  return (
    <Form<Values>
      layout="vertical"
      onFinish={(v) => void save(v)}
      initialValues={{ kind: 'illness', observedOn: todayChina() }}
    >
      <Form.Item name="kind" label={t('offline.reportKind')}>
        <Select
          data-testid="field-report-kind"
          options={REPORT_KINDS.map((k) => ({ value: k, label: t(`warnings.kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('offline.reportText')}
        rules={[{ required: true, whitespace: true, message: t('offline.reportRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="field-report-text" />
      </Form.Item>
      <Form.Item
        name="observedOn"
        label={t('offline.observedOn')}
        rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
      >
        <Input type="date" max={todayChina()} data-testid="field-report-date" />
      </Form.Item>
      <Flex justify="end">
        <Button type="primary" htmlType="submit" data-testid="field-report-save">
          {t('offline.save')}
        </Button>
      </Flex>
    </Form>
  );
}
