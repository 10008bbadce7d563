/**
 * Issue 13 item 4: no ID number in the logs. A run of real requests with every log line kept (trace
 * level): creating applicants, signing in by ID number (usernames default to it), a URL carrying an ID
 * number, a refused duplicate — then the captured log is searched for the ID numbers and mobiles used.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { maskPersonalNumbers, logRedaction } from '../src/server/plugins/log-redaction.js';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { adminSession, firstLogin } from './helpers/session.js';
import { buildChain, idNumber, importSocialInsurance, mobile } from './helpers/fixtures.js';

let t: TestApp;
let logged: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  logged = await buildApp({ ctx: t.ctx, serveWeb: false, logger: { level: 'trace', stream: sink } });
  await logged.ready();
});
afterAll(async () => {
  await logged?.close();
  await t?.close();
});

describe('the logs', () => {
  it('hold no ID number or mobile number in clear, after requests full of them', async () => {
    const admin = await adminSession(t);
    const chain = await buildChain(admin);
    const clerk = chain.schoolHandler;
    const people = [idNumber('19880808', 71), idNumber('19910101', 72)];
    const phones = [mobile(), mobile()];
    await importSocialInsurance(chain.bureauHandler, [
      ['赵日志', people[0]!, '赣州市章贡区第一中学', 36],
      ['钱日志', people[1]!, '赣州市章贡区第一中学', 36],
    ]);
    const created = [];
    for (let i = 0; i < people.length; i++) {
      const res = await logged.inject({
        method: 'POST',
        url: `/api/v1/employers/${chain.school.id}/applicants`,
        headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.me.csrfToken },
        payload: { name: ['赵日志', '钱日志'][i], idNumber: people[i], mobile: phones[i] },
      });
      expect(res.statusCode, res.body).toBe(201);
      created.push(res.json());
    }
    // The same person again: refused (a duplicate), and logged as such.
    const again = await logged.inject({
      method: 'POST',
      url: `/api/v1/employers/${chain.school.id}/applicants`,
      headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.me.csrfToken },
      payload: { name: '赵日志', idNumber: people[0], mobile: phones[0] },
    });
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    // Signing in by ID number, right and wrong, and a URL carrying one.
    const first = await firstLogin(logged, created[0].applicant.username, created[0].initialPassword);
    expect(first.me.username).toBeTruthy();
    await logged.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: people[1], password: 'not-the-password-1' },
    });
    await logged.inject({
      method: 'GET',
      url: `/api/v1/employers/${chain.school.id}/applicants?q=${people[1]}&mobile=${phones[1]}`,
      headers: { cookie: clerk.cookie },
    });

    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(10); // the run was logged at all
    // The URL was logged, masked as the pages show it.
    expect(text).toContain(maskPersonalNumbers(people[1]!));
    for (const secret of [...people, ...phones])
      expect(text.includes(secret), `${secret} in the logs`).toBe(false);
    expect(text).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
  });

  it('a database error is logged without what the statement was given', () => {
    const id = idNumber('19790203', 73);
    const cause = Object.assign(
      new Error(`duplicate key value violates unique constraint: (id_number)=(${id})`),
      {
        code: '23505',
        parameters: [id, '13912345678'],
      },
    );
    const error = Object.assign(
      new Error(`Failed query: insert into persons values ($1, $2)\nparams: ${id},13912345678`),
      {
        query: 'insert into persons values ($1, $2)',
        params: [id, '13912345678'],
        cause,
      },
    );
    const serialised = JSON.stringify(logRedaction.serializers.err(error));
    expect(serialised).not.toContain(id);
    expect(serialised).not.toContain('13912345678');
    expect(serialised).toContain('23505'); // what an operator needs is still there
    expect(serialised).toContain(maskPersonalNumbers(id));
  });
});
