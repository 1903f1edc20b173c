import { App, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePortalDifficulty, type DifficultyReport } from '../../api/portal';
import { REPORT_KINDS } from '../../api/warnings';
import { todayChina } from '../../i18n/format';
import { DateField } from '../pickers/DateField';

/** The household reports a new difficulty (illness, accident, lost job ...), a lead for the warning list. */
export function DifficultyCard() {
  const { t } = useTranslation();
  const tk = (k: string) => t(k as 'portal.title');
  const { message } = App.useApp();
  const difficulty = usePortalDifficulty();
  const [diffForm] = Form.useForm();
  return (
    <Card size="small" title={t('portal.difficulty')} style={{ marginTop: 12 }}>
      <Form
        form={diffForm}
        layout="vertical"
        initialValues={{ kind: 'illness', observedOn: todayChina() }}
        onFinish={(v: DifficultyReport) =>
          difficulty.mutate(v, {
            onSuccess: () => {
              void message.success(t('portal.reported'));
              diffForm.resetFields(['description']);
            },
          })
        }
      >
        <Form.Item name="kind" label={t('portal.difficultyKind')}>
          <Select options={REPORT_KINDS.map((k) => ({ value: k, label: tk(`portal.reportKind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="observedOn"
          label={t('portal.observedOn')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <DateField testId="portal-difficulty-date" />
        </Form.Item>
        <Form.Item name="description" label={t('portal.difficultyText')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="portal-difficulty-text" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={difficulty.isPending}
          data-testid="portal-difficulty-submit"
        >
          {t('portal.report')}
        </Button>
        {difficulty.isSuccess && (
          <Typography.Paragraph type="success" data-testid="portal-difficulty-done" style={{ marginTop: 8 }}>
            {t('portal.reported')}
          </Typography.Paragraph>
        )}
      </Form>
    </Card>
  );
}
