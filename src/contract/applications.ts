import { z } from 'zod';
import { DateString, EducationLevel, EmployerKind, LevelCode, Ownership } from './common.js';
import { ApplicantPost, EligibilityResult } from './eligibility.js';
import { applicationStatuses, reviewStages, statusNames } from '../domain/review/review-chain.js';

export const materialCategories = [
  'idCard',
  'education',
  'degree',
  'qualification',
  'practiceLicence',
  'other',
] as const;
export const MaterialCategory = z.enum(materialCategories);
export const materialCategoryNames: Record<(typeof materialCategories)[number], string> = {
  idCard: '身份证',
  education: '学历',
  degree: '学位',
  qualification: '资格/聘任',
  practiceLicence: '从业资格',
  other: '其他',
};
/** Under 其他: the affiliation proof stamped by both units (三、（四）), evidence of earlier work (四、（三）). */
export const MaterialPurpose = z.enum(['affiliationProof', 'priorWork', 'general']);

const Text = (max: number) => z.string().trim().max(max);

/** 业绩成果 (四、（五））: what the unit and the supervising department check besides work experience. */
export const achievementTypes = [
  'paper',
  'book',
  'project',
  'award',
  'patent',
  'standard',
  'teaching',
  'other',
] as const;
export const AchievementType = z.enum(achievementTypes);
export const achievementTypeNames: Record<(typeof achievementTypes)[number], string> = {
  paper: '论文',
  book: '著作/教材',
  project: '科研项目/课题',
  award: '获奖/荣誉',
  patent: '专利',
  standard: '标准/规范',
  teaching: '教学/业务成果',
  other: '其他',
};

/** The applicant's working copy; lenient so that a half-filled form still saves (drafts autosave). */
export const ApplicationForm = z.object({
  seriesCode: Text(40).nullable().default(null),
  specialtyCode: Text(40).nullable().default(null),
  education: z
    .array(
      // Parts may be missing while the person types: a half-filled entry is saved too, and
      // submission names what is incomplete.
      z.object({
        level: EducationLevel.nullable().default(null),
        fullTime: z.boolean(),
        school: Text(100),
        major: Text(100),
        graduationDate: DateString.nullable().default(null),
        degree: Text(50).nullable().default(null),
        chsiCode: Text(50).nullable().default(null).meta({ description: '学信网在线验证码' }),
      }),
    )
    .max(10)
    .default([]),
  qualifications: z
    .array(
      z.object({
        name: Text(100),
        obtainedOn: DateString.nullable().default(null),
        appointedOn: DateString.nullable().default(null),
      }),
    )
    .max(20)
    .default([]),
  workHistory: z
    .array(
      z.object({
        unit: Text(100),
        from: DateString.nullable().default(null),
        to: DateString.nullable().default(null),
        professional: z.boolean(),
        duties: Text(200).default(''),
      }),
    )
    .max(30)
    .default([]),
  professionalWorkStart: DateString.nullable().default(null),
  majorRelated: z.boolean().nullable().default(null),
  practiceLicences: z.array(Text(50)).max(20).default([]),
  post: ApplicantPost.nullable().default(null).meta({
    description:
      '岗位：教师岗 / 其他专业技术岗（三、（三）只限制职业高中、职业教育教研机构的教师）；未填按教师岗判断',
  }),
  actualEmployer: z
    .object({
      name: Text(100).default(''),
      ownership: Ownership.nullable().default(null),
      kind: EmployerKind.nullable().default(null),
    })
    .nullable()
    .default(null)
    .meta({
      description:
        '人事代理机构托管人员的实际工作单位（名称、所有制性质、单位类型）：三、（六）按其判断是否属于非国有企业',
    }),
  achievements: z
    .array(
      // Saved as typed; submission asks for the type, name, date and at least one page of evidence.
      z.object({
        type: AchievementType.nullable().default(null),
        title: Text(100).default(''),
        achievedOn: DateString.nullable().default(null).meta({ description: '取得/发表/获奖时间' }),
        description: Text(500).default(''),
        uploadIds: z.array(z.number().int().positive()).max(20).default([]),
      }),
    )
    .max(30)
    .default([]),
  socialInsuranceConfirmed: z.boolean().default(false).meta({ description: '勾选“个人社保参保缴费证明”' }),
  commitmentSigned: z.boolean().default(false).meta({ description: '个人承诺书' }),
  materials: z
    .array(
      z.object({
        category: MaterialCategory,
        purpose: MaterialPurpose.default('general'),
        title: Text(100),
        uploadIds: z.array(z.number().int().positive()).min(1).max(20),
      }),
    )
    .max(50)
    .default([]),
});
export type ApplicationForm = z.infer<typeof ApplicationForm>;

