import {
  CheckCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  EditOutlined,
  PhoneOutlined,
  PlusOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Schedule, ScheduleBatch } from '../../../../contract/index';
import { errorMessage } from '../../../api/client';
import {
  useCancelBatch,
  useDiscardSchedule,
  usePublishSchedule,
  useSchedule,
  useSchedules,
} from '../../../api/schedules';
import { useConfirmWithNote } from '../../../components/confirm-with-note';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatMonthDay } from '../../../utils/format';
import { PhoneModal, type AgencyContact } from './agency-edit-modals';
import { ScheduleBatchModal, type BatchTarget } from './schedule-batch-modal';
import { ScheduleCreateModal } from './schedule-create-modal';

type ScheduleAgency = Schedule['agencies'][number];

const batchTag = (b: ScheduleBatch): { text: string; color: string } =>
  b.state === 'cancelled'
    ? { text: '已取消', color: 'default' }
    : b.state === 'draft'
      ? { text: '草稿', color: 'gold' }
      : b.status === 'open'
        ? { text: '受理中', color: 'green' }
        : b.status === 'upcoming'
          ? { text: '未开始', color: 'blue' }
          : { text: '已结束', color: 'default' };

function matches(a: ScheduleAgency, q: string) {
  const needle = q.trim();
  return !needle || `${a.name} ${a.scopeDescription} ${a.phone}`.includes(needle);
}

/**
 * 认定机构与受理时间: each year's schedule of every agency the office oversees, in one table —
 * created from a previous year, reviewed as a draft, published; then batches changed, added or
 * cancelled. Phones are kept here too.
 */
