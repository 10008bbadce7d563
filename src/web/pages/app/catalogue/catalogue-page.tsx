import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { educationNames, levelCodes, levelNames } from '../../../../contract/index';
import { useSeries } from '../../../api/public';
import type { EducationLevel, Series } from '../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { SeriesFormModal } from './series-form-modal';
import { SpecialtyFormModal } from './specialty-form-modal';

export function CataloguePage() {
  const { data, isPending, isError, error, refetch } = useSeries();
  const isMobile = useIsMobile();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Series | null | undefined>(undefined);
  const [addingTo, setAddingTo] = useState<Series | null>(null);

  const rows = useMemo(() => {
    const needle = q.trim();
    return (data ?? []).filter(
      (s) =>
        !needle ||
        s.name.includes(needle) ||
        s.code.includes(needle) ||
        s.specialties.some((sp) => sp.name.includes(needle)),
    );
  }, [data, q]);

  const columns: TableColumnsType<Series> = [
    {
      title: '系列名称',
      dataIndex: 'name',
      render: (v: string, s) => (
        <Flex vertical>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            代码 {s.code} · {s.specialties.length} 个专业
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '最低学历', dataIndex: 'minEducation', render: (v: EducationLevel) => educationNames[v] },
    {
      title: '以考代评',
      dataIndex: 'examBased',
      render: (v: boolean) => (v ? <Tag color="red">是（不予认定）</Tag> : <Tag>否</Tag>),
    },
    {
      title: '从业资格',
      dataIndex: 'practiceLicence',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">无</Typography.Text>,
    },
    {
      title: '各层级资格名称',
      key: 'levels',
      render: (_v: unknown, s: Series) => (
        <Flex vertical gap={2}>
          {levelCodes.map((l) => (
            <span key={l} style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type="secondary">{levelNames[l]}：</Typography.Text>
              {s.levels[l] ?? <Typography.Text type="secondary">不设</Typography.Text>}
            </span>
          ))}
        </Flex>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: isMobile ? undefined : ('right' as const),
      render: (_v: unknown, s: Series) => (
        <Flex vertical align="flex-start">
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setEditing(s)}
            aria-label={`编辑 ${s.name}`}
          >
            编辑
          </Button>
          <Button
            size="small"
            type="link"
            icon={<PlusOutlined />}
            onClick={() => setAddingTo(s)}
            aria-label={`为 ${s.name} 新增专业`}
          >
            新增专业
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <div className="page-card">
      <PageHeader
        title="系列专业目录"
        description={
          <>
            职称系列及其专业、各层级资格名称（人社部《职称系列（专业）各层级名称》）。最低学历、从业资格、以考代评用于申报条件判断，此处显示现行政策版本的规定。
            <Link to="/app/policies">规则参数在「政策版本」中维护</Link>
          </>
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            新增系列
          </Button>
        }
      />
      <Input.Search
        allowClear
        aria-label="搜索系列或专业"
        placeholder="系列名称、代码或专业名称"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<Series>
        rowKey="code"
        columns={columns}
        dataSource={rows}
        loading={isPending}
        scroll={{ x: 'max-content' }}
        pagination={false}
        aria-label="系列目录"
        expandable={{
          expandedRowRender: (s) =>
            s.specialties.length === 0 ? (
              <Typography.Text type="secondary">该系列尚未设置专业。</Typography.Text>
            ) : (
              <div>
                <Typography.Text type="secondary">专业：</Typography.Text>
                <Flex wrap gap={6} style={{ marginTop: 6 }}>
                  {s.specialties.map((sp) => (
                    <Tag key={sp.code} title={sp.code}>
                      {sp.name}
                    </Tag>
                  ))}
                </Flex>
                {s.note ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    备注：{s.note}
                  </Typography.Paragraph>
                ) : null}
              </div>
            ),
        }}
        locale={{ emptyText: <Empty description={q ? '没有符合条件的系列' : '暂无系列'} /> }}
      />
      <SeriesFormModal series={editing} onClose={() => setEditing(undefined)} />
      <SpecialtyFormModal series={addingTo} onClose={() => setAddingTo(null)} />
    </div>
  );
}
