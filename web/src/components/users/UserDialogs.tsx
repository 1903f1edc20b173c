import { useState } from 'react';
import { App, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useChangeUser, useCreateUser, useResetPassword, type NewUser, type UserRow } from '../../api/users';
import { RegionSearchSelect } from '../RegionSearchSelect';

const SCOPE_LENGTH: Record<string, number> = {
  county_officer: 6,
  township_officer: 9,
  village_cadre: 12,
  civil_affairs_county: 6,
  civil_affairs_township: 9,
};

/** The division code of a role: 6, 9 or 12 digits (an admin: every division code, or none for the country). */
export const scopeFits = (role: string | undefined, code: string | undefined) => {
  const c = code ?? '';
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$/.test(c)) return false;
  const n = role ? SCOPE_LENGTH[role] : undefined;
  return n === undefined ? role === 'admin' : c.length === n;
};

const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : null);

interface RoleScope {
  role: NewUser['role'];
  scopeCode: string;
}

/** Role select and scope code (with a search by region name that fills the code). */
function RoleScopeFields({ roles }: { roles: string[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<RoleScope>();
  return (
    <>
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
        <Select
          data-testid="user-role-select"
          options={roles.map((r) => ({ value: r, label: t(`role.${r}` as 'role.admin') }))}
        />
      </Form.Item>
      <Form.Item label={t('users.scopeCode')} extra={t('users.scopeHint')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="scopeCode"
            noStyle
            dependencies={['role']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  scopeFits(getFieldValue('role') as string, v)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('users.scopeInvalid'))),
              }),
            ]}
          >
            <Input
              data-testid="user-scope-input"
              inputMode="numeric"
              maxLength={12}
              style={{ width: '45%' }}
            />
          </Form.Item>
          <RegionSearchSelect
            placeholder={t('users.pickRegion')}
            testId="user-scope-search"
            style={{ width: '55%' }}
            onPick={(r) => form.setFieldValue('scopeCode', r.code)}
          />
        </Space.Compact>
      </Form.Item>
    </>
  );
}

/** Tell the administrator the temporary password the server generated (shown once). */
function useShowPassword() {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return (password: string | null) => {
    if (!password) return;
    modal.info({
      title: t('users.tempPassword'),
      content: (
        <>
          <Typography.Paragraph>{t('users.tempPasswordShown')}</Typography.Paragraph>
          <Typography.Text code copyable data-testid="temp-password">
            {password}
          </Typography.Text>
        </>
      ),
    });
  };
}

interface NewUserValues extends RoleScope {
  username: string;
  displayName?: string;
  password?: string;
}

/** The role a new account starts with: a village cadre, the account made most often, where it may be given. */
const defaultRole = (roles: string[]) =>
  roles.includes('village_cadre') ? 'village_cadre' : roles[roles.length - 1];

export function CreateUserDialog({ roles, onClose }: { roles: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUserValues>();
  const create = useCreateUser();
  const show = useShowPassword();
  const submit = (v: NewUserValues) =>
    create.mutate(
      {
        ...v,
        scopeCode: v.scopeCode ?? '',
        displayName: v.displayName || undefined,
        password: v.password || undefined,
      },
      {
        onSuccess: (res) => {
          void message.success(t('users.created', { name: res.user.username }));
          show(res.temporaryPassword);
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('users.createTitle')}
      okText={t('users.save')}
      cancelText={t('users.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'user-create-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: defaultRole(roles) }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: /^[\w.-]{2,40}$/ }]}
        >
          <Input data-testid="user-username" autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input data-testid="user-display-name" maxLength={60} />
        </Form.Item>
        <RoleScopeFields roles={roles} />
        <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')}>
          <Input.Password data-testid="user-password" autoComplete="new-password" />
        </Form.Item>
        {create.error && <Typography.Text type="danger">{errorText(create.error)}</Typography.Text>}
      </Form>
    </Modal>
  );
}

export function EditUserDialog({
  user,
  roles,
  onClose,
}: {
  user: UserRow;
  roles: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleScope & { displayName: string }>();
  const change = useChangeUser();
  return (
    <Modal
      open
      title={t('users.editTitle', { name: user.username })}
      okText={t('users.save')}
      cancelText={t('users.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: user.role, scopeCode: user.scopeCode, displayName: user.displayName }}
        onFinish={(v) =>
          change.mutate({ id: user.id, ...v } as Parameters<typeof change.mutate>[0], {
            onSuccess: () => (void message.success(t('users.done')), onClose()),
          })
        }
      >
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <RoleScopeFields roles={roles} />
        {change.error && <Typography.Text type="danger">{errorText(change.error)}</Typography.Text>}
      </Form>
    </Modal>
  );
}

export function ResetPasswordDialog({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const reset = useResetPassword();
  const show = useShowPassword();
  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.username })}
      okText={t('users.resetConfirm')}
      cancelText={t('users.cancel')}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      onOk={() =>
        reset.mutate(
          { id: user.id, password: password || undefined },
          { onSuccess: (res) => (show(res.temporaryPassword), onClose()) },
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('users.passwordHint')}</Typography.Paragraph>
      <Input.Password
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        placeholder={t('users.tempPassword')}
        autoComplete="new-password"
        data-testid="reset-password-input"
      />
      {reset.error && <Typography.Text type="danger">{errorText(reset.error)}</Typography.Text>}
    </Modal>
  );
}
