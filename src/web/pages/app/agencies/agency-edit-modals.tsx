import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { UpdateAgencyBody } from '../../../../contract/index';
import { api } from '../../../api/client';
import { publicKeys } from '../../../api/public';
import { scheduleKeys } from '../../../api/schedules';
import { queryClient } from '../../../api/query-client';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import type { Agency } from '../../../api/types';
import { formModalProps } from '../../../utils/form-modal';
import { applyServerErrors, required, zodRule } from '../../../utils/form-rules';

/** What the phone dialog needs of an agency. */
export interface AgencyContact {
  code: string;
  name: string;
  phone: string;
}

export function PhoneModal({ agency, onClose }: { agency: AgencyContact | null; onClose: () => void }) {
  const [form] = Form.useForm<{ phone: string }>();
  const { message } = App.useApp();
  useEffect(() => {
    if (agency) form.setFieldsValue({ phone: agency.phone });
  }, [agency, form]);
  const save = useMutation({
    mutationFn: (args: { code: string; phone: string }) =>
      api.patch<Agency>(`/agencies/${encodeURIComponent(args.code)}`, { phone: args.phone }),
    onSuccess: async () => {
      message.success('联系电话已保存');
      await queryClient.invalidateQueries({ queryKey: publicKeys.agenciesAll });
      await queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
      onClose();
    },
    onError: (e) => {
      applyServerErrors(form, e);
    },
  });
  return (
    <Modal
      open={agency !== null}
      title={agency ? `修改联系电话：${agency.name}` : ''}
      okText="保存"
      {...formModalProps(
        form,
        save,
        (v) => {
          if (!agency) return;
          if (v.phone.trim() === agency.phone) {
            message.info('联系电话未作修改');
            onClose();
            return;
          }
          save.mutate({ code: agency.code, phone: v.phone.trim() });
        },
        onClose,
      )}
    >
      {save.isError ? <ActionErrorAlert error={save.error} /> : null}
      <Form name="agencyPhone" form={form} layout="vertical">
        <Form.Item
          name="phone"
          label="联系电话"
          extra="如：0797-8179808"
          rules={[required('联系电话'), zodRule(UpdateAgencyBody.shape.phone)]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
