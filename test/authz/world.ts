/**
 * The world the authorization matrix runs in: two parallel county chains, "own" (A: 章贡区) and "other"
 * (B: 赣县区), each with every seat filled, two applicants, their drafts and submitted applications,
 * uploads, notifications, a publicity, recognised applications with 批复 and certificates, a year-end
 * report, a self-recognition unit with a filed batch, a firm's self-recognition application and an
 * archive-hosted request; plus the title offices and the system admin. The actors of the matrix are A's
 * people (and the offices); B only holds the data A must not reach. A2 is A1's peer: same school,
 * another person. Built through the API as the users would, except the recognised applications
 * (the review chain itself is review.test.ts), which are written to the database as approvals.test.ts does.
 */
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/test-app.js';
import { type Session, TEST_PASSWORD, adminSession, firstLogin, login } from '../helpers/session.js';
import {
  assignSeat,
  createOrg,
  idNumber,
  importSocialInsurance,
  mobile,
  orgByName,
  regionId,
} from '../helpers/fixtures.js';
import type { Organisation } from '../../src/contract/organisations.js';
import type { ApplicationDetail, Routing } from '../../src/contract/applications.js';
import {
  accounts,
  agencies,
  applications,
  batches,
  persons,
  reviewActions,
} from '../../src/server/db/schema.js';
import type { Actor } from './route-access.js';
import { personColumns } from '../../src/server/crypto/personal-data-cipher.js';

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface PersonInput {
  name: string;
  idNumber: string;
  mobile: string;
}

export interface Applicant {
  session: Session;
  accountId: number;
  personId: number;
  person: PersonInput;
  /** A junior-level draft with the empty form (never submittable as it is). */
  draftId: number;
  /** An assistant-level application, submitted with three materials, at the unit handler. */
  submittedId: number;
  uploadId: number;
  notificationId: number;
  /** A recognised application of theirs (batch 3) and the certificate issued for it. */
  certificateId: number;
}

export interface Side {
  label: 'A' | 'B';
  agencyCode: string;
  bureau: Organisation;
  supervisor: Organisation;
  school: Organisation;
  /** An enterprise directly under the bureau: the target of the self-recognition routes. */
  company: Organisation;
  srUnit: Organisation;
  centre: Organisation;
  sessions: {
    bureauHandler: Session;
    bureauLeader: Session;
    supervisorHandler: Session;
    supervisorLeader: Session;
    schoolHandler: Session;
    schoolLeader: Session;
  };
  /** Who holds each seat of the school (to put the same person in it again: a change of nothing). */
  schoolHandlerPerson: PersonInput;
  a1: Applicant;
  a2: Applicant;
  /** A person registered in the social-insurance registry at the school, without an account yet. */
  newcomer: PersonInput;
  /** The agency's phone and 发文字号 settings as they are (sent back unchanged). */
  agencyPhone: string;
  documentSettings: { documentPrefix: string; issuerName: string };
  /** The year's open batch (第四批) of the county agency. */
  openBatchId: number;
  /** A batch of next year's draft schedule (2028) for the agency: one to move, one to cancel. */
  batch2028: {
    moved: number;
    cancelled: number;
    moveDates: { opensOn: string; closesOn: string; cutoffDate: string };
  };
  publicityId: number;
  approvals: { issued: number; draftToDiscard: number; draftToIssue: number };
  /** Recognised, not yet in a 批复. */
  candidateId: number;
  /** The application of the draft that is discarded (to draft it again). */
  discardApplicationId: number;
  reportId: number;
  srBatchId: number;
  srApplicationId: number;
  archiveRequestId: number;
}

