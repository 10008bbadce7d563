/**
 * Eligibility engine benchmark: our pure engine against the same nine rules written for the npm
 * package json-rules-engine, on the same seeded random applications.
 *
 *   npx tsx bench/eligibility-bench.ts [applications=100000] [jsonRulesSubset=10000]
 *
 * json-rules-engine is asynchronous and builds an almanac per run, so it is timed on a subset and
 * both are reported as evaluations per second. The subset's verdicts are compared with ours, so the
 * two formulations are known to say the same thing. Timing never fails the run. Writes
 * bench/results/eligibility-latest.md (and, with BENCH_JSON=path, the figures as JSON for `npm run bench`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { EmployerKind, educationLevels, levelCodes } from '../src/contract/common.js';
import type { LevelCode } from '../src/contract/common.js';
import { daysInMonth, fullYearsBetween } from '../src/domain/full-years.js';
import {
  defaultPolicyParameters,
  type SeriesCatalogueEntry,
} from '../src/domain/eligibility/default-policy.js';
import {
  EDUCATION_RANK,
  LEVEL_RANK,
  evaluateEligibility,
} from '../src/domain/eligibility/eligibility-engine.js';
import {
  ruleIds,
  type ApplicantFacts,
  type PolicyParameters,
  type PolicyVersion,
  type RuleId,
} from '../src/domain/eligibility/policy-types.js';
import { markdownTable, writeMarkdown } from './bench-report.js';

const APPLICATIONS = Number(process.argv[2] ?? 100_000);
const JRE_SUBSET = Math.min(APPLICATIONS, Number(process.argv[3] ?? 10_000));
const SEED = 20260630;

// --- inputs -----------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same applications. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const catalogue = JSON.parse(
  readFileSync(new URL('../reference/series.json', import.meta.url), 'utf8'),
) as SeriesCatalogueEntry[];
const policy: PolicyVersion = {
  code: '2026-默认',
  name: '默认政策',
  effectiveFrom: '2026-01-14',
  parameters: defaultPolicyParameters(catalogue),
};

function generate(n: number, seed: number): ApplicantFacts[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const pad = (x: number) => String(x).padStart(2, '0');
  const date = (fromYear: number, toYear: number) => {
    const y = fromYear + Math.floor(rnd() * (toYear - fromYear + 1));
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * daysInMonth(y, m));
    return `${y}-${pad(m)}-${pad(d)}`;
  };
  const seriesCodes = catalogue.map((s) => s.code);
  const units = [
    '赣州建工集团有限公司',
    '赣州市人民医院',
    '赣州市第一中学',
    '章贡区职业高级中学',
    '江西某科技有限公司',
  ];
  const licences = ['教师资格', '高等学校教师资格', '法律职业资格', '船员适任证书', '播音员主持人证'];
  const cutoffs = ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'];
  const out: ApplicantFacts[] = [];
  for (let i = 0; i < n; i++) {
    const graduationDate = date(1995, 2026);
    const employerName = pick(units);
    out.push({
      cutoffDate: pick(cutoffs),
      seriesCode: chance(0.01) ? 'unknownSeries' : pick(seriesCodes),
      targetLevel: pick(levelCodes),
      educations: [{ level: pick(educationLevels), fullTime: chance(0.9), graduationDate, major: '专业' }],
      majorRelated: chance(0.8),
      // Sometimes before graduation, so "not before graduation" is exercised.
      professionalWorkStart: chance(0.2) ? date(1990, 2026) : graduationDate,
      employer: {
        name: employerName,
        ownership: chance(0.6) ? 'state' : 'nonState',
        kind: pick(EmployerKind.options),
      },
      practiceLicences: licences.filter(() => chance(0.2)),
      socialInsurance: chance(0.8)
        ? { insuredUnitName: chance(0.7) ? employerName : pick(units), hasAffiliationProof: chance(0.5) }
        : undefined,
      blacklisted: chance(0.6)
        ? { listed: chance(0.02), until: '2028-12-31', reason: '弄虚作假' }
        : undefined,
    });
  }
  return out;
}

// --- the same nine rules for json-rules-engine ------------------------------------------------------

type Verdicts = { passed: Record<RuleId, boolean | null>; highestLevel: LevelCode | null };

/**
 * Compiles a policy version into json-rules-engine rules. A rule fires (its event) when the applicant
 * fails it, or with `{ unchecked: true }` when it cannot be judged; no event means passed. The
 * education + years table becomes one "reach" rule per row, run at a higher priority than the rest;
 * each records the highest level reached in the almanac for the education-years rule to read.
 */
