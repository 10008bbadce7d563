/**
 * Issue 12 item 5 (first part): one instance of `npm run cluster` is killed (SIGKILL) in the middle of
 * a burst of draft saves, submissions and uploads sent through the balancer by applicants who, like a
 * browser's user, send a request again when it fails on the wire. Once the instance is back:
 *  - no acknowledged write is lost: each application holds the marker of its last acknowledged save
 *    (or of a later save that failed on the wire: it may have committed before the kill), and a
 *    submitted one's frozen version holds what its working copy holds; every acknowledged submission
 *    left its application submitted exactly once (one version, one audit row), one sent again after
 *    it had committed is answered 409; every acknowledged upload's row is there and its file in the
 *    store with its SHA-256, served by the restarted instance too;
 *  - nothing is orphaned: every upload row's file is in the store and intact, and no temporary file
 *    is left (the restarted instance removes what the killed one left half-written). The store is
 *    content-addressed and written before the row's transaction commits, so that a row never points
 *    at a missing file: a file whose transaction did not commit (killed, or a submission refused after
 *    its combined PDFs were stored) stays as a file no row refers to. That is tolerated — harmless,
 *    and reused by the next upload of the same content — and counted in the summary, not hidden;
 *  - the audit log verifies once the sealers have caught up, with a row for every acknowledged write.
 * PostgreSQL only: several processes on one database.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from './helpers/test-app.js';
import { type Session, TEST_PASSWORD, adminSession, firstLogin } from './helpers/session.js';
import { buildChain, idNumber, importSocialInsurance, mobile, orgByName } from './helpers/fixtures.js';
import { type Cluster, healthy, startCluster } from './helpers/cluster.js';
import { testAuditKey } from './helpers/test-audit-key.js';
import {
  MINIMAL_PDF,
  PNG_1X1,
  type TeacherScans,
  apiSession,
  openWindowToday,
  serverToday,
  teacherForm,
} from '../e2e/helpers/api.js';
import { addYears } from '../e2e/helpers/harness.js';
import { applicationVersions, applications, auditLog, uploads } from '../src/server/db/schema.js';
import { verifyAuditChain } from '../src/server/modules/audit/audit-repository.js';
import { sha256Of } from '../src/server/storage/file-storage.js';

const APPLICANTS = 30;
const port = 5000 + Math.floor(Math.random() * 300);
const killed = port + 1; // the first instance

interface Applicant {
  i: number;
  appId: number;
  accountId: number;
  cookie: string;
  csrf: string;
  scans: TeacherScans;
}
type Kind = 'save' | 'upload' | 'submit';
/** acknowledged: 2xx with its body; refused: 4xx; failed: lost on the wire (reset, or the balancer's 503); error: a 5xx from the app. */
type Outcome = 'acknowledged' | 'refused' | 'failed' | 'error';
interface Attempt {
  applicant: number;
  appId: number;
  kind: Kind;
  /** The operation (a save's marker, an upload's or a submission's name); retries share it. */
  op: string;
  /** The order in which the applicant issued the operation. */
  order: number;
  attempt: number;
  outcome: Outcome;
  status: number | null;
  code?: string;
  body?: unknown;
  error?: string;
}

const markerOf = (form: unknown) =>
  /K\d+-\d+/.exec((form as { workHistory?: { duties?: string }[] }).workHistory?.[0]?.duties ?? '')?.[0] ??
  null;
const duties = (marker: string) => `语文教学、班主任工作（${marker}）`;

/** A distinct PDF per applicant and operation (a comment line makes it so), of a scan's modest size. */
function scanPdf(applicant: number, n: number): Buffer {
  const text = MINIMAL_PDF.toString('latin1');
  const comment = `%zc-burst ${applicant}-${n} ${'x'.repeat(12_000 + ((applicant * 7 + n) % 13) * 500)}\n`;
  return Buffer.from(text.replace('%PDF-1.4\n', `%PDF-1.4\n${comment}`), 'latin1');
}

