import { Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from './labels';
import { FormModal } from './FormModal';
import {
  useAddBeneficiary,
  useCompleteProject,
  useRecordBenefit,
  useSetFund,
  type Beneficiary,
  type Fund,
  type ProjectDetail,
} from '../../api/assistance';
import { DateField } from '../pickers/DateField';
import { HouseholdMultiPicker } from '../pickers/HouseholdMultiPicker';
import { thisYearChina, todayChina } from '../../i18n/format';

const SOURCES = ['central', 'provincial', 'county', 'integrated', 'paired', 'social'];
const LINKAGES = ['dividend', 'order_purchase', 'jobs', 'land_rental', 'cooperative'];
const today = () => todayChina();

function useRequired() {
  const { t } = useTranslation();
  return [{ required: true, message: t('assistance.required') }];
}

/** Set the allocation and disbursement of one source and year (replaces that row); disbursed ≤ allocated. */
export function FundModal({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const setFund = useSetFund(projectId);
  const required = useRequired();
  return (
    <FormModal<Fund>
      title={t('assistance.addFund')}
      testId="fund"
      onClose={onClose}
      initialValues={{ source: 'central', year: thisYearChina(), disbursed: 0 }}
      run={(v) => setFund.mutateAsync({ ...v, disbursed: v.disbursed ?? 0 })}
    >
      <Space wrap>
        <Form.Item name="source" label={t('assistance.source')} rules={required}>
          <Select
            style={{ width: 160 }}
            options={SOURCES.map((k) => ({ value: k, label: L('fundSource', k) }))}
            data-testid="fund-source"
          />
        </Form.Item>
        <Form.Item name="year" label={t('assistance.year')} rules={required}>
          <InputNumber min={2000} max={2100} data-testid="fund-year" />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="allocated" label={t('assistance.allocatedYuan')} rules={required}>
          <InputNumber min={0} style={{ width: 160 }} data-testid="fund-allocated" />
        </Form.Item>
        <Form.Item
          name="disbursed"
          label={t('assistance.disbursedYuan')}
          dependencies={['allocated']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_: unknown, value: number | null) => {
                const allocated = getFieldValue('allocated') as number | null;
                return value != null && allocated != null && value > allocated
                  ? Promise.reject(new Error(t('assistance.disbursedOverAllocated')))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <InputNumber min={0} style={{ width: 160 }} data-testid="fund-disbursed" />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/**
 * Add beneficiary households (带动农户) of the project's village with their linkage type: several at
 * once, picked by name or household number (HouseholdMultiPicker); those already linked are greyed.
 */
export function BeneficiaryModal({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const add = useAddBeneficiary(project.id);
  const required = useRequired();
  const already = new Set(project.beneficiaryList.map((b) => b.householdId));
  const linkages = [...project.linkages, ...LINKAGES.filter((l) => !project.linkages.includes(l))];
  return (
    <FormModal<{ householdIds: string[]; linkageType: Beneficiary['linkageType'] }>
      title={t('assistance.addBeneficiary')}
      testId="beneficiary"
      onClose={onClose}
      initialValues={{ linkageType: (project.linkages[0] ?? 'dividend') as Beneficiary['linkageType'] }}
      run={async (v) => {
        // one by one: a refusal names the household it stopped at, the ones before it stay added
        for (const householdId of v.householdIds)
          await add.mutateAsync({ householdId, linkageType: v.linkageType });
      }}
    >
      <Form.Item
        name="householdIds"
        label={`${t('assistance.household')} (${project.villageName})`}
        rules={required}
      >
        <HouseholdMultiPicker region={project.villageCode} exclude={already} testId="beneficiary-household" />
      </Form.Item>
      <Form.Item name="linkageType" label={t('assistance.linkageType')} rules={required}>
        <Select
          options={linkages.map((k) => ({ value: k, label: L('linkage', k) }))}
          data-testid="beneficiary-linkage"
        />
      </Form.Item>
    </FormModal>
  );
}

/** Record (or correct) what a beneficiary household received from the project in a year, in yuan. */
export function BenefitModal({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordBenefit(project.id);
  const required = useRequired();
  return (
    <FormModal<{ householdId: string; year: number; amount: number }>
      title={t('assistance.recordBenefit')}
      testId="benefit"
      onClose={onClose}
      initialValues={{ year: thisYearChina() - 1 }}
      run={(v) => record.mutateAsync(v)}
    >
      <Form.Item name="householdId" label={t('assistance.household')} rules={required}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="benefit-household"
          options={project.beneficiaryList.map((b) => ({
            value: b.householdId,
            label: `${b.headName} ${b.householdNo}`,
          }))}
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="year" label={t('assistance.year')} rules={required}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="amount" label={t('assistance.benefitYuan')} rules={required}>
          <InputNumber min={0} style={{ width: 160 }} data-testid="benefit-amount" />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** Mark the project completed on a date (not in the future); yearly follow-ups start from then. */
export function CompleteModal({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const complete = useCompleteProject(project.id);
  const required = useRequired();
  return (
    <FormModal<{ completedOn: string }>
      title={t('assistance.markCompleted')}
      testId="complete"
      onClose={onClose}
      initialValues={{ completedOn: project.completedOn ?? today() }}
      run={(v) => complete.mutateAsync(v)}
    >
      <Form.Item name="completedOn" label={t('assistance.completedOn')} rules={required}>
        <DateField testId="complete-date" />
      </Form.Item>
    </FormModal>
  );
}
