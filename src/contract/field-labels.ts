/**
 * The Chinese name of every field a client sends, for validation messages ("审查结论：无效选项…").
 * A field is named by its schema's `.meta({ title })` when it has one, otherwise by this map of
 * property names; nested fields are composed from their path ("原因第 1 项的说明"). The server's error
 * handler and the web share it. test/field-labels.test.ts walks every route's input schemas and fails
 * on a field without a name here.
 */
import { type ZodType, globalRegistry } from 'zod';

export const fieldLabels: Record<string, string> = {
  id: '编号',
  ids: '编号列表',
  accountId: '账号',
  applicantAccountId: '申报人员',
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  name: '名称/姓名',
  idNumber: '身份证号码',
  mobile: '手机号码',
  phone: '联系电话',
  contactPhone: '联系电话',
  person: '人员',
  role: '岗位',
  q: '搜索关键词',
  mine: '只看本人',
  kind: '类型',
  type: '类型',
  parentId: '上级机构',
  regionId: '所在地区',
  ownership: '单位性质',
  employerKind: '单位类型',
  creditCode: '统一社会信用代码',
  organisationId: '机构',
  employerId: '用人单位',
  actsAsSupervisor: '代行主管部门审查',
  agencyCode: '认定机构代码',
  code: '代码',
  seriesCode: '职称系列',
  seriesCodes: '职称系列',
  series: '职称系列',
  specialtyCode: '专业',
  level: '层级',
  levels: '层级',
  junior: '员级',
  assistant: '助理级',
  intermediate: '中级',
  minEducation: '最低学历',
  examBased: '以考代评',
  practiceLicence: '从业资格',
  note: '说明',
  year: '年度',
  sourceYear: '复制自年度',
  number: '编号',
  batchId: '批次',
  opensOn: '受理开始日期',
  closesOn: '受理截止日期',
  cutoffDate: '终算时间',
  beyondYearEnd: '跨年受理',
  reason: '理由',
  status: '状态',
  targetLevel: '申报层级',
  education: '学历',
  fullTime: '全日制',
  school: '毕业院校',
  major: '所学专业',
  graduationDate: '毕业时间',
  degree: '学位',
  chsiCode: '学信网验证码',
  qualifications: '资格与聘任',
  appointedOn: '聘任时间',
  obtainedOn: '取得时间',
  workHistory: '工作经历',
  unit: '工作单位',
  from: '起始日期',
  to: '截止日期',
  professional: '专业技术工作',
  duties: '工作内容',
  professionalWorkStart: '从事专业技术工作起始日期',
  majorRelated: '所学专业与申报专业相近',
  practiceLicences: '从业资格证书',
  post: '岗位类别',
  actualEmployer: '实际工作单位',
  achievements: '业绩成果',
  achievedOn: '取得时间',
  title: '标题',
  description: '说明',
  socialInsuranceConfirmed: '确认社保参保信息',
  commitmentSigned: '诚信承诺',
  materials: '申报材料',
  category: '材料类别',
  purpose: '材料用途',
  uploadIds: '上传文件',
  message: '说明',
  applicationId: '申报',
  applicationIds: '申报',
  employer: '工作单位',
  socialInsurance: '社保参保',
  insuredUnitName: '参保单位名称',
  hasAffiliationProof: '有人事关系证明',
  decision: '审查结论',
  expectedRevision: '版本号',
  comment: '意见',
  reasons: '原因',
  field: '字段',
  workExperienceConfirmed: '确认工作经历和业绩成果',
  items: '申报列表',
  waitingDays: '等待天数',
  after: '翻页位置',
  limit: '每页条数',
  page: '页码',
  pageSize: '每页条数',
  index: '材料序号',
  startsOn: '开始日期',
  endsOn: '结束日期',
  renew: '重新公示',
  content: '异议内容',
  handling: '处理情况',
  decisionDocument: '处理决定文号',
  years: '期限（年）',
  censureActionIds: '通报批评的审查记录',
  censureOrganisationIds: '通报批评的单位',
  statement: '情况说明',
  approve: '是否同意',
  accept: '是否接受',
  requestedLevels: '申请认定层级',
  scopeDescription: '认定范围说明',
  filingDocument: '报备文件',
  documentNumber: '文号',
  recipient: '主送机关',
  copyTo: '抄送',
  effectiveOn: '取得资格时间',
  issuer: '发文机关',
  issuerName: '发文机关名称',
  documentPrefix: '机关代字',
  outcome: '办理结果',
  payload: '二维码内容',
  via: '查询方式',
  groupBy: '分组方式',
  action: '操作',
  targetType: '对象类型',
  targetId: '对象编号',
  body: '正文',
  publishedOn: '发布日期',
  basedOnId: '所依据的版本',
  basisDocumentNumber: '依据文号',
  effectiveFrom: '生效日期',
  parameters: '政策参数',
  educationYears: '学历与工作年限',
  mismatchExtraYears: '专业不相近延长年限',
  publicityWorkingDays: '公示工作日数',
  blacklistYears: '黑名单默认年限',
  fullTimeRequired: '要求全日制',
  fullTimeSource: '全日制认定依据',
  nonStateExcludedSeries: '非公企业不适用的系列',
  vocationalTeacherSeries: '职业学校教师系列',
  vocationalEmployerKinds: '职业学校单位类型',
  includeDrafts: '包含修订稿',
  // A key under a parent of this name (looked up first).
  'person.name': '姓名',
  'actualEmployer.name': '单位名称',
  'employer.name': '单位名称',
  'qualifications.name': '资格名称',
  'levels.name': '层级名称',
  'educationYears.level': '层级',
  'education.level': '学历层次',
  'materials.title': '材料名称',
  'achievements.type': '成果类别',
  'reasons.field': '所指字段',
};

