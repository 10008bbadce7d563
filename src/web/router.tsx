import { Suspense, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import type { AccessKey } from './auth/access';
import { RouteErrorPage } from './components/error-boundary';
import { PageLoading } from './components/page-loading';
import { PublicLayout } from './layouts/public-layout';
import { RequireAccess, RequireAuth } from './layouts/require-auth';

/**
 * Every page is its own chunk (React.lazy), and so is the work area's layout: the public pages load none of
 * the back office. Pages that may validate with the contract's schemas load zod's Chinese messages with
 * them (./zod-config); the home page validates nothing and skips zod.
 */
function page<M extends Record<string, unknown>, K extends keyof M>(
  loader: () => Promise<M>,
  name: K,
  { zod = true }: { zod?: boolean } = {},
): LazyExoticComponent<ComponentType> {
  return lazy(async () => {
    const [m] = await Promise.all([loader(), zod ? import('./zod-config') : null]);
    return { default: m[name] as ComponentType };
  });
}

const loadAppLayout = () => import('./layouts/app-layout');
const AppLayout = page(loadAppLayout, 'AppLayout', { zod: false });

/**
 * /app: the layout's chunk is requested at once, alongside the session check (RequireAuth), not after it.
 * (import() is idempotent: a render that runs twice asks once.)
 */
function WorkArea() {
  void loadAppLayout();
  return (
    <RequireAuth>
      <Suspense fallback={<PageLoading tip="正在加载工作台…" />}>
        <AppLayout />
      </Suspense>
    </RequireAuth>
  );
}

const HomePage = page(() => import('./pages/public/home/home-page'), 'HomePage', { zod: false });
const PolicyListPage = page(() => import('./pages/public/policy/policy-list-page'), 'PolicyListPage');
const PolicyDetailPage = page(() => import('./pages/public/policy/policy-detail-page'), 'PolicyDetailPage');
const SelfCheckPage = page(() => import('./pages/public/self-check/self-check-page'), 'SelfCheckPage');
const LoginPage = page(() => import('./pages/auth/login/login-page'), 'LoginPage');
const ChangePasswordPage = page(
  () => import('./pages/auth/change-password/change-password-page'),
  'ChangePasswordPage',
);
const DashboardPage = page(() => import('./pages/app/dashboard/dashboard-page'), 'DashboardPage');
const ApplicantsPage = page(() => import('./pages/app/applicants/applicants-page'), 'ApplicantsPage');
const MyApplicationsPage = page(
  () => import('./pages/app/my-applications/my-applications-page'),
  'MyApplicationsPage',
);
const ApplicationFormPage = page(
  () => import('./pages/app/my-applications/application-form-page'),
  'ApplicationFormPage',
);
const UnitApplicationsPage = page(
  () => import('./pages/app/unit-applications/unit-applications-page'),
  'UnitApplicationsPage',
);
const UnitApplicationFormPage = page(
  () => import('./pages/app/my-applications/application-form-page'),
  'UnitApplicationFormPage',
);
const OrganisationsPage = page(
  () => import('./pages/app/organisations/organisations-page'),
  'OrganisationsPage',
);
const SocialInsurancePage = page(
  () => import('./pages/app/social-insurance/social-insurance-page'),
  'SocialInsurancePage',
);
const AccountsPage = page(() => import('./pages/app/accounts/accounts-page'), 'AccountsPage');
const CataloguePage = page(() => import('./pages/app/catalogue/catalogue-page'), 'CataloguePage');
const PolicyVersionsPage = page(
  () => import('./pages/app/policies/policy-versions-page'),
  'PolicyVersionsPage',
);
const PolicyVersionPage = page(() => import('./pages/app/policies/policy-version-page'), 'PolicyVersionPage');
const AgenciesAdminPage = page(() => import('./pages/app/agencies/agencies-admin-page'), 'AgenciesAdminPage');
const ReviewQueuePage = page(() => import('./pages/app/review/review-queue-page'), 'ReviewQueuePage');
const ReviewDetailPage = page(() => import('./pages/app/review/review-detail-page'), 'ReviewDetailPage');
const NotificationsPage = page(
  () => import('./pages/app/notifications/notifications-page'),
  'NotificationsPage',
);
const BlacklistPage = page(() => import('./pages/app/blacklist/blacklist-page'), 'BlacklistPage');
const ArchiveHostedPage = page(
  () => import('./pages/app/archive-hosted/archive-hosted-page'),
  'ArchiveHostedPage',
);
const SelfRecognitionPage = page(
  () => import('./pages/app/self-recognition/self-recognition-page'),
  'SelfRecognitionPage',
);
const ApprovalsPage = page(() => import('./pages/app/approvals/approvals-page'), 'ApprovalsPage');
const CertificatesPage = page(() => import('./pages/app/certificates/certificates-page'), 'CertificatesPage');
const MyCertificatesPage = page(
  () => import('./pages/app/certificates/my-certificates-page'),
  'MyCertificatesPage',
);
const VerifyPage = page(() => import('./pages/public/verify/verify-page'), 'VerifyPage');
const ReportsPage = page(() => import('./pages/app/reports/reports-page'), 'ReportsPage');
const StatisticsPage = page(() => import('./pages/app/statistics/statistics-page'), 'StatisticsPage');
const AuditPage = page(() => import('./pages/app/audit/audit-page'), 'AuditPage');
const NotFoundPage = page(() => import('./pages/errors/not-found-page'), 'NotFoundPage', { zod: false });
const AppNotFoundPage = page(() => import('./pages/errors/not-found-page'), 'AppNotFoundPage', {
  zod: false,
});

/** Work-area pages behind the access each needs; a person without it sees a 403 there. */
const guardedPages: { path: string; access: AccessKey; Page: ComponentType }[] = [
  { path: 'my-applications', access: 'canApply', Page: MyApplicationsPage },
  { path: 'my-applications/:id', access: 'canApply', Page: ApplicationFormPage },
  { path: 'applicants', access: 'canManageApplicants', Page: ApplicantsPage },
  { path: 'unit-applications', access: 'canManageApplicants', Page: UnitApplicationsPage },
  { path: 'unit-applications/:id', access: 'canManageApplicants', Page: UnitApplicationFormPage },
  { path: 'organisations', access: 'canManageOrganisations', Page: OrganisationsPage },
  { path: 'social-insurance', access: 'canUseSocialInsurance', Page: SocialInsurancePage },
  { path: 'accounts', access: 'canManageAccounts', Page: AccountsPage },
  { path: 'catalogue', access: 'canManageCatalogue', Page: CataloguePage },
  { path: 'policies', access: 'canManageCatalogue', Page: PolicyVersionsPage },
  { path: 'policies/:id', access: 'canManageCatalogue', Page: PolicyVersionPage },
  { path: 'agencies', access: 'canManageAgencies', Page: AgenciesAdminPage },
  { path: 'audit', access: 'canReadAudit', Page: AuditPage },
  { path: 'review', access: 'canReview', Page: ReviewQueuePage },
  { path: 'review/:id', access: 'canReview', Page: ReviewDetailPage },
  { path: 'blacklist', access: 'canSeeBlacklist', Page: BlacklistPage },
  { path: 'archive-hosted', access: 'canSeeArchiveHosted', Page: ArchiveHostedPage },
  { path: 'self-recognition', access: 'canSeeSelfRecognition', Page: SelfRecognitionPage },
  { path: 'reports', access: 'canSeeYearEndReports', Page: ReportsPage },
  { path: 'statistics', access: 'canSeeStatistics', Page: StatisticsPage },
  { path: 'approvals', access: 'canIssueApprovals', Page: ApprovalsPage },
  { path: 'certificates', access: 'canManageCertificates', Page: CertificatesPage },
  { path: 'certificates/mine', access: 'canApply', Page: MyCertificatesPage },
];

export const router = createBrowserRouter([
  {
    path: '/',
    element: <PublicLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'policy', element: <PolicyListPage /> },
      { path: 'policy/:id', element: <PolicyDetailPage /> },
      { path: 'self-check', element: <SelfCheckPage /> },
      { path: 'verify', element: <VerifyPage /> },
      { path: 'login', element: <LoginPage /> },
      {
        path: 'account/password',
        element: (
          <RequireAuth enforcePasswordChange={false}>
            <ChangePasswordPage />
          </RequireAuth>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    path: '/app',
    element: <WorkArea />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'notifications', element: <NotificationsPage /> },
      ...guardedPages.map(({ path, access, Page }) => ({
        path,
        element: (
          <RequireAccess access={access}>
            <Page />
          </RequireAccess>
        ),
      })),
      { path: '*', element: <AppNotFoundPage /> },
    ],
  },
]);
