import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, Input, Row, Select, Table, Typography } from 'antd';
import type { SelectProps, TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { useAuditLogs, type AuditFilter } from '../../../api/audit';
import { useSeries } from '../../../api/public';
import type { AuditEntry, Series } from '../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';
import {
  actionNames,
  actorRoleNames,
  fieldName,
  labelOf,
  optionsOf,
  targetTypeNames,
  valueText,
} from '../../../../contract/audit-labels';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One recorded value in words: objects as indented field lists, lists numbered, codes named. */
function Readable({
  name,
  value,
  catalogue,
}: {
  name: string;
  value: unknown;
  catalogue?: Series[];
}): ReactNode {
  if (Array.isArray(value)) {
    if (value.length === 0) return '无';
    if (value.every((v) => v === null || typeof v !== 'object'))
      return value.map((v) => valueText(name, v, catalogue)).join('、');
    return (
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {value.map((v, i) => (
          <li key={i}>
            <Readable name={name} value={v} catalogue={catalogue} />
          </li>
        ))}
      </ol>
    );
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '无';
    return (
      <dl className="audit-fields" style={{ margin: 0 }}>
        {entries.map(([k, v]) => (
          <div key={k} style={{ display: 'flex', gap: 8 }}>
            <dt style={{ flex: '0 0 auto', color: 'rgba(0,0,0,0.55)' }}>{fieldName(k)}：</dt>
            <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
              <Readable name={k} value={v} catalogue={catalogue} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  if (typeof value === 'string' && INSTANT.test(value)) return formatInstant(value, true);
  return valueText(name, value, catalogue);
}

function RecordBlock({ label, value, catalogue }: { label: string; value: unknown; catalogue?: Series[] }) {
  return (
    <div style={{ flex: 1, minWidth: 260 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <div style={{ marginTop: 4 }}>
        {value === null || value === undefined ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Readable name="" value={value} catalogue={catalogue} />
        )}
      </div>
    </div>
  );
}

/** An action or object-type filter: searched by the Chinese name (or the code an auditor knows). */
function CodeSelect({ names, ...props }: SelectProps & { names: Record<string, string> }) {
  return (
    <Select
      {...props}
      allowClear
      options={optionsOf(names)}
      showSearch={{
        filterOption: (input, option) => {
          const q = input.trim().toLowerCase();
          return (
            String(option?.label ?? '').includes(q) ||
            String(option?.value ?? '')
              .toLowerCase()
              .includes(q)
          );
        },
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
  const catalogue = useSeries().data;

  const columns: TableColumnsType<AuditEntry> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    {
      title: '时间',
      dataIndex: 'at',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v, true)}</span>,
    },
    { title: '操作人', dataIndex: 'actorName', render: (v: string | null) => v ?? '系统' },
    { title: '角色', dataIndex: 'actorRole', render: (v: string | null) => labelOf(actorRoleNames, v) },
    { title: '所属机构', dataIndex: 'actorOrganisation', render: (v: string | null) => v ?? '—' },
    { title: '来源地址', dataIndex: 'clientAddress', render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      dataIndex: 'action',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{labelOf(actionNames, v)}</span>,
    },
    {
      title: '对象类型',
      dataIndex: 'targetType',
      render: (v: string) => labelOf(targetTypeNames, v),
    },
    {
      title: '对象',
      dataIndex: 'targetId',
      // A series is recorded by its code; show its catalogue name.
      render: (v: string | null, e) =>
        e.targetType === 'series' && v ? valueText('seriesCode', v, catalogue) : (v ?? '—'),
    },
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
              <CodeSelect placeholder="全部操作" names={actionNames} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="targetType" label="对象类型">
              <CodeSelect placeholder="全部对象类型" names={targetTypeNames} />
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
            <>
              <Flex gap={12} wrap>
                <RecordBlock label="修改前" value={e.before} catalogue={catalogue} />
                <RecordBlock label="修改后" value={e.after} catalogue={catalogue} />
              </Flex>
              <details style={{ marginTop: 8 }}>
                <summary>原始记录（操作代码 {e.action}）</summary>
                <Flex gap={12} wrap>
                  <pre className="json-block" style={{ flex: 1, minWidth: 0 }}>
                    {JSON.stringify(e.before ?? null, null, 2)}
                  </pre>
                  <pre className="json-block" style={{ flex: 1, minWidth: 0 }}>
                    {JSON.stringify(e.after ?? null, null, 2)}
                  </pre>
                </Flex>
              </details>
            </>
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
