import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { levelNames } from '../../../../contract/index';
import {
  useApplySelfRecognition,
  useDecideFiling,
  useDecideSelfRecognition,
  useFileBatch,
  useFiledBatches,
  useSelfRecognitionApplications,
  type FiledBatch,
  type SelfRecognitionApplication,
} from '../../../api/oversight';
import { useSeries } from '../../../api/public';
import type { LevelCode } from '../../../api/types';
import { useAccess } from '../../../auth/use-access';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { CheckboxGroupField } from '../../../components/checkbox-group-field';
import { useConfirmWithNote } from '../../../components/confirm-with-note';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';

const levelOptions = (Object.keys(levelNames) as LevelCode[]).map((l) => ({
  value: l,
  label: levelNames[l],
}));
const statusTags = {
  pending: ['processing', '待审批'],
  approved: ['success', '已批准'],
  refused: ['error', '未批准'],
} as const;
const filingColors: Record<FiledBatch['filingStatus'], string> = {
  not_required: 'default',
  pending: 'processing',
  accepted: 'success',
  refused: 'error',
};

function ApplyCard({ units }: { units: { id: number; name: string }[] }) {
  const [unitId, setUnitId] = useState(units[0]!.id);
  const apply = useApplySelfRecognition(unitId);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  return (
    <Card size="small" title="申请开展职称自主评审" style={{ marginBottom: 16 }}>
      {apply.isError ? <ActionErrorAlert error={apply.error} title="申请失败" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ category: 'chainLeader', requestedLevels: ['assistant', 'intermediate'] }}
        onFinish={(v: {
          category: 'chainLeader' | 'newRnd';
          statement: string;
          requestedLevels: LevelCode[];
          contactPhone: string;
        }) => apply.mutate(v, { onSuccess: () => (form.resetFields(), void message.success('已提交申请')) })}
      >
        {units.length > 1 ? (
          <Form.Item label="申请单位">
            <Select
              value={unitId}
              onChange={setUnitId}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="category" label="单位类别">
          <Radio.Group
            options={[
              { value: 'chainLeader', label: '链主企业/龙头企业' },
              { value: 'newRnd', label: '新型研发机构' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="requestedLevels"
          label="申请自主认定的层级"
          rules={[{ required: true, message: '请选择层级' }]}
        >
          <CheckboxGroupField label="申请自主认定的层级" options={levelOptions} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          rules={[{ required: true, message: '请填写联系电话' }]}
        >
          <Input style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item
          name="statement"
          label="单位情况及符合条件的依据"
          rules={[{ required: true, message: '请填写' }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={apply.isPending}>
          提交申请
        </Button>
      </Form>
    </Card>
  );
}

function FileBatchModal({
  units,
  open,
  onClose,
}: {
  units: { id: number; name: string }[];
  open: boolean;
  onClose: () => void;
}) {
  const [unitId, setUnitId] = useState(units[0]?.id ?? 0);
  const file = useFileBatch(unitId);
  const [form] = Form.useForm();
  return (
    <Modal
      open={open}
      title="设立批次并报备"
      okText="提交报备"
      cancelText="取消"
      confirmLoading={file.isPending}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      {file.isError ? <ActionErrorAlert error={file.error} title="报备失败" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year: new Date().getFullYear(), number: 1 }}
        onFinish={(v: {
          year: number;
          number: number;
          name: string;
          opensOn: string;
          closesOn: string;
          cutoffDate: string;
          filingDocument: string;
        }) => file.mutate(v, { onSuccess: () => (form.resetFields(), onClose()) })}
      >
        {units.length > 1 ? (
          <Form.Item label="单位">
            <Select
              value={unitId}
              onChange={setUnitId}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        ) : null}
        <Space wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true }]}>
            <InputNumber min={2020} max={2100} />
          </Form.Item>
          <Form.Item name="number" label="批次序号" rules={[{ required: true }]}>
            <InputNumber min={1} max={99} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label="批次名称" rules={[{ required: true, message: '请填写批次名称' }]}>
          <Input placeholder={`如：${new Date().getFullYear()}年自主评审第一批`} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="opensOn" label="受理开始" rules={[{ required: true, message: '必填' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="closesOn" label="受理截止" rules={[{ required: true, message: '必填' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="cutoffDate" label="终算时间" rules={[{ required: true, message: '必填' }]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item
          name="filingDocument"
          label="书面报备文件"
          extra="报备函的文号或名称。须在受理开始前，按认定权限向同级职称部门报备，确认后批次方可受理；更改受理时间须以同一年度、批次序号重新报备，重新确认前暂停受理（已开始受理的批次不能更改）"
          rules={[{ required: true, message: '请填写书面报备文件' }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 自主评审: units apply and file their batches; HR bureaus and title offices approve and accept filings. */
export function SelfRecognitionPage() {
  const { isOffice, hrSeatOrganisations, unitSeatOrganisations } = useAccess();
  const canDecide = isOffice || hrSeatOrganisations.length > 0;
  const applications = useSelfRecognitionApplications();
  const batches = useFiledBatches();
  const decide = useDecideSelfRecognition();
  const series = useSeries();
  const decideFiling = useDecideFiling();
  const [filing, setFiling] = useState(false);
  const confirm = useConfirmWithNote();

  const decideApplication = (a: SelfRecognitionApplication, approve: boolean) => {
    let levels: LevelCode[] = a.requestedLevels;
    let seriesCodes: string[] = [];
    confirm({
      title: `${approve ? '批准' : '不予批准'}：${a.organisationName}`,
      placeholder: approve ? '意见（可选）' : '不予批准的原因（必填）',
      extra: approve ? (
        <Flex vertical gap={8}>
          <Checkbox.Group
            options={levelOptions}
            defaultValue={levels}
            onChange={(v) => (levels = v as LevelCode[])}
          />
          <Select
            mode="multiple"
            allowClear
            aria-label="认定范围内的系列"
            placeholder="认定范围内的系列（不选则不限系列）"
            style={{ width: '100%' }}
            loading={series.isPending}
            options={(series.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v: string[]) => (seriesCodes = v)}
          />
        </Flex>
      ) : undefined,
      done: '已审批',
      run: (note) =>
        decide.mutateAsync({
          id: a.id,
          approve,
          levels: approve ? levels : [],
          seriesCodes: approve ? seriesCodes : [],
          note,
        }),
    });
  };

  const decideBatch = (b: FiledBatch, accept: boolean) =>
    confirm({
      title: `${accept ? '确认报备' : '报备不予通过'}：${b.unitName} ${b.name}`,
      placeholder: accept ? '意见（可选）' : '原因（必填）',
      run: (note) => decideFiling.mutateAsync({ id: b.id, accept, note }),
    });

  const applicationColumns: TableColumnsType<SelfRecognitionApplication> = [
    { title: '单位', dataIndex: 'organisationName' },
    { title: '类别', dataIndex: 'categoryName' },
    {
      title: '申请层级',
      dataIndex: 'requestedLevels',
      render: (v: LevelCode[]) => v.map((l) => levelNames[l]).join('、'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: SelfRecognitionApplication['status'], r) => (
        <>
          <Tag color={statusTags[v][0]}>{statusTags[v][1]}</Tag>
          {r.grantedLevels ? `批准：${r.grantedLevels.map((l) => levelNames[l]).join('、')}` : ''}
          {r.decisionNote ? `（${r.decisionNote}）` : ''}
        </>
      ),
    },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r) =>
        r.status === 'pending' && canDecide ? (
          <Space>
            <Button size="small" type="primary" onClick={() => decideApplication(r, true)}>
              批准
            </Button>
            <Button size="small" onClick={() => decideApplication(r, false)}>
              不予批准
            </Button>
          </Space>
        ) : null,
    },
  ];
  const batchColumns: TableColumnsType<FiledBatch> = [
    { title: '单位', dataIndex: 'unitName' },
    { title: '批次', dataIndex: 'name' },
    { title: '受理时间', key: 'w', render: (_: unknown, r) => `${r.opensOn} 至 ${r.closesOn}` },
    { title: '终算时间', dataIndex: 'cutoffDate' },
    { title: '报备文件', dataIndex: 'filingDocument' },
    {
      title: '报备状态',
      dataIndex: 'filingStatus',
      render: (v: FiledBatch['filingStatus'], r) => <Tag color={filingColors[v]}>{r.filingStatusName}</Tag>,
    },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, r) =>
        r.filingStatus === 'pending' && canDecide ? (
          <Space>
            <Button size="small" type="primary" onClick={() => decideBatch(r, true)}>
              确认报备
            </Button>
            <Button size="small" onClick={() => decideBatch(r, false)}>
              不予通过
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <div className="page-card">
      <PageHeader
        title="职称自主评审"
        description="链主企业（龙头企业）和新型研发机构申请开展职称自主认定；自主评审单位自行确定批次，受理前须向同级职称部门书面报备，报备确认后方可受理。"
        extra={
          unitSeatOrganisations.length ? (
            <Button onClick={() => setFiling(true)}>设立批次并报备</Button>
          ) : undefined
        }
      />
      {unitSeatOrganisations.length ? <ApplyCard units={unitSeatOrganisations} /> : null}
      {applications.isError ? (
        <QueryErrorAlert error={applications.error} onRetry={() => void applications.refetch()} />
      ) : null}
      <Card size="small" title="自主评审申请" style={{ marginBottom: 16 }}>
        <Table<SelfRecognitionApplication>
          rowKey="id"
          size="middle"
          aria-label="自主评审申请"
          columns={applicationColumns}
          dataSource={applications.data ?? []}
          loading={applications.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card size="small" title="自主评审批次与报备">
        {batches.isError ? (
          <QueryErrorAlert error={batches.error} onRetry={() => void batches.refetch()} />
        ) : null}
        <Table<FiledBatch>
          rowKey="id"
          size="middle"
          aria-label="自主评审批次"
          columns={batchColumns}
          dataSource={batches.data ?? []}
          loading={batches.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <FileBatchModal units={unitSeatOrganisations} open={filing} onClose={() => setFiling(false)} />
    </div>
  );
}
