import { App, Button, Checkbox, Empty, Flex, Form, Input, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import {
  useAddObjection,
  useCreatePublicity,
  usePublicities,
  type Publicity,
  type QueueItem,
  type ReviewSeat,
} from '../../../api/review';
import { usePolicyInForce } from '../../../api/policy-versions';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { CheckboxGroupField } from '../../../components/checkbox-group-field';
import { formatInstant } from '../../../utils/format';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function ObjectionForm({ publicity }: { publicity: Publicity }) {
  const add = useAddObjection(publicity.id);
  const [form] = Form.useForm<{ content: string; handling: string }>();
  const { message } = App.useApp();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) =>
        add.mutate(
          { applicationId: null, content: v.content, handling: v.handling ?? '' },
          { onSuccess: () => (form.resetFields(), void message.success('已登记异议')) },
        )
      }
      style={{ marginTop: 8, rowGap: 8 }}
    >
      <Form.Item name="content" rules={[{ required: true, message: '请填写异议内容' }]}>
        <Input placeholder="异议内容" aria-label="异议内容" style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="handling">
        <Input placeholder="核实处理情况" aria-label="核实处理情况" style={{ width: 220 }} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending}>
        登记异议
      </Button>
      {add.isError ? <Typography.Text type="danger">{errorMessage(add.error)}</Typography.Text> : null}
    </Form>
  );
}

/**
 * 单位内部公示: the unit records the publicity of its candidates (for the working days the policy in
 * force sets — 《职称评审管理暂行规定》（人力资源社会保障部令第40号）: at least 5 — counted by the holiday
 * calendar) and any objections; the unit leader sends an application on only after it has ended.
 */
export function PublicityPanel({ seat, queueItems }: { seat: ReviewSeat; queueItems: QueueItem[] }) {
  const list = usePublicities(true);
  const create = useCreatePublicity();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{
    title: string;
    startsOn: string;
    applicationIds: number[];
    renew: boolean;
  }>();
  const mine = (list.data ?? []).filter((p) => p.organisationName === seat.organisationName);
  const candidates = queueItems.filter((i) => i.stage === 'unit_handler' || i.stage === 'unit_leader');
  const workingDays = usePolicyInForce().version?.parameters.publicityWorkingDays;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          本单位申报人员须经{workingDays ? `不少于 ${workingDays} 个工作日的` : ''}
          内部公示（《职称评审管理暂行规定》；节假日按放假安排顺延），期满后领导审查方可报送。
        </Typography.Text>
        <Button onClick={() => setOpen(true)} disabled={candidates.length === 0}>
          登记公示
        </Button>
      </Flex>
      <List
        style={{ marginTop: 8 }}
        dataSource={mine}
        locale={{ emptyText: <Empty description="暂无公示" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(p) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>{p.title}</Typography.Text>
                <Tag color={p.ended ? 'success' : 'processing'}>
                  {p.startsOn} 至 {p.endsOn}（{p.workingDays} 个工作日）{p.ended ? '已期满' : '公示中'}
                </Tag>
              </Flex>
              <div>公示人员：{p.applications.map((a) => a.applicantName).join('、')}</div>
              {p.objections.map((o) => (
                <div key={o.id}>
                  <Typography.Text type="warning">异议</Typography.Text>（{formatInstant(o.at)}）：{o.content}
                  {o.handling ? `；处理：${o.handling}` : ''}
                </div>
              ))}
              <ObjectionForm publicity={p} />
            </div>
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title="登记单位内部公示"
        okText="确认登记"
        cancelText="取消"
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void form.submit()}
        destroyOnHidden
      >
        {create.isError ? <ActionErrorAlert error={create.error} title="登记失败" /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            title: '职称考核认定申报人员公示',
            startsOn: today(),
            applicationIds: [],
            renew: false,
          }}
          onFinish={(v) =>
            create.mutate(
              { ...v, organisationId: seat.organisationId },
              { onSuccess: () => (setOpen(false), form.resetFields()) },
            )
          }
        >
          <Form.Item name="title" label="公示标题" rules={[{ required: true, message: '请填写公示标题' }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="startsOn"
            label="公示开始日期"
            extra="已在单位公示栏张贴的，填写实际开始日期（不早于 30 天前，也不早于所列人员的申报提交日期）"
            rules={[{ required: true, message: '请选择开始日期' }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="applicationIds"
            label="公示人员"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择公示人员' }]}
          >
            <CheckboxGroupField
              label="公示人员"
              options={candidates.map((c) => ({ value: c.id, label: `${c.applicantName}（${c.number}）` }))}
            />
          </Form.Item>
          <Form.Item
            name="renew"
            valuePropName="checked"
            extra="已公示过的申报退回修改后重新提交的，原公示继续有效，无需重新登记；单位决定重新公示的请勾选，领导审查须待新公示期满后报送。"
          >
            <Checkbox>重新公示（退回修改后重新提交的申报）</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
