import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/auth';
import { useSetPolicy, type EffectiveParam } from '../../api/policy';
import { useLang } from '../../i18n';
import { errorMessage } from '../ErrorResult';
import { DateField } from '../pickers/DateField';
import { RegionTreePicker } from '../pickers/RegionTreePicker';

/** Set a new version of a parameter for a region from a date, its value as JSON, with the reason. */
export function ParamEditModal(props: {
  param: EffectiveParam;
  region: string;
  date: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lang = useLang();
  const user = useUser();
  const save = useSetPolicy();
  const [form] = Form.useForm<{
    regionPrefix: string;
    effectiveFrom: string;
    value: string;
    reason: string;
  }>();
  const [jsonError, setJsonError] = useState(false);
  const county = user.role === 'county_officer';
  const initial = {
    regionPrefix: county ? user.scope.code : props.region.slice(0, 6),
    effectiveFrom: props.date,
    // a text value (e.g. the supervision hotline) is edited as it is, without JSON quotes
    value: typeof props.param.value === 'string' ? props.param.value : JSON.stringify(props.param.value),
    reason: '',
  };
  const submit = (v: typeof initial) => {
    let value: unknown;
    if (typeof props.param.value === 'string') value = v.value.trim();
    else
      try {
        value = JSON.parse(v.value);
      } catch {
        setJsonError(true);
        return;
      }
    setJsonError(false);
    save.mutate(
      {
        key: props.param.key,
        body: { regionPrefix: v.regionPrefix, effectiveFrom: v.effectiveFrom, value, reason: v.reason },
      },
      {
        onSuccess: () => {
          void message.success(t('policy.saved'));
          props.onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('policy.editTitle', { label: props.param.label[lang === 'en' ? 'en' : 'zh'] })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('policy.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'param-save' }}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="regionPrefix" label={t('policy.regionPrefix')}>
          {county ? (
            <Input disabled data-testid="param-region-prefix" />
          ) : (
            // a province, prefecture or county from the tree; cleared: the national value
            <RegionTreePicker
              lengths={[2, 4, 6]}
              onClear={() => form.setFieldValue('regionPrefix', '')}
              testId="param-region-prefix"
            />
          )}
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('policy.effectiveFrom')}>
          <DateField testId="param-effective-from" />
        </Form.Item>
        <Form.Item name="value" label={t('policy.valueJson')}>
          <Input.TextArea rows={3} data-testid="param-value-input" />
        </Form.Item>
        <Form.Item name="reason" label={t('policy.reason')} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="param-reason" />
        </Form.Item>
      </Form>
      {jsonError && <Alert type="error" showIcon title={t('policy.invalidJson')} />}
      {save.isError && (
        <Alert type="error" showIcon title={errorMessage(save.error)} data-testid="param-error" />
      )}
    </Modal>
  );
}
