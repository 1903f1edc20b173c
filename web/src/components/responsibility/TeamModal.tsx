import { Alert, App, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateTeam, type NoTeamItem } from '../../api/responsibility';
import { errorMessage } from '../ErrorResult';
import { todayChina } from '../../i18n/format';
import { DateField } from '../pickers/DateField';

/** Station a resident work team in a village: sending unit, start date, first secretary and members. */
export function TeamModal({ village, onClose }: { village: NoTeamItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateTeam();
  const [form] = Form.useForm<{
    sendingUnit: string;
    startDate: string;
    secretary: string;
    members?: string;
    reason: string;
  }>();
  const onOk = async () => {
    const v = await form.validateFields();
    const members = (v.members ?? '')
      .split(/[、,，\s]+/)
      .filter(Boolean)
      .map((name) => ({ name, role: 'member' as const, workUnit: v.sendingUnit }));
    create.mutate(
      {
        villageCode: village.villageCode,
        sendingUnit: v.sendingUnit,
        startDate: v.startDate,
        reason: v.reason,
        members: [{ name: v.secretary, role: 'first_secretary', workUnit: v.sendingUnit }, ...members],
      },
      {
        onSuccess: () => {
          void message.success(t('resp.teamCreated'));
          onClose();
        },
      },
    );
  };
  const req = [{ required: true, message: t('resp.required') }];
  return (
    <Modal
      open
      title={t('resp.teamTitle', { name: village.villageName })}
      onOk={() => void onOk()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'team-ok' } as ButtonProps}
    >
      {create.isError && (
        <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" initialValues={{ startDate: todayChina() }}>
        <Form.Item name="sendingUnit" label={t('resp.sendingUnit')} rules={req}>
          <Input data-testid="team-unit" />
        </Form.Item>
        <Form.Item
          name="startDate"
          label={t('resp.startDate')}
          rules={[...req, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}
        >
          <DateField testId="team-start" />
        </Form.Item>
        <Form.Item name="secretary" label={t('resp.secretary')} rules={req}>
          <Input data-testid="team-secretary" />
        </Form.Item>
        <Form.Item name="members" label={t('resp.members')}>
          <Input data-testid="team-members" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('resp.reason')}
          rules={[{ required: true, min: 2, message: t('resp.reasonRequired') }]}
        >
          <Input data-testid="team-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
