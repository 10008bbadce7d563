import {
  DeleteOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  SendOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { levelNames } from '../../../../contract/index';
import {
  approvalDocumentUrl,
  useApproval,
  useDiscardApproval,
  useIssueApproval,
  type ApprovalDetail,
} from '../../../api/approvals';
import { errorMessage, isApiError } from '../../../api/client';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { formatChineseDate } from '../../../utils/format';

type Item = ApprovalDetail['items'][number];

interface Props {
  id: number | null;
  /** The person holds a leader seat of an agency (the server checks it is this 批复's agency). */
  canIssue: boolean;
  onClose: () => void;
  /** Open 发文设置, with why (e.g. the 机关代字 is missing). */
  onSettings: (detail: ApprovalDetail, reason?: string) => void;
}

export function ApprovalStatusTag({ status }: { status: ApprovalDetail['status'] }) {
  return status === 'issued' ? <Tag color="success">已签发</Tag> : <Tag color="gold">草稿</Tag>;
}

/** One 批复: header fields, the name list, and 签发 / 删除草稿 / downloads. */
export function ApprovalDrawer({ id, canIssue, onClose, onSettings }: Props) {
  const isMobile = useIsMobile();
  const { modal, message } = App.useApp();
  const detail = useApproval(id);
  const issue = useIssueApproval();
  const discard = useDiscardApproval();
  const d = detail.data;
  /**
   * An awaited confirm is "silent" in antd: a failed onOk keeps the dialog open with our message instead
   * of leaving an unhandled rejection behind.
   */
  const ask = (config: Parameters<typeof modal.confirm>[0]) =>
    void (async () => {
      await modal.confirm(config);
    })();

  const confirmIssue = (doc: ApprovalDetail) => {
    if (!doc.documentPrefix) {
      // The server would refuse (DOCUMENT_PREFIX_MISSING): ask for the 机关代字 first.
      onSettings(doc, '请先设置本机构的发文字号前缀（机关代字，如“章人社字”）再签发批复');
      return;
    }
    ask({
      title: `签发批复（${doc.items.length} 人）？`,
      content: (
        <>
          <Typography.Paragraph>{doc.title}</Typography.Paragraph>
          <Typography.Paragraph strong style={{ marginBottom: 0 }}>
            签发后将分配文号、为名单中每人发放证书并通知本人，批复不可再修改。
          </Typography.Paragraph>
        </>
      ),
      okText: '确认签发',
      cancelText: '取消',
      width: 480,
      onOk: () =>
        issue
          .mutateAsync(doc.id)
          .then((issued) => void message.success(`批复已签发，文号 ${issued.documentNumber ?? ''}`))
          .catch((e: unknown) => {
            if (isApiError(e) && e.code === 'DOCUMENT_PREFIX_MISSING') {
              // Close this dialog and ask for the 机关代字 first.
              onSettings(doc, e.message);
              return;
            }
            void message.error(errorMessage(e));
            throw e;
          }),
    });
  };

  const confirmDiscard = (doc: ApprovalDetail) =>
    ask({
      title: '删除这份批复草稿？',
      content: `草稿中的 ${doc.items.length} 人将回到“待发证人员”，可重新起草。`,
      okText: '确认删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        discard
          .mutateAsync(doc.id)
          .then(() => {
            message.success('批复草稿已删除');
            onClose();
          })
          .catch((e: unknown) => {
            void message.error(errorMessage(e));
            throw e;
          }),
    });

  const footer = d ? (
    <Flex gap={8} wrap justify="flex-end">
      {d.status === 'draft' ? (
        <>
          <Button danger icon={<DeleteOutlined />} onClick={() => confirmDiscard(d)}>
            删除草稿
          </Button>
          {canIssue ? (
            <Button type="primary" icon={<SendOutlined />} onClick={() => confirmIssue(d)}>
              签发
            </Button>
          ) : null}
        </>
      ) : (
        <>
          <Button icon={<FileWordOutlined />} href={approvalDocumentUrl(d.id, 'docx')} download>
            下载 DOCX
          </Button>
          <Button type="primary" icon={<FilePdfOutlined />} href={approvalDocumentUrl(d.id, 'pdf')} download>
            下载 PDF
          </Button>
        </>
      )}
    </Flex>
  ) : null;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={d ? (d.documentNumber ?? '批复草稿') : '批复'}
      size={isMobile ? '100%' : 860}
      footer={footer}
      destroyOnHidden
    >
      {detail.isError ? <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {!d ? (
        detail.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : null
      ) : (
        <Flex vertical gap={16}>
          {d.status === 'draft' && !d.documentPrefix ? (
            <Alert
              type="warning"
              showIcon
              title="本机构尚未设置机关代字，签发前须先设置（文号按“机关代字〔年份〕序号号”编排）"
              action={
                <Button size="small" icon={<SettingOutlined />} onClick={() => onSettings(d)}>
                  发文设置
                </Button>
              }
            />
          ) : null}
          {d.unprintable.length ? (
            <Alert
              type="warning"
              showIcon
              title="以下人员的姓名或单位中有系统字库未收录的生僻字，批复和电子证书的 PDF 中这些字将显示为空框"
              description={
                <>
                  {d.unprintable.map((u) => `${u.name}（${u.characters.join('、')}）`).join('；')}
                  。证书编号、查询和 Excel 中的文字不受影响；如需纸质文书，请核对后手工补写，或改用 DOCX
                  编辑。
                </>
              }
            />
          ) : null}
          {d.status === 'draft' && !canIssue ? (
            <Alert type="info" showIcon title="草稿须由本机构领导审查账号签发" />
          ) : null}
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { whiteSpace: 'nowrap', width: 112 } }}
            items={[
              { key: 'status', label: '状态', children: <ApprovalStatusTag status={d.status} /> },
              {
                key: 'number',
                label: '文号',
                children:
                  d.documentNumber ??
                  (d.documentPrefix
                    ? `签发时分配（${d.documentPrefix}〔年份〕序号号）`
                    : '签发时分配（尚未设置机关代字）'),
              },
              { key: 'title', label: '标题', children: d.title },
              { key: 'recipient', label: '主送机关', children: d.recipient },
              { key: 'issuer', label: '发文机关', children: d.issuer },
              { key: 'effective', label: '资格取得时间', children: formatChineseDate(d.effectiveOn) },
              { key: 'copyTo', label: '抄送', children: d.copyTo || '—' },
              {
                key: 'issuedOn',
                label: '签发日期',
                children: d.issuedOn ? formatChineseDate(d.issuedOn) : '未签发',
              },
            ]}
          />
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              名单（{d.items.length} 人）
            </Typography.Title>
            <Table<Item>
              rowKey="applicationId"
              size="small"
              aria-label="批复名单"
              dataSource={d.items}
              scroll={{ x: 'max-content' }}
              pagination={d.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              columns={[
                { title: '序号', key: 'seq', render: (_: unknown, r) => d.items.indexOf(r) + 1, width: 60 },
                { title: '姓名', dataIndex: 'name' },
                { title: '性别', dataIndex: 'gender' },
                { title: '工作单位', dataIndex: 'employer' },
                { title: '系列', dataIndex: 'series' },
                { title: '专业', dataIndex: 'specialty' },
                { title: '资格名称', dataIndex: 'qualification' },
                { title: '级别', dataIndex: 'level', render: (v: Item['level']) => levelNames[v] },
                {
                  title: '证书编号',
                  dataIndex: 'certificateNumber',
                  render: (v: string | null) =>
                    v ?? <Typography.Text type="secondary">签发后生成</Typography.Text>,
                },
              ]}
            />
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
