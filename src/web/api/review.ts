/**
 * The reviewer's workbench (审查工作台), publicity (公示), notifications (站内消息), reminders and the
 * archive-hosted request, typed from the shared contract (src/contract/review.ts, archive-hosted.ts).
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BulkApproveResult as BulkApproveResultSchema,
  DecisionBody as DecisionBodySchema,
  NotificationList as NotificationListSchema,
  Publicity as PublicitySchema,
  Queue as QueueSchema,
  ReviewSeatCounts as ReviewSeatCountsSchema,
  ReviewView as ReviewViewSchema,
} from '../../contract/review';
import type { ArchiveHostedRequest as ArchiveHostedRequestSchema } from '../../contract/archive-hosted';
import { api } from './client';
import { applicationKeys, type ApplicationDetail } from './applications';
import type { LevelCode } from './types';

export type Queue = z.infer<typeof QueueSchema>;
export type QueueItem = Queue['items'][number];
export type ReviewSeat = z.infer<typeof ReviewSeatCountsSchema>;
export type ReviewView = z.infer<typeof ReviewViewSchema>;
export type DecisionBody = z.input<typeof DecisionBodySchema>;
export type Publicity = z.infer<typeof PublicitySchema>;
export type NotificationList = z.infer<typeof NotificationListSchema>;
export type BulkApproveResult = z.infer<typeof BulkApproveResultSchema>;
export type ArchiveHostedRequest = z.infer<typeof ArchiveHostedRequestSchema>;

export interface QueueFilter {
  organisationId?: number;
  role?: 'handler' | 'leader';
  targetLevel?: LevelCode;
  seriesCode?: string;
  waitingDays?: number;
}

const reviewKeys = {
  all: ['review'] as const,
  queue: (f: QueueFilter) => ['review', 'queue', f] as const,
  seats: ['review', 'seats'] as const,
  view: (id: number) => ['review', 'view', id] as const,
  publicities: ['review', 'publicities'] as const,
  notifications: ['notifications'] as const,
  archiveHosted: ['archive-hosted'] as const,
};

/** One seat's queue, page by page (keyset cursor from the server). */
export function useReviewQueue(filter: QueueFilter) {
  return useInfiniteQuery({
    queryKey: reviewKeys.queue(filter),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Queue>('/review/queue', { ...filter, after: pageParam, limit: 50 }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The actor's seats with their waiting and nearly-overdue counts. */
export function useReviewSeats() {
  return useQuery({
    queryKey: reviewKeys.seats,
    queryFn: ({ signal }) => api.get<ReviewSeat[]>('/review/seats', undefined, signal),
  });
}

export function useReviewView(id: number) {
  return useQuery({
    queryKey: reviewKeys.view(id),
    queryFn: ({ signal }) => api.get<ReviewView>(`/review/applications/${id}`, undefined, signal),
  });
}

function useRefreshReview() {
  const qc = useQueryClient();
  return (id?: number) => {
    void qc.invalidateQueries({ queryKey: reviewKeys.all });
    if (id) void qc.invalidateQueries({ queryKey: applicationKeys.detail(id) });
    void qc.invalidateQueries({ queryKey: reviewKeys.notifications });
  };
}

export function useDecide(id: number) {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: (body: DecisionBody) =>
      api.post<{ id: number; status: string; stage: string | null; revision: number }>(
        `/review/applications/${id}/decision`,
        body,
      ),
    onSettled: () => refresh(id),
  });
}

export function useCheckMaterial(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ index, expectedRevision }: { index: number; expectedRevision: number }) =>
      api.post<ReviewView>(`/review/applications/${id}/materials/${index}/check`, { expectedRevision }),
    onSuccess: (v) => qc.setQueryData(reviewKeys.view(id), v),
  });
}

export function useBulkApprove() {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: (body: { items: { id: number; expectedRevision: number }[]; comment?: string }) =>
      api.post<BulkApproveResult>('/review/bulk-approve', body),
    onSettled: () => refresh(),
  });
}

export function usePublicities(enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.publicities,
    queryFn: ({ signal }) => api.get<Publicity[]>('/review/publicities', undefined, signal),
    enabled,
  });
}

export function useCreatePublicity() {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: (body: {
      organisationId: number;
      title: string;
      startsOn: string;
      applicationIds: number[];
      /** Hold a new publicity for corrected versions instead of keeping the earlier one (see README). */
      renew?: boolean;
    }) => api.post<Publicity>('/review/publicities', body),
    onSuccess: () => refresh(),
  });
}

export function useAddObjection(publicityId: number) {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: (body: { applicationId: number | null; content: string; handling: string }) =>
      api.post<Publicity>(`/review/publicities/${publicityId}/objections`, body),
    onSuccess: () => refresh(),
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: reviewKeys.notifications,
    queryFn: ({ signal }) => api.get<NotificationList>('/notifications', undefined, signal),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) => api.post<NotificationList>('/notifications/read', { ids }),
    onSuccess: (d) => qc.setQueryData(reviewKeys.notifications, d),
  });
}

export function useRemind(id: number) {
  return useMutation({
    mutationFn: (message: string) => api.post<{ ok: true }>(`/applications/${id}/remind`, { message }),
  });
}

export function useRequestArchiveHosted(applicationId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (statement: string) =>
      api.post<ArchiveHostedRequest>('/archive-hosted/requests', { statement }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: applicationKeys.detail(applicationId) });
      void qc.invalidateQueries({ queryKey: reviewKeys.archiveHosted });
    },
  });
}

export type { ApplicationDetail };
