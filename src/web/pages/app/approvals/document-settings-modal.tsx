import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { DocumentSettingsBody } from '../../../../contract/approvals';
import { useUpdateDocumentSettings } from '../../../api/approvals';
import { serverNow } from '../../../api/client';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { formModalProps } from '../../../utils/form-modal';
import { dayInSystemZone } from '../../../utils/format';
import { zodRule } from '../../../utils/form-rules';

export interface DocumentSettingsTarget {
  agencyCode: string;
  agencyName: string;
  documentPrefix: string | null;
  issuerName: string | null;
  /** Why the dialog opened (e.g. the server's answer to 签发 without a 机关代字). */
  reason?: string;
}

interface Values {
  documentPrefix: string;
  issuerName: string;
}

/** 发文设置: the agency's 机关代字 (文号 = 代字〔年〕序号号) and the issuing body's name on the 批复. */
export function DocumentSettingsModal({
  target,
  onClose,
}: {
  target: DocumentSettingsTarget | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useUpdateDocumentSettings();

  useEffect(() => {
    if (target) {
      form.setFieldsValue({
        documentPrefix: target.documentPrefix ?? '',
        issuerName: target.issuerName ?? '',
      });
    }
  }, [target, form]);

  const onValid = (v: Values) => {
    if (!target) return;
    const documentPrefix = v.documentPrefix.trim();
    const issuerName = v.issuerName.trim();
    save.mutate(
      {
        code: target.agencyCode,
        body: {
          documentPrefix: documentPrefix || undefined,
          issuerName: issuerName || undefined,
        },
      },
      {
        onSuccess: () => {
          message.success(target.reason ? '发文设置已保存，请再次签发' : '发文设置已保存');
          onClose();
        },
      },
    );
  };

  const prefix = Form.useWatch('documentPrefix', form);
  const year = dayInSystemZone(serverNow()).slice(0, 4);

  return (
    <Modal
      open={target !== null}
      title="发文设置"
      okText="保存"
      // Opened over the 批复 drawer too (issuing without a 机关代字).
      zIndex={1100}
      {...formModalProps(form, save, onValid, onClose)}
    >
      {target?.reason ? (
        <Alert type="warning" showIcon title={target.reason} style={{ marginBottom: 16 }} />
      ) : null}
      {save.isError ? <ActionErrorAlert error={save.error} title="保存失败" /> : null}
      <Typography.Paragraph type="secondary">
        {target?.agencyName}
        签发批复时，文号按“机关代字〔年份〕序号号”逐年顺序编排，发文机关名称印在批复落款处。
      </Typography.Paragraph>
      <Form<Values> form={form} name="documentSettings" layout="vertical">
        <Form.Item
          name="documentPrefix"
          label="机关代字"
          rules={[
            { required: true, whitespace: true, message: '请填写机关代字' },
            zodRule(DocumentSettingsBody.shape.documentPrefix),
          ]}
          extra={
            prefix?.trim()
              ? `文号示例：${prefix.trim()}〔${year}〕1号`
              : '2—12 个字，不含数字和括号，如“章人社字”'
          }
        >
          <Input maxLength={12} autoComplete="off" placeholder="如：章人社字" />
        </Form.Item>
        <Form.Item
          name="issuerName"
          label="发文机关名称"
          rules={[zodRule(DocumentSettingsBody.shape.issuerName)]}
          extra="不填则使用本机构名称"
        >
          <Input maxLength={60} autoComplete="off" placeholder="如：赣州市章贡区人力资源和社会保障局" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
