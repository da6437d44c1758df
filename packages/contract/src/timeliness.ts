import type { Timeliness } from './types/timeliness.type';

/** Targets for investigations, in days: for every case, and for urgent ones. */
export interface TimelinessTargets {
  readonly days: number;
  readonly urgentDays: number;
}

/**
 * The UN's targets for investigations (DOMAIN.md): six months, three months for urgent cases.
 * A deployment may configure others at the gateway (TIMELINESS_TARGET_DAYS,
 * TIMELINESS_URGENT_TARGET_DAYS), which sends them to every source in the statistics scope, so
 * all sources count against the same targets. An urgent case is one involving a minor (a girl
 * or a boy among the victims): the only urgency the records carry (docs/accountability.md).
 */
export const TIMELINESS_TARGETS: TimelinessTargets = { days: 180, urgentDays: 90 };

/** Longest target a deployment may configure, in days (ten years). */
export const MAX_TARGET_DAYS = 3650;

/** Whether targets are whole days from 1 to MAX_TARGET_DAYS, the urgent one not longer than the other. */
export function isTimelinessTargets(value: unknown): value is TimelinessTargets {
  if (value === null || typeof value !== 'object') return false;
  const { days, urgentDays } = value as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_TARGET_DAYS;
  return ok(days) && ok(urgentDays) && urgentDays <= days && Object.keys(value).length === 2;
}

/** Width of a histogram bin in days, and the number of bins (the last is open: 720 days and over). */
export const HISTOGRAM_BIN_DAYS = 15;
export const HISTOGRAM_BINS = 49;

/** Upper bounds, in days, of the open-case age bands: under 3 months, 3-6, 6-12, over 12. */
export const AGE_BAND_DAYS = [90, 180, 365] as const;

/**
 * The counts of timeliness, the one list of them: they add up across sources (the histogram adds
 * bin by bin; the percentiles are recomputed from it). The sources' SQL, the row reader and the
 * sum all walk this list.
 */
export const TIMELINESS_COUNTS = [
  'completedInvestigations',
  'completedOverTarget',
  'openCases',
  'openUnder3Months',
  'open3To6Months',
  'open6To12Months',
  'openOver12Months',
  'openOverTarget',
] as const satisfies ReadonlyArray<keyof Timeliness>;
export type TimelinessCount = (typeof TIMELINESS_COUNTS)[number];

// A loop, not Object.fromEntries: a wide table reads and adds thousands of these per request.
function countsFrom(count: (field: TimelinessCount) => number): Record<TimelinessCount, number> {
  const counts = {} as Record<TimelinessCount, number>;
  for (const f of TIMELINESS_COUNTS) counts[f] = count(f);
  return counts;
}

/** Timeliness from its counts and histogram (taken as it is, not copied), percentiles computed. */
function timeliness(counts: Record<TimelinessCount, number>, histogram: number[]): Timeliness {
  const t = counts as Timeliness;
  t.investigationDaysHistogram = histogram;
  t.medianInvestigationDays = histogramPercentile(histogram, 0.5);
  t.p90InvestigationDays = histogramPercentile(histogram, 0.9);
  return t;
}

export function zeroTimeliness(): Timeliness {
  return {
    ...countsFrom(() => 0),
    investigationDaysHistogram: Array<number>(HISTOGRAM_BINS).fill(0),
    medianInvestigationDays: null,
    p90InvestigationDays: null,
  };
}

/** The bin of a duration in days. */
export function histogramBin(days: number): number {
  return Math.min(HISTOGRAM_BINS - 1, Math.floor(days / HISTOGRAM_BIN_DAYS));
}

/**
 * The nearest-rank percentile of a histogram, as the upper bound of the bin that holds it (the open
 * last bin answers its lower bound, 720). Percentiles do not add up across sources; histograms do,
 * so the system view sums the sources' histograms and calls this once.
 */
export function histogramPercentile(histogram: readonly number[], p: number): number | null {
  const n = histogram.reduce((s, x) => s + x, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin] ?? 0;
    if (seen >= rank) return bin === HISTOGRAM_BINS - 1 ? bin * HISTOGRAM_BIN_DAYS : (bin + 1) * HISTOGRAM_BIN_DAYS - 1;
  }
  return null;
}

/** Timeliness with its percentiles computed from its histogram. */
export function withPercentiles(t: Timeliness): Timeliness {
  return {
    ...t,
    medianInvestigationDays: histogramPercentile(t.investigationDaysHistogram, 0.5),
    p90InvestigationDays: histogramPercentile(t.investigationDaysHistogram, 0.9),
  };
}

/** The timeliness of two disjoint sets of allegations: counts and histograms add, percentiles are recomputed. */
export function addTimeliness(a: Timeliness, b: Timeliness): Timeliness {
  const bins = b.investigationDaysHistogram;
  return timeliness(
    countsFrom((f) => a[f] + b[f]),
    a.investigationDaysHistogram.map((x, i) => x + (bins[i] ?? 0)),
  );
}

/** Timeliness from its counts and histogram as read from a source, percentiles computed. */
export function timelinessOf(count: (field: TimelinessCount) => number, histogram: readonly number[]): Timeliness {
  return timeliness(countsFrom(count), histogram.slice());
}
