import { FileAddOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Flex, Select, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { levelCodes, levelNames } from '../../../../contract/index';
import {
  useApprovalCandidates,
  useApprovals,
  type ApprovalCandidate,
  type ApprovalDetail,
  type ApprovalSummary,
} from '../../../api/approvals';
import { useAgencies } from '../../../api/public';
import { useMe } from '../../../api/session';
import type { LevelCode } from '../../../api/types';
import { useAccess } from '../../../auth/use-access';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatChineseDate } from '../../../utils/format';
import { ApprovalDraftModal } from './approval-draft-modal';
import { ApprovalDrawer, ApprovalStatusTag } from './approval-drawer';
import { DecidedTab } from './decided-tab';
import { DocumentSettingsModal, type DocumentSettingsTarget } from './document-settings-modal';

/**
 * The agency whose seat the person holds: from its 批复 when there are any, else the public directory
 * (an agency is listed under its HR bureau's name).
 */
function useSeatAgency(approvals: ApprovalSummary[] | undefined) {
  const { hrSeatOrganisations } = useAccess();
  const agencies = useAgencies();
  return useMemo(() => {
    const own = approvals?.[0];
    if (own) return { code: own.agencyCode, name: own.agencyName };
    for (const org of hrSeatOrganisations) {
      const a = agencies.data?.find((x) => x.name === org.name);
      if (a) return { code: a.code, name: a.name };
    }
    return null;
  }, [approvals, agencies.data, hrSeatOrganisations]);
}

interface CandidateFilters {
  series?: string;
  level?: LevelCode;
  batch?: string;
}

