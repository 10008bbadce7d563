import { orgKindNames, orgKinds } from '../../../../contract/index';
import type { OrgKind } from '../../../api/types';

/** Which kinds of organisation may be created under a parent of a given kind. */
export const allowedChildKinds: Record<OrgKind, OrgKind[]> = {
  hr_bureau: ['hr_bureau', 'supervisor', 'employer', 'personnel_agency', 'self_recognition_unit'],
  supervisor: ['employer'],
  employer: [],
  personnel_agency: [],
  self_recognition_unit: [],
};

export function canHaveChildren(kind: OrgKind): boolean {
  return allowedChildKinds[kind].length > 0;
}

export const kindColors: Record<OrgKind, string> = {
  hr_bureau: 'geekblue',
  supervisor: 'purple',
  employer: 'cyan',
  personnel_agency: 'orange',
  self_recognition_unit: 'magenta',
};

export const kindOptions = orgKinds.map((k) => ({ value: k, label: orgKindNames[k] }));
