import { KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { roleCodes, roleNames } from '../../../../contract/index';
import { useAccounts } from '../../../api/accounts';
import { api, errorMessage } from '../../../api/client';
import { useOrganisations } from '../../../api/organisations';
import { queryClient } from '../../../api/query-client';
import type { AccountRow, Ok, PasswordReset, RoleCode } from '../../../api/types';
import { useAccess } from '../../../auth/use-access';
import { InitialPasswordModal, type InitialPasswordInfo } from '../../../components/initial-password-modal';
import { PageHeader } from '../../../components/page-header';
import { SearchBox } from '../../../components/search-box';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { roleLabel } from '../../../auth/role-label';
import { displayUsername, formatInstant } from '../../../utils/format';
import { OfficeAccountModal } from './office-account-modal';

function StatusTags({ a }: { a: AccountRow }) {
  const tags = [];
  if (a.disabled) tags.push(<Tag key="d">已停用</Tag>);
  if (a.locked)
    tags.push(
      <Tag key="l" color="red">
        已锁定
      </Tag>,
    );
  if (a.mustChangePassword)
    tags.push(
      <Tag key="m" color="orange">
        待修改密码
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="green">
        正常
      </Tag>,
    );
  return <span style={{ whiteSpace: 'nowrap' }}>{tags}</span>;
}

export function AccountsPage() {
  const { isSystemAdmin } = useAccess();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const [role, setRole] = useState<RoleCode | undefined>();
  const [organisationId, setOrganisationId] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const { data, isPending, isFetching, isError, error, refetch } = useAccounts({
    role,
    organisationId,
    q: q || undefined,
  });
  const orgs = useOrganisations({});
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<{ info: InitialPasswordInfo; title: string } | null>(null);

  const reset = useMutation({
    mutationFn: (a: AccountRow) => api.post<PasswordReset>(`/accounts/${a.id}/reset-password`),
    onSuccess: async (r, a) => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      setIssued({
        title: '密码已重置',
        info: { subject: a.personName, username: r.username, initialPassword: r.initialPassword },
      });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const unlock = useMutation({
    mutationFn: (a: AccountRow) => api.post<Ok>(`/accounts/${a.id}/unlock`),
    onSuccess: async (_r, a) => {
      message.success(`已解除 ${a.personName}（${displayUsername(a.username)}）的锁定`);
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<AccountRow> = [
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
      title: '姓名',
      dataIndex: 'personName',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: '身份证号',
      dataIndex: 'idNumberMasked',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    { title: '手机号码', dataIndex: 'mobileMasked', render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: AccountRow['roles']) => (
        <Flex vertical gap={2} align="flex-start">
          {roles.map((r) => (
            <Tag key={r.id} color="blue" style={{ whiteSpace: 'normal' }}>
              {roleLabel(r)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: '状态', key: 'status', render: (_v, a) => <StatusTags a={a} /> },
    {
      title: '最后登录',
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => (
        <span style={{ whiteSpace: 'nowrap' }}>{v ? formatInstant(v) : '从未登录'}</span>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: isMobile ? undefined : 'right',
      render: (_v, a) => (
        <Flex gap={4}>
          <Popconfirm
            title={`重置 ${a.personName} 的密码？`}
            description="将生成新的初始密码，原密码立即失效，该用户下次登录须修改密码。"
            okText="重置"
            cancelText="取消"
            onConfirm={() => reset.mutateAsync(a).catch(() => undefined)}
          >
            <Button
              size="small"
              icon={<KeyOutlined />}
              aria-label={`重置 ${a.personName}（${displayUsername(a.username)}）的密码`}
            >
              重置密码
            </Button>
          </Popconfirm>
          {a.locked ? (
            <Popconfirm
              title={`解除 ${a.personName} 的账号锁定？`}
              okText="解锁"
              cancelText="取消"
              onConfirm={() => unlock.mutateAsync(a).catch(() => undefined)}
            >
              <Button
                size="small"
                icon={<UnlockOutlined />}
                aria-label={`解锁 ${a.personName}（${displayUsername(a.username)}）`}
              >
                解锁
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <div className="page-card">
      <PageHeader
        title="账号管理"
        description="查询本辖区账号，为忘记密码或被锁定的用户重置密码、解除锁定。重置后的初始密码只显示一次。"
        extra={
          isSystemAdmin ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建管理账号
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label="角色筛选"
          placeholder="全部角色"
          value={role}
          onChange={(v?: RoleCode) => setRole(v)}
          options={roleCodes.map((r) => ({ value: r, label: roleNames[r] }))}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          aria-label="机构筛选"
          placeholder="全部机构"
          value={organisationId}
          onChange={(v?: number) => setOrganisationId(v)}
          showSearch={{ optionFilterProp: 'label' }}
          loading={orgs.isPending}
          options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          style={{ width: 260, maxWidth: '100%' }}
        />
        <SearchBox
          aria-label="搜索账号"
          placeholder="姓名、用户名或完整身份证号"
          enterButton="搜索"
          onSearch={setQ}
          style={{ maxWidth: 320 }}
        />
      </Flex>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<AccountRow>
        rowKey="id"
        columns={columns}
        dataSource={data ?? []}
        loading={isPending || isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个账号` }}
        aria-label="账号列表"
        locale={{ emptyText: q || role || organisationId ? '没有符合条件的账号' : '暂无账号' }}
      />
      <OfficeAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r, name, officeRole) => {
          setCreating(false);
          if (r.initialPassword) {
            setIssued({
              title: '管理账号已创建',
              info: {
                subject: `${name}（${roleNames[officeRole]}）`,
                username: r.username,
                initialPassword: r.initialPassword,
              },
            });
          } else {
            message.success(
              `已为 ${name} 增加${roleNames[officeRole]}角色，该人员继续使用原账号（${displayUsername(r.username)}）登录。`,
              6,
            );
          }
        }}
      />
      <InitialPasswordModal
        info={issued?.info ?? null}
        title={issued?.title}
        onClose={() => setIssued(null)}
      />
    </div>
  );
}
