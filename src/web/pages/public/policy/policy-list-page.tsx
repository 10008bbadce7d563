import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Skeleton, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Suspense, lazy, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePolicyDocuments } from '../../../api/public';
import type { PolicyDocumentSummary } from '../../../api/types';
import { useAccess } from '../../../auth/use-access';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';

/** The editor (a form with a date picker) is loaded only for those who may edit, not for the public. */
const PolicyEditorModal = lazy(async () => ({
  default: (await import('./policy-editor-modal')).PolicyEditorModal,
}));

export function PolicyListPage() {
  const { data, isPending, isError, error, refetch } = usePolicyDocuments();
  const access = useAccess();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [editor, setEditor] = useState<{ id: number | null } | null>(null);

  const rows = useMemo(() => {
    const needle = q.trim();
    return [...(data ?? [])]
      .filter(
        (d) => !needle || [d.title, d.documentNumber ?? '', d.issuer ?? ''].some((s) => s.includes(needle)),
      )
      .sort((a, b) => b.publishedOn.localeCompare(a.publishedOn));
  }, [data, q]);

  const columns: TableColumnsType<PolicyDocumentSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, d) => <Link to={`/policy/${d.id}`}>{title}</Link>,
    },
    { title: '文号', dataIndex: 'documentNumber', width: 220, render: (v: string | null) => v ?? '—' },
    { title: '发文机关', dataIndex: 'issuer', width: 220, render: (v: string | null) => v ?? '—' },
    { title: '发布日期', dataIndex: 'publishedOn', width: 120 },
  ];
  if (access.canEditPolicy) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_v, d) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditor({ id: d.id })}
          aria-label={`编辑 ${d.title}`}
        >
          编辑
        </Button>
      ),
    });
  }

  return (
    <div className="page-card">
      <PageHeader
        title="政策文件"
        description="专业技术资格考核认定相关政策文件。申报前请仔细阅读，并以最新政策为准。"
        extra={
          access.canEditPolicy ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ id: null })}>
              新增政策文件
            </Button>
          ) : null
        }
      />
      <Input.Search
        allowClear
        placeholder="按标题、文号或发文机关搜索"
        aria-label="搜索政策文件"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      {isPending ? (
        <Skeleton active />
      ) : isMobile ? (
        rows.length === 0 ? (
          <Empty description={q ? '没有符合条件的政策文件' : '暂无政策文件'} />
        ) : (
          <Flex vertical gap={12}>
            {rows.map((d) => (
              <Card key={d.id} size="small" hoverable onClick={() => navigate(`/policy/${d.id}`)}>
                <Link to={`/policy/${d.id}`} onClick={(e) => e.stopPropagation()}>
                  <Typography.Text strong style={{ color: 'inherit' }}>
                    {d.title}
                  </Typography.Text>
                </Link>
                <div style={{ marginTop: 6 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {[d.documentNumber, d.issuer, d.publishedOn].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </div>
                {access.canEditPolicy ? (
                  <Button
                    size="small"
                    style={{ marginTop: 8 }}
                    icon={<EditOutlined />}
                    onClick={(e) => {
                      e.stopPropagation();
                      setEditor({ id: d.id });
                    }}
                  >
                    编辑
                  </Button>
                ) : null}
              </Card>
            ))}
          </Flex>
        )
      ) : (
        <Table<PolicyDocumentSummary>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 'max-content' }}
          aria-label="政策文件列表"
          locale={{ emptyText: <Empty description={q ? '没有符合条件的政策文件' : '暂无政策文件'} /> }}
        />
      )}
      {access.canEditPolicy ? (
        <Suspense fallback={null}>
          <PolicyEditorModal
            open={editor !== null}
            documentId={editor?.id ?? null}
            onClose={() => setEditor(null)}
            onSaved={(doc) => {
              if (editor?.id === null) navigate(`/policy/${doc.id}`);
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
