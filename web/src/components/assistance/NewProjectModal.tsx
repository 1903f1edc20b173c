import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from './labels';
import { useCreateProject, type NewProject } from '../../api/assistance';
import { errorMessage } from '../ErrorResult';
import { RegionPickField } from '../RegionSearchSelect';
import { thisYearChina } from '../../i18n/format';

const TYPES = [
  'planting',
  'livestock',
  'processing',
  'workshop',
  'tourism',
  'pv_power',
  'infrastructure',
  'other',
];
const LINKAGES = ['dividend', 'order_purchase', 'jobs', 'land_rental', 'cooperative'];

/** Enter a project into the library; the server refuses it without performance targets or benefit linkage. */
export function NewProjectModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewProject>();
  const [error, setError] = useState<string | null>(null);
  const create = useCreateProject();
  const submit = (v: NewProject) =>
    create.mutate(
      {
        ...v,
        indicators: v.indicators ?? [],
        linkages: v.linkages ?? [],
        linkageNote: v.linkageNote ?? '',
      },
      {
        onSuccess: (r) => (void message.success(t('assistance.saved')), onCreated((r as { id: string }).id)),
        onError: (e) => setError(errorMessage(e)),
      },
    );
  return (
    <Modal open title={t('assistance.newProject')} onCancel={onClose} footer={null} width={640}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ startYear: thisYearChina(), indicators: [{}] }}
      >
        <Form.Item
          name="name"
          label={t('assistance.name')}
          rules={[{ required: true, message: t('assistance.required') }]}
        >
          <Input data-testid="project-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="projectType"
            label={t('assistance.type')}
            rules={[{ required: true, message: t('assistance.required') }]}
          >
            <Select
              style={{ width: 160 }}
              options={TYPES.map((k) => ({ value: k, label: L('projectType', k) }))}
              data-testid="project-type"
            />
          </Form.Item>
          <Form.Item name="startYear" label={t('assistance.startYear')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
        </Space>
        <Form.Item
          name="villageCode"
          label={t('assistance.village')}
          rules={[{ required: true, message: t('assistance.villageRequired') }]}
        >
          <RegionPickField testId="project-village" />
        </Form.Item>
        <Typography.Title level={5}>{t('assistance.indicators')}</Typography.Title>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'name']}>
                    <Input placeholder={t('assistance.indicatorRow')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'targetValue']}>
                    <InputNumber placeholder={t('assistance.targetValue')} min={0} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']}>
                    <Input placeholder={t('assistance.unit')} style={{ width: 90 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                {t('assistance.addIndicator')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="linkages" label={t('assistance.linkages')}>
          <Checkbox.Group options={LINKAGES.map((k) => ({ value: k, label: L('linkage', k) }))} />
        </Form.Item>
        <Form.Item name="linkageNote" label={t('assistance.linkageNote')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {error && (
          <Typography.Paragraph type="danger" data-testid="project-error">
            {error}
          </Typography.Paragraph>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="project-submit">
            {t('assistance.submit')}
          </Button>
          <Button onClick={onClose}>{t('assistance.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
