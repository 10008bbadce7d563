/** Setting the scene through the public API, as the people concerned would (not through the database). */
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './harness.js';

export interface ApiSession {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
  upload(fileName: string, mimeType: string, content: Buffer): Promise<{ id: number }>;
}

export async function apiSession(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<ApiSession> {
  const login = await fetch(baseUrl + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status, username).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { 'x-csrf-token': csrfToken, cookie };
  const check = async <T>(res: Response) => {
    const text = await res.text();
    expect(res.status < 300, `${res.status} ${res.url}: ${text}`).toBe(true);
    return JSON.parse(text) as T;
  };
  return {
    get: async (path) => check(await fetch(baseUrl + '/api/v1' + path, { headers })),
    send: async (method, path, body) =>
      check(
        await fetch(baseUrl + '/api/v1' + path, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body ?? {}),
        }),
      ),
    upload: async (fileName, mimeType, content) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)], { type: mimeType }), fileName);
      return check(await fetch(baseUrl + '/api/v1/uploads', { method: 'POST', headers, body: form }));
    },
  };
}

/** Every 2026 window has closed by now: the city office moves 章贡区's 第四批 so that it is open today. */
export async function reopenFourthBatch(baseUrl: string) {
  const city = await apiSession(baseUrl, 'city_office');
  const agencies = (await (await fetch(baseUrl + '/api/v1/agencies')).json()) as {
    code: string;
    windows: { id: number; opens: string }[];
  }[];
  const agency = agencies.find((a) => a.code === 'GZ02')!;
  const fourth = [...agency.windows].sort((a, b) => a.opens.localeCompare(b.opens))[3]!;
  await city.send('PUT', `/agencies/GZ02/batches/${fourth.id}`, {
    opensOn: '2026-10-20',
    closesOn: '2026-12-20',
    cutoffDate: '2026-12-31',
  });
}

export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
);

/** A demo teacher's complete, eligible 助理级 application in the reopened 第四批, submitted. */
export async function submitTeacherApplication(baseUrl: string, username: string, graduation = '2024-06-30') {
  const s = await apiSession(baseUrl, username);
  const routing = await s.get<{ batches: { id: number; status: string }[] }>(
    '/applications/routing?targetLevel=assistant',
  );
  const draft = await s.send<{ id: number }>('POST', '/applications', {
    batchId: routing.batches.find((b) => b.status === 'open')!.id,
    targetLevel: 'assistant',
  });
  const idCard = await s.upload('身份证.png', 'image/png', PNG_1X1);
  const diploma = await s.upload('毕业证书.pdf', 'application/pdf', MINIMAL_PDF);
  await s.send('PUT', `/applications/${draft.id}/form`, {
    seriesCode: 'schoolTeacher',
    education: [
      {
        level: 'bachelor',
        fullTime: true,
        school: '赣南师范大学',
        major: '汉语言文学',
        graduationDate: graduation,
        degree: '文学学士',
        chsiCode: 'ABCD1234EFGH5678',
      },
    ],
    workHistory: [
      { unit: '赣州市章贡区第一中学', from: '2024-07-01', to: null, professional: true, duties: '语文教学' },
    ],
    professionalWorkStart: '2024-07-01',
    majorRelated: true,
    practiceLicences: ['教师资格'],
    socialInsuranceConfirmed: true,
    commitmentSigned: true,
    materials: [
      { category: 'idCard', title: '身份证正反面', uploadIds: [idCard.id] },
      { category: 'education', title: '本科毕业证书', uploadIds: [diploma.id] },
    ],
  });
  return s.send<{ id: number; number: string }>('POST', `/applications/${draft.id}/submit`);
}
