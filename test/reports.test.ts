/**
 * 年度报送 (四、（七）) and 统计分析 (SPEC §6): agencies report their year's 批复 and certificate count
 * to the city office by its deadline (late when not); every statistic equals a direct count in the
 * database, over the asker's own scope. Applications, 批复 and certificates are set up in the
 * database (the review chain and issuing are tested elsewhere).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SQL, and, eq, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, TEST_PASSWORD, adminSession, firstLogin, login } from './helpers/session.js';
import {
  type Chain,
  buildChain,
  createOrg,
  idNumber,
  importSocialInsurance,
  mobile,
  orgByName,
  regionId,
  seatSession,
} from './helpers/fixtures.js';
import {
  accounts,
  agencies,
  applications,
  approvalDocumentItems,
  auditLog,
  approvalDocuments,
  batches,
  certificates,
  notifications,
  organisations,
  persons,
} from '../src/server/db/schema.js';
import type { Statistics, YearEndList, YearEndReport } from '../src/contract/reports.js';
import { personColumns } from '../src/server/crypto/personal-data-cipher.js';

let t: TestApp;
let admin: Session;
let city: Session;
let province: Session;
let chain: Chain;
let zgLeader: Session;
let gxLeader: Session;
let applicant: Session;
let seq = 900;

type Level = 'junior' | 'assistant' | 'intermediate';
type Status = 'draft' | 'submitted' | 'returned' | 'withdrawn' | 'recognised' | 'rejected' | 'cancelled';

async function office(role: string, orgName: string, name: string, n: number) {
  const org = await orgByName(admin, orgName);
  const res = await admin.post('/api/v1/accounts', {
    person: { name, idNumber: idNumber('19800101', n, '360700'), mobile: mobile() },
    role,
    organisationId: org.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  return firstLogin(t.app, res.json().username, res.json().initialPassword);
}

async function agencyId(code: string) {
  const [a] = await t.ctx.db.select().from(agencies).where(eq(agencies.code, code));
  return a!.id;
}

async function batchId(code: string, year: number, number: number) {
  const [b] = await t.ctx.db
    .select()
    .from(batches)
    .where(
      and(eq(batches.agencyId, await agencyId(code)), eq(batches.year, year), eq(batches.number, number)),
    );
  return b!.id;
}

/** One application put straight into the database. */
async function application(p: {
  agency: string;
  employerId: number;
  status: Status;
  level: Level;
  series: string;
  education: string[];
  submittedAt: string | null;
  batch?: number;
}) {
  const db = t.ctx.db;
  const n = seq++;
  const [person] = await db
    .insert(persons)
    .values({ name: `申报人${n}`, ...personColumns({ idNumber: idNumber('19900101', n) }) })
    .returning();
  const [account] = await db
    .insert(accounts)
    .values({ username: `rep${n}`, personId: person!.id, passwordHash: 'x', mustChangePassword: false })
    .returning();
  const [app] = await db
    .insert(applications)
    .values({
      number: p.submittedAt ? `${p.agency}-2026-${n}` : null,
      applicantAccountId: account!.id,
      personId: person!.id,
      employerId: p.employerId,
      agencyId: await agencyId(p.agency),
      batchId: await batchId(p.agency, 2026, p.batch ?? 4),
      targetLevel: p.level,
      status: p.status,
      // In review exactly while submitted, held by a seat (the state columns' CHECK constraints).
      ...(p.status === 'submitted'
        ? {
            stage: 'unit_handler' as const,
            holderOrganisationId: p.employerId,
            holderRole: 'handler' as const,
            stageSince: new Date(p.submittedAt ?? '2026-10-10T09:00:00+08:00'),
          }
        : {}),
      form: { seriesCode: p.series, education: p.education.map((level) => ({ level, major: '某专业' })) },
      version: p.submittedAt ? 1 : 0,
      createdByAccountId: account!.id,
      submittedAt: p.submittedAt ? new Date(p.submittedAt) : null,
    })
    .returning();
  return { app: app!, person: person!, account: account! };
}

