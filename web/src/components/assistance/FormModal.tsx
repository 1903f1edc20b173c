import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Form, Modal, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ErrorResult';

/**
 * A modal holding one vertical form: submits through `run` (a mutation's mutateAsync), shows the
 * API's error inside the modal and closes with a success message. `testId` prefixes the submit button
 * (`<testId>-submit`) and the error (`<testId>-error`).
 */
export function FormModal<V extends object>({
  title,
  testId,
  run,
  onClose,
  initialValues,
  form,
  children,
}: {
  title: ReactNode;
  testId: string;
  run: (v: V) => Promise<unknown>;
  onClose: () => void;
  initialValues?: Partial<V>;
  form?: FormInstance<V>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (v: V) => {
    setError(null);
    setPending(true);
    try {
      await run(v);
      void message.success(t('assistance.saved'));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<V>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={initialValues}
        data-testid={`${testId}-form`}
      >
        {children}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 12 }}
            data-testid={`${testId}-error`}
          />
        )}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={pending} data-testid={`${testId}-submit`}>
            {t('assistance.submit')}
          </Button>
          <Button onClick={onClose}>{t('assistance.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
