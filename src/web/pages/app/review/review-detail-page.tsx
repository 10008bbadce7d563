import { ArrowLeftOutlined, CheckOutlined, FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Row,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { achievementTypeNames, educationNames, levelNames } from '../../../../contract/index';
import { decisionNames } from '../../../../domain/review/review-chain';
import type { ApplicationForm } from '../../../api/applications';
import { uploadContentUrl } from '../../../api/applications';
import { api, errorMessage, isApiError } from '../../../api/client';
import { ruleNames, type EligibilityRule } from '../../../api/eligibility';
import { useSeries } from '../../../api/public';
import { useCheckMaterial, useDecide, useReviewView, type Queue, type ReviewView } from '../../../api/review';
import { PageHeader } from '../../../components/page-header';
import { PageLoading } from '../../../components/page-loading';
import { QueryErrorAlert } from '../../../components/query-error-alert';
import { formatInstant } from '../../../utils/format';
import { reasonFieldLabel, reasonFieldOptions } from '../../../utils/review-fields';
import { CancelPanel } from './cancel-panel';

function SubmittedForm({ view }: { view: ReviewView }) {
  const form = (view.submitted?.form ?? {}) as Partial<ApplicationForm>;
  const catalogue = useSeries();
  const series = catalogue.data?.find((x) => x.code === form.seriesCode);
  const specialty = series?.specialties.find((x) => x.code === form.specialtyCode);
  const si = view.submitted?.socialInsurance;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          key: 'series',
          label: '申报系列/专业',
          children: `${series?.name ?? form.seriesCode ?? ''}${specialty ? ` / ${specialty.name}` : ''}`,
        },
        { key: 'level', label: '申报层级', children: levelNames[view.application.targetLevel] },
        {
          key: 'education',
          label: '学历',
          children: (form.education ?? []).map((e, i) => (
            <div key={i}>
              {i + 1}. {e.level ? educationNames[e.level] : ''} {e.fullTime ? '全日制' : '非全日制'}{' '}
              {e.school} {e.major} {e.graduationDate} 毕业 {e.degree ?? ''} 学信网验证码 {e.chsiCode ?? '—'}
            </div>
          )),
        },
        {
          key: 'qualifications',
          label: '资格/聘任',
          children: (form.qualifications ?? []).length
            ? (form.qualifications ?? []).map((q, i) => (
                <div key={i}>
                  {i + 1}. {q.name} 取得 {q.obtainedOn ?? '—'} 聘任 {q.appointedOn ?? '—'}
                </div>
              ))
            : '无',
        },
        {
          key: 'work',
          label: '工作经历',
          children: (form.workHistory ?? []).map((w, i) => (
            <div key={i}>
              {i + 1}. {w.from} 至 {w.to ?? '今'} {w.unit} {w.professional ? '（专业技术工作）' : ''}{' '}
              {w.duties}
            </div>
          )),
        },
        {
          key: 'achievements',
          label: '业绩成果',
          children: (form.achievements ?? []).length
            ? (form.achievements ?? []).map((a, i) => (
                <div key={i} style={{ marginBottom: 4 }}>
                  {i + 1}. {a.type ? `【${achievementTypeNames[a.type]}】` : ''}
                  {a.title} {a.achievedOn ?? '—'} {a.description}
                  <Space size={4} wrap style={{ marginLeft: 8 }}>
                    佐证材料：
                    {a.uploadIds.length
                      ? a.uploadIds.map((id, p) => (
                          <a key={`${id}-${p}`} href={uploadContentUrl(id)} target="_blank" rel="noreferrer">
                            第{p + 1}页
                          </a>
                        ))
                      : '未上传'}
                  </Space>
                </div>
              ))
            : '无',
        },
        { key: 'start', label: '从事专业技术工作起始', children: form.professionalWorkStart ?? '—' },
        {
          key: 'major',
          label: '所学专业与从事专业',
          children: form.majorRelated === null ? '—' : form.majorRelated ? '相同或相近' : '不相近',
        },
        { key: 'licences', label: '从业资格', children: (form.practiceLicences ?? []).join('、') || '无' },
        {
          key: 'si',
          label: '社保参保',
          children: si ? `${si.insuredUnitName}，缴费 ${si.months} 个月` : '未关联（档案托管人员通道）',
        },
        { key: 'commitment', label: '个人承诺书', children: form.commitmentSigned ? '已签署' : '未签署' },
      ]}
    />
  );
}

