import {
  FormOutlined,
  ImportOutlined,
  KeyOutlined,
  PrinterOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApplicants } from '../../../api/accounts';
import { api, errorMessage } from '../../../api/client';
import type { Applicant, PasswordReset } from '../../../api/types';
import { useAccess } from '../../../auth/use-access';
import { InitialPasswordModal, type InitialPasswordInfo } from '../../../components/initial-password-modal';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { displayUsername, formatInstant } from '../../../utils/format';
import { ApplicationCreateModal } from '../my-applications/application-create-modal';
import { ApplicantCreateModal } from './applicant-create-modal';
import { ApplicantImportDrawer } from './applicant-import-drawer';
import { printAccounts, type PrintableAccount } from './print-accounts';

function SocialInsuranceCell({ link }: { link: Applicant['socialInsurance'] }) {
  if (!link) {
    return (
      <Tooltip title="未匹配到社保参保信息，请核对姓名和身份证号">
        <Tag color="orange">未关联</Tag>
      </Tooltip>
    );
  }
  return (
    <Flex vertical gap={2}>
      <span>
        {link.matchesEmployer ? <Tag color="green">已关联</Tag> : <Tag color="gold">参保单位不一致</Tag>}
        <Typography.Text type="secondary">缴费 {link.months} 个月</Typography.Text>
      </span>
      <Typography.Text style={{ fontSize: 12 }}>参保单位：{link.insuredUnitName}</Typography.Text>
      {!link.matchesEmployer ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          申报时须上传申报单位与参保单位的隶属关系证明
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

export function ApplicantsPage() {
  const { employerSeats } = useAccess();
  const [employerId, setEmployerId] = useState<number | null>(employerSeats[0]?.id ?? null);
  const employer = employerSeats.find((e) => e.id === employerId) ?? employerSeats[0] ?? null;
  const { data, isPending, isError, error, refetch, isFetching } = useApplicants(employer?.id ?? null);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [issued, setIssued] = useState<InitialPasswordInfo | null>(null);
  const [existingNotice, setExistingNotice] = useState<string | null>(null);
  /** 代为申报: the applicant chosen (kept while the dialog closes) and whether the dialog is open. */
  const [onBehalfOf, setOnBehalfOf] = useState<Applicant | null>(null);
  const [creatingOnBehalf, setCreatingOnBehalf] = useState(false);
  const navigate = useNavigate();
  const { message } = App.useApp();
  /** The last reset, kept (in memory only) until dismissed so the clerk can print the hand-over slip. */
  const [lastReset, setLastReset] = useState<PrintableAccount | null>(null);
  const reset = useMutation({
    mutationFn: (a: Applicant) =>
      api.post<PasswordReset>(`/employers/${employer!.id}/applicants/${a.accountId}/reset-password`),
    onSuccess: (r, a) => {
      setIssued({
        subject: `${a.name}（申报人员）`,
        username: r.username,
        initialPassword: r.initialPassword,
      });
      setLastReset({ name: a.name, username: r.username, initialPassword: r.initialPassword });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const rows = useMemo(() => {
    const needle = q.trim();
    return (data ?? []).filter(
      // The list shows mobiles masked (139****1234): the last four digits still find one.
      (a) =>
        !needle ||
        a.name.includes(needle) ||
        a.username === needle ||
        (a.mobileMasked ?? '').includes(needle),
    );
  }, [data, q]);

  if (!employer) return <Empty description="您不是任何用人单位的审查账号" />;

  const columns: TableColumnsType<Applicant> = [
    { title: '姓名', dataIndex: 'name', fixed: 'left', width: 96 },
    {
      title: '用户名',
      dataIndex: 'username',
      render: (v: string, r) =>
        displayUsername(v) === r.idNumberMasked ? (
          <Typography.Text type="secondary">同身份证号</Typography.Text>
        ) : (
          <span style={{ whiteSpace: 'nowrap' }}>{displayUsername(v)}</span>
        ),
    },
    {
      title: '身份证号',
      dataIndex: 'idNumberMasked',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    { title: '手机号码', dataIndex: 'mobileMasked', render: (v: string | null) => v ?? '—' },
    {
      title: '社保参保关联',
      dataIndex: 'socialInsurance',
      render: (v: Applicant['socialInsurance']) => <SocialInsuranceCell link={v} />,
    },
    {
      title: '创建时间',
      dataIndex: 'createdAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v)}</span>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, r) => (
        <Flex gap={4}>
          <Button
            size="small"
            icon={<FormOutlined />}
            onClick={() => {
              setOnBehalfOf(r);
              setCreatingOnBehalf(true);
            }}
          >
            代为申报
          </Button>
          <Popconfirm
            title={`重置 ${r.name} 的密码？`}
            description="将生成一次性临时密码，原密码立即失效；本人用临时密码登录后须修改密码。"
            okText="重置"
            cancelText="取消"
            onConfirm={() => reset.mutateAsync(r).catch(() => undefined)}
          >
            <Button
              size="small"
              icon={<KeyOutlined />}
              loading={reset.isPending && reset.variables?.accountId === r.accountId}
              aria-label={`重置 ${r.name} 的密码`}
            >
              重置密码
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <div className="page-card">
      <PageHeader
        title="申报人员"
        description="为本单位专业技术人员创建申报账号。申报人员的姓名、身份证号须与社保参保信息一致（通知 四、（三））。"
        extra={
          <>
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
              新建申报账号
            </Button>
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              批量导入
            </Button>
          </>
        }
      />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        {employerSeats.length > 1 ? (
          <Select
            aria-label="申报单位"
            value={employer.id}
            onChange={(v: number) => setEmployerId(v)}
            options={employerSeats.map((e) => ({ value: e.id, label: e.name }))}
            style={{ minWidth: 240 }}
          />
        ) : (
          <Typography.Text strong style={{ lineHeight: '32px' }}>
            申报单位：{employer.name}
          </Typography.Text>
        )}
        <Input.Search
          allowClear
          placeholder="按姓名、用户名或手机号后四位筛选"
          aria-label="筛选申报人员"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 300 }}
        />
      </Flex>
      {existingNotice ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setExistingNotice(null) }}
          title={existingNotice}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {lastReset ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setLastReset(null) }}
          title={`已重置 ${lastReset.name} 的密码。临时密码只在此次显示，请当面或单独交给本人，登录后须立即修改。`}
          action={
            <Button
              size="small"
              icon={<PrinterOutlined />}
              onClick={() => {
                if (!printAccounts('申报账号密码重置交接单', [lastReset]))
                  void message.error('浏览器阻止了打印窗口，请允许弹出窗口后重试');
              }}
            >
              打印交接单
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<Applicant>
        rowKey="accountId"
        columns={columns}
        dataSource={rows}
        loading={isPending || isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 人` }}
        aria-label="申报人员列表"
        locale={{
          emptyText: (
            <Empty
              description={
                q ? '没有符合条件的申报人员' : '本单位尚未创建申报账号，请点击“新建申报账号”或“批量导入”'
              }
            />
          ),
        }}
      />
      <ApplicantCreateModal
        open={creating}
        employerId={employer.id}
        employerName={employer.name}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          if (r.initialPassword) {
            setIssued({
              subject: `${r.applicant.name}（申报人员）`,
              username: r.applicant.username,
              initialPassword: r.initialPassword,
            });
          } else {
            setExistingNotice(
              `已为 ${r.applicant.name} 开通申报人员身份。该人员已有账号（用户名 ${displayUsername(r.applicant.username)}），继续使用原密码登录。`,
            );
          }
        }}
      />
      <ApplicantImportDrawer
        open={importing}
        employerId={employer.id}
        employerName={employer.name}
        onClose={() => setImporting(false)}
      />
      <ApplicationCreateModal
        open={creatingOnBehalf && onBehalfOf !== null}
        onBehalfOf={onBehalfOf ? { accountId: onBehalfOf.accountId, name: onBehalfOf.name } : undefined}
        onClose={() => setCreatingOnBehalf(false)}
        onCreated={(id) => {
          setCreatingOnBehalf(false);
          void navigate(`/app/unit-applications/${id}`);
        }}
      />
      <InitialPasswordModal
        info={issued}
        title={
          lastReset && issued?.initialPassword === lastReset.initialPassword ? '密码已重置' : '申报账号已创建'
        }
        onClose={() => setIssued(null)}
      />
    </div>
  );
}
