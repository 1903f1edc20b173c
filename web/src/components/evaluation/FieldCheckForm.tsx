import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useRecordCheck, type SampledHousehold } from '../../api/evaluation';
import { errorMessage } from '../ErrorResult';

interface CheckForm {
  checkStatus: 'checked' | 'unreachable';
  answer?: boolean;
  approves?: boolean;
  note?: string;
}

/** Record the field check of one sampled household: reached or not, the stratum's question, approval, a note. */
export function FieldCheckForm({
  sampleId,
  household,
  onClose,
}: {
  sampleId: string;
  household: SampledHousehold;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordCheck(sampleId);
  const [form] = Form.useForm<CheckForm>();
  const checkStatus = Form.useWatch('checkStatus', form);
  const exited = household.stratum === 'exited';
  const yesNo = [
    { value: true, label: t('evaluation.yes') },
    { value: false, label: t('evaluation.no') },
  ];
  const submit = (v: CheckForm) => {
    const checked = v.checkStatus === 'checked';
    record.mutate(
      {
        householdId: household.householdId,
        body: {
          version: household.version,
          checkStatus: v.checkStatus,
          ...(checked
            ? exited
              ? { wronglyExited: v.answer ?? null }
              : { eligibleUnregistered: v.answer ?? null }
            : {}),
          approves: checked ? (v.approves ?? null) : null,
          note: v.note?.trim() || null,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('evaluation.saved'));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.code === 'E_CONFLICT') {
            void message.warning(t('evaluation.stale'));
            onClose();
          }
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('evaluation.checkTitle', { name: household.headName || household.householdNo })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      okText={t('evaluation.save')}
      okButtonProps={{ 'data-testid': 'check-submit' }}
    >
      {record.isError && <Typography.Text type="danger">{errorMessage(record.error)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          checkStatus: household.checkStatus === 'unreachable' ? 'unreachable' : 'checked',
          answer: (exited ? household.wronglyExited : household.eligibleUnregistered) ?? undefined,
          approves: household.approves ?? undefined,
          note: household.note ?? '',
        }}
      >
        <Form.Item name="checkStatus" label={t('evaluation.checkStatus')}>
          <Radio.Group
            options={[
              { value: 'checked', label: t('evaluation.status.checked') },
              { value: 'unreachable', label: t('evaluation.status.unreachable') },
            ]}
          />
        </Form.Item>
        {checkStatus !== 'unreachable' && (
          <>
            <Form.Item
              name="answer"
              label={t(exited ? 'evaluation.wronglyExited' : 'evaluation.eligibleUnregistered')}
              rules={[{ required: true }]}
            >
              <Radio.Group options={yesNo} data-testid="check-answer" />
            </Form.Item>
            <Form.Item name="approves" label={t('evaluation.approves')} rules={[{ required: true }]}>
              <Radio.Group options={yesNo} data-testid="check-approves" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('evaluation.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
