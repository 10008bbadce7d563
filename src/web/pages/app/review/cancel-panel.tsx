import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCancelForFraud } from '../../../api/oversight';
import { usePolicyInForce } from '../../../api/policy-versions';
import type { ReviewView } from '../../../api/review';
import { ActionErrorAlert } from '../../../components/action-error-alert';

interface Values {
  reason: string;
  decisionDocument: string;
  years?: number | null;
  censure: string[];
}

/**
 * 取消申报资格 (四、（四））: an agency seat or title office cancels for fraud; the person goes on the
 * blacklist for the period, and the reviewers and units that passed it may be recorded for 通报批评.
 */
export function CancelPanel({ view }: { view: ReviewView }) {
  const [open, setOpen] = useState(false);
  const cancel = useCancelForFraud(view.application.id);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // 四、（四）names no period: the default is the policy version's; empty also means that default.
  const defaultYears = usePolicyInForce().version?.parameters.blacklistYears;
  const passed = view.application.reviews.filter((r) => r.decision === 'approve');
  const units = view.chain.filter((c) => c.stage === 'unit_handler' || c.stage === 'supervisor_handler');
  const options = [
    ...passed.map((r) => ({
      value: `a:${r.id}`,
      label: `${r.organisationName} ${r.reviewerName}（${r.stageName}）`,
    })),
    ...units.map((c) => ({
      value: `o:${c.organisationId}`,
      label: `${c.organisationName}（${c.stage === 'unit_handler' ? '申报单位' : '主管部门'}）`,
    })),
  ];
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        取消申报资格（弄虚作假）
      </Button>
      <Modal
        open={open}
        title="取消申报资格并列入黑名单"
        okText="确认取消申报资格"
        okButtonProps={{ danger: true }}
        cancelText="返回"
        confirmLoading={cancel.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void form.submit()}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${view.application.applicantName}将被取消本次申报资格，并在期限内不得申报。`}
        />
        {cancel.isError ? <ActionErrorAlert error={cancel.error} title="办理失败" /> : null}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ years: defaultYears, censure: [] }}
          onFinish={(v) =>
            cancel.mutate(
              {
                expectedRevision: view.revision,
                reason: v.reason,
                decisionDocument: v.decisionDocument,
                years: v.years ?? undefined,
                censureActionIds: v.censure.filter((x) => x.startsWith('a:')).map((x) => Number(x.slice(2))),
                censureOrganisationIds: v.censure
                  .filter((x) => x.startsWith('o:'))
                  .map((x) => Number(x.slice(2))),
              },
              {
                onSuccess: (r) => {
                  setOpen(false);
                  void message.success(`已取消申报资格，列入黑名单至 ${r.blacklistedUntil}`);
                  void navigate('/app/review');
                },
              },
            )
          }
        >
          <Form.Item name="reason" label="违纪违规情形" rules={[{ required: true, message: '请写明情形' }]}>
            <Input.TextArea rows={2} placeholder="如：提供虚假学历证书" />
          </Form.Item>
          <Form.Item
            name="decisionDocument"
            label="处理决定文号"
            rules={[{ required: true, message: '请填写文号' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="years"
            label="列入黑名单年限"
            extra={`通知 四、（四）未规定期限；${
              defaultYears ? `默认 ${defaultYears} 年` : '默认年限'
            }为职称办在现行政策版本中设定，可按处理决定修改，不填即按默认`}
          >
            <InputNumber min={1} max={10} precision={0} addonAfter="年" />
          </Form.Item>
          <Form.Item name="censure" label="审查把关不严，记录通报批评（可选）">
            {options.length ? (
              <Checkbox.Group options={options} style={{ display: 'grid', gap: 4 }} />
            ) : (
              <Typography.Text type="secondary">尚无通过该申报的审查记录</Typography.Text>
            )}
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
