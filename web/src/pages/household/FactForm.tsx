import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/ErrorResult';
import { useLang } from '../../i18n';
import { useRecordFact, type Fact, type FactBody } from './factsApi';
import {
  FACT_KINDS,
  FACT_SOURCES,
  KIND_FIELDS,
  KIND_INFO,
  SOURCE_LABELS,
  valueOf,
  type FactKind,
  type FieldSpec,
} from './factFields';
import { todayChina } from '../../i18n/format';

interface Props {
  householdId: string;
  members: readonly { id: string; name: string | null }[];
  /** The fact corrected (its kind and member kept), or null to record a new one. */
  correcting: Fact | null;
  onClose: () => void;
}

const toIso = (d: unknown, month = false) =>
  dayjs.isDayjs(d) ? (d as Dayjs).format(month ? 'YYYY-MM' : 'YYYY-MM-DD') : d;

/** One field's control; Form.Item hands it `value`/`checked` and `onChange`, passed on to the control. */
function FieldInput({
  spec,
  lang,
  ...control
}: { spec: FieldSpec; lang: 'zh' | 'en' } & Record<string, unknown>) {
  switch (spec.type) {
    case 'bool':
      return <Switch {...control} />;
    case 'money':
    case 'number':
      return <InputNumber min={0} style={{ width: '100%' }} {...control} />;
    case 'int':
      return <InputNumber min={0} precision={0} style={{ width: '100%' }} {...control} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} {...control} />;
    case 'month':
      return <Input placeholder="YYYY-MM" maxLength={7} {...control} />;
    case 'grade':
      return <Select options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))} {...control} />;
    case 'code':
      return (
        <Select options={(spec.choices ?? []).map((c) => ({ value: c.code, label: c[lang] }))} {...control} />
      );
    default:
      return <Input maxLength={200} {...control} />;
  }
}

/** Record a fact of a household, or correct one: a form per kind (docs/facts.md). */
export function FactForm({ householdId, members, correcting, onClose }: Props) {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<FactKind>((correcting?.kind as FactKind | undefined) ?? 'income_month');
  const record = useRecordFact(householdId);
  const info = KIND_INFO[kind];

  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const raw = structuredClone(v.value ?? {}) as Record<string, unknown>;
    for (const s of KIND_FIELDS[kind]) {
      let o = raw;
      for (const k of s.path.slice(0, -1)) o = (o[k] ?? {}) as Record<string, unknown>;
      const last = s.path[s.path.length - 1]!;
      if (o[last] !== undefined) o[last] = toIso(o[last], s.type === 'month');
    }
    const body: FactBody = {
      kind,
      memberId: info.of === 'member' ? (v.memberId as string) : null,
      observedOn: kind === 'income_month' ? undefined : (toIso(v.observedOn) as string),
      source: v.source as FactBody['source'],
      sourceRef: (v.sourceRef as string | undefined) || null,
      value: valueOf(kind, raw),
      note: (v.note as string | undefined) || undefined,
    };
    const saved = await record.mutateAsync({ body, correcting: correcting?.id ?? null });
    void message.success(saved.state === 'proposed' ? t('facts.proposed') : t('facts.saved'));
    onClose();
  };

  return (
    <Drawer
      open
      size={640}
      destroyOnHidden
      title={correcting ? t('facts.correct') : t('facts.record')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('facts.cancel')}</Button>
          <Button
            type="primary"
            loading={record.isPending}
            onClick={() => void submit().catch(() => {})}
            data-testid="fact-save"
          >
            {t('facts.save')}
          </Button>
        </Space>
      }
      data-testid="fact-form"
    >
      {record.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(record.error)}
          style={{ marginBottom: 12 }}
          data-testid="fact-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'home_visit', observedOn: dayjs(todayChina()) }}
      >
        <Form.Item label={t('facts.kind')}>
          <Select
            value={kind}
            disabled={correcting !== null}
            onChange={(k: FactKind) => {
              setKind(k);
              form.setFieldValue('value', {});
            }}
            options={FACT_KINDS.map((k) => ({ value: k, label: KIND_INFO[k][lang] }))}
            data-testid="fact-kind"
          />
        </Form.Item>
        {info.of === 'member' && (
          <Form.Item
            name="memberId"
            label={t('facts.member')}
            rules={[{ required: true }]}
            initialValue={correcting?.memberId ?? undefined}
          >
            <Select
              disabled={correcting !== null}
              options={members.map((m) => ({ value: m.id, label: m.name ?? m.id }))}
            />
          </Form.Item>
        )}
        {kind !== 'income_month' && (
          <Form.Item name="observedOn" label={t('facts.observedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        {KIND_FIELDS[kind].map((s) => (
          <Form.Item
            key={s.path.join('.')}
            name={['value', ...s.path]}
            label={s[lang]}
            valuePropName={s.type === 'bool' ? 'checked' : 'value'}
            rules={[
              ...(s.optional || s.type === 'bool' ? [] : [{ required: true }]),
              ...(s.type === 'month' ? [{ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'YYYY-MM' }] : []),
            ]}
            data-testid={`fact-field-${s.path.join('.')}`}
          >
            <FieldInput spec={s} lang={lang} />
          </Form.Item>
        ))}
        <Form.Item name="source" label={t('facts.source')} rules={[{ required: true }]}>
          <Select
            options={FACT_SOURCES.filter((s) => s !== 'demo').map((s) => ({
              value: s,
              label: SOURCE_LABELS[s][lang],
            }))}
          />
        </Form.Item>
        <Form.Item name="sourceRef" label={t('facts.sourceRef')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('facts.note')}
          rules={correcting ? [{ required: true, min: 2, message: t('facts.noteRequired') }] : []}
        >
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
