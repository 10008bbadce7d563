/**
 * 政策版本 (GET/POST/PUT/DELETE /policy-versions): the eligibility rules as dated, versioned data
 * (三、（八）: the newest policy in force prevails). Published versions are public; drafts are the title
 * offices' work in progress.
 */
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client';
import { publicKeys } from './public';
import { queryClient } from './query-client';
import type { PolicyVersionDetail, PolicyVersionSummary } from './types';

export const policyVersionKeys = {
  all: ['policy-versions'] as const,
  /** Published and draft versions (title offices). */
  withDrafts: ['policy-versions', 'list', 'with-drafts'] as const,
  detail: (id: number) => ['policy-versions', 'detail', id] as const,
  /** Published versions only, for anyone (the self-check names the version it used). */
  published: ['public', 'policy-versions'] as const,
};

/** All versions incl. drafts (title offices only). */
export function usePolicyVersions() {
  return useQuery({
    queryKey: policyVersionKeys.withDrafts,
    queryFn: ({ signal }) =>
      api.get<PolicyVersionSummary[]>('/policy-versions', { includeDrafts: 'true' }, signal),
  });
}

/** Published versions (public). */
export function usePublishedPolicyVersions() {
  return useQuery({
    queryKey: policyVersionKeys.published,
    queryFn: ({ signal }) => api.get<PolicyVersionSummary[]>('/policy-versions', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function usePolicyVersion(id: number | null) {
  return useQuery({
    queryKey: policyVersionKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<PolicyVersionDetail>(`/policy-versions/${id}`, undefined, signal),
    enabled: id !== null && id > 0,
  });
}

/**
 * The version in force, with its parameters (public). Policy values the pages quote — the publicity
 * period, the default blacklist period, the basis 文号 — come from here, never from constants. The
 * published list names the version in force; its detail carries the parameters (both cached).
 */
export function usePolicyInForce(): { version: PolicyVersionDetail | null; isPending: boolean } {
  const list = usePublishedPolicyVersions();
  const id = list.data?.find((v) => v.inForce)?.id ?? null;
  const detail = useQuery({
    queryKey: policyVersionKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<PolicyVersionDetail>(`/policy-versions/${id}`, undefined, signal),
    enabled: id !== null,
    staleTime: 5 * 60_000,
  });
  return { version: detail.data ?? null, isPending: list.isPending || (id !== null && detail.isPending) };
}

/**
 * After any change: the lists, the details and the catalogue (GET /series shows the flags of the
 * version in force, which a publication dated today replaces).
 */
export async function invalidatePolicyVersions(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: policyVersionKeys.all }),
    queryClient.invalidateQueries({ queryKey: policyVersionKeys.published }),
    queryClient.invalidateQueries({ queryKey: publicKeys.series }),
  ]);
}

/** The problems of a 422 POLICY_INVALID answer (details.problems), or null for any other error. */
export function policyProblems(e: unknown): string[] | null {
  if (!(e instanceof ApiError) || e.code !== 'POLICY_INVALID') return null;
  const problems = (e.details as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(problems)) return [e.message];
  return problems.filter((p): p is string => typeof p === 'string');
}
