/** 一、: a self-recognition unit's own batch opens only after its filing (报备) was accepted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, adminSession, firstLogin } from './helpers/session.js';
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

beforeAll(async () => {
  t = await createTestApp({}, '2026-11-10T10:00:00+08:00');
  admin = await adminSession(t);
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
  it('cannot set up a batch before the title office authorised the unit', async () => {
    const r = await unitHandler.post(`/api/v1/self-recognition/units/${unitId}/batches`, {
      year: 2026,
      number: 1,
      name: '2026年自主评审第一批',
      opensOn: '2026-11-01',
      closesOn: '2026-11-30',
      cutoffDate: '2026-12-31',
      filingDocument: '赣稀集团〔2026〕18号',
    });
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

  it('a filed batch stays closed until the filing is accepted; then staff are routed to the unit', async () => {
    const r = await unitHandler.post(`/api/v1/self-recognition/units/${unitId}/batches`, {
      year: 2026,
      number: 1,
      name: '2026年自主评审第一批',
      opensOn: '2026-11-01',
      closesOn: '2026-11-30',
      cutoffDate: '2026-12-31',
      filingDocument: '赣稀集团〔2026〕18号',
    });
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
    const after = (await engineer.get('/api/v1/applications/routing?targetLevel=assistant')).json<Routing>();
    expect(after.batches.map((b) => [b.id, b.status])).toEqual([[batch.id, 'open']]);
    const app = await engineer.post('/api/v1/applications', { batchId: batch.id, targetLevel: 'assistant' });
    expect(app.statusCode, app.body).toBe(201);
    expect(app.json().agencyName).toBe('赣州稀土集团有限公司（自主评审）');
    // 员级 is outside its authorised levels: the regional agency (市本级 → the city office) takes it.
    const junior = (await engineer.get('/api/v1/applications/routing?targetLevel=junior')).json<Routing>();
    expect(junior.agency.name).toBe('赣州市职称工作办公室');
  });
});

describe('an enterprise applies to run its own recognition (四、（一））', () => {
  it('the HR bureau above approves and sets the levels; the firm then files its batches with that bureau', async () => {
    const bureau = await orgByName(admin, '章贡区职称改革领导小组办公室');
    const bureauHandler = await seatSession(admin, bureau.id, 'handler', {
      name: '刘经办',
      idNumber: idNumber('19800101', 611),
    });
    const zg = await regionId(admin, '章贡区');
    const firm = await createOrg(bureauHandler, {
      parentId: bureau.id,
      kind: 'employer',
      name: '赣州章贡新能源科技有限公司',
      regionId: zg,
      ownership: 'nonState',
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
    // The firm cannot approve itself; the bureau above grants fewer levels than asked.
    const own = await firmClerk.post(`/api/v1/self-recognition/applications/${applied.json().id}/decision`, {
      approve: true,
      levels: ['assistant'],
    });
    expect(own.statusCode).toBe(403);
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
      opensOn: '2026-11-01',
      closesOn: '2026-11-30',
      cutoffDate: '2026-12-31',
      filingDocument: '章新能源〔2026〕3号',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const accepted = await bureauHandler.post(`/api/v1/self-recognition/batches/${filed.json().id}/filing`, {
      accept: true,
    });
    expect(accepted.json().filingStatus).toBe('accepted');
  });
});