function buildJsonRulesEngine(p: PolicyParameters): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const seriesOf = async (almanac: { factValue: (id: string) => Promise<unknown> }) => {
    const code = (await almanac.factValue('seriesCode')) as string;
    return Object.hasOwn(p.series, code) ? p.series[code] : undefined;
  };
  engine.addFact('seriesKnown', async (_params, almanac) => (await seriesOf(almanac)) !== undefined);
  engine.addFact('minEducationRank', async (_params, almanac) => {
    const s = await seriesOf(almanac);
    return s ? EDUCATION_RANK[s.minEducation] : undefined;
  });
  engine.addFact('seriesLevels', async (_params, almanac) => (await seriesOf(almanac))?.levels ?? []);
  engine.addFact(
    'requiredLicence',
    async (_params, almanac) => (await seriesOf(almanac))?.practiceLicence ?? null,
  );
  engine.addFact(
    'seriesExamBased',
    async (_params, almanac) => (await seriesOf(almanac))?.examBased ?? false,
  );
  // 三、（七）: an education obtained after the cutoff does not count (rank -1: below every minimum).
  engine.addFact('educationRank', async (_params, almanac) => {
    const [education, graduation, cutoff] = (await Promise.all([
      almanac.factValue('education'),
      almanac.factValue('graduationDate'),
      almanac.factValue('cutoffDate'),
    ])) as [string, string, string];
    return graduation > cutoff ? -1 : EDUCATION_RANK[education as 'bachelor'];
  });
  engine.addFact(
    'targetRank',
    async (_params, almanac) => LEVEL_RANK[(await almanac.factValue('targetLevel')) as LevelCode],
  );
  engine.addFact('fullYears', async (_params, almanac) => {
    const [start, graduation, cutoff] = (await Promise.all([
      almanac.factValue('professionalWorkStart'),
      almanac.factValue('graduationDate'),
      almanac.factValue('cutoffDate'),
    ])) as [string, string, string];
    return fullYearsBetween(start > graduation ? start : graduation, cutoff);
  });

  const fail = (rule: RuleId, conditions: RuleProperties['conditions']): RuleProperties => ({
    name: rule,
    conditions,
    event: { type: rule },
  });
  const unchecked = (rule: RuleId, conditions: RuleProperties['conditions']): RuleProperties => ({
    name: `${rule}:unchecked`,
    conditions,
    event: { type: rule, params: { unchecked: true } },
  });
  const seriesUnknown = { fact: 'seriesKnown', operator: 'equal', value: false };
  const seriesKnown = { fact: 'seriesKnown', operator: 'equal', value: true };

  const rules: RuleProperties[] = [
    fail('min-education', {
      any: [
        seriesUnknown,
        { fact: 'educationRank', operator: 'lessThan', value: { fact: 'minEducationRank' } },
      ],
    }),
    ...(p.fullTimeRequired
      ? [fail('full-time', { all: [{ fact: 'fullTime', operator: 'equal', value: false }] })]
      : []),
    unchecked('education-years', { all: [seriesUnknown] }),
    fail('education-years', {
      all: [
        seriesKnown,
        {
          any: [
            { fact: 'seriesLevels', operator: 'doesNotContain', value: { fact: 'targetLevel' } },
            { fact: 'highestRank', operator: 'lessThan', value: { fact: 'targetRank' } },
          ],
        },
      ],
    }),
    fail('vocational-teacher', {
      all: [
        { fact: 'employerKind', operator: 'in', value: p.vocationalEmployerKinds },
        { fact: 'seriesCode', operator: 'notEqual', value: p.vocationalTeacherSeries },
      ],
    }),
    unchecked('practice-licence', { all: [seriesUnknown] }),
    fail('practice-licence', {
      all: [
        seriesKnown,
        { fact: 'requiredLicence', operator: 'notEqual', value: null },
        { fact: 'practiceLicences', operator: 'doesNotContain', value: { fact: 'requiredLicence' } },
      ],
    }),
    unchecked('exam-based', { all: [seriesUnknown] }),
    fail('exam-based', { all: [{ fact: 'seriesExamBased', operator: 'equal', value: true }] }),
    fail('non-state-engineering', {
      all: [
        { fact: 'seriesCode', operator: 'in', value: p.nonStateExcludedSeries },
        { fact: 'ownership', operator: 'equal', value: 'nonState' },
        // 三、（六）names enterprises, not every non-state employer.
        { fact: 'employerKind', operator: 'equal', value: 'enterprise' },
      ],
    }),
    unchecked('social-insurance', {
      all: [{ fact: 'socialInsuranceGiven', operator: 'equal', value: false }],
    }),
    fail('social-insurance', {
      all: [
        { fact: 'socialInsuranceGiven', operator: 'equal', value: true },
        { fact: 'insuredUnitName', operator: 'notEqual', value: { fact: 'employerName' } },
        { fact: 'hasAffiliationProof', operator: 'equal', value: false },
      ],
    }),
    unchecked('blacklist', { all: [{ fact: 'blacklistChecked', operator: 'equal', value: false }] }),
    fail('blacklist', { all: [{ fact: 'listed', operator: 'equal', value: true }] }),
  ];
  for (const r of rules) engine.addRule({ ...r, priority: 1 });

  // Higher levels at higher priority: the first row reached sets highestRank, later ones cannot lower it.
  for (const row of p.educationYears) {
    engine.addRule({
      name: `reach:${row.education}:${row.level}`,
      priority: 10 + LEVEL_RANK[row.level],
      conditions: {
        all: [
          { fact: 'education', operator: 'equal', value: row.education },
          { fact: 'educationRank', operator: 'greaterThanInclusive', value: 0 },
          { fact: 'seriesLevels', operator: 'contains', value: row.level },
          {
            any: [
              {
                all: [
                  { fact: 'majorRelated', operator: 'equal', value: true },
                  { fact: 'fullYears', operator: 'greaterThanInclusive', value: row.years },
                ],
              },
              {
                all: [
                  { fact: 'majorRelated', operator: 'equal', value: false },
                  {
                    fact: 'fullYears',
                    operator: 'greaterThanInclusive',
                    value: row.years + p.mismatchExtraYears,
                  },
                ],
              },
            ],
          },
        ],
      },
      event: { type: 'reach', params: { rank: LEVEL_RANK[row.level] } },
      onSuccess: async (event, almanac) => {
        const rank = (event.params as { rank: number }).rank;
        if (((await almanac.factValue('highestRank')) as number) < rank) almanac.addFact('highestRank', rank);
      },
    });
  }
  return engine;
}

