import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Col, Flex, Form, Input, Row, Table, Typography } from 'antd';
import type { AutoCompleteProps, TableColumnsType } from 'antd';
import { useState } from 'react';
import { roleCodes, roleNames } from '../../../../contract/index';
import { useAuditLogs, type AuditFilter } from '../../../api/audit';
import type { AuditEntry, RoleCode } from '../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';
import { actionNames, labelOf, optionsOf, targetTypeNames } from './audit-labels';

function roleText(role: string | null): string {
  if (!role) return '—';
  return (roleCodes as readonly string[]).includes(role) ? roleNames[role as RoleCode] : role;
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <Typography.Text strong>{label}</Typography.Text>
      {value === null || value === undefined ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          无
        </Typography.Paragraph>
      ) : (
        <pre className="json-block" style={{ marginTop: 4 }}>
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}

/** A code filter: pick one of the named codes (searched by their Chinese label) or type a raw code. */
function CodeAutoComplete({ names, ...props }: AutoCompleteProps & { names: Record<string, string> }) {
  return (
    <AutoComplete
      {...props}
      allowClear
      options={optionsOf(names)}
      showSearch={{
        filterOption: (input, option) =>
          String(option?.label ?? '')
            .toLowerCase()
            .includes(input.trim().toLowerCase()),
      }}
    />
  );
}

interface FilterValues {
  action?: string;
  targetType?: string;
  targetId?: string;
}

export function AuditPage() {
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 50 });
  const { data, isPending, isFetching, isError, error, refetch } = useAuditLogs(filter);

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    {
      title: '时间',
      dataIndex: 'at',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v, true)}</span>,
    },
    { title: '操作人', dataIndex: 'actorName', render: (v: string | null) => v ?? '系统' },
    { title: '角色', dataIndex: 'actorRole', render: (v: string | null) => roleText(v) },
    { title: '所属机构', dataIndex: 'actorOrganisation', render: (v: string | null) => v ?? '—' },
    { title: '来源地址', dataIndex: 'clientAddress', render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      dataIndex: 'action',
      render: (v: string) => (
        <span title={v} style={{ whiteSpace: 'nowrap' }}>
          {labelOf(actionNames, v)}
        </span>
      ),
    },
    {
      title: '对象类型',
      dataIndex: 'targetType',
      render: (v: string) => <span title={v}>{labelOf(targetTypeNames, v)}</span>,
    },
    { title: '对象ID', dataIndex: 'targetId', render: (v: string | null) => v ?? '—' },
  ];

  const apply = (v: FilterValues) =>
    setFilter((f) => ({
      ...f,
      page: 1,
      action: v.action?.trim() || undefined,
      targetType: v.targetType?.trim() || undefined,
      targetId: v.targetId?.trim() || undefined,
    }));

  return (
    <div className="page-card">
      <PageHeader
        title="审计日志"
        description="系统全部操作的留痕记录（谁、以何角色、何时、从何处、做了什么、修改前后内容），只可查阅，不可修改。"
      />
      <Form<FilterValues> name="auditFilter" form={form} layout="vertical" onFinish={apply}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="action" label="操作">
              <CodeAutoComplete placeholder="选择或输入操作代码" names={actionNames} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="targetType" label="对象类型">
              <CodeAutoComplete placeholder="选择或输入对象类型" names={targetTypeNames} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="targetId" label="对象ID">
              <Input allowClear />
            </Form.Item>
          </Col>
        </Row>
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            查询
          </Button>
          <Button
            icon={<UndoOutlined />}
            onClick={() => {
              form.resetFields();
              apply({});
            }}
          >
            重置
          </Button>
        </Flex>
      </Form>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isPending || isFetching}
        scroll={{ x: 'max-content' }}
        aria-label="审计日志"
        expandable={{
          expandedRowRender: (e) => (
            <Flex gap={12} wrap>
              <JsonBlock label="修改前" value={e.before} />
              <JsonBlock label="修改后" value={e.after} />
            </Flex>
          ),
          rowExpandable: (e) =>
            (e.before !== null && e.before !== undefined) || (e.after !== null && e.after !== undefined),
        }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) =>
            setFilter((f) => ({ ...f, page: pageSize !== f.pageSize ? 1 : page, pageSize })),
        }}
        locale={{ emptyText: '没有符合条件的日志' }}
      />
    </div>
  );
}
