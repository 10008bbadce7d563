import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState, type ReactNode } from 'react';
import {
  achievementTypeNames,
  achievementTypes,
  applicantPostNames,
  applicantPosts,
  educationLevels,
  educationNames,
  EmployerKind,
  employerKindNames,
  levelNames,
} from '../../../../contract/index';
import type { ApplicationDetail } from '../../../api/applications';
import { usePolicyInForce } from '../../../api/policy-versions';
import type { Series } from '../../../api/types';
import type { FormValues } from './application-form-values';
import { PageThumb, UploadPicker } from './application-materials';
import { markedStyle, ReturnMarkText, useReturnMarks } from './return-marks';

const yesNo = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];

const fullWidth = { width: '100%' };

/** Dates of things that have happened: later than today cannot be picked (the server refuses them too). */
const afterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** A list entry's card with its delete button. */
function EntryCard({
  title,
  path,
  onRemove,
  disabled,
  children,
}: {
  title: string;
  /** The entry's path (e.g. education.0), to show a reviewer's 退回 reasons on it. */
  path?: string;
  onRemove: () => void;
  disabled: boolean;
  children: ReactNode;
}) {
  const marks = useReturnMarks(path);
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12, ...(marks.length ? markedStyle : {}) }}
      extra={
        disabled ? null : (
          <Button
            type="text"
            danger
            size="small"
            icon={<DeleteOutlined />}
            aria-label={`删除${title}`}
            onClick={onRemove}
          />
        )
      }
    >
      <ReturnMarkText messages={marks} />
      {children}
    </Card>
  );
}

/**
 * 添加…: adds an entry and puts the focus in its first field. The new entry comes above the button, so
 * someone using the keyboard would otherwise have to go back through it from its last field.
 */
function AddButton({ onClick, children }: { onClick: () => void; children: string }) {
  const button = useRef<HTMLButtonElement>(null);
  const focusNewEntry = () => {
    const entry = button.current?.previousElementSibling;
    entry
      ?.querySelector<HTMLElement>(
        '.ant-card-body :is(input:not([type="hidden"]), textarea, [tabindex="0"]):not(:disabled)',
      )
      ?.focus();
  };
  return (
    <Button
      ref={button}
      block
      type="dashed"
      icon={<PlusOutlined />}
      onClick={() => {
        onClick();
        // After React has drawn the new entry.
        requestAnimationFrame(() => setTimeout(focusNewEntry));
      }}
    >
      {children}
    </Button>
  );
}

/** 学历: each entry as on the certificate (学信网 code for online verification). */
export function EducationFields({ disabled }: { disabled: boolean }) {
  return (
    <Form.List name="education">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 ? (
            <Typography.Paragraph type="secondary">请按学历证书填写，最高学历必填。</Typography.Paragraph>
          ) : null}
          {fields.map((f, i) => (
            <EntryCard
              key={f.key}
              title={`学历${i + 1}`}
              path={`education.${f.name}`}
              onRemove={() => remove(f.name)}
              disabled={disabled}
            >
              <Form.Item
                name={[f.name, 'level']}
                label="学历层次"
                rules={[{ required: true, message: '请选择学历层次' }]}
              >
                <Select options={educationLevels.map((l) => ({ value: l, label: educationNames[l] }))} />
              </Form.Item>
              <Form.Item name={[f.name, 'fullTime']} label="是否全日制">
                <Radio.Group
                  options={[
                    { value: true, label: '全日制' },
                    { value: false, label: '非全日制' },
                  ]}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'school']} label="毕业院校">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name={[f.name, 'major']} label="所学专业">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'graduationDate']}
                label="毕业时间"
                rules={[{ required: true, message: '请选择毕业时间' }]}
              >
                <DatePicker style={fullWidth} disabledDate={afterToday} />
              </Form.Item>
              <Form.Item name={[f.name, 'degree']} label="学位">
                <Input maxLength={50} placeholder="如：教育学学士（无则不填）" />
              </Form.Item>
              <Form.Item
                name={[f.name, 'chsiCode']}
                label="学信网验证码"
                extra="学信网《教育部学历证书电子注册备案表》在线验证码"
              >
                <Input maxLength={50} />
              </Form.Item>
            </EntryCard>
          ))}
          {disabled ? null : <AddButton onClick={() => add({ fullTime: true })}>添加学历</AddButton>}
        </>
      )}
    </Form.List>
  );
}

