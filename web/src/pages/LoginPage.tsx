import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useLogin, useMe } from '../api/auth';
import { isApiError, NETWORK_ERROR } from '../api/client';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { FullPageSpin } from '../components/RequireAuth';

interface Credentials {
  username: string;
  password: string;
}

function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/todo';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const target = returnPath(location.state);

  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={target} replace />;

  const onFinish = (values: Credentials) =>
    login.mutate(values, { onSuccess: () => void navigate(target, { replace: true }) });
  const error = login.error;
  const errorByCode: Record<string, string> = {
    [NETWORK_ERROR]: t('errors.network'),
    E_UNAUTHENTICATED: t('errors.badCredentials'),
    E_RATE_LIMITED: t('errors.rateLimited'),
  };
  const errorText = isApiError(error)
    ? (errorByCode[error.code] ?? error.message)
    : error
      ? error.message
      : null;

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
      <div style={{ width: '100%', maxWidth: 380, display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {errorText && (
          <Alert
            type="error"
            showIcon
            title={t('auth.failed')}
            description={errorText}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<Credentials>
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          disabled={login.isPending}
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('auth.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
        <div style={{ marginTop: 12, textAlign: 'center' }}>
          <Link to="/org/register" data-testid="org-register-link">
            {t('part.register.link')}
          </Link>
        </div>
      </Card>
    </div>
  );
}