/** An issued 批复 of these applications with a certificate each (issued on the given day). */
async function issue(
  agency: string,
  docNumber: string,
  issuedOn: string,
  apps: { app: { id: number }; person: { id: number } }[],
  revokeFirst = false,
) {
  const db = t.ctx.db;
  const [doc] = await db
    .insert(approvalDocuments)
    .values({
      agencyId: await agencyId(agency),
      year: Number(issuedOn.slice(0, 4)),
      status: 'issued',
      documentNumber: docNumber,
      sequence: seq,
      title: `关于某某等${apps.length}位同志具备专业技术资格的批复`,
      recipient: '某单位',
      issuer: '某人社局',
      effectiveOn: issuedOn,
      issuedOn,
      createdByAccountId: (await db.select().from(accounts).limit(1))[0]!.id,
      issuedAt: new Date(`${issuedOn}T10:00:00+08:00`),
    })
    .returning();
  for (const [i, a] of apps.entries()) {
    await db
      .insert(approvalDocumentItems)
      .values({ documentId: doc!.id, applicationId: a.app.id, position: i + 1 });
    await db.insert(certificates).values({
      number: `${docNumber}-${i}`,
      applicationId: a.app.id,
      documentId: doc!.id,
      personId: a.person.id,
      agencyId: await agencyId(agency),
      name: '某某',
      gender: '男',
      birthMonth: '1990-01',
      employer: '某单位',
      seriesCode: 'schoolTeacher',
      series: '中小学教师',
      specialty: '',
      qualification: '二级教师',
      level: 'assistant',
      agencyName: agency,
      documentNumber: docNumber,
      obtainedOn: issuedOn,
      issuedOn,
      qrPayload: 'x',
      status: revokeFirst && i === 0 ? 'revoked' : 'valid',
      revokedAt: revokeFirst && i === 0 ? new Date(`${issuedOn}T12:00:00+08:00`) : null,
    });
  }
  return doc!;
}

