import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { SpecialtyBody } from '../../../../contract/index';
import { api } from '../../../api/client';
import { publicKeys } from '../../../api/public';
import { queryClient } from '../../../api/query-client';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import type { Series, SpecialtyBody as SpecialtyBodyT } from '../../../api/types';
import { formModalProps } from '../../../utils/form-modal';
import { applyServerErrors, required, zodRule } from '../../../utils/form-rules';

interface Props {
  series: Series | null;
  onClose: () => void;
}

export function SpecialtyFormModal({ series, onClose }: Props) {
  const [form] = Form.useForm<SpecialtyBodyT>();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (args: { code: string; body: SpecialtyBodyT }) =>
      api.post<unknown>(`/series/${encodeURIComponent(args.code)}/specialties`, args.body),
    onSuccess: async (_r, args) => {
      message.success(`已新增专业：${args.body.name}`);
      await queryClient.invalidateQueries({ queryKey: publicKeys.series });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      applyServerErrors(form, e);
    },
  });
  const shape = SpecialtyBody.shape;
  return (
    <Modal
      open={series !== null}
      title={series ? `新增专业：${series.name}` : ''}
      okText="保存"
      {...formModalProps(
        form,
        save,
        (v) =>
          series && save.mutate({ code: series.code, body: { code: v.code.trim(), name: v.name.trim() } }),
        () => {
          form.resetFields();
          onClose();
        },
      )}
    >
      {save.isError ? <ActionErrorAlert error={save.error} title="保存失败" /> : null}
      <Form<SpecialtyBodyT> name="specialty" form={form} layout="vertical">
        <Form.Item
          name="code"
          label="专业代码"
          extra="字母开头，2-40位字母、数字"
          rules={[required('专业代码'), zodRule(shape.code)]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label="专业名称" rules={[required('专业名称'), zodRule(shape.name)]}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
