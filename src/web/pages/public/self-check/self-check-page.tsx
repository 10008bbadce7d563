import {
  Alert,
  Button,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  applicantPostNames,
  applicantPosts,
  educationLevels,
  educationNames,
  employerKindNames,
  levelCodes,
  levelNames,
} from '../../../../contract/index';
import { api, errorMessage, isApiError, serverNow } from '../../../api/client';
import type { EligibilityCheckBody, EligibilityResult } from '../../../api/eligibility';
import { useScheduleOverview } from '../../../api/schedules';
import { useAgencies, useSeries } from '../../../api/public';
import type { Agency, EducationLevel, EmployerKind, LevelCode, Ownership } from '../../../api/types';
import { PageHeader } from '../../../components/page-header';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { useNow } from '../../../hooks/use-now';
import { currentOrNext, liveStatus, statusTag } from '../../../utils/agency-windows';
import { dayInSystemZone, formatChineseDate, formatMonthDay, ownershipNames } from '../../../utils/format';
import { idNumberRule, normaliseIdInput, required } from '../../../utils/form-rules';
import { SelfCheckResult, type SelfCheckContext } from './self-check-result';

type CutoffMode = 'batch' | 'manual';

interface Values {
  agencyCode: string;
  cutoffMode: CutoffMode;
  batchId?: number;
  cutoffDate?: Dayjs;
  seriesCode: string;
  specialtyCode?: string;
  targetLevel: LevelCode;
  educationLevel: EducationLevel;
  fullTime: boolean;
  graduationDate: Dayjs;
  major: string;
  majorRelated: boolean;
  professionalWorkStart: Dayjs;
  employerName: string;
  ownership: Ownership;
  employerKind: EmployerKind;
  post: (typeof applicantPosts)[number];
  practiceLicences?: string[];
  insuredUnitName?: string;
  hasAffiliationProof?: boolean;
  idNumber?: string;
}

const d = (v: Dayjs) => v.format('YYYY-MM-DD');