function multipart(content: Buffer, fileName: string, mimeType: string) {
  const boundary = `zc-burst-${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `content-type: ${mimeType}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

type Raw = { status: number; text: string } | { error: string };

/** One request on a new connection through the balancer (it hands out connections, not requests). */
function send(a: Applicant, method: 'PUT' | 'POST', path: string, body: Buffer, contentType: string) {
  return new Promise<Raw>((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1' + path,
        method,
        agent: false,
        timeout: 30_000,
        headers: {
          cookie: a.cookie,
          'x-csrf-token': a.csrf,
          'content-type': contentType,
          'content-length': body.length,
        },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', (e) => resolve({ error: e.message }));
        res.on('close', () => res.complete || resolve({ error: 'response cut off' }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

function classify(raw: Raw): Pick<Attempt, 'outcome' | 'status' | 'code' | 'body' | 'error'> {
  if ('error' in raw) return { outcome: 'failed', status: null, error: raw.error };
  const { status, text } = raw;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300)
    return body === undefined
      ? { outcome: 'failed', status, error: 'no body' }
      : { outcome: 'acknowledged', status, body };
  // The balancer's own answer when no instance is up: the request reached none.
  if (status === 503 && text.includes('服务暂不可用')) return { outcome: 'failed', status };
  const code = (body as { code?: string } | undefined)?.code;
  if (status >= 400 && status < 500) return { outcome: 'refused', status, code };
  return { outcome: 'error', status, code, body: body ?? text };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The files under the store's root (not the test app's keys directory beside them). */
function filesIn(root: string): string[] {
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((n) => !n.startsWith('keys') && statSync(join(root, n), { throwIfNoEntry: false })?.isFile());
}

/** The uploads a submitted version refers to: its files, and each material's combined PDF. */
function uploadIdsOfVersion(snapshot: unknown): number[] {
  const v = snapshot as { files: { id: number }[]; materials: { combined: { uploadId: number } }[] };
  return [...v.files.map((f) => f.id), ...v.materials.map((m) => m.combined.uploadId)];
}

describe.runIf(Boolean(process.env.DATABASE_URL))(
  'SIGKILL of an instance during a burst (PostgreSQL)',
  () => {
    let t: TestApp | undefined;
    let cluster: Cluster | undefined;
    let scratch: string | undefined;
    afterAll(async () => {
      await cluster?.stop();
      await t?.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    it('loses no acknowledged write, orphans no row or file, and the audit log verifies', async () => {
      const started = Date.now();
      const lap = (what: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
      // The app here (setting the scene, reading the database afterwards) runs on the machine's clock,
      // as the cluster's instances do.
      t = await createTestApp({}, new Date().toISOString());
      scratch = mkdtempSync(join(tmpdir(), 'zc-kill-burst-'));
      const admin = await adminSession(t); // before the instances start (they would create one)
      const env = {
        ...process.env,
        ...t.cliEnv,
        // One store for the instances and this test (content-addressed files), keys out of the way.
        FILES_DIR: t.filesDir,
        DATA_DIR: scratch,
        SIGNING_KEYS_DIR: join(scratch, 'keys'),
        LOG_LEVEL: 'silent',
      };
      cluster = startCluster({ instances: 2, port, env });

      // While the instances start, on the app here: the county's chain (章贡区, its school), the city
      // office opening a window today, and the applicants, each with a complete draft that can be
      // submitted.
      const chain = await buildChain(admin);
      const cityOrg = await orgByName(admin, '赣州市职称工作办公室');
      const office = await admin.post('/api/v1/accounts', {
        person: { name: '钟市职办', idNumber: idNumber('19800101', 499, '360700'), mobile: mobile() },
        role: 'city_office',
        organisationId: cityOrg.id,
      });
      expect(office.statusCode, office.body).toBe(201);
      const city = await firstLogin(t.app, office.json().username, office.json().initialPassword);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const local = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      await openWindowToday(local, 'GZ02', await apiSession(local, city.me.username, TEST_PASSWORD));
      const graduated = addYears(await serverToday(local), -2);
      lap('chain, and a window open today');
      const clerk = chain.schoolHandler;
      const school = chain.school.id;
      const people = Array.from({ length: APPLICANTS }, (_, i) => ({
        name: `突发${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`,
        idNumber: idNumber('19930817', 500 + i),
      }));
      await importSocialInsurance(
        chain.bureauHandler,
        people.map((p) => [p.name, p.idNumber, '赣州市章贡区第一中学', 36]),
      );
      const prepare = async (i: number): Promise<Applicant> => {
        const res = await clerk.post(`/api/v1/employers/${school}/applicants`, {
          ...people[i]!,
          mobile: mobile(),
        });
        expect(res.statusCode, res.body).toBe(201);
        const created = res.json<{
          applicant: { username: string; accountId: number };
          initialPassword: string;
        }>();
        const s: Session = await firstLogin(t!.app, created.applicant.username, created.initialPassword);
        const routing = (await s.get('/api/v1/applications/routing?targetLevel=assistant')).json<{
          batches: { id: number; status: string }[];
        }>();
        const batch = routing.batches.find((b) => b.status === 'open')!;
        const draft = await s.post('/api/v1/applications', { batchId: batch.id, targetLevel: 'assistant' });
        expect(draft.statusCode, draft.body).toBe(201);
        const appId = draft.json<{ id: number }>().id;
        const up = async (content: Buffer, name: string) => {
          const r = await s.upload('/api/v1/uploads', content, name);
          expect(r.statusCode, r.body).toBe(201);
          return r.json<{ id: number }>().id;
        };
        const scans = {
          idCard: [await up(PNG_1X1, '身份证.png')],
          diploma: [await up(MINIMAL_PDF, '毕业证书.pdf')],
          licence: [await up(PNG_1X1, '教师资格证.png')],
        };
        const saved = await s.put(
          `/api/v1/applications/${appId}/form`,
          teacherForm(graduated, scans, duties(`K${appId}-0`)),
        );
        expect(saved.statusCode, saved.body).toBe(200);
        return {
          i,
          appId,
          accountId: created.applicant.accountId,
          cookie: s.cookie,
          csrf: s.me.csrfToken,
          scans,
        };
      };
      const applicants: Applicant[] = [];
      for (let i = 0; i < APPLICANTS; i += 4)
        applicants.push(
          ...(await Promise.all([i, i + 1, i + 2, i + 3].filter((k) => k < APPLICANTS).map(prepare))),
        );
      lap(`${APPLICANTS} applicants with complete drafts`);
      await cluster.ready();
      const victim = cluster.pidOf(killed);
      lap(`cluster up (:${killed} is process ${victim})`);

      // The burst. Each applicant saves and uploads (each save carrying the scans uploaded so far),
      // two to five requests, and then either submits, or saves and submits at the same moment (an
      // autosave as the button is pressed), or saves once more and stays a draft: so submissions are
      // under way when the instance dies too. A request lost on the wire is sent again, as a browser's
      // user would (at most 5 times); a submission refused because the form changed under it is
      // pressed again.
      const attempts: Attempt[] = [];
      const acknowledgedUploads: { applicant: Applicant; id: number; sha256: string }[] = [];
      const plans = ['submit', 'race', 'draft'] as const;
      const planOf = (a: Applicant) => ({ final: plans[a.i % 3]!, steps: 2 + (Math.floor(a.i / 3) % 4) });
      const planned = applicants.map(planOf).reduce((n, p) => n + p.steps + (p.final === 'race' ? 2 : 1), 0);
      const killAt = Math.round(planned * 0.4);
      let killedAfter = -1;
      let leftByKilled = 0;
      const call = async (a: Applicant, kind: Kind, op: string, order: number, go: () => Promise<Raw>) => {
        for (let attempt = 1; ; attempt++) {
          const r: Attempt = {
            applicant: a.i,
            appId: a.appId,
            kind,
            op,
            order,
            attempt,
            ...classify(await go()),
          };
          attempts.push(r);
          if (killedAfter < 0 && attempts.length >= killAt) {
            killedAfter = attempts.length;
            process.kill(victim, 'SIGKILL');
            // What the killed instance left half-written (its temporary files name it), before the
            // restarted one clears it.
            setTimeout(() => {
              leftByKilled = filesIn(t!.filesDir).filter((n) => n.includes(`.${victim}@`)).length;
            }, 300);
          }
          if (r.outcome !== 'failed' || attempt === 5) return r;
          await sleep(200 * attempt);
        }
      };
      const burst = async (a: Applicant) => {
        const diploma = [...a.scans.diploma];
        let order = 0;
        let n = 0;
        const think = () => sleep(Math.random() * 40);
        const save = async () => {
          const marker = `K${a.appId}-${++n}`;
          const body = Buffer.from(
            JSON.stringify(teacherForm(graduated, { ...a.scans, diploma: [...diploma] }, duties(marker))),
          );
          await call(a, 'save', marker, ++order, () =>
            send(a, 'PUT', `/applications/${a.appId}/form`, body, 'application/json'),
          );
        };
        const upload = async () => {
          const content = scanPdf(a.i, order);
          const { body, contentType } = multipart(content, `scan-${a.i}-${order}.pdf`, 'application/pdf');
          const r = await call(a, 'upload', `scan-${a.i}-${order}`, ++order, () =>
            send(a, 'POST', '/uploads', body, contentType),
          );
          if (r.outcome !== 'acknowledged') return;
          const { id, sha256 } = r.body as { id: number; sha256: string };
          expect(sha256).toBe(sha256Of(content));
          acknowledgedUploads.push({ applicant: a, id, sha256 });
          diploma.push(id);
        };
        const submit = async () => {
          const mine = ++order;
          for (let press = 1; press <= 3; press++) {
            const r = await call(a, 'submit', `submit-${press}`, mine, () =>
              send(a, 'POST', `/applications/${a.appId}/submit`, Buffer.from('{}'), 'application/json'),
            );
            if (r.outcome !== 'refused' || r.code !== 'FORM_CHANGED') return;
            await think();
          }
        };
        const { final, steps } = planOf(a);
        for (let step = 0; step < steps; step++) {
          await think();
          await (step % 2 ? upload() : save());
        }
        await think();
        if (final === 'submit') await submit();
        else if (final === 'race') await Promise.all([save(), submit()]);
        else await save();
      };
      await Promise.all(applicants.map(burst));
      lap(`burst done: ${attempts.length} requests, the instance killed after ${killedAfter}`);
      expect(killedAfter, 'the kill happened during the burst').toBeGreaterThan(0);
      // And it caught requests in flight (answered by no one: their clients sent them again).
      expect(attempts.filter((r) => r.outcome === 'failed').length).toBeGreaterThan(0);

      // The cluster starts the killed instance again; it serves the acknowledged uploads from the store.
      const until = Date.now() + 60_000;
      while (cluster.startsOf(killed).length < 2 && Date.now() < until) await sleep(200);
      expect(cluster.startsOf(killed).length, 'the killed instance came back').toBe(2);
      await healthy(killed);
      lap('killed instance back');
      for (const u of acknowledgedUploads) {
        const res = await fetch(`http://127.0.0.1:${killed}/api/v1/uploads/${u.id}/content`, {
          headers: { cookie: u.applicant.cookie },
        });
        expect(res.status, `upload ${u.id}`).toBe(200);
        expect(sha256Of(Buffer.from(await res.arrayBuffer()))).toBe(u.sha256);
      }

      // The summary: outcomes per kind of request (retries counted as their own requests).
      const count = (k: Kind, o: Outcome) => attempts.filter((r) => r.kind === k && r.outcome === o).length;
      const table = (['save', 'upload', 'submit'] as Kind[]).map((k) => ({
        request: k,
        acknowledged: count(k, 'acknowledged'),
        refused: count(k, 'refused'),
        failed: count(k, 'failed'),
        error: count(k, 'error'),
        retries: attempts.filter((r) => r.kind === k && r.attempt > 1).length,
      }));
      const refusedCodes = attempts
        .filter((r) => r.outcome === 'refused')
        .reduce<Record<string, number>>(
          (m, r) => ({
            ...m,
            [`${r.kind} ${r.status} ${r.code}`]: (m[`${r.kind} ${r.status} ${r.code}`] ?? 0) + 1,
          }),
          {},
        );

      // No answer from the app was a 5xx.
      expect(attempts.filter((r) => r.outcome === 'error')).toEqual([]);
      // Every operation got an answer in the end (none left failing on the wire after the retries).
      const ops = new Map<string, Attempt[]>();
      for (const r of attempts) ops.set(`${r.appId} ${r.op}`, [...(ops.get(`${r.appId} ${r.op}`) ?? []), r]);
      expect([...ops.values()].filter((rs) => rs.at(-1)!.outcome === 'failed')).toEqual([]);

      const db = t.ctx.db;
      const appIds = applicants.map((a) => a.appId);
      const apps = new Map(
        (await db.select().from(applications).where(inArray(applications.id, appIds))).map((r) => [r.id, r]),
      );
      const versions = await db
        .select()
        .from(applicationVersions)
        .where(inArray(applicationVersions.applicationId, appIds));
      const audits = await db
        .select()
        .from(auditLog)
        .where(
          inArray(auditLog.action, ['application.form_saved', 'application.submitted', 'upload.created']),
        );
      let submittedUnacknowledged = 0;
      for (const a of applicants) {
        const app = apps.get(a.appId)!;
        const mine = attempts.filter((r) => r.appId === a.appId);
        const saves = mine.filter((r) => r.kind === 'save');
        // (1) The working copy holds the last acknowledged save, or a later one lost on the wire.
        const acknowledged = saves.filter((r) => r.outcome === 'acknowledged');
        const last = acknowledged.reduce((m, r) => Math.max(m, r.order), 0);
        const allowed = new Set([
          last ? acknowledged.find((r) => r.order === last)!.op : `K${a.appId}-0`,
          ...saves.filter((r) => r.order > last && r.outcome === 'failed').map((r) => r.op),
        ]);
        expect(allowed, `application ${a.appId}: its form`).toContain(markerOf(app.form));
        // Each acknowledged save has its audit row (the one that brought its marker in); no row without a request.
        const saveRows = audits.filter(
          (r) => r.action === 'application.form_saved' && r.targetId === String(a.appId),
        );
        for (const s of acknowledged)
          expect(
            saveRows.some((r) => JSON.stringify(r.after).includes(`（${s.op}）`)),
            `audit row of save ${s.op}`,
          ).toBe(true);
        expect(saveRows.length).toBeGreaterThanOrEqual(acknowledged.length + 1); // and the scene's save
        expect(saveRows.length).toBeLessThanOrEqual(saves.filter((r) => r.outcome !== 'refused').length + 1);

        // Submissions: submitted at most once; an acknowledged one left it submitted, its version
        // holding the working copy (a save acknowledged before it is in it, none is lost after it).
        const submits = mine.filter((r) => r.kind === 'submit');
        const submitRows = audits.filter(
          (r) => r.action === 'application.submitted' && r.targetId === String(a.appId),
        );
        const mineVersions = versions.filter((v) => v.applicationId === a.appId);
        if (app.status === 'submitted') {
          expect(app).toMatchObject({ version: 1, stage: 'unit_handler' });
          expect(mineVersions).toHaveLength(1);
          expect(submitRows).toHaveLength(1);
          const snapshot = mineVersions[0]!.snapshot as { form: unknown };
          expect(markerOf(snapshot.form), `application ${a.appId}: the submitted version`).toBe(
            markerOf(app.form),
          );
          if (!submits.some((r) => r.outcome === 'acknowledged')) {
            // Committed, its answer lost with the instance: the retry was told it is already submitted.
            expect(submits.some((r) => r.outcome === 'failed')).toBe(true);
            submittedUnacknowledged++;
          }
        } else {
          expect(app.status).toBe('draft');
          expect(submits.filter((r) => r.outcome === 'acknowledged')).toEqual([]);
          expect(mineVersions).toEqual([]);
          expect(submitRows).toEqual([]);
        }
        for (const s of submits.filter((r) => r.outcome === 'acknowledged'))
          expect(s.body).toMatchObject({ status: 'submitted', version: 1 });
      }

      // Every acknowledged upload: its row, its audit row, its file intact in the store.
      const rows = await db.select().from(uploads);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const storage = t.ctx.storage; // the same directory as the instances'
      for (const u of acknowledgedUploads) {
        expect(byId.get(u.id), `upload ${u.id}`).toMatchObject({
          sha256: u.sha256,
          uploadedByAccountId: u.applicant.accountId,
        });
        expect(audits.some((r) => r.action === 'upload.created' && r.targetId === String(u.id))).toBe(true);
      }
      // (2) No orphan row: every upload row's file is in the store and is what the row says.
      for (const r of rows)
        expect(sha256Of(await storage.read(r.sha256)), `upload ${r.id}'s file`).toBe(r.sha256);
      // Every version refers to upload rows that exist.
      for (const v of versions)
        for (const id of uploadIdsOfVersion(v.snapshot))
          expect(byId.has(id), `version of ${v.applicationId}: upload ${id}`).toBe(true);
      // And the store holds files under their content address and nothing else: no temporary file (the
      // restarted instance removed what the killed one left half-written). Files no row refers to are
      // counted (see above).
      const names = filesIn(t.filesDir);
      const blobs = names.flatMap((n) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})$/.exec(n)?.[1] ?? []);
      expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
      expect(names.length).toBe(blobs.length);
      const referenced = new Set(rows.map((r) => r.sha256));
      const unreferencedBlobs = blobs.filter((b) => !referenced.has(b)).length;
      // Upload rows of the applicants that no form or submitted version refers to (counted): a scan
      // uploaded just before the submission, not saved into the form, or one whose answer was lost
      // and that was sent again.
      const inUse = new Set([
        ...[...apps.values()].flatMap((app) =>
          ((app.form as { materials?: { uploadIds: number[] }[] }).materials ?? []).flatMap(
            (m) => m.uploadIds,
          ),
        ),
        ...versions.flatMap((v) => uploadIdsOfVersion(v.snapshot)),
      ]);
      const unattachedRows = rows.filter(
        (r) => applicants.some((a) => a.accountId === r.uploadedByAccountId) && !inUse.has(r.id),
      ).length;

      // (3) The audit log, once the sealers have caught up, verifies.
      let verified = await verifyAuditChain(db, testAuditKey);
      for (let i = 0; verified.pending > 0 && i < 100; i++) {
        await sleep(200);
        verified = await verifyAuditChain(db, testAuditKey);
      }
      expect(verified.problems).toEqual([]);
      expect(verified.pending).toBe(0);
      lap('checked');

      console.log(
        `\nSIGKILL during a burst: ${APPLICANTS} applicants, ${attempts.length} requests through the balancer; ` +
          `instance :${killed} (process ${victim}) killed after ${killedAfter}, started again as process ${cluster.pidOf(killed)}\n` +
          table
            .map(
              (r) =>
                `  ${r.request.padEnd(7)} acknowledged ${r.acknowledged}, refused ${r.refused}, failed ${r.failed}, error ${r.error} (retries ${r.retries})`,
            )
            .join('\n') +
          `\n  refused: ${JSON.stringify(refusedCodes)}` +
          `\n  submitted without an answer (committed, then the instance died; the retry was told 409): ${submittedUnacknowledged}` +
          `\n  store: ${blobs.length} files, ${unreferencedBlobs} referred to by no row (tolerated), 0 temporary ` +
          `(the killed instance left ${leftByKilled}, removed when it started again); ` +
          `upload rows attached to no form or version: ${unattachedRows}` +
          `\n  audit log: ${verified.rows} rows, ${verified.sealed} sealed, verified\n`,
      );
    }, 150_000);
  },
);
