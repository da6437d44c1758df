import type { ScreeningMatch, SourceScreening } from '../types/screening.type';
import { Coverage, coverage } from './coverage';

/**
 * Collects the screening answers of every source: whom to contact (entity codes, sorted) and, for
 * coordinators, the details of each match in a stable order.
 */
export function mergeScreenings(
  contributions: readonly SourceScreening[],
): Coverage & { contactEntities: string[]; matches: ScreeningMatch[] } {
  const contactEntities = [...new Set(contributions.flatMap((c) => c.contactEntities ?? []))].sort();
  const matches = contributions
    .flatMap((c) => c.matches ?? [])
    .sort((a, b) => a.year - b.year || a.source.localeCompare(b.source) || a.entity.localeCompare(b.entity));
  return { ...coverage(contributions), contactEntities, matches };
}
