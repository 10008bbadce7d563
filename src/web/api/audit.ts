import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AuditPage } from './types';

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  page: number;
  pageSize: number;
}

export function useAuditLogs(filter: AuditFilter) {
  return useQuery({
    queryKey: ['audit-logs', filter] as const,
    queryFn: ({ signal }) =>
      api.get<AuditPage>(
        '/audit-logs',
        {
          action: filter.action,
          targetType: filter.targetType,
          targetId: filter.targetId,
          page: filter.page,
          pageSize: filter.pageSize,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}
