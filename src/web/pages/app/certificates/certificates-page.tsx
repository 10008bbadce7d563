import { FileExcelOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { levelCodes, levelNames } from '../../../../contract/index';
import { ApiError } from '../../../api/client';
import {
  certificateExportUrl,
  useCertificates,
  useRevokeCertificate,
  type CertificateFilters,
  type CertificateStatus,
  type CertificateView,
} from '../../../api/certificates';
import { useSeries } from '../../../api/public';
import type { LevelCode } from '../../../api/types';
import { useConfirmWithNote } from '../../../components/confirm-with-note';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { SearchBox } from '../../../components/search-box';
import { usePaging } from '../../../hooks/use-paging';
import { CertificateDrawer } from './certificate-drawer';
import { CertificateStatusTag } from './certificate-fields';

const statusOptions: { value: CertificateStatus; label: string }[] = [
  { value: 'valid', label: '有效' },
  { value: 'revoked', label: '已撤销' },
];

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 证书管理: the certificates in the office's or the agency's scope — search, look, export, revoke. */
export function CertificatesPage() {
  const paging = usePaging();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<CertificateStatus | undefined>();
  const [level, setLevel] = useState<LevelCode | undefined>();
  const [seriesCode, setSeriesCode] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [viewing, setViewing] = useState<CertificateView | null>(null);
  const series = useSeries();
  const revoke = useRevokeCertificate();
  const confirmWithNote = useConfirmWithNote();

  const filters: CertificateFilters = useMemo(
    () => ({
      q: q || undefined,
      status,
      level,
      seriesCode,
      from: range?.[0] ? ymd(range[0]) : undefined,
      to: range?.[1] ? ymd(range[1]) : undefined,
    }),
    [q, status, level, seriesCode, range],
  );
  const { data, isPending, isFetching, isError, error, refetch } = useCertificates(
    filters,
    paging.page,
    paging.pageSize,
  );
  const filtered = Object.values(filters).some((v) => v !== undefined);

  /** A filter change starts again at page 1. */
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      paging.firstPage();
    };

  const confirmRevoke = (c: CertificateView) =>
    confirmWithNote({
      title: `撤销 ${c.name} 的证书 ${c.number}？`,
      extra: (
        <p style={{ margin: 0 }}>
          撤销后证书立即失效：公开查询和扫码核验都将显示“已撤销”，持证人会收到站内消息。撤销不可恢复；如属信息填写错误，撤销后该人员回到“批复管理
          · 待发证人员”，可列入新的批复重新发证（新证书编号）。
        </p>
      ),
      placeholder: '撤销理由（必填，如：经查申报材料弄虚作假，依某某决定撤销）',
      okText: '确认撤销',
      done: `证书 ${c.number} 已撤销`,
      run: async (reason) => {
        if (reason.length < 2) throw new ApiError(400, 'REASON_REQUIRED', '请填写撤销理由（至少 2 个字）');
        const updated = await revoke.mutateAsync({ id: c.id, reason });
        setViewing((v) => (v && v.id === updated.id ? updated : v));
      },
    });

  const columns: TableColumnsType<CertificateView> = [
    {
      title: '证书编号',
      dataIndex: 'number',
      render: (v: string, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setViewing(r)}>
          {v}
        </Button>
      ),
    },
    {
      title: '姓名',
      dataIndex: 'name',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    { title: '工作单位', dataIndex: 'employer' },
    {
      title: '系列 / 专业',
      key: 'series',
      render: (_: unknown, r) => `${r.series}${r.specialty ? ` / ${r.specialty}` : ''}`,
    },
    { title: '资格名称', dataIndex: 'qualification' },
    {
      title: '级别',
      dataIndex: 'levelName',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: '批复文号',
      dataIndex: 'documentNumber',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: '发证日期',
      dataIndex: 'issuedOn',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: CertificateStatus) => <CertificateStatusTag status={v} />,
    },
    {
      title: '操作',
      key: 'op',
      fixed: 'right',
      render: (_: unknown, r) => (
        <Flex gap={4}>
          <Button size="small" onClick={() => setViewing(r)} aria-label={`查看证书 ${r.number}`}>
            查看
          </Button>
          {r.status === 'valid' ? (
            <Button size="small" danger onClick={() => confirmRevoke(r)} aria-label={`撤销证书 ${r.number}`}>
              撤销
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <div className="page-card">
      <PageHeader
        title="证书管理"
        description="本机构（职称办为所辖范围内各认定机构）签发批复后发放的职称证书。可按姓名、证书编号或单位查询，导出发证表，查看和下载电子证书；发现错误或弄虚作假时可撤销证书。"
        extra={
          <Button icon={<FileExcelOutlined />} href={certificateExportUrl(filters)} download>
            导出 Excel
          </Button>
        }
      />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <SearchBox
          aria-label="搜索证书"
          placeholder="姓名、证书编号或单位"
          enterButton="查询"
          onSearch={change(setQ)}
          style={{ width: 320, maxWidth: '100%' }}
        />
        <Select<CertificateStatus>
          aria-label="证书状态"
          placeholder="全部状态"
          allowClear
          options={statusOptions}
          value={status}
          onChange={change(setStatus)}
          style={{ width: 120 }}
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
        <DatePicker.RangePicker
          aria-label="发证日期范围"
          placeholder={['发证日期起', '发证日期止']}
          allowEmpty={[true, true]}
          value={range}
          onChange={change((v: [Dayjs | null, Dayjs | null] | null) => setRange(v))}
          style={{ maxWidth: '100%' }}
        />
      </Flex>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<CertificateView>
        rowKey="id"
        size="middle"
        aria-label="证书列表"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isPending || isFetching}
        scroll={{ x: 'max-content' }}
        pagination={paging.pagination(data?.total ?? 0, '本')}
        locale={{
          emptyText: filtered
            ? '没有符合条件的证书'
            : '暂无证书：认定机构签发批复后，名单中每人的证书会出现在这里',
        }}
      />
      <CertificateDrawer certificate={viewing} onClose={() => setViewing(null)} onRevoke={confirmRevoke} />
    </div>
  );
}
