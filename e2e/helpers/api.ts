/** Setting the scene through the public API, as the people concerned would (not through the database). */
// node:assert rather than vitest's expect: the benches set their scene with these helpers too.
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, addDays, addYears } from './harness.js';

export interface ApiSession {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
  /** multipart upload of one file (field `file`), to /uploads unless another route takes files. */
  upload(fileName: string, mimeType: string, content: Buffer, path?: string): Promise<{ id: number }>;
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
  assert.equal(login.status, 200, `${username}：登录失败（${login.status}）`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { 'x-csrf-token': csrfToken, cookie };
  const check = async <T>(res: Response) => {
    const text = await res.text();
    assert.ok(res.status < 300, `${res.status} ${res.url}: ${text}`);
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
    upload: async (fileName, mimeType, content, path = '/uploads') => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(content)], { type: mimeType }), fileName);
      return check(await fetch(baseUrl + '/api/v1' + path, { method: 'POST', headers, body: form }));
    },
  };
}

/** The server's today (YYYY-MM-DD, Asia/Shanghai), from its public schedule overview. */
export async function serverToday(baseUrl: string): Promise<string> {
  const res = await fetch(baseUrl + '/api/v1/schedules/overview');
  assert.equal(res.status, 200, 'GET /schedules/overview');
  return ((await res.json()) as { today: string }).today;
}

interface ScheduleBatch {
  id: number;
  number: number;
  name: string;
  opensOn: string;
  closesOn: string;
  cutoffDate: string;
  state: 'draft' | 'published' | 'cancelled';
  opened: boolean;
}
interface Schedule {
  year: number;
  status: 'draft' | 'published';
  agencies: { code: string; yearEndDeadline: string; batches: ScheduleBatch[] }[];
}

/** A batch open today, as `openWindowToday` left it; `label` is how the create dialog names it. */
export interface OpenWindow {
  id: number;
  year: number;
  name: string;
  label: string;
  opensOn: string;
  closesOn: string;
  cutoffDate: string;
}

const REASON = '浏览器测试：为当日受理的申报开放受理窗口';

/**
 * The city office makes one of the agency's batches of the current year open today, whatever the
 * date: the year's schedule is created from the latest year there is when missing (drafts that would
 * already be over are cancelled) and published; then the batch open now, else the next to open, else
 * the year's last one, is set to run from today (or its opening day) for about 20 days, within the
 * agency's year-end deadline unless fewer than 2 days of the year remain. An opened batch can only
 * be extended, up to its unchangeable cutoff; when that is not enough, a batch is added instead.
 * "Today" is the server's (so this holds on a moved clock, or a server started at another time).
 * The city office is the demo's `city_office` unless another session of that seat is given.
 */
export async function openWindowToday(
  baseUrl: string,
  agencyCode = 'GZ02',
  cityOffice?: ApiSession,
): Promise<OpenWindow> {
  const city = cityOffice ?? (await apiSession(baseUrl, 'city_office'));
  const today = await serverToday(baseUrl);
  const year = Number(today.slice(0, 4));
  const years = await city.get<{ year: number; status: string }[]>('/schedules');
  let schedule: Schedule;
  if (years.some((s) => s.year === year)) schedule = await city.get<Schedule>(`/schedules/${year}`);
  else {
    const source = Math.max(...years.map((s) => s.year));
    assert.ok(Number.isFinite(source), '没有任何年度的受理时间安排可复制');
    schedule = await city.send<Schedule>('POST', '/schedules', { year, sourceYear: source });
  }
  const agency = schedule.agencies.find((a) => a.code === agencyCode);
  assert.ok(agency, `${year}年受理时间安排中没有认定机构 ${agencyCode}`);
  const deadline = agency!.yearEndDeadline;
  // Fewer than 2 days left before the year-end deadline: the window runs past it, with a reason.
  const beyondYearEnd = addDays(today, 2) > deadline;
  const closesBy = beyondYearEnd ? addDays(today, 20) : min(addDays(today, 20), deadline);

  const batches = agency!.batches
    .filter((b) => b.state !== 'cancelled')
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn));
  const chosen =
    batches.find((b) => b.opensOn <= today && today <= b.closesOn) ??
    batches.find((b) => b.opensOn > today) ??
    batches.at(-1);
  const dates = chosen && windowFor(chosen, today, closesBy);
  let window: ScheduleBatch;
  if (chosen && dates) {
    const after = await city.send<Schedule>('PUT', `/agencies/${agencyCode}/batches/${chosen.id}`, {
      ...dates,
      beyondYearEnd: dates.closesOn > deadline,
      reason: REASON,
    });
    window = batchOf(after, agencyCode, (b) => b.id === chosen.id);
  } else {
    const after = await city.send<Schedule>('POST', `/schedules/${year}/batches`, {
      agencyCode,
      opensOn: today,
      closesOn: closesBy,
      cutoffDate: max(closesBy, `${year}-12-31`),
      beyondYearEnd: closesBy > deadline,
      reason: REASON,
    });
    window = batchOf(after, agencyCode, (b, all) => b.number === Math.max(...all.map((x) => x.number)));
  }

  if (schedule.status === 'draft') {
    // Publishing refuses a schedule with a window already over: cancel those drafts first.
    const draft = await city.get<Schedule>(`/schedules/${year}`);
    for (const a of draft.agencies)
      for (const b of a.batches)
        if (b.state === 'draft' && b.closesOn < today)
          await city.send('POST', `/agencies/${a.code}/batches/${b.id}/cancel`, {
            reason: `浏览器测试：${b.name}已过受理截止日期`,
          });
    await city.send('POST', `/schedules/${year}/publish`);
  }
  assert.ok(window.opensOn <= today && today <= window.closesOn, JSON.stringify(window));
  return {
    id: window.id,
    year,
    name: window.name,
    label: `${year}年${window.name}`,
    opensOn: window.opensOn,
    closesOn: window.closesOn,
    cutoffDate: window.cutoffDate,
  };
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/**
 * New dates putting `b` open today until `closesBy` (or later, if it already closes later), or null
 * when the rules for an opened batch (start not later, end not earlier, cutoff unchanged) forbid it.
 */
