/**
 * From an application form to the eligibility engine's facts: every education entered, the employer
 * whose ownership counts (the real one for a person hosted by a personnel agency), and the
 * qualifications and appointments dated after the batch's cutoff (三、（七））. Pure, no I/O.
 */
import type { EducationLevel, EmployerKind, Ownership } from '../../contract/common.js';
import type { EducationFact } from './policy-types.js';

export interface FormEducation {
  level: EducationLevel | null;
  fullTime: boolean;
  school: string;
  major: string;
  graduationDate: string | null;
}

/** The educations complete enough to judge (level and graduation date), with their place in the form. */
export function completeEducations(
  education: readonly FormEducation[],
): { formIndex: number; fact: EducationFact }[] {
  return education.flatMap((e, formIndex) =>
    e.level && e.graduationDate
      ? [
          {
            formIndex,
            fact: {
              level: e.level,
              fullTime: e.fullTime,
              graduationDate: e.graduationDate,
              major: e.major,
              school: e.school,
            },
          },
        ]
      : [],
  );
}

export interface EmployerOrganisation {
  kind: string;
  name: string;
  ownership: Ownership | null;
  employerKind: EmployerKind | null;
}

export interface ActualEmployer {
  name: string;
  ownership: Ownership | null;
  kind: EmployerKind | null;
}

/**
 * The employer the rules read. A personnel agency (人事代理机构) hosts the person's file but does not
 * employ them: 三、（六）is judged by the real employer the form names — never assumed state-owned; its
 * ownership stays null (unknown) until stated. For an ordinary employer, its own record.
 */
export function employerFacts(
  org: EmployerOrganisation,
  actual: ActualEmployer | null,
): { name: string; ownership: Ownership | null; kind: EmployerKind } {
  if (org.kind === 'personnel_agency') {
    return {
      // Social insurance is compared with the unit the person applies through (三、（四））.
      name: org.name,
      ownership: actual?.ownership ?? null,
      kind: actual?.kind ?? 'other',
    };
  }
  return { name: org.name, ownership: org.ownership, kind: org.employerKind ?? 'other' };
}

export interface FormQualification {
  name: string;
  obtainedOn: string | null;
  appointedOn: string | null;
}

/**
 * 三、（七）: qualifications (资格) and appointments (聘任) count to the batch's cutoff. Each one dated
 * after it is named, with the date and the cutoff, so the applicant removes it or applies in a later batch.
 */
export function recordsAfterCutoff(
  qualifications: readonly FormQualification[],
  cutoffDate: string,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  qualifications.forEach((q, i) => {
    const what = `第 ${i + 1} 条资格/聘任${q.name ? `“${q.name}”` : ''}`;
    for (const [key, label] of [
      ['obtainedOn', '取得时间'],
      ['appointedOn', '聘任时间'],
    ] as const) {
      const d = q[key];
      if (d && d > cutoffDate)
        problems.push({
          field: `qualifications.${i}.${key}`,
          message: `${what}的${label} ${d} 晚于本批次终算时间 ${cutoffDate}，按通知三、（七）资格、聘任时间计算至终算时间，不计入；请删除该项或改报终算时间更晚的批次`,
        });
    }
  });
  return problems;
}
