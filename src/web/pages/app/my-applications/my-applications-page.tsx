import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Pagination, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { applicationStatusNames, levelNames } from '../../../../contract/index';
import { stageNames } from '../../../../domain/review/review-chain';
import { useApplications, type ApplicationSummary } from '../../../api/applications';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { usePaging } from '../../../hooks/use-paging';
import { formatInstant } from '../../../utils/format';
import { ApplicationCreateModal } from './application-create-modal';

export const statusColors: Record<ApplicationSummary['status'], string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  withdrawn: 'default',
  recognised: 'success',
  rejected: 'error',
  cancelled: 'error',
};

/** The status, and while in review the stage holding it (e.g. 审查中 · 主管部门领导审查). */
export function StatusTag({
  status,
  stage = null,
}: {
  status: ApplicationSummary['status'];
  stage?: ApplicationSummary['stage'];
}) {
  return (
    <Tag color={statusColors[status]}>
      {applicationStatusNames[status]}
      {status === 'submitted' && stage ? ` · ${stageNames[stage]}` : ''}
    </Tag>
  );
}

export function MyApplicationsPage() {
  const paging = usePaging();
  const { data, isPending, isError, error, refetch, isFetching } = useApplications({
    mine: true,
    page: paging.page,
    pageSize: paging.pageSize,
  });
  const [creating, setCreating] = useState(false);
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const rows = data?.items ?? [];
  const total = data?.total ?? 0;
  // Most people have a handful; pages appear only for those with more than fit on one.
  const pagination = total > paging.pageSize ? paging.pagination(total, '件') : false;

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: '申报编号',
      dataIndex: 'number',
      render: (v: string | null, r) => (
        <Link to={`/app/my-applications/${r.id}`}>{v ?? '（草稿，未编号）'}</Link>
      ),
    },
    { title: '批次', key: 'batch', render: (_: unknown, r) => `${r.year}年${r.batchName}` },
    { title: '认定机构', dataIndex: 'agencyName' },
    {
      title: '层级',
      dataIndex: 'targetLevel',
      render: (v: ApplicationSummary['targetLevel']) => levelNames[v],
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: ApplicationSummary['status'], r) => <StatusTag status={v} stage={r.stage} />,
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v)}</span>,
    },
  ];

  const empty = <Empty description="您还没有申报，请点击“新建申报”" />;

  return (
    <div className="page-card">
      <PageHeader
        title="我的申报"
        description="新建申报后逐项填写（随填随存），上传材料原件的扫描件或照片，预检通过后在受理时间内提交。逾期不予受理。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建申报
          </Button>
        }
      />
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {isMobile ? (
        <Flex vertical gap={8}>
          {!isPending && rows.length === 0 ? empty : null}
          {/* Only the cards are the list's items (ARIA): the empty state and paging stand beside it. */}
          {rows.length > 0 ? (
            <Flex vertical gap={8} role="list" aria-label="我的申报列表">
              {rows.map((r) => (
                <Card
                  key={r.id}
                  size="small"
                  role="listitem"
                  hoverable
                  onClick={() => void navigate(`/app/my-applications/${r.id}`)}
                >
                  <Flex justify="space-between" align="center" gap={8}>
                    <Link to={`/app/my-applications/${r.id}`}>
                      <Typography.Text strong>{r.number ?? '草稿（未编号）'}</Typography.Text>
                    </Link>
                    <StatusTag status={r.status} stage={r.stage} />
                  </Flex>
                  <Typography.Paragraph style={{ margin: '6px 0 0' }}>
                    {r.year}年{r.batchName} · {levelNames[r.targetLevel]}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.agencyName} · 更新于 {formatInstant(r.updatedAt)}
                    </Typography.Text>
                  </Typography.Paragraph>
                </Card>
              ))}
            </Flex>
          ) : null}
          {pagination ? <Pagination simple {...pagination} /> : null}
        </Flex>
      ) : (
        <Table<ApplicationSummary>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={isPending || isFetching}
          scroll={{ x: 'max-content' }}
          pagination={pagination}
          aria-label="我的申报列表"
          locale={{ emptyText: empty }}
        />
      )}
      <ApplicationCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          void navigate(`/app/my-applications/${id}`);
        }}
      />
    </div>
  );
}
