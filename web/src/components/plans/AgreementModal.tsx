import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_METHODS } from '../../api/plans';

/** The household's agreement to its plan (or its refusal, with the reason): who, how and when. */
export function AgreementModal({
  members,
  pending,
  onOk,
  onCancel,
}: {
  members: string[];
  pending: boolean;
  onOk: (body: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    agreed: boolean;
    by: string;
    method?: string;
    at?: { toISOString(): string };
    declineReason?: string;
  }>();
  const agreed = Form.useWatch('agreed', form) ?? true;
  return (
    <Modal
      open
      title={t('plans.agreementOpen')}
      onCancel={onCancel}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'agreement-submit' } as ButtonProps}
      onOk={() =>
        void form.validateFields().then((v) =>
          onOk({
            agreed: v.agreed,
            by: v.by,
            method: v.method,
            at: v.at ? v.at.toISOString() : undefined,
            declineReason: v.agreed ? undefined : v.declineReason,
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={{ agreed: true, by: members[0] }}>
        <Form.Item name="agreed">
          <Radio.Group
            data-testid="agreement-agreed"
            options={[
              { value: true, label: t('plans.agree') },
              { value: false, label: t('plans.decline') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="by"
          label={t('plans.agreedBy')}
          rules={[{ required: true, message: t('plans.byRequired') }]}
        >
          <Select data-testid="agreement-by" options={members.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item
          name="method"
          label={t('plans.agreementMethod')}
          rules={agreed ? [{ required: true, message: t('plans.methodRequired') }] : []}
        >
          <Select
            data-testid="agreement-method"
            options={AGREEMENT_METHODS.filter((m) => m !== 'portal').map((m) => ({
              value: m,
              label: t(`plans.method.${m}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="at" label={t('plans.agreedAt')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        {!agreed && (
          <Form.Item
            name="declineReason"
            label={t('plans.declineReason')}
            rules={[{ required: true, whitespace: true, message: t('plans.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="agreement-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
