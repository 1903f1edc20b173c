import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import { useLogout, useMe } from '../api/auth';
import { isApiError } from '../api/client';
import { useChangeOwnPassword } from '../api/users';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { FullPageSpin } from '../components/RequireAuth';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/**
 * /change-password: set one's own password. Shown instead of the app after signing in with a password
 * an administrator set (RequireAuth sends here while `mustChangePassword`); reachable any time too.
 */
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const change = useChangeOwnPassword();
  const logout = useLogout();
  const navigate = useNavigate();
  if (me.isPending) return <FullPageSpin />;
  if (!me.data) return <Navigate to="/login" replace />;
  const forced = me.data.mustChangePassword;
  const error = change.error;
  const field = isApiError(error) ? (error.details as { field?: string } | undefined)?.field : undefined;
  const onFinish = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          void navigate('/dashboard', { replace: true });
        },
      },
    );

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: '#f5f5f5',
      }}
    >
      <div style={{ width: '100%', maxWidth: 400, display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 400 }} data-testid="change-password">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('password.title')}
        </Typography.Title>
        {forced && (
          <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.message}
            style={{ marginBottom: 16 }}
            data-testid="password-error"
          />
        )}
        <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={change.isPending}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true }]}
            validateStatus={field === 'currentPassword' ? 'error' : undefined}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="password-current"
            />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.next')}
            extra={t('password.rule')}
            rules={[{ required: true, min: 10 }]}
            validateStatus={field === 'newPassword' ? 'error' : undefined}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="password-new"
            />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('password.repeat')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="new-password"
              data-testid="password-repeat"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={change.isPending}
            data-testid="password-submit"
          >
            {t('password.submit')}
          </Button>
        </Form>
        {!forced && (
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => void navigate(-1)}>
            {t('users.cancel')}
          </Button>
        )}
        <Button
          type="link"
          block
          style={{ marginTop: forced ? 8 : 0 }}
          onClick={() =>
            logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })
          }
          data-testid="password-sign-out"
        >
          {t('password.signOut')}
        </Button>
      </Card>
    </div>
  );
}
