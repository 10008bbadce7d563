import {
  DeleteOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
  SortAscendingOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useBlocker, useNavigate } from 'react-router';
import {
  UpdatePolicyDraftBody,
  educationLevels,
  educationNames,
  employerKindNames,
  levelCodes,
  levelNames,
} from '../../../../contract/index';
import { validatePolicyParameters } from '../../../../domain/eligibility/default-policy';
import { ApiError, api, errorMessage } from '../../../api/client';
import { invalidatePolicyVersions, policyProblems, policyVersionKeys } from '../../../api/policy-versions';
import { queryClient } from '../../../api/query-client';
import type {
  EducationLevel,
  EducationYearsRow,
  EmployerKind,
  LevelCode,
  PolicyVersionDetail,
  SeriesPolicy,
  UpdatePolicyDraftBody as UpdatePolicyDraftBodyT,
} from '../../../api/types';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { applyServerErrors, required, zodRule } from '../../../utils/form-rules';
import { PolicyVersionHeading, withSeriesNames } from './policy-labels';
import { SectionTitle, sortEducationYears } from './policy-parameters-view';
import { SeriesFlagsTable } from './series-flags-table';
import { usePolicyActions } from './use-policy-actions';

interface EducationYearsValue {
  education?: EducationLevel;
  level?: LevelCode;
  years?: number | null;
}

interface DraftValues {
  name: string;
  code: string;
  effectiveFrom?: Dayjs | null;
  note?: string;
  educationYears: EducationYearsValue[];
  mismatchExtraYears?: number | null;
  fullTimeRequired: boolean;
  fullTimeSource?: string;
  vocationalTeacherSeries?: string;
  vocationalEmployerKinds: EmployerKind[];
  nonStateExcludedSeries: string[];
  publicityWorkingDays?: number | null;
  blacklistYears?: number | null;
  basisDocumentNumber?: string;
}

function toValues(v: PolicyVersionDetail): DraftValues {
  const p = v.parameters;
  return {
    name: v.name,
    code: v.code,
    effectiveFrom: dayjs(v.effectiveFrom),
    note: v.note ?? '',
    educationYears: p.educationYears.map((r) => ({ ...r })),
    mismatchExtraYears: p.mismatchExtraYears,
    fullTimeRequired: p.fullTimeRequired,
    fullTimeSource: p.fullTimeSource ?? '',
    vocationalTeacherSeries: p.vocationalTeacherSeries,
    vocationalEmployerKinds: [...p.vocationalEmployerKinds],
    nonStateExcludedSeries: [...p.nonStateExcludedSeries],
    publicityWorkingDays: p.publicityWorkingDays,
    blacklistYears: p.blacklistYears,
    basisDocumentNumber: p.basisDocumentNumber ?? '',
  };
}

/** The PUT body. Field-level checks have passed, so the required values are there. */
function toBody(v: DraftValues, series: Record<string, SeriesPolicy>): UpdatePolicyDraftBodyT {
  const trimmedSeries: Record<string, SeriesPolicy> = {};
  for (const [code, s] of Object.entries(series)) {
    const licence = s.practiceLicence?.trim() ?? '';
    trimmedSeries[code] = { ...s, practiceLicence: licence === '' ? null : licence };
  }
  return {
    name: v.name.trim(),
    code: v.code.trim(),
    effectiveFrom: v.effectiveFrom!.format('YYYY-MM-DD'),
    note: v.note?.trim() ? v.note.trim() : null,
    parameters: {
      series: trimmedSeries,
      educationYears: v.educationYears.map((r) => ({
        education: r.education!,
        level: r.level!,
        years: r.years!,
      })),
      mismatchExtraYears: v.mismatchExtraYears!,
      fullTimeRequired: v.fullTimeRequired,
      fullTimeSource: v.fullTimeSource?.trim() ? v.fullTimeSource.trim() : null,
      vocationalTeacherSeries: v.vocationalTeacherSeries ?? '',
      vocationalEmployerKinds: v.vocationalEmployerKinds ?? [],
      nonStateExcludedSeries: v.nonStateExcludedSeries ?? [],
      publicityWorkingDays: v.publicityWorkingDays!,
      blacklistYears: v.blacklistYears!,
      basisDocumentNumber: v.basisDocumentNumber?.trim() ? v.basisDocumentNumber.trim() : null,
    },
  };
}

