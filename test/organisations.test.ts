import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession } from './helpers/session.js';
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
import type { Organisation } from '../src/contract/organisations.js';
import type { AccountRow, Applicant } from '../src/contract/accounts.js';

let t: TestApp;
let admin: Session;
let chain: Chain;
let schoolTeacherId: number;
let companyEngineerId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminSession(t);
  chain = await buildChain(admin);
  const teacher = idNumber('19950315', 41);
  const engineer = idNumber('19960416', 52);
  await importSocialInsurance(chain.bureauHandler, [
    ['李老师', teacher, '赣州市章贡区第一中学', 36],
    ['张工', engineer, '赣州章贡稀土科技有限公司', 24],
  ]);
  const a = await chain.schoolHandler.post(`/api/v1/employers/${chain.school.id}/applicants`, {
    name: '李老师',
    idNumber: teacher,
    mobile: mobile(),
  });
  expect(a.statusCode, a.body).toBe(201);
  schoolTeacherId = a.json().applicant.accountId;
  const b = await chain.companyHandler.post(`/api/v1/employers/${chain.company.id}/applicants`, {
    name: '张工',
    idNumber: engineer,
    mobile: mobile(),
  });
  expect(b.statusCode, b.body).toBe(201);
  companyEngineerId = b.json().applicant.accountId;
});
afterAll(() => t.close());