/** 资格/聘任: qualifications obtained and appointments. */
export function QualificationFields({ disabled }: { disabled: boolean }) {
  return (
    <Form.List name="qualifications">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <EntryCard
              key={f.key}
              title={`资格${i + 1}`}
              path={`qualifications.${f.name}`}
              onRemove={() => remove(f.name)}
              disabled={disabled}
            >
              <Form.Item
                name={[f.name, 'name']}
                label="资格名称"
                rules={[{ required: true, message: '请填写资格名称' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'obtainedOn']}
                label="取得时间"
                rules={[{ required: true, message: '请选择取得时间' }]}
              >
                <DatePicker style={fullWidth} disabledDate={afterToday} />
              </Form.Item>
              <Form.Item name={[f.name, 'appointedOn']} label="聘任时间">
                <DatePicker style={fullWidth} disabledDate={afterToday} />
              </Form.Item>
            </EntryCard>
          ))}
          {disabled ? null : <AddButton onClick={() => add({})}>添加资格/聘任</AddButton>}
        </>
      )}
    </Form.List>
  );
}

/** 工作经历, each marked whether it was professional technical work. */
export function WorkHistoryFields({ disabled }: { disabled: boolean }) {
  return (
    <Form.List name="workHistory">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <EntryCard
              key={f.key}
              title={`工作经历${i + 1}`}
              path={`workHistory.${f.name}`}
              onRemove={() => remove(f.name)}
              disabled={disabled}
            >
              <Form.Item name={[f.name, 'unit']} label="工作单位">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name={[f.name, 'from']}
                label="起始时间"
                rules={[{ required: true, message: '请选择起始时间' }]}
              >
                <DatePicker style={fullWidth} disabledDate={afterToday} />
              </Form.Item>
              <Form.Item name={[f.name, 'to']} label="截止时间" extra="至今可不填">
                <DatePicker style={fullWidth} disabledDate={afterToday} />
              </Form.Item>
              <Form.Item name={[f.name, 'professional']} label="是否专业技术工作">
                <Radio.Group options={yesNo} />
              </Form.Item>
              <Form.Item name={[f.name, 'duties']} label="主要工作内容">
                <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
              </Form.Item>
            </EntryCard>
          ))}
          {disabled ? null : <AddButton onClick={() => add({ professional: true })}>添加工作经历</AddButton>}
        </>
      )}
    </Form.List>
  );
}

