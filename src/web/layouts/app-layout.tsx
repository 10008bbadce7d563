import {
  BellOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  KeyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Badge, Button, Drawer, Flex, Layout, Menu, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { useNotifications } from '../api/review';
import { useLogout, useMe } from '../api/session';
import type { RoleAssignment } from '../api/types';
import { roleLabel } from '../auth/role-label';
import { useAccess } from '../auth/use-access';
import { ErrorBoundary } from '../components/error-boundary';
import { PageLoading } from '../components/page-loading';
import { useIsMobile } from '../hooks/use-is-mobile';
import { SYSTEM_NAME, selectedMenuKey, visibleMenu } from './menu-config';

const { Header, Sider, Content } = Layout;

/** Unread notifications; opens 站内消息. */
function NotificationBell() {
  const { data } = useNotifications();
  const navigate = useNavigate();
  return (
    <Badge count={data?.unread ?? 0} size="small" offset={[-6, 6]}>
      <Button
        type="text"
        className="app-header-button"
        icon={<BellOutlined />}
        aria-label={`站内消息${data?.unread ? `，${data.unread} 条未读` : ''}`}
        onClick={() => void navigate('/app/notifications')}
      />
    </Badge>
  );
}

function RoleChips({ roles }: { roles: RoleAssignment[] }) {
  return (
    <Flex wrap gap={6} aria-label="当前身份">
      {roles.map((r) => (
        <Tag
          key={r.id}
          color={r.role === 'applicant' ? 'green' : r.organisation ? 'blue' : 'gold'}
          style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
        >
          {roleLabel(r)}
        </Tag>
      ))}
    </Flex>
  );
}

export function AppLayout() {
  const { data: me } = useMe();
  const access = useAccess();
  const location = useLocation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const entries = useMemo(() => visibleMenu(access), [access]);
  const selected = selectedMenuKey(location.pathname, entries);
  const items: MenuProps['items'] = entries.map((m) => ({
    key: m.path,
    icon: m.icon,
    label: <Link to={m.path}>{m.label}</Link>,
  }));

  const onLogout = () =>
    logout.mutate(undefined, {
      onSuccess: () => {
        message.success('已退出登录');
        navigate('/login', { replace: true });
      },
      onError: (e) => message.error(errorMessage(e)),
    });

  if (!me) return null;
  const passwordPath = `/account/password?next=${encodeURIComponent(location.pathname + location.search)}`;

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
      aria-label="功能菜单"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="app-header">
        <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
          {isMobile ? (
            <Button
              type="text"
              className="app-header-button"
              icon={<MenuOutlined />}
              aria-label="打开导航菜单"
              onClick={() => setDrawerOpen(true)}
            />
          ) : (
            <Button
              type="text"
              className="app-header-button"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              onClick={() => setCollapsed((c) => !c)}
            />
          )}
          <Link to="/" className="app-brand" title="返回门户首页">
            {isMobile ? '职称认定系统' : SYSTEM_NAME}
          </Link>
        </Flex>
        <Flex align="center" gap={isMobile ? 4 : 12}>
          <NotificationBell />
          <Typography.Text className="app-header-user" ellipsis>
            <UserOutlined /> <span data-testid="current-user-name">{me.person.name}</span>
          </Typography.Text>
          {!isMobile ? (
            <Button
              type="text"
              className="app-header-button"
              icon={<KeyOutlined />}
              onClick={() => navigate(passwordPath)}
            >
              修改密码
            </Button>
          ) : null}
          <Button
            type="text"
            className="app-header-button"
            icon={<LogoutOutlined />}
            loading={logout.isPending}
            onClick={onLogout}
            aria-label="退出登录"
          >
            {isMobile ? null : '退出登录'}
          </Button>
        </Flex>
      </Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={280}
            title="导航菜单"
            styles={{ body: { padding: 0 } }}
          >
            <div style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
              <Typography.Text strong>{me.person.name}</Typography.Text>
              <div style={{ marginTop: 8 }}>
                <RoleChips roles={me.roles} />
              </div>
              <Button
                size="small"
                icon={<KeyOutlined />}
                style={{ marginTop: 12 }}
                onClick={() => {
                  setDrawerOpen(false);
                  navigate(passwordPath);
                }}
              >
                修改密码
              </Button>
            </div>
            {menu}
          </Drawer>
        ) : (
          <Sider width={220} collapsedWidth={64} collapsed={collapsed} theme="light" className="app-sider">
            {menu}
          </Sider>
        )}
        <Content className="app-content">
          {!isMobile ? (
            <div className="app-identity-bar">
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                当前身份：
              </Typography.Text>
              <RoleChips roles={me.roles} />
            </div>
          ) : null}
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}
