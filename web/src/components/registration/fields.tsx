import { Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CODE_LISTS, type CodeListName } from '../../../../src/domain/code-lists';
import type { RegistrationForm } from '../../api/registration';
import { useLang } from '../../i18n';

type Value = RegistrationForm['household'][string];
export type FieldKey = keyof ReturnType<typeof useFieldLabels>;

export function useFieldLabels() {
  const { t } = useTranslation();
  return t('registration.f', { returnObjects: true });
}

/** One field of the form: a text, number, code list or yes/no input, with the server's error under it. */
export function FormField(props: {
  name: FieldKey;
  value: Value | undefined;
  onChange: (v: Value) => void;
  error?: string | undefined;
  kind?: 'text' | 'number' | 'bool' | { list: CodeListName };
  testId: string;
}) {
  const labels = useFieldLabels();
  const lang = useLang();
  const kind = props.kind ?? 'text';
  let input;
  if (kind === 'number')
    input = (
      <InputNumber
        style={{ width: '100%' }}
        value={typeof props.value === 'number' ? props.value : props.value ? Number(props.value) : null}
        onChange={(v) => props.onChange(v ?? null)}
        data-testid={props.testId}
        inputMode="decimal"
      />
    );
  else if (kind === 'bool')
    input = (
      <Switch checked={props.value === true} onChange={(v) => props.onChange(v)} data-testid={props.testId} />
    );
  else if (kind === 'text')
    input = (
      <Input
        value={typeof props.value === 'string' ? props.value : props.value == null ? '' : String(props.value)}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    );
  else
    input = (
      <Select
        allowClear
        value={typeof props.value === 'string' ? props.value : undefined}
        onChange={(v: string | undefined) => props.onChange(v ?? null)}
        options={CODE_LISTS[kind.list].map((e) => ({ value: e.code, label: lang === 'en' ? e.en : e.zh }))}
        data-testid={props.testId}
      />
    );
  return (
    <Form.Item
      label={labels[props.name]}
      validateStatus={props.error ? 'error' : undefined}
      help={props.error}
      style={{ marginBottom: 12 }}
    >
      {input}
    </Form.Item>
  );
}