function windowFor(b: ScheduleBatch, today: string, closesBy: string) {
  const closesOn = max(b.closesOn, closesBy);
  if (!b.opened) return { opensOn: min(b.opensOn, today), closesOn, cutoffDate: max(b.cutoffDate, closesOn) };
  if (closesOn > b.cutoffDate) return null;
  return { opensOn: b.opensOn, closesOn, cutoffDate: b.cutoffDate };
}

function batchOf(
  s: Schedule,
  code: string,
  which: (b: ScheduleBatch, all: ScheduleBatch[]) => boolean,
): ScheduleBatch {
  const all = s.agencies.find((a) => a.code === code)!.batches;
  return all.find((b) => which(b, all))!;
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

/** The scans a teacher's application carries, by material (upload ids, in page order). */
export interface TeacherScans {
  idCard: number[];
  diploma: number[];
  licence: number[];
}

/**
 * A teacher's complete, eligible 助理级 form: 本科 graduated on `graduated`, teaching at the demo school
 * since the next day, 教师资格 with its scan. `duties` is free text (a test may mark a save with it).
 */
export function teacherForm(graduated: string, scans: TeacherScans, duties = '语文教学') {
  const workStart = addDays(graduated, 1);
  return {
    seriesCode: 'schoolTeacher',
    education: [
      {
        level: 'bachelor',
        fullTime: true,
        school: '赣南师范大学',
        major: '汉语言文学',
        graduationDate: graduated,
        degree: '文学学士',
        chsiCode: 'ABCD1234EFGH5678',
      },
    ],
    workHistory: [{ unit: '赣州市章贡区第一中学', from: workStart, to: null, professional: true, duties }],
    professionalWorkStart: workStart,
    majorRelated: true,
    practiceLicences: ['教师资格'],
    socialInsuranceConfirmed: true,
    commitmentSigned: true,
    materials: [
      { category: 'idCard', title: '身份证正反面', uploadIds: scans.idCard },
      { category: 'education', title: '本科毕业证书', uploadIds: scans.diploma },
      // 三、（五）: the series requires 教师资格 — its scan, not only its name.
      { category: 'practiceLicence', title: '教师资格证', uploadIds: scans.licence },
    ],
  };
}

/**
 * A demo teacher's complete, eligible 助理级 application in the window open today (see
 * `openWindowToday`), submitted: 本科 graduated two years before today (by default), teaching since.
 */
export async function submitTeacherApplication(baseUrl: string, username: string, graduation?: string) {
  const graduated = graduation ?? addYears(await serverToday(baseUrl), -2);
  const s = await apiSession(baseUrl, username);
  const routing = await s.get<{ batches: { id: number; status: string }[] }>(
    '/applications/routing?targetLevel=assistant',
  );
  const open = routing.batches.find((b) => b.status === 'open');
  assert.ok(open, `${username} 的认定机构今天没有受理中的批次（先调用 openWindowToday）`);
  const draft = await s.send<{ id: number }>('POST', '/applications', {
    batchId: open!.id,
    targetLevel: 'assistant',
  });
  const idCard = await s.upload('身份证.png', 'image/png', PNG_1X1);
  const diploma = await s.upload('毕业证书.pdf', 'application/pdf', MINIMAL_PDF);
  const licence = await s.upload('教师资格证.png', 'image/png', PNG_1X1);
  await s.send(
    'PUT',
    `/applications/${draft.id}/form`,
    teacherForm(graduated, { idCard: [idCard.id], diploma: [diploma.id], licence: [licence.id] }),
  );
  return s.send<{ id: number; number: string }>('POST', `/applications/${draft.id}/submit`);
}
