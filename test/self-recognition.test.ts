/**
 * 一、: a self-recognition unit's own batch is filed (报备) before it opens, with the title office of the
 * same level within its authority (认定权限), and opens only after that office accepted the filing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, TEST_PASSWORD, adminSession, firstLogin, login } from './helpers/session.js';
import {
  createOrg,
  idNumber,
  importSocialInsurance,
  mobile,
  orgByName,
  regionId,
  seatSession,
} from './helpers/fixtures.js';
import type { Routing } from '../src/contract/applications.js';
import type { FiledBatch } from '../src/contract/self-recognition.js';

let t: TestApp;
let city: Session;
let unitHandler: Session;
let engineer: Session;
let unitId: number;
let admin: Session;
let zgBureau: Session;

const START = '2026-11-10T10:00:00+08:00';
/** Sessions last 12 hours; after moving the clock, sign in again with the same password. */
const again = (s: Session) => login(t.app, s.me.username, TEST_PASSWORD);

beforeAll(async () => {
  t = await createTestApp({}, START);
  admin = await adminSession(t);
  zgBureau = await seatSession(
    admin,
    (await orgByName(admin, '章贡区职称改革领导小组办公室')).id,
    'handler',
    {
      name: '刘经办',
      idNumber: idNumber('19800101', 611),
    },
  );
  const cityOrg = await orgByName(admin, '赣州市职称工作办公室');
  const created = await admin.post('/api/v1/accounts', {
    person: { name: '钟市职办', idNumber: idNumber('19800312', 601, '360700'), mobile: mobile() },
    role: 'city_office',
    organisationId: cityOrg.id,
  });
  city = await firstLogin(t.app, created.json().username, created.json().initialPassword);
  const shiBenJi = await regionId(admin, '市本级');
  const unit = await createOrg(city, {
    parentId: cityOrg.id,
    kind: 'self_recognition_unit',
    name: '赣州稀土集团有限公司（自主评审）',
    regionId: shiBenJi,
  });
  unitId = unit.id;
  unitHandler = await seatSession(city, unit.id, 'handler', {
    name: '严人事',
    idNumber: idNumber('19840404', 602),
  });
  const member = await createOrg(unitHandler, {
    parentId: unit.id,
    kind: 'employer',
    name: '赣州稀土矿业有限公司',
    regionId: shiBenJi,
    ownership: 'state',
    employerKind: 'enterprise',
  });
  const clerk = await seatSession(unitHandler, member.id, 'handler', {
    name: '程人事',
    idNumber: idNumber('19860606', 603),
  });
  await importSocialInsurance(city, [['邹工', idNumber('19950909', 604), '赣州稀土矿业有限公司', 40]]);
  const a = await clerk.post(`/api/v1/employers/${member.id}/applicants`, {
    name: '邹工',
    idNumber: idNumber('19950909', 604),
    mobile: mobile(),
  });
  expect(a.statusCode, a.body).toBe(201);
  engineer = await firstLogin(t.app, a.json().applicant.username, a.json().initialPassword);
});
afterAll(() => t.close());

