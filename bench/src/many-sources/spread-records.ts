/**
 * How `total` records are shared among `sources` sources: as evenly as whole records allow, the
 * first sources taking one more when it does not divide. Every source gets at least one record,
 * so that each takes part in every scenario.
 */
export function spreadRecords(total: number, sources: number): number[] {
  if (!Number.isInteger(sources) || sources < 1)
    throw new Error(`the number of sources must be a whole number ≥ 1, got ${sources}`);
  if (!Number.isInteger(total) || total < sources)
    throw new Error(`the total of records must be a whole number of at least one per source (${sources}), got ${total}`);
  const each = Math.floor(total / sources);
  const rest = total % sources;
  return Array.from({ length: sources }, (_, i) => each + (i < rest ? 1 : 0));
}
