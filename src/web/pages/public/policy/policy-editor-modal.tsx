import { App, DatePicker, Form, Input, Modal, Skeleton } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { PolicyDocumentBody } from '../../../../contract/index';
import { api, errorMessage } from '../../../api/client';
import { publicKeys, usePolicyDocument } from '../../../api/public';
import { queryClient } from '../../../api/query-client';
import type { PolicyDocument, PolicyDocumentBody as PolicyDocumentBodyT } from '../../../api/types';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { applyServerErrors, required, zodRule } from '../../../utils/form-rules';

interface Props {
  open: boolean;
  /** null: a new document. */
  documentId: number | null;
  onClose: () => void;
  onSaved?: (doc: PolicyDocument) => void;
}

interface Values {
  title: string;
  documentNumber?: string;
  issuer?: string;
  publishedOn: Dayjs;
  body: string;
}

const shape = PolicyDocumentBody.shape;

/** 新增 / 编辑政策文件 (title offices only; the server checks the role). */
export function PolicyEditorModal({ open, documentId, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const editing = documentId !== null;
  const existing = usePolicyDocument(open ? documentId : null);
  // Examples name the current year, so they never look like last year's notice.
  const year = new Date().getFullYear();

  useEffect(() => {
    if (!open) return;
    if (!editing) {
      form.resetFields();
      form.setFieldsValue({ publishedOn: dayjs() });
    } else if (existing.data) {
      const d = existing.data;
      form.setFieldsValue({
        title: d.title,
        documentNumber: d.documentNumber ?? '',
        issuer: d.issuer ?? '',
        publishedOn: dayjs(d.publishedOn),
        body: d.body,
      });
    }
  }, [open, editing, existing.data, form]);

  const save = useMutation({
    mutationFn: (body: PolicyDocumentBodyT) =>
      editing
        ? api.put<PolicyDocument>(`/policy-documents/${documentId}`, body)
        : api.post<PolicyDocument>('/policy-documents', body),
    onSuccess: async (doc) => {
      message.success(editing ? '政策文件已保存' : '政策文件已发布');
      await queryClient.invalidateQueries({ queryKey: publicKeys.policyDocuments });
      onSaved?.(doc);
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) message.error(errorMessage(e));
    },
  });

  const submit = async () => {
    const v = await form.validateFields();
    save.mutate({
      title: v.title.trim(),
      documentNumber: v.documentNumber?.trim() || null,
      issuer: v.issuer?.trim() || null,
      publishedOn: v.publishedOn.format('YYYY-MM-DD'),
      body: v.body,
    });
  };

  const cancel = () => {
    if (!form.isFieldsTouched()) return onClose();
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '关闭后，本次编辑的内容将不会保存。',
      okText: '放弃修改',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: onClose,
    });
  };

  return (
    <Modal
      open={open}
      title={editing ? '编辑政策文件' : '新增政策文件'}
      width={isMobile ? '100%' : 880}
      style={isMobile ? { top: 0, maxWidth: '100vw', padding: 0 } : undefined}
      okText={editing ? '保存' : '发布'}
      cancelText="取消"
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={save.isPending}
      onCancel={cancel}
      mask={{ closable: false }}
      forceRender
    >
      {editing && existing.isError ? (
        <QueryErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />
      ) : editing && existing.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : null}
      <Form<Values>
        name="policyDocument"
        form={form}
        layout="vertical"
        requiredMark
        style={{ display: editing && !existing.data ? 'none' : undefined }}
      >
        <Form.Item name="title" label="标题" rules={[required('标题'), zodRule(shape.title)]}>
          <Input
            maxLength={200}
            showCount
            placeholder={`如：关于做好${year}年专业技术资格考核认定工作的通知`}
          />
        </Form.Item>
        <Form.Item name="documentNumber" label="文号" rules={[zodRule(shape.documentNumber)]}>
          <Input maxLength={100} placeholder={`如：××人社字〔${year}〕×号（无文号可不填）`} />
        </Form.Item>
        <Form.Item name="issuer" label="发文机关" rules={[zodRule(shape.issuer)]}>
          <Input maxLength={100} placeholder="如：××市人力资源和社会保障局" />
        </Form.Item>
        <Form.Item name="publishedOn" label="发布日期" rules={[required('发布日期', '请选择')]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" placeholder="请选择发布日期" />
        </Form.Item>
        <Form.Item
          name="body"
          label="正文"
          extra="纯文本。段落之间空一行；换行和缩进会按原样显示。"
          rules={[required('正文'), zodRule(shape.body)]}
        >
          <Input.TextArea autoSize={{ minRows: 12, maxRows: 28 }} style={{ fontFamily: 'inherit' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
