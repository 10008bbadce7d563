import { CopyOutlined, DeleteOutlined, EditOutlined, EyeOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Popconfirm, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePolicyVersions } from '../../../api/policy-versions';
import type { PolicyVersionSummary } from '../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { useNow } from '../../../hooks/use-now';
import { dayInSystemZone } from '../../../utils/format';
import { StatusTag, VersionMarks, sortVersions } from './policy-labels';
import { usePolicyActions } from './use-policy-actions';

export function PolicyVersionsPage() {
  const { data, isPending, isError, error, refetch } = usePolicyVersions();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const today = dayInSystemZone(useNow(60_000));
  const { createDraft, remove, confirmPublish } = usePolicyActions();

  const rows = useMemo(() => sortVersions(data ?? []), [data]);
  const idByCode = useMemo(() => new Map((data ?? []).map((v) => [v.code, v.id])), [data]);
  const inForce = rows.find((v) => v.inForce);

  const basedOnLink = (code: string | null) => {
    if (!code) return <Typography.Text type="secondary">—</Typography.Text>;
    const id = idByCode.get(code);
    return id ? <Link to={`/app/policies/${id}`}>{code}</Link> : code;
  };

  // Desktop: compact link buttons, two lines at most; phones: ordinary small buttons in the card.
  const look = isMobile ? ({} as const) : ({ type: 'link' } as const);
  const actions = (v: PolicyVersionSummary) => (
    <Flex wrap gap={isMobile ? 6 : 0} style={{ maxWidth: isMobile ? undefined : 220 }}>
      <Button
        {...look}
        size="small"
        icon={v.status === 'draft' ? <EditOutlined /> : <EyeOutlined />}
        onClick={() => navigate(`/app/policies/${v.id}`)}
        aria-label={`${v.status === 'draft' ? '编辑' : '查看'}政策版本 ${v.code}`}
      >
        {v.status === 'draft' ? '编辑' : '查看'}
      </Button>
      {v.status === 'draft' ? (
        <>
          <Button
            {...look}
            size="small"
            icon={<SendOutlined />}
            onClick={() => confirmPublish(v, today)}
            aria-label={`发布修订稿 ${v.code}`}
          >
            发布
          </Button>
          <Popconfirm
            title={`删除修订稿“${v.code}”？`}
            description="删除后不可恢复。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove.mutateAsync(v).catch(() => undefined)}
          >
            <Button
              {...look}
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={`删除修订稿 ${v.code}`}
            >
              删除
            </Button>
          </Popconfirm>
        </>
      ) : null}
      <Button
        {...look}
        size="small"
        icon={<CopyOutlined />}
        loading={createDraft.isPending && createDraft.variables?.id === v.id}
        onClick={() => createDraft.mutate(v)}
        aria-label={`以此为基础新建修订稿（${v.code}）`}
      >
        以此为基础新建修订稿
      </Button>
    </Flex>
  );

  const columns: TableColumnsType<PolicyVersionSummary> = [
    {
      title: '版本号',
      dataIndex: 'code',
      render: (code: string, v) => (
        <Link to={`/app/policies/${v.id}`} style={{ whiteSpace: 'nowrap' }}>
          {code}
        </Link>
      ),
    },
    {
      title: '名称',
      dataIndex: 'name',
      width: 220,
      render: (name: string) => <span style={{ display: 'inline-block', minWidth: 200 }}>{name}</span>,
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (_s, v) => (
        <Flex gap={4} wrap={false}>
          <StatusTag version={v} />
          <VersionMarks version={v} today={today} />
        </Flex>
      ),
    },
    {
      title: '生效日期',
      dataIndex: 'effectiveFrom',
      render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span>,
    },
    {
      title: <span style={{ whiteSpace: 'nowrap' }}>依据版本</span>,
      dataIndex: 'basedOn',
      render: (code: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{basedOnLink(code)}</span>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_v, v) => actions(v),
    },
  ];

  return (
    <div className="page-card">
      <PageHeader
        title="政策版本"
        description="申报条件的判断规则（学历与年限、最低学历、以考代评、从业资格等）以政策版本保存。修改时以某个版本为基础新建修订稿，核对后设定生效日期发布；自生效日期起按最新版本判断（通知 三、（八）），已作出的结论保留当时所依据的版本。"
      />
      {inForce ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <span>
              现行版本：<Link to={`/app/policies/${inForce.id}`}>{inForce.code}</Link>（{inForce.name}），自{' '}
              {inForce.effectiveFrom} 起施行
            </span>
          }
        />
      ) : null}
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {isMobile ? (
        isPending ? (
          <Skeleton active />
        ) : rows.length === 0 ? (
          <Empty description="暂无政策版本" />
        ) : (
          <Flex vertical gap={12} role="list" aria-label="政策版本列表">
            {rows.map((v) => (
              <Card key={v.id} size="small" role="listitem">
                <Flex wrap gap={6} align="center">
                  <Link to={`/app/policies/${v.id}`}>
                    <Typography.Text strong style={{ color: 'inherit' }}>
                      {v.code}
                    </Typography.Text>
                  </Link>
                  <StatusTag version={v} />
                  <VersionMarks version={v} today={today} />
                </Flex>
                <Typography.Paragraph style={{ margin: '6px 0' }}>{v.name}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  生效日期 {v.effectiveFrom}
                  {v.basedOn ? <> · 依据 {basedOnLink(v.basedOn)}</> : null}
                </Typography.Text>
                <div style={{ marginTop: 8 }}>{actions(v)}</div>
              </Card>
            ))}
          </Flex>
        )
      ) : (
        <Table<PolicyVersionSummary>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={isPending}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          aria-label="政策版本列表"
          locale={{ emptyText: <Empty description="暂无政策版本" /> }}
        />
      )}
    </div>
  );
}
