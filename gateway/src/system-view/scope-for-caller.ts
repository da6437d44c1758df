import { Caller, Filter, Role, Source, SourceRegistration, forbidden, sourceSlug } from '@psea/contract';

/**
 * What a caller may see of case records: a focal point sees only its own source and entities.
 * An unrestricted filter is narrowed to them, and a filter reaching beyond them is FORBIDDEN
 * (naming the operation, not any record). Other roles see the filter as asked.
 */
export function scopeForCaller(filter: Filter, caller: Caller, sources: readonly SourceRegistration[]): Filter {
  if (caller.role !== Role.FOCAL_POINT) return filter;
  const own = sources.find((s) => s.name === caller.source);
  if (!own) throw forbidden('cases');
  if (filter.sources && filter.sources.some((s) => s !== own.source)) throw forbidden('cases', 'for other sources');
  if (filter.entities && filter.entities.some((e) => !caller.entities?.includes(e))) {
    throw forbidden('cases', 'outside the entities you answer for');
  }
  return { ...filter, sources: [own.source], entities: filter.entities ?? [...(caller.entities ?? [])].sort() };
}

/** A focal point may look up records of its own source only: FORBIDDEN otherwise. */
export function checkLookupForCaller(source: Source, caller: Caller): void {
  if (caller.role === Role.FOCAL_POINT && sourceSlug(source) !== caller.source) throw forbidden('cases', 'for other sources');
}
