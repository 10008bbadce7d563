/**
 * The single data-scope rule (SPEC §2, last bullet), used by every query that lists or loads
 * organisations, people or applications:
 *  - system admin and province office: everything;
 *  - a city office, and every handler/leader seat: its organisation and everything below it in the
 *    organisation tree (a unit its own applicants, a supervising department the units under it, an
 *    HR bureau its region's organisations, the city office the whole city);
 *  - an applicant: only themself.
 * Anything outside the scope is answered as "not found", never with the data.
 */
import { type SQL, type AnyColumn, like, or, sql } from 'drizzle-orm';
import type { Actor, ActorRole } from '../auth/actor.js';
import { forbidden } from '../../errors.js';

export type DataScope = { all: true } | { all: false; orgPaths: string[]; selfPersonId: number };

const GLOBAL_ROLES = new Set(['system_admin', 'province_office']);
const TREE_ROLES = new Set(['city_office', 'handler', 'leader']);

export function dataScopeOf(actor: Actor): DataScope {
  if (actor.roles.some((r) => GLOBAL_ROLES.has(r.role))) return { all: true };
  const orgPaths = actor.roles
    .filter((r) => TREE_ROLES.has(r.role) && r.organisationPath)
    .map((r) => r.organisationPath!);
  return { all: false, orgPaths: [...new Set(orgPaths)], selfPersonId: actor.personId };
}

/** SQL condition: the organisation with this path column is inside the scope. */
export function orgPathInScope(scope: DataScope, pathColumn: AnyColumn): SQL {
  if (scope.all) return sql`true`;
  if (scope.orgPaths.length === 0) return sql`false`;
  return or(...scope.orgPaths.map((p) => like(pathColumn, `${p}%`)))!;
}

export function pathInScope(scope: DataScope, path: string): boolean {
  return scope.all || scope.orgPaths.some((p) => path.startsWith(p));
}

/** Roles that manage organisations and seats below them. */
const MANAGING_ROLES = new Set(['system_admin', 'province_office', 'city_office', 'handler', 'leader']);

/**
 * The role through which the actor manages the organisation at `path`: a managing role whose
 * organisation is an ancestor (strictly above, unless `includeSelf`), or a global role.
 */
export function managingRoleFor(actor: Actor, path: string, includeSelf: boolean): ActorRole | null {
  const global = actor.roles.find((r) => GLOBAL_ROLES.has(r.role));
  if (global) return global;
  const candidates = actor.roles.filter(
    (r) =>
      MANAGING_ROLES.has(r.role) &&
      r.organisationPath !== null &&
      path.startsWith(r.organisationPath) &&
      (includeSelf || path !== r.organisationPath),
  );
  // Prefer the nearest organisation above (the "level above" of SPEC §2).
  candidates.sort((a, b) => b.organisationPath!.length - a.organisationPath!.length);
  return candidates[0] ?? null;
}

export function requireRole(actor: Actor, roles: readonly string[], message?: string): ActorRole {
  const r = actor.roles.find((x) => roles.includes(x.role));
  if (!r) throw forbidden(message);
  return r;
}

/** The actor's 经办人审查 or 领导审查 seat at this organisation (the first, when they hold both), or undefined. */
export function seatAt(actor: Actor, organisationId: number | null | undefined): ActorRole | undefined {
  return actor.roles.find(
    (r) => (r.role === 'handler' || r.role === 'leader') && r.organisationId === organisationId,
  );
}