function CandidatesTab({ onDraft }: { onDraft: (selected: ApprovalCandidate[]) => void }) {
  const { data, isPending, isFetching, isError, error, refetch } = useApprovalCandidates();
  const [filters, setFilters] = useState<CandidateFilters>({});
  const [selected, setSelected] = useState<number[]>([]);
  const all = useMemo(() => data ?? [], [data]);
  const rows = useMemo(
    () =>
      all.filter(
        (c) =>
          (!filters.series || c.seriesCode === filters.series) &&
          (!filters.level || c.level === filters.level) &&
          (!filters.batch || c.batch === filters.batch),
      ),
    [all, filters],
  );
  // Filter choices from the data itself.
  const seriesOptions = [...new Map(all.map((c) => [c.seriesCode, c.series])).entries()].map(
    ([value, label]) => ({
      value,
      label: label || value,
    }),
  );
  const batchOptions = [...new Set(all.map((c) => c.batch))].sort().map((b) => ({ value: b, label: b }));
  const levelOptions = levelCodes
    .filter((l) => all.some((c) => c.level === l))
    .map((l) => ({ value: l, label: levelNames[l] }));

  const setFilter = (patch: CandidateFilters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setSelected([]); // what is selected is always what is seen
  };
  const chosen = all.filter((c) => selected.includes(c.applicationId));

  const columns: TableColumnsType<ApprovalCandidate> = [
    {
      title: '申报编号',
      dataIndex: 'number',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: '姓名',
      dataIndex: 'name',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    { title: '工作单位', dataIndex: 'employer' },
    {
      title: '批次',
      dataIndex: 'batch',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    { title: '系列', dataIndex: 'series' },
    { title: '专业', dataIndex: 'specialty' },
    { title: '资格名称', dataIndex: 'qualification' },
    { title: '级别', dataIndex: 'level', render: (v: LevelCode) => levelNames[v] },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">
        认定通过、尚未列入批复的人员。勾选后起草批复；一份批复可含多个单位、多个系列的人员。
      </Typography.Paragraph>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Select<string>
          aria-label="系列"
          placeholder="全部系列"
          allowClear
          options={seriesOptions}
          value={filters.series}
          onChange={(v) => setFilter({ series: v })}
          style={{ width: 180 }}
        />
        <Select<LevelCode>
          aria-label="级别"
          placeholder="全部级别"
          allowClear
          options={levelOptions}
          value={filters.level}
          onChange={(v) => setFilter({ level: v })}
          style={{ width: 120 }}
        />
        <Select<string>
          aria-label="批次"
          placeholder="全部批次"
          allowClear
          options={batchOptions}
          value={filters.batch}
          onChange={(v) => setFilter({ batch: v })}
          style={{ width: 200 }}
        />
        <Flex gap={8} align="center" style={{ marginLeft: 'auto' }} wrap>
          <Typography.Text type="secondary" aria-live="polite">
            {chosen.length ? `已选 ${chosen.length} 人` : `共 ${rows.length} 人`}
          </Typography.Text>
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            disabled={chosen.length === 0}
            onClick={() => onDraft(chosen)}
          >
            起草批复
          </Button>
        </Flex>
      </Flex>
      {isError ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : null}
      <Table<ApprovalCandidate>
        rowKey="applicationId"
        size="middle"
        aria-label="待发证人员"
        columns={columns}
        dataSource={rows}
        loading={isPending || isFetching}
        scroll={{ x: 'max-content' }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          selections: [Table.SELECTION_ALL, Table.SELECTION_INVERT, Table.SELECTION_NONE],
          getTitleCheckboxProps: () => ({ 'aria-label': '选择本页全部人员' }),
          getCheckboxProps: (r) => ({ 'aria-label': `选择 ${r.name}` }),
        }}
        pagination={{
          pageSize: 50,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 人`,
          hideOnSinglePage: true,
        }}
        locale={{
          emptyText:
            all.length === 0 ? '暂无待发证人员：申报经本机构认定通过后出现在这里' : '没有符合筛选条件的人员',
        }}
      />
    </>
  );
}

function DocumentsTab({
  data,
  isPending,
  error,
  onRetry,
  onOpen,
}: {
  data: ApprovalSummary[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  onOpen: (id: number) => void;
}) {
  const rows = [...(data ?? [])].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === 'draft' ? -1 : 1) ||
      (b.issuedOn ?? '').localeCompare(a.issuedOn ?? '') ||
      b.id - a.id,
  );
  const columns: TableColumnsType<ApprovalSummary> = [
    {
      title: '文号',
      dataIndex: 'documentNumber',
      render: (v: string | null, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r.id)}>
          {v ?? '草稿（未编号）'}
        </Button>
      ),
    },
    { title: '标题', dataIndex: 'title' },
    { title: '人数', dataIndex: 'count', align: 'right', render: (v: number) => `${v} 人` },
    {
      title: '签发日期',
      dataIndex: 'issuedOn',
      render: (v: string | null) => (
        <span style={{ whiteSpace: 'nowrap' }}>{v ? formatChineseDate(v) : '—'}</span>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: ApprovalSummary['status']) => <ApprovalStatusTag status={v} />,
    },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r) => (
        <Button
          size="small"
          onClick={() => onOpen(r.id)}
          aria-label={`查看批复 ${r.documentNumber ?? r.title}`}
        >
          查看
        </Button>
      ),
    },
  ];
  return (
    <>
      {error ? <QueryErrorAlert error={error} onRetry={onRetry} /> : null}
      <Table<ApprovalSummary>
        rowKey="id"
        size="middle"
        aria-label="批复文件"
        columns={columns}
        dataSource={rows}
        loading={isPending}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 份`, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无批复：在“待发证人员”中勾选人员后起草' }}
      />
    </>
  );
}

/** 批复管理 (四、（七））: draft a 批复 of recognised people, the leader issues it; 文号 and certificates follow. */
export function ApprovalsPage() {
  const { message } = App.useApp();
  const { data: me } = useMe();
  const approvals = useApprovals();
  const agency = useSeatAgency(approvals.data);
  const [tab, setTab] = useState('candidates');
  const [drafting, setDrafting] = useState<ApprovalCandidate[] | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [settings, setSettings] = useState<DocumentSettingsTarget | null>(null);
  const canIssue = (me?.roles ?? []).some((r) => r.role === 'leader' && r.organisation?.kind === 'hr_bureau');

  const openSettings = (detail?: ApprovalDetail, reason?: string) => {
    const code = detail?.agencyCode ?? agency?.code;
    if (!code) {
      void message.error('未能确定本账号所属的认定机构，请联系职称办设置发文字号');
      return;
    }
    setSettings({
      agencyCode: code,
      agencyName: detail?.agencyName ?? agency?.name ?? '',
      documentPrefix: detail?.documentPrefix ?? null,
      issuerName: detail?.issuer ?? null,
      reason,
    });
  };

  const draftCount = approvals.data?.filter((a) => a.status === 'draft').length ?? 0;

  return (
    <div className="page-card">
      <PageHeader
        title="批复管理"
        description={
          <>
            {agency ? `${agency.name}：` : ''}
            将认定通过的人员起草为批复，由领导审查账号签发。签发时按机关代字分配文号，为名单中每人发放带电子签名和防伪二维码的证书，并以站内消息通知本人；已签发的批复不可修改。
          </>
        }
        extra={
          <Button icon={<SettingOutlined />} onClick={() => openSettings()}>
            发文设置
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'candidates',
            label: '待发证人员',
            children: <CandidatesTab onDraft={setDrafting} />,
          },
          {
            key: 'documents',
            label: draftCount ? `批复文件（${draftCount} 份草稿）` : '批复文件',
            children: (
              <DocumentsTab
                data={approvals.data}
                isPending={approvals.isPending}
                error={approvals.isError ? approvals.error : null}
                onRetry={() => void approvals.refetch()}
                onOpen={setOpenId}
              />
            ),
          },
          { key: 'decided', label: '已办结', children: <DecidedTab /> },
        ]}
      />
      <ApprovalDraftModal
        selected={drafting}
        onClose={() => setDrafting(null)}
        onCreated={(d) => {
          setDrafting(null);
          message.success(`批复草稿已创建（${d.items.length} 人）`);
          setTab('documents');
          setOpenId(d.id);
        }}
      />
      <ApprovalDrawer
        id={openId}
        canIssue={canIssue}
        onClose={() => setOpenId(null)}
        onSettings={(d, reason) => openSettings(d, reason)}
      />
      <DocumentSettingsModal target={settings} onClose={() => setSettings(null)} />
    </div>
  );
}
