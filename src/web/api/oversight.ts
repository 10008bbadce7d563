/**
 * Title offices' and HR bureaus' oversight: the blacklist and censure records, cancellation for fraud,
 * the archive-hosted approvals, self-recognition applications and filed batches, and who viewed a
 * record. Typed from src/contract/discipline.ts, archive-hosted.ts and self-recognition.ts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BlacklistEntry as BlacklistEntrySchema,
  CancelBody as CancelBodySchema,
  CensureRecord as CensureRecordSchema,
  RecordView as RecordViewSchema,
} from '../../contract/discipline';
import type { ArchiveHostedRequest as ArchiveHostedRequestSchema } from '../../contract/archive-hosted';
import type {
  FiledBatch as FiledBatchSchema,
  SelfRecognitionApplication as SelfRecognitionApplicationSchema,
} from '../../contract/self-recognition';
import { api } from './client';
import type { LevelCode } from './types';

export type BlacklistEntry = z.infer<typeof BlacklistEntrySchema>;
export type CensureRecord = z.infer<typeof CensureRecordSchema>;
export type CancelBody = z.input<typeof CancelBodySchema>;
export type RecordView = z.infer<typeof RecordViewSchema>;
export type ArchiveHostedRequest = z.infer<typeof ArchiveHostedRequestSchema>;
export type FiledBatch = z.infer<typeof FiledBatchSchema>;
export type SelfRecognitionApplication = z.infer<typeof SelfRecognitionApplicationSchema>;

const keys = {
  blacklist: ['blacklist'] as const,
  censures: ['censures'] as const,
  archive: ['archive-hosted'] as const,
  srApplications: ['self-recognition', 'applications'] as const,
  srBatches: ['self-recognition', 'batches'] as const,
  viewers: (id: number) => ['applications', 'viewers', id] as const,
};

export function useBlacklist() {
  return useQuery({
    queryKey: keys.blacklist,
    queryFn: ({ signal }) => api.get<BlacklistEntry[]>('/blacklist', undefined, signal),
  });
}

export function useAddBlacklist() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      name: string;
      idNumber: string;
      reason: string;
      decisionDocument: string;
      startsOn: string;
      endsOn: string | null;
    }) => api.post<BlacklistEntry[]>('/blacklist', body),
    onSuccess: (d) => qc.setQueryData(keys.blacklist, d),
  });
}

export function useRevokeBlacklist() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string }) =>
      api.post<BlacklistEntry[]>(`/blacklist/${id}/revoke`, { note }),
    onSuccess: (d) => qc.setQueryData(keys.blacklist, d),
  });
}

export function useCensures(enabled: boolean) {
  return useQuery({
    queryKey: keys.censures,
    queryFn: ({ signal }) => api.get<CensureRecord[]>('/censures', undefined, signal),
    enabled,
  });
}

export function useCancelForFraud(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CancelBody) =>
      api.post<{ id: number; status: 'cancelled'; blacklistedUntil: string }>(
        `/review/applications/${id}/cancel`,
        body,
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['review'] });
      void qc.invalidateQueries({ queryKey: keys.blacklist });
    },
  });
}

export function useViewers(id: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.viewers(id),
    queryFn: ({ signal }) => api.get<RecordView[]>(`/applications/${id}/viewers`, undefined, signal),
    enabled,
  });
}

export function useArchiveHostedRequests() {
  return useQuery({
    queryKey: keys.archive,
    queryFn: ({ signal }) => api.get<ArchiveHostedRequest[]>('/archive-hosted/requests', undefined, signal),
  });
}

export function useAdvanceArchiveHosted() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      step,
      approve,
      note,
    }: {
      id: number;
      step: 'verify' | 'decide';
      approve: boolean;
      note: string;
    }) => api.post<ArchiveHostedRequest>(`/archive-hosted/requests/${id}/${step}`, { approve, note }),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.archive }),
  });
}

export function useListArchiveHosted() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => api.post<ArchiveHostedRequest[]>('/archive-hosted/requests/list', { ids }),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.archive }),
  });
}

export function useSelfRecognitionApplications() {
  return useQuery({
    queryKey: keys.srApplications,
    queryFn: ({ signal }) =>
      api.get<SelfRecognitionApplication[]>('/self-recognition/applications', undefined, signal),
  });
}

export function useApplySelfRecognition(organisationId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      category: 'chainLeader' | 'newRnd';
      statement: string;
      requestedLevels: LevelCode[];
      contactPhone: string;
    }) =>
      api.post<SelfRecognitionApplication>(`/self-recognition/units/${organisationId}/applications`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.srApplications }),
  });
}

export function useDecideSelfRecognition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: number;
      approve: boolean;
      levels: LevelCode[];
      seriesCodes?: string[];
      scopeDescription?: string;
      note?: string;
    }) => api.post<SelfRecognitionApplication>(`/self-recognition/applications/${id}/decision`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['self-recognition'] }),
  });
}

export function useFiledBatches() {
  return useQuery({
    queryKey: keys.srBatches,
    queryFn: ({ signal }) => api.get<FiledBatch[]>('/self-recognition/batches', undefined, signal),
  });
}

export function useFileBatch(organisationId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      year: number;
      number: number;
      name: string;
      opensOn: string;
      closesOn: string;
      cutoffDate: string;
      filingDocument: string;
    }) => api.post<FiledBatch>(`/self-recognition/units/${organisationId}/batches`, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.srBatches }),
  });
}

export function useDecideFiling() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, accept, note }: { id: number; accept: boolean; note: string }) =>
      api.post<FiledBatch>(`/self-recognition/batches/${id}/filing`, { accept, note }),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.srBatches }),
  });
}