/** A 业绩成果's evidence pages as a form control (the upload ids, in order). */
function EvidencePages({
  value,
  onChange,
  disabled,
  label,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  disabled: boolean;
  label: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const ids = value ?? [];
  return (
    <Flex vertical gap={8}>
      {error ? <Alert type="error" showIcon role="alert" title={error} /> : null}
      {ids.length ? (
        <Flex wrap gap={8}>
          {ids.map((id, page) => (
            <PageThumb
              key={`${id}-${page}`}
              id={id}
              index={page}
              onRemove={disabled ? undefined : () => onChange?.(ids.filter((_, p) => p !== page))}
            />
          ))}
        </Flex>
      ) : disabled ? (
        <Typography.Text type="secondary">未上传</Typography.Text>
      ) : null}
      {disabled ? null : (
        <div>
          <UploadPicker
            label={label}
            buttonText={ids.length ? '添加页面' : '上传佐证材料'}
            onError={setError}
            onUploaded={(added) => onChange?.([...ids, ...added])}
          />
        </div>
      )}
    </Flex>
  );
}

/**
 * 业绩成果 (四、（五））: the unit and the supervising department check them with the work experience, so
 * each entry says what it is and when, with the evidence (certificate, paper, award document) uploaded.
 */
export function AchievementFields({ disabled }: { disabled: boolean }) {
  return (
    <Form.List name="achievements">
      {(fields, { add, remove }) => (
        <>
          <Typography.Paragraph type="secondary">
            论文、著作、科研项目、获奖、专利等业绩成果，每项须上传佐证材料（原件扫描件或照片）；系列（专业）申报条件对业绩成果有要求的必填。
          </Typography.Paragraph>
          {fields.map((f, i) => (
            <EntryCard
              key={f.key}
              title={`业绩成果${i + 1}`}
              path={`achievements.${f.name}`}
              onRemove={() => remove(f.name)}
              disabled={disabled}
            >
              <Form.Item
                name={[f.name, 'type']}
                label="成果类型"
                rules={[{ required: true, message: '请选择成果类型' }]}
              >
                <Select
                  options={achievementTypes.map((t) => ({ value: t, label: achievementTypeNames[t] }))}
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'title']}
                label="成果名称"
                rules={[{ required: true, message: '请填写成果名称' }]}
              >
                <Input maxLength={100} placeholder="如：论文题目、项目名称、奖项名称" />
              </Form.Item>
              <Form.Item
                name={[f.name, 'achievedOn']}
                label="取得时间"
                extra="发表、获奖、结题或授权时间"
                rules={[{ required: true, message: '请选择取得时间' }]}
              >
                <DatePicker style={fullWidth} disabledDate={afterToday} />
              </Form.Item>
              <Form.Item name={[f.name, 'description']} label="成果说明">
                <Input.TextArea
                  maxLength={500}
                  autoSize={{ minRows: 2 }}
                  placeholder="刊物/期号、本人排名或承担的工作、获奖等级等"
                />
              </Form.Item>
              <Form.Item
                name={[f.name, 'uploadIds']}
                label="佐证材料"
                rules={[{ required: true, type: 'array', min: 1, message: '请上传佐证材料' }]}
              >
                <EvidencePages disabled={disabled} label={`为业绩成果${i + 1}上传佐证材料`} />
              </Form.Item>
            </EntryCard>
          ))}
          {disabled ? null : <AddButton onClick={() => add({ uploadIds: [] })}>添加业绩成果</AddButton>}
        </>
      )}
    </Form.List>
  );
}

