import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Menu, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from '../api/session';
import { ErrorBoundary } from '../components/error-boundary';
import { PageLoading } from '../components/page-loading';
import { SYSTEM_NAME } from '../hooks/use-document-title';
import { useIsMobile } from '../hooks/use-is-mobile';

const { Header, Content, Footer } = Layout;

const NAV = [
  { path: '/', label: '首页' },
  { path: '/self-check', label: '申报条件自测' },
  { path: '/policy', label: '政策文件' },
  { path: '/verify', label: '证书查询' },
];

function navKey(pathname: string): string {
  if (pathname === '/') return '/';
  return NAV.find((n) => n.path !== '/' && pathname.startsWith(n.path))?.path ?? '';
}

/** Portal pages anyone may read: home, policy documents, self-check, login. */
export function PublicLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const [open, setOpen] = useState(false);

  const items: MenuProps['items'] = NAV.map((n) => ({
    key: n.path,
    label: <Link to={n.path}>{n.label}</Link>,
  }));
  const selected = navKey(location.pathname);

  const accountButton = me ? (
    <Button type="primary" ghost={!isMobile} onClick={() => navigate('/app')}>
      进入工作台
    </Button>
  ) : location.pathname === '/login' ? null : (
    <Button type="primary" ghost={!isMobile} onClick={() => navigate('/login')}>
      登录
    </Button>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="portal-header">
        <Link to="/" className="app-brand">
          {isMobile ? '职称认定系统' : SYSTEM_NAME}
        </Link>
        {isMobile ? (
          <Flex gap={8} align="center">
            {accountButton}
            <Button
              type="text"
              className="app-header-button"
              icon={<MenuOutlined />}
              aria-label="打开导航菜单"
              onClick={() => setOpen(true)}
            />
            <Drawer
              placement="right"
              size={240}
              open={open}
              onClose={() => setOpen(false)}
              title="导航"
              styles={{ body: { padding: 0 } }}
            >
              <Menu
                mode="inline"
                items={items}
                selectedKeys={[selected]}
                onClick={() => setOpen(false)}
                aria-label="门户导航"
              />
            </Drawer>
          </Flex>
        ) : (
          <Flex align="center" gap={16} style={{ flex: 1, justifyContent: 'flex-end', minWidth: 0 }}>
            <Menu
              mode="horizontal"
              theme="dark"
              items={items}
              selectedKeys={[selected]}
              className="portal-nav"
              aria-label="门户导航"
            />
            {me ? <Typography.Text className="app-header-user">{me.person.name}</Typography.Text> : null}
            {accountButton}
          </Flex>
        )}
      </Header>
      <Content className="portal-content">
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </Content>
      <Footer className="portal-footer">
        <div>{SYSTEM_NAME}</div>
        <div>网上申报 · 审查 · 认定 · 发证 · 查询 ｜ 政策咨询请拨打首页所列认定机构联系电话</div>
      </Footer>
    </Layout>
  );
}
