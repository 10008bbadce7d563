import { QueryClient } from '@tanstack/react-query';

/** Cache key of the current session (`Me | null`; null = not logged in). */
export const meQueryKey = ['auth', 'me'] as const;

function isClientError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers will not change by asking again; network and 5xx errors get two more tries.
      retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
    },
    mutations: {
      retry: false,
    },
  },
});
