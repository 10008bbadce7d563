import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EDUCATION_YEARS,
  defaultPolicyParameters,
  validatePolicyParameters,
  withParameterDefaults,
} from '../../../../src/domain/eligibility/default-policy.js';
import type { PolicyParameters } from '../../../../src/domain/eligibility/policy-types.js';
import { catalogue } from './test-fixtures.js';

const fresh = () => defaultPolicyParameters(catalogue);

describe('defaultPolicyParameters', () => {
  it("ships the SPEC §4.2 table and the notice's constants", () => {
    const p = fresh();
    expect(p.educationYears).toEqual([
      { education: 'secondary', level: 'junior', years: 1 },
      { education: 'associate', level: 'junior', years: 1 },
      { education: 'associate', level: 'assistant', years: 3 },
      { education: 'bachelor', level: 'assistant', years: 1 },
      { education: 'master', level: 'assistant', years: 0 },
      { education: 'secondBachelor', level: 'assistant', years: 0 },
      { education: 'postgradClass', level: 'assistant', years: 0 },
      { education: 'master', level: 'intermediate', years: 3 },
      { education: 'doctor', level: 'intermediate', years: 0 },
    ]);
    expect(p).toMatchObject({
      mismatchExtraYears: 1,
      // 7: the notice is silent on 全日制, so the default names no source and does not require it.
      fullTimeRequired: false,
      fullTimeSource: null,
      vocationalTeacherSeries: 'vocationalTeacher',
      vocationalEmployerKinds: ['vocationalSchool', 'vocationalResearch'],
      nonStateExcludedSeries: ['engineering'],
      publicityWorkingDays: 5,
      blacklistYears: 3,
      basisDocumentNumber: null,
    });
  });

  it('names the basis 文号 only when the reference data gives one', () => {
    expect(defaultPolicyParameters(catalogue, '某人社字〔2030〕1号').basisDocumentNumber).toBe(
      '某人社字〔2030〕1号',
    );
  });

  it('takes every series from the catalogue, with only the levels it names', () => {
    const p = fresh();
    expect(Object.keys(p.series)).toEqual(catalogue.map((s) => s.code));
    expect(p.series.universityTeacher).toEqual({
      minEducation: 'bachelor',
      examBased: false,
      practiceLicence: '高等学校教师资格',
      levels: ['assistant', 'intermediate'],
    });
    expect(p.series.engineering!.levels).toEqual(['junior', 'assistant', 'intermediate']);
    expect(p.series.accounting!.examBased).toBe(true);
  });

  it('gives each version its own copy of the table', () => {
    const p = fresh();
    p.educationYears[0]!.years = 9;
    expect(DEFAULT_EDUCATION_YEARS[0]!.years).toBe(1);
    expect(fresh().educationYears[0]!.years).toBe(1);
  });
});

describe('withParameterDefaults', () => {
  it('reads a version saved before the new fields existed with the values that applied then', () => {
    const { publicityWorkingDays: _p, blacklistYears: _b, basisDocumentNumber: _d, ...old } = fresh();
    expect(withParameterDefaults(old)).toEqual(fresh());
  });

  it('a version saved before the source was a parameter keeps the source its full-time rule cited', () => {
    const { fullTimeSource: _s, ...old } = { ...fresh(), fullTimeRequired: true };
    expect(withParameterDefaults(old).fullTimeSource).toBe(
      '《江西省职称考核认定办法》（赣人社规〔2025〕3号）',
    );
    const { fullTimeSource: _t, ...off } = fresh();
    expect(withParameterDefaults(off).fullTimeSource).toBeNull();
  });

  it('keeps the values a version sets', () => {
    const p = { ...fresh(), publicityWorkingDays: 7, blacklistYears: 2, basisDocumentNumber: 'X号' };
    expect(withParameterDefaults(p)).toEqual(p);
  });

  it('leaves a non-object for validatePolicyParameters to reject', () => {
    expect(validatePolicyParameters(withParameterDefaults(null))).toContain('系列目录不能为空');
  });
});

