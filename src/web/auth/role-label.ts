import { roleNames } from '../../contract/index';
import type { RoleAssignment } from '../api/types';

/** '经办人审查 · 某某公司' or '市职称办'. */
export function roleLabel(r: RoleAssignment): string {
  return r.organisation ? `${roleNames[r.role]} · ${r.organisation.name}` : roleNames[r.role];
}
