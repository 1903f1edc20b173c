import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBulkAssign } from '../../api/batch';
import { useCadres, type Cadre } from '../../api/responsibility';
import { errorMessage } from '../ErrorResult';

const LEVELS = [12, 9, 6, 4, 2, 0];

/** The deepest region (village, township, county…) that holds every one of the villages. */
export function commonRegion(villages: readonly string[]): string {
  const first = villages[0] ?? '';
  for (const n of LEVELS)
    if (villages.every((v) => v.slice(0, n) === first.slice(0, n))) return first.slice(0, n);
  return '';
}

/**
 * Assign one responsible cadre (结对帮扶责任人) to the households selected in a list: one request, one
 * transaction on the server; an error names its row (第 n 行) and nothing is written.
 */
export function BulkAssignModal({
  households,
  onClose,
}: {
  households: readonly { id: string; villageCode: string }[];
  onClose: (assigned: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ cadreId: string; reason: string }>();
  const [q, setQ] = useState('');
  // cadres of the township (or wider region) the households share: village and township units,
  // and the units above them
  const region = commonRegion(households.map((h) => h.villageCode));
  const cadres = useCadres(region.length > 9 ? region.slice(0, 9) : region, 1, q || undefined, 200);
  const assign = useBulkAssign();
  const onOk = async () => {
    const v = await form.validateFields();
    assign.mutate(
      { householdIds: households.map((h) => h.id), ...v },
      {
        onSuccess: (r) => {
          void message.success(t('batch.assign.done', { assigned: r.assigned, unchanged: r.unchanged }));
          onClose(true);
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('batch.assign.title', { n: households.length })}
      onOk={() => void onOk()}
      onCancel={() => onClose(false)}
      confirmLoading={assign.isPending}
      okText={t('batch.assign.submit')}
      okButtonProps={{ 'data-testid': 'bulk-assign-ok' } as ButtonProps}
    >
      {assign.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(assign.error)}
          style={{ marginBottom: 12 }}
          data-testid="bulk-assign-error"
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="cadreId"
          label={t('batch.assign.cadre')}
          rules={[{ required: true, message: t('resp.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={cadres.isFetching}
            data-testid="bulk-assign-cadre"
            options={(cadres.data?.items ?? []).map((c: Cadre) => ({
              value: c.id,
              label: `${c.name} · ${c.workUnit} (${c.caseload})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('batch.assign.reason')}
          rules={[{ required: true, min: 2, message: t('resp.reasonRequired') }]}
        >
          <Input placeholder={t('batch.assign.reasonPlaceholder')} data-testid="bulk-assign-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
