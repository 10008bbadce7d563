import { Alert, Form, Input, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Mobile, PersonName, roleNames } from '../../../../contract/index';
import { api, errorMessage } from '../../../api/client';
import { useOrganisations } from '../../../api/organisations';
import { queryClient } from '../../../api/query-client';
import type { AccountCreated, CreateOfficeAccountBody } from '../../../api/types';
import {
  applyServerErrors,
  idNumberRule,
  normaliseIdInput,
  required,
  zodRule,
} from '../../../utils/form-rules';

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
      person: {
        name: v.person.name.trim(),
        idNumber: v.person.idNumber.trim().replace(/x$/, 'X'),
        mobile: v.person.mobile.trim(),
      },
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
        <Form.Item name={['person', 'name']} label="姓名" rules={[required('姓名'), zodRule(PersonName)]}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={['person', 'idNumber']}
          label="身份证号"
          getValueFromEvent={normaliseIdInput}
          rules={[required('身份证号'), idNumberRule]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={['person', 'mobile']}
          label="手机号码"
          rules={[required('手机号码'), zodRule(Mobile)]}
        >
          <Input maxLength={11} inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
