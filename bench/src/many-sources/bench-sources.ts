/** A source the many-sources benchmark adds with `psea new-subgraph`, as an entity's IT team would. */
export interface BenchSource {
  /** Its name in gateway/sources.json, e.g. `bench-07`. */
  readonly slug: string;
  /** `CODE=Name` pairs, as `--entity` takes them. */
  readonly entities: readonly string[];
}

/** The most sources the mode runs: two-digit names, and far beyond the dozens it is meant to show. */
export const MAX_SOURCES = 99;

/**
 * The sources to scaffold so that the hub has `total` registered sources, `registered` of which
 * the repository already has: numbered after them, two entities each (entity codes are unique
 * across sources; `psea new-subgraph` refuses a code already registered).
 */
export function benchSources(total: number, registered: number): BenchSource[] {
  return Array.from({ length: Math.max(0, total - registered) }, (_, i) => {
    const n = String(registered + i + 1).padStart(2, '0');
    return {
      slug: `bench-${n}`,
      entities: ['A', 'B'].map((e) => `BENCH-${n}${e}=Synthetic benchmark entity ${n}${e}`),
    };
  });
}

/** The `psea` arguments that scaffold and register one benchmark source (composed later, once for all). */
export function newSubgraphArguments(source: BenchSource): string[] {
  return ['new-subgraph', source.slug, ...source.entities.flatMap((e) => ['--entity', e]), '--no-compose'];
}

/**
 * Parses `--sources 3,10,30`: whole numbers from the repository's own count of sources (they
 * are all kept; the others are added) to MAX_SOURCES, each once, in increasing order.
 */
export function parseSourceCounts(text: string, registered: number): number[] {
  const counts = text.split(',').map((part) => {
    const trimmed = part.trim();
    const n = Number(trimmed);
    if (!/^\d+$/.test(trimmed) || n < registered || n > MAX_SOURCES) {
      throw new Error(
        `--sources takes whole numbers from ${registered} (the sources the repository registers) to ${MAX_SOURCES}, comma-separated; got "${trimmed}"`,
      );
    }
    return n;
  });
  return [...new Set(counts)].sort((a, b) => a - b);
}
