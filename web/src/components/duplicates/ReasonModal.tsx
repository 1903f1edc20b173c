import type { ReactNode } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ErrorResult';

interface Props {
  title: string;
  okText: string;
  children?: ReactNode;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}

/** A confirmation that asks for the reason every resolution of a duplicate records. */
export function ReasonModal({ title, okText, children, pending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={{ 'data-testid': 'reason-submit' }}
      confirmLoading={pending}
      onOk={() => void form.validateFields().then((v) => onSubmit(v.reason.trim()))}
      onCancel={onCancel}
      destroyOnHidden
    >
      {children}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('duplicates.reasonLabel')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('duplicates.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="reason-input" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
    </Modal>
  );
}