async function runJsonRulesEngine(engine: Engine, f: ApplicantFacts): Promise<Verdicts> {
  const { events, almanac } = await engine.run({
    cutoffDate: f.cutoffDate,
    seriesCode: f.seriesCode,
    targetLevel: f.targetLevel,
    education: f.educations[0]!.level,
    fullTime: f.educations[0]!.fullTime,
    graduationDate: f.educations[0]!.graduationDate,
    majorRelated: f.majorRelated,
    professionalWorkStart: f.professionalWorkStart,
    employerName: f.employer.name.trim(),
    ownership: f.employer.ownership,
    employerKind: f.employer.kind,
    practiceLicences: f.practiceLicences.map((l) => l.trim()),
    socialInsuranceGiven: f.socialInsurance !== undefined,
    insuredUnitName: f.socialInsurance?.insuredUnitName.trim() ?? '',
    hasAffiliationProof: f.socialInsurance?.hasAffiliationProof ?? false,
    blacklistChecked: f.blacklisted !== undefined,
    listed: f.blacklisted?.listed ?? false,
    highestRank: -1,
  });
  const passed = Object.fromEntries(ruleIds.map((r) => [r, true])) as Record<RuleId, boolean | null>;
  for (const e of events) {
    if (e.type === 'reach') continue;
    const rule = e.type as RuleId;
    // "Not checked" wins over a failure of the same rule, as in our engine.
    if (e.params?.unchecked) passed[rule] = null;
    else if (passed[rule] !== null) passed[rule] = false;
  }
  const rank = (await almanac.factValue('highestRank')) as number;
  return { passed, highestLevel: rank < 0 ? null : levelCodes[rank]! };
}

