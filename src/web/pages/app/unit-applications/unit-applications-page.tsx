import { TeamOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Pagination, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { applicationStatusNames, levelNames } from '../../../../contract/index';
import { useApplications, type ApplicationSummary } from '../../../api/applications';
import { useAccess } from '../../../auth/use-access';
import { PageHeader } from '../../../components/page-header';
import { SearchBox } from '../../../components/search-box';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { usePaging } from '../../../hooks/use-paging';
import { formatInstant } from '../../../utils/format';
import { StatusTag } from '../my-applications/my-applications-page';

type StatusFilter = ApplicationSummary['status'] | 'all';

const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(Object.keys(applicationStatusNames) as ApplicationSummary['status'][]).map((s) => ({
    value: s,
    label: applicationStatusNames[s],
  })),
];

const detailPath = (id: number) => `/app/unit-applications/${id}`;

function OnBehalfTag({ row }: { row: ApplicationSummary }) {
  return row.createdOnBehalf ? <Tag color="purple">代为申报</Tag> : null;
}

/** 申报管理: a unit clerk's view of its applicants' drafts and submissions (opens each to fill in or view). */
export function UnitApplicationsPage() {
  const { employerSeats } = useAccess();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [q, setQ] = useState('');
  const paging = usePaging();
  const { data, isPending, isError, error, refetch, isFetching } = useApplications({
    status: status === 'all' ? undefined : status,
    q: q || undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  });
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const manyUnits = employerSeats.length > 1;
  const rows = data?.items ?? [];
  const total = data?.total ?? 0;
  const filtered = status !== 'all' || q !== '';

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: '申报编号',
      dataIndex: 'number',
      render: (v: string | null, r) => <Link to={detailPath(r.id)}>{v ?? '（草稿，未编号）'}</Link>,
    },
    { title: '申报人员', dataIndex: 'applicantName' },
    ...(manyUnits ? [{ title: '申报单位', dataIndex: 'employerName' }] : []),
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: ApplicationSummary['status'], r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <StatusTag status={v} stage={r.stage} />
          <OnBehalfTag row={r} />
        </span>
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
      title: '更新时间',
      dataIndex: 'updatedAt',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v)}</span>,
    },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v)}</span>,
    },
  ];

  const empty = (
    <Empty
      description={
        filtered ? '没有符合条件的申报' : '本单位人员尚无申报。人员不能自行申报的，可在“申报人员”中代为申报'
      }
    />
  );

  return (
    <div className="page-card">
      <PageHeader
        title="申报管理"
        description="查看本单位申报人员的草稿和已提交的申报；人员不能自行申报的，可在“申报人员”中代为申报并填写（系统记录为代为申报）。"
        extra={
          <Link to="/app/applicants">
            <Button icon={<TeamOutlined />}>申报人员</Button>
          </Link>
        }
      />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Segmented<StatusFilter>
          aria-label="按状态筛选"
          value={status}
          onChange={(v) => {
            setStatus(v);
            paging.firstPage();
          }}
          options={statusOptions}
        />
        <SearchBox
          placeholder="姓名或申报编号，回车查询"
          aria-label="筛选申报"
          onSearch={(v) => {
            setQ(v);
            paging.firstPage();
          }}
          style={{ maxWidth: 300 }}
        />
      </Flex>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {isMobile ? (
        <Flex vertical gap={8}>
          {!isPending && rows.length === 0 ? empty : null}
          {/* Only the cards are the list's items (ARIA): the empty state and paging stand beside it. */}
          {rows.length > 0 ? (
            <Flex vertical gap={8} role="list" aria-label="本单位申报列表">
              {rows.map((r) => (
                <Card
                  key={r.id}
                  size="small"
                  role="listitem"
                  hoverable
                  onClick={() => void navigate(detailPath(r.id))}
                >
                  <Flex justify="space-between" align="center" gap={8}>
                    <Link to={detailPath(r.id)}>
                      <Typography.Text strong>{r.applicantName}</Typography.Text>
                    </Link>
                    <span>
                      <StatusTag status={r.status} stage={r.stage} />
                      <OnBehalfTag row={r} />
                    </span>
                  </Flex>
                  <Typography.Paragraph style={{ margin: '6px 0 0' }}>
                    {r.number ?? '草稿（未编号）'} · {r.year}年{r.batchName} · {levelNames[r.targetLevel]}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {manyUnits ? `${r.employerName} · ` : ''}
                      {r.submittedAt
                        ? `提交于 ${formatInstant(r.submittedAt)}`
                        : `更新于 ${formatInstant(r.updatedAt)}`}
                    </Typography.Text>
                  </Typography.Paragraph>
                </Card>
              ))}
            </Flex>
          ) : null}
          {total > paging.pageSize ? <Pagination simple {...paging.pagination(total, '件')} /> : null}
        </Flex>
      ) : (
        <Table<ApplicationSummary>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={isPending || isFetching}
          scroll={{ x: 'max-content' }}
          pagination={paging.pagination(total, '件')}
          aria-label="本单位申报列表"
          locale={{ emptyText: empty }}
        />
      )}
    </div>
  );
}
