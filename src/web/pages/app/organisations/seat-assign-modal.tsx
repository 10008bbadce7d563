import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { AssignSeatBody, roleNames } from '../../../../contract/index';
import { api } from '../../../api/client';
import { organisationKeys } from '../../../api/organisations';
import { queryClient } from '../../../api/query-client';
import type {
  AccountCreated,
  AssignSeatBody as AssignSeatBodyT,
  Organisation,
  Seat,
  SeatRole,
} from '../../../api/types';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { PersonFields } from '../../../components/person-fields';
import { applyServerErrors, trimPerson, zodRule } from '../../../utils/form-rules';

export interface SeatTarget {
  organisation: Organisation;
  role: SeatRole;
  current: Seat | null;
  /** Holder of the other seat: must be a different person (notice 四、（二）). */
  other: Seat | null;
}

interface Props {
  target: SeatTarget | null;
  onClose: () => void;
  onAssigned: (result: AccountCreated, target: SeatTarget, personName: string) => void;
}

interface Values {
  person: { name: string; idNumber: string; mobile: string };
  username?: string;
}

/** 设置 / 更换 经办人审查 or 领导审查 of an organisation. */
export function SeatAssignModal({ target, onClose, onAssigned }: Props) {
  const [form] = Form.useForm<Values>();
  const { modal } = App.useApp();
  const assign = useMutation({
    mutationFn: (args: { target: SeatTarget; body: AssignSeatBodyT }) =>
      api.put<AccountCreated>(
        `/organisations/${args.target.organisation.id}/seats/${args.target.role}`,
        args.body,
      ),
    onSuccess: async (result, args) => {
      await queryClient.invalidateQueries({ queryKey: organisationKeys.seats(args.target.organisation.id) });
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      form.resetFields();
      onAssigned(result, args.target, args.body.person.name);
    },
    onError: (e) => {
      applyServerErrors(form, e);
    },
  });

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const body: AssignSeatBodyT = {
      person: trimPerson(v.person),
      ...(v.username?.trim() ? { username: v.username.trim() } : {}),
    };
    if (target.current) {
      modal.confirm({
        title: `确认更换${roleNames[target.role]}？`,
        content: `${target.organisation.name}的${roleNames[target.role]}将由 ${target.current.personName} 更换为 ${body.person.name}。原人员将不再持有该审查岗位，本次变更会记入审计日志。`,
        okText: '确认更换',
        cancelText: '取消',
        onOk: () => assign.mutateAsync({ target, body }).catch(() => undefined),
      });
    } else {
      assign.mutate({ target, body });
    }
  };

  const roleName = target ? roleNames[target.role] : '';
  return (
    <Modal
      open={target !== null}
      title={target ? `${target.current ? '更换' : '设置'}${roleName}：${target.organisation.name}` : ''}
      okText={target?.current ? '更换' : '设置'}
      cancelText="取消"
      confirmLoading={assign.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        assign.reset();
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="审查账号须实名，经办人审查与领导审查不能为同一人。"
        description={
          target?.other
            ? `当前${roleNames[target.other.role]}为 ${target.other.personName}（${target.other.idNumberMasked}）。`
            : '如该人员已有系统账号（例如同时是申报人员），将沿用原账号并增加该岗位。'
        }
      />
      {assign.isError ? <ActionErrorAlert error={assign.error} title="操作失败" /> : null}
      <Form<Values> name="seat" form={form} layout="vertical">
        <PersonFields prefix="person" />
        <Form.Item
          name="username"
          label="用户名（选填）"
          extra="仅在新建账号时使用；不填则以身份证号作为用户名"
          rules={[zodRule(AssignSeatBody.shape.username)]}
        >
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
