import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeOptions } from '../../api/codeLists';
import { useRegionalCatalogue } from '../../api/knowledge';
import { useCreatePractice, type NewPractice } from '../../api/practices';
import { useLang } from '../../i18n';
import { errorMessage } from '../ErrorResult';
import { RegionPickField } from '../RegionSearchSelect';
import { KINDS } from './kinds';

/** What a finding pre-fills: the text, causes, a project and where it came from. */
export type PracticeDraft = Partial<
  Pick<NewPractice, 'kind' | 'regionCode' | 'title' | 'summary' | 'body' | 'causes' | 'projectIds' | 'source'>
>;

interface Values {
  kind: NewPractice['kind'];
  regionCode?: string;
  title: string;
  summary: string;
  body?: string;
  actions?: string;
  results?: string;
  lessons?: string;
  causes?: string[];
  measureCodes?: string[];
  tags?: string[];
}

/** Write a practice entry (submitted to the county's review); `draft` pre-fills it from a finding. */
export function PracticeForm({
  open,
  onClose,
  draft,
}: {
  open: boolean;
  onClose: () => void;
  draft?: PracticeDraft | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePractice();
  const causes = useCodeOptions('poverty_cause');
  const catalogue = useRegionalCatalogue();
  const measures = (catalogue.data ?? []).map((e) => ({
    value: e.code,
    label: lang === 'en' ? e.nameEn : e.nameZh,
  }));
  const submit = (v: Values) =>
    create.mutate(
      {
        kind: v.kind,
        regionCode: v.regionCode?.trim() || undefined,
        title: v.title,
        summary: v.summary,
        body: v.body ?? '',
        actions: v.actions ?? '',
        results: v.results ?? '',
        lessons: v.lessons ?? '',
        causes: (v.causes ?? []) as NewPractice['causes'],
        measureCodes: v.measureCodes ?? [],
        tags: v.tags ?? [],
        projectIds: draft?.projectIds ?? [],
        source: draft?.source,
      },
      {
        onSuccess: () => {
          void message.success(t('practice.submitted'));
          form.resetFields();
          onClose();
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Modal
      open={open}
      title={t('practice.write')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'experience', ...draft }}
        data-testid="practice-form"
      >
        <Form.Item name="kind" label={t('practice.filterKind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={KINDS.map((k) => ({ value: k, label: t(`practice.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t('practice.region')} extra={t('practice.regionHint')}>
          {/* a county, township or village by tree and search: nobody types a code */}
          <RegionPickField lengths={[6, 9, 12]} testId="practice-region" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('practice.titleLabel')}
          rules={[{ required: true, min: 2, max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('practice.summary')}
          rules={[{ required: true, min: 2, max: 1000 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="body" label={t('practice.body')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="actions" label={t('practice.actions')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="results" label={t('practice.results')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="lessons" label={t('practice.lessons')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="causes" label={t('practice.causes')}>
          <Select mode="multiple" options={causes} allowClear />
        </Form.Item>
        <Form.Item name="measureCodes" label={t('practice.measures')}>
          <Select mode="multiple" options={measures} allowClear optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="tags" label={t('practice.tags')} extra={t('practice.tagsHint')}>
          <Select mode="tags" maxCount={10} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
