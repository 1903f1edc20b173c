import { Button, Card, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FactInput } from '../../../../src/domain/registration/form';
import { useLang } from '../../i18n';
import { KIND_FIELDS, KIND_INFO, type FactKind, type FieldSpec } from '../../pages/household/factFields';

type Value = FactInput[string];

/** One field of a fact's value (the labels of the household page's fact form). */
function FactField(props: {
  spec: FieldSpec;
  value: Value | undefined;
  onChange: (v: Value) => void;
  error?: string | undefined;
  testId: string;
}) {
  const lang = useLang();
  const { spec } = props;
  let input;
  if (spec.type === 'bool')
    input = (
      <Switch checked={props.value === true} onChange={(v) => props.onChange(v)} data-testid={props.testId} />
    );
  else if (spec.type === 'code')
    input = (
      <Select
        allowClear
        value={typeof props.value === 'string' ? props.value : undefined}
        onChange={(v: string | undefined) => props.onChange(v ?? null)}
        options={(spec.choices ?? []).map((c) => ({ value: c.code, label: lang === 'en' ? c.en : c.zh }))}
        data-testid={props.testId}
      />
    );
  else if (spec.type === 'date' || spec.type === 'month' || spec.type === 'text')
    input = (
      <Input
        value={typeof props.value === 'string' ? props.value : ''}
        placeholder={spec.type === 'date' ? 'YYYY-MM-DD' : undefined}
        onChange={(e) => props.onChange(e.target.value.trim() || null)}
        data-testid={props.testId}
      />
    );
  else
    input = (
      <InputNumber
        style={{ width: '100%' }}
        value={typeof props.value === 'number' ? props.value : null}
        onChange={(v) => props.onChange(v ?? null)}
        inputMode="decimal"
        data-testid={props.testId}
      />
    );
  return (
    <Form.Item
      label={lang === 'en' ? spec.en : spec.zh}
      validateStatus={props.error ? 'error' : undefined}
      help={props.error}
      style={{ marginBottom: 8 }}
    >
      {input}
    </Form.Item>
  );
}

/**
 * A fact of a kind on the registration form (a member's schooling, insurance or disability, or a
 * rigid spending): off until the cadre adds it, then its fields; the server checks it as the facts
 * API does and its errors show under the fields (`errorOf(place.field)`).
 */
export function FactInputs(props: {
  kind: FactKind;
  value: FactInput | null | undefined;
  onChange: (v: FactInput | null) => void;
  place: string;
  errorOf: (field: string) => string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = lang === 'en' ? KIND_INFO[props.kind].en : KIND_INFO[props.kind].zh;
  if (!props.value)
    return (
      <Button
        size="small"
        style={{ marginInlineEnd: 8, marginBottom: 8 }}
        onClick={() =>
          props.onChange(props.kind === 'insurance' ? { basicMedical: false, criticalIllness: false } : {})
        }
        data-testid={`${props.testId}-add`}
      >
        {t('registration.addFact', { kind: label })}
      </Button>
    );
  const value = props.value;
  return (
    <Card
      size="small"
      type="inner"
      title={label}
      style={{ marginBottom: 8 }}
      extra={
        <Button size="small" type="link" danger onClick={() => props.onChange(null)}>
          {t('registration.removeFact')}
        </Button>
      }
    >
      {KIND_FIELDS[props.kind].map((spec) => {
        const key = spec.path.join('.');
        return (
          <FactField
            key={key}
            spec={spec}
            value={value[key]}
            onChange={(v) => props.onChange({ ...value, [key]: v })}
            error={props.errorOf(`${props.place}.${key}`) ?? props.errorOf(props.place)}
            testId={`${props.testId}-${key}`}
          />
        );
      })}
    </Card>
  );
}
