import { COUNT_LEAVES } from '../statistics-contribution';
import { HISTOGRAM_BINS, histogramPercentile } from '../timeliness';
import type { AllegationCounts } from '../types/allegation-counts.type';

/**
 * Where each leaf of AllegationCounts is summed in an accumulator: a count takes one slot, the
 * histogram one slot per bin; the percentiles take none (they do not add up: they are computed
 * from the summed histogram at the end, as addTimeliness does).
 */
const SLOTS = (() => {
  let next = 0;
  return COUNT_LEAVES.map(([path, kind]) => {
    const [first, second] = path.split('.') as [string, string | undefined];
    const slot = next;
    next += kind === 'count' ? 1 : kind === 'histogram' ? HISTOGRAM_BINS : 0;
    return { first, second, kind, slot };
  });
})();
const LAST = SLOTS[SLOTS.length - 1];
const WIDTH = LAST ? LAST.slot + (LAST.kind === 'count' ? 1 : LAST.kind === 'histogram' ? HISTOGRAM_BINS : 0) : 0;

/**
 * Sums of counts kept as flat arrays of numbers, one per group, filled leaf by leaf (from a
 * contribution's columns or from counts objects) and turned into AllegationCounts once per group
 * at the end: a wide table is added up without an object per row it reads.
 */
export class CountsAccumulator {
  private readonly sums: Float64Array[] = [];

  /** Starts a group; returns its index. */
  addGroup(): number {
    this.sums.push(new Float64Array(WIDTH));
    return this.sums.length - 1;
  }

  /** Adds the value of leaf `leaf` (COUNT_LEAVES order), already validated, to a group. */
  addLeaf(group: number, leaf: number, value: unknown): void {
    const { kind, slot } = SLOTS[leaf] as (typeof SLOTS)[number];
    const sums = this.sums[group] as Float64Array;
    if (kind === 'count') sums[slot] = (sums[slot] as number) + (value as number);
    else if (kind === 'histogram') {
      const bins = value as readonly number[];
      for (let b = 0; b < bins.length; b++) sums[slot + b] = (sums[slot + b] as number) + (bins[b] as number);
    }
  }

  /** Adds counts given as an object. */
  addCounts(group: number, counts: AllegationCounts): void {
    SLOTS.forEach(({ first, second }, leaf) => {
      const parent = (counts as unknown as Record<string, unknown>)[first];
      this.addLeaf(group, leaf, second === undefined ? parent : (parent as Record<string, unknown>)[second]);
    });
  }

  /** The counts of a group, percentiles computed from its summed histogram. */
  counts(group: number): AllegationCounts {
    const sums = this.sums[group] as Float64Array;
    const counts: Record<string, Record<string, unknown> | unknown> = {};
    let histogram: number[] = [];
    for (const { first, second, kind, slot } of SLOTS) {
      let value: unknown = null;
      if (kind === 'count') value = sums[slot];
      else if (kind === 'histogram') value = histogram = Array.from(sums.subarray(slot, slot + HISTOGRAM_BINS));
      if (second === undefined) counts[first] = value;
      else ((counts[first] ??= {}) as Record<string, unknown>)[second] = value;
    }
    const timeliness = counts['timeliness'] as Record<string, unknown>;
    timeliness['medianInvestigationDays'] = histogramPercentile(histogram, 0.5);
    timeliness['p90InvestigationDays'] = histogramPercentile(histogram, 0.9);
    return counts as unknown as AllegationCounts;
  }
}
