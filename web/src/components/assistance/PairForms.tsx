import { Form, Input, InputNumber, Select, Space } from 'antd';
import { DateField } from '../pickers/DateField';
import { useTranslation } from 'react-i18next';
import { useAssistanceLabel } from './labels';
import { FormModal } from './FormModal';
import { RegionPickField } from '../RegionSearchSelect';
import {
  useCreatePair,
  useRecordDelivery,
  useSetCommitment,
  type NewPair,
  type Pair,
  type PairEntry,
} from '../../api/assistance';
import { thisYearChina, todayChina } from '../../i18n/format';

const KINDS = ['east_west', 'fixed_point', 'counterpart'];
const LEVELS = ['province', 'city', 'county', 'central_unit', 'provincial_unit', 'enterprise', 'other'];
const CATEGORIES = ['funds', 'projects', 'purchases', 'jobs', 'staff'];
const today = () => todayChina();

function useCategoryOptions() {
  const L = useAssistanceLabel();
  return CATEGORIES.map((k) => ({ value: k, label: L('categoryName', k) }));
}

/** Record a new pair: kind, helping unit or region and its level, receiving region, years. */
export function NewPairModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const L = useAssistanceLabel();
  const create = useCreatePair();
  const required = [{ required: true, message: t('assistance.required') }];
  return (
    <FormModal<NewPair>
      title={t('assistance.newPair')}
      testId="pair"
      onClose={onClose}
      initialValues={{ kind: 'east_west', helperLevel: 'city', startYear: thisYearChina() }}
      run={(v) => create.mutateAsync({ ...v, endYear: v.endYear ?? null })}
    >
      <Form.Item name="kind" label={t('assistance.kind')} rules={required}>
        <Select options={KINDS.map((k) => ({ value: k, label: L('pairKind', k) }))} data-testid="pair-kind" />
      </Form.Item>
      <Form.Item name="helperName" label={t('assistance.helper')} rules={required}>
        <Input maxLength={200} data-testid="pair-helper" />
      </Form.Item>
      <Form.Item name="helperLevel" label={t('assistance.helperLevel')} rules={required}>
        <Select options={LEVELS.map((k) => ({ value: k, label: L('helperLevelName', k) }))} />
      </Form.Item>
      <Form.Item
        name="recipientCode"
        label={t('assistance.recipient')}
        rules={[{ required: true, message: t('assistance.recipientRequired') }]}
      >
        <RegionPickField testId="pair-recipient" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="startYear" label={t('assistance.startYear')} rules={required}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="endYear" label={t('assistance.endYear')}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('assistance.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

interface Entry {
  year: number;
  category: PairEntry['category'];
  amount: number;
  deliveredOn: string;
  note?: string;
}

/** Set one year's commitment of a category (replaces the amount committed before). */
export function CommitmentModal({ pair, onClose }: { pair: Pair; onClose: () => void }) {
  const { t } = useTranslation();
  const commit = useSetCommitment();
  const options = useCategoryOptions();
  const required = [{ required: true, message: t('assistance.required') }];
  return (
    <FormModal<Entry>
      title={`${t('assistance.setCommitment')} · ${pair.helperName} → ${pair.recipientName}`}
      testId="commitment"
      onClose={onClose}
      initialValues={{ year: thisYearChina(), category: 'funds' }}
      run={(v) =>
        commit.mutateAsync({ pairId: pair.id, year: v.year, category: v.category, amount: v.amount })
      }
    >
      <Space wrap>
        <Form.Item name="year" label={t('assistance.year')} rules={required}>
          <InputNumber min={2000} max={2100} data-testid="commitment-year" />
        </Form.Item>
        <Form.Item name="category" label={t('assistance.category')} rules={required}>
          <Select options={options} style={{ width: 200 }} data-testid="commitment-category" />
        </Form.Item>
      </Space>
      <Form.Item name="amount" label={t('assistance.committed')} rules={required}>
        <InputNumber min={0} style={{ width: '100%' }} data-testid="commitment-amount" />
      </Form.Item>
    </FormModal>
  );
}

/** Record a delivery against a pair (funds arrived, purchases made, people placed in jobs, …). */
export function DeliveryModal({ pair, onClose }: { pair: Pair; onClose: () => void }) {
  const { t } = useTranslation();
  const deliver = useRecordDelivery();
  const options = useCategoryOptions();
  const required = [{ required: true, message: t('assistance.required') }];
  return (
    <FormModal<Entry>
      title={`${t('assistance.recordDelivery')} · ${pair.helperName} → ${pair.recipientName}`}
      testId="delivery"
      onClose={onClose}
      initialValues={{
        year: pair.years[0]?.year ?? thisYearChina(),
        category: 'funds',
        deliveredOn: today(),
      }}
      run={(v) =>
        deliver.mutateAsync({
          pairId: pair.id,
          year: v.year,
          category: v.category,
          amount: v.amount,
          deliveredOn: v.deliveredOn,
          ...(v.note ? { note: v.note } : {}),
        })
      }
    >
      <Space wrap>
        <Form.Item name="year" label={t('assistance.year')} rules={required}>
          <InputNumber min={2000} max={2100} data-testid="delivery-year" />
        </Form.Item>
        <Form.Item name="category" label={t('assistance.category')} rules={required}>
          <Select options={options} style={{ width: 200 }} data-testid="delivery-category" />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item
          name="amount"
          label={t('assistance.amount')}
          rules={[...required, { type: 'number', min: 0.01, message: t('assistance.positive') }]}
        >
          <InputNumber min={0} data-testid="delivery-amount" />
        </Form.Item>
        <Form.Item name="deliveredOn" label={t('assistance.deliveredOn')} rules={required}>
          <DateField testId="delivery-date" />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('assistance.note')}>
        <Input maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
