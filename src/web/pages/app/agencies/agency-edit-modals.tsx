import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { UpdateAgencyBody } from '../../../../contract/index';
import { api } from '../../../api/client';
import { publicKeys } from '../../../api/public';
import { queryClient } from '../../../api/query-client';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import type { Agency, AgencyWindow, UpdateBatchBody } from '../../../api/types';
import { formModalProps } from '../../../utils/form-modal';
import { applyServerErrors, required, zodRule } from '../../../utils/form-rules';

export function PhoneModal({ agency, onClose }: { agency: Agency | null; onClose: () => void }) {
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

interface BatchValues {
  opensOn: Dayjs;
  closesOn: Dayjs;
  cutoffDate: Dayjs;
}

export interface BatchTarget {
  agency: Agency;
  window: AgencyWindow;
}

export function BatchModal({ target, onClose }: { target: BatchTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<BatchValues>();
  const { message } = App.useApp();
  useEffect(() => {
    if (target) {
      form.setFieldsValue({
        opensOn: dayjs(target.window.opens),
        closesOn: dayjs(target.window.closes),
        cutoffDate: dayjs(target.window.cutoffDate),
      });
    }
  }, [target, form]);
  const save = useMutation({
    mutationFn: (args: { target: BatchTarget; body: UpdateBatchBody }) =>
      api.put<unknown>(
        `/agencies/${encodeURIComponent(args.target.agency.code)}/batches/${args.target.window.id}`,
        args.body,
      ),
    onSuccess: async (_r, args) => {
      message.success(`${args.target.agency.name}${args.target.window.name}的受理时间已保存`);
      await queryClient.invalidateQueries({ queryKey: publicKeys.agenciesAll });
      onClose();
    },
    onError: (e) => {
      applyServerErrors(form, e);
    },
  });
  const d = (v: Dayjs) => v.format('YYYY-MM-DD');
  return (
    <Modal
      open={target !== null}
      title={target ? `修改受理时间：${target.agency.name} ${target.window.name}` : ''}
      okText="保存"
      {...formModalProps(
        form,
        save,
        (v) => {
          if (!target) return;
          const body = { opensOn: d(v.opensOn), closesOn: d(v.closesOn), cutoffDate: d(v.cutoffDate) };
          const w = target.window;
          if (body.opensOn === w.opens && body.closesOn === w.closes && body.cutoffDate === w.cutoffDate) {
            message.info('受理时间未作修改');
            onClose();
            return;
          }
          save.mutate({ target, body });
        },
        onClose,
      )}
    >
      {target?.window.status === 'open' ? (
        <Alert
          type="warning"
          showIcon
          title="该批次正在受理中"
          description="修改将立即影响正在申报的人员，请确认已对外公告。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {save.isError ? <ActionErrorAlert error={save.error} /> : null}
      <Form<BatchValues> name="agencyBatch" form={form} layout="vertical">
        <Form.Item
          name="opensOn"
          label="受理开始日期"
          extra="当日 0 时起受理（北京时间）"
          rules={[required('受理开始日期', '请选择')]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item
          name="closesOn"
          label="受理截止日期"
          extra="截止日当天 24 时前有效"
          dependencies={['opensOn']}
          rules={[
            required('受理截止日期', '请选择'),
            ({ getFieldValue }) => ({
              validator: async (_r, v: Dayjs | undefined) => {
                const opens = getFieldValue('opensOn') as Dayjs | undefined;
                if (v && opens && v.isBefore(opens, 'day')) throw new Error('受理截止日期不能早于开始日期');
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item
          name="cutoffDate"
          label="终算时间"
          extra="学历、学位、资历、工作年限等计算截止日（通知 三、（七））"
          rules={[required('终算时间', '请选择')]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
