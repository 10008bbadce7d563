import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { levelNames } from '../../../../contract/index';
import { stageNames } from '../../../../domain/review/review-chain';
import { errorMessage } from '../../../api/client';
import {
  useBulkApprove,
  useReviewQueue,
  useReviewSeats,
  type QueueFilter,
  type QueueItem,
  type ReviewSeat,
} from '../../../api/review';
import type { LevelCode } from '../../../api/types';
import { useSeries } from '../../../api/public';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';
import { PublicityPanel } from './publicity-panel';

const seatKey = (s: { organisationId: number; role: string }) => `${s.organisationId}:${s.role}`;
const roleNames = { handler: '经办人审查', leader: '领导审查' } as const;

function SeatLabel({ seat }: { seat: ReviewSeat }) {
  return (
    <span>
      {seat.organisationName}（{roleNames[seat.role]}）{' '}
      <Badge count={seat.waiting} showZero color={seat.overdue ? 'red' : 'blue'} overflowCount={9999} />
    </span>
  );
}

/** 审查工作台: the queue of one seat, oldest first, with filters and (for leaders) bulk approval. */
export function ReviewQueuePage() {
  const { modal, message } = App.useApp();
  const [filter, setFilter] = useState<QueueFilter>({});
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const seats = useReviewSeats();
  const series = useSeries();
  const queue = useReviewQueue(filter);
  const bulk = useBulkApprove();
  const first = queue.data?.pages[0];
  const current = first?.seat ?? null;
  const seat = (seats.data ?? []).find(
    (s) => current && s.organisationId === current.organisationId && s.role === current.role,
  );
  const items = useMemo(() => {
    const all = queue.data?.pages.flatMap((p) => p.items) ?? [];
    const needle = q.trim();
    return needle
      ? all.filter((i) => i.applicantName.includes(needle) || (i.number ?? '').includes(needle))
      : all;
  }, [queue.data, q]);

  const columns: TableColumnsType<QueueItem> = [
    {
      title: '申报编号',
      dataIndex: 'number',
      render: (v: string | null, r) => <Link to={`/app/review/${r.id}`}>{v ?? `#${r.id}`}</Link>,
    },
    { title: '申报人员', dataIndex: 'applicantName' },
    { title: '申报单位', dataIndex: 'employerName' },
    { title: '层级', dataIndex: 'targetLevel', render: (v: LevelCode) => levelNames[v] },
    { title: '批次', dataIndex: 'batchName' },
    { title: '环节', dataIndex: 'stage', render: (v: QueueItem['stage']) => stageNames[v] },
    {
      title: '预检',
      dataIndex: 'eligible',
      render: (v: boolean) => (v ? <Tag color="success">符合</Tag> : <Tag color="error">不符合</Tag>),
    },
    {
      title: '等待',
      dataIndex: 'waitingDays',
      render: (v: number, r) => (
        <Space size={4}>
          <span title={formatInstant(r.since)}>{v} 天</span>
          {r.batchCloses <= new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) ? (
            <Tag color="red">临近截止</Tag>
          ) : null}
        </Space>
      ),
    },
  ];

  const confirmBulk = () => {
    const chosen = items.filter((i) => selected.includes(i.id));
    modal.confirm({
      title: `确认批量通过 ${chosen.length} 份申报？`,
      content: (
        <div>
          <p>将以您的“{current ? roleNames[current.role] : ''}”岗位逐份审查通过，并记录在审查记录中：</p>
          <ul style={{ maxHeight: 200, overflow: 'auto', paddingInlineStart: 20 }}>
            {chosen.map((c) => (
              <li key={c.id}>
                {c.applicantName}（{c.number}）
              </li>
            ))}
          </ul>
        </div>
      ),
      okText: '确认通过',
      cancelText: '取消',
      onOk: async () => {
        try {
          const results = await bulk.mutateAsync({
            items: chosen.map((c) => ({ id: c.id, expectedRevision: c.revision })),
          });
          const failed = results.filter((r) => !r.ok);
          setSelected([]);
          if (failed.length === 0) void message.success(`已通过 ${results.length} 份`);
          else
            modal.warning({
              title: `通过 ${results.length - failed.length} 份，${failed.length} 份未通过`,
              content: (
                <ul style={{ paddingInlineStart: 20 }}>
                  {failed.map((f) => (
                    <li key={f.id}>
                      {chosen.find((c) => c.id === f.id)?.applicantName}：{f.message}
                    </li>
                  ))}
                </ul>
              ),
            });
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });
  };

  return (
    <div className="page-card">
      <PageHeader
        title="审查工作台"
        description="按等待时间排列本岗位的待审申报；打开一份即可对照材料审查。临近受理截止的批次标红。"
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => (void queue.refetch(), void seats.refetch())}
            loading={queue.isFetching}
          >
            刷新
          </Button>
        }
      />
      {queue.isError ? <QueryErrorAlert error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {seats.isError ? <QueryErrorAlert error={seats.error} onRetry={() => void seats.refetch()} /> : null}
      {seats.data && seats.data.length === 0 ? (
        <Empty description="您没有审查岗位（经办人审查或领导审查）" />
      ) : null}
      {seats.data && seats.data.length > 0 ? (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Select
              aria-label="审查岗位"
              style={{ minWidth: 280 }}
              value={current ? seatKey(current) : undefined}
              options={seats.data.map((s) => ({ value: seatKey(s), label: <SeatLabel seat={s} /> }))}
              onChange={(v: string) => {
                const [org, role] = v.split(':');
                setSelected([]);
                setFilter((f) => ({ ...f, organisationId: Number(org), role: role as 'handler' | 'leader' }));
              }}
            />
            <Select
              aria-label="层级"
              allowClear
              placeholder="全部层级"
              style={{ width: 120 }}
              value={filter.targetLevel}
              options={(Object.keys(levelNames) as LevelCode[]).map((l) => ({
                value: l,
                label: levelNames[l],
              }))}
              onChange={(v?: LevelCode) => setFilter((f) => ({ ...f, targetLevel: v }))}
            />
            <Select
              aria-label="申报系列"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部系列"
              style={{ width: 180 }}
              value={filter.seriesCode}
              options={(series.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
              onChange={(v?: string) => setFilter((f) => ({ ...f, seriesCode: v }))}
            />
            <Select
              aria-label="等待时间"
              allowClear
              placeholder="等待时间不限"
              style={{ width: 150 }}
              value={filter.waitingDays}
              options={[3, 7, 15, 30].map((d) => ({ value: d, label: `等待 ${d} 天以上` }))}
              onChange={(v?: number) => setFilter((f) => ({ ...f, waitingDays: v }))}
            />
            <Input.Search
              aria-label="搜索姓名或编号"
              placeholder="姓名或申报编号"
              allowClear
              style={{ width: 200 }}
              onSearch={setQ}
            />
          </Flex>
          {seat && seat.overdue > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`有 ${seat.overdue} 份申报所在批次即将或已经截止受理，请优先审查`}
            />
          ) : null}
          {current?.role === 'leader' ? (
            <Flex gap={8} style={{ marginBottom: 8 }} align="center">
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={selected.length === 0}
                loading={bulk.isPending}
                onClick={confirmBulk}
              >
                批量通过{selected.length ? `（${selected.length}）` : ''}
              </Button>
              <Typography.Text type="secondary">
                勾选后批量通过；退回或不予通过请逐份打开办理。
              </Typography.Text>
            </Flex>
          ) : null}
          <Table<QueueItem>
            rowKey="id"
            size="middle"
            aria-label="待审申报"
            columns={columns}
            dataSource={items}
            loading={queue.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowSelection={
              current?.role === 'leader'
                ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }
                : undefined
            }
            locale={{ emptyText: <Empty description="本岗位暂无待审申报" /> }}
          />
          {queue.hasNextPage ? (
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Button onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
                加载更多
              </Button>
            </Flex>
          ) : null}
          {seat && (seat.role === 'leader' || seat.role === 'handler') ? (
            <Card size="small" title="单位内部公示" style={{ marginTop: 16 }}>
              <PublicityPanel seat={seat} queueItems={items} />
            </Card>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
