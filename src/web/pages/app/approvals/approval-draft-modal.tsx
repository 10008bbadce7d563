import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { CreateApprovalBody } from '../../../../contract/approvals';
import { serverNow } from '../../../api/client';
import { useCreateApproval, type ApprovalCandidate, type ApprovalDetail } from '../../../api/approvals';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { formModalProps } from '../../../utils/form-modal';
import { required, zodRule } from '../../../utils/form-rules';

interface Values {
  recipient: string;
  effectiveOn: Dayjs;
  copyTo?: string;
}

interface Props {
  /** The chosen people; null = closed. */
  selected: ApprovalCandidate[] | null;
  onClose: () => void;
  onCreated: (draft: ApprovalDetail) => void;
}

/** 起草批复: the header fields of a new draft for the chosen recognised applications. */
export function ApprovalDraftModal({ selected, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const create = useCreateApproval();
  const units = [...new Set((selected ?? []).map((c) => c.employer))];
  const { reset } = create;

  useEffect(() => {
    if (!selected) return;
    form.setFieldsValue({
      recipient: [...new Set(selected.map((c) => c.employer))].join('、'),
      effectiveOn: dayjs(serverNow()),
      copyTo: '',
    });
    reset();
  }, [selected, form, reset]);

  const onValid = (v: Values) => {
    if (!selected) return;
    create.mutate(
      {
        applicationIds: selected.map((c) => c.applicationId),
        recipient: v.recipient.trim(),
        effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
        copyTo: v.copyTo?.trim() || undefined,
      },
      { onSuccess: (d) => onCreated(d) },
    );
  };

  const names = (selected ?? []).map((c) => c.name);
  return (
    <Modal
      open={selected !== null}
      title="起草批复"
      okText="创建草稿"
      width={640}
      {...formModalProps(form, create, onValid, onClose)}
    >
      {create.isError ? <ActionErrorAlert error={create.error} title="创建失败" /> : null}
      <Typography.Paragraph>
        共 <Typography.Text strong>{names.length}</Typography.Text> 人（{units.length} 个单位）：
        {names.slice(0, 12).join('、')}
        {names.length > 12 ? ` 等` : ''}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        标题由系统按名单生成；草稿可删除重拟，领导审查账号签发后分配文号、发放证书。
      </Typography.Paragraph>
      <Form<Values> form={form} name="approvalDraft" layout="vertical">
        <Form.Item
          name="recipient"
          label="主送机关"
          rules={[required('主送机关', '请填写'), zodRule(CreateApprovalBody.shape.recipient)]}
          extra="默认为名单中人员所在单位"
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={300} showCount />
        </Form.Item>
        <Form.Item
          name="effectiveOn"
          label="资格取得时间"
          rules={[required('资格取得时间', '请选择')]}
          extra="证书上的资格取得时间，默认为今天"
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="copyTo" label="抄送" rules={[zodRule(CreateApprovalBody.shape.copyTo)]}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={300}
            placeholder="如：市人力资源和社会保障局职称办（可不填）"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
