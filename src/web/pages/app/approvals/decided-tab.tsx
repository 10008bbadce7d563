import { Flex, Segmented, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { levelCodes, levelNames } from '../../../../contract/index';
import { useDecided, type DecidedFilters, type DecidedItem } from '../../../api/approvals';
import { useSeries } from '../../../api/public';
import type { LevelCode } from '../../../api/types';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { SearchBox } from '../../../components/search-box';
import { usePaging } from '../../../hooks/use-paging';
import { formatInstant } from '../../../utils/format';

type Outcome = DecidedItem['outcome'];
const outcomeNames: Record<Outcome, string> = {
  recognised: '认定通过',
  rejected: '不予认定',
  cancelled: '已取消资格',
};
const outcomeColours: Record<Outcome, string> = {
  recognised: 'green',
  rejected: 'red',
  cancelled: 'default',
};

function CertificateCell({ r }: { r: DecidedItem }) {
  if (r.outcome !== 'recognised' && !r.certificateNumber) return <>—</>;
  if (!r.certificateNumber) return <Tag color="orange">待发证</Tag>;
  return (
    <Flex vertical gap={2}>
      <span style={{ whiteSpace: 'nowrap' }}>
        {r.certificateNumber}
        {r.certificateStatus === 'revoked' ? (
          <Tag color="red" style={{ marginInlineStart: 6 }}>
            已撤销
          </Tag>
        ) : null}
      </span>
      <span style={{ whiteSpace: 'nowrap', color: 'var(--ant-color-text-secondary)' }}>
        {r.documentNumber}
      </span>
    </Flex>
  );
}

/**
 * 已办结: what this agency has decided — recognised, not recognised, cancelled for fraud — searched by
 * name, application or certificate number, paged on the server; each opens the full record.
 */
export function DecidedTab() {
  const paging = usePaging();
  const [outcome, setOutcome] = useState<Outcome | 'all'>('all');
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<LevelCode | undefined>();
  const [seriesCode, setSeriesCode] = useState<string | undefined>();
  const series = useSeries();
  const filters: DecidedFilters = useMemo(
    () => ({ outcome: outcome === 'all' ? undefined : outcome, q: q || undefined, level, seriesCode }),
    [outcome, q, level, seriesCode],
  );
  const { data, isPending, isFetching, isError, error, refetch } = useDecided(
    filters,
    paging.page,
    paging.pageSize,
  );
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      paging.firstPage();
    };
  const counts = data?.counts;
  const label = (name: string, n: number | undefined) => (n === undefined ? name : `${name} ${n}`);

  const columns: TableColumnsType<DecidedItem> = [
    {
      title: '姓名 / 申报编号',
      key: 'name',
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          <Link to={`/app/review/${r.applicationId}`} aria-label={`查看 ${r.name} 的申报`}>
            {r.name}
          </Link>
          <span style={{ whiteSpace: 'nowrap', color: 'var(--ant-color-text-secondary)' }}>{r.number}</span>
        </Flex>
      ),
    },
    { title: '工作单位', dataIndex: 'employer' },
    {
      title: '系列 / 专业',
      key: 'series',
      render: (_: unknown, r) =>
        `${r.series}${r.specialty && r.specialty !== r.series ? ` / ${r.specialty}` : ''}`,
    },
    {
      title: '资格名称',
      key: 'qualification',
      render: (_: unknown, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.qualification}（{levelNames[r.level]}）
        </span>
      ),
    },
    {
      title: '批次',
      dataIndex: 'batch',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: '结果 / 办结时间',
      key: 'outcome',
      render: (_: unknown, r) => (
        <Flex vertical gap={2} align="start">
          <Tag color={outcomeColours[r.outcome]}>{outcomeNames[r.outcome]}</Tag>
          <span style={{ whiteSpace: 'nowrap', color: 'var(--ant-color-text-secondary)' }}>
            {formatInstant(r.decidedAt)}
          </span>
        </Flex>
      ),
    },
    {
      title: '证书编号 / 批复文号',
      key: 'certificate',
      render: (_: unknown, r) => <CertificateCell r={r} />,
    },
  ];
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }} align="center">
        <Segmented<Outcome | 'all'>
          aria-label="办结结果"
          value={outcome}
          onChange={change(setOutcome)}
          options={[
            {
              value: 'all',
              label: label(
                '全部',
                counts ? counts.recognised + counts.rejected + counts.cancelled : undefined,
              ),
            },
            { value: 'recognised', label: label('认定通过', counts?.recognised) },
            { value: 'rejected', label: label('不予认定', counts?.rejected) },
            { value: 'cancelled', label: label('已取消资格', counts?.cancelled) },
          ]}
        />
        <SearchBox
          aria-label="搜索已办结申报"
          placeholder="姓名、申报编号或证书编号"
          enterButton="查询"
          onSearch={change(setQ)}
          style={{ width: 300, maxWidth: '100%' }}
        />
        <Select<string>
          aria-label="系列"
          placeholder="全部系列"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={series.isPending}
          options={(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
          value={seriesCode}
          onChange={change(setSeriesCode)}
          style={{ width: 180 }}
        />
        <Select<LevelCode>
          aria-label="级别"
          placeholder="全部级别"
          allowClear
          options={levelCodes.map((l) => ({ value: l, label: levelNames[l] }))}
          value={level}
          onChange={change(setLevel)}
          style={{ width: 120 }}
        />
      </Flex>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<DecidedItem>
        rowKey="applicationId"
        size="middle"
        aria-label="已办结申报"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isPending || isFetching}
        scroll={{ x: 'max-content' }}
        pagination={paging.pagination(data?.total ?? 0, '份')}
        locale={{
          emptyText: filtered
            ? '没有符合条件的已办结申报'
            : '暂无已办结申报：本机构作出认定通过或不予认定的决定后，会列在这里',
        }}
      />
    </>
  );
}
