/**
 * 年度报送 (四、（七）): an agency (county agency or self-recognition unit) fills in its note, sees the
 * 批复 and certificate count the system lists and submits them to the city office; the city office
 * sees every agency's status, the late ones in red, and accepts or returns each report.
 */
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { yearEndStatusNames, type YearEndStatus } from '../../../../contract/reports';
import { errorMessage } from '../../../api/client';
import {
  certificatesXlsxUrl,
  useDecideYearEndReport,
  useMyYearEndReport,
  useSaveYearEndReport,
  useSubmitYearEndReport,
  useYearEndList,
  useYearEndReport,
  type YearEndReport,
  type YearEndRow,
} from '../../../api/reports';
import { useAccess } from '../../../auth/use-access';
import { useConfirmWithNote } from '../../../components/confirm-with-note';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatChineseDate, formatInstant } from '../../../utils/format';
import { YearSelect, currentYear } from './year-select';

const statusColors: Record<YearEndStatus, string> = {
  not_started: 'default',
  draft: 'processing',
  submitted: 'blue',
  accepted: 'green',
  returned: 'orange',
};

export function YearEndStatusTag({ status }: { status: YearEndStatus }) {
  return <Tag color={statusColors[status]}>{yearEndStatusNames[status]}</Tag>;
}

export function LateTag({ late }: { late: boolean }) {
  return late ? <Tag color="red">逾期</Tag> : null;
}

function DocumentsTable({ report }: { report: YearEndReport }) {
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      aria-label="本年度批复"
      dataSource={report.documents}
      locale={{ emptyText: '本年度尚未签发批复' }}
      columns={[
        { title: '发文字号', dataIndex: 'documentNumber', width: 200 },
        { title: '标题', dataIndex: 'title' },
        { title: '成文日期', dataIndex: 'issuedOn', width: 140, render: (d: string) => formatChineseDate(d) },
        { title: '人数', dataIndex: 'count', width: 70, align: 'right' },
      ]}
    />
  );
}

