import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDrawSample, type DrawInput } from '../../api/evaluation';
import { errorMessage } from '../ErrorResult';
import { thisYearChina } from '../../i18n/format';
import { RegionPickField } from '../RegionSearchSelect';

/** Draw a new evaluation sample (villages per township, households per village, a seed); `onClose` gets the new sample's id. */
export function SampleDrawForm({
  defaultRegion,
  onClose,
}: {
  defaultRegion: string;
  onClose: (id?: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const draw = useDrawSample();
  const [form] = Form.useForm<DrawInput>();
  const submit = (v: DrawInput) =>
    draw.mutate(
      { ...v, seed: v.seed?.trim() || undefined, note: v.note?.trim() || undefined },
      {
        onSuccess: (r) => {
          void message.success(t('evaluation.drawn', { villages: r.villages, households: r.households }));
          onClose(r.id);
        },
      },
    );
  return (
    <Modal
      open
      title={t('evaluation.drawTitle')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={draw.isPending}
      okButtonProps={{ 'data-testid': 'sample-draw-submit' }}
    >
      {draw.isError && <Typography.Text type="danger">{errorMessage(draw.error)}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          region: defaultRegion,
          year: thisYearChina() - 1,
          villagesPerTownship: 2,
          exitedPerVillage: 10,
          otherPerVillage: 5,
        }}
      >
        <Form.Item
          name="region"
          label={t('evaluation.region')}
          rules={[{ required: true, pattern: /^\d{6}$/ }]}
        >
          {/* a county by tree and search: nobody types a code */}
          <RegionPickField lengths={[6]} testId="sample-region" />
        </Form.Item>
        <Form.Item name="year" label={t('evaluation.year')} rules={[{ required: true }]}>
          <InputNumber min={2014} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="villagesPerTownship"
          label={t('evaluation.villagesPerTownship')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="exitedPerVillage"
          label={t('evaluation.exitedPerVillage')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={1000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="otherPerVillage"
          label={t('evaluation.otherPerVillage')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={1000} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="seed" label={t('evaluation.seed')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="note" label={t('evaluation.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