/** Rows of a direct SQL query, on PGlite and on PostgreSQL alike. */
async function rows<T>(q: SQL): Promise<T[]> {
  const r = (await t.ctx.db.execute(q)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(r) ? r : (r.rows ?? []);
}

interface Counted {
  key: string;
  received: number;
  in_review: number;
  recognised: number;
  rejected: number;
}

/** The test's own counts of the 2026 applications, grouped by `key` (an SQL expression over a, o, g, r). */
async function directCounts(key: SQL, agencyCodes?: string[]) {
  const only = agencyCodes
    ? sql`and g.code in (${sql.join(
        agencyCodes.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql``;
  const list = await rows<Counted>(sql`
    select ${key} as key,
           count(*)::int as received,
           count(*) filter (where a.status = 'submitted')::int as in_review,
           count(*) filter (where a.status = 'recognised')::int as recognised,
           count(*) filter (where a.status = 'rejected')::int as rejected
      from applications a
      join batches b on b.id = a.batch_id
      join agencies g on g.id = a.agency_id
      join organisations o on o.id = a.employer_id
      join regions r on r.id = o.region_id
     where b.year = 2026 and a.submitted_at is not null ${only}
     group by 1`);
  return new Map(list.map((x) => [String(x.key ?? ''), x]));
}

async function directCertificates(key: SQL, agencyCodes?: string[]) {
  const only = agencyCodes
    ? sql`and g.code in (${sql.join(
        agencyCodes.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql``;
  const list = await rows<{ key: string; n: number }>(sql`
    select ${key} as key, count(*)::int as n
      from certificates c
      join applications a on a.id = c.application_id
      join batches b on b.id = a.batch_id
      join agencies g on g.id = c.agency_id
      join organisations o on o.id = a.employer_id
      join regions r on r.id = o.region_id
     where c.issued_on >= '2026-01-01' and c.issued_on <= '2026-12-31' ${only}
     group by 1`);
  return new Map(list.map((x) => [String(x.key ?? ''), x.n]));
}

async function stats(s: Session, groupBy: string, year = 2026) {
  const res = await s.get(`/api/v1/reports/statistics?year=${year}&groupBy=${groupBy}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Statistics>();
}

/** Every API row equals the direct count of its key, and no key of the database is missing. */
async function expectEqualToDatabase(s: Session, groupBy: string, key: SQL, agencyCodes?: string[]) {
  const api = await stats(s, groupBy);
  const apps = await directCounts(key, agencyCodes);
  const certs = await directCertificates(key, agencyCodes);
  const keys = new Set([...apps.keys(), ...certs.keys()]);
  expect(new Set(api.rows.map((r) => r.key))).toEqual(keys);
  for (const r of api.rows) {
    const d = apps.get(r.key);
    const { label: _label, ...counts } = r;
    expect(counts, `${groupBy} ${r.key}`).toEqual({
      key: r.key,
      received: d?.received ?? 0,
      inReview: d?.in_review ?? 0,
      recognised: d?.recognised ?? 0,
      rejected: d?.rejected ?? 0,
      certificates: certs.get(r.key) ?? 0,
    });
  }
  return api;
}

const EDUCATION_SQL = sql`case
  when a.form->'education' @> '[{"level":"doctor"}]' then 'doctor'
  when a.form->'education' @> '[{"level":"master"}]' then 'master'
  when a.form->'education' @> '[{"level":"postgradClass"}]' then 'postgradClass'
  when a.form->'education' @> '[{"level":"secondBachelor"}]' then 'secondBachelor'
  when a.form->'education' @> '[{"level":"bachelor"}]' then 'bachelor'
  when a.form->'education' @> '[{"level":"associate"}]' then 'associate'
  when a.form->'education' @> '[{"level":"secondary"}]' then 'secondary'
  else '' end`;

beforeAll(async () => {
  t = await createTestApp({}, '2026-12-20T10:00:00+08:00');
  admin = await adminSession(t);
  chain = await buildChain(admin);
  city = await office('city_office', '赣州市职称工作办公室', '钟市职办', 951);
  province = await office('province_office', '江西省职称工作办公室', '傅省职办', 952);
  zgLeader = await seatSession(admin, chain.bureau.id, 'leader', {
    name: '钟主任',
    idNumber: idNumber('19700303', 953),
  });
  const gx = await orgByName(admin, '赣县区职称工作办公室');
  gxLeader = await seatSession(admin, gx.id, 'leader', {
    name: '赖主任',
    idNumber: idNumber('19700404', 954),
  });
  const gxSchool = await createOrg(admin, {
    parentId: gx.id,
    kind: 'employer',
    name: '赣州市赣县区第一中学',
    regionId: await regionId(admin, '赣县区'),
    ownership: 'state',
    employerKind: 'school',
  });

  // The known mix. GZ02 (章贡区): school and company; GZ03 (赣县区): one school.
  const school = chain.school.id;
  const company = chain.company.id;
  const T = 'schoolTeacher';
  const E = 'engineering';
  const mk = (
    agency: string,
    employerId: number,
    status: Status,
    level: Level,
    series: string,
    education: string[],
    submittedAt: string | null,
    batch?: number,
  ) => application({ agency, employerId, status, level, series, education, submittedAt, batch });
  const zgRecognised = [
    await mk(
      'GZ02',
      school,
      'recognised',
      'assistant',
      T,
      ['associate', 'bachelor'],
      '2026-10-08T09:00:00+08:00',
    ),
    await mk('GZ02', school, 'recognised', 'assistant', T, ['bachelor'], '2026-10-09T09:00:00+08:00'),
    await mk('GZ02', company, 'recognised', 'junior', E, ['associate'], '2026-07-01T00:30:00+08:00', 3),
  ];
  await mk('GZ02', school, 'submitted', 'assistant', T, ['bachelor', 'master'], '2026-10-10T09:00:00+08:00');
  await mk('GZ02', company, 'submitted', 'junior', E, ['secondary'], '2026-10-31T23:30:00+08:00');
  await mk('GZ02', company, 'rejected', 'assistant', E, [], '2026-11-01T08:00:00+08:00');
  await mk('GZ02', school, 'returned', 'assistant', T, ['bachelor'], '2026-10-12T09:00:00+08:00');
  await mk('GZ02', school, 'withdrawn', 'assistant', T, ['bachelor'], '2026-10-13T09:00:00+08:00');
  await mk('GZ02', school, 'draft', 'assistant', T, ['bachelor'], null);
  await mk('GZ02', company, 'draft', 'junior', E, ['associate'], null);
  const gxRecognised = [
    await mk('GZ03', gxSchool.id, 'recognised', 'assistant', T, ['bachelor'], '2026-10-15T09:00:00+08:00'),
    await mk('GZ03', gxSchool.id, 'recognised', 'junior', T, ['doctor'], '2026-09-30T16:30:00Z'), // 10-01 in Shanghai
  ];
  await mk('GZ03', gxSchool.id, 'submitted', 'assistant', T, ['bachelor'], '2026-10-16T09:00:00+08:00');
  await mk('GZ03', gxSchool.id, 'cancelled', 'assistant', T, ['bachelor'], '2026-10-17T09:00:00+08:00');

  await issue('GZ02', '章人社字〔2026〕1号', '2026-12-01', zgRecognised.slice(0, 2), true);
  await issue('GZ02', '章人社字〔2026〕2号', '2026-12-05', zgRecognised.slice(2));
  await issue('GZ03', '赣县人社字〔2026〕1号', '2026-12-06', gxRecognised);

  const teacherId = idNumber('19980315', 955);
  await importSocialInsurance(chain.bureauHandler, [['李晓华', teacherId, '赣州市章贡区第一中学', 30]]);
  const a = (
    await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
      name: '李晓华',
      idNumber: teacherId,
      mobile: mobile(),
    })
  ).json();
  applicant = await firstLogin(t.app, a.applicant.username, a.initialPassword);
});
afterAll(() => t.close());

describe('statistics equal direct counts in the database', () => {
  it('gives the city office every agency of its city, with the known totals', async () => {
    const api = await expectEqualToDatabase(city, 'agency', sql`g.code`);
    expect(api.rows.map((r) => r.key)).toEqual(['GZ02', 'GZ03']);
    expect(api.rows[0]).toMatchObject({
      label: '章贡区职称改革领导小组办公室',
      received: 8,
      inReview: 2,
      recognised: 3,
      rejected: 1,
      certificates: 3,
    });
    expect(api.total).toEqual({ received: 12, inReview: 3, recognised: 5, rejected: 1, certificates: 5 });
    expect((await stats(province, 'agency')).total).toEqual(api.total);
  });

  it('groups by series, level, region, education, unit, month and batch alike', async () => {
    await expectEqualToDatabase(city, 'series', sql`coalesce(a.form->>'seriesCode', '')`);
    const level = await expectEqualToDatabase(city, 'level', sql`a.target_level`);
    expect(level.rows.map((r) => r.label)).toEqual(['员级', '助理级']);
    await expectEqualToDatabase(city, 'region', sql`r.code`);
    const edu = await expectEqualToDatabase(city, 'education', EDUCATION_SQL);
    expect(edu.rows.find((r) => r.key === 'doctor')).toMatchObject({ label: '博士研究生', received: 1 });
    expect(edu.rows.find((r) => r.key === '')).toMatchObject({ label: '未填写学历', received: 1 });
    await expectEqualToDatabase(city, 'unit', sql`o.id::text`);
    // Months: applications by first-submission month in Shanghai, certificates by issue month.
    const m = await stats(city, 'month');
    expect(m.rows.map((r) => r.label)).toEqual(['7月', '10月', '11月', '12月']);
    const direct = await directCounts(sql`to_char(a.submitted_at at time zone 'Asia/Shanghai', 'MM')`);
    for (const r of m.rows) expect(r.received).toBe(direct.get(r.key)?.received ?? 0);
    expect(m.rows.find((r) => r.key === '12')).toMatchObject({ received: 0, certificates: 5 });
    expect(m.rows.find((r) => r.key === '10')!.received).toBe(10);
    await expectEqualToDatabase(city, 'batch', sql`b.id::text`);
  });

  it('gives an agency its own scope only, and nothing of another year', async () => {
    const own = await expectEqualToDatabase(zgLeader, 'agency', sql`g.code`, ['GZ02']);
    expect(own.rows.map((r) => r.key)).toEqual(['GZ02']);
    await expectEqualToDatabase(zgLeader, 'level', sql`a.target_level`, ['GZ02']);
    await expectEqualToDatabase(gxLeader, 'unit', sql`o.id::text`, ['GZ03']);
    expect((await stats(chain.bureauHandler, 'agency')).total.received).toBe(8);
    expect((await stats(city, 'agency', 2025)).rows).toEqual([]);
  });

  it('refuses applicants and employers’ clerks', async () => {
    for (const s of [applicant, chain.schoolHandler, chain.companyHandler]) {
      expect((await s.get('/api/v1/reports/statistics?groupBy=agency')).statusCode).toBe(403);
      expect((await s.get('/api/v1/reports/statistics.xlsx')).statusCode).toBe(403);
      expect((await s.get('/api/v1/reports/year-end')).statusCode).toBe(403);
      expect((await s.get('/api/v1/reports/year-end/mine')).statusCode).toBe(403);
    }
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/reports/statistics' });
    expect(anon.statusCode).toBe(401);
    expect((await zgLeader.get('/api/v1/reports/year-end')).statusCode).toBe(403);
  });

  it('exports the table as .xlsx with the same numbers', async () => {
    const res = await city.get('/api/v1/reports/statistics.xlsx?year=2026&groupBy=agency');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = ws.getSheetValues().filter(Boolean) as unknown[][];
    const header = values.find((r) => r.includes('认定机构'))!;
    expect(header.slice(1)).toEqual(['认定机构', '受理申报', '审查中', '认定通过', '不予通过', '发放证书']);
    const total = values.find((r) => r[1] === '合计')!;
    expect(total.slice(2)).toEqual([12, 3, 5, 1, 5]);
  });

  it('exports a unit named like a formula as text behind an apostrophe, the counts as numbers (issue 13 item 3)', async () => {
    // Unit names are typed by people; nothing in the name rule stops a leading = (an import would).
    const hostile = '=HYPERLINK("http://evil.example","点我")';
    const [before] = await t.ctx.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, chain.company.id));
    await t.ctx.db.update(organisations).set({ name: hostile }).where(eq(organisations.id, chain.company.id));
    try {
      const res = await city.get('/api/v1/reports/statistics.xlsx?year=2026&groupBy=unit');
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      let found = 0;
      ws.eachRow((row) => {
        const label = row.getCell(1);
        expect(label.formula).toBeUndefined();
        if (label.value === `'${hostile}`) {
          found++;
          expect(label.type).toBe(ExcelJS.ValueType.String);
          for (let c = 2; c <= 6; c++) expect(typeof row.getCell(c).value).toBe('number');
        }
      });
      expect(found).toBe(1);
    } finally {
      await t.ctx.db
        .update(organisations)
        .set({ name: before!.name })
        .where(eq(organisations.id, chain.company.id));
    }
  });
});

