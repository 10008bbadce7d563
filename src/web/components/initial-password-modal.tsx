import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { copyText } from '../utils/copy-text';

export interface InitialPasswordInfo {
  /** Whose account, e.g. '张三（经办人审查）'. */
  subject: string;
  username: string;
  initialPassword: string;
}

interface Props {
  info: InitialPasswordInfo | null;
  title?: string;
  onClose: () => void;
}

/**
 * Shows a newly issued initial password exactly once. The server never returns it again, so the
 * dialog says so, offers a copy button and only closes by an explicit acknowledgement.
 */
export function InitialPasswordModal({ info, title = '账号已创建', onClose }: Props) {
  const { message } = App.useApp();
  const copyAll = async () => {
    if (!info) return;
    const ok = await copyText(`用户名：${info.username}\n初始密码：${info.initialPassword}`);
    if (ok) message.success('已复制用户名和初始密码');
    else message.error('复制失败，请手动抄写');
  };
  return (
    <Modal
      open={info !== null}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={copyAll}>
          复制账号密码
        </Button>,
        <Button key="ok" type="primary" onClick={onClose}>
          我已记录
        </Button>,
      ]}
    >
      {info ? (
        <>
          <Alert
            type="warning"
            showIcon
            title="初始密码只显示这一次"
            description="关闭本窗口后将无法再次查看，请立即复制或抄写并交给本人。首次登录时系统会要求修改密码。"
            style={{ marginBottom: 16 }}
          />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="账号使用人">{info.subject}</Descriptions.Item>
            <Descriptions.Item label="用户名">
              <Typography.Text strong>{info.username}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="初始密码">
              <Typography.Text strong code data-testid="initial-password" style={{ fontSize: 16 }}>
                {info.initialPassword}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </Modal>
  );
}
