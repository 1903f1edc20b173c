import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../api/client';
import { usePortalLogin } from '../api/portal';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** /portal/login: a household signs in with its household number and access code (phone first). */
export default function PortalLoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const login = usePortalLogin();
  const err = login.error;
  return (
    <div style={{ maxWidth: 420, margin: '0 auto', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('portal.signInTitle')}
        </Typography.Title>
        <LanguageSwitch />
      </div>
      <Card style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('portal.signInHint')}</Typography.Paragraph>
        {err && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={isApiError(err) && err.status === 429 ? t('portal.locked') : t('portal.wrong')}
          />
        )}
        <Form
          layout="vertical"
          onFinish={(v: { householdNo: string; code: string }) =>
            login.mutate(v, { onSuccess: () => navigate('/portal', { replace: true }) })
          }
        >
          <Form.Item name="householdNo" label={t('portal.householdNo')} rules={[{ required: true }]}>
            <Input data-testid="portal-household-no" inputMode="numeric" autoComplete="username" />
          </Form.Item>
          <Form.Item name="code" label={t('portal.code')} rules={[{ required: true }]}>
            <Input.Password data-testid="portal-code" autoComplete="current-password" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={login.isPending}
            data-testid="portal-submit"
          >
            {t('portal.signIn')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
