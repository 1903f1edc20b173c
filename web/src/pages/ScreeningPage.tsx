import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { REPORT_KINDS, useRecordScreening, type ReportKind } from '../api/warnings';
import { errorMessage } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { HouseholdPicker } from '../components/pickers/HouseholdPicker';

interface Values {
  householdId: string;
  kind: ReportKind;
  estimatedLoss?: number;
  observedOn?: { format(f: string): string };
  note?: string;
}

/** A cadre's screening visit, on a phone: `/warnings/screen?household=ID`; one column, no horizontal scroll. */
export default function ScreeningPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const save = useRecordScreening();
  const submit = (v: Values) =>
    save.mutate(
      {
        householdId: v.householdId.trim(),
        kind: v.kind,
        ...(v.estimatedLoss !== undefined && v.estimatedLoss !== null && { estimatedLoss: v.estimatedLoss }),
        ...(v.observedOn && { observedOn: v.observedOn.format('YYYY-MM-DD') }),
        ...(v.note && { note: v.note }),
      },
      { onSuccess: () => form.resetFields(['kind', 'estimatedLoss', 'note']) },
    );
  return (
    <div data-testid="screening-page" style={{ maxWidth: 520 }}>
      <PageHeader title={t('warnings.form.title')} />
      <Card>
        {save.isSuccess && (
          <Alert type="success" showIcon title={t('warnings.form.saved')} style={{ marginBottom: 12 }} />
        )}
        {save.isError && (
          <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ householdId: params.get('household') ?? '' }}
          onFinish={submit}
        >
          <Form.Item
            name="householdId"
            label={t('warnings.form.householdId')}
            rules={[{ required: true, message: t('warnings.form.householdIdRequired') }]}
          >
            <HouseholdPicker testId="screening-household" />
          </Form.Item>
          <Form.Item name="kind" label={t('warnings.form.kind')} rules={[{ required: true }]}>
            <Select
              data-testid="screening-kind"
              options={REPORT_KINDS.map((k) => ({ value: k, label: t(`warnings.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="estimatedLoss" label={t('warnings.form.estimatedLoss')}>
            <InputNumber min={0} max={10_000_000} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
          <Form.Item name="observedOn" label={t('warnings.form.observedOn')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('warnings.form.note')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={save.isPending}
            data-testid="screening-submit"
          >
            {t('warnings.form.submit')}
          </Button>
        </Form>
        {params.get('household') && (
          <div style={{ marginTop: 12 }}>
            <Link to={`/households/${params.get('household')}`}>{t('warnings.household')}</Link>
          </div>
        )}
      </Card>
    </div>
  );
}
