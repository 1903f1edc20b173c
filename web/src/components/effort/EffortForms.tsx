import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { effortPaths, useEffortWrite } from '../../api/effort';
import { errorMessage } from '../ErrorResult';
import { useLang } from '../../i18n';
import { placeServerErrors } from './serverFieldErrors';

/** A member the forms offer by name (never by id). */
export interface EffortMember {
  id: string;
  name: string;
  relation?: string;
}

type Kind = 'employment' | 'training' | 'commitment';
const SOURCES = ['home_visit', 'self_report', 'department_list', 'document'] as const;
const REACH = ['local', 'county', 'province', 'out_of_province'] as const;
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/**
 * Entry forms of the household's own effort (cadre side): a member's employment (where, months,
 * income), skills training, a commitment written into the plan. Members are picked by name; each
 * refused field is named under it in the user's language, and the whole answer above the buttons.
 */
export function EffortEntryButton(props: { kind: Kind; householdId: string; members: EffortMember[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const label =
    props.kind === 'employment'
      ? t('effort.addEmployment')
      : props.kind === 'training'
        ? t('effort.addTraining')
        : t('effort.addCommitment');
  return (
    <>
      <Button
        size="small"
        type="primary"
        onClick={() => setOpen(true)}
        data-testid={`effort-add-${props.kind}`}
      >
        {label}
      </Button>
      {open && <EffortEntryModal {...props} title={label} onClose={() => setOpen(false)} />}
    </>
  );
}

const FIELDS: Record<Kind, readonly string[]> = {
  employment: ['memberId', 'year', 'place', 'employer', 'reach', 'months', 'income', 'observedOn', 'source'],
  training: ['memberId', 'course', 'organiser', 'startedOn', 'endedOn', 'certificate', 'source'],
  commitment: ['text', 'dueOn'],
};

type Values = Record<string, unknown> & {
  observedOn?: Dayjs;
  startedOn?: Dayjs;
  endedOn?: Dayjs;
  dueOn?: Dayjs;
  period?: [Dayjs, Dayjs];
};

function bodyOf(kind: Kind, v: Values) {
  if (kind === 'employment')
    return {
      memberId: v.memberId,
      year: v.year,
      place: v.place,
      employer: v.employer || null,
      reach: v.reach,
      months: v.months,
      income: v.income,
      observedOn: day(v.observedOn),
      source: v.source,
    };
  if (kind === 'training')
    return {
      memberId: v.memberId,
      course: v.course,
      organiser: v.organiser,
      startedOn: day(v.startedOn),
      endedOn: day(v.endedOn),
      certificate: v.certificate || null,
      source: v.source,
    };
  return { text: v.text, dueOn: day(v.dueOn) ?? null };
}

function EffortEntryModal(props: {
  kind: Kind;
  householdId: string;
  members: EffortMember[];
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const path = props.kind === 'commitment' ? 'commitments' : props.kind;
  const save = useEffortWrite<{ id: string }>((b) => `${effortPaths.household(b.id)}/${path}`);
  const need = (field: string) => ({
    required: true,
    message: t('effort.form.required', { field: t(`effort.form.label.${field}` as never) }),
  });
  const label = (field: string) => t(`effort.form.label.${field}` as never);
  const onFinish = (v: Values) =>
    save.mutate(
      { id: props.householdId, body: bodyOf(props.kind, v) },
      {
        onSuccess: () => {
          void message.success(t('effort.saved'));
          props.onClose();
        },
        onError: (e) => placeServerErrors(form, FIELDS[props.kind], e, lang === 'en'),
      },
    );
  const memberPicker = (
    <Form.Item name="memberId" label={label('memberId')} rules={[need('memberId')]}>
      <Select
        data-testid="effort-member"
        placeholder={t('effort.form.pickMember')}
        options={props.members.map((m) => ({ value: m.id, label: m.name }))}
      />
    </Form.Item>
  );
  const source = (
    <Form.Item name="source" label={label('source')} rules={[need('source')]} initialValue="home_visit">
      <Select options={SOURCES.map((s) => ({ value: s, label: t(`effort.form.sourceOf.${s}` as never) }))} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('effort.form.save')}
      cancelText={t('effort.form.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid={`effort-form-${props.kind}`}
      >
        {props.kind === 'employment' && (
          <>
            {memberPicker}
            <Form.Item name="year" label={label('year')} rules={[need('year')]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="place" label={label('place')} rules={[need('place')]}>
              <Input maxLength={200} data-testid="effort-place" />
            </Form.Item>
            <Form.Item name="employer" label={label('employer')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="reach" label={label('reach')} rules={[need('reach')]}>
              <Select
                data-testid="effort-reach"
                options={REACH.map((r) => ({ value: r, label: t(`effort.reachOf.${r}` as never) }))}
              />
            </Form.Item>
            <Form.Item
              name="months"
              label={label('months')}
              rules={[need('months'), { type: 'integer', min: 0, max: 12, message: t('effort.form.months') }]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="effort-months" />
            </Form.Item>
            <Form.Item
              name="income"
              label={label('income')}
              rules={[need('income'), { type: 'number', min: 0, message: t('effort.form.income') }]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="effort-income" />
            </Form.Item>
            <Form.Item name="observedOn" label={label('observedOn')} rules={[need('observedOn')]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            {source}
          </>
        )}
        {props.kind === 'training' && (
          <>
            {memberPicker}
            <Form.Item name="course" label={label('course')} rules={[need('course')]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="organiser" label={label('organiser')} rules={[need('organiser')]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="startedOn" label={label('startedOn')} rules={[need('startedOn')]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="endedOn"
              label={label('endedOn')}
              dependencies={['startedOn']}
              rules={[
                need('endedOn'),
                ({ getFieldValue }) => ({
                  validator: (_r, v: Dayjs | undefined) => {
                    const start = getFieldValue('startedOn') as Dayjs | undefined;
                    return !v || !start || !v.isBefore(start, 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('effort.form.endBeforeStart')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="certificate" label={label('certificate')}>
              <Input maxLength={200} />
            </Form.Item>
            {source}
          </>
        )}
        {props.kind === 'commitment' && (
          <>
            <Form.Item
              name="text"
              label={label('text')}
              rules={[need('text'), { min: 2, max: 500, message: t('effort.form.textLength') }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="effort-commitment-text" />
            </Form.Item>
            <Form.Item name="dueOn" label={label('dueOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        {save.isError && (
          <Alert type="error" showIcon title={errorMessage(save.error)} data-testid="effort-form-error" />
        )}
      </Form>
    </Modal>
  );
}
