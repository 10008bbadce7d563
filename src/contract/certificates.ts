/** Certificates (专业技术资格证书) after issue: 证书管理, the holder's view, revocation, public keys. */
import { z } from 'zod';
import { DateString, LevelCode } from './common.js';

export const CertificateView = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
  gender: z.string(),
  birthMonth: z.string(),
  employer: z.string(),
  series: z.string(),
  specialty: z.string(),
  qualification: z.string(),
  level: LevelCode,
  levelName: z.string(),
  agency: z.string(),
  documentNumber: z.string(),
  obtainedOn: DateString,
  issuedOn: DateString,
  status: z.enum(['valid', 'revoked']),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** The SM2-signed QR payload (verifiable offline with the agency's public key). */
  qrPayload: z.string(),
});
export type CertificateView = z.infer<typeof CertificateView>;

export const MyCertificate = CertificateView.extend({
  /** 查询记录: who verified it and when (the address masked). */
  verifications: z.array(z.object({ at: z.string(), channel: z.enum(['query', 'qr']), from: z.string() })),
});
export type MyCertificate = z.infer<typeof MyCertificate>;

export const CertificateListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  status: z.enum(['valid', 'revoked']).optional(),
  seriesCode: z.string().max(40).optional(),
  level: LevelCode.optional(),
  from: DateString.optional(),
  to: DateString.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const CertificatePage = z.object({ total: z.number().int(), items: z.array(CertificateView) });
export type CertificatePage = z.infer<typeof CertificatePage>;

export const RevokeBody = z.object({
  reason: z.string().trim().min(2, '请填写撤销理由').max(500, '撤销理由不超过 500 字'),
});

export const PublicKeyEntry = z.object({
  agencyCode: z.string(),
  algorithm: z.literal('SM2'),
  /** 04 || x || y, hex; SM3 with the default user ID 1234567812345678 (GM/T 0009). */
  publicKey: z.string(),
});
export type PublicKeyEntry = z.infer<typeof PublicKeyEntry>;

export const VerifyPayloadBody = z.object({
  payload: z.string().trim().min(10, '二维码内容不完整').max(4000, '二维码内容过长'),
});
export const PayloadVerification = z.object({
  /** The signature checks with the agency's SM2 public key. */
  valid: z.boolean(),
  reason: z.string().optional(),
  /** The certificate's state in the system now (a valid signature of a revoked certificate is still revoked). */
  status: z.enum(['valid', 'revoked', 'not_found']).optional(),
  claims: z
    .object({
      number: z.string(),
      name: z.string(),
      gender: z.string(),
      birthMonth: z.string(),
      series: z.string(),
      specialty: z.string(),
      qualification: z.string(),
      level: z.string(),
      agencyCode: z.string(),
      agency: z.string(),
      documentNumber: z.string(),
      obtainedOn: z.string(),
      issuedOn: z.string(),
      employer: z.string(),
    })
    .optional(),
});
export type PayloadVerification = z.infer<typeof PayloadVerification>;