export interface World {
  admin: Session;
  city: Session;
  province: Session;
  cityOrg: Organisation;
  A: Side;
  B: Side;
  /** The matrix's actors (A's people and the offices); anonymous has no session. */
  actors: Record<Exclude<Actor, 'anonymous'>, Session>;
  blacklistEntryId: number;
  policyDrafts: { edited: number; published: number; discarded: number; basedOnId: number };
  /** The edited draft as it stands (sent back unchanged). */
  policyEditBody: Record<string, unknown>;
  /** A policy document the offices published in setup (sent back unchanged). */
  policyDocument: { id: number; body: Record<string, unknown> };
  /** A1's certificate, for the public query. */
  certificate: { number: string; name: string };
  /** Strings that belong to B's people and organisations: never in an answer to A's people. */
  otherMarkers: string[];
  /** Strings that belong to A2: never in an answer to A1. */
  peerMarkers: string[];
  dummyAccount: { username: string };
  /** A series of the catalogue as it is (its name sent back unchanged). */
  series: { code: string; name: string };
  /** Every ID number and mobile number the world registered, and each signed-in person by username. */
  registry: Registry;
}

/** What the world registered (issue 13 item 4: lists must show none of these numbers in full). */
export interface Registry {
  idNumbers: string[];
  mobiles: string[];
  /** The person behind each account the world signs in as (seats, offices, applicants). */
  byUsername: Map<string, PersonInput>;
}
const newRegistry = (): Registry => ({ idNumbers: [], mobiles: [], byUsername: new Map() });
// Reset by buildWorld: with isolate: false another test file may have built a world before.
let registry = newRegistry();
const phone = () => {
  const m = mobile();
  registry.mobiles.push(m);
  return m;
};

let seq = 100;
const nextId = (birth: string, region = '360702') => {
  const id = idNumber(birth, seq++, region);
  registry.idNumbers.push(id);
  return id;
};

async function seat(
  by: Session,
  orgId: number,
  role: 'handler' | 'leader',
  name: string,
  region = '360702',
): Promise<{ session: Session; person: PersonInput }> {
  const person = { name, idNumber: nextId('19800101', region), mobile: phone() };
  const created = await assignSeat(by, orgId, role, person);
  registry.byUsername.set(created.username, person);
  return { session: await firstLogin(by.app, created.username, created.initialPassword!), person };
}

async function office(t: TestApp, admin: Session, role: string, orgName: string, name: string) {
  const org = await orgByName(admin, orgName);
  const person = { name, idNumber: nextId('19750505', '360700'), mobile: phone() };
  const res = await admin.post('/api/v1/accounts', { person, role, organisationId: org.id });
  expect(res.statusCode, res.body).toBe(201);
  registry.byUsername.set(res.json().username, person);
  return { session: await firstLogin(t.app, res.json().username, res.json().initialPassword), org };
}

