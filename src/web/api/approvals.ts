/**
 * 批复 (approval documents): the agency's candidates (recognised, no certificate yet), drafts, issuing
 * and the agency's 发文字号 settings. Typed from src/contract/approvals.ts.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ApprovalCandidate,
  ApprovalDetail,
  ApprovalSummary,
  CreateApprovalBody as CreateApprovalBodySchema,
  DecidedItem,
  DecidedPage,
  DecidedQuery as DecidedQuerySchema,
  DocumentSettings as DocumentSettingsSchema,
  DocumentSettingsBody as DocumentSettingsBodySchema,
} from '../../contract/approvals';
import { api, downloadUrl } from './client';

export type { ApprovalCandidate, ApprovalDetail, ApprovalSummary, DecidedItem, DecidedPage };
export type DecidedFilters = Omit<z.infer<typeof DecidedQuerySchema>, 'page' | 'pageSize'>;
export type CreateApprovalBody = z.input<typeof CreateApprovalBodySchema>;
export type DocumentSettingsBody = z.input<typeof DocumentSettingsBodySchema>;
export type DocumentSettings = z.infer<typeof DocumentSettingsSchema>;

export const approvalKeys = {
  all: ['approvals'] as const,
  candidates: ['approvals', 'candidates'] as const,
  list: ['approvals', 'list'] as const,
  decided: (filters: DecidedFilters, page: number, pageSize: number) =>
    ['approvals', 'decided', filters, page, pageSize] as const,
  detail: (id: number) => ['approvals', 'detail', id] as const,
};

/** Recognised applications of the actor's agency that no 批复 holds yet. */
export function useApprovalCandidates() {
  return useQuery({
    queryKey: approvalKeys.candidates,
    queryFn: ({ signal }) => api.get<ApprovalCandidate[]>('/approvals/candidates', undefined, signal),
  });
}

/** 已办结: what the actor's agency decided, paged and filtered on the server. */
export function useDecided(filters: DecidedFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: approvalKeys.decided(filters, page, pageSize),
    queryFn: ({ signal }) =>
      api.get<DecidedPage>('/approvals/decided', { ...filters, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApprovals() {
  return useQuery({
    queryKey: approvalKeys.list,
    queryFn: ({ signal }) => api.get<ApprovalSummary[]>('/approvals', undefined, signal),
  });
}

export function useApproval(id: number | null) {
  return useQuery({
    queryKey: approvalKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<ApprovalDetail>(`/approvals/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useCreateApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApprovalBody) => api.post<ApprovalDetail>('/approvals', body),
    onSuccess: async (d) => {
      qc.setQueryData(approvalKeys.detail(d.id), d);
      await qc.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}

export function useDiscardApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ ok: true }>(`/approvals/${id}`),
    onSuccess: async (_d, id) => {
      qc.removeQueries({ queryKey: approvalKeys.detail(id) });
      await qc.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}

export function useIssueApproval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<ApprovalDetail>(`/approvals/${id}/issue`),
    onSuccess: async (d) => {
      qc.setQueryData(approvalKeys.detail(d.id), d);
      await Promise.all([
        qc.invalidateQueries({ queryKey: approvalKeys.all }),
        qc.invalidateQueries({ queryKey: ['certificates'] }),
      ]);
    },
  });
}

export function useUpdateDocumentSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: DocumentSettingsBody }) =>
      api.put<DocumentSettings>(`/agencies/${encodeURIComponent(code)}/document-settings`, body),
    // Drafts show the agency's 机关代字 and issuer: read them again.
    onSuccess: () => qc.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}

/** The 批复 as a Word or PDF file (issued documents). */
export function approvalDocumentUrl(id: number, format: 'docx' | 'pdf'): string {
  return downloadUrl(`/approvals/${id}/document.${format}`);
}
