import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, api } from './client';
import { meQueryKey, queryClient } from './query-client';
import type { ChangePasswordBody, LoginBody, Me, Ok } from './types';

/**
 * A hint (not a credential: the session cookie is HttpOnly) that this browser signed in. Public pages
 * only ask /auth/me when it is set, so anonymous visitors do not trigger a 401 on every page.
 */
const SESSION_HINT_KEY = 'zc.session';

function setSessionHint(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(SESSION_HINT_KEY, '1');
    else window.localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // storage disabled: public pages then always ask the server
  }
}

function hasSessionHint(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1';
  } catch {
    return true;
  }
}

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me');
    setSessionHint(true);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setSessionHint(false);
      return null;
    }
    throw e;
  }
}

/**
 * The current session: `data` is the signed-in person, or null when nobody is signed in.
 * `required` (protected pages) always asks the server; public pages ask only when this browser has
 * signed in before, and otherwise treat `data === undefined` as anonymous.
 */
export function useMe(options: { required?: boolean } = {}) {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    enabled: options.required === true || hasSessionHint(),
  });
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<Me>('/auth/login', body),
    onSuccess: (me) => {
      // A new session: drop whatever the previous one had cached, keep the new person.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'public' });
      queryClient.setQueryData(meQueryKey, me);
      setSessionHint(true);
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<Ok>('/auth/logout');
      } catch (e) {
        // An expired session is logged out already.
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      }
    },
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'public' });
      queryClient.setQueryData(meQueryKey, null);
      setSessionHint(false);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<Ok>('/auth/password', body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