// --- timing -----------------------------------------------------------------------------------------

const rate = (n: number, ms: number) => (n / ms) * 1000;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function main() {
  let t = performance.now();
  const apps = generate(APPLICATIONS, SEED);
  console.log(
    `生成 ${fmt(apps.length)} 份随机申报（seed ${SEED}）：${(performance.now() - t).toFixed(0)} ms`,
  );

  // Warm-up so both are timed after the JIT has seen the code.
  for (const f of apps.slice(0, 2_000)) evaluateEligibility(f, policy);
  let eligible = 0;
  t = performance.now();
  for (const f of apps) if (evaluateEligibility(f, policy).eligible) eligible++;
  const oursMs = performance.now() - t;
  const oursRate = rate(apps.length, oursMs);
  console.log(
    `本系统引擎       ${fmt(apps.length)} 次 / ${oursMs.toFixed(0)} ms = ${fmt(oursRate)} 次/秒（符合条件 ${fmt(eligible)}）`,
  );

  const engine = buildJsonRulesEngine(policy.parameters);
  const subset = apps.slice(0, JRE_SUBSET);
  for (const f of subset.slice(0, 500)) await runJsonRulesEngine(engine, f);
  const results: Verdicts[] = [];
  t = performance.now();
  for (const f of subset) results.push(await runJsonRulesEngine(engine, f));
  const jreMs = performance.now() - t;
  const jreRate = rate(subset.length, jreMs);
  console.log(`json-rules-engine ${fmt(subset.length)} 次 / ${jreMs.toFixed(0)} ms = ${fmt(jreRate)} 次/秒`);
  console.log(`速度比（本系统 / json-rules-engine）：${(oursRate / jreRate).toFixed(1)} 倍`);

  // The two formulations must agree, or the comparison means nothing.
  let disagreements = 0;
  subset.forEach((f, i) => {
    const ours = evaluateEligibility(f, policy);
    const theirs = results[i]!;
    const same =
      ours.highestLevel === theirs.highestLevel &&
      ours.checks.every((c) => theirs.passed[c.rule] === c.passed);
    if (!same) {
      disagreements++;
      if (disagreements <= 3) console.log('结论不一致：', JSON.stringify({ facts: f, ours, theirs }));
    }
  });
  console.log(`结论一致性：${fmt(subset.length - disagreements)} / ${fmt(subset.length)}`);
  if (disagreements > 0) process.exitCode = 1;

  await writeMarkdown(
    'bench/results/eligibility-latest.md',
    `# npm run bench:eligibility（${new Date().toISOString()}）\n\n` +
      `同一批随机申报（seed ${SEED}），同样的九条规则；参照 json-rules-engine 在同一次运行中测得。\n\n` +
      markdownTable(
        ['引擎', '评估次数', '用时', '次/秒', '为参照的'],
        [
          [
            '本系统引擎',
            fmt(apps.length),
            `${oursMs.toFixed(0)} ms`,
            fmt(oursRate),
            `${(oursRate / jreRate).toFixed(1)} 倍`,
          ],
          ['参照：json-rules-engine', fmt(subset.length), `${jreMs.toFixed(0)} ms`, fmt(jreRate), '—'],
        ],
      ) +
      `\n结论一致：${fmt(subset.length - disagreements)} / ${fmt(subset.length)}\n`,
  );
  if (process.env.BENCH_JSON)
    writeFileSync(
      process.env.BENCH_JSON,
      JSON.stringify({
        applications: apps.length,
        oursRate,
        jreRate,
        agreed: subset.length - disagreements,
        compared: subset.length,
      }),
    );
}

await main();
