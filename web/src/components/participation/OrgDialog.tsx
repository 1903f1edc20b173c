import { DatePicker, Form, Input, InputNumber, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BoardNeed, Product } from '../../api/participation';
import { useParticipationAction } from './useParticipationAction';

/** The organisation's open dialog: pledge to a need, mark it delivered, order a product. */
export type OrgDialogState =
  | { kind: 'pledge'; need: BoardNeed }
  | { kind: 'deliver'; need: BoardNeed }
  | { kind: 'order'; product: Product }
  | null;

/** The organisation portal's one modal, its form chosen by the dialog's kind. */
export function OrgDialog({ dialog, onClose }: { dialog: OrgDialogState; onClose: () => void }) {
  const { t } = useTranslation();
  const { run, pending } = useParticipationAction();
  const [form] = Form.useForm();

  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    if (!dialog) return;
    const path =
      dialog.kind === 'pledge'
        ? `/api/needs/${dialog.need.id}/pledge`
        : dialog.kind === 'deliver'
          ? `/api/needs/${dialog.need.id}/deliver`
          : `/api/products/${dialog.product.id}/orders`;
    const body = { ...v } as Record<string, unknown>;
    const d = body.expectedDate as { format?: (f: string) => string } | undefined;
    body.expectedDate = d?.format ? d.format('YYYY-MM-DD') : undefined;
    if (!body.note) delete body.note;
    run(path, body, () => {
      onClose();
      form.resetFields();
    });
  };

  return (
    <Modal
      open={dialog !== null}
      title={
        dialog?.kind === 'pledge'
          ? t('part.portal.pledgeTitle')
          : dialog?.kind === 'deliver'
            ? t('part.portal.deliverTitle')
            : t('part.portal.orderTitle')
      }
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'dialog-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        key={
          dialog ? `${dialog.kind}-${dialog.kind === 'order' ? dialog.product.id : dialog.need.id}` : 'none'
        }
        initialValues={dialog?.kind === 'pledge' ? { amount: dialog.need.amount } : { kind: 'order' }}
      >
        {dialog?.kind === 'pledge' && (
          <>
            <Typography.Paragraph strong>{dialog.need.title}</Typography.Paragraph>
            <Form.Item name="amount" label={t('part.portal.amount')} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="pledge-amount" />
            </Form.Item>
            <Form.Item name="expectedDate" label={t('part.portal.expectedDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label={t('part.portal.note')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        {dialog?.kind === 'deliver' && (
          <Form.Item name="note" label={t('part.portal.deliverTitle')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="deliver-note" />
          </Form.Item>
        )}
        {dialog?.kind === 'order' && <OrderFields product={dialog.product} />}
      </Form>
    </Modal>
  );
}

function OrderFields({ product }: { product: Product }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph strong>
        {product.name} · {product.price} / {product.unit}
      </Typography.Paragraph>
      <Form.Item name="quantity" label={t('part.portal.quantity')} rules={[{ required: true }]}>
        <InputNumber
          min={1}
          max={product.quantityAvailable}
          style={{ width: '100%' }}
          data-testid="order-quantity"
        />
      </Form.Item>
      <Form.Item name="kind" label={t('part.portal.orderKind')}>
        <Select
          options={['order', 'commitment'].map((k) => ({
            value: k,
            label: t(`part.orderKind.${k}` as never),
          }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('part.portal.note')}>
        <Input />
      </Form.Item>
    </>
  );
}
