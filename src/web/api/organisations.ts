import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { OrgKind, Organisation, OrganisationSeats } from './types';

export interface OrganisationFilter {
  kind?: OrgKind;
  parentId?: number;
  q?: string;
}

export const organisationKeys = {
  all: ['organisations'] as const,
  list: (f: OrganisationFilter) => ['organisations', 'list', f] as const,
  detail: (id: number) => ['organisations', 'detail', id] as const,
  seats: (id: number) => ['organisations', 'seats', id] as const,
};

export function useOrganisations(filter: OrganisationFilter = {}, enabled = true) {
  return useQuery({
    queryKey: organisationKeys.list(filter),
    queryFn: ({ signal }) =>
      api.get<Organisation[]>(
        '/organisations',
        { kind: filter.kind, parentId: filter.parentId, q: filter.q },
        signal,
      ),
    enabled,
  });
}

export function useOrganisation(id: number | null) {
  return useQuery({
    queryKey: organisationKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<Organisation>(`/organisations/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useOrganisationSeats(id: number | null) {
  return useQuery({
    queryKey: organisationKeys.seats(id ?? 0),
    queryFn: ({ signal }) => api.get<OrganisationSeats>(`/organisations/${id}/seats`, undefined, signal),
    enabled: id !== null,
  });
}