/** 申报信息: series and specialty; the level, batch and window come from the application. */
export function BasicFields({
  form,
  detail,
  series,
}: {
  form: FormInstance<FormValues>;
  detail: ApplicationDetail;
  series: Series[];
}) {
  const seriesCode = Form.useWatch('seriesCode', form);
  const selected = series.find((s) => s.code === seriesCode) ?? null;
  const levelTitle = selected?.levels[detail.targetLevel];
  return (
    <>
      <Form.Item name="seriesCode" label="申报系列" rules={[{ required: true, message: '请选择申报系列' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={series.map((s) => ({ value: s.code, label: s.name, title: s.name }))}
          onChange={() => form.setFieldValue('specialtyCode', null)}
        />
      </Form.Item>
      <Form.Item name="specialtyCode" label="申报专业">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          disabled={!selected}
          options={(selected?.specialties ?? []).map((s) => ({
            value: s.code,
            label: s.name,
            title: s.name,
          }))}
        />
      </Form.Item>
      {selected && !levelTitle ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="该系列不设所申报的层级，请更换系列或重新新建申报"
        />
      ) : null}
      <Typography.Paragraph>
        申报层级：{levelTitle ? `${levelNameOf(detail)}（${levelTitle}）` : levelNameOf(detail)}
        <br />
        认定机构：{detail.agencyName}
        <br />
        申报批次：{detail.year}年{detail.batchName}（受理 {detail.window.opens} 至 {detail.window.closes}）
        <br />
        资历终算时间：{detail.window.cutoffDate}
      </Typography.Paragraph>
    </>
  );
}

function levelNameOf(detail: ApplicationDetail): string {
  return levelNames[detail.targetLevel];
}

/** 从事专业技术工作起始时间, 专业相近, 从业资格. */
export function WorkFacts({ series, disabled }: { series: Series[]; disabled: boolean }) {
  const licenceOptions = [
    ...new Set(series.map((s) => s.practiceLicence).filter((x): x is string => !!x)),
  ].map((l) => ({ value: l, label: l, title: l }));
  return (
    <>
      <Form.Item name="professionalWorkStart" label="从事专业技术工作起始时间">
        <DatePicker style={fullWidth} disabledDate={afterToday} />
      </Form.Item>
      <Form.Item name="majorRelated" label="所学专业与从事专业是否相同或相近">
        <Radio.Group options={yesNo} />
      </Form.Item>
      <Form.Item
        name="post"
        label="岗位"
        extra={
          disabled
            ? undefined
            : '职业高中、职业教育教研机构的教师只能申报中等职业学校教师系列（通知 三、（三））；该单位的实验、图书等其他专业技术人员请选“其他专业技术岗”'
        }
      >
        <Radio.Group options={applicantPosts.map((p) => ({ value: p, label: applicantPostNames[p] }))} />
      </Form.Item>
      <Form.Item
        label="实际工作单位（仅人事代理机构托管人员填写）"
        extra={
          disabled
            ? undefined
            : '非国有企业工程专业技术资格不组织考核认定（通知 三、（六）），按实际工作单位的性质判断'
        }
      >
        <Flex gap={8} wrap>
          <Form.Item name={['actualEmployer', 'name']} noStyle>
            <Input
              placeholder="单位名称"
              aria-label="实际工作单位名称"
              maxLength={100}
              style={{ width: 220 }}
            />
          </Form.Item>
          <Form.Item name={['actualEmployer', 'ownership']} noStyle>
            <Select
              placeholder="所有制性质"
              aria-label="实际工作单位所有制性质"
              allowClear
              style={{ width: 140 }}
              options={[
                { value: 'state', label: '国有' },
                { value: 'nonState', label: '非国有' },
              ]}
            />
          </Form.Item>
          <Form.Item name={['actualEmployer', 'kind']} noStyle>
            <Select
              placeholder="单位类型"
              aria-label="实际工作单位类型"
              allowClear
              style={{ width: 200 }}
              options={EmployerKind.options.map((k) => ({ value: k, label: employerKindNames[k] }))}
            />
          </Form.Item>
        </Flex>
      </Form.Item>
      <Form.Item
        name="practiceLicences"
        label="从业资格"
        extra={
          disabled
            ? undefined
            : '实行准入类职业资格的系列须先取得相应资格（如教师资格），可选择或直接输入后回车'
        }
      >
        <Select mode="tags" options={licenceOptions} tokenSeparators={[',', '，']} />
      </Form.Item>
    </>
  );
}

/** 相关材料证明: the social-insurance record is linked, not uploaded (notice 三、（四）). */
export function SocialInsuranceField({ detail }: { detail: ApplicationDetail }) {
  const si = detail.socialInsurance;
  return (
    <>
      <Form.Item name="socialInsuranceConfirmed" valuePropName="checked" label="相关材料证明">
        <Checkbox>个人社保参保缴费证明</Checkbox>
      </Form.Item>
      {si ? (
        <Alert
          type={si.matchesEmployer ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={`已关联社保参保信息：参保单位 ${si.insuredUnitName}，缴费 ${si.months} 个月`}
          description={
            si.matchesEmployer
              ? '申报单位与参保单位一致，无需上传社保缴费证明。'
              : '申报单位与参保单位名称不一致：须在“材料上传—其他”中上传申报单位与参保单位的隶属关系证明（加盖两个单位公章），用途选“隶属关系证明”。'
          }
        />
      ) : (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="未关联到社保参保信息"
          description="请联系所在单位核对您的姓名和身份证号是否与社保参保信息一致。"
        />
      )}
    </>
  );
}

/** 个人承诺书 (notice 四、（四））, quoting the notice the policy version in force rests on. */
export function CommitmentField() {
  const policy = usePolicyInForce();
  const basis = policy.version?.parameters.basisDocumentNumber;
  // No neutral wording flashing before the 文号 arrives.
  const source = policy.isPending
    ? ''
    : basis
      ? `（${basis} 四、（四））`
      : '（依据职称考核认定工作有关规定）';
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Typography.Paragraph>
          本人承诺：所填报的信息和上传的学历、资格、工作经历等材料均真实、准确、完整，材料扫描件或照片均由原件扫描或拍摄，复印件已经申报单位审核并签署“与原件相符”意见。
        </Typography.Paragraph>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          本人知悉：如有弄虚作假、暗箱操作等违纪违规行为，将被取消申报资格并列入“黑名单”；已取得的职称按规定撤销，并承担相应责任
          {source}。
        </Typography.Paragraph>
      </Card>
      <Form.Item name="commitmentSigned" valuePropName="checked">
        <Checkbox>我已阅读并签署个人承诺书</Checkbox>
      </Form.Item>
    </>
  );
}
