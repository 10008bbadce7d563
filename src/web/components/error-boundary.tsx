import { CloseCircleFilled, ExclamationCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from 'react-router';

const STATUS_ICON = {
  warning: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
  error: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  info: <InfoCircleFilled style={{ color: '#1d5fae' }} />,
};

/**
 * What antd's Result shows for a status (icon, title, sub-title, actions), drawn here: this module is part
 * of every page's first load, and Result brings its 403/404/500 illustrations (about 9 KB compressed).
 */
function Result({
  status,
  title,
  subTitle,
  extra,
  children,
}: {
  status: keyof typeof STATUS_ICON;
  title: string;
  subTitle: string;
  extra: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Flex vertical align="center" gap={8} style={{ padding: '48px 32px', textAlign: 'center' }}>
      <div style={{ fontSize: 72, lineHeight: 1, marginBottom: 16 }} aria-hidden>
        {STATUS_ICON[status]}
      </div>
      <Typography.Title level={3} style={{ margin: 0, fontWeight: 400 }}>
        {title}
      </Typography.Title>
      <Typography.Text type="secondary">{subTitle}</Typography.Text>
      <Flex wrap justify="center" gap={8} style={{ marginTop: 16 }}>
        {extra}
      </Flex>
      {children ? <div style={{ marginTop: 16 }}>{children}</div> : null}
    </Flex>
  );
}

function isChunkLoadError(error: unknown): boolean {
  const msg = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Failed to fetch dynamically|error loading dynamically/i.test(
    msg,
  );
}

export function ErrorFallback({ error, onReset }: { error: unknown; onReset?: () => void }) {
  if (isChunkLoadError(error)) {
    return (
      <Result
        status="warning"
        title="页面加载失败"
        subTitle="系统可能已经更新，或网络连接不稳定。请刷新页面后重试。"
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        }
      />
    );
  }
  const detail = error instanceof Error ? error.message : null;
  return (
    <Result
      status="error"
      title="页面出错了"
      subTitle="很抱歉，页面发生了意外错误。您可以重试，或返回首页。如问题持续出现，请联系系统管理员。"
      extra={[
        onReset ? (
          <Button key="retry" type="primary" onClick={onReset}>
            重试
          </Button>
        ) : (
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        ),
        <Button key="home" href="/">
          返回首页
        </Button>,
      ]}
    >
      {detail ? (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
          错误信息：{detail}
        </Typography.Paragraph>
      ) : null}
    </Result>
  );
}

interface State {
  error: unknown;
  hasError: boolean;
}

/** Catches render errors below it so one broken panel does not blank the whole system. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: unknown }, State> {
  override state: State = { error: null, hasError: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, hasError: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for the browser console of whoever reports the problem.
    console.warn('页面渲染错误', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: unknown }): void {
    if (this.state.hasError && prev.resetKey !== this.props.resetKey)
      this.setState({ error: null, hasError: false });
  }

  override render() {
    if (this.state.hasError) {
      return (
        <ErrorFallback
          error={this.state.error}
          onReset={() => this.setState({ error: null, hasError: false })}
        />
      );
    }
    return this.props.children;
  }
}

/** errorElement of the router: render/loader errors and unknown routes. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Result
        status="info"
        title="页面不存在"
        subTitle="您访问的页面不存在或已被移除。"
        extra={
          <Button type="primary" href="/">
            返回首页
          </Button>
        }
      />
    );
  }
  return <ErrorFallback error={error} />;
}
