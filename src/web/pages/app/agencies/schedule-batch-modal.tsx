import { Alert, App, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import type { Schedule, ScheduleBatch } from '../../../../contract/index';
import { useAddBatch, useUpdateBatch } from '../../../api/schedules';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { formModalProps } from '../../../utils/form-modal';
import { applyServerErrors, required } from '../../../utils/form-rules';

type ScheduleAgency = Schedule['agencies'][number];

/** Editing one batch, or adding one (batch null) to an agency's year. */
export interface BatchTarget {
  year: number;
  agency: ScheduleAgency;
  batch: ScheduleBatch | null;
}

interface Values {
  opensOn: Dayjs;
  closesOn: Dayjs;
  cutoffDate: Dayjs;
  beyondYearEnd: boolean;
  reason?: string;
}

const ymd = (v: Dayjs) => v.format('YYYY-MM-DD');

export function ScheduleBatchModal({ target, onClose }: { target: BatchTarget | null; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const update = useUpdateBatch();
  const add = useAddBatch();
  const save = target?.batch ? update : add;
  const opened = target?.batch?.opened ?? false;
  const beyond = Form.useWatch('beyondYearEnd', form) ?? false;

  useEffect(() => {
    if (!target) return;
    update.reset();
    add.reset();
    const b = target.batch;
    form.resetFields();
    form.setFieldsValue(
      b
        ? {
            opensOn: dayjs(b.opensOn),
            closesOn: dayjs(b.closesOn),
            cutoffDate: dayjs(b.cutoffDate),
            beyondYearEnd: b.beyondYearEnd,
            reason: '',
          }
        : { beyondYearEnd: false, reason: '' },
    );
    // The mutations are stable objects of this component; resetting them once per target is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, form]);

  const onValid = (v: Values) => {
    if (!target) return;
    const body = {
      opensOn: ymd(v.opensOn),
      closesOn: ymd(v.closesOn),
      cutoffDate: ymd(v.cutoffDate),
      beyondYearEnd: v.beyondYearEnd,
      reason: v.reason?.trim() || undefined,
    };
    const done = () => {
      message.success(`${target.agency.name}的受理时间已保存`);
      onClose();
    };
    const failed = (e: unknown) => applyServerErrors(form, e);
    const b = target.batch;
    if (b) {
      if (
        body.opensOn === b.opensOn &&
        body.closesOn === b.closesOn &&
        body.cutoffDate === b.cutoffDate &&
        body.beyondYearEnd === b.beyondYearEnd
      ) {
        message.info('受理时间未作修改');
        onClose();
        return;
      }
      update.mutate({ code: target.agency.code, batchId: b.id, body }, { onSuccess: done, onError: failed });
    } else {
      add.mutate(
        { year: target.year, body: { ...body, agencyCode: target.agency.code } },
        { onSuccess: done, onError: failed },
      );
    }
  };

  const title = target
    ? target.batch
      ? `调整受理时间：${target.agency.name} ${target.year}年${target.batch.name}`
      : `新增受理批次：${target.agency.name} ${target.year}年`
    : '';
  const inYear = (d: Dayjs) => target !== null && d.year() !== target.year;

  return (
    <Modal
      open={target !== null}
      title={title}
      okText="保存"
      {...formModalProps(form, save, onValid, onClose)}
    >
      {opened ? (
        <Alert
          type="warning"
          showIcon
          title="该批次已开始受理"
          description="已开始受理的批次只能延长截止日期，不能推迟开始日期或更改终算时间；调整须填写理由，理由记入操作日志。已申报人员的批次和终算时间不变。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {save.isError ? <ActionErrorAlert error={save.error} /> : null}
      <Form<Values> name="scheduleBatch" form={form} layout="vertical">
        <Form.Item
          name="opensOn"
          label="受理开始日期"
          extra="当日 0 时起受理（北京时间）"
          rules={[required('受理开始日期', '请选择')]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={inYear} />
        </Form.Item>
        <Form.Item
          name="closesOn"
          label="受理截止日期"
          extra={
            target ? `截止日当天 24 时前有效；不晚于年度完成时限 ${target.agency.yearEndDeadline}` : null
          }
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
          dependencies={['closesOn']}
          rules={[
            required('终算时间', '请选择'),
            ({ getFieldValue }) => ({
              validator: async (_r, v: Dayjs | undefined) => {
                const closes = getFieldValue('closesOn') as Dayjs | undefined;
                if (v && closes && v.isBefore(closes, 'day')) throw new Error('终算时间不能早于受理截止日期');
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabled={opened} />
        </Form.Item>
        <Form.Item name="beyondYearEnd" valuePropName="checked">
          <Checkbox>
            允许超过年度完成时限（四、（七）要求当年完成认定并上报，确需跨年受理时勾选并说明理由）
          </Checkbox>
        </Form.Item>
        <Form.Item
          name="reason"
          label="调整理由"
          extra="记入操作日志"
          rules={opened || beyond ? [required('调整理由')] : []}
        >
          <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：系统维护停机，顺延受理三天" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
