import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  REQUESTER_LEVELS,
  useAddRequest,
  useAnswerRequest,
  useCatalogue,
  type DataRequest,
  type RequesterLevel,
} from '../../api/burden';
import { useLang } from '../../i18n';
import { errorMessage } from '../ErrorResult';

interface RequestForm {
  requester: string;
  requesterLevel: RequesterLevel;
  title: string;
  items: string[];
  receivedOn: { format(f: string): string };
}

/** Register a data request received from a higher level. */
export function RequestModal({ region, onClose }: { region: string; onClose: () => void }) {
  const { t } = useTranslation();
  const en = useLang() === 'en';
  const { message } = App.useApp();
  const catalogue = useCatalogue();
  const add = useAddRequest();
  const [form] = Form.useForm<RequestForm>();
  const submit = (v: RequestForm) =>
    add.mutate(
      { ...v, region, receivedOn: v.receivedOn.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          void message.success(t('burden.saved'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('burden.addRequest')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
    >
      {add.isError && <Typography.Text type="danger">{errorMessage(add.error)}</Typography.Text>}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ requesterLevel: 'prefecture' }}>
        <Form.Item name="requester" label={t('burden.requester')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="requesterLevel" label={t('burden.requesterLevel')}>
          <Select options={REQUESTER_LEVELS.map((l) => ({ value: l, label: t(`burden.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('burden.requestTitle')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="items" label={t('burden.items')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={(catalogue.data?.items ?? []).map((i) => ({ value: i.id, label: en ? i.en : i.zh }))}
          />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('burden.receivedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Answer a data request: by a standard report, by asking the villages, or declined, with a note. */
export function AnswerModal({ request, onClose }: { request: DataRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const answer = useAnswerRequest();
  const [form] = Form.useForm<{
    status: 'answered_by_report' | 'answered_by_villages' | 'declined';
    note: string;
  }>();
  return (
    <Modal
      open
      title={`${t('burden.answer')}: ${request.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={answer.isPending}
    >
      {answer.isError && <Typography.Text type="danger">{errorMessage(answer.error)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          status: request.assessment.answerableFromSystem ? 'answered_by_report' : 'answered_by_villages',
        }}
        onFinish={(v) =>
          answer.mutate({ id: request.id, version: request.version, ...v }, { onSuccess: onClose })
        }
      >
        <Form.Item name="status" label={t('burden.answer')}>
          <Select
            options={(['answered_by_report', 'answered_by_villages', 'declined'] as const).map((s) => ({
              value: s,
              label: t(`burden.answerBy.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('burden.note')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