export function SelfCheckPage() {
  const [form] = Form.useForm<Values>();
  const isMobile = useIsMobile();
  const series = useSeries();
  const agencies = useAgencies();
  const resultRef = useRef<HTMLDivElement>(null);
  const seriesCode = Form.useWatch('seriesCode', form);
  const agencyCode = Form.useWatch('agencyCode', form);
  const cutoffMode = Form.useWatch('cutoffMode', form) ?? 'batch';
  const selected = series.data?.find((s) => s.code === seriesCode) ?? null;
  const now = useNow(60_000);
  const thisYear = Number(dayInSystemZone(now).slice(0, 4));
  /** Whether the person picked a batch themselves (else the batch open now or next is kept selected). */
  const batchTouched = useRef(false);
  const [context, setContext] = useState<SelfCheckContext | null>(null);

  const agencyThisYear = agencies.data?.find((a) => a.code === agencyCode) ?? null;
  // Once this year's windows are over, next year's (when already published) tell when to apply.
  const needNextYear = agencyThisYear !== null && currentOrNext(agencyThisYear, now) === null;
  // The directory answers for the year the home page shows (the server says which); the next is that + 1.
  const overview = useScheduleOverview();
  const shownYear = overview.data?.year ?? thisYear;
  const nextYear = useAgencies(shownYear + 1, { enabled: needNextYear && !overview.isPending });
  const nextYearWindows = needNextYear
    ? nextYear.data?.find((a) => a.code === agencyCode)?.windows
    : undefined;
  /** The chosen agency with the windows of this year and, when needed, next year. */
  const agency = useMemo<Agency | null>(() => {
    if (!agencyThisYear) return null;
    const windows = [...agencyThisYear.windows, ...(nextYearWindows ?? [])].sort((a, b) =>
      a.opens.localeCompare(b.opens),
    );
    return { ...agencyThisYear, windows };
  }, [agencyThisYear, nextYearWindows]);

  const agencyOptions = useMemo(
    () =>
      (agencies.data ?? []).map((a) => ({
        value: a.code,
        label: a.name,
        title: a.scope.description,
      })),
    [agencies.data],
  );
  const batchId = Form.useWatch('batchId', form);
  const chosenBatch = agency?.windows.find((w) => w.id === batchId) ?? null;
  const batchOptions = (agency?.windows ?? []).map((w) => {
    const tag = statusTag[liveStatus(w, now)];
    return {
      value: w.id,
      label: `${w.opens.slice(0, 4)}年${w.name}（${tag.text}）`,
    };
  });

  // The form exists once the catalogue has loaded: preselect the first agency of the directory, in the
  // order the reference data gives (the annex lists the city-level office first) …
  useEffect(() => {
    if (series.isPending || agencyCode || !agencies.data?.length) return;
    form.setFieldValue('agencyCode', agencies.data[0]!.code);
  }, [series.isPending, agencyCode, agencies.data, form]);

  // … and its batch open now or next (else its latest), unless the person chose one.
  useEffect(() => {
    if (series.isPending || !agency) return;
    const current = form.getFieldValue('batchId') as number | undefined;
    const valid = agency.windows.some((w) => w.id === current);
    if (valid && batchTouched.current) return;
    const pick =
      currentOrNext(agency, serverNow())?.window ?? agency.windows[agency.windows.length - 1] ?? null;
    if (pick?.id !== current) form.setFieldValue('batchId', pick?.id);
  }, [series.isPending, agency, form]);

  const licenceOptions = useMemo(
    () =>
      [...new Set((series.data ?? []).map((s) => s.practiceLicence).filter((x): x is string => !!x))].map(
        (l) => ({ value: l, label: l }),
      ),
    [series.data],
  );

  const check = useMutation({
    mutationFn: (body: EligibilityCheckBody) => api.post<EligibilityResult>('/eligibility/check', body),
    onSuccess: () =>
      setTimeout(() => resultRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50),
  });

  const onFinish = (v: Values) => {
    const batch = v.cutoffMode === 'batch' ? (agency?.windows.find((w) => w.id === v.batchId) ?? null) : null;
    const cutoffDate = batch ? batch.cutoffDate : v.cutoffDate ? d(v.cutoffDate) : '';
    setContext({ agency, cutoffDate, batch });
    const body: EligibilityCheckBody = {
      ...(batch ? { batchId: batch.id } : { cutoffDate }),
      seriesCode: v.seriesCode,
      ...(v.specialtyCode ? { specialtyCode: v.specialtyCode } : {}),
      targetLevel: v.targetLevel,
      education: {
        level: v.educationLevel,
        fullTime: v.fullTime,
        graduationDate: d(v.graduationDate),
        major: v.major.trim(),
      },
      majorRelated: v.majorRelated,
      professionalWorkStart: d(v.professionalWorkStart),
      employer: { name: v.employerName.trim(), ownership: v.ownership, kind: v.employerKind },
      post: v.post,
      practiceLicences: v.practiceLicences ?? [],
      ...(v.insuredUnitName?.trim()
        ? {
            socialInsurance: {
              insuredUnitName: v.insuredUnitName.trim(),
              hasAffiliationProof: v.hasAffiliationProof ?? false,
            },
          }
        : {}),
      ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
    };
    check.mutate(body);
  };

  const colSpan = isMobile ? 24 : 12;
  return (
    <div className="page-card">
      <PageHeader
        title="申报条件自测"
        description="无需登录。按实际情况填写学历、工作年限和单位信息，系统逐条说明是否符合考核认定条件及依据。填写内容不会保存。"
      />
      {series.isError ? (
        <QueryErrorAlert
          error={series.error}
          title="系列目录加载失败"
          onRetry={() => void series.refetch()}
        />
      ) : null}
      {series.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Form<Values>
          name="selfCheck"
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{
            cutoffMode: 'batch',
            fullTime: true,
            majorRelated: true,
            ownership: 'state',
            employerKind: 'enterprise',
            post: 'teacher',
            hasAffiliationProof: false,
          }}
          scrollToFirstError
        >
          <Typography.Title level={5}>申报意向</Typography.Title>
          <Row gutter={16}>
            <Col span={colSpan}>
              <Form.Item
                name="agencyCode"
                label="认定机构（所在地区）"
                rules={[required('认定机构', '请选择')]}
                extra={agency ? `认定范围：${agency.scope.description}` : '按工作单位所在地区和申报层级选择'}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={agencies.isPending}
                  placeholder="请选择认定机构"
                  options={agencyOptions}
                  onChange={() => {
                    batchTouched.current = false;
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item
                name="cutoffMode"
                label="终算时间"
                extra="学历、资历、工作年限均计算到终算时间，按周年计算（通知 三、（七））"
              >
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'batch', label: '按批次' },
                    { value: 'manual', label: '手动填写日期' },
                  ]}
                />
              </Form.Item>
            </Col>
            {cutoffMode === 'batch' ? (
              <Col span={colSpan}>
                <Form.Item
                  name="batchId"
                  label="申报批次"
                  rules={[required('申报批次', '请选择')]}
                  extra={
                    chosenBatch
                      ? `受理 ${formatMonthDay(chosenBatch.opens)}—${formatMonthDay(chosenBatch.closes)}，终算时间 ${formatChineseDate(chosenBatch.cutoffDate)}`
                      : '默认为所选认定机构正在受理或即将受理的批次'
                  }
                >
                  <Select
                    options={batchOptions}
                    loading={agencies.isPending || (needNextYear && nextYear.isPending)}
                    placeholder={agency ? '请选择申报批次' : '请先选择认定机构'}
                    notFoundContent="该认定机构尚未公布受理批次，可改为手动填写日期"
                    onChange={() => {
                      batchTouched.current = true;
                    }}
                  />
                </Form.Item>
              </Col>
            ) : (
              <Col span={colSpan}>
                <Form.Item name="cutoffDate" label="终算日期" rules={[required('终算日期', '请选择')]}>
                  <DatePicker
                    format="YYYY-MM-DD"
                    style={{ width: '100%' }}
                    placeholder={`如：${thisYear}-12-31`}
                  />
                </Form.Item>
              </Col>
            )}
            <Col span={colSpan}>
              <Form.Item name="seriesCode" label="申报系列" rules={[required('申报系列', '请选择')]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="请选择职称系列"
                  options={(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
                  onChange={() => form.setFieldsValue({ specialtyCode: undefined, targetLevel: undefined })}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item
                name="specialtyCode"
                label="申报专业"
                rules={selected && selected.specialties.length > 0 ? [required('申报专业', '请选择')] : []}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={!selected || selected.specialties.length === 0}
                  placeholder={
                    !selected
                      ? '请先选择系列'
                      : selected.specialties.length === 0
                        ? '该系列不分专业'
                        : '请选择专业'
                  }
                  options={(selected?.specialties ?? []).map((s) => ({ value: s.code, label: s.name }))}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item name="targetLevel" label="申报层级" rules={[required('申报层级', '请选择')]}>
                <Radio.Group
                  disabled={!selected}
                  options={levelCodes
                    .filter((l) => !selected || selected.levels[l] !== null)
                    .map((l) => ({
                      value: l,
                      label: selected?.levels[l]
                        ? `${levelNames[l]}（${selected.levels[l]}）`
                        : levelNames[l],
                    }))}
                />
              </Form.Item>
            </Col>
          </Row>
          {selected?.examBased ? (
            <Alert
              type="warning"
              showIcon
              title="该系列已实行“以考代评”，不得实行考核认定（通知 三、（六））。"
              style={{ marginBottom: 16 }}
            />
          ) : null}

          <Divider />
          <Typography.Title level={5}>学历与工作经历</Typography.Title>
          <Row gutter={16}>
            <Col span={colSpan}>
              <Form.Item name="educationLevel" label="最高学历" rules={[required('最高学历', '请选择')]}>
                <Select
                  placeholder="请选择学历"
                  options={educationLevels.map((e) => ({ value: e, label: educationNames[e] }))}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item name="fullTime" label="是否全日制" rules={[required('是否全日制', '请选择')]}>
                <Radio.Group
                  options={[
                    { value: true, label: '全日制' },
                    { value: false, label: '非全日制' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item name="graduationDate" label="毕业时间" rules={[required('毕业时间', '请选择')]}>
                <DatePicker style={{ width: '100%' }} placeholder="毕业证书落款日期" />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item
                name="major"
                label="所学专业"
                rules={[required('所学专业'), { max: 50, message: '所学专业不超过50个字' }]}
              >
                <Input maxLength={50} placeholder="如：土木工程" />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item
                name="majorRelated"
                label="所学专业与申报专业是否相同或相近"
                extra="不相同或不相近的，专业技术工作年限须延长1年（通知 三、（二））"
                rules={[required('此项', '请选择')]}
              >
                <Radio.Group
                  options={[
                    { value: true, label: '相同或相近' },
                    { value: false, label: '不相同不相近' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item
                name="professionalWorkStart"
                label="从事专业技术工作起始时间"
                rules={[required('起始时间', '请选择')]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>

          <Divider />
          <Typography.Title level={5}>工作单位与从业资格</Typography.Title>
          <Row gutter={16}>
            <Col span={colSpan}>
              <Form.Item
                name="employerName"
                label="工作单位名称"
                rules={[required('工作单位名称'), { max: 100, message: '单位名称过长' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item name="ownership" label="单位所有制性质" rules={[required('所有制性质', '请选择')]}>
                <Radio.Group
                  options={(Object.keys(ownershipNames) as Ownership[]).map((o) => ({
                    value: o,
                    label: ownershipNames[o],
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item name="employerKind" label="单位类型" rules={[required('单位类型', '请选择')]}>
                <Select
                  options={(Object.keys(employerKindNames) as EmployerKind[]).map((k) => ({
                    value: k,
                    label: employerKindNames[k],
                  }))}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item
                name="post"
                label="岗位"
                extra="职业高中、职业教育教研机构的教师只能申报中等职业学校教师系列（通知 三、（三））；该类单位的实验、图书等其他专业技术人员选“其他专业技术岗”"
              >
                <Radio.Group
                  options={applicantPosts.map((p) => ({ value: p, label: applicantPostNames[p] }))}
                />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item
                name="practiceLicences"
                label="已取得的从业资格"
                extra="可多选，也可输入后回车添加；没有则不填"
              >
                <Select mode="tags" options={licenceOptions} placeholder="如：教师资格" />
              </Form.Item>
            </Col>
          </Row>

          <Divider />
          <Typography.Title level={5}>选填信息</Typography.Title>
          <Row gutter={16}>
            <Col span={colSpan}>
              <Form.Item
                name="insuredUnitName"
                label="社保参保单位名称"
                extra="与工作单位不一致的，须提供隶属关系证明（通知 三、（四））"
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item name="hasAffiliationProof" label="已有隶属关系证明" valuePropName="checked">
                <Switch checkedChildren="有" unCheckedChildren="无" />
              </Form.Item>
            </Col>
            <Col span={colSpan}>
              <Form.Item
                name="idNumber"
                label="身份证号"
                getValueFromEvent={normaliseIdInput}
                rules={[idNumberRule]}
                extra="选填，仅用于核对黑名单，不会保存"
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>

          {check.isError ? (
            <Alert
              type="error"
              showIcon
              title="自测失败"
              description={
                isApiError(check.error) && check.error.status === 404
                  ? '自测服务暂未开放，请稍后再试。'
                  : errorMessage(check.error)
              }
              style={{ marginBottom: 16 }}
              role="alert"
            />
          ) : null}
          <Flex gap={12}>
            <Button type="primary" htmlType="submit" size="large" loading={check.isPending}>
              开始自测
            </Button>
            <Button
              size="large"
              onClick={() => {
                form.resetFields();
                batchTouched.current = false;
                check.reset();
                setContext(null);
              }}
            >
              重新填写
            </Button>
          </Flex>
        </Form>
      )}
      <div ref={resultRef} style={{ marginTop: 24 }}>
        {check.data ? <SelfCheckResult result={check.data} context={context} /> : null}
      </div>
    </div>
  );
}
