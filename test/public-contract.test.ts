import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import type { Agency, Series } from '../src/contract/public.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

// The annex of 赣市人社字〔2026〕5号, verbatim.
const ANNEX: [string, string][] = [
  ['赣州市职称工作办公室', '0797-8179808'],
  ['章贡区职称改革领导小组办公室', '0797-8199235'],
  ['赣县区职称工作办公室', '0797-7246213'],
  ['南康区人力资源和社会保障局', '0797-6608503'],
  ['信丰县职称改革领导小组办公室', '0797-7101628'],
  ['崇义县职称改革领导小组办公室', '0797-3812571'],
  ['上犹县人力资源和社会保障局', '0797-7132991'],
  ['大余县职称改革领导小组办公室', '0797-8716569'],
  ['安远县职称改革领导小组办公室', '0797-3724851'],
  ['龙南市职称改革领导小组办公室', '0797-3579628'],
  ['全南县职称改革领导小组办公室', '0797-7177810'],
  ['定南县职称改革领导小组办公室', '0797-4289708'],
  ['宁都县职称改革领导小组办公室', '0797-6938502'],
  ['于都县职称改革领导小组办公室', '0797-6335709'],
  ['瑞金市职称改革领导小组办公室', '0797-2557203'],
  ['会昌县人力资源和社会保障局', '0797-5622649'],
  ['兴国县职称改革领导小组办公室', '0797-5326320'],
  ['石城县职称工作办公室', '0797-5700927'],
  ['寻乌县职称改革领导小组', '0797-2852578'],
  ['赣州经济技术开发区党群工作部', '0797-8373087'],
  ['赣州蓉江新区党群工作部', '0797-8165096'],
];

describe('public contract', () => {
  it('GET /health names the database', async () => {
    const res = await t.app.inject('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'ok',
      database: inject('dbTemplate').kind,
      version: expect.any(String),
    });
  });

  it('GET /agencies lists the 21 agencies of the annex with exact phones, four windows and cutoffs', async () => {
    const res = await t.app.inject('/api/v1/agencies');
    expect(res.statusCode).toBe(200);
    const agencies = res.json<Agency[]>();
    expect(agencies.map((a) => [a.name, a.phone])).toEqual(ANNEX);
    for (const a of agencies) {
      expect(a.windows.map((w) => [w.batch, w.opens, w.closes, w.cutoffDate])).toEqual([
        [1, '2026-01-20', '2026-02-20', '2026-03-31'],
        [2, '2026-04-20', '2026-05-20', '2026-06-30'],
        [3, '2026-07-20', '2026-08-20', '2026-09-30'],
        [4, '2026-10-20', '2026-11-20', '2026-12-31'],
      ]);
    }
    const city = agencies[0]!;
    expect(city.scope.levels).toEqual(['junior', 'assistant', 'intermediate']);
    expect(city.scope.regionName).toBe('赣州市');
    expect(city.scope.rules).toEqual([
      { levels: ['intermediate'], regionName: '赣州市', regionCode: '360700' },
      { levels: ['junior', 'assistant'], regionName: '市本级', regionCode: '3607SB' },
    ]);
    const zhanggong = agencies[1]!;
    expect(zhanggong.scope).toMatchObject({ levels: ['junior', 'assistant'], regionName: '章贡区' });
  });

  it('window status follows the clock in Asia/Shanghai, last day inclusive', async () => {
    t.clock.set('2026-11-20T23:59:59+08:00');
    let w = (await t.app.inject('/api/v1/agencies')).json<Agency[]>()[0]!.windows[3]!;
    expect(w.status).toBe('open');
    expect(w.closesAt).toBe('2026-11-20T23:59:59.999+08:00');
    t.clock.set('2026-11-21T00:00:00+08:00');
    w = (await t.app.inject('/api/v1/agencies')).json<Agency[]>()[0]!.windows[3]!;
    expect(w.status).toBe('closed');
  });

  it('GET /agencies?year=2027 has no windows yet; a bad year is a 400 naming the field', async () => {
    const res = await t.app.inject('/api/v1/agencies?year=2027');
    expect(res.json<Agency[]>()[0]!.windows).toEqual([]);
    const bad = await t.app.inject('/api/v1/agencies?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
  });

  it('GET /series follows the catalogue, with 本科 for the eight series of 三、（一）', async () => {
    const series = (await t.app.inject('/api/v1/series')).json<Series[]>();
    const byCode = new Map(series.map((s) => [s.code, s]));
    expect(byCode.get('engineering')).toMatchObject({
      name: expect.stringContaining('工程'),
      minEducation: 'secondary',
      examBased: false,
      levels: { junior: '技术员', assistant: '助理工程师', intermediate: '工程师' },
    });
    expect(byCode.get('schoolTeacher')).toMatchObject({ practiceLicence: '教师资格' });
    expect(byCode.get('vocationalTeacher')?.minEducation).toBe('bachelor');
    const bachelor = series.filter((s) => s.minEducation === 'bachelor').map((s) => s.name);
    expect(bachelor.length).toBeGreaterThanOrEqual(8);
    expect(series.find((s) => s.name.includes('会计'))?.examBased).toBe(true);
    for (const s of series) expect(s.specialties.length).toBeGreaterThan(0);
  });

  it('publishes the notice as a policy document', async () => {
    const list = (await t.app.inject('/api/v1/policy-documents')).json<
      { id: number; documentNumber: string }[]
    >();
    const notice = list.find((d) => d.documentNumber === '赣市人社字〔2026〕5号');
    expect(notice).toBeDefined();
    const doc = (await t.app.inject(`/api/v1/policy-documents/${notice!.id}`)).json<{ body: string }>();
    expect(doc.body).toContain('非国有企业工程专业技术资格不组织考核认定');
    expect(doc.body).toContain('0797-8165096');
  });

  it('serves OpenAPI for the whole API', async () => {
    const res = await t.app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: object }>().paths);
    for (const p of [
      '/api/v1/health',
      '/api/v1/agencies',
      '/api/v1/series',
      '/api/v1/auth/login',
      '/api/v1/organisations/{id}/seats/{role}',
    ]) {
      expect(paths).toContain(p);
    }
  });

  it('answers unknown routes and bad JSON with the error shape', async () => {
    const res = await t.app.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('接口不存在') });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