export function AgenciesAdminPage() {
  const { modal, message } = App.useApp();
  const schedules = useSchedules();
  const [year, setYear] = useState<number | null>(null);
  const schedule = useSchedule(year);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [batchTarget, setBatchTarget] = useState<BatchTarget | null>(null);
  const [phoneTarget, setPhoneTarget] = useState<AgencyContact | null>(null);
  const publish = usePublishSchedule();
  const discard = useDiscardSchedule();
  const cancel = useCancelBatch();
  const confirmWithNote = useConfirmWithNote();

  // Start on the newest year (a draft being prepared, or the year in force).
  const years = useMemo(() => [...(schedules.data ?? [])].sort((a, b) => b.year - a.year), [schedules.data]);
  useEffect(() => {
    if (year === null && years.length) setYear(years[0]!.year);
  }, [year, years]);

  const s = schedule.data;
  const rows = useMemo(() => (s?.agencies ?? []).filter((a) => matches(a, q)), [s, q]);
  const isDraft = s?.status === 'draft';

  const confirmPublish = () => {
    if (!s) return;
    modal.confirm({
      title: `发布${s.year}年受理时间安排？`,
      content: `发布后，${s.agencies.length} 个认定机构的 ${s.batchCount} 个批次将在门户首页公布，申报人员可在受理时间内申报。发布后已开始受理的批次只能延长。`,
      okText: '确认发布',
      cancelText: '取消',
      onOk: () =>
        publish
          .mutateAsync(s.year)
          .then(() => void message.success(`${s.year}年受理时间安排已发布`))
          .catch((e: unknown) => {
            message.error(errorMessage(e));
            throw e;
          }),
    });
  };

  const confirmDiscard = () => {
    if (!s) return;
    modal.confirm({
      title: `删除${s.year}年受理时间安排草稿？`,
      content: '草稿尚未公布，删除后可重新创建。',
      okText: '确认删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        discard
          .mutateAsync(s.year)
          .then(() => {
            setYear(null);
            message.success('草稿已删除');
          })
          .catch((e: unknown) => {
            message.error(errorMessage(e));
            throw e;
          }),
    });
  };

  const confirmCancel = (a: ScheduleAgency, b: ScheduleBatch) =>
    confirmWithNote({
      title: `取消 ${a.name} ${s?.year}年${b.name}（${b.opensOn} 至 ${b.closesOn}）？`,
      placeholder: '请填写取消理由（记入操作日志），如：与第三批合并受理',
      okText: '确认取消批次',
      done: `${b.name}已取消`,
      run: (reason) => cancel.mutateAsync({ code: a.code, batchId: b.id, reason }),
    });

  const batchLine = (a: ScheduleAgency, b: ScheduleBatch) => {
    const tag = batchTag(b);
    const cancelled = b.state === 'cancelled';
    return (
      <Flex key={b.id} wrap align="center" gap={6} style={{ lineHeight: 1.8 }}>
        <Typography.Text delete={cancelled} style={{ whiteSpace: 'nowrap' }}>
          {b.name}：{formatMonthDay(b.opensOn)}-{formatMonthDay(b.closesOn)}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
          终算 {formatMonthDay(b.cutoffDate)}
        </Typography.Text>
        <Tag color={tag.color} style={{ marginInlineEnd: 0 }}>
          {tag.text}
        </Tag>
        {b.beyondYearEnd ? <Tag color="orange">跨年受理</Tag> : null}
        {b.applicationCount > 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.applicationCount} 份申报
          </Typography.Text>
        ) : null}
        {cancelled ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {b.cancelReason}
          </Typography.Text>
        ) : (
          <Space size={0}>
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              onClick={() => setBatchTarget({ year: s!.year, agency: a, batch: b })}
              aria-label={`调整 ${a.name} ${b.name}`}
            >
              {b.opened ? '延长' : '调整'}
            </Button>
            {!b.opened && b.applicationCount === 0 ? (
              <Button
                size="small"
                type="link"
                danger
                icon={<StopOutlined />}
                onClick={() => confirmCancel(a, b)}
                aria-label={`取消 ${a.name} ${b.name}`}
              >
                取消
              </Button>
            ) : null}
          </Space>
        )}
      </Flex>
    );
  };

  const columns: TableColumnsType<ScheduleAgency> = [
    {
      title: '认定机构',
      dataIndex: 'name',
      width: 220,
      render: (v: string, a) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-line' }}>
            {a.scopeDescription}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '网上受理时间',
      key: 'batches',
      render: (_v, a) => (
        <Flex vertical gap={2}>
          {a.batches.length === 0 ? <Typography.Text type="secondary">尚无批次</Typography.Text> : null}
          {a.batches.map((b) => batchLine(a, b))}
          <div>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setBatchTarget({ year: s!.year, agency: a, batch: null })}
              aria-label={`为 ${a.name} 新增批次`}
            >
              新增批次
            </Button>
          </div>
        </Flex>
      ),
    },
    {
      title: '年度完成时限',
      dataIndex: 'yearEndDeadline',
      width: 120,
      render: (v: string) => formatMonthDay(v),
    },
    {
      title: '联系电话',
      dataIndex: 'phone',
      width: 170,
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
  ];

  const latest = years[0]?.year;
  return (
    <div className="page-card">
      <PageHeader
        title="认定机构与受理时间"
        description="每年的受理时间安排由职称办维护：从上一年度一键复制（日期顺延一年），逐一核对调整后发布；发布后门户首页立即更新。"
        extra={
          <Button type="primary" icon={<CopyOutlined />} onClick={() => setCreating(true)}>
            创建年度受理时间安排
          </Button>
        }
      />
      {schedules.isError ? (
        <QueryErrorAlert error={schedules.error} onRetry={() => void schedules.refetch()} />
      ) : null}
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Select
          aria-label="年度"
          value={year ?? undefined}
          onChange={setYear}
          loading={schedules.isPending}
          placeholder="选择年度"
          options={years.map((y) => ({
            value: y.year,
            label: `${y.year}年度${y.status === 'draft' ? '（草稿）' : ''}`,
          }))}
          style={{ width: 160 }}
        />
        {s ? (
          <Tag color={isDraft ? 'gold' : 'green'} icon={isDraft ? null : <CheckCircleOutlined />}>
            {isDraft ? '草稿，未公布' : `已发布${s.publishedAt ? ` · ${s.publishedAt.slice(0, 10)}` : ''}`}
          </Tag>
        ) : null}
        {s?.sourceYear ? <Typography.Text type="secondary">复制自 {s.sourceYear} 年</Typography.Text> : null}
        {isDraft ? (
          <>
            <Button type="primary" onClick={confirmPublish} loading={publish.isPending}>
              发布
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={confirmDiscard}>
              删除草稿
            </Button>
          </>
        ) : null}
        <Input.Search
          allowClear
          aria-label="搜索认定机构"
          placeholder="机构名称或地区"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 260 }}
        />
      </Flex>
      {isDraft ? (
        <Alert
          type="info"
          showIcon
          title={`${s.year}年受理时间安排尚未发布`}
          description="草稿仅职称办可见。请逐一核对各认定机构的批次日期，确认无误后点击“发布”。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {schedule.isError ? (
        <QueryErrorAlert error={schedule.error} onRetry={() => void schedule.refetch()} />
      ) : null}
      <Table<ScheduleAgency>
        rowKey="code"
        columns={columns}
        dataSource={rows}
        loading={schedules.isPending || (year !== null && schedule.isPending)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        aria-label="各认定机构受理时间"
        locale={{
          emptyText: (
            <Empty
              description={
                years.length === 0 ? '尚无任何年度的受理时间安排，请先创建' : '没有符合条件的认定机构'
              }
            />
          ),
        }}
      />
      <ScheduleCreateModal
        open={creating}
        existingYears={years.map((y) => y.year)}
        defaultSource={latest ?? null}
        onClose={(created) => {
          setCreating(false);
          if (created) setYear(created);
        }}
      />
      <ScheduleBatchModal target={batchTarget} onClose={() => setBatchTarget(null)} />
      <PhoneModal agency={phoneTarget} onClose={() => setPhoneTarget(null)} />
    </div>
  );
}
