import { ENTITIES } from './entities';
import { Source, enumValues } from './enums';
import { badUserInput } from './errors';
import { Filter, filterIncludesSource } from './filter';
import { monthQuarter, quarterMonths } from './period';

/** A data version as the hub writes it: a whole number, at most 18 digits. */
export const DATA_VERSION = /^(0|[1-9][0-9]{0,17})$/;

/** Most quarters a statistics answer lists submissions for; a longer period is not checked. */
export const MAX_SUBMISSION_QUARTERS = 16;

/** Per source, the data version to answer as of: sorted by source, one version each. */
export type AsOf = Readonly<Partial<Record<Source, string>>>;

/**
 * Validates the `asOf` argument: known sources, each once, versions the hub writes.
 * @throws GraphQLError BAD_USER_INPUT naming the argument.
 */
export function normalizeAsOf(
  input: ReadonlyArray<{ source: string; dataVersion: string }> | null | undefined,
  argument = 'asOf',
): AsOf | undefined {
  if (input == null) return undefined;
  if (input.length === 0) throw badUserInput(argument, 'a non-empty list (omit it to answer from the current data)', []);
  const asOf: Partial<Record<Source, string>> = {};
  for (const [i, entry] of input.entries()) {
    if (!enumValues(Source).includes(entry.source as Source))
      throw badUserInput(`${argument}[${i}].source`, 'a source', entry.source);
    if (typeof entry.dataVersion !== 'string' || !DATA_VERSION.test(entry.dataVersion))
      throw badUserInput(`${argument}[${i}].dataVersion`, 'a data version (a whole number)', entry.dataVersion);
    if (asOf[entry.source as Source] !== undefined)
      throw badUserInput(`${argument}[${i}].source`, 'each source once', entry.source);
    asOf[entry.source as Source] = entry.dataVersion;
  }
  return Object.fromEntries(Object.entries(asOf).sort(([a], [b]) => (a < b ? -1 : 1))) as AsOf;
}

/** The quarters a filter's period covers, oldest first; none when unbounded or too long to check. */
export function filterQuarters(filter: Filter): string[] {
  if (!filter.from || !filter.to) return [];
  const quarters: string[] = [];
  for (let q = monthQuarter(filter.from); quarters.length <= MAX_SUBMISSION_QUARTERS;) {
    quarters.push(q);
    if (quarterMonths(q).to >= filter.to) return quarters;
    const [year, n] = [Number(q.slice(0, 4)), Number(q.slice(5))];
    q = n === 4 ? `${year + 1}Q1` : `${year}Q${n + 1}`;
  }
  return [];
}

/** The entities of a source a filter reaches: its own entities, narrowed by the filter's list. */
export function filterEntities(filter: Filter, source: Source): string[] {
  if (!filterIncludesSource(filter, source)) return [];
  return ENTITIES.filter((e) => e.source === source && (!filter.entities || filter.entities.includes(e.code)))
    .map((e) => e.code)
    .sort();
}

/** Entities that have not closed every quarter of a period, each with the quarters still open. */
export function unsubmitted(
  submissions: ReadonlyArray<{ entity: string; quarter: string; closed: boolean }>,
): Array<{ entity: string; quarters: string[] }> {
  const open = new Map<string, string[]>();
  for (const s of submissions) if (!s.closed) open.set(s.entity, [...(open.get(s.entity) ?? []), s.quarter]);
  return [...open.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([entity, quarters]) => ({ entity, quarters: [...quarters].sort() }));
}

const UNSUBMITTED = 'Not yet submitted (period not closed by the entity): ';

/** The notice of a table whose period includes entities that have not closed it. */
export function unsubmittedNotice(open: ReadonlyArray<{ entity: string; quarters: readonly string[] }>): string {
  return `${UNSUBMITTED}${open.map((o) => `${o.entity} (${o.quarters.join(', ')})`).join('; ')}.`;
}

/** True for the notice unsubmittedNotice writes (a report prints the same under each table). */
export function isUnsubmittedNotice(notice: string): boolean {
  return notice.startsWith(UNSUBMITTED);
}
