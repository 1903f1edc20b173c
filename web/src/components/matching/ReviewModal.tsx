import { Alert, Descriptions, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMatchLabel, useReviewFlag, type Flag } from '../../api/matching';
import { errorMessage } from '../ErrorResult';

interface Props {
  flag: Flag;
  decision: 'confirm' | 'dismiss';
  onClose: (saved: boolean) => void;
}

/** Confirm or dismiss one flag; the reason is required (the server checks it too). */
export function ReviewModal({ flag, decision, onClose }: Props) {
  const { t } = useTranslation();
  const label = useMatchLabel();
  const review = useReviewFlag();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const { reason } = await form.validateFields();
    review.mutate({ id: flag.id, decision, reason }, { onSuccess: () => onClose(true) });
  };
  return (
    <Modal
      open
      title={decision === 'confirm' ? t('matching.confirmTitle') : t('matching.dismissTitle')}
      okText={decision === 'confirm' ? t('matching.confirm') : t('matching.dismiss')}
      okButtonProps={{ danger: decision === 'confirm', 'data-testid': 'review-submit' }}
      confirmLoading={review.isPending}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'h', label: t('matching.household'), children: `${flag.householdNo} ${flag.headName}` },
          { key: 'm', label: t('matching.member'), children: `${flag.memberName} ${flag.memberIdNumber}` },
          { key: 'k', label: t('matching.listKind'), children: label('match_list_kind', flag.listKind) },
          { key: 'f', label: t('matching.flagKind'), children: label('match_flag_kind', flag.flagKind) },
        ]}
      />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('matching.reasonLabel')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('matching.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={t('matching.reasonPlaceholder')}
            data-testid="review-reason"
          />
        </Form.Item>
      </Form>
      {review.isError && <Alert type="error" showIcon title={errorMessage(review.error)} />}
    </Modal>
  );
}
