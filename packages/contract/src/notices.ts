/** Shown wherever synthetic records are counted or listed. */
export const SYNTHETIC_NOTICE =
  'Published totals are real (UN Secretary-General reports, 2015-2017); every case record is ' +
  'SYNTHETIC, generated to add up to them. No record describes a real case.';

/** Shown with any answer a source is missing from. */
export function incompleteNotice(missing: readonly string[]): string {
  return `INCOMPLETE: ${missing.join(', ')} did not answer; figures exclude ${missing.length === 1 ? 'it' : 'them'}.`;
}

/** The notices of a consolidated answer: synthetic records counted, sources missing, then any others. */
export function answerNotices(missing: readonly string[], synthetic: boolean, extra: readonly string[] = []): string[] {
  return [...(synthetic ? [SYNTHETIC_NOTICE] : []), ...(missing.length ? [incompleteNotice(missing)] : []), ...extra];
}
