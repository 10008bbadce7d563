import { Alert, Form, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { accountKeys } from '../../../api/accounts';
import { queryClient } from '../../../api/query-client';
import type { ApplicantCreated, PersonInput } from '../../../api/types';
import { api } from '../../../api/client';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { PersonFields } from '../../../components/person-fields';
import { applyServerErrors, trimPerson } from '../../../utils/form-rules';

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
    create.mutate(trimPerson(v));
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
      {create.isError ? <ActionErrorAlert error={create.error} title="创建失败" /> : null}
      <Form<PersonInput> name="applicantCreate" form={form} layout="vertical" onFinish={() => void submit()}>
        <PersonFields idInputMode="text" />
      </Form>
    </Modal>
  );
}
