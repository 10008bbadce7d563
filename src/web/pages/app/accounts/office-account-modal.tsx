import { Form, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { roleNames } from '../../../../contract/index';
import { api } from '../../../api/client';
import { useOrganisations } from '../../../api/organisations';
import { queryClient } from '../../../api/query-client';
import type { AccountCreated, CreateOfficeAccountBody } from '../../../api/types';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { PersonFields } from '../../../components/person-fields';
import { applyServerErrors, required, trimPerson } from '../../../utils/form-rules';

type OfficeRole = CreateOfficeAccountBody['role'];
const OFFICE_ROLES: OfficeRole[] = ['city_office', 'province_office', 'system_admin'];

interface Values {
  person: { name: string; idNumber: string; mobile: string };
  role: OfficeRole;
  organisationId?: number;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (result: AccountCreated, personName: string, role: OfficeRole) => void;
}

/** System admin only: 市职称办 / 省职称办 / 系统管理员 accounts. */
export function OfficeAccountModal({ open, onClose, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const hrBodies = useOrganisations({ kind: 'hr_bureau' }, open);
  const role = Form.useWatch('role', form);
  const create = useMutation({
    mutationFn: (body: CreateOfficeAccountBody) => api.post<AccountCreated>('/accounts', body),
    onSuccess: async (result, body) => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      form.resetFields();
      onCreated(result, body.person.name, body.role);
    },
    onError: (e) => {
      applyServerErrors(form, e);
    },
  });

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate({
      person: trimPerson(v.person),
      role: v.role,
      organisationId: v.organisationId ?? null,
    });
  };

  return (
    <Modal
      open={open}
      title="新建管理账号"
      okText="创建账号"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      forceRender
    >
      {create.isError ? <ActionErrorAlert error={create.error} title="创建失败" /> : null}
      <Form<Values>
        name="officeAccount"
        form={form}
        layout="vertical"
        initialValues={{ role: 'city_office' }}
      >
        <Form.Item name="role" label="账号角色" rules={[required('账号角色', '请选择')]}>
          <Select options={OFFICE_ROLES.map((r) => ({ value: r, label: roleNames[r] }))} />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label="所属机构"
          extra={
            role === 'system_admin'
              ? '系统管理员可不指定机构'
              : '市/省职称办账号一般应指定其所在的人社部门或职称办'
          }
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={hrBodies.isPending}
            placeholder="选择人社部门/职称办（选填）"
            options={(hrBodies.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <PersonFields prefix="person" />
      </Form>
    </Modal>
  );
}
