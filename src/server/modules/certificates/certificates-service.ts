/**
 * Certificates after issue: the public query (查询, CONTRACT.md `GET /certificates/verify`), the
 * holder's certificates with who verified them (like the national platform's 查询记录), revocation,
 * the title offices' 证书管理 list, and the agencies' public keys for offline QR verification.
 */
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { forbidden, notFound, unprocessable } from '../../errors.js';
import { todayInZone } from '../../../domain/batch-window.js';
import type { Writable } from 'node:stream';
import { educationNames, levelNames } from '../../../contract/common.js';
import type { VerifyQuery, VerifyResponse } from '../../../contract/approvals.js';
import type {
  CertificateListQuery,
  CertificatePage,
  CertificateView,
  MyCertificate,
  PayloadVerification,
  PublicKeyEntry,
  RevokeBody,
} from '../../../contract/certificates.js';
import { appendAudit } from '../audit/audit-repository.js';
import { type Actor, auditActorOf } from '../auth/actor.js';
import { dataScopeOf, orgPathInScope, pathInScope } from '../access/data-scope.js';
import { TITLE_OFFICE_ROLES } from '../catalogue/catalogue-service.js';
import { notify } from '../notifications/notifications-service.js';
import { organisations } from '../../db/schema.js';
import { publicKeyLookup, verifyPayload } from '../../crypto/certificate-signature.js';
import { renderCertificatePdf, type CertificatePdfData } from '../../documents/certificate-pdf.js';
import { type CertificateExportRow, writeCertificateWorkbook } from '../../documents/certificate-export.js';
import { signCertificatePdf } from './certificate-pdf-signing.js';
import * as repo from './certificates-repository.js';

type Certificate = NonNullable<Awaited<ReturnType<typeof repo.findByNumber>>>;

function view(c: Certificate): CertificateView {
  return {
    id: c.id,
    number: c.number,
    name: c.name,
    gender: c.gender,
    birthMonth: c.birthMonth,
    employer: c.employer,
    series: c.series,
    specialty: c.specialty,
    qualification: c.qualification,
    level: c.level,
    levelName: levelNames[c.level],
    agency: c.agencyName,
    documentNumber: c.documentNumber,
    obtainedOn: c.obtainedOn,
    issuedOn: c.issuedOn,
    status: c.status,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokeReason: c.revokeReason,
    qrPayload: c.qrPayload,
  };
}

