import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateCatalogueEntry, type NewCatalogueEntry } from '../../api/knowledge';
import { useCodeOptions } from '../../api/codeLists';
import { errorMessage } from '../ErrorResult';

const TESTS = [
  'able_member',
  'school_child',
  'house_unsafe',
  'disabled_member',
  'ill_member',
  'elderly_member',
  'dibao_on_roll',
  'tekun_on_roll',
  'water_unsafe',
] as const;
const BATCHES = ['production', 'relocation', 'eco', 'education', 'social_security'] as const;
const MEASURE_TYPES = [
  'industry',
  'employment',
  'welfare_job',
  'health',
  'education',
  'housing',
  'water',
  'relocation',
  'eco_compensation',
  'finance',
  'social_security',
  'social_help',
] as const;

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  batch: NewCatalogueEntry['batch'];
  measureType: NewCatalogueEntry['measureType'];
  causes?: string[];
  tests?: string[];
  defaultAmount?: number | null;
  descriptionZh?: string;
  howToApplyZh?: string;
  documents?: string[];
  contact?: string;
  limitsZh?: string;
}

/**
 * Add a measure to the catalogue of the officer's own region (a county-only entry): the eligibility
 * as tests the system checks (all must hold), the explanation the cadre reads to the household.
 */
export function CatalogueEntryForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateCatalogueEntry();
  const causes = useCodeOptions('poverty_cause');
  const submit = (v: Values) => {
    const tests = v.tests ?? [];
    const body: NewCatalogueEntry = {
      code: v.code,
      nameZh: v.nameZh,
      nameEn: v.nameEn,
      batch: v.batch,
      measureType: v.measureType,
      causes: (v.causes ?? []) as NewCatalogueEntry['causes'],
      defaultAmount: v.defaultAmount ?? null,
      descriptionZh: v.descriptionZh ?? '',
      howToApplyZh: v.howToApplyZh ?? '',
      documents: v.documents ?? [],
      contact: v.contact || null,
      limitsZh: v.limitsZh ?? '',
      eligibility: tests.length ? { all: tests.map((x) => ({ test: x })) } : null,
    };
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('knowledge.saved'));
        form.resetFields();
        onClose();
      },
      onError: (e) => void message.error(errorMessage(e)),
    });
  };
  return (
    <Modal
      open={open}
      title={t('knowledge.addEntry')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'entry-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ batch: 'production', measureType: 'industry' }}
      >
        <Form.Item
          name="code"
          label={t('knowledge.entryCode')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}
        >
          <Input data-testid="entry-code" placeholder="county_tea_shares" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('knowledge.entryNameZh')} rules={[{ required: true }]}>
          <Input data-testid="entry-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('knowledge.entryNameEn')} rules={[{ required: true }]}>
          <Input data-testid="entry-name-en" />
        </Form.Item>
        <Form.Item name="batch" label={t('knowledge.batch')}>
          <Select options={BATCHES.map((b) => ({ value: b, label: t(`plans.batch.${b}`) }))} />
        </Form.Item>
        <Form.Item name="measureType" label={t('knowledge.measureType')}>
          <Select options={MEASURE_TYPES.map((m) => ({ value: m, label: m }))} />
        </Form.Item>
        <Form.Item name="causes" label={t('knowledge.causes')}>
          <Select mode="multiple" options={causes} />
        </Form.Item>
        <Form.Item name="tests" label={t('knowledge.eligibility')}>
          <Select
            mode="multiple"
            data-testid="entry-tests"
            options={TESTS.map((x) => ({ value: x, label: t(`knowledge.test.${x}`) }))}
          />
        </Form.Item>
        <Form.Item name="defaultAmount" label={t('knowledge.amount')}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="descriptionZh" label={t('knowledge.description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="howToApplyZh" label={t('knowledge.howToApply')}>
          <Input.TextArea rows={2} data-testid="entry-how" />
        </Form.Item>
        <Form.Item name="documents" label={t('knowledge.documents')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="contact" label={t('knowledge.contact')}>
          <Input />
        </Form.Item>
        <Form.Item name="limitsZh" label={t('knowledge.limits')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