describe('organisation tree', () => {
  it('is created top-down, with only the kinds a parent may have', async () => {
    const res = await chain.schoolHandler.post('/api/v1/organisations', {
      parentId: chain.school.id,
      kind: 'employer',
      name: '下级单位',
      regionId: chain.school.regionId,
      ownership: 'state',
      employerKind: 'other',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('CHILD_KIND_NOT_ALLOWED');
    const deeper = await chain.bureauHandler.post('/api/v1/organisations', {
      parentId: chain.supervisor.id,
      kind: 'supervisor',
      name: '不允许的主管部门',
      regionId: chain.school.regionId,
    });
    expect(deeper.statusCode).toBe(422);
  });

  it('keeps a county bureau inside its own region', async () => {
    const res = await chain.bureauHandler.post('/api/v1/organisations', {
      parentId: chain.bureau.id,
      kind: 'employer',
      name: '瑞金某公司',
      regionId: await regionId(admin, '瑞金市'),
      ownership: 'nonState',
      employerKind: 'enterprise',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toContain('章贡区');
  });

  it('requires ownership and kind for an employer, and refuses duplicate names', async () => {
    const noOwnership = await chain.bureauHandler.post('/api/v1/organisations', {
      parentId: chain.bureau.id,
      kind: 'employer',
      name: '缺少性质的单位',
      regionId: chain.school.regionId,
    });
    expect(noOwnership.statusCode).toBe(422);
    const dup = await chain.bureauHandler.post('/api/v1/organisations', {
      parentId: chain.supervisor.id,
      kind: 'employer',
      name: '赣州市章贡区第一中学',
      regionId: chain.school.regionId,
      ownership: 'state',
      employerKind: 'school',
    });
    expect(dup.statusCode).toBe(409);
  });
});

describe('data scope', () => {
  it("a unit's clerk sees only its own organisation and people, in every list", async () => {
    const orgs = (await chain.schoolHandler.get('/api/v1/organisations')).json<Organisation[]>();
    expect(orgs.map((o) => o.name)).toEqual(['赣州市章贡区第一中学']);
    const accounts = (await chain.schoolHandler.get('/api/v1/accounts')).json<AccountRow[]>();
    expect(accounts.map((a) => a.personName).sort()).toEqual(['李老师', '王老师'].sort());
    expect(accounts.every((a) => !a.idNumberMasked.match(/^\d{18}$|^\d{17}X$/))).toBe(true);
    const byOrg = await chain.schoolHandler.get(`/api/v1/accounts?organisationId=${chain.company.id}`);
    expect(byOrg.json()).toEqual([]);
  });

  it("guessing another unit's ids gives 404, never the data", async () => {
    for (const url of [
      `/api/v1/organisations/${chain.company.id}`,
      `/api/v1/organisations/${chain.company.id}/seats`,
      `/api/v1/employers/${chain.company.id}/applicants`,
      `/api/v1/organisations/${chain.bureau.id}`,
    ]) {
      const res = await chain.schoolHandler.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('张工');
      expect(res.body).not.toContain('稀土');
    }
    const reset = await chain.schoolHandler.post(`/api/v1/accounts/${companyEngineerId}/reset-password`);
    expect(reset.statusCode).toBe(404);
    const create = await chain.schoolHandler.post(`/api/v1/employers/${chain.company.id}/applicants`, {
      name: '张工',
      idNumber: idNumber('19960416', 52),
      mobile: mobile(),
    });
    expect(create.statusCode).toBe(404);
  });

  it('a supervising department sees the units under it; the county bureau sees its whole county', async () => {
    const supLeader = await seatSession(chain.bureauHandler, chain.supervisor.id, 'leader', {
      name: '孙局长',
      idNumber: idNumber('19700808', 61),
    });
    const names = (await supLeader.get('/api/v1/organisations')).json<Organisation[]>().map((o) => o.name);
    expect(names).toEqual(['章贡区教育局', '赣州市章贡区第一中学']);
    const applicants = (await supLeader.get(`/api/v1/employers/${chain.school.id}/applicants`)).json<
      Applicant[]
    >();
    expect(applicants.map((a) => a.name)).toEqual(['李老师']);
    expect((await supLeader.get(`/api/v1/employers/${chain.company.id}/applicants`)).statusCode).toBe(404);

    const county = (await chain.bureauHandler.get('/api/v1/organisations'))
      .json<Organisation[]>()
      .map((o) => o.name);
    expect(county).toEqual(
      expect.arrayContaining([
        '章贡区职称改革领导小组办公室',
        '章贡区教育局',
        '赣州市章贡区第一中学',
        '赣州章贡稀土科技有限公司',
      ]),
    );
    expect(county).not.toContain('瑞金市职称改革领导小组办公室');
    expect(county).not.toContain('赣州市职称工作办公室');
  });

  it('an applicant sees only themself', async () => {
    const res = await chain.schoolHandler.post(`/api/v1/accounts/${schoolTeacherId}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { username, initialPassword } = res.json();
    const { firstLogin } = await import('./helpers/session.js');
    const teacher = await firstLogin(t.app, username, initialPassword);
    expect((await teacher.get('/api/v1/organisations')).json()).toEqual([]);
    expect((await teacher.get('/api/v1/accounts')).json<AccountRow[]>().map((a) => a.personName)).toEqual([
      '李老师',
    ]);
    expect((await teacher.get(`/api/v1/employers/${chain.school.id}/applicants`)).statusCode).toBe(404);
  });
});

describe('reviewer seats (四、（二））', () => {
  it('refuses the same person as handler and leader of one organisation', async () => {
    const person = { name: '王老师', idNumber: idNumber('19850505', 21), mobile: mobile() };
    const res = await chain.bureauHandler.put(`/api/v1/organisations/${chain.school.id}/seats/leader`, {
      person,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'SEAT_CONFLICT',
      message: expect.stringContaining('不能为同一人'),
    });
    const seats = (await chain.bureauHandler.get(`/api/v1/organisations/${chain.school.id}/seats`)).json();
    expect(seats.current.map((s: { role: string }) => s.role)).toEqual(['handler']);
  });

  it('records a change of seat holder, keeping the history', async () => {
    const first = await chain.bureauHandler.put(`/api/v1/organisations/${chain.company.id}/seats/leader`, {
      person: { name: '周总', idNumber: idNumber('19750101', 71), mobile: mobile() },
    });
    expect(first.statusCode).toBe(200);
    t.clock.advance(60_000);
    const second = await chain.bureauHandler.put(`/api/v1/organisations/${chain.company.id}/seats/leader`, {
      person: { name: '吴总', idNumber: idNumber('19760202', 72), mobile: mobile() },
    });
    expect(second.statusCode).toBe(200);
    const seats = (await chain.bureauHandler.get(`/api/v1/organisations/${chain.company.id}/seats`)).json();
    expect(seats.current.map((s: { personName: string }) => s.personName).sort()).toEqual(
      ['吴总', '陈人事'].sort(),
    );
    const leaders = seats.history.filter((s: { role: string }) => s.role === 'leader');
    expect(
      leaders.map((s: { personName: string; until: string | null }) => [s.personName, s.until !== null]),
    ).toEqual([
      ['周总', true],
      ['吴总', false],
    ]);
    const audit = await admin.get(`/api/v1/audit-logs?action=seat.assigned&targetId=${chain.company.id}`);
    const items = audit.json().items;
    expect(items[0]).toMatchObject({
      actorName: '刘经办',
      actorRole: 'handler',
      before: { personName: '周总' },
      after: { personName: '吴总' },
    });
  });

  it('a unit cannot set its own seats; the level above does', async () => {
    const res = await chain.schoolHandler.put(`/api/v1/organisations/${chain.school.id}/seats/leader`, {
      person: { name: '钱校长', idNumber: idNumber('19720303', 81), mobile: mobile() },
    });
    expect(res.statusCode).toBe(403);
  });

  it('the city office sees the whole city through the organisation tree', async () => {
    const cityOrg = await orgByName(admin, '赣州市职称工作办公室');
    const created = await admin.post('/api/v1/accounts', {
      person: { name: '市职办', idNumber: idNumber('19810909', 91, '360700'), mobile: mobile() },
      role: 'city_office',
      organisationId: cityOrg.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { firstLogin } = await import('./helpers/session.js');
    const city = await firstLogin(t.app, created.json().username, created.json().initialPassword);
    const names = (await city.get('/api/v1/organisations')).json<Organisation[]>().map((o) => o.name);
    expect(names).toContain('赣州章贡稀土科技有限公司');
    expect(names).toContain('瑞金市职称改革领导小组办公室');
    expect(names).not.toContain('江西省职称工作办公室');
    const c = await createOrg(city, {
      parentId: cityOrg.id,
      kind: 'supervisor',
      name: '赣州市教育局',
      regionId: await regionId(admin, '市本级'),
    });
    expect(c.parentName).toBe('赣州市职称工作办公室');
  });
});
