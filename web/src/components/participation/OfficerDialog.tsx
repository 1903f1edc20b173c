import { Form, Input, InputNumber, Modal, Rate, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/auth';
import type { OfficerNeed, Organisation } from '../../api/participation';
import { HouseholdPicker } from '../pickers/HouseholdPicker';
import { HouseholdMultiPicker } from '../pickers/HouseholdMultiPicker';
import { RegionPickField } from '../RegionSearchSelect';
import { NEED_KINDS } from './labels';
import { useParticipationAction } from './useParticipationAction';

/** The officer's open dialog: reject an organisation, publish a need, confirm a delivery, add a product. */
export type OfficerDialogState =
  | { kind: 'reject'; org: Organisation }
  | { kind: 'publish' }
  | { kind: 'confirm'; need: OfficerNeed }
  | { kind: 'product' }
  | null;

/** The officers' one modal, its form chosen by the dialog's kind. */
export function OfficerDialog({ dialog, onClose }: { dialog: OfficerDialogState; onClose: () => void }) {
  const { t } = useTranslation();
  const { run, pending } = useParticipationAction();
  const [form] = Form.useForm();

  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const close = () => {
      onClose();
      form.resetFields();
    };
    if (dialog?.kind === 'reject') run(`/api/org/organisations/${dialog.org.id}/reject`, v, close);
    else if (dialog?.kind === 'confirm')
      run(
        `/api/needs/${dialog.need.id}/confirm`,
        { ...v, onBehalfReason: v.onBehalfReason || undefined, rating: v.rating || undefined },
        close,
      );
    else if (dialog?.kind === 'publish')
      run(
        '/api/needs',
        { ...v, householdId: v.householdId || undefined, villageCode: v.villageCode || undefined },
        close,
      );
    else if (dialog?.kind === 'product')
      run(
        '/api/products',
        {
          ...v,
          producerName: v.producerName || undefined,
          householdIds: Array.isArray(v.householdIds) ? v.householdIds : [],
        },
        close,
      );
  };

  return (
    <Modal
      open={dialog !== null}
      title={
        dialog?.kind === 'reject'
          ? t('part.officer.reject')
          : dialog?.kind === 'confirm'
            ? t('part.officer.confirmTitle')
            : dialog?.kind === 'product'
              ? t('part.officer.addProduct')
              : t('part.officer.publish')
      }
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'officer-dialog-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ source: 'village', kind: 'village_project', producerKind: 'cooperative' }}
      >
        {dialog?.kind === 'reject' && (
          <Form.Item name="reason" label={t('part.officer.rejectReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {dialog?.kind === 'confirm' && <ConfirmFields need={dialog.need} />}
        {dialog?.kind === 'publish' && <PublishFields />}
        {dialog?.kind === 'product' && <ProductFields />}
      </Form>
    </Modal>
  );
}

function ConfirmFields({ need }: { need: OfficerNeed }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="note" label={t('part.portal.note')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} data-testid="confirm-note" />
      </Form.Item>
      {need.source === 'household' && (
        <Form.Item
          name="onBehalfReason"
          label={t('part.officer.onBehalfReason')}
          rules={[{ required: true }]}
        >
          <Input data-testid="confirm-reason" />
        </Form.Item>
      )}
      <Form.Item name="rating" label={t('part.officer.rating')}>
        <Rate />
      </Form.Item>
    </>
  );
}

/** A form value shown as the name it stands for (the user's own village). */
function ScopeName({ name }: { value?: string; name: string }) {
  return <Typography.Text data-testid="publish-village-own">{name}</Typography.Text>;
}

function PublishFields() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <>
      <Form.Item name="kind" label={t('part.col.kind')} rules={[{ required: true }]}>
        <Select options={NEED_KINDS.map((k) => ({ value: k, label: t(`part.needKind.${k}` as never) }))} />
      </Form.Item>
      <Form.Item name="source" label={t('part.officer.source')} rules={[{ required: true }]}>
        <Select
          options={['household', 'village'].map((k) => ({
            value: k,
            label: t(`part.source.${k}` as never),
          }))}
        />
      </Form.Item>
      <Form.Item name="householdId" label={t('part.officer.householdId')}>
        <HouseholdPicker testId="publish-household" />
      </Form.Item>
      {user.scope.code.length === 12 ? (
        // a village cadre publishes for the own village: named, nothing to type
        <Form.Item name="villageCode" label={t('part.officer.villageCode')} initialValue={user.scope.code}>
          <ScopeName name={user.scope.name} />
        </Form.Item>
      ) : (
        <Form.Item name="villageCode" label={t('part.officer.villageCode')}>
          <RegionPickField testId="publish-village" />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('part.col.title')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="description" label={t('part.officer.description')}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="amount" label={t('part.col.amount')} rules={[{ required: true }]}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

function ProductFields() {
  const { t } = useTranslation();
  const user = useUser();
  const township = Form.useWatch<string | undefined>('townshipCode');
  return (
    <>
      <Form.Item name="name" label={t('part.col.product')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="producerKind" label={t('part.col.producer')}>
        <Select
          options={['cooperative', 'household'].map((k) => ({
            value: k,
            label: t(`part.producerKind.${k}` as never),
          }))}
        />
      </Form.Item>
      <Form.Item name="producerName" label={t('part.officer.producerName')}>
        <Input />
      </Form.Item>
      {user.scope.code.length === 9 ? (
        <Form.Item
          name="townshipCode"
          label={t('part.officer.townshipCode')}
          rules={[{ required: true }]}
          initialValue={user.scope.code}
        >
          <ScopeName name={user.scope.name} />
        </Form.Item>
      ) : (
        <Form.Item
          name="townshipCode"
          label={t('part.officer.townshipCode')}
          rules={[{ required: true }]}
          initialValue={user.scope.code.length > 9 ? user.scope.code.slice(0, 9) : undefined}
        >
          <RegionPickField testId="product-township" />
        </Form.Item>
      )}
      <Form.Item name="unit" label={t('part.officer.unit')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="price" label={t('part.col.price')} rules={[{ required: true }]}>
        <InputNumber min={0.01} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="quantityAvailable" label={t('part.col.available')} rules={[{ required: true }]}>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="season" label={t('part.col.season')}>
        <Input />
      </Form.Item>
      <Form.Item name="householdIds" label={t('part.officer.householdIds')} rules={[{ required: true }]}>
        {/* the product's 带动农户, picked by name or household number within its township */}
        <HouseholdMultiPicker region={township || undefined} testId="product-households" />
      </Form.Item>
    </>
  );
}
