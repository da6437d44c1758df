/**
 * The notices a reader must see with figures, computed from what was counted: how many of the
 * records are synthetic, and whether the published totals may be cited. One home, so the API,
 * the report and the dashboard say the same thing in the same words.
 */

/** The calendar years the UN's published totals cover, which the synthetic reference dataset adds up to. */
export const PUBLISHED_YEARS: readonly number[] = [2015, 2016, 2017];

/** How many records an answer counted or listed, and how many of them are synthetic. */
export interface SyntheticShare {
  readonly records: number;
  readonly synthetic: number;
}

/** A period as an inclusive month range ('YYYY-MM'); either end open. */
export interface NoticePeriod {
  readonly from?: string;
  readonly to?: string;
}

/** The published years a period lies within, or none when it reaches outside them (or is open). */
function publishedYearsOf(period: NoticePeriod): number[] {
  if (!period.from || !period.to) return [];
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) {
    if (!PUBLISHED_YEARS.includes(y)) return [];
    years.push(y);
  }
  return years;
}

function yearsText(years: readonly number[]): string {
  return years.length === 1 ? String(years[0]) : `${years[0]}-${years[years.length - 1]}`;
}

/**
 * What to say about synthetic records, or null when none was counted: "all" or "N of M", and
 * the published totals cited only for their own years and only while every record counted is
 * a reference record (once real records are mixed in, the figures are no longer those totals).
 */
export function syntheticNotice(share: SyntheticShare, verb: 'counted' | 'listed', period: NoticePeriod = {}): string | null {
  if (share.synthetic <= 0) return null;
  if (share.synthetic >= share.records) {
    const years = publishedYearsOf(period);
    const published = years.length
      ? ` They were generated to add up to the published totals for ${yearsText(years)} (UN Secretary-General reports), which are real.`
      : '';
    const all = share.records === 1 ? 'The 1 record' : `All ${share.records} records`;
    return `${all} ${verb} here ${share.records === 1 ? 'is' : 'are'} SYNTHETIC reference data: no record describes a real case.${published}`;
  }
  const real = share.records - share.synthetic;
  return (
    `${share.synthetic} of the ${share.records} records ${verb} here are SYNTHETIC reference data (not real cases); ` +
    `the other ${real} ${real === 1 ? 'is a real record' : 'are real records'}. These figures are not the UN's published totals.`
  );
}

/** Shown with any answer a source is missing from. */
export function incompleteNotice(missing: readonly string[]): string {
  return `INCOMPLETE: ${missing.join(', ')} did not answer; figures exclude ${missing.length === 1 ? 'it' : 'them'}.`;
}

/**
 * The notices of a consolidated answer: its synthetic share (computed from what was counted, or
 * null when none was synthetic), sources missing, then any others.
 */
export function answerNotices(missing: readonly string[], synthetic: string | null, extra: readonly string[] = []): string[] {
  return [...(synthetic ? [synthetic] : []), ...(missing.length ? [incompleteNotice(missing)] : []), ...extra];
}

/**
 * What a source or a seed run says about the reference dataset itself, true whatever else a
 * source holds: answers say how many of the records they count are synthetic.
 */
export const SYNTHETIC_NOTICE =
  'Records marked synthetic are the reference dataset: SYNTHETIC, generated from a fixed seed to add up to the ' +
  "UN's published totals for 2015-2017, which are real; no synthetic record describes a real case. Every answer " +
  'says how many of the records it counts or lists are synthetic.';
