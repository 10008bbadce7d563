/**
 * 我的申报 and 申报管理 (a unit clerk, also on behalf of an applicant): routing, drafts (autosaved form), precheck, submit, withdraw, and material uploads, typed
 * from the shared contract (src/contract/applications.ts, src/contract/uploads.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ApplicationDetail as ApplicationDetailSchema,
  ApplicationForm as ApplicationFormSchema,
  ApplicationListQuery as ApplicationListQuerySchema,
  ApplicationPage as ApplicationPageSchema,
  ApplicationSummary as ApplicationSummarySchema,
  CreateApplicationBody as CreateApplicationBodySchema,
  PrecheckResult as PrecheckResultSchema,
  Routing as RoutingSchema,
  SavedForm as SavedFormSchema,
} from '../../contract/applications';
import type { Upload as UploadSchema } from '../../contract/uploads';
import { api, buildUrl } from './client';
import type { LevelCode } from './types';

export type ApplicationForm = z.infer<typeof ApplicationFormSchema>;
export type ApplicationSummary = z.infer<typeof ApplicationSummarySchema>;
export type ApplicationListQuery = z.infer<typeof ApplicationListQuerySchema>;
export type ApplicationPage = z.infer<typeof ApplicationPageSchema>;
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;
export type CreateApplicationBody = z.input<typeof CreateApplicationBodySchema>;
export type PrecheckResult = z.infer<typeof PrecheckResultSchema>;
export type Routing = z.infer<typeof RoutingSchema>;
export type SavedForm = z.infer<typeof SavedFormSchema>;
export type Upload = z.infer<typeof UploadSchema>;
export type Material = ApplicationForm['materials'][number];
export type MaterialCategory = Material['category'];
export type MaterialPurpose = Material['purpose'];

export const applicationKeys = {
  all: ['applications'] as const,
  list: ['applications', 'list'] as const,
  detail: (id: number) => ['applications', 'detail', id] as const,
  routing: (level: LevelCode | null, applicantAccountId?: number) =>
    ['applications', 'routing', level ?? '', applicantAccountId ?? 0] as const,
  upload: (id: number) => ['uploads', id] as const,
};

/** One page of 我的申报 (`mine`) or 申报管理, filtered on the server; the previous page stays while the next loads. */
export function useApplications(query: ApplicationListQuery) {
  return useQuery({
    queryKey: [...applicationKeys.list, query],
    queryFn: ({ signal }) => api.get<ApplicationPage>('/applications', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: number | null) {
  return useQuery({
    queryKey: applicationKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<ApplicationDetail>(`/applications/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

/** The agency and batches for a level; with applicantAccountId, for one of a unit clerk's applicants. */
export function useRouting(targetLevel: LevelCode | null, applicantAccountId?: number) {
  return useQuery({
    queryKey: applicationKeys.routing(targetLevel, applicantAccountId),
    queryFn: ({ signal }) =>
      api.get<Routing>(
        '/applications/routing',
        { targetLevel: targetLevel ?? undefined, applicantAccountId },
        signal,
      ),
    enabled: targetLevel !== null,
    retry: false,
  });
}

/** Keeps the detail cache and the list in step with an answer of the server. */
function useStoreDetail() {
  const qc = useQueryClient();
  return (detail: ApplicationDetail) => {
    qc.setQueryData(applicationKeys.detail(detail.id), detail);
    void qc.invalidateQueries({ queryKey: applicationKeys.list });
  };
}

export function useCreateApplication() {
  const store = useStoreDetail();
  return useMutation({
    mutationFn: (body: CreateApplicationBody) => api.post<ApplicationDetail>('/applications', body),
    onSuccess: store,
  });
}

export function useSaveApplicationForm(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (form: ApplicationForm) => api.put<SavedForm>(`/applications/${id}/form`, form),
    // The save answers what it stored; the rest of the application is unchanged by a save.
    onSuccess: (saved) => {
      qc.setQueryData<ApplicationDetail>(applicationKeys.detail(id), (old) =>
        old ? { ...old, form: saved.form, updatedAt: saved.updatedAt } : old,
      );
      void qc.invalidateQueries({ queryKey: applicationKeys.list });
    },
  });
}

export function usePrecheckApplication(id: number) {
  return useMutation({
    mutationFn: () => api.post<PrecheckResult>(`/applications/${id}/precheck`),
  });
}

export function useSubmitApplication(id: number) {
  const store = useStoreDetail();
  return useMutation({
    mutationFn: () => api.post<ApplicationDetail>(`/applications/${id}/submit`),
    onSuccess: store,
  });
}

export function useWithdrawApplication(id: number) {
  const store = useStoreDetail();
  return useMutation({
    mutationFn: () => api.post<ApplicationDetail>(`/applications/${id}/withdraw`),
    onSuccess: store,
  });
}

export function useUploadFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload<Upload>('/uploads', file),
    onSuccess: (u) => qc.setQueryData(applicationKeys.upload(u.id), u),
  });
}

/** File information (name, type) of an uploaded page. */
export function useUploadInfo(id: number) {
  return useQuery({
    queryKey: applicationKeys.upload(id),
    queryFn: ({ signal }) => api.get<Upload>(`/uploads/${id}`, undefined, signal),
    staleTime: Infinity,
  });
}

/** Same-origin URL of an uploaded file's content (image or PDF preview). */
export function uploadContentUrl(id: number): string {
  return buildUrl(`/uploads/${id}/content`);
}
