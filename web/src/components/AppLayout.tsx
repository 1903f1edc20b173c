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
  ReadOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  CloudSyncOutlined,
  RiseOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout, useUser, type User } from '../api/auth';
import { mayReadOutcomes } from '../api/outcomes';
import { LanguageSwitch } from './LanguageSwitch';
import { OutboxBadge } from '../offline/OutboxBadge';
import { InboxBadge } from './inbox/InboxBadge';
import { useIsMobile } from './responsive';
import { FullPageSpin } from './RequireAuth';

type Group =
  'registry' | 'assistance' | 'safetyNet' | 'monitoring' | 'participation' | 'quality' | 'administration';

/** The menu in its groups (docs/ui.md "Menus by role"); `group` absent: at the top, ungrouped. */
const NAV = [
  { key: 'dashboard', path: '/dashboard', icon: <DashboardOutlined /> },
  { key: 'measures', path: '/measures', icon: <LineChartOutlined /> },
  { key: 'myHouseholds', path: '/my-households', icon: <UserOutlined />, group: 'registry' },
  { key: 'field', path: '/field', icon: <CloudSyncOutlined />, group: 'registry' },
  { key: 'regions', path: '/regions', icon: <ApartmentOutlined />, group: 'registry' },
  { key: 'households', path: '/households', icon: <HomeOutlined />, group: 'registry' },
  { key: 'factQueue', path: '/facts', icon: <SafetyCertificateOutlined />, group: 'registry' },
  { key: 'import', path: '/import', icon: <ImportOutlined />, group: 'registry' },
  { key: 'responsibility', path: '/responsibility', icon: <TeamOutlined />, group: 'assistance' },
  { key: 'plans', path: '/plans', icon: <SolutionOutlined />, group: 'assistance' },
  { key: 'knowledge', path: '/knowledge', icon: <BookOutlined />, group: 'assistance' },
  { key: 'practices', path: '/practices', icon: <ReadOutlined />, group: 'assistance' },
  { key: 'outcomes', path: '/outcomes', icon: <RiseOutlined />, group: 'assistance' },
  { key: 'effort', path: '/effort', icon: <ReadOutlined />, group: 'assistance' },
  { key: 'pairs', path: '/pairs', icon: <TeamOutlined />, group: 'assistance' },
  { key: 'targets', path: '/targets', icon: <AimOutlined />, group: 'assistance' },
  { key: 'projects', path: '/projects', icon: <ProjectOutlined />, group: 'assistance' },
  { key: 'safetyNet', path: '/safety-net', icon: <SafetyOutlined />, group: 'safetyNet' },
  { key: 'linkage', path: '/linkage', icon: <NodeIndexOutlined />, group: 'safetyNet' },
  { key: 'warnings', path: '/warnings', icon: <AlertOutlined />, group: 'monitoring' },
  { key: 'worklists', path: '/worklists', icon: <OrderedListOutlined />, group: 'monitoring' },
  { key: 'cases', path: '/cases', icon: <FileDoneOutlined />, group: 'monitoring' },
  { key: 'participation', path: '/participation', icon: <HeartOutlined />, group: 'participation' },
  { key: 'grievances', path: '/grievances', icon: <AlertOutlined />, group: 'participation' },
  { key: 'org', path: '/org', icon: <HeartOutlined />, group: 'participation' }, // organisations only
  { key: 'quality', path: '/quality', icon: <SafetyCertificateOutlined />, group: 'quality' },
  { key: 'matching', path: '/matching', icon: <FileSearchOutlined />, group: 'quality' },
  { key: 'duplicates', path: '/duplicates', icon: <CopyOutlined />, group: 'quality' },
  { key: 'evaluation', path: '/evaluation', icon: <CheckSquareOutlined />, group: 'quality' },
  { key: 'policy', path: '/policy', icon: <ControlOutlined />, group: 'administration' },
  { key: 'settings', path: '/settings', icon: <ControlOutlined />, group: 'administration' },
  { key: 'burden', path: '/burden', icon: <ScheduleOutlined />, group: 'administration' },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, group: 'administration' },
  { key: 'users', path: '/users', icon: <UserSwitchOutlined />, group: 'administration' },
] as const satisfies readonly { key: string; path: string; icon: ReactNode; group?: Group }[];