function Materials({ view }: { view: ReviewView }) {
  const check = useCheckMaterial(view.application.id);
  return (
    <>
      {check.isError ? (
        <Alert type="error" showIcon title={errorMessage(check.error)} style={{ marginBottom: 8 }} />
      ) : null}
      <List
        size="small"
        dataSource={view.materials}
        renderItem={(m) => (
          <List.Item
            actions={[
              m.check ? (
                <Tag color="success" key="c">
                  已核验：与原件相符（{m.check.by}，{formatInstant(m.check.at)}）
                </Tag>
              ) : view.allowed.checkMaterials ? (
                <Button
                  key="c"
                  size="small"
                  icon={<CheckOutlined />}
                  loading={check.isPending && check.variables?.index === m.index}
                  onClick={() => check.mutate({ index: m.index, expectedRevision: view.revision })}
                >
                  核验与原件相符
                </Button>
              ) : (
                <Tag key="c">未核验</Tag>
              ),
            ]}
          >
            <Space>
              {m.combinedUploadId ? (
                <a href={uploadContentUrl(m.combinedUploadId)} target="_blank" rel="noreferrer">
                  <FilePdfOutlined /> {m.title}
                </a>
              ) : (
                m.title
              )}
              <Typography.Text type="secondary">{m.pageUploadIds.length} 页</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

interface DecisionValues {
  decision: 'approve' | 'return' | 'reject';
  comment?: string;
  reasons?: { field: string; message: string }[];
  workExperienceConfirmed?: boolean;
}

function DecisionPanel({ view }: { view: ReviewView }) {
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const decide = useDecide(view.application.id);
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form);
  const submitted = (view.submitted?.form ?? {}) as Partial<ApplicationForm>;
  const options = reasonFieldOptions(submitted);
  // Keyboard: Alt+1/2/3 choose the decision, Ctrl+Enter submits (then Enter confirms).
  const canDecide = view.allowed.decide;
  useEffect(() => {
    if (!canDecide) return;
    const onKey = (e: KeyboardEvent) => {
      const chosen = e.altKey
        ? ({ '1': 'approve', '2': 'return', '3': 'reject' } as const)[e.key as '1']
        : undefined;
      if (chosen) {
        e.preventDefault();
        form.setFieldValue('decision', chosen);
      } else if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        form.submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canDecide, form]);
  if (!view.allowed.decide)
    return <Alert type="info" showIcon title="您当前不能审查该申报" description={view.allowed.reason} />;
  // The last seat of the chain (认定机构领导审批) makes the recognition decision itself.
  const finalSeat = view.chain.length > 0 && view.chain[view.chain.length - 1]!.current;
  const finish = (v: DecisionValues) =>
    modal.confirm({
      title: finalSeat && v.decision === 'approve' ? '确认认定通过？' : `确认${decisionNames[v.decision]}？`,
      content:
        v.decision === 'approve'
          ? finalSeat
            ? '这是最后一个审查环节：通过即作出认定决定（认定通过），不能撤回；申报人将收到认定通过通知，随后可起草批复、发证。'
            : '通过后申报将送往下一审查环节。'
          : v.decision === 'return'
            ? '退回后申报人员按原因修改并重新提交。'
            : '不予通过后本次申报办结，不能再修改。',
      okText: finalSeat && v.decision === 'approve' ? '确认认定通过' : `确认${decisionNames[v.decision]}`,
      okButtonProps: { danger: v.decision === 'reject' },
      cancelText: '取消',
      onOk: () =>
        decide.mutate(
          {
            decision: v.decision,
            expectedRevision: view.revision,
            comment: v.comment ?? '',
            reasons: (v.reasons ?? []).filter((r) => r.field && r.message),
            workExperienceConfirmed: v.workExperienceConfirmed,
          },
          {
            onSuccess: async () => {
              void message.success(`已${decisionNames[v.decision]}`);
              // Straight on to the next one waiting at the same seat (a queue of 500 on the last day).
              const seat = view.chain.find((c) => c.current);
              const next = seat
                ? await api
                    .get<Queue>('/review/queue', {
                      organisationId: seat.organisationId,
                      role: seat.stage.endsWith('leader') ? 'leader' : 'handler',
                      limit: 1,
                    })
                    .catch(() => null)
                : null;
              const nextId = next?.items[0]?.id;
              void navigate(
                nextId && nextId !== view.application.id ? `/app/review/${nextId}` : '/app/review',
              );
            },
          },
        ),
    });
  const stale = isApiError(decide.error) && decide.error.code === 'ALREADY_HANDLED';
  return (
    <Form<DecisionValues>
      form={form}
      layout="vertical"
      initialValues={{ decision: 'approve' }}
      onFinish={finish}
    >
      {decide.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={errorMessage(decide.error)}
          action={stale ? <Button onClick={() => window.location.reload()}>刷新</Button> : undefined}
        />
      ) : null}
      <Form.Item name="decision" label="审查意见">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'approve', label: '通过' },
            { value: 'return', label: '退回修改' },
            { value: 'reject', label: '不予通过' },
          ]}
        />
      </Form.Item>
      {decision === 'approve' && view.allowed.needsWorkConfirmation ? (
        <Form.Item
          name="workExperienceConfirmed"
          valuePropName="checked"
          rules={[
            { validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认后再通过'))) },
          ]}
        >
          <Checkbox>已审查工作经历和业绩成果，符合申报条件（四、（五））</Checkbox>
        </Form.Item>
      ) : null}
      {decision && decision !== 'approve' ? (
        <Form.List name="reasons" initialValue={[{ field: 'general', message: '' }]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap>
                  <Form.Item name={[f.name, 'field']} style={{ minWidth: 180, marginBottom: 8 }}>
                    <Select aria-label="原因所指字段或材料" options={options} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'message']}
                    style={{ flex: 1, minWidth: 200, marginBottom: 8 }}
                    rules={[{ required: true, message: '请填写原因' }]}
                  >
                    <Input aria-label="原因" placeholder="原因及修改要求" />
                  </Form.Item>
                  {fields.length > 1 ? <Button onClick={() => remove(f.name)}>删除</Button> : null}
                </Flex>
              ))}
              <Button
                type="dashed"
                onClick={() => add({ field: 'general', message: '' })}
                style={{ marginBottom: 12 }}
              >
                添加一条原因
              </Button>
            </>
          )}
        </Form.List>
      ) : null}
      <Form.Item name="comment" label="备注（可选）">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        loading={decide.isPending}
        danger={decision === 'reject'}
      >
        提交审查意见
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        快捷键：Alt+1 通过 · Alt+2 退回修改 · Alt+3 不予通过 · Ctrl+Enter 提交（回车确认）
      </Typography.Paragraph>
    </Form>
  );
}

