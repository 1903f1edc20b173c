import { useRef, useState } from 'react';
import { App, Button, Card, Flex, Form, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  useDraftActions,
  type CheckResult,
  type Draft,
  type FactInput,
  type RegistrationForm,
  type SubmitResult,
} from '../../api/registration';
import { api, isApiError, NETWORK_ERROR } from '../../api/client';
import { useUser } from '../../api/auth';
import { useLang } from '../../i18n';
import { draftSummary, queueDraftSave } from '../../offline/drafts';
import { flushOutbox } from '../../offline/outbox';
import { MEMBER_FACT_KINDS } from '../../../../src/domain/registration/form';
import { FactInputs } from './FactInputs';
import { CheckView, Done } from './CheckView';
import { FormField, type FieldKey } from './fields';

type Part = 'household' | 'income';
const STEP_KEYS = ['household', 'members', 'income', 'conditions', 'check'] as const;

/**
 * The 农户信息采集表 in steps (household → members → income → conditions → check → submit). The
 * draft is saved on every step change; the check and the errors are the server's — the import's.
 */
export function RegistrationSteps({ draft, onDone }: { draft: Draft; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const user = useUser();
  const actions = useDraftActions();
  const [form, setForm] = useState<RegistrationForm>(draft.payload);
  const [version, setVersion] = useState(draft.version);
  const [step, setStep] = useState(0);
  const [checked, setChecked] = useState<CheckResult | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [done, setDone] = useState<SubmitResult | null>(null);
  // saves kept on the device while offline: sent by the outbox, after which the version is read again
  const onDevice = useRef(false);
  const errorOf = (field: string) => {
    const e = checked?.errors.find((x) => x.field === field);
    return e && (lang === 'en' ? e.message : e.messageZh);
  };

  /** Save on the device (no network): one waiting save per draft, on the version read. */
  const keep = async () => {
    await queueDraftSave(
      user.username,
      { id: draft.id, version },
      form,
      t('registration.draftLabel', { summary: draftSummary(form, lang === 'en' ? 'en' : 'zh') }),
    );
    onDevice.current = true;
    return null;
  };
  const save = async (): Promise<number | null> => {
    if (!navigator.onLine) return keep();
    let base = version;
    if (onDevice.current) {
      // the saves kept offline go first; then the draft's version as the server has it
      await flushOutbox(user.username);
      base = (await api<Draft>(`/api/registrations/${encodeURIComponent(draft.id)}`)).version;
      onDevice.current = false;
    }
    try {
      const d = await actions.save.mutateAsync({ id: draft.id, version: base, payload: form });
      setVersion(d.version);
      return d.version;
    } catch (e) {
      if (isApiError(e) && e.code === NETWORK_ERROR) return keep();
      throw e;
    }
  };
  const saveNow = async () => {
    const v = await save();
    void message.success(v === null ? t('registration.savedOnDevice') : t('registration.saved'));
  };
  const go = async (to: number) => {
    const v = await save();
    if (to === 4) {
      if (v === null) return void message.warning(t('registration.checkNeedsNetwork'));
      setChecked(await actions.check.mutateAsync(draft.id));
      setConfirmed(false);
    }
    setStep(to);
  };
  const submit = async () => {
    try {
      const v = await save();
      if (v === null) return void message.warning(t('registration.checkNeedsNetwork'));
      setDone(
        await actions.submit.mutateAsync({
          id: draft.id,
          version: v,
          ...(confirmed && { confirmNearDuplicates: true }),
        }),
      );
    } catch (e) {
      const errors = isApiError(e)
        ? (e.details as { errors?: CheckResult['errors'] } | undefined)?.errors
        : undefined;
      if (errors)
        setChecked({
          ok: false,
          errors,
          redLines: checked?.redLines ?? [],
          nearDuplicates: checked?.nearDuplicates ?? [],
        });
      else void message.error(isApiError(e) ? e.message : String(e));
    }
  };
  const setPart = (part: Part, key: string, v: RegistrationForm['household'][string]) =>
    setForm((f) => ({ ...f, [part]: { ...f[part], [key]: v } }));

  if (done) return <Done done={done} onDone={onDone} />;
  const field = (part: Part, name: FieldKey, kind?: Parameters<typeof FormField>[0]['kind']) => (
    <FormField
      name={name}
      value={form[part][name]}
      onChange={(v) => setPart(part, name, v)}
      error={errorOf(`${part}.${name}`)}
      kind={kind}
      testId={`reg-${name}`}
    />
  );
  return (
    <Card data-testid="registration-form">
      <Steps
        current={step}
        size="small"
        direction="horizontal"
        responsive={false}
        items={STEP_KEYS.map((k) => ({
          title: <span style={{ fontSize: 12 }}>{t(`registration.steps.${k}`)}</span>,
        }))}
        style={{ marginBottom: 16 }}
      />
      <Form layout="vertical">
        {step === 0 && (
          <>
            {field('household', 'address')}
            {field('household', 'group_no', 'number')}
            {field('household', 'phone')}
            {field('household', 'household_type', { list: 'household_type' })}
            {field('household', 'main_cause', { list: 'poverty_cause' })}
          </>
        )}
        {step === 1 && <Members form={form} setForm={setForm} errorOf={errorOf} />}
        {step === 2 && (
          <>
            {field('income', 'year', 'number')}
            {field('income', 'wage_income', 'number')}
            {field('income', 'business_income', 'number')}
            {field('income', 'property_income', 'number')}
            {field('income', 'transfer_income', 'number')}
            {field('income', 'production_cost', 'number')}
          </>
        )}
        {step === 3 && <Conditions form={form} setForm={setForm} field={field} errorOf={errorOf} />}
        {step === 4 && checked && (
          <CheckView checked={checked} goTo={setStep} confirmed={confirmed} setConfirmed={setConfirmed} />
        )}
      </Form>
      <Flex gap={8} wrap justify="space-between" style={{ marginTop: 16 }}>
        <Button disabled={step === 0} onClick={() => void go(step - 1)} data-testid="reg-prev">
          {t('registration.prev')}
        </Button>
        <Button onClick={() => void saveNow()} data-testid="reg-save">
          {t('registration.save')}
        </Button>
        {step < 4 ? (
          <Button
            type="primary"
            onClick={() => void go(step + 1)}
            loading={actions.check.isPending}
            data-testid="reg-next"
          >
            {step === 3 ? t('registration.check') : t('registration.next')}
          </Button>
        ) : (
          <Button
            type="primary"
            disabled={!checked?.ok || (checked.nearDuplicates.length > 0 && !confirmed)}
            loading={actions.submit.isPending}
            onClick={() => void submit()}
            data-testid="reg-submit"
          >
            {t('registration.submit')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

function Members(props: {
  form: RegistrationForm;
  setForm: (f: (old: RegistrationForm) => RegistrationForm) => void;
  errorOf: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = (i: number, key: string, v: RegistrationForm['household'][string]) =>
    props.setForm((f) => ({ ...f, members: f.members.map((m, j) => (j === i ? { ...m, [key]: v } : m)) }));
  const setFact = (i: number, kind: (typeof MEMBER_FACT_KINDS)[number], v: FactInput | null) =>
    props.setForm((f) => {
      const list = [...(f.facts.members ?? [])];
      while (list.length <= i) list.push(null);
      list[i] = { ...(list[i] ?? {}), [kind]: v };
      return { ...f, facts: { ...f.facts, members: list } };
    });
  // a member removed takes their facts along (the facts stay by the member's place)
  const remove = (i: number) =>
    props.setForm((f) => ({
      ...f,
      members: f.members.filter((_, j) => j !== i),
      facts: { ...f.facts, members: (f.facts.members ?? []).filter((_, j) => j !== i) },
    }));
  return (
    <>
      {props.form.members.map((m, i) => (
        <Card
          key={i}
          size="small"
          title={t('registration.member', { n: i + 1 })}
          style={{ marginBottom: 12 }}
          data-testid={`reg-member-${i}`}
          extra={
            props.form.members.length > 1 && (
              <Button size="small" danger type="link" onClick={() => remove(i)}>
                {t('registration.removeMember')}
              </Button>
            )
          }
        >
          {(['name', 'id_number'] as const).map((k) => (
            <FormField
              key={k}
              name={k}
              value={m[k]}
              onChange={(v) => set(i, k, v)}
              error={props.errorOf(`members.${i}.${k}`)}
              testId={`reg-${k}-${i}`}
            />
          ))}
          {(['relation', 'health', 'labour_capacity'] as const).map((k) => (
            <FormField
              key={k}
              name={k}
              value={m[k]}
              onChange={(v) => set(i, k, v)}
              error={props.errorOf(`members.${i}.${k}`)}
              kind={{ list: k }}
              testId={`reg-${k}-${i}`}
            />
          ))}
          {MEMBER_FACT_KINDS.map((kind) => (
            <FactInputs
              key={kind}
              kind={kind}
              value={props.form.facts.members?.[i]?.[kind]}
              onChange={(v) => setFact(i, kind, v)}
              place={`facts.members.${i}.${kind}`}
              errorOf={props.errorOf}
              testId={`reg-fact-${kind}-${i}`}
            />
          ))}
        </Card>
      ))}
      <Button
        block
        onClick={() => props.setForm((f) => ({ ...f, members: [...f.members, {}] }))}
        data-testid="reg-add-member"
      >
        {t('registration.addMember')}
      </Button>
    </>
  );
}

function Conditions(props: {
  form: RegistrationForm;
  setForm: (f: (old: RegistrationForm) => RegistrationForm) => void;
  errorOf: (field: string) => string | undefined;
  field: (part: Part, name: FieldKey, kind?: Parameters<typeof FormField>[0]['kind']) => React.ReactNode;
}) {
  const setFact = (k: keyof RegistrationForm['facts'], v: unknown) =>
    props.setForm((f) => ({ ...f, facts: { ...f.facts, [k]: v } }));
  const facts = props.form.facts;
  return (
    <>
      {props.field('household', 'house_grade', { list: 'house_grade' })}
      {props.field('household', 'house_area_m2', 'number')}
      {props.field('household', 'safe_water', 'bool')}
      {props.field('household', 'sanitary_toilet', 'bool')}
      {props.field('household', 'land_cultivated_mu', 'number')}
      <FormField
        name="foodClothingSecure"
        value={facts.foodClothingSecure ?? null}
        onChange={(v) => setFact('foodClothingSecure', v === true)}
        kind="bool"
        testId="reg-foodClothingSecure"
      />
      {(['declaredVehicles', 'declaredHouses'] as const).map((k) => (
        <FormField
          key={k}
          name={k}
          value={facts[k] ?? null}
          onChange={(v) => setFact(k, typeof v === 'number' ? v : null)}
          kind="number"
          testId={`reg-${k}`}
        />
      ))}
      {[...(facts.spending ?? []), null].map((v, i) => (
        <FactInputs
          key={i}
          kind="rigid_spending"
          value={v}
          onChange={(next) =>
            setFact(
              'spending',
              next === null
                ? (facts.spending ?? []).filter((_, j) => j !== i)
                : Object.assign([...(facts.spending ?? [])], { [i]: next }),
            )
          }
          place={`facts.spending.${i}`}
          errorOf={props.errorOf}
          testId={`reg-spending-${i}`}
        />
      ))}
    </>
  );
}
