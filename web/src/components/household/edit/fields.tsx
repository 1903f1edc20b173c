import { Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeOptions, type CodeListName } from '../../../api/codeLists';

/** How a field is entered. The server checks values as an import does; these only guide input. */
export type FieldKind =
  | { kind: 'text'; max: number }
  | { kind: 'number'; min: number; max: number; step?: number }
  | { kind: 'code'; list: CodeListName; required?: boolean }
  | { kind: 'codes'; list: CodeListName }
  | { kind: 'bool' };

export interface FieldDef {
  name: string;
  /** i18n key of the label. */
  label: string;
  input: FieldKind;
}

const text = (max: number): FieldKind => ({ kind: 'text', max });
const num = (min: number, max: number, step = 1): FieldKind => ({ kind: 'number', min, max, step });
const code = (list: CodeListName, required = false): FieldKind => ({ kind: 'code', list, required });
const bool: FieldKind = { kind: 'bool' };
const f = (name: string, label: string, input: FieldKind): FieldDef => ({ name, label, input });

export const HOUSEHOLD_FORM: readonly FieldDef[] = [
  f('householdType', 'household.field.householdType', code('household_type', true)),
  f('idStandard', 'household.field.idStandard', code('id_standard')),
  f('monitoringCategory', 'household.field.monitoringCategory', code('monitoring_category')),
  f('mainCause', 'household.mainCause', code('poverty_cause')),
  f('otherCauses', 'household.otherCauses', { kind: 'codes', list: 'poverty_cause' }),
  f('groupNo', 'household.field.groupNo', num(1, 99)),
  f('address', 'household.field.address', text(120)),
  f('phone', 'household.field.phone', text(20)),
  f('bankName', 'household.field.bankName', text(40)),
  f('bankAccount', 'household.field.bankAccount', text(32)),
  f('registeredYear', 'household.field.registeredYear', num(1990, 2100)),
  f('exitYear', 'household.field.exitYear', num(2014, 2100)),
  f('landCultivatedMu', 'household.field.landCultivatedMu', num(0, 1000, 0.1)),
  f('landForestMu', 'household.field.landForestMu', num(0, 10000, 0.1)),
  f('houseAreaM2', 'household.field.houseAreaM2', num(0, 2000, 0.1)),
  f('houseStructure', 'household.field.houseStructure', code('house_structure')),
  f('houseYear', 'household.field.houseYear', num(1900, 2100)),
  f('houseGrade', 'household.field.houseGrade', code('house_grade')),
  f('fuel', 'household.field.fuel', code('fuel')),
  f('industryType', 'household.field.industryType', code('industry_type')),
  f('roadDistanceKm', 'household.field.roadDistanceKm', num(0, 500, 0.1)),
  f('marketDistanceKm', 'household.field.marketDistanceKm', num(0, 500, 0.1)),
  f('relocated', 'household.field.relocated', bool),
  f('electricity', 'household.field.electricity', bool),
  f('safeWater', 'household.field.safeWater', bool),
  f('sanitaryToilet', 'household.field.sanitaryToilet', bool),
  f('pavedAccess', 'household.field.pavedAccess', bool),
  f('coopMember', 'household.field.coopMember', bool),
  f('enterpriseTie', 'household.field.enterpriseTie', bool),
];

export const MEMBER_FORM: readonly FieldDef[] = [
  f('name', 'household.member.name', text(30)),
  f('idNumber', 'household.member.idNumber', text(18)),
  f('relation', 'household.member.relation', code('relation', true)),
  f('ethnicity', 'household.member.ethnicity', code('ethnicity')),
  f('education', 'household.member.education', code('education')),
  f('studentStatus', 'household.member.studentStatus', code('student_status')),
  f('outOfSchoolReason', 'edit.member.outOfSchoolReason', text(100)),
  f('health', 'household.member.health', code('health')),
  f('disabilityGrade', 'edit.member.disabilityGrade', num(1, 4)),
  f('labourCapacity', 'household.member.labourCapacity', code('labour_capacity')),
  f('migrantPlace', 'edit.member.migrantPlace', text(60)),
  f('migrantMonths', 'edit.member.migrantMonths', num(0, 12)),
  f('migrantMonthlyWage', 'edit.member.migrantMonthlyWage', num(0, 100000)),
  f('welfareJobMonths', 'edit.member.welfareJobMonths', num(0, 12)),
  f('insBasicMedical', 'edit.member.insBasicMedical', bool),
  f('insCriticalIllness', 'edit.member.insCriticalIllness', bool),
  f('insMedicalAssistance', 'edit.member.insMedicalAssistance', bool),
  f('insPension', 'edit.member.insPension', bool),
  f('isDibao', 'edit.member.isDibao', bool),
  f('isTekun', 'edit.member.isTekun', bool),
];

const money = num(0, 100_000_000, 1);
export const INCOME_FORM: readonly FieldDef[] = [
  f('wageIncome', 'household.year.wageIncome', money),
  f('businessIncome', 'household.year.businessIncome', money),
  f('productionCost', 'household.year.productionCost', money),
  f('propertyIncome', 'household.year.propertyIncome', money),
  f('transferIncome', 'household.year.transferIncome', money),
  f('transferDibao', 'edit.income.transferDibao', money),
  f('transferPension', 'edit.income.transferPension', money),
  f('transferEco', 'edit.income.transferEco', money),
  f('medicalCost', 'household.year.medicalCost', money),
];

/** A value in comparable form: empty means null, lists compare by content. */
const normal = (v: unknown): unknown =>
  v === undefined || v === '' ? null : Array.isArray(v) ? v.join('|') : v;

/** The values of `names` that differ from `initial`, with empty inputs sent as null. */
export function changedValues(
  names: readonly string[],
  initial: Record<string, unknown>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names)
    if (normal(initial[n]) !== normal(values[n]))
      out[n] = values[n] === undefined || values[n] === '' ? null : values[n];
  return out;
}

/** Form.Item passes `value`/`checked` and `onChange` to its child: they go on to the control. */
type Bound = { value?: unknown; checked?: boolean; onChange?: (v: unknown) => void };

function FieldInput({
  def,
  placeholder,
  ...bound
}: { def: FieldDef; placeholder?: string | undefined } & Bound) {
  const options = useCodeOptions(
    def.input.kind === 'code' || def.input.kind === 'codes' ? def.input.list : 'sex',
  );
  const p = { ...bound, 'data-testid': `edit-field-${def.name}` } as Record<string, unknown>;
  switch (def.input.kind) {
    case 'text':
      return <Input maxLength={def.input.max} placeholder={placeholder} allowClear {...p} />;
    case 'number':
      return (
        <InputNumber
          min={def.input.min}
          max={def.input.max}
          step={def.input.step}
          style={{ width: '100%' }}
          {...p}
        />
      );
    case 'code':
      return (
        <Select
          allowClear={!def.input.required}
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          placeholder={placeholder}
          {...p}
        />
      );
    case 'codes':
      return <Select mode="multiple" maxCount={2} options={options} {...p} />;
    case 'bool':
      return <Switch {...p} />;
  }
}

/** Form items of some fields, two columns on wide screens; `placeholders` mark masked values. */
export function FieldItems({
  defs,
  placeholders = {},
}: {
  defs: readonly FieldDef[];
  placeholders?: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      {defs.map((def) => (
        <Col xs={24} sm={12} key={def.name}>
          <Form.Item
            name={def.name}
            label={t(def.label as never)}
            valuePropName={def.input.kind === 'bool' ? 'checked' : 'value'}
          >
            <FieldInput def={def} placeholder={placeholders[def.name]} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
