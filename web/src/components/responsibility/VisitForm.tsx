import { useEffect } from 'react';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecordVisit, type Visit } from '../../api/responsibility';
import { errorMessage } from '../ErrorResult';

export const PURPOSES = ['routine', 'policy', 'income', 'plan', 'risk', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

interface Values {
  householdId?: string;
  purpose: Purpose;
  findings: string;
  followUp?: string;
}

/**
 * Quick visit entry (phone width): household, purpose, findings, follow-up, save. `households`
 * are the choices; `householdId` preselects one (from a list's "visit" button).
 */
export function VisitForm({
  households,
  householdId,
  onSaved,
}: {
  households: { value: string; label: string }[];
  householdId?: string;
  onSaved?: (v: Visit) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordVisit();
  useEffect(() => {
    if (householdId) form.setFieldValue('householdId', householdId);
  }, [householdId, form]);

  const onFinish = (v: Values) =>
    record.mutate(
      { householdId: v.householdId!, purpose: v.purpose, findings: v.findings, followUp: v.followUp || null },
      {
        onSuccess: (saved) => {
          void message.success(t('resp.saved'));
          form.resetFields(['findings', 'followUp']);
          onSaved?.(saved);
        },
      },
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ purpose: 'routine' }}
      onFinish={onFinish}
      data-testid="visit-form"
      style={{ maxWidth: 560 }}
    >
      {record.isError && (
        <Alert type="error" showIcon title={errorMessage(record.error)} style={{ marginBottom: 12 }} />
      )}
      <Form.Item
        name="householdId"
        label={t('resp.household')}
        rules={[{ required: true, message: t('resp.pickHousehold') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('resp.pickHousehold')}
          options={households}
          data-testid="visit-household"
        />
      </Form.Item>
      <Form.Item name="purpose" label={t('resp.purpose')} rules={[{ required: true }]}>
        <Select
          options={PURPOSES.map((p) => ({ value: p, label: t(`resp.purposes.${p}`) }))}
          data-testid="visit-purpose"
        />
      </Form.Item>
      <Form.Item
        name="findings"
        label={t('resp.findings')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('resp.findingsRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="visit-findings" />
      </Form.Item>
      <Form.Item name="followUp" label={t('resp.followUp')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="visit-followup" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={record.isPending} data-testid="visit-save">
        {t('resp.save')}
      </Button>
    </Form>
  );
}
