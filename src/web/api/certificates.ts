/**
 * Certificates: the public query (number + name, or the signed QR payload), the holder's certificates
 * with their 查询记录, and 证书管理 (list, revoke, export). Typed from src/contract/certificates.ts.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CertificatePage, CertificateView, MyCertificate } from '../../contract/certificates';
import type { VerifyResponse } from '../../contract/approvals';
import { api, downloadUrl } from './client';
import type { LevelCode } from './types';

export type { CertificatePage, CertificateView, MyCertificate, VerifyResponse };

export type CertificateStatus = CertificateView['status'];

/** 证书管理 filters (the export link carries the same). */
export interface CertificateFilters {
  q?: string;
  status?: CertificateStatus;
  seriesCode?: string;
  level?: LevelCode;
  from?: string;
  to?: string;
}

/** What the server answers for a QR payload: the signature, and the certificate's current state. */
export interface PayloadClaims {
  number: string;
  name: string;
  gender: string;
  birthMonth: string;
  series: string;
  specialty: string;
  qualification: string;
  level: string;
  agencyCode: string;
  agency: string;
  documentNumber: string;
  obtainedOn: string;
  issuedOn: string;
  employer: string;
}

export interface PayloadVerification {
  /** The signature checks with the agency's SM2 public key. */
  valid: boolean;
  reason?: string;
  status?: 'valid' | 'revoked' | 'not_found';
  claims?: PayloadClaims;
}

export const certificateKeys = {
  all: ['certificates'] as const,
  mine: ['certificates', 'mine'] as const,
  list: (filters: CertificateFilters, page: number, pageSize: number) =>
    ['certificates', 'list', filters, page, pageSize] as const,
  payload: (payload: string) => ['public', 'certificate-payload', payload] as const,
};

export function useMyCertificates() {
  return useQuery({
    queryKey: certificateKeys.mine,
    queryFn: ({ signal }) => api.get<MyCertificate[]>('/certificates/mine', undefined, signal),
  });
}

export function useCertificates(filters: CertificateFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: certificateKeys.list(filters, page, pageSize),
    queryFn: ({ signal }) =>
      api.get<CertificatePage>('/certificates', { ...filters, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRevokeCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      api.post<CertificateView>(`/certificates/${id}/revoke`, { reason }),
    // The person is waiting for a certificate again (a corrected one by a new 批复).
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: certificateKeys.all }),
        qc.invalidateQueries({ queryKey: ['approvals'] }),
      ]),
  });
}

/** The public query by 证书编号 + 姓名 (each query is recorded in the holder's 查询记录). */
export function useVerifyCertificate() {
  return useMutation({
    mutationFn: (q: { number: string; name: string }) =>
      api.get<VerifyResponse>('/certificates/verify', { ...q, via: 'query' }),
  });
}

/** Checks a QR payload (from `/verify?c=…`) once; `enabled` waits for the session check. */
export function useVerifyPayload(payload: string | null, enabled: boolean) {
  return useQuery({
    queryKey: certificateKeys.payload(payload ?? ''),
    queryFn: () => api.post<PayloadVerification>('/certificates/verify-payload', { payload }),
    enabled: enabled && !!payload,
    staleTime: Infinity,
    retry: false,
  });
}

export function certificatePdfUrl(id: number): string {
  return downloadUrl(`/certificates/${id}/certificate.pdf`);
}

export function certificateExportUrl(filters: CertificateFilters): string {
  return downloadUrl('/certificates/export.xlsx', { ...filters });
}
