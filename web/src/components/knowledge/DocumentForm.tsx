import { App, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCreateDocument } from '../../api/knowledge';
import { errorMessage } from '../ErrorResult';

interface Values {
  title: string;
  issuer: string;
  docNo?: string;
  issuedOn?: Dayjs | null;
  body?: string;
  bodyIsSummary: boolean;
}

/** Add a policy document of the officer's own region (a county's own rules, a province's standard). */
export function DocumentForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDocument();
  const submit = (v: Values) =>
    create.mutate(
      {
        title: v.title,
        issuer: v.issuer,
        docNo: v.docNo?.trim() || null,
        issuedOn: v.issuedOn ? v.issuedOn.format('YYYY-MM-DD') : null,
        body: v.body ?? '',
        bodyIsSummary: v.bodyIsSummary,
      },
      {
        onSuccess: () => {
          void message.success(t('knowledge.saved'));
          form.resetFields();
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Modal
      open={open}
      title={t('knowledge.addDocument')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ bodyIsSummary: true }}>
        <Form.Item name="title" label={t('knowledge.docTitle')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="issuer" label={t('knowledge.issuer')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="docNo" label={t('knowledge.docNo')}>
          <Input />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('knowledge.issuedOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="body" label={t('knowledge.docBody')}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item name="bodyIsSummary" valuePropName="checked">
          <Checkbox>{t('knowledge.bodyIsSummary')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
