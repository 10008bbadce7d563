import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useLogin, useMe } from '../../../api/session';
import type { LoginBody } from '../../../api/types';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { safeNext } from '../safe-next';

export function LoginPage() {
  useDocumentTitle('登录');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const { data: me } = useMe();
  const login = useLogin();
  const [form] = Form.useForm<LoginBody>();
  const expired = params.get('next') !== null;

  useEffect(() => {
    if (login.isError) form.setFieldValue('password', '');
  }, [login.isError, form]);

  // Already signed in (e.g. opened /login in a second tab): go straight on.
  if (me && !login.isPending && !login.isSuccess) {
    return (
      <Navigate
        to={me.mustChangePassword ? `/account/password?next=${encodeURIComponent(next)}` : next}
        replace
      />
    );
  }

  const onFinish = (values: LoginBody) => {
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: (who) => {
          if (who.mustChangePassword)
            navigate(`/account/password?next=${encodeURIComponent(next)}`, { replace: true });
          else navigate(next, { replace: true });
        },
      },
    );
  };

  return (
    <Flex justify="center" style={{ padding: '24px 0' }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          用户登录
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          申报人员、用人单位、主管部门及人社部门工作人员均由此登录
        </Typography.Paragraph>
        {expired && !login.isError ? (
          <Alert
            type="info"
            showIcon
            title="请先登录，登录后将返回您刚才访问的页面。"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {login.isError ? <ActionErrorAlert error={login.error} /> : null}
        <Form<LoginBody>
          name="login"
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          autoComplete="on"
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名或身份证号' }]}
          >
            <Input
              size="large"
              prefix={<UserOutlined />}
              placeholder="用户名或身份证号"
              autoComplete="username"
              autoFocus
              maxLength={64}
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              size="large"
              prefix={<LockOutlined />}
              placeholder="请输入密码"
              autoComplete="current-password"
              maxLength={64}
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
          忘记密码或账号被锁定：申报人员请联系所在单位的经办人重置；单位审查账号请联系上级主管部门或人社部门。
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
