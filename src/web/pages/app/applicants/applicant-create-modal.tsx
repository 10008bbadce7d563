import { Alert, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Mobile, PersonName } from '../../../../contract/index';
import { accountKeys } from '../../../api/accounts';
import { queryClient } from '../../../api/query-client';
import type { ApplicantCreated, PersonInput } from '../../../api/types';
import {
  applyServerErrors,
  idNumberRule,
  normaliseIdInput,
  required,
  zodRule,
} from '../../../utils/form-rules';
import { api, errorMessage } from '../../../api/client';

interface Props {
  open: boolean;
  employerId: number;
  employerName: string;
  onClose: () => void;
  onCreated: (result: ApplicantCreated) => void;
}

/** 新建申报账号: name + ID number must match the social-insurance registry (notice 四、（三）). */
export function ApplicantCreateModal({ open, employerId, employerName, onClose, onCreated }: Props) {
  const [form] = Form.useForm<PersonInput>();
  const create = useMutation({
    mutationFn: (body: PersonInput) =>
      api.post<ApplicantCreated>(`/employers/${employerId}/applicants`, body),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: accountKeys.applicants(employerId) });
      form.resetFields();
      onCreated(result);
    },
    onError: (e) => {
      applyServerErrors(form, e);
    },
  });

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate({
      name: v.name.trim(),
      idNumber: v.idNumber.trim().replace(/x$/, 'X'),
      mobile: v.mobile.trim(),
    });
  };

  return (
    <Modal
      open={open}
      title="新建申报账号"
      okText="创建账号"
      cancelText="取消"
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={create.isPending}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`申报单位：${employerName}`}
        description="姓名和身份证号须与社保参保信息完全一致，否则无法创建账号。身份证号末位为字母的请填写大写 X。"
      />
      {create.isError ? (
        <Alert
          type="error"
          showIcon
          title="创建失败"
          description={errorMessage(create.error)}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      ) : null}
      <Form<PersonInput> name="applicantCreate" form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="name" label="姓名" rules={[required('姓名'), zodRule(PersonName)]}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          getValueFromEvent={normaliseIdInput}
          rules={[required('身份证号'), idNumberRule]}
        >
          <Input maxLength={18} autoComplete="off" inputMode="text" />
        </Form.Item>
        <Form.Item name="mobile" label="手机号码" rules={[required('手机号码'), zodRule(Mobile)]}>
          <Input maxLength={11} inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
