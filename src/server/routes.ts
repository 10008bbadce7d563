/** Every module's routes, under /api/v1. */
import type { FastifyPluginAsync } from 'fastify';
import { systemRoutes } from './modules/system/system-routes.js';
import { catalogueRoutes } from './modules/catalogue/catalogue-routes.js';
import { authRoutes } from './modules/auth/auth-routes.js';
import { organisationsRoutes } from './modules/organisations/organisations-routes.js';
import { accountsRoutes } from './modules/accounts/accounts-routes.js';
import { socialInsuranceRoutes } from './modules/social-insurance/social-insurance-routes.js';
import { policyDocumentsRoutes } from './modules/policy-documents/policy-documents-routes.js';
import { auditRoutes } from './modules/audit/audit-routes.js';
import { eligibilityRoutes } from './modules/eligibility/eligibility-routes.js';
import { uploadsRoutes } from './modules/uploads/uploads-routes.js';
import { applicationsRoutes } from './modules/applications/applications-routes.js';
import { reviewRoutes } from './modules/review/review-routes.js';
import { notificationsRoutes } from './modules/notifications/notifications-routes.js';
import { archiveHostedRoutes } from './modules/archive-hosted/archive-hosted-routes.js';
import { disciplineRoutes } from './modules/discipline/discipline-routes.js';
import { schedulesRoutes } from './modules/schedules/schedules-routes.js';
import { selfRecognitionRoutes } from './modules/self-recognition/self-recognition-routes.js';

export const registerRoutes: FastifyPluginAsync = async (app) => {
  await app.register(systemRoutes);
  await app.register(catalogueRoutes);
  await app.register(schedulesRoutes);
  await app.register(authRoutes);
  await app.register(organisationsRoutes);
  await app.register(accountsRoutes);
  await app.register(socialInsuranceRoutes);
  await app.register(policyDocumentsRoutes);
  await app.register(auditRoutes);
  await app.register(eligibilityRoutes);
  await app.register(uploadsRoutes);
  await app.register(applicationsRoutes);
  await app.register(reviewRoutes);
  await app.register(notificationsRoutes);
  await app.register(archiveHostedRoutes);
  await app.register(selfRecognitionRoutes);
  await app.register(disciplineRoutes);
};
