/** Yearly schedules of acceptance windows (受理时间安排): the public overview and the title office's upkeep. */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddBatchBody,
  BatchDatesBody,
  CreateScheduleBody,
  Schedule,
  ScheduleOverview,
  ScheduleSummary,
} from '../../contract/index';
import { api } from './client';
import { publicKeys } from './public';
import { queryClient } from './query-client';

export const scheduleKeys = {
  all: ['schedules'] as const,
  list: ['schedules', 'list'] as const,
  year: (year: number) => ['schedules', 'year', year] as const,
  overview: ['public', 'schedule-overview'] as const,
};

/** Public: which year the home page shows, and which year's schedule is still awaited. */
export function useScheduleOverview() {
  return useQuery({
    queryKey: scheduleKeys.overview,
    queryFn: ({ signal }) => api.get<ScheduleOverview>('/schedules/overview', undefined, signal),
  });
}

export function useSchedules() {
  return useQuery({
    queryKey: scheduleKeys.list,
    queryFn: ({ signal }) => api.get<ScheduleSummary[]>('/schedules', undefined, signal),
  });
}

export function useSchedule(year: number | null) {
  return useQuery({
    queryKey: scheduleKeys.year(year ?? 0),
    queryFn: ({ signal }) => api.get<Schedule>(`/schedules/${year}`, undefined, signal),
    enabled: year !== null,
  });
}

/** A change to any schedule changes the public directory too. */
async function refresh() {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: scheduleKeys.all }),
    queryClient.invalidateQueries({ queryKey: publicKeys.agenciesAll }),
    queryClient.invalidateQueries({ queryKey: scheduleKeys.overview }),
  ]);
}

export function useCreateSchedule() {
  return useMutation({
    mutationFn: (body: z.input<typeof CreateScheduleBody>) => api.post<Schedule>('/schedules', body),
    onSuccess: refresh,
  });
}

export function usePublishSchedule() {
  return useMutation({
    mutationFn: (year: number) => api.post<Schedule>(`/schedules/${year}/publish`),
    onSuccess: refresh,
  });
}

export function useDiscardSchedule() {
  return useMutation({
    mutationFn: (year: number) => api.delete<{ ok: true }>(`/schedules/${year}`),
    onSuccess: refresh,
  });
}

export function useAddBatch() {
  return useMutation({
    mutationFn: (args: { year: number; body: z.input<typeof AddBatchBody> }) =>
      api.post<Schedule>(`/schedules/${args.year}/batches`, args.body),
    onSuccess: refresh,
  });
}

export function useUpdateBatch() {
  return useMutation({
    mutationFn: (args: { code: string; batchId: number; body: z.input<typeof BatchDatesBody> }) =>
      api.put<Schedule>(`/agencies/${encodeURIComponent(args.code)}/batches/${args.batchId}`, args.body),
    onSuccess: refresh,
  });
}

export function useCancelBatch() {
  return useMutation({
    mutationFn: (args: { code: string; batchId: number; reason: string }) =>
      api.post<Schedule>(`/agencies/${encodeURIComponent(args.code)}/batches/${args.batchId}/cancel`, {
        reason: args.reason,
      }),
    onSuccess: refresh,
  });
}
