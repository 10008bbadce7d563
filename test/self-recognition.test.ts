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

beforeAll(async () => {
  t = await createTestApp({}, '2026-11-10T10:00:00+08:00');
  const admin = await adminSession(t);
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