type NavKey = (typeof NAV)[number]['key'];
const GROUPS: readonly Group[] = [
  'registry',
  'assistance',
  'safetyNet',
  'monitoring',
  'participation',
  'quality',
  'administration',
];

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

/**
 * Whether a role is shown a menu item: from the permission table (src/domain/roles.ts, the same the
 * server checks), so that nothing shown answers 403 or 404 (test/browser/roles-walk.test.ts).
 */
export function navShown(key: NavKey, user: User): boolean {
  const p = user.permissions;
  if ((user.role === 'organisation') !== (key === 'org')) return false;
  if (user.role === 'civil_affairs_county' || user.role === 'civil_affairs_township')
    return CIVIL_AFFAIRS_NAV.includes(key) && (key !== 'safetyNet' || p.runSafetyNet);
  switch (key) {
    case 'users':
      return p.manageUsers;
    case 'safetyNet':
      return p.runSafetyNet;
    case 'grievances':
      return p.handleGrievances;
    case 'myHouseholds': // the households a cadre is linked to: village cadres only
      return user.role === 'village_cadre';
    case 'field': // 外业/离线 (docs/offline.md): village cadres and work-team members
      return user.role === 'village_cadre';
    case 'outcomes': // what worked (docs/what-worked.md): township and county offices
      return mayReadOutcomes(user);
    default:
      return true;
  }
}

/** The to-do home (待办), first in every role's menu. */
const HOME_ITEM = { key: 'todo', path: '/todo', icon: <CheckSquareOutlined /> } as const;

function useSelectedKey(): string {
  const { pathname } = useLocation();
  const first = `/${pathname.split('/')[1] ?? ''}`;
  if (first === HOME_ITEM.path) return HOME_ITEM.key;
  return NAV.find((n) => n.path === first)?.key ?? '';
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const selected = useSelectedKey();
  const user = useUser();
  const item = (n: { key: string; path: string; icon: ReactNode }, label: string) => ({
    key: n.key,
    icon: n.icon,
    label: (
      <Link to={n.path} data-testid={`nav-${n.key}`}>
        {label}
      </Link>
    ),
  });
  const shown = NAV.filter((n) => navShown(n.key, user));
  const top = shown.filter((n) => !('group' in n)).map((n) => item(n, t(`nav.${n.key}`)));
  const groups = GROUPS.map((g) => ({
    type: 'group' as const,
    key: `group-${g}`,
    label: t(`menu.groups.${g}`),
    children: shown.filter((n) => 'group' in n && n.group === g).map((n) => item(n, t(`nav.${n.key}`))),
  })).filter((g) => g.children.length > 0);
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      style={{ borderInlineEnd: 'none' }}
      onClick={onNavigate}
      items={[item(HOME_ITEM, t('menu.todo')), ...top, ...groups]}
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
  if (user.role === 'organisation' && !pathname.startsWith('/org') && !pathname.startsWith(HOME_ITEM.path))
    return <Navigate to="/org" replace />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          // on a 390 px phone six items with 12 px gaps were 3 px wider than the screen
          gap: mobile ? 4 : 12,
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
        <InboxBadge user={user} />
        <OutboxBadge user={user} />
        <LanguageSwitch />
        {!mobile && logoutButton()}
      </Layout.Header>
      <Layout>
        {!mobile && (
          <Layout.Sider
            width={200}
            theme="light"
            style={{
              borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
              position: 'sticky',
              top: 64,
              height: 'calc(100vh - 64px)',
              overflowY: 'auto',
            }}
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
