import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAssignCadre, useCadres, type Cadre, type GapHousehold } from '../../api/responsibility';
import { errorMessage } from '../ErrorResult';

/** Assign a responsible cadre to a household, with the reason for the audit log. */
export function AssignCadreModal({ household, onClose }: { household: GapHousehold; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ cadreId: string; reason: string }>();
  const [q, setQ] = useState('');
  // cadres of the household's township (village and township units) and of units above it
  const cadres = useCadres(household.villageCode.slice(0, 9), 1, q || undefined, 200);
  const assign = useAssignCadre();
  const onOk = async () => {
    const v = await form.validateFields();
    assign.mutate(
      { householdId: household.householdId, ...v },
      {
        onSuccess: () => {
          void message.success(t('resp.assigned'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('resp.assignTitle', { name: household.headName ?? household.householdNo })}
      onOk={() => void onOk()}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      okButtonProps={{ 'data-testid': 'assign-ok' } as ButtonProps}
    >
      {assign.isError && (
        <Alert type="error" showIcon title={errorMessage(assign.error)} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="cadreId"
          label={t('resp.cadre')}
          rules={[{ required: true, message: t('resp.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={cadres.isFetching}
            data-testid="assign-cadre"
            options={(cadres.data?.items ?? []).map((c: Cadre) => ({
              value: c.id,
              label: `${c.name} · ${c.workUnit} (${c.caseload})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('resp.reason')}
          rules={[{ required: true, min: 2, message: t('resp.reasonRequired') }]}
        >
          <Input data-testid="assign-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
