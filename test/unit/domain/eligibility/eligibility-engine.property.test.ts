import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EmployerKind, educationLevels, levelCodes } from '../../../../src/contract/common.js';
import type { LevelCode } from '../../../../src/contract/common.js';
import { LEVEL_RANK, evaluateEligibility } from '../../../../src/domain/eligibility/eligibility-engine.js';
import {
  ruleIds,
  type ApplicantFacts,
  type PolicyParameters,
  type PolicyVersion,
} from '../../../../src/domain/eligibility/policy-types.js';
import { defaultPolicy } from './test-fixtures.js';

const policy = defaultPolicy();
const seriesCodes = Object.keys(policy.parameters.series);
const rank = (l: LevelCode | null) => (l === null ? -1 : LEVEL_RANK[l]);

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map(ymd);

const facts: fc.Arbitrary<ApplicantFacts> = fc.record(
  {
    cutoffDate: day,
    seriesCode: fc.oneof(fc.constantFrom(...seriesCodes), fc.string()),
    specialtyCode: fc.string(),
    targetLevel: fc.constantFrom(...levelCodes),
    educations: fc.array(
      fc.record({
        level: fc.constantFrom(...educationLevels),
        fullTime: fc.boolean(),
        graduationDate: day,
        major: fc.string(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    post: fc.constantFrom('teacher' as const, 'other' as const),
    majorRelated: fc.boolean(),
    professionalWorkStart: day,
    employer: fc.record({
      name: fc.constantFrom('甲公司', '乙公司', ' 甲公司 '),
      ownership: fc.constantFrom('state' as const, 'nonState' as const),
      kind: fc.constantFrom(...EmployerKind.options),
    }),
    practiceLicences: fc.array(fc.constantFrom('教师资格', '高等学校教师资格', '法律职业资格', '其他')),
    socialInsurance: fc.record({
      insuredUnitName: fc.constantFrom('甲公司', '乙公司'),
      hasAffiliationProof: fc.boolean(),
    }),
    blacklisted: fc.record(
      { listed: fc.boolean(), until: fc.option(day), reason: fc.option(fc.string()) },
      { requiredKeys: ['listed'] },
    ),
  },
  {
    requiredKeys: [
      'cutoffDate',
      'seriesCode',
      'targetLevel',
      'educations',
      'majorRelated',
      'professionalWorkStart',
      'employer',
      'practiceLicences',
    ],
  },
);

describe('evaluateEligibility properties', () => {
  it('more years (a later cutoff) never lowers highestLevel', () => {
    fc.assert(
      fc.property(facts, day, (f, other) => {
        const later = other > f.cutoffDate ? other : f.cutoffDate;
        const before = evaluateEligibility(f, policy).highestLevel;
        const after = evaluateEligibility({ ...f, cutoffDate: later }, policy).highestLevel;
        expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
      }),
    );
  });

  it('more years (an earlier start of work) never lowers highestLevel', () => {
    fc.assert(
      fc.property(facts, day, (f, other) => {
        const earlier = other < f.professionalWorkStart ? other : f.professionalWorkStart;
        const before = evaluateEligibility(f, policy).highestLevel;
        const after = evaluateEligibility({ ...f, professionalWorkStart: earlier }, policy).highestLevel;
        expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
      }),
    );
  });

  it('an unrelated major never raises highestLevel nor turns a failure into a pass', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const related = evaluateEligibility({ ...f, majorRelated: true }, policy);
        const unrelated = evaluateEligibility({ ...f, majorRelated: false }, policy);
        expect(rank(unrelated.highestLevel)).toBeLessThanOrEqual(rank(related.highestLevel));
        if (!related.eligible) expect(unrelated.eligible).toBe(false);
      }),
    );
  });

  it('eligible is exactly the AND of the non-null verdicts, over all nine rules in order', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const r = evaluateEligibility(f, policy);
        expect(r.checks.map((c) => c.rule)).toEqual([...ruleIds]);
        const decided = r.checks.filter((c) => c.passed !== null).map((c) => c.passed);
        expect(r.eligible).toBe(decided.every(Boolean));
        for (const c of r.checks) expect(c.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('the education-years verdict agrees with highestLevel', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const r = evaluateEligibility(f, policy);
        const years = r.checks[2]!;
        const series = Object.hasOwn(policy.parameters.series, f.seriesCode)
          ? policy.parameters.series[f.seriesCode]
          : undefined;
        if (!series) {
          expect(years.passed).toBeNull();
          expect(r.highestLevel).toBeNull();
          return;
        }
        if (r.highestLevel) expect(series.levels).toContain(r.highestLevel);
        const expected =
          series.levels.includes(f.targetLevel) && rank(r.highestLevel) >= LEVEL_RANK[f.targetLevel];
        expect(years.passed).toBe(expected);
      }),
    );
  });

  // Any well-typed input, including policies a title office might get wrong: the engine still answers.
  const anyPolicy: fc.Arbitrary<PolicyVersion> = fc.record({
    code: fc.string(),
    name: fc.string(),
    effectiveFrom: fc.string(),
    parameters: fc.record<PolicyParameters>({
      series: fc.dictionary(
        fc.oneof(fc.constantFrom(...seriesCodes), fc.string()),
        fc.record({
          minEducation: fc.constantFrom(...educationLevels),
          examBased: fc.boolean(),
          practiceLicence: fc.option(fc.string()),
          levels: fc.subarray([...levelCodes]),
        }),
      ),
      educationYears: fc.array(
        fc.record({
          education: fc.constantFrom(...educationLevels),
          level: fc.constantFrom(...levelCodes),
          years: fc.integer({ min: -5, max: 60 }),
        }),
      ),
      mismatchExtraYears: fc.integer({ min: -3, max: 10 }),
      fullTimeRequired: fc.boolean(),
      fullTimeSource: fc.option(fc.string()),
      vocationalTeacherSeries: fc.string(),
      vocationalEmployerKinds: fc.subarray([...EmployerKind.options]),
      nonStateExcludedSeries: fc.array(fc.string()),
      publicityWorkingDays: fc.integer({ min: -3, max: 60 }),
      blacklistYears: fc.integer({ min: -3, max: 20 }),
      basisDocumentNumber: fc.option(fc.string()),
    }),
  });
  const anyFacts: fc.Arbitrary<ApplicantFacts> = facts.chain((f) =>
    fc
      .record({
        cutoffDate: fc.string(),
        graduationDate: fc.string(),
        professionalWorkStart: fc.string(),
        name: fc.string(),
        seriesCode: fc.string(),
      })
      .map((s) => ({
        ...f,
        cutoffDate: s.cutoffDate,
        professionalWorkStart: s.professionalWorkStart,
        seriesCode: s.seriesCode,
        educations: f.educations.map((e) => ({ ...e, graduationDate: s.graduationDate })),
        employer: { ...f.employer, name: s.name },
      })),
  );

  it('never throws on arbitrary well-typed input', () => {
    fc.assert(
      fc.property(fc.oneof(facts, anyFacts), anyPolicy, (f, p) => {
        const r = evaluateEligibility(f, p);
        expect(r.checks).toHaveLength(9);
        expect(r.policyVersion).toBe(p.code);
      }),
      { numRuns: 500 },
    );
  });
});
