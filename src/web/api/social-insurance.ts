import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { SocialInsuranceImport, SocialInsurancePage } from './types';

export const socialInsuranceKeys = {
  all: ['social-insurance'] as const,
  records: (q: string, page: number, pageSize: number) =>
    ['social-insurance', 'records', q, page, pageSize] as const,
  imports: ['social-insurance', 'imports'] as const,
};

export function useSocialInsuranceRecords(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: socialInsuranceKeys.records(q, page, pageSize),
    queryFn: ({ signal }) =>
      api.get<SocialInsurancePage>('/social-insurance/records', { q, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSocialInsuranceImports() {
  return useQuery({
    queryKey: socialInsuranceKeys.imports,
    queryFn: ({ signal }) => api.get<SocialInsuranceImport[]>('/social-insurance/imports', undefined, signal),
  });
}
