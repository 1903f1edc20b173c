import { Suspense, useState, type ReactNode } from 'react';
import { Button, Drawer, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import {
  AimOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CheckSquareOutlined,
  ControlOutlined,
  CopyOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FileDoneOutlined,
  HomeOutlined,
  ImportOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MenuOutlined,
  OrderedListOutlined,
  ScheduleOutlined,
  AlertOutlined,
  HeartOutlined,
  UserOutlined,
  ProjectOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout, useUser, type User } from '../api/auth';
import { LanguageSwitch } from './LanguageSwitch';
import { OutboxBadge } from '../offline/OutboxBadge';
import { useIsMobile } from './responsive';
import { FullPageSpin } from './RequireAuth';

const NAV = [
  { key: 'dashboard', path: '/dashboard', icon: <DashboardOutlined /> },
  { key: 'measures', path: '/measures', icon: <LineChartOutlined /> },
  { key: 'regions', path: '/regions', icon: <ApartmentOutlined /> },
  { key: 'households', path: '/households', icon: <HomeOutlined /> },
  { key: 'myHouseholds', path: '/my-households', icon: <UserOutlined /> },
  { key: 'responsibility', path: '/responsibility', icon: <TeamOutlined /> },
  { key: 'worklists', path: '/worklists', icon: <OrderedListOutlined /> },
  { key: 'warnings', path: '/warnings', icon: <AlertOutlined /> },
  { key: 'cases', path: '/cases', icon: <FileDoneOutlined /> },
  { key: 'safetyNet', path: '/safety-net', icon: <SafetyOutlined /> }, // who may run the safety net
  { key: 'linkage', path: '/linkage', icon: <NodeIndexOutlined /> },
  { key: 'policy', path: '/policy', icon: <ControlOutlined /> },
  { key: 'import', path: '/import', icon: <ImportOutlined /> },
  { key: 'matching', path: '/matching', icon: <FileSearchOutlined /> },
  { key: 'duplicates', path: '/duplicates', icon: <CopyOutlined /> },
  { key: 'quality', path: '/quality', icon: <SafetyCertificateOutlined /> },
  { key: 'factQueue', path: '/facts', icon: <SafetyCertificateOutlined /> }, // staff: a cadre sees what awaits confirmation
  { key: 'pairs', path: '/pairs', icon: <TeamOutlined /> },
  { key: 'targets', path: '/targets', icon: <AimOutlined /> },
  { key: 'plans', path: '/plans', icon: <SolutionOutlined /> },
  { key: 'knowledge', path: '/knowledge', icon: <BookOutlined /> },
  { key: 'projects', path: '/projects', icon: <ProjectOutlined /> },
  { key: 'evaluation', path: '/evaluation', icon: <CheckSquareOutlined /> },
  { key: 'burden', path: '/burden', icon: <ScheduleOutlined /> },
  { key: 'participation', path: '/participation', icon: <HeartOutlined /> },
  { key: 'grievances', path: '/grievances', icon: <AlertOutlined /> },
  { key: 'org', path: '/org', icon: <HeartOutlined /> }, // organisation accounts see only this
  { key: 'audit', path: '/audit', icon: <AuditOutlined /> },
  { key: 'users', path: '/users', icon: <UserSwitchOutlined /> }, // admins and county officers
] as const;

type NavKey = (typeof NAV)[number]['key'];

/** What the civil-affairs roles are shown: the registry they read, cases, policy, the safety net. */
const CIVIL_AFFAIRS_NAV: readonly NavKey[] = [
  'dashboard',
  'regions',
  'households',
  'cases',
  'safetyNet',
  'linkage',
  'policy',
  'audit',
];

function navShown(key: NavKey, user: User): boolean {
  if ((user.role === 'organisation') !== (key === 'org')) return false;
  if (key === 'users') return user.role === 'admin' || user.role === 'county_officer';
  if (key === 'safetyNet') return user.permissions.runSafetyNet;
  if (user.role === 'civil_affairs_county' || user.role === 'civil_affairs_township')
    return CIVIL_AFFAIRS_NAV.includes(key);
  return true;
}

function useSelectedKey(): NavKey {
  const { pathname } = useLocation();
  const first = pathname.split('/')[1] ?? '';
  return NAV.find((n) => n.path === `/${first}`)?.key ?? 'dashboard';
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const selected = useSelectedKey();
  const user = useUser();
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      style={{ borderInlineEnd: 'none' }}
      onClick={onNavigate}
      items={NAV.filter((n) => navShown(n.key, user)).map((n) => ({
        key: n.key,
        icon: n.icon,
        label: (
          <Link to={n.path} data-testid={`nav-${n.key}`}>
            {t(`nav.${n.key}`)}
          </Link>
        ),
      }))}
    />
  );
}

function UserInfo({ user, vertical }: { user: User; vertical?: boolean }) {
  const { t } = useTranslation();
  const scopeName = user.scope.code === '' ? t('region.country') : user.scope.name;
  return (
    <Space
      orientation={vertical ? 'vertical' : 'horizontal'}
      size={vertical ? 4 : 8}
      wrap
      data-testid="user-info"
    >
      <span>
        <UserOutlined /> <span data-testid="user-name">{user.displayName}</span>
      </span>
      <Tag color="blue" data-testid="user-role">
        {t(`role.${user.role}`)}
      </Tag>
      <span data-testid="user-scope">
        <EnvironmentOutlined /> {scopeName}
      </span>
      <Link to="/change-password" data-testid="change-password-link">
        {t('password.link')}
      </Link>
    </Space>
  );
}

/** The signed-in frame: top bar, navigation (a drawer on phones) and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const mobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const logout = useLogout();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const { pathname } = useLocation();

  const onLogout = () =>
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
  const logoutButton = (block?: boolean): ReactNode => (
    <Button
      icon={<LogoutOutlined />}
      type={block ? 'default' : 'text'}
      block={block}
      loading={logout.isPending}
      onClick={onLogout}
      data-testid="logout"
    >
      {t('auth.logout')}
    </Button>
  );

  // organisation accounts: their portal only (the API refuses everything else anyway)
  if (user.role === 'organisation' && !pathname.startsWith('/org')) return <Navigate to="/org" replace />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: mobile ? '0 8px' : '0 24px',
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {mobile && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            data-testid="nav-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Link to="/dashboard" style={{ flex: 'none' }}>
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="app-name">
            {t('app.name')}
          </Typography.Title>
        </Link>
        <div style={{ flex: 1, minWidth: 0 }} />
        {!mobile && <UserInfo user={user} />}
        <OutboxBadge user={user} />
        <LanguageSwitch />
        {!mobile && logoutButton()}
      </Layout.Header>
      <Layout>
        {!mobile && (
          <Layout.Sider
            width={200}
            theme="light"
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <NavMenu />
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {mobile && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={280}
          title={t('app.name')}
          data-testid="nav-drawer"
        >
          <div style={{ marginBottom: 16 }}>
            <UserInfo user={user} vertical />
          </div>
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
          <div style={{ marginTop: 16 }}>{logoutButton(true)}</div>
        </Drawer>
      )}
    </Layout>
  );
}
