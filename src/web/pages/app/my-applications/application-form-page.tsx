import { ArrowLeftOutlined, CheckCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Collapse,
  Descriptions,
  Flex,
  Form,
  Input,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { levelNames } from '../../../../contract/index';
import {
  useApplication,
  usePrecheckApplication,
  useSubmitApplication,
  useWithdrawApplication,
  useSaveApplicationForm,
  type ApplicationDetail,
  type Material,
} from '../../../api/applications';
import { errorMessage, isApiError } from '../../../api/client';
import { ruleNames, type EligibilityCheck, type EligibilityRule } from '../../../api/eligibility';
import { useSeries } from '../../../api/public';
import type { Series } from '../../../api/types';
import { ActionErrorAlert } from '../../../components/action-error-alert';
import { PageHeader } from '../../../components/page-header';
import { PageLoading } from '../../../components/page-loading';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';
import { reasonFieldLabel } from '../../../utils/review-fields';
import { useRemind, useRequestArchiveHosted } from '../../../api/review';
import { useViewers } from '../../../api/oversight';
import {
  AchievementFields,
  BasicFields,
  CommitmentField,
  EducationFields,
  QualificationFields,
  SocialInsuranceField,
  WorkFacts,
  WorkHistoryFields,
} from './application-form-fields';
import { fromFormValues, toFormValues, type FormValues } from './application-form-values';
import { ApplicationMaterials } from './application-materials';
import { StatusTag } from './my-applications-page';
import { PrecheckResultView } from './precheck-result-view';
import { FIELD_OF_REASON, ReturnMarksProvider, returnMarksOf } from './return-marks';

type SaveState = 'saved' | 'pending' | 'saving' | 'error';

const AUTOSAVE_DELAY_MS = 1000;

function SaveIndicator({ state, error }: { state: SaveState; error: string | null }) {
  const content =
    state === 'saved' ? (
      <Typography.Text type="success">
        <CheckCircleOutlined /> 已保存
      </Typography.Text>
    ) : state === 'error' ? (
      <Typography.Text type="danger">
        <WarningOutlined /> 保存失败：{error}
      </Typography.Text>
    ) : (
      <Typography.Text type="secondary">
        <LoadingOutlined /> 保存中
      </Typography.Text>
    );
  return (
    <span role="status" aria-live="polite" aria-label="保存状态">
      {content}
    </span>
  );
}

/** The server's reasons a submission was refused (SUBMISSION_INCOMPLETE problems, NOT_ELIGIBLE checks). */
function SubmitError({ error }: { error: unknown }) {
  const details = isApiError(error) ? (error.details as Record<string, unknown> | undefined) : undefined;
  const problems = Array.isArray(details?.problems) ? (details.problems as { message: string }[]) : [];
  const checks = Array.isArray(details?.checks)
    ? (details.checks as EligibilityCheck[]).filter((c) => c.passed === false)
    : [];
  const items = [
    ...problems.map((p) => p.message),
    ...checks.map((c) => `${ruleNames[c.rule as EligibilityRule] ?? c.rule}：${c.message}`),
  ];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title="提交失败"
      description={
        <>
          {errorMessage(error)}
          {items.length > 1 ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
              {items.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          ) : null}
        </>
      }
      style={{ marginBottom: 12 }}
    />
  );
}

function Summary({ detail }: { detail: ApplicationDetail }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2 }}
      bordered
      style={{ marginBottom: 16 }}
      items={[
        { key: 'number', label: '申报编号', children: detail.number ?? '提交后生成' },
        { key: 'status', label: '状态', children: <StatusTag status={detail.status} stage={detail.stage} /> },
        { key: 'level', label: '申报层级', children: levelNames[detail.targetLevel] },
        { key: 'agency', label: '认定机构', children: detail.agencyName },
        {
          key: 'batch',
          label: '申报批次',
          children: `${detail.year}年${detail.batchName}（受理 ${detail.window.opens} 至 ${detail.window.closes}）`,
        },
        { key: 'submitted', label: '提交时间', children: formatInstant(detail.submittedAt) },
        {
          key: 'progress',
          label: '当前进度',
          span: { xs: 1, sm: 2 },
          children: `${detail.progress.stage}${detail.progress.holder ? `（${detail.progress.holder}）` : ''}，自 ${formatInstant(detail.progress.since)} 起`,
        },
      ]}
    />
  );
}

