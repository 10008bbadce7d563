import { Navigate, useLocation } from 'react-router';
import { Suspense, lazy, type ReactNode } from 'react';
import { useMe } from '../api/session';
import { PageLoading } from '../components/page-loading';
import { QueryErrorAlert } from '../components/query-error-alert';
import type { AccessKey } from '../auth/access';
import { useAccess } from '../auth/use-access';
import { useDocumentTitle } from '../hooks/use-document-title';

const Forbidden = lazy(async () => ({ default: (await import('./forbidden')).Forbidden }));

export function loginPathFor(pathname: string, search: string): string {
  return `/login?next=${encodeURIComponent(pathname + search)}`;
}

interface Props {
  children: ReactNode;
  /** When false, a person who must change their password is still let through (the password page itself). */
  enforcePasswordChange?: boolean;
}

/** Lets signed-in people through; others go to /login?next=…, forced password changes come first. */
export function RequireAuth({ children, enforcePasswordChange = true }: Props) {
  const location = useLocation();
  const { data: me, isPending, isError, error, refetch } = useMe({ required: true });
  if (isPending) return <PageLoading tip="正在确认登录状态…" />;
  if (isError) {
    return (
      <div style={{ padding: 24 }}>
        <QueryErrorAlert error={error} title="无法确认登录状态" onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!me) return <Navigate to={loginPathFor(location.pathname, location.search)} replace />;
  if (enforcePasswordChange && me.mustChangePassword) {
    return (
      <Navigate
        to={`/account/password?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  }
  return <>{children}</>;
}

/** Inside the work area: pages the person's roles do not cover show a 403 instead. */
export function RequireAccess({ access, children }: { access: AccessKey; children: ReactNode }) {
  const allowed = useAccess()[access];
  useDocumentTitle(allowed ? undefined : '无权访问', !allowed);
  if (!allowed) {
    return (
      <Suspense fallback={<PageLoading />}>
        <Forbidden />
      </Suspense>
    );
  }
  return <>{children}</>;
}