/** /app/review/:id — one application under review: the submitted data and materials beside the decision. */
export function ReviewDetailPage() {
  const id = Number(useParams().id);
  const view = useReviewView(id);
  if (view.isError) return <QueryErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  if (view.isPending) return <PageLoading />;
  const v = view.data;
  const a = v.application;
  const current = v.chain.findIndex((c) => c.current);
  return (
    <div className="page-card">
      <PageHeader
        title={`审查：${a.applicantName}（${a.number ?? `#${a.id}`}）`}
        description={`${a.employerName} · ${a.year}年${a.batchName} · ${levelNames[a.targetLevel]} · 第 ${a.version} 版`}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void view.refetch()}>
              刷新
            </Button>
            <Link to="/app/review">
              <Button icon={<ArrowLeftOutlined />}>审查工作台</Button>
            </Link>
          </Space>
        }
      />
      <Steps
        size="small"
        style={{ marginBottom: 16 }}
        current={current < 0 ? v.chain.length : current}
        status={a.status === 'rejected' || a.status === 'cancelled' ? 'error' : undefined}
        items={v.chain.map((c) => ({ title: c.stageName, description: c.organisationName }))}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title="申报信息（提交版本，只读）">
            <SubmittedForm view={v} />
          </Card>
          <Card size="small" title="材料（按类别合并的 PDF）" style={{ marginTop: 16 }}>
            <Materials view={v} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="审查">
            {v.publicity ? (
              <Alert
                type={v.publicity.ended ? 'success' : 'info'}
                showIcon
                style={{ marginBottom: 12 }}
                title={`单位公示 ${v.publicity.startsOn} 至 ${v.publicity.endsOn}${v.publicity.ended ? '，已期满' : '，公示中'}${
                  v.submitted && v.publicity.forVersion < v.submitted.version
                    ? `（第 ${v.publicity.forVersion} 版时公示，退回修改后沿用）`
                    : ''
                }`}
                description={v.publicity.objections.map((o, i) => (
                  <div key={i}>
                    异议：{o.content}
                    {o.handling ? `；处理：${o.handling}` : ''}
                  </div>
                ))}
              />
            ) : null}
            {/* Remounted when a material is checked, so an earlier refusal does not linger. */}
            <DecisionPanel key={v.materials.filter((m) => m.check).length} view={v} />
            {v.allowed.cancel ? (
              <div style={{ marginTop: 16, paddingTop: 12, borderTop: '1px solid #f0f0f0' }}>
                <CancelPanel view={v} />
              </div>
            ) : null}
          </Card>
          <Card size="small" title="预检结果（提交时）" style={{ marginTop: 16 }}>
            {v.submitted ? (
              <List
                size="small"
                dataSource={v.submitted.eligibility.checks}
                renderItem={(c) => (
                  <List.Item>
                    <div>
                      <Typography.Text
                        type={c.passed === false ? 'danger' : c.passed ? 'success' : 'secondary'}
                      >
                        {c.passed === true ? '✓' : c.passed === false ? '✗' : '—'}{' '}
                        {ruleNames[c.rule as EligibilityRule] ?? c.rule}
                      </Typography.Text>
                      <div>
                        {c.message}
                        <Typography.Text type="secondary">（{c.clause}）</Typography.Text>
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            ) : null}
            <Typography.Text type="secondary">
              政策版本：{v.submitted?.eligibility.policyVersion}
            </Typography.Text>
          </Card>
          <Card size="small" title="审查记录" style={{ marginTop: 16 }}>
            <List
              size="small"
              dataSource={a.reviews}
              locale={{ emptyText: <Typography.Text type="secondary">尚无审查记录</Typography.Text> }}
              renderItem={(r) => (
                <List.Item>
                  <div>
                    <div>
                      第{r.version}版 · {r.stageName} · {r.organisationName} · {r.reviewerName} ·{' '}
                      <Tag
                        color={
                          r.decision === 'approve' ? 'success' : r.decision === 'return' ? 'warning' : 'error'
                        }
                      >
                        {r.decision === 'cancel' ? '取消资格' : decisionNames[r.decision]}
                      </Tag>
                      <Typography.Text type="secondary">{formatInstant(r.at)}</Typography.Text>
                    </div>
                    {r.reasons.map((x, i) => (
                      <div key={i}>
                        {reasonFieldLabel(x.field)}：{x.message}
                      </div>
                    ))}
                    {r.comment ? <div>备注：{r.comment}</div> : null}
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