/** 退回修改: the reviewer's reasons, each naming the field or material to correct. */
function ReturnReasons({ detail }: { detail: ApplicationDetail }) {
  const last = detail.reviews.filter((r) => r.decision === 'return').at(-1);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={`申报已退回修改${last ? `（${last.organisationName}，${formatInstant(last.at)}）` : ''}，请按下列意见修改后重新提交`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label="退回原因">
          {detail.returnReasons.map((r, i) => (
            <li key={i}>
              <Typography.Text strong>
                {reasonFieldLabel(r.field, { materials: detail.form.materials })}
              </Typography.Text>
              ：{r.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function ReviewHistory({ detail }: { detail: ApplicationDetail }) {
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 16 }}
      items={[
        {
          key: 'h',
          label: `审查记录（${detail.reviews.length}）`,
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {detail.reviews.map((r, i) => (
                <li key={i}>
                  第{r.version}版 · {r.stageName}（{r.organisationName} {r.reviewerName}）：
                  {r.decision === 'approve'
                    ? '通过'
                    : r.decision === 'return'
                      ? '退回修改'
                      : r.decision === 'reject'
                        ? '不予通过'
                        : '取消资格'}
                  ，{formatInstant(r.at)}
                  {r.reasons.map((x, j) => (
                    <div key={j}>
                      {reasonFieldLabel(x.field)}：{x.message}
                    </div>
                  ))}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}

/** Who opened this record (the applicant's right to know, 人社部发〔2024〕56号 traceability). */
function Viewers({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  const viewers = useViewers(id, open);
  return (
    <Collapse
      size="small"
      style={{ marginBottom: 16 }}
      onChange={(keys) => setOpen(keys.length > 0)}
      items={[
        {
          key: 'v',
          label: '谁查看过我的申报',
          children: viewers.isPending ? (
            '加载中…'
          ) : (viewers.data ?? []).length === 0 ? (
            '暂无审查人员查看记录'
          ) : (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {viewers.data!.map((v, i) => (
                <li key={i}>
                  {v.day} {v.organisationName ?? ''} {v.viewerName}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}

/** 三、（四）: an archive-hosted person whose insurance falls short asks for the approval flow. */
function ArchiveHostedCard({ detail, canRequest }: { detail: ApplicationDetail; canRequest: boolean }) {
  const request = useRequestArchiveHosted(detail.id);
  const [statement, setStatement] = useState('');
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title="档案托管人员申报：须经当地人社部门核实、市职称办汇总、省职称办同意后方可提交"
      description={
        <>
          <div>当前：{detail.archiveHosted!.statusName}</div>
          {canRequest && detail.archiveHosted!.status === null ? (
            <Flex gap={8} wrap style={{ marginTop: 8 }}>
              <Input.TextArea
                aria-label="档案托管与社保缴纳情况说明"
                placeholder="说明档案托管机构、从事专业技术工作的单位和社保缴纳情况"
                rows={2}
                value={statement}
                onChange={(e) => setStatement(e.target.value)}
                style={{ flex: 1, minWidth: 240 }}
              />
              <Button
                disabled={!statement.trim()}
                loading={request.isPending}
                onClick={() => request.mutate(statement.trim())}
              >
                提出申请
              </Button>
            </Flex>
          ) : null}
          {request.isError ? (
            <Typography.Text type="danger">{errorMessage(request.error)}</Typography.Text>
          ) : null}
        </>
      }
    />
  );
}

/** The unit reminds the applicant to finish or correct the application (a notification). */
function RemindButton({ detail }: { detail: ApplicationDetail }) {
  const remind = useRemind(detail.id);
  const { message } = App.useApp();
  return (
    <Flex gap={8} style={{ marginBottom: 16 }} align="center" wrap>
      <Button
        loading={remind.isPending}
        onClick={() =>
          remind.mutate('', {
            onSuccess: () => void message.success(`已提醒${detail.applicantName}`),
            onError: (e) => void message.error(errorMessage(e)),
          })
        }
      >
        提醒申报人员
      </Button>
      <Typography.Text type="secondary">
        向申报人员发送站内消息，提醒在截止前完成{detail.status === 'returned' ? '修改' : '申报'}。
      </Typography.Text>
    </Flex>
  );
}

/** Who is looking: the applicant themself (我的申报) or a unit clerk (申报管理, filling in on their behalf). */
type Viewer = 'applicant' | 'unit';

const backLinks: Record<Viewer, { to: string; label: string }> = {
  applicant: { to: '/app/my-applications', label: '我的申报' },
  unit: { to: '/app/unit-applications', label: '申报管理' },
};

function Editor({ detail, series, viewer }: { detail: ApplicationDetail; series: Series[]; viewer: Viewer }) {
  const { modal, message } = App.useApp();
  const id = detail.id;
  const editable = detail.status === 'draft' || detail.status === 'returned';
  const [form] = Form.useForm<FormValues>();
  const [initialValues] = useState(() => toFormValues(detail.form));
  const [materials, setMaterials] = useState<Material[]>(detail.form.materials);
  const materialsRef = useRef(materials);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [saveError, setSaveError] = useState<string | null>(null);
  /** A precheck shown or running when the person changed something: its answer no longer holds. */
  const [precheckOutdated, setPrecheckOutdated] = useState(false);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<Promise<void>>(Promise.resolve());
  const save = useSaveApplicationForm(id);
  const precheck = usePrecheckApplication(id);
  const submit = useSubmitApplication(id);
  const withdraw = useWithdrawApplication(id);
  // 退回修改: each reason shown on the entry or field it names (entries and materials by context,
  // plain fields as the field's own error until it is changed).
  const returnMarks = useMemo(
    () => returnMarksOf(detail.status === 'returned' ? detail.returnReasons : []),
    [detail.status, detail.returnReasons],
  );
  useEffect(() => {
    const fields = [...returnMarks].flatMap(([path, messages]) =>
      FIELD_OF_REASON[path]
        ? [{ name: FIELD_OF_REASON[path], errors: messages.map((m) => `退回意见：${m}`) }]
        : [],
    );
    if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
  }, [returnMarks, form]);

  /** Saves the latest values now (after any save already running); rejects when the save failed. */
  const flush = (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    if (!dirty.current) return inflight.current;
    dirty.current = false;
    const run = async () => {
      setSaveState('saving');
      try {
        const values = form.getFieldsValue(true) as FormValues;
        await save.mutateAsync(fromFormValues(values, materialsRef.current));
        setSaveError(null);
        setSaveState(dirty.current ? 'pending' : 'saved');
      } catch (e) {
        dirty.current = true;
        setSaveError(errorMessage(e));
        setSaveState('error');
        markRefusedDates(e);
        throw e;
      }
    };
    const p = inflight.current.then(run);
    inflight.current = p.catch(() => undefined);
    return p;
  };
  /** A date refused at entry (IMPOSSIBLE_DATE) is shown on its own field, e.g. education.0.graduationDate. */
  const markRefusedDates = (e: unknown) => {
    if (!isApiError(e) || e.code !== 'IMPOSSIBLE_DATE') return;
    const problems = (e.details as { problems?: { field: string; message: string }[] } | undefined)?.problems;
    const fields = (problems ?? []).map((p) => ({
      name: p.field.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
      errors: [p.message],
    }));
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;

  const schedule = () => {
    dirty.current = true;
    setSaveState('pending');
    if (precheck.data || precheck.isPending) setPrecheckOutdated(true);
    precheck.reset();
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flushRef.current().catch(() => undefined), AUTOSAVE_DELAY_MS);
  };

  const changeMaterials = (update: (prev: Material[]) => Material[]) => {
    const next = update(materialsRef.current);
    materialsRef.current = next;
    setMaterials(next);
    schedule();
  };

  // Leaving the page saves what is pending; closing the tab with unsaved changes asks first.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      if (dirty.current) void flushRef.current().catch(() => undefined);
    };
  }, []);

  const runPrecheck = async () => {
    try {
      await flush();
    } catch {
      return;
    }
    setPrecheckOutdated(false);
    precheck.mutate();
  };

  /** Why 提交 cannot be pressed now, said next to it (null: it can). */
  const submitBlocked: string | null =
    saveState === 'error'
      ? '填写内容未能保存，请处理保存错误后再提交'
      : saveState !== 'saved'
        ? '正在保存填写内容，保存后即可提交'
        : precheck.isPending
          ? '正在预检…'
          : !precheck.data
            ? precheckOutdated
              ? '填写内容已修改，请重新预检，通过后才能提交'
              : '请先点击“预检”，预检通过后才能提交'
            : !precheck.data.canSubmit
              ? '预检未通过：请按下方预检结果修改后重新预检'
              : null;

  const confirmSubmit = () =>
    modal.confirm({
      title: '确认提交申报？',
      content:
        viewer === 'unit'
          ? '提交后不能修改；审查开始前申报人员本人可撤回。'
          : '提交后不能修改；审查开始前可撤回。',
      okText: '确认提交',
      cancelText: '取消',
      onOk: async () => {
        try {
          await flush();
        } catch {
          return;
        }
        submit.mutate(undefined, {
          onSuccess: (d) => void message.success(`已提交，申报编号 ${d.number ?? ''}`),
        });
      },
    });

  const confirmWithdraw = () =>
    modal.confirm({
      title: '确认撤回申报？',
      content: '撤回后本次申报不再进入审查；如需申报，请在受理时间内重新新建申报。',
      okText: '确认撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => withdraw.mutate(undefined, { onSuccess: () => void message.success('已撤回') }),
    });

  const sections = [
    {
      key: 'basic',
      label: '申报信息',
      children: <BasicFields form={form} detail={detail} series={series} />,
    },
    { key: 'education', label: '学历', children: <EducationFields disabled={!editable} /> },
    { key: 'qualifications', label: '资格/聘任', children: <QualificationFields disabled={!editable} /> },
    { key: 'work', label: '工作经历', children: <WorkHistoryFields disabled={!editable} /> },
    { key: 'achievements', label: '业绩成果', children: <AchievementFields disabled={!editable} /> },
    {
      key: 'facts',
      label: '专业技术工作与从业资格',
      children: <WorkFacts series={series} disabled={!editable} />,
    },
    { key: 'si', label: '相关材料证明', children: <SocialInsuranceField detail={detail} /> },
    {
      key: 'materials',
      label: '材料上传',
      children: (
        <ApplicationMaterials materials={materials} onChange={editable ? changeMaterials : undefined} />
      ),
    },
    { key: 'commitment', label: '个人承诺书', children: <CommitmentField /> },
  ].map((s) => ({ ...s, forceRender: true }));

  return (
    <div className="page-card">
      <PageHeader
        title={detail.number ? `申报 ${detail.number}` : '填写申报'}
        description={
          editable
            ? '逐项填写，内容随填随存（保存在服务器上，关闭浏览器后可继续填写）。填好后先预检，再提交。'
            : undefined
        }
        extra={
          <Link to={backLinks[viewer].to}>
            <Button icon={<ArrowLeftOutlined />}>{backLinks[viewer].label}</Button>
          </Link>
        }
      />
      {viewer === 'unit' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={editable ? `您正在代 ${detail.applicantName} 填写申报` : `申报人员：${detail.applicantName}`}
          description={
            detail.createdOnBehalf ? '本申报由单位代为申报（系统已记录）。' : '本申报由申报人员本人创建。'
          }
        />
      ) : null}
      <Summary detail={detail} />
      {detail.status === 'returned' ? <ReturnReasons detail={detail} /> : null}
      {detail.archiveHosted && detail.archiveHosted.status !== 'approved' && editable ? (
        <ArchiveHostedCard detail={detail} canRequest={viewer === 'applicant'} />
      ) : null}
      {viewer === 'unit' && editable ? <RemindButton detail={detail} /> : null}
      {detail.reviews.length ? <ReviewHistory detail={detail} /> : null}
      {detail.viewerIsApplicant && detail.status !== 'draft' ? <Viewers id={detail.id} /> : null}
      {!editable ? (
        <section aria-label="提交记录" style={{ marginBottom: 16 }}>
          {withdraw.isError ? <ActionErrorAlert error={withdraw.error} title="撤回失败" /> : null}
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            aria-label="版本记录"
            dataSource={detail.versions}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '版本', dataIndex: 'version', render: (v: number) => `第${v}版` },
              { title: '提交时间', dataIndex: 'submittedAt', render: (v: string) => formatInstant(v) },
              { title: '政策版本', dataIndex: 'policyCode' },
            ]}
          />
          {detail.canWithdraw ? (
            <Button danger style={{ marginTop: 12 }} loading={withdraw.isPending} onClick={confirmWithdraw}>
              撤回
            </Button>
          ) : null}
        </section>
      ) : (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <SaveIndicator state={saveState} error={saveError} />
        </Flex>
      )}
      <Form<FormValues>
        name="application"
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={!editable}
        onValuesChange={() => {
          if (editable) schedule();
        }}
      >
        <ReturnMarksProvider marks={returnMarks}>
          <Collapse defaultActiveKey={sections.map((s) => s.key)} items={sections} />
        </ReturnMarksProvider>
      </Form>
      {editable ? (
        <section aria-label="预检与提交" style={{ marginTop: 16 }}>
          {detail.window.status !== 'open' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                detail.window.status === 'upcoming'
                  ? `本批次 ${detail.window.opens} 起受理，届时方可提交；现在可先填写、预检。`
                  : `本批次已于 ${detail.window.closes} 截止受理，逾期不予受理。`
              }
            />
          ) : null}
          {submit.isError ? <SubmitError error={submit.error} /> : null}
          {precheck.isError ? <ActionErrorAlert error={precheck.error} title="预检失败" /> : null}
          {precheckOutdated && !precheck.data && !precheck.isPending ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title="填写内容已修改，请重新预检" />
          ) : null}
          <Flex gap={8} wrap>
            <Button size="large" loading={precheck.isPending} onClick={() => void runPrecheck()}>
              预检
            </Button>
            <Tooltip title={submitBlocked}>
              <Button
                size="large"
                type="primary"
                disabled={submitBlocked !== null}
                loading={submit.isPending}
                onClick={confirmSubmit}
                aria-describedby={submitBlocked ? 'submit-blocked-reason' : undefined}
              >
                提交
              </Button>
            </Tooltip>
            {submitBlocked ? (
              <Typography.Text id="submit-blocked-reason" type="secondary" style={{ alignSelf: 'center' }}>
                {submitBlocked}
              </Typography.Text>
            ) : null}
          </Flex>
          {precheck.data ? <PrecheckResultView result={precheck.data} /> : null}
        </section>
      ) : null}
    </div>
  );
}

/**
 * /app/my-applications/:id — the application form (draft/returned) or its read-only view; the same
 * for a unit clerk at /app/unit-applications/:id (viewer 'unit': no 撤回, a 代填 banner).
 */
export function ApplicationFormPage({ viewer = 'applicant' }: { viewer?: Viewer }) {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const detail = useApplication(valid ? id : null);
  const series = useSeries();
  if (!valid) return <Alert type="error" showIcon title="申报不存在" />;
  if (detail.isError) return <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  if (series.isError) return <QueryErrorAlert error={series.error} onRetry={() => void series.refetch()} />;
  if (detail.isPending || series.isPending) return <PageLoading />;
  return <Editor key={id} detail={detail.data} series={series.data} viewer={viewer} />;
}

/** /app/unit-applications/:id — a unit clerk views, fills in and submits an applicant's application. */
export function UnitApplicationFormPage() {
  return <ApplicationFormPage viewer="unit" />;
}
