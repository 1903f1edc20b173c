import { Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeasureStatus } from '../../api/plans';

/** The outcome of a completed measure, or the reason a measure is cancelled. */
export function MeasureNoteModal({
  status,
  pending,
  onOk,
  onCancel,
}: {
  status: MeasureStatus;
  pending: boolean;
  onOk: (text: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const completed = status === 'completed';
  return (
    <Modal
      open
      title={completed ? t('plans.outcomeTitle') : t('plans.cancelTitle')}
      onCancel={onCancel}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'measure-note-ok' } as ButtonProps}
      onOk={() => void form.validateFields().then((v) => onOk(v.text.trim()))}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label={completed ? t('plans.outcome') : t('audit.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: completed ? t('plans.outcomeRequired') : t('plans.cancelRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="measure-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