describe('self-recognition units', () => {
  let batch: FiledBatch;
  const filing = (over: Record<string, unknown> = {}) => ({
    year: 2026,
    number: 1,
    name: '2026年自主评审第一批',
    opensOn: '2026-11-20',
    closesOn: '2026-12-10',
    cutoffDate: '2026-12-31',
    filingDocument: '赣稀集团〔2026〕18号',
    ...over,
  });
  beforeAll(async () => {
    t.clock.set(START);
    [city, unitHandler, engineer] = await Promise.all([again(city), again(unitHandler), again(engineer)]);
  });

  it('cannot set up a batch before the title office authorised the unit', async () => {
    const r = await unitHandler.post(`/api/v1/self-recognition/units/${unitId}/batches`, filing());
    expect(r.json().code).toBe('NOT_AUTHORISED');
    const auth = await city.post(`/api/v1/self-recognition/units/${unitId}/authorise`, {
      levels: ['assistant', 'intermediate'],
      phone: '0797-8888888',
      scopeDescription: '集团所属企业工程技术人员助理级、中级',
    });
    expect(auth.statusCode, auth.body).toBe(201);
    expect(
      (
        await unitHandler.post(`/api/v1/self-recognition/units/${unitId}/authorise`, {
          levels: ['junior'],
          phone: '1',
          scopeDescription: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('files before the window opens: a window that has begun (or begins today) is refused', async () => {
    for (const opensOn of ['2026-11-01', '2026-11-10']) {
      const late = await unitHandler.post(
        `/api/v1/self-recognition/units/${unitId}/batches`,
        filing({ opensOn }),
      );
      expect(late.statusCode, late.body).toBe(422);
      expect(late.json()).toMatchObject({
        code: 'FILING_TOO_LATE',
        message: expect.stringContaining('受理开始前'),
      });
    }
    expect((await unitHandler.get('/api/v1/self-recognition/batches')).json()).toEqual([]);
  });

  it('a filed batch stays closed until the filing is accepted; then staff are routed to the unit', async () => {
    const r = await unitHandler.post(`/api/v1/self-recognition/units/${unitId}/batches`, filing());
    expect(r.statusCode, r.body).toBe(201);
    batch = r.json();
    expect(batch.filingStatus).toBe('pending');
    const before = (await engineer.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
    expect(before.agency.name).toBe('赣州稀土集团有限公司（自主评审）');
    expect(before.batches).toEqual([]);
    const early = await engineer.post('/api/v1/applications', {
      batchId: batch.id,
      targetLevel: 'assistant',
    });
    expect(early.statusCode).toBe(422);
    // The unit cannot accept its own filing.
    expect(
      (await unitHandler.post(`/api/v1/self-recognition/batches/${batch.id}/filing`, { accept: true }))
        .statusCode,
    ).toBe(403);
    const ok = await city.post(`/api/v1/self-recognition/batches/${batch.id}/filing`, { accept: true });
    // The public directory stays the notice's 21 agencies.
    const directory = (await city.get('/api/v1/agencies')).json<{ code: string }[]>();
    expect(directory).toHaveLength(21);
    expect(ok.json()).toMatchObject({ filingStatus: 'accepted', filingStatusName: '报备通过' });
    const accepted = (
      await engineer.get('/api/v1/applications/routing?targetLevel=assistant')
    ).json<Routing>();
    expect(accepted.batches.map((b) => [b.id, b.status])).toEqual([[batch.id, 'upcoming']]);
    // Opens on its filed day.
    t.clock.set('2026-11-20T09:00:00+08:00');
    engineer = await again(engineer);
    const after = (await engineer.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
    expect(after.batches.map((b) => [b.id, b.status])).toEqual([[batch.id, 'open']]);
    const app = await engineer.post('/api/v1/applications', { batchId: batch.id, targetLevel: 'assistant' });
    expect(app.statusCode, app.body).toBe(201);
    expect(app.json().agencyName).toBe('赣州稀土集团有限公司（自主评审）');
    // 员级 is outside its authorised levels: the regional agency (市本级 → the city office) takes it.
    const junior = (await engineer.get('/api/v1/applications/routing?targetLevel=junior')).json<Routing>();
    expect(junior.agency.name).toBe('赣州市职称工作办公室');
  });

  it("an accepted batch's dates change only by a new filing, and only before it opens", async () => {
    t.clock.set('2026-11-21T09:00:00+08:00');
    [city, unitHandler, engineer] = await Promise.all([again(city), again(unitHandler), again(engineer)]);
    const second = (
      await unitHandler.post(
        `/api/v1/self-recognition/units/${unitId}/batches`,
        filing({ number: 2, name: '2026年自主评审第二批', opensOn: '2026-12-01', closesOn: '2026-12-15' }),
      )
    ).json<FiledBatch>();
    await city.post(`/api/v1/self-recognition/batches/${second.id}/filing`, { accept: true });
    // The annual schedule's adjustment is for the annex agencies; it cannot move a unit's batch.
    const moved = await city.put(
      `/api/v1/agencies/ZP${String(unitId).padStart(4, '0')}/batches/${second.id}`,
      {
        opensOn: '2026-11-25',
        closesOn: '2026-12-15',
        cutoffDate: '2026-12-31',
        reason: '提前',
      },
    );
    expect(moved.statusCode).toBe(404);
    // A new filing of the same batch with new dates: pending again, closed until accepted again.
    const refiled = await unitHandler.post(
      `/api/v1/self-recognition/units/${unitId}/batches`,
      filing({
        number: 2,
        name: '2026年自主评审第二批',
        opensOn: '2026-12-05',
        closesOn: '2026-12-20',
        filingDocument: '赣稀集团〔2026〕25号',
      }),
    );
    expect(refiled.statusCode, refiled.body).toBe(201);
    expect(refiled.json()).toMatchObject({
      id: second.id,
      opensOn: '2026-12-05',
      closesOn: '2026-12-20',
      filingStatus: 'pending',
      filingDocument: '赣稀集团〔2026〕25号',
      filingNote: null,
    });
    const routing = (
      await engineer.get('/api/v1/applications/routing?targetLevel=assistant')
    ).json<Routing>();
    expect(routing.batches.map((b) => b.id)).not.toContain(second.id);
    // The new dates too must be filed before they begin.
    const tooLate = await unitHandler.post(
      `/api/v1/self-recognition/units/${unitId}/batches`,
      filing({ number: 2, name: '2026年自主评审第二批', opensOn: '2026-11-21', closesOn: '2026-12-20' }),
    );
    expect(tooLate.json().code).toBe('FILING_TOO_LATE');
    // The first batch has opened: its dates stay as accepted.
    const opened = await unitHandler.post(
      `/api/v1/self-recognition/units/${unitId}/batches`,
      filing({ opensOn: '2026-12-01', closesOn: '2026-12-30' }),
    );
    expect(opened.statusCode).toBe(409);
    expect(opened.json().code).toBe('BATCH_OPENED');
    const first = (await city.get('/api/v1/self-recognition/batches'))
      .json<FiledBatch[]>()
      .find((b) => b.id === batch.id)!;
    expect(first).toMatchObject({ opensOn: '2026-11-20', closesOn: '2026-12-10', filingStatus: 'accepted' });
  });
});

describe('an enterprise applies to run its own recognition (四、（一））', () => {
  beforeAll(async () => {
    t.clock.set(START);
    [admin, city, zgBureau] = await Promise.all([again(admin), again(city), again(zgBureau)]);
  });

  it('the HR bureau above approves levels within its own authority; the firm then files its batches with that bureau', async () => {
    const bureauHandler = zgBureau;
    const bureau = await orgByName(admin, '章贡区职称改革领导小组办公室');
    const zg = await regionId(admin, '章贡区');
    const firm = await createOrg(bureauHandler, {
      parentId: bureau.id,
      kind: 'employer',
      name: '赣州章贡新能源科技有限公司',
      regionId: zg,
      ownership: 'state', // a scope for its engineers; 三、（六）'s non-state rule is not the point here
      employerKind: 'enterprise',
    });
    const firmClerk = await seatSession(bureauHandler, firm.id, 'handler', {
      name: '江人事',
      idNumber: idNumber('19890909', 612),
    });
    const body = {
      category: 'chainLeader',
      statement:
        '本公司为我市新能源产业链链主企业，符合《江西省链主企业和新型研发机构职称自主评审服务管理办法》条件',
      requestedLevels: ['assistant', 'intermediate'],
      contactPhone: '0797-8666666',
    };
    const applied = await firmClerk.post(`/api/v1/self-recognition/units/${firm.id}/applications`, body);
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ status: 'pending', categoryName: '链主企业/龙头企业' });
    expect(
      (await firmClerk.post(`/api/v1/self-recognition/units/${firm.id}/applications`, body)).json().code,
    ).toBe('APPLICATION_PENDING');
    // The firm cannot approve itself.
    const own = await firmClerk.post(`/api/v1/self-recognition/applications/${applied.json().id}/decision`, {
      approve: true,
      levels: ['assistant'],
    });
    expect(own.statusCode).toBe(403);
    // The annex gives the county 初级 only: it cannot authorise 中级.
    const beyond = await bureauHandler.post(
      `/api/v1/self-recognition/applications/${applied.json().id}/decision`,
      { approve: true, levels: ['assistant', 'intermediate'], scopeDescription: '助理级、中级' },
    );
    expect(beyond.statusCode, beyond.body).toBe(422);
    expect(beyond.json()).toMatchObject({
      code: 'BEYOND_AUTHORITY',
      message: expect.stringContaining('中级'),
    });
    expect(
      (await firmClerk.get('/api/v1/self-recognition/applications')).json<{ status: string }[]>()[0]!.status,
    ).toBe('pending');
    // Within its scope it grants fewer levels than asked.
    const ok = await bureauHandler.post(
      `/api/v1/self-recognition/applications/${applied.json().id}/decision`,
      {
        approve: true,
        levels: ['assistant'],
        scopeDescription: '本公司工程技术人员助理级',
      },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'approved',
      grantedLevels: ['assistant'],
      decidedBy: '刘经办',
    });
    // Its filed batch waits for the bureau's acceptance like any other.
    const filed = await firmClerk.post(`/api/v1/self-recognition/units/${firm.id}/batches`, {
      year: 2026,
      number: 1,
      name: '2026年自主评审第一批',
      opensOn: '2026-11-16',
      closesOn: '2026-11-30',
      cutoffDate: '2026-12-31',
      filingDocument: '章新能源〔2026〕3号',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    // 初级 is the county's authority: the filing is the county office's, not the city office's.
    const wrongOffice = await city.post(`/api/v1/self-recognition/batches/${filed.json().id}/filing`, {
      accept: true,
    });
    expect(wrongOffice.statusCode).toBe(403);
    expect(wrongOffice.json().message).toContain('章贡区职称改革领导小组办公室');
    const accepted = await bureauHandler.post(`/api/v1/self-recognition/batches/${filed.json().id}/filing`, {
      accept: true,
    });
    expect(accepted.json().filingStatus).toBe('accepted');
  });

  it('a county unit authorised for 中级 by the city office files with the city office, not the county', async () => {
    const bureau = await orgByName(admin, '章贡区职称改革领导小组办公室');
    const firm = await createOrg(zgBureau, {
      parentId: bureau.id,
      kind: 'employer',
      name: '赣州章贡稀土新材料研究院',
      regionId: await regionId(admin, '章贡区'),
      ownership: 'state',
      employerKind: 'enterprise',
    });
    const firmClerk = await seatSession(zgBureau, firm.id, 'handler', {
      name: '彭人事',
      idNumber: idNumber('19870707', 613),
    });
    const auth = await city.post(`/api/v1/self-recognition/units/${firm.id}/authorise`, {
      levels: ['assistant', 'intermediate'],
      phone: '0797-8777777',
      scopeDescription: '本院科研人员助理级、中级',
    });
    expect(auth.statusCode, auth.body).toBe(201);
    const filed = await firmClerk.post(`/api/v1/self-recognition/units/${firm.id}/batches`, {
      year: 2026,
      number: 1,
      name: '2026年自主评审第一批',
      opensOn: '2026-11-16',
      closesOn: '2026-11-30',
      cutoffDate: '2026-12-31',
      filingDocument: '赣稀研〔2026〕1号',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const county = await zgBureau.post(`/api/v1/self-recognition/batches/${filed.json().id}/filing`, {
      accept: true,
    });
    expect(county.statusCode).toBe(403);
    expect(county.json().message).toContain('赣州市职称工作办公室');
    const ok = await city.post(`/api/v1/self-recognition/batches/${filed.json().id}/filing`, {
      accept: true,
    });
    expect(ok.json().filingStatus).toBe('accepted');
  });
});

describe('三、（六）at approval (issue 11 item 4)', () => {
  beforeAll(async () => {
    t.clock.set(START);
    [admin, city, zgBureau] = await Promise.all([again(admin), again(city), again(zgBureau)]);
  });

  it('a scope that could only produce refused applications (工程 for a non-state enterprise) is refused', async () => {
    const bureau = await orgByName(admin, '章贡区职称改革领导小组办公室');
    const firm = await createOrg(zgBureau, {
      parentId: bureau.id,
      kind: 'employer',
      name: '赣州章贡民营机械有限公司',
      regionId: await regionId(admin, '章贡区'),
      ownership: 'nonState',
      employerKind: 'enterprise',
    });
    const firmClerk = await seatSession(zgBureau, firm.id, 'handler', {
      name: '邝人事',
      idNumber: idNumber('19880808', 681),
    });
    const applied = await firmClerk.post(`/api/v1/self-recognition/units/${firm.id}/applications`, {
      category: 'chainLeader',
      statement: '本公司为我市装备制造产业链链主企业',
      requestedLevels: ['assistant'],
      contactPhone: '0797-8666667',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const decide = (b: Record<string, unknown>) =>
      zgBureau.post(`/api/v1/self-recognition/applications/${applied.json().id}/decision`, {
        approve: true,
        levels: ['assistant'],
        ...b,
      });
    // By the series its scope names …
    const named = await decide({ scopeDescription: '本公司工程技术人员助理级' });
    expect(named.statusCode).toBe(422);
    expect(named.json()).toMatchObject({ code: 'SCOPE_NOT_RECOGNISABLE' });
    expect(named.json().message).toMatch(/非国有企业工程技术专业技术资格不组织考核认定（三、（六））/);
    // … or by code; a 以考代评 series adds nothing recognisable.
    const byCode = await decide({ seriesCodes: ['engineering', 'accounting'] });
    expect(byCode.statusCode).toBe(422);
    expect(byCode.json().message).toMatch(/会计系列已实行“以考代评”/);
    expect((await decide({ seriesCodes: ['nope'] })).json().code).toBe('UNKNOWN_SERIES');
    // A scope with a series its staff can be recognised in is approved.
    const ok = await decide({
      seriesCodes: ['engineering', 'laboratory'],
      scopeDescription: '本公司实验技术人员',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved' });
  });

  it('a title office authorising a unit directly is held to the same check', async () => {
    const bureau = await orgByName(admin, '章贡区职称改革领导小组办公室');
    const firm = await createOrg(zgBureau, {
      parentId: bureau.id,
      kind: 'employer',
      name: '赣州章贡民营电机有限公司',
      regionId: await regionId(admin, '章贡区'),
      ownership: 'nonState',
      employerKind: 'enterprise',
    });
    const authorise = (b: Record<string, unknown>) =>
      city.post(`/api/v1/self-recognition/units/${firm.id}/authorise`, {
        levels: ['assistant'],
        phone: '0797-8666668',
        scopeDescription: '本公司工程技术人员',
        ...b,
      });
    const refused = await authorise({});
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'SCOPE_NOT_RECOGNISABLE' });
    expect((await authorise({ seriesCodes: ['engineering'] })).json().code).toBe('SCOPE_NOT_RECOGNISABLE');
    const ok = await authorise({ seriesCodes: ['engineering', 'laboratory'] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ levels: ['assistant'] });
  });
});
