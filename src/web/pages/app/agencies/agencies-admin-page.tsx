import { EditOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { levelNames } from '../../../../contract/index';
import { useAgencies } from '../../../api/public';
import type { Agency, AgencyWindow } from '../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useNow } from '../../../hooks/use-now';
import { formatChineseDate } from '../../../utils/format';
import { liveStatus, matchesAgency, statusTag } from '../../../utils/agency-windows';
import { BatchModal, PhoneModal, type BatchTarget } from './agency-edit-modals';

function currentYear(): number {
  return Number(
    new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
  );
}

export function AgenciesAdminPage() {
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const { data, isPending, isError, error, refetch } = useAgencies(year);
  const [q, setQ] = useState('');
  const [phoneTarget, setPhoneTarget] = useState<Agency | null>(null);
  const [batchTarget, setBatchTarget] = useState<BatchTarget | null>(null);
  const now = useNow(60_000);
  const rows = useMemo(() => (data ?? []).filter((a) => matchesAgency(a, q)), [data, q]);

  const columns: TableColumnsType<Agency> = [
    {
      title: '认定机构',
      dataIndex: 'name',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: '认定范围',
      key: 'scope',
      render: (_v, a) => (
        <Flex vertical gap={4}>
          <span style={{ whiteSpace: 'pre-line' }}>{a.scope.description}</span>
          <span>
            {a.scope.levels.map((l) => (
              <Tag key={l}>{levelNames[l]}</Tag>
            ))}
          </span>
        </Flex>
      ),
    },
    {
      title: '联系电话',
      dataIndex: 'phone',
      render: (p: string, a) => (
        <Flex gap={4} align="center" wrap={false}>
          <span style={{ whiteSpace: 'nowrap' }}>
            <PhoneOutlined /> {p || '未设置'}
          </span>
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            onClick={() => setPhoneTarget(a)}
            aria-label={`修改 ${a.name} 的联系电话`}
          >
            修改
          </Button>
        </Flex>
      ),
    },
    { title: '批次数', key: 'n', align: 'right', render: (_v, a) => a.windows.length },
  ];

  const windowColumns = (a: Agency): TableColumnsType<AgencyWindow> => [
    { title: '批次', dataIndex: 'name' },
    { title: '受理开始', dataIndex: 'opens', render: (v: string) => formatChineseDate(v) },
    { title: '受理截止', dataIndex: 'closes', render: (v: string) => formatChineseDate(v) },
    { title: '终算时间', dataIndex: 'cutoffDate', render: (v: string) => formatChineseDate(v) },
    {
      title: '状态',
      key: 'status',
      render: (_v, w) => {
        const t = statusTag[liveStatus(w, now)];
        return <Tag color={t.color}>{t.text}</Tag>;
      },
    },
    {
      title: '操作',
      key: 'actions',
      render: (_v, w) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          onClick={() => setBatchTarget({ agency: a, window: w })}
          aria-label={`修改 ${a.name} ${w.name}`}
        >
          修改
        </Button>
      ),
    },
  ];

  return (
    <div className="page-card">
      <PageHeader
        title="认定机构与批次"
        description="维护各认定机构的联系电话和各批次网上受理时间、终算时间。修改后门户首页立即更新。"
      />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          aria-label="年度"
          value={year}
          onChange={setYear}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}年度` }))}
          style={{ width: 120 }}
        />
        <Input.Search
          allowClear
          aria-label="搜索认定机构"
          placeholder="机构名称或地区"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 300 }}
        />
      </Flex>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<Agency>
        rowKey="code"
        columns={columns}
        dataSource={rows}
        loading={isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        aria-label="认定机构"
        expandable={{
          expandedRowRender: (a) =>
            a.windows.length === 0 ? (
              <Empty description={`${year}年度尚未设置受理批次`} />
            ) : (
              <Table<AgencyWindow>
                rowKey="id"
                size="small"
                columns={windowColumns(a)}
                dataSource={[...a.windows].sort((x, y) => x.opens.localeCompare(y.opens))}
                pagination={false}
                scroll={{ x: 'max-content' }}
                aria-label={`${a.name} 受理批次`}
              />
            ),
        }}
        locale={{ emptyText: <Empty description="没有符合条件的认定机构" /> }}
      />
      <PhoneModal agency={phoneTarget} onClose={() => setPhoneTarget(null)} />
      <BatchModal target={batchTarget} onClose={() => setBatchTarget(null)} />
    </div>
  );
}