describe('the year-end report (四、（七）)', () => {
  let report: YearEndReport;

  it('lists every county agency and no city office, none late before the deadline', async () => {
    const list = (await city.get('/api/v1/reports/year-end?year=2026')).json<YearEndList>();
    expect(list.today).toBe('2026-12-20');
    expect(list.items).toHaveLength(20);
    expect(list.items.map((i) => i.agencyCode)).not.toContain('GZ01');
    expect(
      list.items.every((i) => i.status === 'not_started' && !i.late && i.deadline === '2026-12-31'),
    ).toBe(true);
    expect(list.items.find((i) => i.agencyCode === 'GZ02')).toMatchObject({
      documentCount: 2,
      certificateCount: 3,
    });
  });

  it('shows the agency its issued 批复 and certificate count; the handler saves, only the leader submits', async () => {
    const mine = (
      await chain.bureauHandler.get('/api/v1/reports/year-end/mine?year=2026')
    ).json<YearEndReport>();
    expect(mine).toMatchObject({
      status: 'not_started',
      certificateCount: 3,
      canEdit: true,
      canSubmit: false,
    });
    expect(mine.documents.map((d) => [d.documentNumber, d.count])).toEqual([
      ['章人社字〔2026〕1号', 2],
      ['章人社字〔2026〕2号', 1],
    ]);
    const saved = await chain.bureauHandler.put('/api/v1/reports/year-end/mine', {
      year: 2026,
      note: '全年认定 3 人',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ status: 'draft', note: '全年认定 3 人' });
    expect(
      (await chain.bureauHandler.post('/api/v1/reports/year-end/mine/submit', { year: 2026 })).statusCode,
    ).toBe(403);
    const res = await zgLeader.post('/api/v1/reports/year-end/mine/submit', { year: 2026 });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json<YearEndReport>();
    expect(report).toMatchObject({ status: 'submitted', late: false, certificateCount: 3, documentCount: 2 });
    expect((await zgLeader.put('/api/v1/reports/year-end/mine', { year: 2026, note: 'x' })).statusCode).toBe(
      409,
    );
  });

  it('is returned with a comment, resubmitted and accepted by the city office only', async () => {
    expect((await gxLeader.post(`/api/v1/reports/year-end/${report.id}/accept`, {})).statusCode).toBe(403);
    expect((await province.post(`/api/v1/reports/year-end/${report.id}/accept`, {})).statusCode).toBe(403);
    expect(
      (await city.post(`/api/v1/reports/year-end/${report.id}/return`, { comment: '' })).statusCode,
    ).toBe(400);
    const back = await city.post(`/api/v1/reports/year-end/${report.id}/return`, { comment: '请补充说明' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'returned', cityComment: '请补充说明' });
    const inbox = await t.ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.accountId, zgLeader.me.accountId));
    expect(inbox.map((n) => n.body).join()).toContain('被退回，请修改后重新报送。意见：请补充说明');
    expect((await city.post(`/api/v1/reports/year-end/${report.id}/accept`, {})).statusCode).toBe(409);
    expect(
      (await zgLeader.put('/api/v1/reports/year-end/mine', { year: 2026, note: '已补充' })).statusCode,
    ).toBe(200);
    expect((await zgLeader.post('/api/v1/reports/year-end/mine/submit', { year: 2026 })).statusCode).toBe(
      200,
    );
    const ok = await city.post(`/api/v1/reports/year-end/${report.id}/accept`, { comment: '收到' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', note: '已补充', late: false });
    expect((await gxLeader.get(`/api/v1/reports/year-end/${report.id}`)).statusCode).toBe(404);
    expect((await city.get(`/api/v1/reports/year-end/${report.id}`)).statusCode).toBe(200);
  });

  it('marks late whoever has not reported by the deadline, on the app’s clock', async () => {
    t.clock.set('2027-01-05T09:00:00+08:00');
    // Sessions expire on the same clock: sign in again.
    const again = (s: Session) => login(t.app, s.me.username, TEST_PASSWORD);
    [gxLeader, city, province] = await Promise.all([again(gxLeader), again(city), again(province)]);
    const res = await gxLeader.post('/api/v1/reports/year-end/mine/submit', { year: 2026 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', late: true, certificateCount: 2 });
    const list = (await city.get('/api/v1/reports/year-end?year=2026')).json<YearEndList>();
    const by = new Map(list.items.map((i) => [i.agencyCode, i]));
    expect(by.get('GZ02')).toMatchObject({ status: 'accepted', late: false });
    expect(by.get('GZ03')).toMatchObject({ status: 'submitted', late: true });
    expect(by.get('GZ04')).toMatchObject({ status: 'not_started', late: true });
    expect((await province.get('/api/v1/reports/year-end?year=2026')).json<YearEndList>().items).toHaveLength(
      20,
    );
    const audited = await t.ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(like(auditLog.action, 'year_end_report.%'));
    expect(new Set(audited.map((a) => a.action))).toEqual(
      new Set([
        'year_end_report.saved',
        'year_end_report.submitted',
        'year_end_report.returned',
        'year_end_report.accepted',
      ]),
    );
  });
});
