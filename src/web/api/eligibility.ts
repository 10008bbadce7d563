/**
 * 申报条件自测 (POST /eligibility/check), typed from the shared contract (src/contract/eligibility.ts).
 */
import type { z } from 'zod';
import type {
  EligibilityCheckBody as EligibilityCheckBodySchema,
  EligibilityResult as EligibilityResultSchema,
  RuleCheck as RuleCheckSchema,
} from '../../contract/eligibility';

/** What the form sends (defaults such as practiceLicences = [] may be left out). */
export type EligibilityCheckBody = z.input<typeof EligibilityCheckBodySchema>;
export type EligibilityResult = z.infer<typeof EligibilityResultSchema>;
export type EligibilityCheck = z.infer<typeof RuleCheckSchema>;

export type EligibilityRule =
  | 'min-education'
  | 'full-time'
  | 'education-years'
  | 'vocational-teacher'
  | 'practice-licence'
  | 'exam-based'
  | 'non-state-engineering'
  | 'social-insurance'
  | 'blacklist';

export const ruleNames: Record<EligibilityRule, string> = {
  'min-education': '最低学历要求',
  'full-time': '全日制学历',
  'education-years': '学历与专业技术工作年限',
  'vocational-teacher': '职业学校教师适用系列',
  'practice-licence': '从业资格（准入）',
  'exam-based': '以考代评',
  'non-state-engineering': '非国有企业工程系列',
  'social-insurance': '社保参保',
  blacklist: '黑名单',
};