/** Thrown by the save step of 发布 when saving failed (the failure is already on screen). */
class SaveFailed extends Error {}

const shape = UpdatePolicyDraftBody.shape;
const educationOptions = educationLevels.map((e) => ({ value: e, label: educationNames[e] }));
const levelOptions = levelCodes.map((l) => ({ value: l, label: levelNames[l] }));
const employerKindOptions = (Object.keys(employerKindNames) as EmployerKind[]).map((k) => ({
  value: k,
  label: employerKindNames[k],
}));

function EducationYearsField({ form, onChange }: { form: FormInstance<DraftValues>; onChange: () => void }) {
  const isMobile = useIsMobile();
  return (
    <Form.List
      name="educationYears"
      rules={[
        {
          validator: async (_r, rows?: unknown[]) => {
            if (!rows || rows.length === 0) throw new Error('学历与年限对应表至少要有一行');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            style={{ maxWidth: 640 }}
            scroll={isMobile ? { x: 'max-content' } : undefined}
            aria-label="学历与年限对应表"
            locale={{ emptyText: '尚无对应关系，请添加' }}
            columns={[
              {
                title: '学历',
                key: 'education',
                render: (_v, f, i) => (
                  <Form.Item
                    name={[f.name, 'education']}
                    rules={[required('学历', '请选择')]}
                    style={{ margin: 0 }}
                  >
                    <Select<EducationLevel>
                      aria-label={`第 ${i + 1} 行 学历`}
                      placeholder="学历"
                      options={educationOptions}
                      style={{ width: isMobile ? 116 : 150 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '层级',
                key: 'level',
                render: (_v, f, i) => (
                  <Form.Item
                    name={[f.name, 'level']}
                    rules={[required('层级', '请选择')]}
                    style={{ margin: 0 }}
                  >
                    <Select<LevelCode>
                      aria-label={`第 ${i + 1} 行 层级`}
                      placeholder="层级"
                      options={levelOptions}
                      style={{ width: isMobile ? 96 : 110 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '工作年限（周年）',
                key: 'years',
                render: (_v, f, i) => (
                  <Form.Item name={[f.name, 'years']} rules={[required('年限')]} style={{ margin: 0 }}>
                    <InputNumber<number>
                      aria-label={`第 ${i + 1} 行 工作年限`}
                      min={0}
                      max={50}
                      precision={0}
                      suffix="年"
                      style={{ width: isMobile ? 96 : 110 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '操作',
                key: 'remove',
                render: (_v, f, i) => (
                  <Button
                    type="text"
                    danger
                    icon={<MinusCircleOutlined />}
                    aria-label={`删除第 ${i + 1} 行`}
                    onClick={() => {
                      remove(f.name);
                      onChange();
                    }}
                  />
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <Flex wrap gap={8} style={{ marginTop: 8 }}>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => {
                add({ years: 0 });
                onChange();
              }}
            >
              添加一行
            </Button>
            <Button
              icon={<SortAscendingOutlined />}
              onClick={() => {
                const rows = (form.getFieldValue('educationYears') ?? []) as EducationYearsValue[];
                const complete: EducationYearsRow[] = [];
                const incomplete: EducationYearsValue[] = [];
                for (const r of rows) {
                  if (r.education && r.level && typeof r.years === 'number')
                    complete.push({ education: r.education, level: r.level, years: r.years });
                  else incomplete.push(r);
                }
                form.setFieldValue('educationYears', [...sortEducationYears(complete), ...incomplete]);
                onChange();
              }}
            >
              按层级排序
            </Button>
          </Flex>
        </>
      )}
    </Form.List>
  );
}

interface Props {
  version: PolicyVersionDetail;
  names: ReadonlyMap<string, string>;
  today: string;
  basedOnId?: number;
  /** The version it is based on, to mark what the draft changes. */
  base?: PolicyVersionDetail;
}

/** A draft (修订稿): every parameter editable, saved with PUT, published from here too. */
export function PolicyDraftEditor({ version, names, today, basedOnId, base }: Props) {
  const [form] = Form.useForm<DraftValues>();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { remove, confirmPublish } = usePolicyActions();
  /** The version as last saved: what 撤销修改 goes back to. */
  const [saved, setSaved] = useState(version);
  const [series, setSeries] = useState(version.parameters.series);
  const [dirty, setDirtyState] = useState(false);
  const dirtyRef = useRef(false);
  const [problems, setProblems] = useState<string[] | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const initialValues = useMemo(() => toValues(version), [version]);

  const setDirty = (d: boolean) => {
    dirtyRef.current = d;
    setDirtyState(d);
  };

  // Leaving with unsaved changes asks first (in-app navigation and closing the tab).
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyRef.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '修改尚未保存',
      content: '离开本页将丢失尚未保存的修改，确定离开吗？',
      okText: '离开',
      cancelText: '留在本页',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const seriesOptions = useMemo(
    () =>
      Object.keys(series)
        .sort((a, b) => {
          const order = [...names.keys()];
          return (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999);
        })
        .map((code) => ({ value: code, label: names.get(code) ?? code })),
    [series, names],
  );

  const showProblems = (list: string[]) => {
    setProblems(withSeriesNames(list, names));
    setTimeout(() => problemsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }), 50);
  };

  /** Field checks, then validatePolicyParameters (the server's own check); null when not fit to save. */
  const collect = async (): Promise<UpdatePolicyDraftBodyT | null> => {
    setProblems(null);
    setSaveError(null);
    try {
      await form.validateFields();
    } catch {
      message.error('请先更正标红的项目');
      return null;
    }
    const body = toBody(form.getFieldsValue(true) as DraftValues, series);
    const found = validatePolicyParameters({
      ...body.parameters,
      fullTimeSource: body.parameters.fullTimeSource ?? null,
    });
    if (found.length > 0) {
      showProblems(found);
      return null;
    }
    return body;
  };

  /** Puts a failed save or publish where it belongs: problems list, a field, or a general alert. */
  const showError = (e: unknown) => {
    const list = policyProblems(e);
    if (list) return showProblems(list);
    if (e instanceof ApiError && e.code === 'POLICY_CODE_TAKEN') {
      form.setFields([{ name: 'code', errors: [e.message] }]);
      form.scrollToField('code', { block: 'center' });
      return;
    }
    if (e instanceof ApiError && e.code === 'EFFECTIVE_DATE_PAST') {
      form.setFields([{ name: 'effectiveFrom', errors: [e.message] }]);
      form.scrollToField('effectiveFrom', { block: 'center' });
      return;
    }
    if (!applyServerErrors(form, e)) setSaveError(e);
  };

  const save = useMutation({
    mutationFn: (body: UpdatePolicyDraftBodyT) =>
      api.put<PolicyVersionDetail>(`/policy-versions/${version.id}`, body),
    onSuccess: async (d) => {
      setSaved(d);
      setDirty(false);
      queryClient.setQueryData(policyVersionKeys.detail(d.id), d);
      await invalidatePolicyVersions();
    },
  });

  const saveNow = async () => {
    const body = await collect();
    if (!body) return;
    try {
      await save.mutateAsync(body);
      message.success('修订稿已保存');
    } catch (e) {
      showError(e);
    }
  };

  const publishNow = async () => {
    let body: UpdatePolicyDraftBodyT | null = null;
    if (dirty) {
      body = await collect();
      if (!body) return;
    }
    const pending = body;
    confirmPublish(saved, today, {
      effectiveFrom: pending?.effectiveFrom,
      before: pending
        ? async () => {
            try {
              await save.mutateAsync(pending);
            } catch (e) {
              showError(e);
              throw new SaveFailed();
            }
          }
        : undefined,
      onError: (e) => {
        if (!(e instanceof SaveFailed)) showError(e);
      },
    });
  };

  const undo = () => {
    form.resetFields();
    form.setFieldsValue(toValues(saved));
    setSeries(saved.parameters.series);
    setProblems(null);
    setSaveError(null);
    setDirty(false);
  };

  const busy = save.isPending;
  const actionButtons = (
    <>
      <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void saveNow()}>
        保存
      </Button>
      <Button icon={<SendOutlined />} disabled={busy} onClick={() => void publishNow()}>
        发布
      </Button>
    </>
  );

  return (
    <>
      <PolicyVersionHeading
        version={saved}
        today={today}
        basedOnId={basedOnId}
        extra={
          <>
            <Popconfirm
              title={`删除修订稿“${saved.code}”？`}
              description="删除后不可恢复。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() =>
                remove
                  .mutateAsync(saved)
                  .then(() => {
                    setDirty(false);
                    navigate('/app/policies');
                  })
                  .catch(() => undefined)
              }
            >
              <Button danger icon={<DeleteOutlined />}>
                删除
              </Button>
            </Popconfirm>
          </>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="修订稿仅职称办可见，保存不影响现行规则"
        description="核对无误后点击“发布”：自生效日期起，申报条件判断和自测按本版本进行；已作出的结论仍保留当时所依据的版本。"
      />
      <div ref={problemsRef}>
        {problems && problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={`政策参数有 ${problems.length} 处问题，请更正后再保存`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            }
            closable={{ 'aria-label': '关闭问题列表', onClose: () => setProblems(null) }}
          />
        ) : null}
        {saveError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title="保存失败"
            description={errorMessage(saveError)}
          />
        ) : null}
      </div>
      <Form<DraftValues>
        name="policyDraft"
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={() => setDirty(true)}
        scrollToFirstError={{ block: 'center' }}
      >
        <SectionTitle>基本信息</SectionTitle>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label="名称"
              rules={[
                required('名称'),
                { whitespace: true, message: '请输入名称' },
                { min: 2, message: '名称至少2个字' },
              ]}
            >
              <Input maxLength={100} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item
              name="code"
              label="版本号"
              extra="每个认定结论都记录所依据的版本号，如：2027-修订"
              rules={[required('版本号'), zodRule(shape.code)]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item
              name="effectiveFrom"
              label="生效日期"
              extra="发布后自该日起施行，须为今天或以后"
              rules={[
                required('生效日期', '请选择'),
                {
                  warningOnly: true,
                  validator: async (_r, v: Dayjs | null | undefined) => {
                    if (v && v.format('YYYY-MM-DD') < today)
                      throw new Error(`早于今天（${today}），发布前须改为今天或以后`);
                  },
                },
              ]}
            >
              <DatePicker
                format="YYYY-MM-DD"
                style={{ width: '100%' }}
                disabledDate={(d) => d.format('YYYY-MM-DD') < today}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label="说明" extra="修订依据、修改内容等，选填">
              <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>

        <SectionTitle>学历与年限对应表</SectionTitle>
        <Typography.Paragraph type="secondary">
          每行表示：具备该学历、毕业后从事专业技术工作满规定周年数的，可申报该层级（0
          表示毕业即可）。同一学历、同一层级只能有一行。
        </Typography.Paragraph>
        <EducationYearsField form={form} onChange={() => setDirty(true)} />

        <SectionTitle>通用规则</SectionTitle>
        <Row gutter={16}>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="mismatchExtraYears"
              label="专业不相近延长年限"
              extra="所学专业与申报专业不相同不相近的，工作年限延长（通知 三、（二））"
              rules={[required('延长年限')]}
            >
              <InputNumber<number> min={0} max={10} precision={0} suffix="年" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="fullTimeRequired"
              label="是否要求全日制学历"
              valuePropName="checked"
              extra="通知未规定全日制要求；开启时非全日制学历不能按考核认定申报，须写明依据文件"
            >
              <Switch checkedChildren="要求" unCheckedChildren="不要求" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="fullTimeSource"
              label="全日制要求的依据文件"
              extra="要求全日制学历时必填，资格审查的说明引用该依据"
              rules={[{ max: 200, message: '不超过 200 字' }]}
            >
              <Input placeholder="如：某省级文件名称及文号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="vocationalTeacherSeries"
              label="中职教师系列"
              extra="职业学校类单位的教师只能申报该系列（通知 三、（三））"
              rules={[required('中职教师系列', '请选择')]}
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={seriesOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="vocationalEmployerKinds"
              label="职业学校类单位"
              extra="这些类型单位的教师适用上面的中职教师系列"
            >
              <Select mode="multiple" options={employerKindOptions} placeholder="请选择单位类型" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nonStateExcludedSeries"
              label="非国有企业不予认定的系列"
              extra="非国有企业人员不能按考核认定申报这些系列（通知 三、（六））"
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={seriesOptions}
                placeholder="无"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="publicityWorkingDays"
              label="单位内部公示期"
              extra="申报单位公示不少于该工作日数后方可报送（《职称评审管理暂行规定》（人力资源社会保障部令第40号）：不少于 5 个工作日）"
              rules={[required('公示期')]}
            >
              <InputNumber<number>
                min={1}
                max={30}
                precision={0}
                suffix="个工作日"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="blacklistYears"
              label="列入黑名单默认年限"
              extra="通知 四、（四）只规定取消申报资格并列入“黑名单”，未规定期限；此为职称办设定的默认值，处理决定可另定"
              rules={[required('默认年限')]}
            >
              <InputNumber<number> min={1} max={10} precision={0} suffix="年" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="basisDocumentNumber"
              label="依据文件文号"
              extra="本版本依据的通知文号，个人承诺书和导入模板中引用；不填则使用通用表述"
            >
              <Input maxLength={100} placeholder={`如：××人社字〔${new Date().getFullYear()}〕×号`} />
            </Form.Item>
          </Col>
        </Row>
      </Form>

      <SectionTitle>各系列参数</SectionTitle>
      <Typography.Paragraph type="secondary">
        最低学历（通知
        三、（一））、以考代评不予认定（三、（六））、须先取得的从业资格（三、（五）），以及该系列设置的级别。系列名称和各层级资格名称在“系列专业目录”中维护。
      </Typography.Paragraph>
      <SeriesFlagsTable
        series={series}
        names={names}
        baseline={base ? { label: base.code, series: base.parameters.series } : undefined}
        onChange={(code, next) => {
          setSeries((s) => ({ ...s, [code]: next }));
          setDirty(true);
        }}
      />

      <Flex
        wrap
        gap={8}
        align="center"
        justify={isMobile ? 'flex-start' : 'flex-end'}
        className="policy-editor-bar"
        role="region"
        aria-label="保存与发布"
      >
        {dirty ? <Tag color="orange">有未保存的修改</Tag> : <Tag color="green">已保存</Tag>}
        {dirty ? (
          <Popconfirm title="撤销全部未保存的修改？" okText="撤销" cancelText="取消" onConfirm={undo}>
            <Button icon={<UndoOutlined />}>撤销修改</Button>
          </Popconfirm>
        ) : null}
        {actionButtons}
      </Flex>
    </>
  );
}
