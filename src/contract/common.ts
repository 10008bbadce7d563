/** Schemas shared by the server (validation + OpenAPI) and the web (types). */
import { z } from 'zod';

export const levelCodes = ['junior', 'assistant', 'intermediate'] as const;
export const LevelCode = z.enum(levelCodes);
export type LevelCode = z.infer<typeof LevelCode>;
export const levelNames: Record<LevelCode, string> = {
  junior: '员级',
  assistant: '助理级',
  intermediate: '中级',
};

export const educationLevels = [
  'secondary',
  'associate',
  'bachelor',
  'secondBachelor',
  'postgradClass',
  'master',
  'doctor',
] as const;
export const EducationLevel = z.enum(educationLevels);
export type EducationLevel = z.infer<typeof EducationLevel>;
export const educationNames: Record<EducationLevel, string> = {
  secondary: '中专',
  associate: '大专',
  bachelor: '本科',
  secondBachelor: '第二学士学位',
  postgradClass: '研究生班',
  master: '硕士研究生',
  doctor: '博士研究生',
};

export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  // A date in the current year, so the API docs never show a stale one.
  .meta({ example: `${new Date().getFullYear()}-06-30` });
export const Instant = z.string().meta({ description: 'ISO 8601 instant with offset' });

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdParam = z.object({ id: z.coerce.number().int().positive() });

export const Ok = z.object({ ok: z.literal(true) });

/**
 * For a partial update (PATCH, or a PUT whose fields are all optional): the body must change at least one
 * field. An empty body, or one whose fields are all unknown (zod drops them), is a 400 saying so — not an
 * UPDATE with nothing to set.
 */
export const changesSomething = (body: object) => Object.values(body).some((v) => v !== undefined);
export const NOTHING_TO_CHANGE = '请至少填写一项要修改的内容';

export const roleCodes = [
  'system_admin',
  'province_office',
  'city_office',
  'handler',
  'leader',
  'applicant',
] as const;
export const RoleCode = z.enum(roleCodes);
export type RoleCode = z.infer<typeof RoleCode>;
export const roleNames: Record<RoleCode, string> = {
  system_admin: '系统管理员',
  province_office: '省职称办',
  city_office: '市职称办',
  handler: '经办人审查',
  leader: '领导审查',
  applicant: '申报人员',
};

export const orgKinds = [
  'hr_bureau',
  'supervisor',
  'employer',
  'personnel_agency',
  'self_recognition_unit',
] as const;
export const OrgKind = z.enum(orgKinds);
export type OrgKind = z.infer<typeof OrgKind>;
export const orgKindNames: Record<OrgKind, string> = {
  hr_bureau: '人社部门/职称办',
  supervisor: '主管部门',
  employer: '用人单位',
  personnel_agency: '人事代理机构',
  self_recognition_unit: '自主评审单位',
};

export const Ownership = z.enum(['state', 'nonState']);
export type Ownership = z.infer<typeof Ownership>;
export const EmployerKind = z.enum([
  'enterprise',
  'publicInstitution',
  'vocationalSchool',
  'vocationalResearch',
  'school',
  'other',
]);
export type EmployerKind = z.infer<typeof EmployerKind>;
export const employerKindNames: Record<EmployerKind, string> = {
  enterprise: '企业',
  publicInstitution: '事业单位',
  vocationalSchool: '职业高中/中等职业学校',
  vocationalResearch: '职业教育教研机构',
  school: '中小学校',
  other: '其他',
};

/** A chinese mobile number: 11 digits starting with 1. */
export const Mobile = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, '手机号码应为以1开头的11位数字');
export const PersonName = z
  .string()
  .trim()
  .min(2, '姓名至少2个字')
  .max(30, '姓名过长')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母、间隔号');
export const IdNumberInput = z.string().trim().min(1, '请填写身份证号码');
export const Password = z
  .string()
  .min(8, '密码至少8位')
  .max(64, '密码最长64位')
  .regex(/[A-Za-z]/, '密码须包含字母')
  .regex(/\d/, '密码须包含数字');
