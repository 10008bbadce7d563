import type { Region } from '../../../api/types';

export interface RegionTreeNode {
  value: number;
  title: string;
  children?: RegionTreeNode[];
}

/** The flat region list (parentId links) as TreeSelect data. */
export function regionTree(regions: Region[]): RegionTreeNode[] {
  const byParent = new Map<number | null, Region[]>();
  const ids = new Set(regions.map((r) => r.id));
  for (const r of regions) {
    const key = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(r);
    byParent.set(key, list);
  }
  const build = (parent: number | null): RegionTreeNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((r) => {
        const children = build(r.id);
        return children.length > 0
          ? { value: r.id, title: r.name, children }
          : { value: r.id, title: r.name };
      });
  return build(null);
}
