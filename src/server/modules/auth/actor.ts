/** Who is acting: the logged-in account, its person and every active role it holds. */
import type { OrgKind, RoleCode } from '../../../contract/common.js';

export interface ActorRole {
  assignmentId: number;
  role: RoleCode;
  organisationId: number | null;
  organisationName: string | null;
  organisationKind: OrgKind | null;
  /** Materialised path of the organisation ("/1/4/"), null for roles without one. */
  organisationPath: string | null;
}

export interface Actor {
  accountId: number;
  username: string;
  personId: number;
  personName: string;
  idNumber: string | null;
  roles: ActorRole[];
  clientAddress: string | null;
  mustChangePassword: boolean;
}

/** Whatever wrote an audit row: a person's role, or the system itself (start-up, seeding). */
export interface AuditActor {
  accountId: number | null;
  name: string;
  role: string;
  organisationId: number | null;
  organisationName: string | null;
  clientAddress: string | null;
}

export const SYSTEM_ACTOR: AuditActor = {
  accountId: null,
  name: '系统',
  role: 'system',
  organisationId: null,
  organisationName: null,
  clientAddress: null,
};

export function auditActorOf(actor: Actor, role?: ActorRole | null): AuditActor {
  const r = role ?? actor.roles[0] ?? null;
  return {
    accountId: actor.accountId,
    name: actor.personName,
    role: r?.role ?? 'none',
    organisationId: r?.organisationId ?? null,
    organisationName: r?.organisationName ?? null,
    clientAddress: actor.clientAddress,
  };
}
