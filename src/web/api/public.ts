/** Public (no login) data: agencies, catalogue, regions, policy documents. Keys start with 'public'. */
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Agency, Health, PolicyDocument, PolicyDocumentSummary, Region, Series } from './types';

export const publicKeys = {
  agencies: (year?: number) => ['public', 'agencies', year ?? 'current'] as const,
  agenciesAll: ['public', 'agencies'] as const,
  series: ['public', 'series'] as const,
  regions: ['public', 'regions'] as const,
  policyDocuments: ['public', 'policy-documents'] as const,
  policyDocument: (id: number) => ['public', 'policy-documents', id] as const,
  health: ['public', 'health'] as const,
};

export function useAgencies(year?: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: publicKeys.agencies(year),
    queryFn: ({ signal }) => api.get<Agency[]>('/agencies', { year }, signal),
    enabled: options.enabled ?? true,
  });
}

export function useSeries() {
  return useQuery({
    queryKey: publicKeys.series,
    queryFn: ({ signal }) => api.get<Series[]>('/series', undefined, signal),
  });
}

export function useRegions() {
  return useQuery({
    queryKey: publicKeys.regions,
    queryFn: ({ signal }) => api.get<Region[]>('/regions', undefined, signal),
    staleTime: 30 * 60_000,
  });
}

export function usePolicyDocuments() {
  return useQuery({
    queryKey: publicKeys.policyDocuments,
    queryFn: ({ signal }) => api.get<PolicyDocumentSummary[]>('/policy-documents', undefined, signal),
  });
}

export function usePolicyDocument(id: number | null) {
  return useQuery({
    queryKey: publicKeys.policyDocument(id ?? 0),
    queryFn: ({ signal }) => api.get<PolicyDocument>(`/policy-documents/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: publicKeys.health,
    queryFn: ({ signal }) => api.get<Health>('/health', undefined, signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
