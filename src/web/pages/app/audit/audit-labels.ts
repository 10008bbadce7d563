/** Chinese names of the audit actions and target types the server records (raw code as fallback). */
export const actionNames: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.login_failed': '登录失败',
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
  'batch.updated': '修改受理批次',
  'batch.added': '新增受理批次',
  'batch.cancelled': '取消受理批次',
  'schedule.created': '创建年度受理时间安排',
  'schedule.published': '发布年度受理时间安排',
  'schedule.discarded': '删除受理时间安排草稿',
  'series.created': '新增系列',
  'series.updated': '修改系列',
  'specialty.created': '新增专业',
  'policy_document.created': '新增政策文件',
  'policy_document.updated': '修改政策文件',
  'social_insurance.imported': '导入社保参保信息',
  'reference.loaded': '载入参考数据',
  'approval.drafted': '起草批复',
  'approval.issued': '签发批复',
  'approval.discarded': '删除批复草稿',
  'certificate.revoked': '撤销证书',
  'year_end_report.saved': '保存年度报送',
  'year_end_report.submitted': '提交年度报送',
  'year_end_report.returned': '退回年度报送',
  'year_end_report.accepted': '接收年度报送',
  'agency.document_settings': '设置发文字号',
};

export const targetTypeNames: Record<string, string> = {
  account: '账号',
  agency: '认定机构',
  approval: '批复',
  batch: '受理批次',
  organisation: '机构',
  policy_document: '政策文件',
  certificate: '证书',
  year_end_report: '年度报送',
  reference: '参考数据',
  schedule: '年度受理时间安排',
  series: '系列',
  social_insurance_import: '社保导入',
};

export function labelOf(map: Record<string, string>, code: string | null): string {
  if (!code) return '—';
  return map[code] ?? code;
}

export function optionsOf(map: Record<string, string>) {
  return Object.entries(map).map(([value, name]) => ({ value, label: `${name}（${value}）` }));
}
