import { useMemo } from 'react';
import { useMe } from '../api/session';
import { computeAccess } from './access';

export function useAccess() {
  const { data } = useMe();
  return useMemo(() => computeAccess(data), [data]);
}
