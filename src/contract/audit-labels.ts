import {
  educationNames,
  employerKindNames,
  filingStatusNames,
  levelNames,
  materialCategoryNames,
  orgKindNames,
  roleNames,
  yearEndStatusNames,
} from './index.js';
import { decisionNames, stageNames, statusNames } from '../domain/review/review-chain.js';

/**
 * The Chinese names of the audit log's codes, read by people in two places: the 审计日志 page and
 * its Excel export (issue 11 item 13: no raw codes where a person reads).
 */

/** What the series and specialty codes are named in the catalogue (the part the log needs). */
export type CatalogueNames = readonly {
  code: string;
  name: string;
  specialties: readonly { code: string; name: string }[];
}[];

/** Chinese names of the audit actions the server records (raw code only as a last resort). */
export const actionNames: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败（密码错误）',
  'auth.locked': '账号锁定',
  'auth.password_changed': '修改密码',
  'account.admin_created': '创建系统管理员',
  'account.created': '创建账号',
  'account.password_reset': '重置密码',
  'account.unlocked': '解除锁定',
  'role.granted': '授予角色',
  'role.revoked': '撤销角色',
  'seat.assigned': '设置审查账号',
  'applicant.created': '创建申报账号',
  'applicant.imported': '批量导入申报账号',
  'organisation.created': '创建机构',
  'organisation.updated': '修改机构',
  'agency.updated': '修改认定机构',
  'agency.document_settings': '设置发文字号',
  'batch.updated': '修改受理批次',
  'batch.added': '新增受理批次',
  'batch.cancelled': '取消受理批次',
  'batch.filed': '报备受理批次',
  'batch.filing_accepted': '确认批次报备',
  'batch.filing_refused': '不予确认批次报备',
  'schedule.created': '创建年度受理时间安排',
  'schedule.published': '发布年度受理时间安排',
  'schedule.discarded': '删除受理时间安排草稿',
  'series.created': '新增系列',
  'series.updated': '修改系列',
  'specialty.created': '新增专业',
  'policy.draft_created': '新建政策版本修订稿',
  'policy.draft_updated': '修改政策版本修订稿',
  'policy.draft_deleted': '删除政策版本修订稿',
  'policy.published': '发布政策版本',
  'policy_document.created': '新增政策文件',
  'policy_document.updated': '修改政策文件',
  'social_insurance.imported': '导入社保参保信息',
  'personal_data.encrypted': '加密存量个人信息',
  'personal_data.reencrypted': '更换密钥重新加密个人信息',
  'reference.loaded': '载入参考数据',
  'upload.created': '上传文件',
  'application.created': '新建申报',
  'application.form_saved': '保存申报表',
  'application.submitted': '提交申报',
  'application.withdrawn': '撤回申报',
  'application.reminded': '单位提醒申报人员',
  'application.cancelled_for_fraud': '取消申报资格（弄虚作假）',
  'review.approve': '审查通过',
  'review.return': '退回修改',
  'review.reject': '不予通过',
  'review.material_checked': '核验材料与原件相符',
  'publicity.created': '登记单位公示',
  'publicity.objection': '登记公示异议',
  'blacklist.added': '列入黑名单',
  'blacklist.revoked': '移出黑名单',
  'archive_hosted.requested': '档案托管人员申请核实',
  'archive_hosted.verify': '档案托管人员：当地人社部门核实',
  'archive_hosted.list': '档案托管人员：市职称办汇总',
  'archive_hosted.decide': '档案托管人员：省职称办审批',
  'self_recognition.applied': '申请职称自主评审',
  'self_recognition.approved': '批准职称自主评审',
  'self_recognition.refused': '不予批准职称自主评审',
  'self_recognition.authorised': '授权职称自主评审',
  'approval.drafted': '起草批复',
  'approval.issued': '签发批复',
  'approval.discarded': '删除批复草稿',
  'certificate.revoked': '撤销证书',
  'year_end_report.saved': '保存年度报送',
  'year_end_report.submitted': '提交年度报送',
  'year_end_report.returned': '退回年度报送',
  'year_end_report.accepted': '接收年度报送',
};

