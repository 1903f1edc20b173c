import { useEffect, useState } from 'react';
import { Alert, Button, Card, Cascader, Form, Input, Result, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../components/ErrorResult';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { LanguageSwitch } from '../components/LanguageSwitch';

interface RegionOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: RegionOption[];
}

const ORG_KINDS = ['enterprise', 'ngo', 'volunteer', 'paired_unit', 'consumer_group'] as const;
const regionsUnder = (parent: string) =>
  api<{ code: string; name: string; level: number }[]>('/api/org/regions', { query: { parent } }).then((rs) =>
    rs.map((r) => ({ value: r.code, label: r.name, isLeaf: r.level >= 4 })),
  );

interface FormValues {
  name: string;
  kind: string;
  creditCode?: string;
  contactPerson: string;
  contactPhone: string;
  region: string[];
  username: string;
  password: string;
}

/** Public page (no sign-in): an organisation registers itself; a county officer reviews it. */
export default function OrgRegisterPage() {
  const { t } = useTranslation();
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void regionsUnder('').then(setOptions);
  }, []);

  const loadData = async (path: RegionOption[]) => {
    const target = path[path.length - 1]!;
    target.children = await regionsUnder(target.value);
    setOptions((o) => [...o]);
  };

  const onFinish = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      await api('/api/org/register', {
        method: 'POST',
        body: {
          ...v,
          creditCode: v.creditCode || undefined,
          region: undefined,
          regionCode: v.region[v.region.length - 1],
        },
      });
      setDone(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const req = [{ required: true, message: t('part.register.required') }];

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: '#f5f5f5',
      }}
    >
      <div style={{ width: '100%', maxWidth: 520, display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 520 }}>
        {done ? (
          <Result
            status="success"
            title={<span data-testid="org-register-done">{t('part.register.done')}</span>}
            subTitle={t('part.register.doneHint')}
            extra={<Link to="/login">{t('part.register.toLogin')}</Link>}
          />
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t('part.register.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('part.register.subtitle')}</Typography.Paragraph>
            {error && (
              <Alert
                type="error"
                showIcon
                title={error}
                style={{ marginBottom: 16 }}
                data-testid="org-register-error"
              />
            )}
            <Form<FormValues>
              layout="vertical"
              onFinish={(v) => void onFinish(v)}
              disabled={busy}
              initialValues={{ kind: 'enterprise' }}
            >
              <Form.Item name="name" label={t('part.register.name')} rules={req}>
                <Input data-testid="org-name" />
              </Form.Item>
              <Form.Item name="kind" label={t('part.register.kind')} rules={req}>
                <Select
                  data-testid="org-kind"
                  options={ORG_KINDS.map((k) => ({ value: k, label: t(`part.orgKind.${k}`) }))}
                />
              </Form.Item>
              <Form.Item
                name="creditCode"
                label={t('part.register.creditCode')}
                extra={t('part.register.creditCodeHelp')}
              >
                <Input maxLength={18} data-testid="org-credit-code" />
              </Form.Item>
              <Form.Item name="contactPerson" label={t('part.register.contactPerson')} rules={req}>
                <Input data-testid="org-contact" />
              </Form.Item>
              <Form.Item name="contactPhone" label={t('part.register.contactPhone')} rules={req}>
                <Input data-testid="org-phone" />
              </Form.Item>
              <Form.Item name="region" label={t('part.register.region')} rules={req}>
                <Cascader
                  options={options}
                  loadData={(p) => void loadData(p)}
                  changeOnSelect
                  data-testid="org-region"
                />
              </Form.Item>
              <Form.Item name="username" label={t('part.register.username')} rules={req}>
                <Input autoComplete="username" data-testid="org-username" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('part.register.password')}
                rules={[...req, { min: 8, message: t('part.register.password') }]}
              >
                <Input.Password autoComplete="new-password" data-testid="org-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="org-register-submit">
                {t('part.register.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