export const CreateApplicationBody = z.object({
  batchId: z.number().int().positive(),
  targetLevel: LevelCode,
  /** A unit clerk creating it on behalf of one of its applicants (recorded as such). */
  applicantAccountId: z.number().int().positive().optional(),
});

export const ApplicationStatus = z.enum(applicationStatuses);
export const applicationStatusNames = statusNames;
export const ReviewStage = z.enum(reviewStages);

export const ApplicationSummary = z.object({
  id: z.number(),
  number: z.string().nullable(),
  status: ApplicationStatus,
  /** The review stage holding it while status is 'submitted'. */
  stage: ReviewStage.nullable(),
  applicantName: z.string(),
  employerName: z.string(),
  agencyName: z.string(),
  batchName: z.string(),
  year: z.number(),
  targetLevel: LevelCode,
  version: z.number(),
  createdOnBehalf: z.boolean(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

/** 我的申报 and 申报管理: filtered and paged on the server (a unit has hundreds over the years). */
export const ApplicationListQuery = z.object({
  mine: z
    .stringbool()
    .optional()
    .meta({ description: "only the viewer's own applications, not those of the units in their data scope" }),
  status: ApplicationStatus.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().max(50).optional().meta({ description: 'applicant name or application number' }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;
export const ApplicationPage = z.object({ total: z.number(), items: z.array(ApplicationSummary) });
export type ApplicationPage = z.infer<typeof ApplicationPage>;

export const ApplicationDetail = ApplicationSummary.extend({
  form: ApplicationForm,
  window: z.object({
    opens: DateString,
    closes: DateString,
    cutoffDate: DateString,
    status: z.enum(['upcoming', 'open', 'closed']),
  }),
  socialInsurance: z
    .object({ insuredUnitName: z.string(), months: z.number(), matchesEmployer: z.boolean() })
    .nullable(),
  versions: z.array(z.object({ version: z.number(), submittedAt: z.string(), policyCode: z.string() })),
  /** Where it is now, who holds it and since when (the progress view). */
  progress: z.object({ stage: z.string(), holder: z.string().nullable(), since: z.string() }),
  /** Whether the viewer is the applicant themself (the clerk's view differs). */
  viewerIsApplicant: z.boolean(),
  canWithdraw: z.boolean(),
  /** The review steps so far, oldest first (all rounds). */
  reviews: z.array(
    z.object({
      id: z.number(),
      organisationId: z.number(),
      version: z.number(),
      stage: z.string(),
      stageName: z.string(),
      decision: z.enum(['approve', 'return', 'reject', 'cancel']),
      organisationName: z.string(),
      reviewerName: z.string(),
      comment: z.string(),
      reasons: z.array(z.object({ field: z.string(), message: z.string() })),
      at: z.string(),
    }),
  ),
  /** When returned for correction: the reasons to address, per field or material. */
  returnReasons: z.array(z.object({ field: z.string(), message: z.string() })),
  /** The archive-hosted path (三、（四））, when it applies to this applicant. */
  archiveHosted: z
    .object({ required: z.boolean(), status: z.string().nullable(), statusName: z.string() })
    .nullable(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

/** What a draft save answers: what was stored and when (not the whole application read back). */
export const SavedForm = z.object({ id: z.number(), updatedAt: z.string(), form: ApplicationForm });
export type SavedForm = z.infer<typeof SavedForm>;

export const SubmissionProblem = z.object({ field: z.string(), message: z.string() });
export const PrecheckResult = z.object({
  eligibility: EligibilityResult,
  educationUsed: z
    .object({
      index: z.number().int(),
      level: EducationLevel,
      fullTime: z.boolean(),
      graduationDate: DateString,
      school: z.string(),
      major: z.string(),
    })
    .nullable()
    .meta({ description: '认定所依据的学历（form.education 中的第几条，从 0 起）；null：没有可计入的学历' }),
  problems: z.array(SubmissionProblem).meta({ description: 'what blocks submission besides the rules' }),
  canSubmit: z.boolean(),
});
export type PrecheckResult = z.infer<typeof PrecheckResult>;

export const RoutingQuery = z.object({
  targetLevel: LevelCode,
  applicantAccountId: z.coerce.number().int().positive().optional(),
});
export const Routing = z.object({
  agency: z.object({ code: z.string(), name: z.string(), phone: z.string() }),
  batches: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      year: z.number(),
      opens: DateString,
      closes: DateString,
      cutoffDate: DateString,
      status: z.enum(['upcoming', 'open', 'closed']),
    }),
  ),
});
export type Routing = z.infer<typeof Routing>;
