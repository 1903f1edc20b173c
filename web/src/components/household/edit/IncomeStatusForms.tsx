import { useState } from 'react';
import { Alert, Form, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLabel, useCodeOptions } from '../../../api/codeLists';
import { editRequests } from '../../../api/householdEdit';
import type { HouseholdRecord } from '../../../api/households';
import { FieldItems, INCOME_FORM } from './fields';
import { ReasonItem, SaveButton } from './HouseholdForm';
import type { EditSubmit } from './useEditSubmit';
import { thisYearChina, todayChina } from '../../../i18n/format';
import { DateField } from '../../pickers/DateField';

/** Years offered: those on record, and the year after the latest (or this year) to add a new one. */
function yearChoices(record: HouseholdRecord): { years: number[]; fresh: number } {
  const years = record.years.map((y) => y.year).sort((a, b) => b - a);
  const fresh = years.length ? years[0]! + 1 : thisYearChina();
  return { years, fresh };
}

/** The income of one year: every component (the server computes net and per-capita income); reason required. */
export function IncomeForm({ record, edit }: { record: HouseholdRecord; edit: EditSubmit }) {
  const { t } = useTranslation();
  const { years, fresh } = yearChoices(record);
  const [year, setYear] = useState(years[0] ?? fresh);
  const options = [
    ...years.map((y) => ({ value: y, label: t('common.yearValue', { year: y }) })),
    { value: fresh, label: t('edit.incomeNew', { year: fresh }) },
  ];
  return (
    <>
      <Form.Item label={t('edit.incomeYear')}>
        <Select
          value={year}
          options={options}
          onChange={setYear}
          data-testid="edit-income-year"
          style={{ maxWidth: 200 }}
        />
      </Form.Item>
      <IncomeYearForm key={year} record={record} year={year} edit={edit} />
    </>
  );
}

function IncomeYearForm({ record, year, edit }: { record: HouseholdRecord; year: number; edit: EditSubmit }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [initial] = useState(() => {
    const row = record.years.find((y) => y.year === year);
    return Object.fromEntries(INCOME_FORM.map((d) => [d.name, row ? row[d.name as keyof typeof row] : 0]));
  });
  const onFinish = async (values: Record<string, unknown>) => {
    const body = Object.fromEntries(INCOME_FORM.map((d) => [d.name, Number(values[d.name] ?? 0)]));
    await edit.submit(
      (version) =>
        editRequests.year(year, {
          ...body,
          ...(typeof values.size === 'number' && { size: values.size }),
          version,
          reason: String(values.reason).trim(),
        }),
      form,
    );
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      data-testid="edit-income-form"
    >
      <FieldItems defs={INCOME_FORM} />
      <Form.Item name="size" label={t('edit.incomeSize')} extra={t('edit.incomeSizeHint')}>
        <InputNumber min={1} max={99} data-testid="edit-field-size" />
      </Form.Item>
      <ReasonItem required />
      <SaveButton pending={edit.pending} />
    </Form>
  );
}

/** Status change (township officers and above): new status, date, reason. */
export function StatusForm({ record, edit }: { record: HouseholdRecord; edit: EditSubmit }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const [form] = Form.useForm();
  const statuses = useCodeOptions('household_status').filter((o) => o.value !== record.household.status);
  const today = todayChina();
  const onFinish = async (values: { status: string; changedOn?: string; reason: string }) => {
    const done = await edit.submit(
      (version) =>
        editRequests.status({
          version,
          status: values.status,
          changedOn: values.changedOn || undefined,
          reason: values.reason.trim(),
        }),
      form,
    );
    if (done) form.resetFields();
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ changedOn: today }}
      onFinish={onFinish}
      data-testid="edit-status-form"
    >
      <Typography.Paragraph>
        {t('edit.statusCurrent', { status: label('household_status', record.household.status) })}
      </Typography.Paragraph>
      <Alert type="info" showIcon title={t('edit.statusHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="status" label={t('edit.statusNew')} rules={[{ required: true }]}>
        <Select options={statuses} data-testid="edit-field-status" />
      </Form.Item>
      <Form.Item name="changedOn" label={t('edit.statusChangedOn')}>
        <DateField max={today} testId="edit-field-changedOn" />
      </Form.Item>
      <ReasonItem required />
      <SaveButton pending={edit.pending} />
    </Form>
  );
}
