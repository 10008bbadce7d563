import { CopyOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { accountKeys } from '../../../api/accounts';
import { downloadUrl } from '../../../api/client';
import { queryClient } from '../../../api/query-client';
import type { ApplicantImportResult } from '../../../api/types';
import { FileImportPanel } from '../../../components/file-import-panel';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { copyText } from '../../../utils/copy-text';
import { accountsAsText, printAccounts } from './print-accounts';

interface Props {
  open: boolean;
  employerId: number;
  employerName: string;
  onClose: () => void;
}

type Created = ApplicantImportResult['created'][number];

/** 批量导入申报人员 from the .xlsx template; shows created accounts (with initial passwords) or row errors. */
export function ApplicantImportDrawer({ open, employerId, employerName, onClose }: Props) {
  const isMobile = useIsMobile();
  const { message, modal } = App.useApp();
  const [result, setResult] = useState<ApplicantImportResult | null>(null);

  const close = () => {
    if (!result || result.created.every((c) => c.initialPassword === null)) {
      setResult(null);
      onClose();
      return;
    }
    modal.confirm({
      title: '确认已记录初始密码？',
      content: '关闭后将无法再次查看本次导入生成的初始密码。请确认已复制或打印。',
      okText: '已记录，关闭',
      cancelText: '返回',
      onOk: () => {
        setResult(null);
        onClose();
      },
    });
  };

  return (
    <Drawer
      open={open}
      onClose={close}
      title="批量导入申报人员"
      size={isMobile ? '100%' : 760}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {result ? (
        <Flex vertical gap={12}>
          <Alert
            type="success"
            showIcon
            title={`导入成功，共创建 ${result.created.length} 个申报账号`}
            description="初始密码只显示这一次，请立即复制或打印后交给本人。首次登录时系统会要求修改密码。"
          />
          <Flex gap={8} wrap>
            <Button
              icon={<CopyOutlined />}
              onClick={async () => {
                const ok = await copyText(accountsAsText(result.created));
                if (ok) message.success('已复制，可粘贴到表格软件中');
                else message.error('复制失败，请使用打印');
              }}
            >
              复制全部
            </Button>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => {
                if (!printAccounts(`${employerName} 申报账号清单`, result.created))
                  message.error('浏览器阻止了打印窗口，请允许弹出窗口后重试');
              }}
            >
              打印账号清单
            </Button>
            <Button type="primary" onClick={() => setResult(null)}>
              继续导入
            </Button>
          </Flex>
          <Table<Created>
            size="small"
            rowKey="row"
            dataSource={result.created}
            pagination={false}
            scroll={{ x: 'max-content' }}
            aria-label="导入创建的账号"
            columns={[
              { title: '行号', dataIndex: 'row', width: 70 },
              { title: '姓名', dataIndex: 'name' },
              { title: '用户名', dataIndex: 'username' },
              {
                title: '初始密码',
                dataIndex: 'initialPassword',
                render: (p: string | null) =>
                  p ? (
                    <Typography.Text code>{p}</Typography.Text>
                  ) : (
                    <Typography.Text type="secondary">已有账号，沿用原密码</Typography.Text>
                  ),
              },
            ]}
          />
        </Flex>
      ) : (
        <FileImportPanel<ApplicantImportResult>
          templateUrl={downloadUrl(`/employers/${employerId}/applicants/template.xlsx`)}
          templateName="申报人员导入模板"
          uploadPath={`/employers/${employerId}/applicants/import`}
          accept=".xlsx"
          acceptHint="仅支持 Excel（.xlsx）文件"
          hint={
            <Alert
              type="info"
              showIcon
              title={`导入到：${employerName}`}
              description="每行一人：姓名、身份证号、手机号码。姓名和身份证号须与社保参保信息一致；任何一行有误时整个文件都不会导入，请按提示修改后重新上传。"
            />
          }
          onImported={async (r) => {
            setResult(r);
            await queryClient.invalidateQueries({ queryKey: accountKeys.applicants(employerId) });
          }}
        />
      )}
    </Drawer>
  );
}
