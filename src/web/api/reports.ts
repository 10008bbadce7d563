/**
 * 年度报送 (四、（七）) and 统计分析: the agency's own year-end report, the city office's list and
 * decisions, and the statistics over the person's scope. Typed from src/contract/reports.ts.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Statistics,
  StatisticsGroup,
  YearEndList,
  YearEndReport,
  YearEndRow,
} from '../../contract/reports';
import { api, downloadUrl } from './client';

export type { Statistics, StatisticsGroup, YearEndList, YearEndReport, YearEndRow };

export const reportKeys = {
  all: ['reports'] as const,
  list: (year: number) => ['reports', 'year-end', 'list', year] as const,
  mine: (year: number) => ['reports', 'year-end', 'mine', year] as const,
  detail: (id: number) => ['reports', 'year-end', 'detail', id] as const,
  statistics: (year: number, groupBy: StatisticsGroup) => ['reports', 'statistics', year, groupBy] as const,
};

/** Every agency expected to report to the title office, with status and the late flag. */
export function useYearEndList(year: number, enabled = true) {
  return useQuery({
    queryKey: reportKeys.list(year),
    queryFn: ({ signal }) => api.get<YearEndList>('/reports/year-end', { year }, signal),
    enabled,
  });
}

export function useMyYearEndReport(year: number, enabled = true) {
  return useQuery({
    queryKey: reportKeys.mine(year),
    queryFn: ({ signal }) => api.get<YearEndReport>('/reports/year-end/mine', { year }, signal),
    enabled,
    retry: false,
  });
}

export function useYearEndReport(id: number | null) {
  return useQuery({
    queryKey: reportKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<YearEndReport>(`/reports/year-end/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useSaveYearEndReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; note: string }) =>
      api.put<YearEndReport>('/reports/year-end/mine', body),
    onSuccess: (d) => qc.setQueryData(reportKeys.mine(d.year), d),
  });
}

export function useSubmitYearEndReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (year: number) => api.post<YearEndReport>('/reports/year-end/mine/submit', { year }),
    onSuccess: (d) => qc.setQueryData(reportKeys.mine(d.year), d),
  });
}

export function useDecideYearEndReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: number; decision: 'accept' | 'return'; comment: string }) =>
      api.post<YearEndReport>(`/reports/year-end/${id}/${decision}`, comment ? { comment } : {}),
    onSuccess: async (d) => {
      if (d.id !== null) qc.setQueryData(reportKeys.detail(d.id), d);
      await qc.invalidateQueries({ queryKey: reportKeys.all });
    },
  });
}

export function useStatistics(year: number, groupBy: StatisticsGroup, enabled = true) {
  return useQuery({
    queryKey: reportKeys.statistics(year, groupBy),
    queryFn: ({ signal }) => api.get<Statistics>('/reports/statistics', { year, groupBy }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function statisticsXlsxUrl(year: number, groupBy: StatisticsGroup): string {
  return downloadUrl('/reports/statistics.xlsx', { year, groupBy });
}

/** The 发证表 Excel of the year's certificates in the person's scope (证书管理's export). */
export function certificatesXlsxUrl(year: number): string {
  return downloadUrl('/certificates/export.xlsx', { from: `${year}-01-01`, to: `${year}-12-31` });
}
