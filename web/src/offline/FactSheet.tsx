import { useState } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../i18n';
import { todayChina } from '../i18n/format';
import {
  FACT_KINDS,
  KIND_FIELDS,
  KIND_INFO,
  valueOf,
  type FactKind,
  type FieldSpec,
} from '../pages/household/factFields';
import { enqueue } from './outbox';
import type { CachedFact, CachedHousehold } from './store';

/**
 * What makes two facts of a kind the same record (mirrors `subjectOf` in src/domain/facts/kinds.ts):
 * an income month its month, a spending its category and start, and so on.
 */
export function subjectOf(kind: FactKind, v: Record<string, unknown>): string {
  const s = (k: string) => (v[k] === undefined || v[k] === null ? '' : String(v[k]));
  switch (kind) {
    case 'income_month':
      return s('month');
    case 'rigid_spending':
      return `${s('category')}:${s('periodFrom')}`;
    case 'risk':
      return s('code');
    case 'shock':
      return `${s('category')}:${s('date')}`;
    case 'legal_supporter':
      return `${s('relation')}:${s('supporterName')}`;
    default:
      return '';
  }
}

/** The fact a new one follows: the newest standing (proposed or confirmed) of the same kind, member and subject. */
export function baseFact(
  facts: readonly CachedFact[],
  kind: FactKind,
  memberId: string | null,
  subject: string,
): CachedFact | null {
  return facts
    .filter((f) => f.kind === kind && f.memberId === memberId && f.subject === subject)
    .filter((f) => f.state === 'confirmed' || f.state === 'proposed')
    .reduce<CachedFact | null>((a, f) => (!a || BigInt(f.id) > BigInt(a.id) ? f : a), null);
}

function Control({ spec, lang, ...rest }: { spec: FieldSpec; lang: 'zh' | 'en' } & Record<string, unknown>) {
  if (spec.type === 'bool') return <Switch {...rest} />;
  if (['money', 'number', 'int'].includes(spec.type))
    return (
      <InputNumber min={0} precision={spec.type === 'int' ? 0 : 2} style={{ width: '100%' }} {...rest} />
    );
  if (spec.type === 'grade' || spec.type === 'code') {
    const choices = spec.type === 'grade' ? ['A', 'B', 'C', 'D'].map((g) => ({ code: g, zh: g, en: g })) : [];
    return (
      <Select options={(spec.choices ?? choices).map((c) => ({ value: c.code, label: c[lang] }))} {...rest} />
    );
  }
  if (spec.type === 'date') return <Input type="date" {...rest} />;
  return <Input maxLength={200} placeholder={spec.type === 'month' ? 'YYYY-MM' : undefined} {...rest} />;
}

/**
 * A fact update recorded on the device (a proposal where the county asks for confirmation), naming the
 * fact it was based on (`basedOn`): if a newer one was recorded meanwhile the server answers 409 with it
 * and the cadre resolves it side by side (docs/offline.md).
 */
export function FactSheet({ owner, h, onDone }: { owner: string; h: CachedHousehold; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang() === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<FactKind>('drinking_water');
  const info = KIND_INFO[kind];
  const members = h.record?.members ?? [];
  const name = h.summary.headName ?? h.summary.householdNo;

  const save = async (v: Record<string, unknown>) => {
    const value = valueOf(kind, (v.value ?? {}) as Record<string, unknown>);
    const memberId = info.of === 'member' ? String(v.memberId) : null;
    const base = baseFact(h.facts ?? [], kind, memberId, subjectOf(kind, value));
    await enqueue(owner, {
      kind: 'fact',
      householdId: h.id,
      label: t('offline.factOf', { name, kind: info[lang] }),
      method: 'POST',
      path: `/api/households/${encodeURIComponent(h.id)}/facts`,
      body: {
        kind,
        memberId,
        ...(kind === 'income_month' ? {} : { observedOn: v.observedOn }),
        source: 'home_visit',
        value,
        basedOn: base?.id ?? null,
      },
      baseVersion: null,
    });
    void message.success(t('offline.saved'));
    onDone();
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => void save(v)}
      initialValues={{ observedOn: todayChina() }}
    >
      <Form.Item label={t('offline.factKind')}>
        <Select
          value={kind}
          onChange={(k: FactKind) => {
            setKind(k);
            form.setFieldValue('value', {});
          }}
          options={FACT_KINDS.map((k) => ({ value: k, label: KIND_INFO[k][lang] }))}
          data-testid="field-fact-kind"
        />
      </Form.Item>
      {info.of === 'member' && (
        <Form.Item name="memberId" label={t('offline.member')} rules={[{ required: true }]}>
          <Select options={members.map((m) => ({ value: m.id, label: m.name ?? m.id }))} />
        </Form.Item>
      )}
      {kind !== 'income_month' && (
        <Form.Item name="observedOn" label={t('offline.observedOn')} rules={[{ required: true }]}>
          <Input type="date" max={todayChina()} data-testid="field-fact-date" />
        </Form.Item>
      )}
      {KIND_FIELDS[kind].map((s) => (
        <Form.Item
          key={s.path.join('.')}
          name={['value', ...s.path]}
          label={s[lang]}
          valuePropName={s.type === 'bool' ? 'checked' : 'value'}
          rules={s.optional || s.type === 'bool' ? [] : [{ required: true }]}
          data-testid={`field-fact-${s.path.join('.')}`}
        >
          <Control spec={s} lang={lang} />
        </Form.Item>
      ))}
      <Flex justify="end">
        <Button type="primary" htmlType="submit" data-testid="field-fact-save">
          {t('offline.save')}
        </Button>
      </Flex>
    </Form>
  );
}