describe('validatePolicyParameters', () => {
  it('finds nothing wrong with the default', () => {
    expect(validatePolicyParameters(fresh())).toEqual([]);
  });

  // prettier-ignore
  const broken: [string, (p: PolicyParameters) => void, RegExp][] = [
    ['negative years', (p) => { p.educationYears[0]!.years = -1; }, /第 1 行的年限须为不小于 0 的整数/],
    ['fractional years', (p) => { p.educationYears[1]!.years = 1.5; }, /第 2 行的年限/],
    ['unknown education in a row', (p) => { (p.educationYears[0] as { education: string }).education = 'college'; }, /第 1 行的学历“college”无效/],
    ['unknown level in a row', (p) => { (p.educationYears[0] as { level: string }).level = 'senior'; }, /第 1 行的层级“senior”无效/],
    ['a row that is not an object', (p) => { (p.educationYears as unknown[]).push(null); }, /第 10 行格式不正确/],
    ['duplicate rows', (p) => { p.educationYears.push({ education: 'bachelor', level: 'assistant', years: 2 }); }, /第 10 行与前面的行重复/],
    ['empty table', (p) => { p.educationYears = []; }, /对应表不能为空/],
    ['negative mismatch extension', (p) => { p.mismatchExtraYears = -1; }, /专业不相近延长年限/],
    ['full-time required without naming its source', (p) => { p.fullTimeRequired = true; }, /要求全日制学历时须写明依据文件/],
    ['fullTimeRequired not a boolean', (p) => { (p as { fullTimeRequired: unknown }).fullTimeRequired = 'yes'; }, /全日制/],
    ['vocational series missing from the catalogue', (p) => { p.vocationalTeacherSeries = 'vocTeacher'; }, /“vocTeacher”不在系列目录中/],
    ['vocational series empty', (p) => { p.vocationalTeacherSeries = ' '; }, /须指定职业学校教师适用的系列/],
    ['unknown employer kind', (p) => { (p.vocationalEmployerKinds as string[]).push('college'); }, /单位类型“college”无效/],
    ['employer kinds not a list', (p) => { (p as { vocationalEmployerKinds: unknown }).vocationalEmployerKinds = 'vocationalSchool'; }, /单位类型须为列表/],
    ['excluded series unknown', (p) => { p.nonStateExcludedSeries = ['enginering']; }, /“enginering”不在系列目录中/],
    ['excluded series not a list', (p) => { (p as { nonStateExcludedSeries: unknown }).nonStateExcludedSeries = null; }, /须为列表/],
    ['empty catalogue', (p) => { p.series = {}; }, /系列目录不能为空/],
    ['series not an object', (p) => { (p.series as Record<string, unknown>).x = 1; }, /系列“x”的参数格式不正确/],
    ['unknown minimum education', (p) => { (p.series.engineering as { minEducation: string }).minEducation = 'college'; }, /系列“engineering”的最低学历“college”/],
    ['examBased missing', (p) => { delete (p.series.engineering as { examBased?: boolean }).examBased; }, /以考代评/],
    ['blank practice licence', (p) => { p.series.engineering!.practiceLicence = ' '; }, /从业资格/],
    ['no levels', (p) => { p.series.engineering!.levels = []; }, /至少应设一个层级/],
    ['unknown level', (p) => { (p.series.engineering!.levels as string[]).push('senior'); }, /层级“senior”无效/],
    ['duplicate level', (p) => { p.series.engineering!.levels.push('junior'); }, /层级有重复/],
    ['publicity shorter than a day', (p) => { p.publicityWorkingDays = 0; }, /公示期须为 1 至 30/],
    ['publicity too long', (p) => { p.publicityWorkingDays = 31; }, /公示期须为 1 至 30/],
    ['publicity not an integer', (p) => { p.publicityWorkingDays = 5.5; }, /公示期/],
    ['blacklist years zero', (p) => { p.blacklistYears = 0; }, /黑名单的默认年限须为 1 至 10/],
    ['blacklist years too many', (p) => { p.blacklistYears = 11; }, /黑名单的默认年限/],
    ['blacklist years missing', (p) => { delete (p as { blacklistYears?: number }).blacklistYears; }, /黑名单的默认年限/],
    ['blank basis 文号', (p) => { p.basisDocumentNumber = ' '; }, /依据文件文号/],
    ['basis 文号 too long', (p) => { p.basisDocumentNumber = '号'.repeat(101); }, /依据文件文号/],
    ['basis 文号 not a string', (p) => { (p as { basisDocumentNumber: unknown }).basisDocumentNumber = 5; }, /依据文件文号/],
  ];
  it.each(broken)('reports %s', (_name, edit, problem) => {
    const p = fresh();
    edit(p);
    const problems = validatePolicyParameters(p);
    expect(
      problems.some((x) => problem.test(x)),
      problems.join(' | '),
    ).toBe(true);
  });

  it('rejects something that is not an object at all', () => {
    expect(validatePolicyParameters(null as unknown as PolicyParameters)).toEqual([
      '政策参数缺失或格式不正确',
    ]);
  });
});
