import { useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useUser } from '../api/auth';
import { useSetDisabled, useUsers, type UserRow } from '../api/users';
import { ErrorResult } from '../components/ErrorResult';
import { PageHeader } from '../components/PageHeader';
import { CreateUserDialog, EditUserDialog, ResetPasswordDialog } from '../components/users/UserDialogs';
import { useFormat } from '../i18n/format';

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset'; user: UserRow } | null;

/** /users: accounts of the caller's scope (admins and county officers; the server decides who may change whom). */
export default function UsersPage() {
  const { t } = useTranslation();
  const me = useUser();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const users = useUsers({ q: q || undefined, role, page, pageSize: 50 });
  const setDisabled = useSetDisabled();
  if (me.role !== 'admin' && me.role !== 'county_officer') return <ErrorResult error={new Error('403')} />;
  if (users.isError) return <ErrorResult error={users.error} onRetry={() => void users.refetch()} />;
  const roles = users.data?.assignableRoles ?? [];
  const toggle = (u: UserRow) =>
    setDisabled.mutate(
      { id: u.id, disabled: !u.disabled },
      {
        onSuccess: () => void message.success(t('users.done')),
        onError: (e) => void message.error(e.message),
      },
    );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <>
            <Input.Search
              allowClear
              placeholder={t('users.search')}
              onSearch={(v) => (setQ(v.trim()), setPage(1))}
              style={{ width: 200 }}
              data-testid="users-search"
            />
            <Select
              allowClear
              placeholder={t('users.allRoles')}
              value={role}
              onChange={(v) => (setRole(v), setPage(1))}
              style={{ width: 140 }}
              options={[
                'admin',
                'county_officer',
                'township_officer',
                'village_cadre',
                'civil_affairs_county',
                'civil_affairs_township',
                'organisation',
              ].map((r) => ({
                value: r,
                label: t(`role.${r}` as 'role.admin'),
              }))}
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={roles.length === 0}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="user-create"
            >
              {t('users.create')}
            </Button>
          </>
        }
      />
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 900 }}
        data-testid="users-table"
        pagination={{
          current: page,
          pageSize: 50,
          total: users.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        onRow={(u) => ({ 'data-testid': `user-row-${u.username}` }) as object}
        columns={[
          {
            title: t('users.username'),
            dataIndex: 'username',
            render: (v: string) => <span translate="no">{v}</span>,
          },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (r: string) => t(`role.${r}` as 'role.admin'),
          },
          {
            title: t('users.scope'),
            render: (_, u) => (u.scopeCode === '' ? t('region.country') : `${u.scopeName} (${u.scopeCode})`),
          },
          {
            title: t('users.state'),
            render: (_, u) => (
              <Space size={4} wrap>
                {u.disabled ? (
                  <Tag color="red">{t('users.disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('users.active')}</Tag>
                )}
                {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (v: string | null) => (v ? fmt.dateTime(v) : t('users.never')),
          },
          {
            title: t('users.actions'),
            render: (_, u) =>
              u.manageable && (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
                    {t('users.edit')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setDialog({ kind: 'reset', user: u })}
                    data-testid={`user-reset-${u.username}`}
                  >
                    {t('users.reset')}
                  </Button>
                  {u.disabled ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => toggle(u)}
                      data-testid={`user-enable-${u.username}`}
                    >
                      {t('users.enable')}
                    </Button>
                  ) : (
                    <Popconfirm
                      title={t('users.disableConfirm', { name: u.username })}
                      onConfirm={() => toggle(u)}
                    >
                      <Button type="link" size="small" danger data-testid={`user-disable-${u.username}`}>
                        {t('users.disable')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {dialog?.kind === 'create' && <CreateUserDialog roles={roles} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && (
        <EditUserDialog user={dialog.user} roles={roles} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} />}
    </>
  );
}
