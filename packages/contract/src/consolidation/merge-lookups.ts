import type { Allegation } from '../types/allegation.type';
import type { SourceLookup } from '../types/contributions.type';
import { Coverage, coverage } from './coverage';

/** Collects the records found by a lookup, in the order of the ids asked for. */
export function mergeLookups(ids: readonly string[], contributions: readonly SourceLookup[]): Coverage & { items: Allegation[] } {
  const byId = new Map<string, Allegation>();
  for (const c of contributions) for (const item of c.items ?? []) byId.set(item.id, item);
  const items = ids.map((id) => byId.get(id)).filter((x): x is Allegation => x !== undefined);
  return { ...coverage(contributions), items };
}
