import { App, Button, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { DateField } from '../pickers/DateField';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from './labels';
import { useFollowUp, type FollowUp } from '../../api/assistance';
import { errorMessage } from '../ErrorResult';

/** Record a yearly follow-up: operation, asset, whether income persists; a revival plan or a new operator. */
export function FollowUpModal({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const { message } = App.useApp();
  const follow = useFollowUp(projectId);
  const [form] = Form.useForm<FollowUp>();
  const status = Form.useWatch('operatingStatus', form);
  const submit = (v: FollowUp) =>
    follow.mutate(v, {
      onSuccess: () => (void message.success(t('assistance.saved')), onClose()),
      onError: (e) => void message.error(errorMessage(e)),
    });
  return (
    <Modal open title={t('assistance.recordFollowUp')} onCancel={onClose} footer={null}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ operatingStatus: 'operating', assetStatus: 'good', incomePersists: true }}
      >
        <Form.Item
          name="checkedOn"
          label={t('assistance.checkedOn')}
          rules={[{ required: true, message: t('assistance.required') }]}
        >
          <DateField testId="followup-date" />
        </Form.Item>
        <Form.Item name="operatingStatus" label={t('assistance.operatingStatus')}>
          <Select
            data-testid="followup-status"
            options={['operating', 'partial', 'idle', 'revival'].map((k) => ({
              value: k,
              label: L('opStatus', k),
            }))}
          />
        </Form.Item>
        <Form.Item name="assetStatus" label={t('assistance.assetStatus')}>
          <Radio.Group
            options={['good', 'damaged', 'lost'].map((k) => ({
              value: k,
              label: L('asset', k),
            }))}
          />
        </Form.Item>
        <Form.Item name="incomePersists" label={t('assistance.incomePersists')}>
          <Radio.Group
            options={[
              { value: true, label: t('assistance.yes') },
              { value: false, label: t('assistance.no') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="revivalPlan"
          label={t('assistance.revivalPlan')}
          rules={[{ required: status === 'revival', message: t('assistance.required') }]}
        >
          <Input.TextArea rows={2} data-testid="followup-plan" />
        </Form.Item>
        <Form.Item name="newOperator" label={t('assistance.newOperator')}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t('assistance.note')}>
          <Input />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={follow.isPending} data-testid="followup-submit">
            {t('assistance.submit')}
          </Button>
          <Button onClick={onClose}>{t('assistance.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