export const targetTypeNames: Record<string, string> = {
  account: '账号',
  agency: '认定机构',
  application: '申报',
  approval: '批复',
  archive_hosted: '档案托管人员申请',
  batch: '受理批次',
  blacklist: '黑名单',
  certificate: '证书',
  organisation: '机构',
  personal_data: '个人信息（加密）',
  policy_document: '政策文件',
  policy_version: '政策版本',
  publicity: '单位公示',
  reference: '参考数据',
  schedule: '年度受理时间安排',
  series: '系列',
  self_recognition: '职称自主评审',
  social_insurance_import: '社保导入',
  upload: '上传文件',
  year_end_report: '年度报送',
};

/** The role the entry was recorded under: the account roles, and the two the system itself uses. */
export const actorRoleNames: Record<string, string> = {
  ...roleNames,
  login: '登录',
  system: '系统',
};

/** Field names of the before/after records. */
const fieldNames: Record<string, string> = {
  id: '编号',
  status: '状态',
  stage: '审查环节',
  revision: '修订号',
  version: '版本',
  comment: '意见',
  note: '说明',
  reason: '理由',
  reasons: '原因',
  field: '字段或材料',
  message: '内容',
  decision: '审查意见',
  workExperienceConfirmed: '已确认工作经历和业绩成果',
  material: '材料序号',
  title: '标题',
  endorsement: '签注',
  failures: '连续错误次数',
  username: '用户名',
  role: '角色',
  seat: '审查岗位',
  accountId: '账号编号',
  assignmentId: '角色编号',
  organisationId: '机构编号',
  organisation: '机构',
  personName: '姓名',
  name: '名称',
  code: '代码',
  kind: '类别',
  employerKind: '单位性质',
  ownership: '所有制',
  regionCode: '地区',
  parentId: '上级机构编号',
  supervisorId: '主管部门编号',
  phone: '电话',
  year: '年度',
  sourceYear: '复制自年度',
  batches: '批次',
  agencies: '认定机构',
  agency: '认定机构',
  agencyId: '认定机构编号',
  agencyCode: '认定机构代码',
  number: '编号',
  batchId: '批次编号',
  startsOn: '开始日期',
  endsOn: '截止日期',
  cutoffDate: '终算时间',
  opensOn: '受理开始',
  closesOn: '受理截止',
  effectiveFrom: '生效日期',
  effectiveOn: '取得资格时间',
  basedOn: '基于版本',
  policyVersion: '政策版本',
  seriesCode: '系列',
  specialtyCode: '专业',
  series: '系列',
  specialty: '专业',
  targetLevel: '申报层级',
  level: '级别',
  levels: '级别',
  levelNames: '各级资格名称',
  applicationIds: '申报编号',
  certificates: '证书编号',
  documentNumber: '发文字号',
  issuedOn: '成文日期',
  recipient: '主送机关',
  issuer: '发文机关',
  copyTo: '抄送',
  fileName: '文件名',
  fileSha256: '文件摘要',
  sha256: '文件摘要',
  size: '大小（字节）',
  mimeType: '文件类型',
  rows: '行数',
  inserted: '新增',
  updated: '更新',
  count: '条数',
  lockedUntil: '锁定至',
  idNumber: '身份证号',
  mobile: '手机号',
  education: '学历',
  fullTime: '全日制',
  school: '学校',
  major: '专业',
  graduationDate: '毕业日期',
  degree: '学位',
  chsiCode: '学信网验证码',
  qualifications: '资格/聘任',
  obtainedOn: '取得日期',
  appointedOn: '聘任日期',
  workHistory: '工作经历',
  unit: '单位',
  from: '起',
  to: '止',
  professional: '专业技术工作',
  duties: '工作内容',
  professionalWorkStart: '从事专业技术工作起始',
  majorRelated: '所学专业与从事专业相同相近',
  practiceLicences: '从业资格',
  commitmentSigned: '已签署个人承诺书',
  materials: '材料',
  category: '类别',
  uploadIds: '文件',
  filingStatus: '报备状态',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  issuedAt: '签发时间',
  revokedAt: '撤销时间',
  revokedReason: '撤销理由',
  cityComment: '市职称办意见',
  body: '正文',
  url: '链接',
  documentNo: '文号',
  publishedOn: '发布日期',
};

