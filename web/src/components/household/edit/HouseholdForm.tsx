import { useState } from 'react';
import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { editRequests } from '../../../api/householdEdit';
import type { HouseholdRecord } from '../../../api/households';
import { changedValues, FieldItems, HOUSEHOLD_FORM } from './fields';
import type { EditSubmit } from './useEditSubmit';

const NAMES = HOUSEHOLD_FORM.map((d) => d.name);
/** Shown masked to those who may not see them: left empty in the form, sent only when typed anew. */
const MASKED_FIELDS = ['phone', 'bankAccount'] as const;

export function ReasonItem({ required }: { required: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="reason"
      label={required ? t('edit.reason') : t('edit.reasonOptional')}
      rules={
        required ? [{ required: true, whitespace: true, min: 2, message: t('edit.reasonRequired') }] : []
      }
    >
      <Input.TextArea
        rows={2}
        maxLength={500}
        placeholder={t('edit.reasonPlaceholder')}
        data-testid="edit-reason"
      />
    </Form.Item>
  );
}

export function SaveButton({ pending }: { pending: boolean }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" htmlType="submit" loading={pending} data-testid="edit-save">
      {t('edit.save')}
    </Button>
  );
}

/** The household's own fields as the user saw them when the form opened (masked ones left empty). */
function baselineOf(record: HouseholdRecord, t: (k: 'edit.maskedKeep', o: { value: string }) => string) {
  const h = record.household as unknown as Record<string, unknown>;
  const initial: Record<string, unknown> = { ...h };
  const placeholders: Record<string, string | undefined> = {};
  if (record.masked)
    for (const k of MASKED_FIELDS) {
      initial[k] = undefined;
      placeholders[k] = h[k] ? t('edit.maskedKeep', { value: String(h[k]) }) : undefined;
    }
  return { initial, placeholders };
}

/**
 * The household's own fields. Only what the user changed from what they saw is sent, so saving again
 * after a conflict never undoes someone else's change to a field the user did not touch.
 */
export function HouseholdForm({ record, edit }: { record: HouseholdRecord; edit: EditSubmit }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [{ initial, placeholders }, setBaseline] = useState(() => baselineOf(record, t));

  const onFinish = async (values: Record<string, unknown>) => {
    const changed = changedValues(NAMES, initial, values);
    if (record.masked) for (const k of MASKED_FIELDS) if (changed[k] === null) delete changed[k];
    if (Object.keys(changed).length === 0) return void message.info(t('edit.noChange'));
    const reason =
      typeof values.reason === 'string' && values.reason.trim() ? values.reason.trim() : undefined;
    const done = await edit.submit(
      (version) => editRequests.household({ ...changed, version, reason }),
      form,
    );
    if (done) {
      setBaseline({ initial: { ...initial, ...changed }, placeholders });
      form.setFieldValue('reason', undefined);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      data-testid="edit-household-form"
    >
      <FieldItems defs={HOUSEHOLD_FORM} placeholders={placeholders} />
      <ReasonItem required={false} />
      <SaveButton pending={edit.pending} />
    </Form>
  );
}
