/** The antd form's values of an application, and their conversion to and from the contract's form. */
import dayjs, { type Dayjs } from 'dayjs';
import type { ApplicationForm, Material } from '../../../api/applications';
import type { EducationLevel } from '../../../api/types';

export interface EducationValues {
  level?: EducationLevel;
  fullTime?: boolean;
  school?: string;
  major?: string;
  graduationDate?: Dayjs | null;
  degree?: string;
  chsiCode?: string;
}

export interface QualificationValues {
  name?: string;
  obtainedOn?: Dayjs | null;
  appointedOn?: Dayjs | null;
}

export interface WorkValues {
  unit?: string;
  from?: Dayjs | null;
  to?: Dayjs | null;
  professional?: boolean;
  duties?: string;
}

/** 业绩成果: the evidence pages are uploaded in the entry itself (upload ids). */
export interface AchievementValues {
  type?: ApplicationForm['achievements'][number]['type'];
  title?: string;
  achievedOn?: Dayjs | null;
  description?: string;
  uploadIds?: number[];
}

export interface FormValues {
  seriesCode?: string | null;
  specialtyCode?: string | null;
  education?: EducationValues[];
  qualifications?: QualificationValues[];
  workHistory?: WorkValues[];
  professionalWorkStart?: Dayjs | null;
  majorRelated?: boolean | null;
  practiceLicences?: string[];
  achievements?: AchievementValues[];
  /** 岗位 (三、（三））: 教师岗 / 其他专业技术岗; unset is judged as a teacher. */
  post?: ApplicationForm['post'];
  /** 人事代理机构托管人员的实际工作单位 (三、（六））. */
  actualEmployer?: {
    name?: string;
    ownership?: NonNullable<ApplicationForm['actualEmployer']>['ownership'];
    kind?: NonNullable<ApplicationForm['actualEmployer']>['kind'];
  } | null;
  socialInsuranceConfirmed?: boolean;
  commitmentSigned?: boolean;
}

const ymd = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const text = (s: string | undefined | null) => (s ?? '').trim();
const orNull = (s: string | undefined | null) => text(s) || null;

export function toFormValues(form: ApplicationForm): FormValues {
  return {
    seriesCode: form.seriesCode,
    specialtyCode: form.specialtyCode,
    education: form.education.map((e) => ({
      level: e.level ?? undefined,
      fullTime: e.fullTime,
      school: e.school,
      major: e.major,
      graduationDate: day(e.graduationDate),
      degree: e.degree ?? '',
      chsiCode: e.chsiCode ?? '',
    })),
    qualifications: form.qualifications.map((q) => ({
      name: q.name,
      obtainedOn: day(q.obtainedOn),
      appointedOn: day(q.appointedOn),
    })),
    workHistory: form.workHistory.map((w) => ({
      unit: w.unit,
      from: day(w.from),
      to: day(w.to),
      professional: w.professional,
      duties: w.duties,
    })),
    professionalWorkStart: day(form.professionalWorkStart),
    majorRelated: form.majorRelated,
    practiceLicences: form.practiceLicences,
    achievements: (form.achievements ?? []).map((a) => ({
      type: a.type,
      title: a.title,
      achievedOn: day(a.achievedOn),
      description: a.description,
      uploadIds: a.uploadIds,
    })),
    post: form.post ?? null,
    actualEmployer: form.actualEmployer ?? null,
    socialInsuranceConfirmed: form.socialInsuranceConfirmed,
    commitmentSigned: form.commitmentSigned,
  };
}

/**
 * The contract's form from the antd values. Every entry is saved as typed, complete or not (the server
 * keeps half-filled entries, so a closed browser loses nothing; submission names what is incomplete).
 */
export function fromFormValues(v: FormValues, materials: Material[]): ApplicationForm {
  return {
    seriesCode: v.seriesCode ?? null,
    specialtyCode: v.specialtyCode ?? null,
    education: (v.education ?? []).map((e) => ({
      level: e?.level ?? null,
      fullTime: e?.fullTime ?? true,
      school: text(e?.school),
      major: text(e?.major),
      graduationDate: ymd(e?.graduationDate),
      degree: orNull(e?.degree),
      chsiCode: orNull(e?.chsiCode),
    })),
    qualifications: (v.qualifications ?? []).map((q) => ({
      name: text(q?.name),
      obtainedOn: ymd(q?.obtainedOn),
      appointedOn: ymd(q?.appointedOn),
    })),
    workHistory: (v.workHistory ?? []).map((w) => ({
      unit: text(w?.unit),
      from: ymd(w?.from),
      to: ymd(w?.to),
      professional: w?.professional ?? true,
      duties: text(w?.duties),
    })),
    professionalWorkStart: ymd(v.professionalWorkStart),
    majorRelated: v.majorRelated ?? null,
    practiceLicences: (v.practiceLicences ?? []).map((l) => l.trim()).filter(Boolean),
    achievements: (v.achievements ?? []).map((a) => ({
      type: a?.type ?? null,
      title: text(a?.title),
      achievedOn: ymd(a?.achievedOn),
      description: text(a?.description),
      uploadIds: a?.uploadIds ?? [],
    })),
    post: v.post ?? null,
    actualEmployer:
      v.actualEmployer && (text(v.actualEmployer.name) || v.actualEmployer.ownership || v.actualEmployer.kind)
        ? {
            name: text(v.actualEmployer.name),
            ownership: v.actualEmployer.ownership ?? null,
            kind: v.actualEmployer.kind ?? null,
          }
        : null,
    socialInsuranceConfirmed: v.socialInsuranceConfirmed ?? false,
    commitmentSigned: v.commitmentSigned ?? false,
    materials: materials.filter((m) => m.uploadIds.length > 0),
  };
}