export function fieldName(key: string): string {
  return fieldNames[key] ?? key;
}

const valueNames: Record<string, Record<string, string>> = {
  status: {
    ...statusNames,
    ...yearEndStatusNames,
    requested: '已申请',
    verified: '已核实',
    listed: '已汇总',
    approved: '已批准',
    refused: '未通过',
    published: '已发布',
    cancelled: '已取消',
    issued: '已签发',
    valid: '有效',
    revoked: '已撤销',
    open: '受理中',
  },
  stage: stageNames,
  decision: { ...decisionNames, cancel: '取消资格' },
  targetLevel: levelNames,
  // 级别 of an application, or 学历 of an education entry (the codes do not overlap).
  level: { ...levelNames, ...educationNames },
  levels: levelNames,
  role: actorRoleNames,
  seat: { handler: '经办人审查', leader: '领导审查' },
  kind: { ...orgKindNames },
  employerKind: employerKindNames,
  ownership: { state: '国有', nonState: '非国有' },
  filingStatus: filingStatusNames,
  category: materialCategoryNames,
};

/**
 * A value as a person reads it: booleans as 是/否, codes of known enumerations by their Chinese
 * names, series and specialty codes by their catalogue names.
 */
export function valueText(key: string, value: unknown, catalogue: CatalogueNames | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value !== 'string') return String(value);
  if (key === 'seriesCode' || key === 'series') {
    return catalogue?.find((s) => s.code === value)?.name ?? value;
  }
  if (key === 'specialtyCode' || key === 'specialty') {
    for (const s of catalogue ?? []) {
      const sp = s.specialties.find((x) => x.code === value);
      if (sp) return sp.name;
    }
    return value;
  }
  return valueNames[key]?.[value] ?? value;
}

export function labelOf(map: Record<string, string>, code: string | null): string {
  if (!code) return '—';
  return map[code] ?? code;
}

export function optionsOf(map: Record<string, string>) {
  return Object.entries(map).map(([value, name]) => ({ value, label: name }));
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A recorded before/after value as plain text for the Excel export — the same reading as the page:
 * objects as "字段：值" lines (nested ones indented), lists numbered, codes named, instants in the
 * office's time zone.
 */
export function readableText(
  value: unknown,
  catalogue: CatalogueNames | undefined,
  instant: (iso: string) => string,
  name = '',
  indent = '',
): string {
  if (value === null || value === undefined) return '无';
  if (Array.isArray(value)) {
    if (value.length === 0) return '无';
    if (value.every((v) => v === null || typeof v !== 'object'))
      return value.map((v) => valueText(name, v, catalogue)).join('、');
    return value
      .map(
        (v, i) =>
          `${indent}${i + 1}. ${readableText(v, catalogue, instant, name, indent + '   ').trimStart()}`,
      )
      .join('\n');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '无';
    return entries
      .map(([k, v]) => {
        const nested =
          v !== null && typeof v === 'object' && !(Array.isArray(v) && v.every((x) => typeof x !== 'object'));
        return nested
          ? `${indent}${fieldName(k)}：\n${readableText(v, catalogue, instant, k, indent + '  ')}`
          : `${indent}${fieldName(k)}：${readableText(v, catalogue, instant, k, indent)}`;
      })
      .join('\n');
  }
  if (typeof value === 'string' && INSTANT.test(value)) return instant(value);
  return valueText(name, value, catalogue);
}