type Def = {
  type: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  element?: ZodType;
  valueType?: ZodType;
  in?: ZodType;
  options?: ZodType[];
  left?: ZodType;
  right?: ZodType;
  items?: ZodType[];
  getter?: () => ZodType;
};

const defOf = (s: ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schemas a value of `s` may be checked against, wrappers removed (a union gives each option). */
function unwrap(s: ZodType, seen = 0): ZodType[] {
  if (seen > 20) return [s];
  const def = defOf(s);
  if (WRAPPERS.has(def.type) && def.innerType) return [s, ...unwrap(def.innerType, seen + 1)];
  if (def.type === 'pipe' && def.in) return [s, ...unwrap(def.in, seen + 1)];
  if (def.type === 'lazy' && def.getter) return [s, ...unwrap(def.getter(), seen + 1)];
  if (def.type === 'union' && def.options) return [s, ...def.options.flatMap((o) => unwrap(o, seen + 1))];
  if (def.type === 'intersection' && def.left && def.right)
    return [s, ...unwrap(def.left, seen + 1), ...unwrap(def.right, seen + 1)];
  return [s];
}

function titleOf(candidates: ZodType[]): string | undefined {
  for (const c of candidates) {
    const title = globalRegistry.get(c)?.title;
    if (title) return title;
  }
  return undefined;
}

/** The schemas one step down `path` from `s`: an object's property or a list's element. */
function child(s: ZodType, segment: string | number): ZodType[] {
  return unwrap(s).flatMap((c) => {
    const def = defOf(c);
    if (typeof segment === 'string' && def.type === 'object' && def.shape?.[segment])
      return [def.shape[segment]];
    if (typeof segment === 'number') {
      if (def.type === 'array' && def.element) return [def.element];
      if (def.type === 'tuple' && def.items?.[segment]) return [def.items[segment]];
    }
    if (def.type === 'record' && def.valueType) return [def.valueType];
    return [];
  });
}

/**
 * The Chinese name of the field at `path` of `schema`, e.g. ['reasons', 0, 'message'] → 原因第 1 项的说明;
 * undefined when a property on the way has no name (the caller then shows the path itself).
 */
export function fieldLabel(schema: ZodType | undefined, path: readonly PropertyKey[]): string | undefined {
  let label = '';
  let parent = '';
  let current: ZodType[] = schema ? [schema] : [];
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) {
      const index = Number(segment);
      label += `第 ${index + 1} 项`;
      current = current.flatMap((c) => child(c, index));
      continue;
    }
    const key = String(segment);
    current = current.flatMap((c) => child(c, key));
    const name =
      titleOf(current.flatMap((c) => unwrap(c))) ?? fieldLabels[`${parent}.${key}`] ?? fieldLabels[key];
    if (!name) return undefined;
    label += (label ? '的' : '') + name;
    parent = key;
  }
  return label || undefined;
}

/** Every property path of an input schema (a list's items as index 0), for checking that all have names. */
export function schemaPaths(
  schema: ZodType,
  prefix: (string | number)[] = [],
  depth = 0,
): (string | number)[][] {
  if (depth > 12) return [];
  const out: (string | number)[][] = [];
  for (const c of unwrap(schema)) {
    const def = defOf(c);
    if (def.type === 'object' && def.shape) {
      for (const [key, value] of Object.entries(def.shape)) {
        out.push([...prefix, key]);
        out.push(...schemaPaths(value, [...prefix, key], depth + 1));
      }
    } else if (def.type === 'array' && def.element) {
      out.push(...schemaPaths(def.element, [...prefix, 0], depth + 1));
    } else if (def.type === 'record' && def.valueType) {
      out.push(...schemaPaths(def.valueType, [...prefix, 0], depth + 1));
    }
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    const k = p.join('.');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
