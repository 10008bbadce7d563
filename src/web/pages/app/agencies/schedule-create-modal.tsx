import { App, Form, InputNumber, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useCreateSchedule } from '../../../api/schedules';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { formModalProps } from '../../../utils/form-modal';
import { applyServerErrors, required } from '../../../utils/form-rules';

interface Values {
  year: number;
  sourceYear: number | null;
}

/** Creates a year's schedule for every agency the office oversees, copied from a chosen year. */
export function ScheduleCreateModal({
  open,
  existingYears,
  defaultSource,
  onClose,
}: {
  open: boolean;
  existingYears: number[];
  defaultSource: number | null;
  onClose: (createdYear?: number) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const create = useCreateSchedule();

  // Fill the defaults each time the dialog opens, and only then: the list refreshing after a
  // creation must not reset the mutation (that would drop its success callback).
  useEffect(() => {
    if (!open) return;
    create.reset();
    const next = defaultSource !== null ? defaultSource + 1 : new Date().getFullYear();
    form.setFieldsValue({ year: next, sourceYear: defaultSource });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  return (
    <Modal
      open={open}
      title="创建年度受理时间安排"
      okText="创建"
      {...formModalProps(
        form,
        create,
        (v) =>
          create.mutate(
            { year: v.year, sourceYear: v.sourceYear ?? null },
            {
              onSuccess: (s) => {
                message.success(`已创建${s.year}年受理时间安排草稿（${s.batchCount} 个批次），请核对后发布`);
                onClose(s.year);
              },
              onError: (e) => applyServerErrors(form, e),
            },
          ),
        () => onClose(),
      )}
    >
      {create.isError ? <ActionErrorAlert error={create.error} /> : null}
      <Form<Values> name="scheduleCreate" form={form} layout="vertical">
        <Form.Item
          name="year"
          label="年度"
          rules={[
            required('年度'),
            {
              validator: async (_r, v: number | undefined) => {
                if (v !== undefined && existingYears.includes(v)) throw new Error(`${v}年已有受理时间安排`);
              },
            },
          ]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="sourceYear"
          label="复制自"
          extra="各认定机构的批次及日期按所选年度复制，日期顺延相应年数（2月29日在平年顺延为2月28日）；不选则创建空白安排。"
        >
          <Select
            allowClear
            placeholder="不复制，创建空白安排"
            options={existingYears.map((y) => ({ value: y, label: `${y}年度` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
