/** The organisation tree for choosing dispatch units, loaded once per page. */
import { fetchOrgUnits } from '../api/portal';
import type { OrgUnit } from '../api/portal-types';

let loading: Promise<OrgUnit[]> | null = null;

/** Returns the units; a failed load is retried on the next call. */
export function loadOrgUnits(): Promise<OrgUnit[]> {
  loading ??= fetchOrgUnits().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** Returns the units that can handle cases (not the platform itself) in tree order, each with its depth. */
export function dispatchableUnits(units: OrgUnit[]): { unit: OrgUnit; depth: number }[] {
  const children = new Map<number | null, OrgUnit[]>();
  for (const unit of units) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  const known = new Set(units.map((unit) => unit.id));

  const ordered: { unit: OrgUnit; depth: number }[] = [];
  const visit = (parentId: number | null, depth: number) => {
    for (const unit of children.get(parentId) ?? []) {
      if (unit.type !== 'platform') ordered.push({ unit, depth });
      visit(unit.id, unit.type === 'platform' ? depth : depth + 1);
    }
  };
  // Roots are units without a parent, or whose parent is inactive and so not listed.
  for (const [parentId] of children) if (parentId === null || !known.has(parentId)) visit(parentId, 0);
  return ordered;
}
