import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AccountRow, Applicant, RoleCode } from './types';

export interface AccountFilter {
  organisationId?: number;
  role?: RoleCode;
  q?: string;
}

export const accountKeys = {
  all: ['accounts'] as const,
  list: (f: AccountFilter) => ['accounts', 'list', f] as const,
  applicants: (employerId: number) => ['applicants', employerId] as const,
};

export function useAccounts(filter: AccountFilter) {
  return useQuery({
    queryKey: accountKeys.list(filter),
    queryFn: ({ signal }) =>
      api.get<AccountRow[]>(
        '/accounts',
        { organisationId: filter.organisationId, role: filter.role, q: filter.q },
        signal,
      ),
  });
}

export function useApplicants(employerId: number | null) {
  return useQuery({
    queryKey: accountKeys.applicants(employerId ?? 0),
    queryFn: ({ signal }) => api.get<Applicant[]>(`/employers/${employerId}/applicants`, undefined, signal),
    enabled: employerId !== null,
  });
}