function ReportSummary({ report }: { report: YearEndReport }) {
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
      <Descriptions.Item label="报送单位">{report.agencyName}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <Space size={4}>
          <YearEndStatusTag status={report.status} />
          <LateTag late={report.late} />
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="报送截止">{formatChineseDate(report.deadline)}</Descriptions.Item>
      <Descriptions.Item label="批复文件">{report.documentCount} 件</Descriptions.Item>
      <Descriptions.Item label="发放证书">{report.certificateCount} 本</Descriptions.Item>
      <Descriptions.Item label="报送时间">{formatInstant(report.submittedAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The agency's own report of the year. */
function AgencyReport({ year }: { year: number }) {
  const { message, modal } = App.useApp();
  const { data, isPending, isError, error, refetch } = useMyYearEndReport(year);
  const save = useSaveYearEndReport();
  const submit = useSubmitYearEndReport();
  const [note, setNote] = useState('');
  useEffect(() => setNote(data?.note ?? ''), [data?.note, data?.year]);
  if (isError) return <QueryErrorAlert error={error} onRetry={() => void refetch()} />;
  if (isPending) return <Card loading />;
  const r = data;
  const dirty = note.trim() !== r.note;
  return (
    <Flex vertical gap={16}>
      {r.status === 'returned' ? (
        <Alert type="warning" showIcon title="市职称办退回了年度报告" description={r.cityComment ?? ''} />
      ) : null}
      {r.status === 'accepted' ? (
        <Alert
          type="success"
          showIcon
          title="市职称办已接收年度报告"
          description={r.cityComment ?? undefined}
        />
      ) : null}
      {r.late && r.status !== 'accepted' && r.status !== 'submitted' ? (
        <Alert
          type="error"
          showIcon
          title={`已超过报送截止日（${formatChineseDate(r.deadline)}），请尽快报送`}
        />
      ) : null}
      <ReportSummary report={r} />
      <Card
        size="small"
        title={`${year}年度签发的批复`}
        extra={
          <Button icon={<DownloadOutlined />} href={certificatesXlsxUrl(year)}>
            导出证书信息（Excel）
          </Button>
        }
      >
        <DocumentsTable report={r} />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          批复清单和证书数由系统生成，报送时一并固定；证书信息 Excel 为证书管理中的发证表。
        </Typography.Paragraph>
      </Card>
      <Card size="small" title="报送说明">
        <Input.TextArea
          aria-label="报送说明"
          rows={4}
          maxLength={2000}
          showCount
          value={note}
          disabled={!r.canEdit}
          placeholder="本年度考核认定工作完成情况等"
          onChange={(e) => setNote(e.target.value)}
        />
        <Flex gap={8} justify="flex-end" style={{ marginTop: 28 }}>
          <Button
            disabled={!r.canEdit || !dirty}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { year, note },
                {
                  onSuccess: () => void message.success('已保存'),
                  onError: (e) => void message.error(errorMessage(e)),
                },
              )
            }
          >
            保存
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={!r.canSubmit}
            title={r.canSubmit ? undefined : '由本单位领导审查账号报送'}
            loading={submit.isPending}
            onClick={() =>
              modal.confirm({
                title: `报送${year}年度报告`,
                content: `将向市职称办报送 ${r.documentCount} 件批复、${r.certificateCount} 本证书的信息${dirty ? '（说明的修改将一并保存）' : ''}。报送后不能修改，除非市职称办退回。`,
                okText: '报送',
                cancelText: '取消',
                onOk: async () => {
                  try {
                    if (dirty) await save.mutateAsync({ year, note });
                    await submit.mutateAsync(year);
                    void message.success('已报送市职称办');
                  } catch (e) {
                    void message.error(errorMessage(e));
                    throw e;
                  }
                },
              })
            }
          >
            报送
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}

function ReportDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { data, isPending, isError, error } = useYearEndReport(id);
  const decide = useDecideYearEndReport();
  const confirm = useConfirmWithNote();
  const open = id !== null;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={data ? `${data.agencyName} ${data.year}年度报告` : '年度报告'}
      extra={
        data?.status === 'submitted' ? (
          <Space>
            <Button
              danger
              onClick={() =>
                confirm({
                  title: '退回年度报告',
                  placeholder: '退回意见（必填）',
                  okText: '退回',
                  done: '已退回',
                  run: (comment) => decide.mutateAsync({ id: data.id!, decision: 'return', comment }),
                })
              }
            >
              退回
            </Button>
            <Button
              type="primary"
              onClick={() =>
                confirm({
                  title: '接收年度报告',
                  placeholder: '意见（可不填）',
                  okText: '接收',
                  done: '已接收',
                  run: (comment) => decide.mutateAsync({ id: data.id!, decision: 'accept', comment }),
                })
              }
            >
              接收
            </Button>
          </Space>
        ) : null
      }
    >
      {isError ? <QueryErrorAlert error={error} /> : null}
      {open && isPending ? <Card loading /> : null}
      {data ? (
        <Flex vertical gap={16}>
          <ReportSummary report={data} />
          {data.cityComment ? (
            <Alert type="info" showIcon title={`市职称办意见：${data.cityComment}`} />
          ) : null}
          <Card size="small" title="报送说明">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {data.note || '（无）'}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title="批复文件">
            <DocumentsTable report={data} />
          </Card>
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** The title office's list of every agency expected to report. */
function CityReports({ year }: { year: number }) {
  const { data, isPending, isError, error, refetch } = useYearEndList(year);
  const [openId, setOpenId] = useState<number | null>(null);
  if (isError) return <QueryErrorAlert error={error} onRetry={() => void refetch()} />;
  const items = data?.items ?? [];
  const reported = items.filter((i) => i.status === 'submitted' || i.status === 'accepted').length;
  const late = items.filter((i) => i.late).length;
  const columns: TableColumnsType<YearEndRow> = [
    { title: '认定机构 / 自主评审单位', dataIndex: 'agencyName' },
    {
      title: '类型',
      dataIndex: 'agencyKind',
      width: 110,
      render: (k: YearEndRow['agencyKind']) => (k === 'annex' ? '县（市、区）' : '自主评审单位'),
    },
    {
      title: '状态',
      key: 'status',
      width: 150,
      render: (_v, r) => (
        <Space size={4}>
          <YearEndStatusTag status={r.status} />
          <LateTag late={r.late} />
        </Space>
      ),
    },
    {
      title: '报送时间',
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string | null) => formatInstant(v),
    },
    { title: '批复', dataIndex: 'documentCount', width: 70, align: 'right' },
    { title: '证书', dataIndex: 'certificateCount', width: 70, align: 'right' },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_v, r) =>
        r.id !== null && r.status !== 'draft' ? (
          <Button type="link" size="small" onClick={() => setOpenId(r.id)}>
            {r.status === 'submitted' ? '审阅' : '查看'}
          </Button>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="应报送" value={items.length} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已报送" value={reported} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="未报送" value={items.length - reported} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title="逾期"
              value={late}
              styles={{ content: { color: late ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      <Table<YearEndRow>
        rowKey="agencyCode"
        size="middle"
        loading={isPending}
        aria-label="年度报送情况"
        dataSource={items}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        footer={() =>
          data
            ? `报送截止：${items[0] ? formatChineseDate(items[0].deadline) : '—'}；今天：${formatChineseDate(data.today)}`
            : null
        }
      />
      <ReportDrawer id={openId} onClose={() => setOpenId(null)} />
    </Flex>
  );
}

export function ReportsPage() {
  const access = useAccess();
  const [year, setYear] = useState(currentYear);
  return (
    <div>
      <PageHeader
        title="年度报送"
        description={
          access.isOffice
            ? '各县（市、区）认定机构及自主评审单位年度考核认定工作的报送情况（四、（七））'
            : '年度考核认定工作完成后，将批复文件和证书信息报送市职称办（四、（七））'
        }
        extra={<YearSelect value={year} onChange={setYear} />}
      />
      {access.isOffice ? <CityReports year={year} /> : <AgencyReport year={year} />}
    </div>
  );
}
