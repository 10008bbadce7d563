import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { Password } from '../../../../contract/index';
import { errorMessage } from '../../../api/client';
import { useChangePassword, useLogout, useMe } from '../../../api/session';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { applyServerErrors, required, zodRule } from '../../../utils/form-rules';
import { displayUsername } from '../../../utils/format';
import { safeNext } from '../safe-next';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  useDocumentTitle('修改密码');
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const { message } = App.useApp();
  const change = useChangePassword();
  const logout = useLogout();
  const [form] = Form.useForm<Values>();
  const forced = me?.mustChangePassword ?? false;

  const onFinish = (v: Values) => {
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          message.success('密码已修改，请牢记新密码');
          navigate(next, { replace: true });
        },
        onError: (e) => {
          applyServerErrors(form, e);
        },
      },
    );
  };

  return (
    <Flex justify="center" style={{ padding: '24px 0' }}>
      <Card style={{ width: '100%', maxWidth: 460 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          修改密码
        </Typography.Title>
        {me ? (
          <Typography.Paragraph type="secondary">
            当前账号：{displayUsername(me.username)}（{me.person.name}）
          </Typography.Paragraph>
        ) : null}
        {forced ? (
          <Alert
            type="warning"
            showIcon
            title="请先修改密码"
            description="您正在使用初始密码或已被重置的密码，修改密码后才能继续使用系统。"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {change.isError ? <ActionErrorAlert error={change.error} /> : null}
        <Form<Values> name="changePassword" form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="currentPassword" label="当前密码" rules={[required('当前密码')]}>
            <Input.Password autoComplete="current-password" maxLength={64} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra="8-64位，须同时包含字母和数字"
            dependencies={['currentPassword']}
            rules={[
              required('新密码'),
              zodRule(Password),
              ({ getFieldValue }) => ({
                validator: async (_r, value: string) => {
                  if (value && value === getFieldValue('currentPassword'))
                    throw new Error('新密码不能与当前密码相同');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={64} />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认密码"
            extra="请再次输入新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: async (_r, value: string) => {
                  if (value && value !== getFieldValue('newPassword'))
                    throw new Error('两次输入的新密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={64} />
          </Form.Item>
          <Flex gap={12} wrap>
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              确认修改
            </Button>
            {forced ? (
              <Button
                loading={logout.isPending}
                onClick={() =>
                  logout.mutate(undefined, {
                    onSuccess: () => navigate('/login', { replace: true }),
                    onError: (e) => message.error(errorMessage(e)),
                  })
                }
              >
                退出登录
              </Button>
            ) : (
              <Button onClick={() => navigate(next)}>返回</Button>
            )}
          </Flex>
        </Form>
      </Card>
    </Flex>
  );
}