/** A2.3-style masking of an address for the holder's log: enough to recognise, not to identify. */
function maskAddress(address: string | null): string {
  if (!address) return '—';
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.\d+\.\d+$/.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.*.*`;
  return address.split(':').slice(0, 2).join(':') + ':*';
}

/**
 * The public query: by number + name, never the ID number. A wrong number and a wrong name answer
 * alike (no enumeration of numbers or names); a revoked certificate says so.
 */
export async function verify(
  ctx: AppContext,
  query: z.infer<typeof VerifyQuery>,
  clientAddress: string | null,
  channel: 'query' | 'qr',
): Promise<VerifyResponse> {
  const c = await repo.findByNumber(ctx.db, query.number.trim().toUpperCase());
  if (!c || c.name !== query.name.trim()) return { valid: false };
  await repo.recordVerification(ctx.db, { certificateId: c.id, at: ctx.clock.now(), channel, clientAddress });
  return {
    valid: c.status === 'valid',
    certificate: {
      number: c.number,
      name: c.name,
      series: c.series,
      specialty: c.specialty,
      qualification: c.qualification,
      level: levelNames[c.level],
      agency: c.agencyName,
      documentNumber: c.documentNumber,
      issuedOn: c.issuedOn,
      status: c.status,
      revokedOn: c.revokedAt ? todayInZone(c.revokedAt, ctx.config.TZ_NAME) : null,
    },
  };
}

export async function mine(ctx: AppContext, actor: Actor): Promise<MyCertificate[]> {
  const certs = await repo.certificatesOfPerson(ctx.db, actor.personId);
  const log = await repo.verificationsOf(
    ctx.db,
    certs.map((c) => c.id),
  );
  return certs.map((c) => ({
    ...view(c),
    verifications: log
      .filter((v) => v.certificateId === c.id)
      .map((v) => ({
        at: v.at.toISOString(),
        channel: v.channel,
        from: maskAddress(v.clientAddress),
      })),
  }));
}

/** Who may see and manage a certificate: its holder (see only), its agency's seats, offices above. */
async function manageable(ctx: AppContext, actor: Actor, id: number) {
  const found = await repo.findCertificate(ctx.db, id);
  if (!found) throw notFound('证书');
  const seat = actor.roles.find(
    (r) => (r.role === 'handler' || r.role === 'leader') && r.organisationId === found.agency.organisationId,
  );
  const office = actor.roles.find(
    (r) =>
      (TITLE_OFFICE_ROLES as readonly string[]).includes(r.role) &&
      pathInScope(dataScopeOf(actor), found.agencyOrg.path),
  );
  return { found, role: seat ?? office ?? null, holder: found.cert.personId === actor.personId };
}

export async function getCertificate(ctx: AppContext, actor: Actor, id: number): Promise<CertificateView> {
  const { found, role, holder } = await manageable(ctx, actor, id);
  if (!role && !holder) throw notFound('证书');
  return view(found.cert);
}

/** Revokes a certificate at once (a mistake, or fraud found later), with the reason; the holder is told. */
export async function revoke(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: z.infer<typeof RevokeBody>,
): Promise<CertificateView> {
  const { found, role } = await manageable(ctx, actor, id);
  if (!role) {
    if (found.cert.personId === actor.personId) throw forbidden('证书持有人不能撤销证书');
    throw notFound('证书');
  }
  const updated = await ctx.db.transaction(async (tx) => {
    const c = await repo.lockCertificate(tx, id);
    if (!c) throw notFound('证书');
    if (c.status === 'revoked') throw unprocessable('ALREADY_REVOKED', `证书 ${c.number} 已于此前撤销`);
    const now = ctx.clock.now();
    const after = await repo.updateCertificate(tx, id, {
      status: 'revoked',
      revokedAt: now,
      revokeReason: body.reason,
    });
    await appendAudit(
      tx,
      auditActorOf(actor, role),
      { action: 'certificate.revoked', targetType: 'certificate', targetId: c.number, before: c, after },
      now,
    );
    const accountId = await repo.applicantAccountOf(tx, c.applicationId);
    if (accountId) {
      await notify(tx, now, [
        {
          accountId,
          kind: 'certificate.revoked',
          title: '职称证书已撤销',
          body: `您的${c.qualification}资格证书（${c.number}）已被${c.agencyName}撤销。理由：${body.reason}`,
          applicationId: c.applicationId,
        },
      ]);
    }
    return after;
  });
  return view(updated);
}

/** 证书管理: the certificates of the agencies in the actor's scope (title offices and agency seats). */
export async function list(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof CertificateListQuery>,
): Promise<CertificatePage> {
  const scope = dataScopeOf(actor);
  const manages = actor.roles.some(
    (r) =>
      (TITLE_OFFICE_ROLES as readonly string[]).includes(r.role) ||
      r.role === 'handler' ||
      r.role === 'leader',
  );
  if (!manages) throw forbidden('只有职称办和认定机构可以查看证书管理');
  const page = await repo.listCertificates(
    ctx.db,
    orgPathInScope(scope, organisations.path),
    query,
    query.page,
    query.pageSize,
  );
  return { total: page.total, items: page.items.map(view) };
}

export async function publicKeys(ctx: AppContext): Promise<PublicKeyEntry[]> {
  const keys = await ctx.signingKeys.publicKeys();
  return keys.map((k) => ({ agencyCode: k.agencyCode, algorithm: k.algorithm, publicKey: k.publicKey }));
}

/** The QR code's content checked: the agency's SM2 signature, then the certificate's current state. */
export async function verifyQrPayload(
  ctx: AppContext,
  payload: string,
  clientAddress: string | null,
): Promise<PayloadVerification> {
  const keys = await ctx.signingKeys.publicKeys();
  const result = verifyPayload(payload.trim(), publicKeyLookup(keys));
  if (!result.valid) return { valid: false, reason: `${result.reason}：${result.detail}` };
  const c = await repo.findByNumber(ctx.db, result.claims.number);
  if (!c || c.name !== result.claims.name) return { valid: true, status: 'not_found', claims: result.claims };
  await repo.recordVerification(ctx.db, {
    certificateId: c.id,
    at: ctx.clock.now(),
    channel: 'qr',
    clientAddress,
  });
  return { valid: true, status: c.status, claims: result.claims };
}

/** The e-certificate as PDF: its holder, its agency's seats and the offices above may download it. */
export async function certificatePdf(
  ctx: AppContext,
  actor: Actor,
  id: number,
  /** Where the request came from: the QR code's address when PUBLIC_BASE_URL is not set. */
  requestOrigin: string,
): Promise<{ number: string; bytes: Uint8Array }> {
  const { found, role, holder } = await manageable(ctx, actor, id);
  if (!role && !holder) throw notFound('证书');
  const c = found.cert;
  const base = (ctx.config.PUBLIC_BASE_URL ?? requestOrigin).replace(/\/$/, '');
  const bytes = await renderCertificatePdf({
    claims: {
      ...c,
      level: levelNames[c.level] as CertificatePdfData['claims']['level'],
      agency: c.agencyName,
    },
    qrText: `${base}/verify?c=${c.qrPayload}`,
    verifyUrl: `${base}/verify`,
    status: c.status,
  });
  return {
    number: c.number,
    bytes: await signCertificatePdf(ctx, found.agency.code, c.agencyName, bytes, c.qrPayload),
  };
}

function highestEducation(form: unknown) {
  const order = ['secondary', 'associate', 'bachelor', 'secondBachelor', 'postgradClass', 'master', 'doctor'];
  const list = ((form as { education?: { level: string | null; major?: string }[] })?.education ?? []).filter(
    (e) => e.level,
  );
  return list.sort((a, b) => order.indexOf(b.level!) - order.indexOf(a.level!))[0] ?? null;
}

/** 四、（七）: the certificate list as the 发证表 Excel, streamed chunk by chunk. */
export async function exportCertificates(
  ctx: AppContext,
  actor: Actor,
  query: z.infer<typeof CertificateListQuery>,
  out: Writable,
): Promise<void> {
  const scope = dataScopeOf(actor);
  const role = actor.roles.find(
    (r) =>
      (TITLE_OFFICE_ROLES as readonly string[]).includes(r.role) ||
      r.role === 'handler' ||
      r.role === 'leader',
  );
  if (!role) throw forbidden('只有职称办和认定机构可以导出证书信息');
  const visible = orgPathInScope(scope, organisations.path);
  const db = ctx.db;
  async function* rows(): AsyncGenerator<CertificateExportRow> {
    let before: number | null = null;
    for (;;) {
      const chunk = await repo.exportChunk(db, visible, query, before, 1000);
      for (const r of chunk) {
        const edu = highestEducation(r.form);
        const form = r.form as {
          workHistory?: { from: string | null }[];
          professionalWorkStart?: string | null;
        };
        const starts = (form.workHistory ?? [])
          .map((w) => w.from)
          .filter((x): x is string => !!x)
          .sort();
        yield {
          name: r.cert.name,
          gender: r.cert.gender,
          idNumber: r.idNumber ?? '',
          education: edu?.level ? educationNames[edu.level as keyof typeof educationNames] : '',
          major: edu?.major ?? '',
          workStartDate: starts[0] ?? form.professionalWorkStart ?? '',
          employer: r.cert.employer,
          series: r.cert.series,
          specialty: r.cert.specialty,
          qualification: r.cert.qualification,
          level: levelNames[r.cert.level],
          agencyName: r.cert.agencyName,
          documentNumber: r.cert.documentNumber,
          obtainedOn: r.cert.obtainedOn,
          certificateNumber: r.cert.number,
        };
      }
      if (chunk.length < 1000) return;
      before = chunk[chunk.length - 1]!.cert.id;
    }
  }
  await writeCertificateWorkbook(
    out,
    {
      unitName: role.organisationName ?? '',
      preparedBy: actor.personName,
      phone: '',
      preparedOn: todayInZone(ctx.clock.now(), ctx.config.TZ_NAME),
    },
    rows(),
  );
}
