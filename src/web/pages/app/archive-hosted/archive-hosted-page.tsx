import { App, Button, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import {
  useAdvanceArchiveHosted,
  useArchiveHostedRequests,
  useListArchiveHosted,
  type ArchiveHostedRequest,
} from '../../../api/oversight';
import { useMe } from '../../../api/session';
import { useAccess } from '../../../auth/use-access';
import { useConfirmWithNote } from '../../../components/confirm-with-note';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';

const statusColors: Record<ArchiveHostedRequest['status'], string> = {
  requested: 'processing',
  verified: 'processing',
  listed: 'warning',
  approved: 'success',
  refused: 'error',
};

/**
 * 档案托管人员申报 (三、（四））: people whose archive a public employment service holds and whose
 * insurance falls short — local HR verifies, the city office aggregates, the province office decides.
 */
export function ArchiveHostedPage() {
  const list = useArchiveHostedRequests();
  const advance = useAdvanceArchiveHosted();
  const aggregate = useListArchiveHosted();
  const { hrSeatOrganisations } = useAccess();
  const me = useMe();
  const roles = me.data?.roles.map((r) => r.role) ?? [];
  const isCity = roles.includes('city_office');
  const isProvince = roles.includes('province_office');
  const canVerify = hrSeatOrganisations.length > 0;
  const [selected, setSelected] = useState<number[]>([]);
  const { message } = App.useApp();
  const confirm = useConfirmWithNote();

  const act = (r: ArchiveHostedRequest, step: 'verify' | 'decide', approve: boolean) =>
    confirm({
      title: `${approve ? (step === 'verify' ? '核实通过' : '同意') : '不同意'}：${r.applicantName}`,
      placeholder: approve ? '意见（可选）' : '不同意的原因（必填）',
      run: (note) => advance.mutateAsync({ id: r.id, step, approve, note }),
    });

  const columns: TableColumnsType<ArchiveHostedRequest> = [
    { title: '年度', dataIndex: 'year' },
    { title: '姓名', dataIndex: 'applicantName' },
    { title: '身份证号', dataIndex: 'idNumberMasked' },
    { title: '托管机构', dataIndex: 'personnelAgencyName' },
    { title: '情况说明', dataIndex: 'statement', width: 280 },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: ArchiveHostedRequest['status'], r) => <Tag color={statusColors[v]}>{r.statusName}</Tag>,
    },
    {
      title: '办理经过',
      key: 'trail',
      render: (_: unknown, r) => (
        <Typography.Text type="secondary" style={{ whiteSpace: 'pre-line' }}>
          {[
            r.verifiedBy ? `核实：${r.verifiedBy} ${formatInstant(r.verifiedAt)}` : null,
            r.listedBy ? `汇总：${r.listedBy} ${formatInstant(r.listedAt)}` : null,
            r.decidedBy ? `审批：${r.decidedBy} ${formatInstant(r.decidedAt)}` : null,
            r.note ? `意见：${r.note}` : null,
          ]
            .filter(Boolean)
            .join('\n')}
        </Typography.Text>
      ),
    },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r) => (
        <Space>
          {r.status === 'requested' && canVerify ? (
            <>
              <Button size="small" type="primary" onClick={() => act(r, 'verify', true)}>
                核实通过
              </Button>
              <Button size="small" onClick={() => act(r, 'verify', false)}>
                不同意
              </Button>
            </>
          ) : null}
          {r.status === 'listed' && isProvince ? (
            <>
              <Button size="small" type="primary" onClick={() => act(r, 'decide', true)}>
                同意
              </Button>
              <Button size="small" onClick={() => act(r, 'decide', false)}>
                不同意
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="page-card">
      <PageHeader
        title="档案托管人员申报"
        description="人事档案由就业创业公共服务部门托管、社保缴纳未达到要求的人员：当地人社部门核实，市职称办汇总，省职称办同意后方可申报。"
        extra={
          isCity ? (
            <Button
              type="primary"
              disabled={selected.length === 0}
              loading={aggregate.isPending}
              onClick={() =>
                aggregate.mutate(selected, {
                  onSuccess: () => (setSelected([]), void message.success('已汇总报省职称办')),
                  onError: (e) => void message.error(errorMessage(e)),
                })
              }
            >
              汇总报省职称办{selected.length ? `（${selected.length}）` : ''}
            </Button>
          ) : undefined
        }
      />
      {list.isError ? <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ArchiveHostedRequest>
        rowKey="id"
        size="middle"
        aria-label="档案托管人员申请"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        scroll={{ x: 'max-content' }}
        rowSelection={
          isCity
            ? {
                selectedRowKeys: selected,
                onChange: (k) => setSelected(k as number[]),
                getCheckboxProps: (r) => ({ disabled: r.status !== 'verified' }),
              }
            : undefined
        }
      />
    </div>
  );
}
