/**
 * How the matrix calls each route: the path parameters, query and body for a target in the caller's
 * own chain (own), A1's peer (peer), chain B (other), or a record that does not exist (absent). Bodies
 * are valid, so that validation never answers in place of the access check; where a route would change
 * its target for good, the body is one that changes nothing (the same values again, a stale revision,
 * a draft that cannot be submitted) or the target is made again after it was used (`remake`).
 */
import type { LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from '../helpers/session.js';
import { idNumber, xlsx } from '../helpers/fixtures.js';
import type { TestApp } from '../helpers/test-app.js';
import { applications } from '../../src/server/db/schema.js';
import { eq } from 'drizzle-orm';
import { PNG, type Side, type World } from './world.js';
import type { Variant } from './route-access.js';

export type Target = Exclude<Variant, 'any'> | 'absent';
export const ABSENT_ID = 987_654;

export interface Call {
  params?: Record<string, string | number>;
  query?: Record<string, string | number>;
  body?: unknown;
  upload?: { content: Buffer; fileName: string };
  /** Sign in again as the actor and use that session (for routes that end or change the session). */
  fresh?: boolean;
}

export interface RouteCall {
  call: (target: Target | 'any', w: World, t: TestApp) => Call | Promise<Call>;
  /** Some routes answer 200 with a result per item: the first item's outcome as a status and code. */
  outcome?: (res: LightMyRequestResponse) => { status: number; code: string | null } | null;
  /** After a success that used up the target (deleted it), make a new one. */
  remake?: (target: Target | 'any', w: World, t: TestApp) => Promise<void>;
}

const side = (target: Target | 'any', w: World): Side => (target === 'other' ? w.B : w.A);
/** A person's record: A1's (own), A2's (peer), B1's (other), or none (absent). */
const personal = <K extends keyof World['A']['a1']>(target: Target | 'any', w: World, key: K) =>
  target === 'absent' ? ABSENT_ID : target === 'peer' ? w.A.a2[key] : side(target, w).a1[key];
/** An organisation-level record of the side, or none. */
const of = (target: Target | 'any', w: World, pick: (s: Side) => number) =>
  target === 'absent' ? ABSENT_ID : pick(side(target, w));
const agencyCode = (target: Target | 'any', w: World) =>
  target === 'absent' ? 'ZZ99' : side(target, w).agencyCode;

async function revisionOf(t: TestApp, id: number): Promise<number> {
  const [row] = await t.ctx.db.select().from(applications).where(eq(applications.id, id));
  return row?.revision ?? 0;
}

const itemOutcome = (res: LightMyRequestResponse) => {
  if (res.statusCode !== 200) return null;
  const [first] = res.json<{ ok: boolean; code: string | null }[]>();
  if (!first || first.ok) return null;
  const status = first.code === 'NOT_FOUND' ? 404 : first.code === 'FORBIDDEN' ? 403 : 409;
  return { status, code: first.code };
};

const siWorkbook = (w: World, target: Target | 'any') => {
  const p = side(target, w).newcomer;
  return xlsx([
    ['姓名', '身份证号', '参保单位', '缴费月数'],
    [p.name, p.idNumber, side(target, w).school.name, 12],
  ]);
};

export const ROUTE_CALLS: Record<string, RouteCall> = {
  // ——— reference data, schedules ———
  'POST /api/v1/series': {
    call: () => ({
      body: {
        code: 'matrixSeries',
        name: '矩阵测试系列',
        minEducation: 'bachelor',
        examBased: false,
        practiceLicence: null,
        levels: { junior: '技术员', assistant: '助理', intermediate: '中级' },
        note: null,
      },
    }),
  },
  'PATCH /api/v1/series/:code': {
    call: (_v, w) => ({ params: { code: w.series.code }, body: { name: w.series.name } }),
  },
  'POST /api/v1/series/:code/specialties': {
    call: () => ({ params: { code: 'schoolTeacher' }, body: { code: 'matrixSpecialty', name: '矩阵专业' } }),
  },
  'PATCH /api/v1/agencies/:code': {
    call: (v, w) => ({ params: { code: agencyCode(v, w) }, body: { phone: side(v, w).agencyPhone } }),
  },
  'POST /api/v1/schedules': { call: () => ({ body: { year: 2029, sourceYear: 2026 } }) },
  'GET /api/v1/schedules/:year': { call: () => ({ params: { year: 2028 } }) },
  'POST /api/v1/schedules/:year/publish': { call: () => ({ params: { year: 2028 } }) },
  'DELETE /api/v1/schedules/:year': {
    call: () => ({ params: { year: 2030 } }),
    remake: async (_v, w) => {
      await w.city.post('/api/v1/schedules', { year: 2030 });
    },
  },
  'POST /api/v1/schedules/:year/batches': {
    call: (v, w) => ({
      params: { year: 2028 },
      body: {
        agencyCode: agencyCode(v, w),
        name: '2028年增补批次',
        opensOn: '2028-12-01',
        closesOn: '2028-12-15',
        cutoffDate: '2028-12-31',
      },
    }),
  },
  'PUT /api/v1/agencies/:code/batches/:batchId': {
    call: (v, w) => ({
      params: { code: agencyCode(v, w), batchId: of(v, w, (s) => s.batch2028.moved) },
      body: side(v, w).batch2028.moveDates,
    }),
  },
  'POST /api/v1/agencies/:code/batches/:batchId/cancel': {
    call: (v, w) => ({
      params: { code: agencyCode(v, w), batchId: of(v, w, (s) => s.batch2028.cancelled) },
      body: { reason: '矩阵测试取消' },
    }),
  },

  // ——— sessions ———
  'POST /api/v1/auth/login': {
    call: (_v, w) => ({ body: { username: w.dummyAccount.username, password: TEST_PASSWORD } }),
  },
  'POST /api/v1/auth/logout': { call: () => ({ fresh: true }) },
  'POST /api/v1/auth/password': {
    call: () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } }),
  },

  // ——— organisations and accounts ———
  // Lists filtered by one of chain B's organisations: still nothing of B for A's people (the scan of
  // every answer for B's names shows it).
  'GET /api/v1/organisations': { call: (_v, w) => ({ query: { parentId: w.B.supervisor.id } }) },
  'GET /api/v1/accounts': { call: (_v, w) => ({ query: { organisationId: w.B.school.id } }) },
  'GET /api/v1/organisations/:id': { call: (v, w) => ({ params: { id: of(v, w, (s) => s.school.id) } }) },
  'POST /api/v1/organisations': {
    // An employer has no children: allowed callers get 422, and nothing is created.
    call: (v, w) => ({
      body: {
        parentId: of(v, w, (s) => s.school.id),
        kind: 'employer',
        name: '矩阵测试单位',
        regionId: side(v, w).school.regionId,
        ownership: 'state',
        employerKind: 'enterprise',
      },
    }),
  },
  'PATCH /api/v1/organisations/:id': {
    call: (v, w) => ({
      params: { id: of(v, w, (s) => s.school.id) },
      body: { name: side(v, w).school.name },
    }),
  },
  'GET /api/v1/organisations/:id/seats': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.school.id) } }),
  },
  'PUT /api/v1/organisations/:id/seats/:role': {
    // The person who holds the seat already: allowed callers change nothing.
    call: (v, w) => ({
      params: { id: of(v, w, (s) => s.school.id), role: 'handler' },
      body: { person: side(v, w).schoolHandlerPerson },
    }),
  },
  'POST /api/v1/accounts': {
    call: (_v, w) => ({
      body: {
        person: { name: '矩阵市职办', idNumber: idNumber('19750101', 901, '360700'), mobile: '13900000001' },
        role: 'city_office',
        organisationId: w.cityOrg.id,
      },
    }),
  },
  'POST /api/v1/accounts/:id/reset-password': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.a2.accountId) } }),
  },
  'POST /api/v1/accounts/:id/unlock': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.a2.accountId) } }),
  },
  'GET /api/v1/employers/:id/applicants': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.school.id) } }),
  },
  'POST /api/v1/employers/:id/applicants': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.school.id) }, body: side(v, w).newcomer }),
  },
  'POST /api/v1/employers/:id/applicants/:accountId/reset-password': {
    call: (v, w) => ({
      params: { id: of(v, w, (s) => s.school.id), accountId: of(v, w, (s) => s.a2.accountId) },
    }),
  },
  'GET /api/v1/employers/:id/applicants/template.xlsx': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.school.id) } }),
  },
  'POST /api/v1/employers/:id/applicants/import': {
    // A2 has an account already: allowed callers get 422 and nothing is imported.
    call: async (v, w) => ({
      params: { id: of(v, w, (s) => s.school.id) },
      upload: {
        content: await xlsx([
          ['姓名', '身份证号', '手机号'],
          [side(v, w).a2.person.name, side(v, w).a2.person.idNumber, side(v, w).a2.person.mobile],
        ]),
        fileName: '申报人员.xlsx',
      },
    }),
  },
  'POST /api/v1/social-insurance/imports': {
    call: async (v, w) => ({ upload: { content: await siWorkbook(w, v), fileName: '社保.xlsx' } }),
  },

  // ——— policy documents and versions ———
  'GET /api/v1/policy-documents/:id': { call: (_v, w) => ({ params: { id: w.policyDocument.id } }) },
  'POST /api/v1/policy-documents': {
    call: () => ({
      body: {
        title: '矩阵测试文件',
        documentNumber: null,
        issuer: null,
        publishedOn: '2026-11-10',
        body: '正文',
      },
    }),
  },
  'PUT /api/v1/policy-documents/:id': {
    call: (_v, w) => ({ params: { id: w.policyDocument.id }, body: w.policyDocument.body }),
  },
  'POST /api/v1/eligibility/check': {
    call: () => ({
      body: {
        cutoffDate: '2026-12-31',
        seriesCode: 'schoolTeacher',
        targetLevel: 'assistant',
        education: { level: 'bachelor', fullTime: true, graduationDate: '2025-06-30', major: '汉语言文学' },
        majorRelated: true,
        professionalWorkStart: '2025-07-01',
        employer: { name: '赣州市章贡区第一中学', ownership: 'state', kind: 'school' },
        practiceLicences: ['教师资格'],
      },
    }),
  },
  // With drafts: the title offices' view of the list (without, it is public).
  'GET /api/v1/policy-versions': { call: () => ({ query: { includeDrafts: 'true' } }) },
  'GET /api/v1/policy-versions/:id': { call: (_v, w) => ({ params: { id: w.policyDrafts.edited } }) },
  'POST /api/v1/policy-versions': { call: (_v, w) => ({ body: { basedOnId: w.policyDrafts.basedOnId } }) },
  'PUT /api/v1/policy-versions/:id': {
    call: (_v, w) => ({ params: { id: w.policyDrafts.edited }, body: w.policyEditBody }),
  },
  'POST /api/v1/policy-versions/:id/publish': {
    call: (_v, w) => ({ params: { id: w.policyDrafts.published } }),
  },
  'DELETE /api/v1/policy-versions/:id': {
    call: (_v, w) => ({ params: { id: w.policyDrafts.discarded } }),
    remake: async (_v, w) => {
      const res = await w.admin.post('/api/v1/policy-versions', { basedOnId: w.policyDrafts.basedOnId });
      w.policyDrafts.discarded = res.json<{ id: number }>().id;
    },
  },

  // ——— uploads ———
  'POST /api/v1/uploads': { call: () => ({ upload: { content: PNG, fileName: '照片.png' } }) },
  'GET /api/v1/uploads/:id': { call: (v, w) => ({ params: { id: personal(v, w, 'uploadId') } }) },
  'GET /api/v1/uploads/:id/content': { call: (v, w) => ({ params: { id: personal(v, w, 'uploadId') } }) },

  // ——— applications ———
  'GET /api/v1/applications/routing': {
    call: (v, w) => ({
      query: { targetLevel: 'assistant', applicantAccountId: personal(v, w, 'accountId') },
    }),
  },
  'POST /api/v1/applications': {
    // The person has an assistant-level application in this batch already: allowed callers get 409.
    call: (v, w) => ({
      body: {
        batchId: side(v, w).openBatchId,
        targetLevel: 'assistant',
        applicantAccountId: personal(v, w, 'accountId'),
      },
    }),
  },
  'GET /api/v1/applications/:id': { call: (v, w) => ({ params: { id: personal(v, w, 'submittedId') } }) },
  'PUT /api/v1/applications/:id/form': {
    // The draft's form as it is: allowed callers save nothing.
    call: (v, w) => ({ params: { id: personal(v, w, 'draftId') }, body: {} }),
  },
  'POST /api/v1/applications/:id/precheck': {
    call: (v, w) => ({ params: { id: personal(v, w, 'draftId') } }),
  },
  'POST /api/v1/applications/:id/submit': {
    // The empty draft cannot be submitted: allowed callers get 422.
    call: (v, w) => ({ params: { id: personal(v, w, 'draftId') } }),
  },
  'POST /api/v1/applications/:id/withdraw': {
    // A draft is not withdrawn: allowed callers get 409.
    call: (v, w) => ({ params: { id: personal(v, w, 'draftId') } }),
  },
  'POST /api/v1/applications/:id/remind': {
    call: (v, w) => ({ params: { id: personal(v, w, 'draftId') }, body: { message: '请尽快完善申报' } }),
  },
  'GET /api/v1/applications/:id/viewers': {
    call: (v, w) => ({ params: { id: personal(v, w, 'submittedId') } }),
  },

  // ——— review ———
  'GET /api/v1/review/applications/:id': {
    call: (v, w) => ({ params: { id: personal(v, w, 'submittedId') } }),
  },
  'POST /api/v1/review/applications/:id/decision': {
    // Approval without vouching for the work experience: the unit handler gets 422, changing nothing.
    call: async (v, w, t) => {
      const id = personal(v, w, 'submittedId');
      return { params: { id }, body: { decision: 'approve', expectedRevision: await revisionOf(t, id) } };
    },
  },
  'POST /api/v1/review/applications/:id/materials/:index/check': {
    call: async (v, w, t) => {
      const id = personal(v, w, 'submittedId');
      return { params: { id, index: 0 }, body: { expectedRevision: await revisionOf(t, id) } };
    },
  },
  'POST /api/v1/review/bulk-approve': {
    call: async (v, w, t) => {
      const id = personal(v, w, 'submittedId');
      return { body: { items: [{ id, expectedRevision: await revisionOf(t, id) }] } };
    },
    outcome: itemOutcome,
  },
  'POST /api/v1/review/publicities': {
    // Both applications are in the school's publicity already: allowed callers get 409.
    call: (v, w) => ({
      body: {
        organisationId: of(v, w, (s) => s.school.id),
        title: '矩阵测试公示',
        startsOn: '2026-11-10',
        applicationIds: [of(v, w, (s) => s.a1.submittedId)],
      },
    }),
  },
  'POST /api/v1/review/publicities/:id/objections': {
    call: (v, w) => ({
      params: { id: of(v, w, (s) => s.publicityId) },
      body: { content: '对公示人员学历有异议' },
    }),
  },
  'POST /api/v1/review/applications/:id/cancel': {
    // A stale revision: allowed callers get 409, and nobody is blacklisted.
    call: (v, w) => ({
      params: { id: personal(v, w, 'submittedId') },
      body: { expectedRevision: 99_999, reason: '伪造学历', decisionDocument: '章人社字〔2026〕9号' },
    }),
  },

  // ——— notifications ———
  'POST /api/v1/notifications/read': {
    call: (v, w) => ({ body: { ids: [personal(v, w, 'notificationId')] } }),
  },

  // ——— archive-hosted ———
  'POST /api/v1/archive-hosted/requests': {
    // A school teacher with full insurance is not archive-hosted: allowed callers get 422.
    call: (v, w) => ({
      body: { statement: '档案托管情况说明', applicantAccountId: personal(v, w, 'accountId') },
    }),
  },
  'POST /api/v1/archive-hosted/requests/:id/verify': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.archiveRequestId) }, body: { approve: true } }),
  },
  'POST /api/v1/archive-hosted/requests/:id/decide': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.archiveRequestId) }, body: { approve: true } }),
  },
  'POST /api/v1/archive-hosted/requests/list': {
    call: (v, w) => ({ body: { ids: [of(v, w, (s) => s.archiveRequestId)] } }),
  },

  // ——— self-recognition ———
  'POST /api/v1/self-recognition/units/:id/authorise': {
    call: (v, w) => ({
      params: { id: of(v, w, (s) => s.company.id) },
      body: { levels: ['assistant'], phone: '0797-8666666', scopeDescription: '本企业工程技术人员助理级' },
    }),
  },
  'POST /api/v1/self-recognition/units/:id/batches': {
    call: (v, w) => ({
      params: { id: of(v, w, (s) => s.srUnit.id) },
      body: {
        year: 2026,
        number: 2,
        name: '2026年自主评审第二批',
        opensOn: '2026-12-01',
        closesOn: '2026-12-15',
        cutoffDate: '2026-12-31',
        filingDocument: '矩阵〔2026〕2号',
      },
    }),
  },
  'POST /api/v1/self-recognition/batches/:id/filing': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.srBatchId) }, body: { accept: true } }),
  },
  'POST /api/v1/self-recognition/units/:id/applications': {
    call: (v, w) => ({
      params: { id: of(v, w, (s) => s.company.id) },
      body: {
        category: 'chainLeader',
        statement: '本公司为稀土产业链链主企业，符合自主评审条件',
        requestedLevels: ['assistant'],
        contactPhone: '0797-8666666',
      },
    }),
  },
  'POST /api/v1/self-recognition/applications/:id/decision': {
    call: (v, w) => ({
      params: { id: of(v, w, (s) => s.srApplicationId) },
      body: { approve: false, note: '材料不全，请补充后再申请' },
    }),
  },

  // ——— discipline ———
  'POST /api/v1/blacklist': {
    call: () => ({
      body: {
        name: '矩阵造假',
        idNumber: idNumber('19880808', 902),
        reason: '伪造任职证明',
        decisionDocument: '赣市人社字〔2026〕98号',
        startsOn: '2026-11-10',
        endsOn: null,
      },
    }),
  },
  'POST /api/v1/blacklist/:id/revoke': {
    call: (_v, w) => ({ params: { id: w.blacklistEntryId }, body: { note: '经复核撤销' } }),
  },

  // ——— approvals and certificates ———
  'GET /api/v1/approvals/candidates': { call: (_v, w) => ({ query: { employerId: w.B.school.id } }) },
  'POST /api/v1/approvals': {
    call: (v, w) => ({ body: { applicationIds: [of(v, w, (s) => s.candidateId)] } }),
  },
  'GET /api/v1/approvals/:id': { call: (v, w) => ({ params: { id: of(v, w, (s) => s.approvals.issued) } }) },
  'DELETE /api/v1/approvals/:id': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.approvals.draftToDiscard) } }),
    remake: async (v, w) => {
      const s = side(v, w);
      const res = await s.sessions.bureauHandler.post('/api/v1/approvals', {
        applicationIds: [s.discardApplicationId],
      });
      s.approvals.draftToDiscard = res.json<{ id: number }>().id;
    },
  },
  'POST /api/v1/approvals/:id/issue': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.approvals.draftToIssue) } }),
  },
  'PUT /api/v1/agencies/:code/document-settings': {
    call: (v, w) => ({ params: { code: agencyCode(v, w) }, body: side(v, w).documentSettings }),
  },
  'GET /api/v1/approvals/:id/document.docx': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.approvals.issued) } }),
  },
  'GET /api/v1/approvals/:id/document.pdf': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.approvals.issued) } }),
  },
  'GET /api/v1/certificates/verify': {
    call: (_v, w) => ({ query: { number: w.certificate.number, name: w.certificate.name } }),
  },
  'POST /api/v1/certificates/verify-payload': {
    call: () => ({ body: { payload: 'not-a-signed-certificate' } }),
  },
  'GET /api/v1/certificates/:id': { call: (v, w) => ({ params: { id: personal(v, w, 'certificateId') } }) },
  'GET /api/v1/certificates/:id/certificate.pdf': {
    call: (v, w) => ({ params: { id: personal(v, w, 'certificateId') } }),
  },
  'POST /api/v1/certificates/:id/revoke': {
    call: (v, w) => ({ params: { id: personal(v, w, 'certificateId') }, body: { reason: '矩阵测试撤销' } }),
  },

  // ——— reports ———
  'GET /api/v1/reports/year-end': { call: () => ({ query: { year: 2026 } }) },
  'GET /api/v1/reports/year-end/mine': { call: () => ({ query: { year: 2026 } }) },
  'PUT /api/v1/reports/year-end/mine': { call: () => ({ body: { year: 2026, note: '补充说明' } }) },
  'POST /api/v1/reports/year-end/mine/submit': { call: () => ({ body: { year: 2026 } }) },
  'GET /api/v1/reports/year-end/:id': { call: (v, w) => ({ params: { id: of(v, w, (s) => s.reportId) } }) },
  'POST /api/v1/reports/year-end/:id/accept': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.reportId) }, body: { comment: '收到' } }),
  },
  'POST /api/v1/reports/year-end/:id/return': {
    call: (v, w) => ({ params: { id: of(v, w, (s) => s.reportId) }, body: { comment: '请补充说明' } }),
  },
  'GET /api/v1/reports/statistics': { call: () => ({ query: { year: 2026 } }) },
  'GET /api/v1/reports/statistics.xlsx': { call: () => ({ query: { year: 2026 } }) },
};
