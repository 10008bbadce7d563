import { Alert, App, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import {
  SeriesBody,
  educationLevels,
  educationNames,
  levelCodes,
  levelNames,
} from '../../../../contract/index';
import { api } from '../../../api/client';
import { publicKeys } from '../../../api/public';
import { queryClient } from '../../../api/query-client';
import type { EducationLevel, Series, SeriesBody as SeriesBodyT, UpdateSeriesBody } from '../../../api/types';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { formModalProps } from '../../../utils/form-modal';
import { applyServerErrors, required, zodRule } from '../../../utils/form-rules';

interface Props {
  /** undefined: closed; null: new series; a series: edit it. */
  series: Series | null | undefined;
  onClose: () => void;
}

interface Values {
  code: string;
  name: string;
  minEducation: EducationLevel;
  examBased: boolean;
  practiceLicence?: string;
  levels: { junior?: string; assistant?: string; intermediate?: string };
  note?: string;
}

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
const shape = SeriesBody.shape;

export function SeriesFormModal({ series, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const editing = series ?? null;
  const open = series !== undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        code: editing.code,
        name: editing.name,
        minEducation: editing.minEducation,
        examBased: editing.examBased,
        practiceLicence: editing.practiceLicence ?? '',
        levels: {
          junior: editing.levels.junior ?? '',
          assistant: editing.levels.assistant ?? '',
          intermediate: editing.levels.intermediate ?? '',
        },
        note: editing.note ?? '',
      });
    } else {
      form.setFieldsValue({ examBased: false, minEducation: 'secondary' });
    }
  }, [open, editing, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const levels = {
        junior: blankToNull(v.levels.junior),
        assistant: blankToNull(v.levels.assistant),
        intermediate: blankToNull(v.levels.intermediate),
      };
      if (editing) {
        // Only names may change here; the rule flags of a series change through a policy version.
        const update: UpdateSeriesBody = { name: v.name.trim(), levels, note: blankToNull(v.note) };
        return api.patch<Series>(`/series/${encodeURIComponent(editing.code)}`, update);
      }
      const body: SeriesBodyT = {
        code: v.code.trim(),
        name: v.name.trim(),
        minEducation: v.minEducation,
        examBased: v.examBased,
        practiceLicence: blankToNull(v.practiceLicence),
        levels,
        note: blankToNull(v.note),
      };
      return api.post<Series>('/series', body);
    },
    onSuccess: async () => {
      message.success(editing ? '系列已保存' : '系列已新增');
      await queryClient.invalidateQueries({ queryKey: publicKeys.series });
      onClose();
    },
    onError: (e) => {
      applyServerErrors(form, e);
    },
  });

  return (
    <Modal
      open={open}
      title={editing ? `编辑系列：${editing.name}` : '新增系列'}
      okText="保存"
      width={isMobile ? '100%' : 720}
      {...formModalProps(form, save, (v) => save.mutate(v), onClose)}
    >
      {save.isError ? <ActionErrorAlert error={save.error} title="保存失败" /> : null}
      {editing ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="此处只能修改系列名称、各层级资格名称和备注"
          description={
            <>
              最低学历、从业资格、以考代评属于认定规则，须通过发布新的政策版本修改，以便每个认定结论都能追溯到所依据的规则。
              <Link to="/app/policies" onClick={onClose}>
                规则参数在「政策版本」中维护
              </Link>
            </>
          }
        />
      ) : null}
      <Form<Values> name="series" form={form} layout="vertical">
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="code"
              label="系列代码"
              extra="字母开头，2-40位字母、数字"
              rules={[required('系列代码'), zodRule(shape.code)]}
            >
              <Input disabled={editing !== null} maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label="系列名称" rules={[required('系列名称'), zodRule(shape.name)]}>
              <Input maxLength={50} placeholder="如：工程技术" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="minEducation" label="最低学历" rules={[required('最低学历', '请选择')]}>
              <Select
                disabled={editing !== null}
                options={educationLevels.map((e) => ({ value: e, label: educationNames[e] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="practiceLicence"
              label="从业资格（准入）"
              extra="有从业准入要求的填写资格名称，如：教师资格；无则留空"
            >
              <Input maxLength={50} disabled={editing !== null} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="examBased"
              label="以考代评"
              valuePropName="checked"
              extra="已实行“以考代评”的专业技术资格不得考核认定（通知 三、（六））"
            >
              <Switch checkedChildren="是" unCheckedChildren="否" disabled={editing !== null} />
            </Form.Item>
          </Col>
          {levelCodes.map((l) => (
            <Col key={l} xs={24} sm={8}>
              <Form.Item
                name={['levels', l]}
                label={`${levelNames[l]}资格名称`}
                rules={[zodRule(shape.levels.shape[l])]}
              >
                <Input maxLength={30} placeholder="不设该层级则留空" />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24}>
            <Form.Item name="note" label="备注" rules={[zodRule(shape.note)]}>
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
