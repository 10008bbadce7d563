import { describe, expect, it } from 'vitest';
import {
  completeEducations,
  employerFacts,
  recordsAfterCutoff,
} from '../../../../src/domain/eligibility/application-facts.js';

describe('from the form to the facts (issue 11)', () => {
  it('every complete education goes to the engine, with its place in the form', () => {
    const got = completeEducations([
      {
        level: 'bachelor',
        fullTime: true,
        school: '赣南师范大学',
        major: '土木工程',
        graduationDate: '2015-07-01',
      },
      { level: null, fullTime: true, school: '', major: '', graduationDate: null },
      {
        level: 'master',
        fullTime: false,
        school: '江西理工大学',
        major: '工程管理',
        graduationDate: '2025-01-10',
      },
    ]);
    expect(got.map((e) => [e.formIndex, e.fact.level])).toEqual([
      [0, 'bachelor'],
      [2, 'master'],
    ]);
  });

  it('三、（六）: a person hosted by a personnel agency is judged by the real employer, never assumed state-owned', () => {
    const agency = {
      kind: 'personnel_agency',
      name: '章贡区人才服务中心',
      ownership: null,
      employerKind: null,
    };
    expect(employerFacts(agency, null)).toEqual({
      name: '章贡区人才服务中心',
      ownership: null,
      kind: 'other',
    });
    expect(
      employerFacts(agency, { name: '赣州某科技有限公司', ownership: 'nonState', kind: 'enterprise' }),
    ).toEqual({ name: '章贡区人才服务中心', ownership: 'nonState', kind: 'enterprise' });
    const employer = {
      kind: 'employer',
      name: '赣州建工',
      ownership: 'state' as const,
      employerKind: 'enterprise' as const,
    };
    expect(employerFacts(employer, null)).toEqual({
      name: '赣州建工',
      ownership: 'state',
      kind: 'enterprise',
    });
  });

  it('三、（七）: qualifications and appointments after the cutoff are named with the date and the cutoff', () => {
    const problems = recordsAfterCutoff(
      [
        { name: '助理工程师', obtainedOn: '2025-12-01', appointedOn: '2026-07-15' },
        { name: '教师资格', obtainedOn: '2026-06-30', appointedOn: null },
      ],
      '2026-06-30',
    );
    expect(problems).toEqual([
      {
        field: 'qualifications.0.appointedOn',
        message:
          '第 1 条资格/聘任“助理工程师”的聘任时间 2026-07-15 晚于本批次终算时间 2026-06-30，按通知三、（七）资格、聘任时间计算至终算时间，不计入；请删除该项或改报终算时间更晚的批次',
      },
    ]);
  });
});