function ok<T>(res: { statusCode: number; body: string; json: () => unknown }, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

interface SideNames {
  label: 'A' | 'B';
  agencyCode: string;
  bureauName: string;
  regionName: string;
  regionCode: string;
  supervisor: string;
  school: string;
  company: string;
  srUnit: string;
  centre: string;
  people: string[];
}

const NAMES: Record<'A' | 'B', SideNames> = {
  A: {
    label: 'A',
    agencyCode: 'GZ02',
    bureauName: '章贡区职称改革领导小组办公室',
    regionName: '章贡区',
    regionCode: '360702',
    supervisor: '章贡区教育局',
    school: '赣州市章贡区第一中学',
    company: '赣州章贡稀土科技有限公司',
    srUnit: '章贡新材料集团有限公司',
    centre: '章贡区就业创业服务中心',
    // bureau handler, bureau leader, supervisor handler, leader, school handler, leader, company handler,
    // sr handler, centre handler, applicant 1, applicant 2, archive-hosted applicant, newcomer
    people: [
      '刘经办',
      '钟主任',
      '谢科长',
      '黎局长',
      '王老师',
      '钱校长',
      '陈人事',
      '严人事',
      '邓档案',
      '李晓华',
      '黄志强',
      '邓海',
      '周新来',
    ],
  },
  B: {
    label: 'B',
    agencyCode: 'GZ03',
    bureauName: '赣县区职称工作办公室',
    regionName: '赣县区',
    regionCode: '360704',
    supervisor: '赣县区教育体育局',
    school: '赣州市赣县区梅林中学',
    company: '赣县区虔东稀土有限公司',
    srUnit: '赣县区储能科技集团有限公司',
    centre: '赣县区人才交流服务中心',
    people: [
      '贝经办',
      '贝主任',
      '贝科长',
      '贝局长',
      '贝老师',
      '贝校长',
      '贝人事',
      '贝严事',
      '贝档案',
      '贝晓燕',
      '贝志远',
      '贝海生',
      '贝新来',
    ],
  },
};

/** A complete, eligible 助理级 中小学教师 application, submitted (as review.test.ts's `submitted`). */
async function submitted(who: Session, unit: string): Promise<{ app: ApplicationDetail; uploadId: number }> {
  const routing = ok<Routing>(await who.get('/api/v1/applications/routing?targetLevel=assistant'));
  const draft = ok<ApplicationDetail>(
    await who.post('/api/v1/applications', {
      batchId: routing.batches.find((b) => b.status === 'open')!.id,
      targetLevel: 'assistant',
    }),
    201,
  );
  const up = async (name: string) =>
    ok<{ id: number }>(await who.upload('/api/v1/uploads', PNG, name), 201).id;
  const idCard = await up('身份证.png');
  const diploma = await up('毕业证书.png');
  const licence = await up('教师资格证.png');
  ok(
    await who.put(`/api/v1/applications/${draft.id}/form`, {
      seriesCode: 'schoolTeacher',
      education: [
        {
          level: 'bachelor',
          fullTime: true,
          school: '赣南师范大学',
          major: '汉语言文学',
          graduationDate: '2025-06-30',
          degree: '文学学士',
          chsiCode: 'ABCD1234',
        },
      ],
      workHistory: [{ unit, from: '2025-07-01', to: null, professional: true, duties: '语文教学' }],
      professionalWorkStart: '2025-07-01',
      majorRelated: true,
      practiceLicences: ['教师资格'],
      socialInsuranceConfirmed: true,
      commitmentSigned: true,
      materials: [
        { category: 'idCard', title: '身份证正反面', uploadIds: [idCard] },
        { category: 'education', title: '本科毕业证书', uploadIds: [diploma] },
        { category: 'practiceLicence', title: '教师资格证', uploadIds: [licence] },
      ],
    }),
  );
  const app = ok<ApplicationDetail>(await who.post(`/api/v1/applications/${draft.id}/submit`));
  return { app, uploadId: idCard };
}

/** A recognised 助理级 application in batch 3 of the agency, written directly (the chain is not the point). */
async function recognised(
  t: TestApp,
  side: { agencyCode: string; school: Organisation; bureau: Organisation },
  who: { accountId: number; personId: number },
) {
  const db = t.ctx.db;
  const [agency] = await db.select().from(agencies).where(eq(agencies.code, side.agencyCode));
  const [batch] = await db
    .select()
    .from(batches)
    .where(and(eq(batches.agencyId, agency!.id), eq(batches.year, 2026), eq(batches.number, 3)));
  const [app] = await db
    .insert(applications)
    .values({
      number: `${side.agencyCode}-20263-${String(seq++).padStart(6, '0')}`,
      applicantAccountId: who.accountId,
      personId: who.personId,
      employerId: side.school.id,
      agencyId: agency!.id,
      batchId: batch!.id,
      targetLevel: 'assistant',
      status: 'recognised',
      form: { seriesCode: 'schoolTeacher', specialtyCode: 'juniorMiddle' },
      version: 1,
      createdByAccountId: who.accountId,
    })
    .returning();
  await db.insert(reviewActions).values({
    applicationId: app!.id,
    version: 1,
    stage: 'agency_leader',
    decision: 'approve',
    organisationId: side.bureau.id,
    accountId: who.accountId,
    personId: who.personId,
    personName: '审查人',
    role: 'leader',
    revisionAfter: 1,
  });
  return app!.id;
}

/** A person with an account but no role (holds a recognised application only). */
async function bystander(t: TestApp, name: string, region: string) {
  const [person] = await t.ctx.db
    .insert(persons)
    .values({ name, ...personColumns({ idNumber: nextId('19900101', region) }) })
    .returning();
  const [account] = await t.ctx.db
    .insert(accounts)
    .values({ username: `by${seq++}`, personId: person!.id, passwordHash: 'x', mustChangePassword: false })
    .returning();
  return { accountId: account!.id, personId: person!.id };
}

async function buildSide(t: TestApp, admin: Session, n: SideNames): Promise<Side> {
  const [pBH, pBL, pSH, pSL, pUH, pUL, pCH, pRH, pAH, pA1, pA2, pAR, pNew] = n.people as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const bureau = await orgByName(admin, n.bureauName);
  const region = await regionId(admin, n.regionName);
  const bureauHandler = (await seat(admin, bureau.id, 'handler', pBH, n.regionCode)).session;
  const bureauLeader = (await seat(admin, bureau.id, 'leader', pBL, n.regionCode)).session;
  const supervisor = await createOrg(bureauHandler, {
    parentId: bureau.id,
    kind: 'supervisor',
    name: n.supervisor,
    regionId: region,
  });
  const school = await createOrg(bureauHandler, {
    parentId: supervisor.id,
    kind: 'employer',
    name: n.school,
    regionId: region,
    ownership: 'state',
    employerKind: 'school',
  });
  const company = await createOrg(bureauHandler, {
    parentId: bureau.id,
    kind: 'employer',
    name: n.company,
    regionId: region,
    ownership: 'state',
    employerKind: 'enterprise',
  });
  const srUnit = await createOrg(bureauHandler, {
    parentId: bureau.id,
    kind: 'self_recognition_unit',
    name: n.srUnit,
    regionId: region,
  });
  const centre = await createOrg(bureauHandler, {
    parentId: bureau.id,
    kind: 'personnel_agency',
    name: n.centre,
    regionId: region,
  });
  const supervisorHandler = (await seat(bureauHandler, supervisor.id, 'handler', pSH, n.regionCode)).session;
  const supervisorLeader = (await seat(bureauHandler, supervisor.id, 'leader', pSL, n.regionCode)).session;
  const sh = await seat(bureauHandler, school.id, 'handler', pUH, n.regionCode);
  const schoolHandler = sh.session;
  const schoolLeader = (await seat(bureauHandler, school.id, 'leader', pUL, n.regionCode)).session;
  const companyHandler = (await seat(bureauHandler, company.id, 'handler', pCH, n.regionCode)).session;
  const srHandler = (await seat(bureauHandler, srUnit.id, 'handler', pRH, n.regionCode)).session;
  const centreHandler = (await seat(bureauHandler, centre.id, 'handler', pAH, n.regionCode)).session;

  // Applicants: registered in the social-insurance registry at the school, accounts made by the school.
  const a1Person = { name: pA1, idNumber: nextId('19980315', n.regionCode), mobile: phone() };
  const a2Person = { name: pA2, idNumber: nextId('19970420', n.regionCode), mobile: phone() };
  const newcomer = { name: pNew, idNumber: nextId('19960606', n.regionCode), mobile: phone() };
  await importSocialInsurance(bureauHandler, [
    [a1Person.name, a1Person.idNumber, n.school, 30],
    [a2Person.name, a2Person.idNumber, n.school, 26],
    [newcomer.name, newcomer.idNumber, n.school, 12],
  ]);
  const makeApplicant = async (p: PersonInput) => {
    const res = ok<{
      applicant: { accountId: number; personId: number; username: string };
      initialPassword: string;
    }>(await schoolHandler.post(`/api/v1/employers/${school.id}/applicants`, p), 201);
    registry.byUsername.set(res.applicant.username, p);
    return {
      session: await firstLogin(t.app, res.applicant.username, res.initialPassword),
      accountId: res.applicant.accountId,
      personId: res.applicant.personId,
    };
  };
  const u1 = await makeApplicant(a1Person);
  const u2 = await makeApplicant(a2Person);

  const s1 = await submitted(u1.session, n.school);
  const s2 = await submitted(u2.session, n.school);
  const openBatchId = (await t.ctx.db.select().from(applications).where(eq(applications.id, s1.app.id)))[0]!
    .batchId;
  const draftOf = async (who: Session) =>
    ok<ApplicationDetail>(
      await who.post('/api/v1/applications', { batchId: openBatchId, targetLevel: 'junior' }),
      201,
    ).id;
  const d1 = await draftOf(u1.session);
  const d2 = await draftOf(u2.session);
  // The unit reminds each about their draft: a notification each.
  for (const d of [d1, d2])
    ok(await schoolHandler.post(`/api/v1/applications/${d}/remind`, { message: '请尽快完善' }));
  const notificationOf = async (who: Session) =>
    ok<{ items: { id: number }[] }>(await who.get('/api/v1/notifications')).items[0]!.id;

  // The school's publicity of both submitted applications.
  const publicity = ok<{ id: number }>(
    await schoolHandler.post('/api/v1/review/publicities', {
      organisationId: school.id,
      title: `${n.school}2026年第四批职称申报公示`,
      startsOn: '2026-11-10',
      applicationIds: [s1.app.id, s2.app.id],
    }),
    201,
  );

  // Recognised applications: A1's and A2's (issued in one 批复), one for each draft 批复, one candidate.
  const r1 = await recognised(t, { agencyCode: n.agencyCode, school, bureau }, u1);
  const r2 = await recognised(t, { agencyCode: n.agencyCode, school, bureau }, u2);
  const others = await Promise.all(
    ['一', '二', '三'].map((x) => bystander(t, `${n.people[0]!.slice(0, 1)}认定${x}`, n.regionCode)),
  );
  const r3 = await recognised(t, { agencyCode: n.agencyCode, school, bureau }, others[0]!);
  const r4 = await recognised(t, { agencyCode: n.agencyCode, school, bureau }, others[1]!);
  const candidateId = await recognised(t, { agencyCode: n.agencyCode, school, bureau }, others[2]!);
  const documentSettings = {
    documentPrefix: n.label === 'A' ? '章人社字' : '赣县人社字',
    issuerName: `${n.regionName}人力资源和社会保障局`,
  };
  ok(await bureauLeader.put(`/api/v1/agencies/${n.agencyCode}/document-settings`, documentSettings));
  const agencyPhone = ok<{ code: string; phone: string }[]>(await admin.get('/api/v1/agencies')).find(
    (a) => a.code === n.agencyCode,
  )!.phone;
  const draft = async (ids: number[]) =>
    ok<{ id: number }>(await bureauHandler.post('/api/v1/approvals', { applicationIds: ids }), 201).id;
  const issued = await draft([r1, r2]);
  const issuedDoc = ok<{ items: { certificateId: number | null; applicationId: number }[] }>(
    await bureauLeader.post(`/api/v1/approvals/${issued}/issue`),
  );
  const certOf = (appId: number) => issuedDoc.items.find((i) => i.applicationId === appId)!.certificateId!;
  const draftToDiscard = await draft([r3]);
  const draftToIssue = await draft([r4]);

  // The agency's year-end report, submitted by its leader.
  ok(await bureauLeader.put('/api/v1/reports/year-end/mine', { year: 2026, note: '本年度认定工作已完成' }));
  const report = ok<{ id: number }>(
    await bureauLeader.post('/api/v1/reports/year-end/mine/submit', { year: 2026 }),
  );

  // A self-recognition unit (authorised) with a filed batch; a firm applying to become one.
  ok(
    await admin.post(`/api/v1/self-recognition/units/${srUnit.id}/authorise`, {
      levels: ['assistant'],
      phone: '0797-8888888',
      scopeDescription: '集团所属企业工程技术人员助理级',
    }),
    201,
  );
  const srBatch = ok<{ id: number }>(
    await srHandler.post(`/api/v1/self-recognition/units/${srUnit.id}/batches`, {
      year: 2026,
      number: 1,
      name: '2026年自主评审第一批',
      opensOn: '2026-11-20',
      closesOn: '2026-12-10',
      cutoffDate: '2026-12-31',
      filingDocument: `${n.srUnit}〔2026〕18号`,
    }),
    201,
  );
  const srApplication = ok<{ id: number }>(
    await companyHandler.post(`/api/v1/self-recognition/units/${company.id}/applications`, {
      category: 'chainLeader',
      statement: '本公司为稀土产业链链主企业，符合自主评审条件',
      requestedLevels: ['assistant'],
      contactPhone: '0797-8666666',
    }),
    201,
  );

  // An archive-hosted person (no insurance record) at the personnel agency, asking for the path.
  const hosted = ok<{ applicant: { username: string }; initialPassword: string }>(
    await centreHandler.post(`/api/v1/employers/${centre.id}/applicants`, {
      name: pAR,
      idNumber: nextId('19940404', n.regionCode),
      mobile: phone(),
    }),
    201,
  );
  const hostedSession = await firstLogin(t.app, hosted.applicant.username, hosted.initialPassword);
  const request = ok<{ id: number }>(
    await hostedSession.post('/api/v1/archive-hosted/requests', {
      statement: '档案托管于人才交流中心，社保缴纳不足',
    }),
    201,
  );

  const applicant = (u: typeof u1, p: PersonInput, sub: typeof s1, draftId: number, cert: number) => ({
    ...u,
    person: p,
    draftId,
    submittedId: sub.app.id,
    uploadId: sub.uploadId,
    notificationId: 0,
    certificateId: cert,
  });
  const a1: Applicant = applicant(u1, a1Person, s1, d1, certOf(r1));
  const a2: Applicant = applicant(u2, a2Person, s2, d2, certOf(r2));
  a1.notificationId = await notificationOf(u1.session);
  a2.notificationId = await notificationOf(u2.session);

  return {
    label: n.label,
    agencyCode: n.agencyCode,
    bureau,
    supervisor,
    school,
    company,
    srUnit,
    centre,
    sessions: {
      bureauHandler,
      bureauLeader,
      supervisorHandler,
      supervisorLeader,
      schoolHandler,
      schoolLeader,
    },
    schoolHandlerPerson: sh.person,
    a1,
    a2,
    newcomer,
    agencyPhone,
    documentSettings,
    openBatchId,
    batch2028: { moved: 0, cancelled: 0, moveDates: { opensOn: '', closesOn: '', cutoffDate: '' } },
    publicityId: publicity.id,
    approvals: { issued, draftToDiscard, draftToIssue },
    candidateId,
    discardApplicationId: r3,
    reportId: report.id,
    srBatchId: srBatch.id,
    srApplicationId: srApplication.id,
    archiveRequestId: request.id,
  };
}

export async function buildWorld(t: TestApp): Promise<World> {
  registry = newRegistry();
  const admin = await adminSession(t);
  const { session: city, org: cityOrg } = await office(
    t,
    admin,
    'city_office',
    '赣州市职称工作办公室',
    '钟市职办',
  );
  const { session: province } = await office(t, admin, 'province_office', '江西省职称工作办公室', '傅省职办');
  // The two sides are independent: built side by side (password hashing runs off the main thread).
  const [A, B] = await Promise.all([buildSide(t, admin, NAMES.A), buildSide(t, admin, NAMES.B)]);

  // Next year's draft schedule, copied from this year: batches that have not opened and hold nothing.
  ok(await city.post('/api/v1/schedules', { year: 2028, sourceYear: 2026 }), 201);
  // And an empty one for 2030, to be discarded.
  ok(await city.post('/api/v1/schedules', { year: 2030 }), 201);
  const schedule = ok<{
    agencies: {
      code: string;
      batches: { id: number; opensOn: string; closesOn: string; cutoffDate: string }[];
    }[];
  }>(await city.get('/api/v1/schedules/2028'));
  for (const side of [A, B]) {
    const bs = schedule.agencies.find((a) => a.code === side.agencyCode)!.batches;
    side.batch2028 = {
      moved: bs[1]!.id,
      cancelled: bs[0]!.id,
      moveDates: { opensOn: bs[1]!.opensOn, closesOn: bs[1]!.closesOn, cutoffDate: bs[1]!.cutoffDate },
    };
  }

  const blacklist = ok<{ id: number }[]>(
    await city.post('/api/v1/blacklist', {
      name: '伍造假',
      idNumber: nextId('19850808', '360702'),
      reason: '伪造学历证书',
      decisionDocument: '赣市人社字〔2026〕99号',
      startsOn: '2026-11-01',
      endsOn: null,
    }),
    201,
  );

  // Three drafts of the policy: one edited, one published (effective in 2030, harmless), one discarded.
  const versions = ok<{ id: number; status: string }[]>(await admin.get('/api/v1/policy-versions'));
  const basedOnId = versions.find((v) => v.status === 'published')?.id ?? versions[0]!.id;
  const policyDraft = async () =>
    ok<{ id: number }>(await admin.post('/api/v1/policy-versions', { basedOnId }), 201).id;
  const policyDrafts = {
    edited: await policyDraft(),
    published: await policyDraft(),
    discarded: await policyDraft(),
    basedOnId,
  };
  const bodyOf = async (id: number) => {
    const d = ok<Record<string, unknown>>(await admin.get(`/api/v1/policy-versions/${id}`));
    return {
      name: d.name,
      code: d.code,
      effectiveFrom: d.effectiveFrom,
      note: d.note,
      parameters: d.parameters,
    };
  };
  const policyEditBody = await bodyOf(policyDrafts.edited);
  // Published by the matrix: in force only from 2030, so nothing today depends on it.
  ok(
    await admin.put(`/api/v1/policy-versions/${policyDrafts.published}`, {
      ...(await bodyOf(policyDrafts.published)),
      code: 'matrix-2030',
      effectiveFrom: '2030-01-01',
    }),
  );
  const documentBody = {
    title: '关于职称考核认定权限的说明',
    documentNumber: '赣市人社字〔2026〕77号',
    issuer: '赣州市人力资源和社会保障局',
    publishedOn: '2026-11-01',
    body: '各县（市、区）职称办：……',
  };
  const policyDocument = ok<{ id: number }>(await city.post('/api/v1/policy-documents', documentBody), 201);
  const certificate = ok<{ number: string; name: string }>(
    await A.a1.session.get(`/api/v1/certificates/${A.a1.certificateId}`),
  );

  // Someone to sign in as in the login row (any account will do; no one the matrix acts as).
  const dummy = ok<{ username: string; initialPassword: string }>(
    await admin.post('/api/v1/accounts', {
      person: { name: '甘测试', idNumber: nextId('19790101', '360700'), mobile: phone() },
      role: 'province_office',
      organisationId: (await orgByName(admin, '江西省职称工作办公室')).id,
    }),
    201,
  );
  await firstLogin(t.app, dummy.username, dummy.initialPassword);

  const n = NAMES;
  return {
    admin,
    city,
    province,
    cityOrg,
    A,
    B,
    actors: {
      applicant: A.a1.session,
      unitHandler: A.sessions.schoolHandler,
      unitLeader: A.sessions.schoolLeader,
      supervisorHandler: A.sessions.supervisorHandler,
      supervisorLeader: A.sessions.supervisorLeader,
      agencyHandler: A.sessions.bureauHandler,
      agencyLeader: A.sessions.bureauLeader,
      cityOffice: city,
      provinceOffice: province,
      admin,
    },
    blacklistEntryId: blacklist[0]!.id,
    policyDrafts,
    policyEditBody,
    policyDocument: { id: policyDocument.id, body: documentBody },
    certificate: { number: certificate.number, name: certificate.name },
    // B's people and the organisations the test created for B (the reference agencies are public).
    otherMarkers: [
      ...n.B.people,
      ...['一', '二', '三'].map((x) => `贝认定${x}`),
      // B's agency: public in the directory, but nothing of its work is A's to see.
      n.B.bureauName,
      n.B.supervisor,
      n.B.school,
      n.B.company,
      n.B.srUnit,
      n.B.centre,
      B.a1.person.idNumber,
      B.a2.person.idNumber,
    ],
    peerMarkers: [A.a2.person.name, A.a2.person.idNumber],
    dummyAccount: { username: dummy.username },
    series: ok<{ code: string; name: string }[]>(await admin.get('/api/v1/series')).find(
      (x) => x.code === 'schoolTeacher',
    )!,
    registry,
  };
}

/** Signs in again as the same person (a session of its own, for routes that end or change one). */
export function freshSession(s: Session): Promise<Session> {
  return login(s.app, s.me.username, TEST_PASSWORD);
}
