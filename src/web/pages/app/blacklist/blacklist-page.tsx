import { Button, Form, Input, Modal, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import {
  useAddBlacklist,
  useBlacklist,
  useCensures,
  useRevokeBlacklist,
  type BlacklistEntry,
  type CensureRecord,
} from '../../../api/oversight';
import { usePolicyInForce } from '../../../api/policy-versions';
import { useAccess } from '../../../auth/use-access';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { useConfirmWithNote } from '../../../components/confirm-with-note';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';

const stateTags: Record<BlacklistEntry['state'], [string, string]> = {
  in_force: ['error', '有效'],
  upcoming: ['warning', '未开始'],
  expired: ['default', '已到期'],
  revoked: ['default', '已撤销'],
};

interface AddValues {
  name: string;
  idNumber: string;
  reason: string;
  decisionDocument: string;
  startsOn: string;
  endsOn?: string;
}

function AddModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const add = useAddBlacklist();
  const [form] = Form.useForm<AddValues>();
  return (
    <Modal
      open={open}
      title="列入黑名单"
      okText="确认列入"
      cancelText="取消"
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      {add.isError ? <ActionErrorAlert error={add.error} title="列入失败" /> : null}
      <Form<AddValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          add.mutate({ ...v, endsOn: v.endsOn || null }, { onSuccess: () => (form.resetFields(), onClose()) })
        }
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请填写身份证号' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="reason" label="列入原因" rules={[{ required: true, message: '请写明列入原因' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="decisionDocument"
          label="处理决定文号"
          rules={[{ required: true, message: '请填写处理决定文号' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endsOn" label="截止日期（不填为长期）">
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 黑名单 (四、（四））: who may not apply and until when; title offices add and revoke, with the basis. */
export function BlacklistPage() {
  const { isOffice } = useAccess();
  const list = useBlacklist();
  const censures = useCensures(isOffice);
  const revoke = useRevokeBlacklist();
  const confirm = useConfirmWithNote();
  const [adding, setAdding] = useState(false);
  const defaultYears = usePolicyInForce().version?.parameters.blacklistYears;

  const confirmRevoke = (e: BlacklistEntry) =>
    confirm({
      title: `撤销 ${e.name} 的黑名单记录？`,
      placeholder: '撤销依据（如复议决定文号，必填）',
      okText: '确认撤销',
      done: '已撤销',
      run: (note) => revoke.mutateAsync({ id: e.id, note }),
    });

  const columns: TableColumnsType<BlacklistEntry> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '身份证号', dataIndex: 'idNumberMasked' },
    { title: '原因', dataIndex: 'reason' },
    { title: '处理决定', dataIndex: 'decisionDocument' },
    { title: '期限', key: 'period', render: (_: unknown, r) => `${r.startsOn} 至 ${r.endsOn ?? '长期'}` },
    {
      title: '状态',
      dataIndex: 'state',
      render: (v: BlacklistEntry['state']) => <Tag color={stateTags[v][0]}>{stateTags[v][1]}</Tag>,
    },
    { title: '记录机构', dataIndex: 'organisationName' },
    ...(isOffice
      ? [
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, r: BlacklistEntry) =>
              r.state === 'in_force' || r.state === 'upcoming' ? (
                <Button size="small" onClick={() => confirmRevoke(r)}>
                  撤销
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  const censureColumns: TableColumnsType<CensureRecord> = [
    { title: '申报编号', dataIndex: 'applicationNumber' },
    { title: '通报对象', dataIndex: 'subject' },
    { title: '事由', dataIndex: 'reason' },
    { title: '记录时间', dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
  ];
  const blacklistTable = (
    <>
      {list.isError ? <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<BlacklistEntry>
        rowKey="id"
        size="middle"
        aria-label="黑名单"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
  return (
    <div className="page-card">
      <PageHeader
        title="黑名单"
        description={`弄虚作假等违纪违规人员在列入期间不得申报；取消申报资格时自动列入${
          defaultYears ? `（默认 ${defaultYears} 年，由现行政策版本设定）` : ''
        }。`}
        extra={isOffice ? <Button onClick={() => setAdding(true)}>列入黑名单</Button> : undefined}
      />
      {isOffice ? (
        <Tabs
          items={[
            { key: 'b', label: '黑名单', children: blacklistTable },
            {
              key: 'c',
              label: '通报批评记录',
              children: (
                <Table<CensureRecord>
                  rowKey="id"
                  size="middle"
                  aria-label="通报批评记录"
                  columns={censureColumns}
                  dataSource={censures.data ?? []}
                  loading={censures.isPending}
                  scroll={{ x: 'max-content' }}
                />
              ),
            },
          ]}
        />
      ) : (
        blacklistTable
      )}
      <AddModal open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
