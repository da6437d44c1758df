import type { AllegationCounts } from '../types/allegation-counts.type';
import type { SourceStatistics } from '../types/contributions.type';
import type { StatisticsRow } from '../types/statistics-row.type';
import { CONTRIBUTION_PREFIX, COUNT_LEAVES, KEY_FIELDS, LEAF_PLACES, LeafKind } from './contribution-layout';

/**
 * The rows' columns as JSON text, by rows array. A source answers a repeated request from its
 * cache with the same rows array (statistics answers are values, never changed once made), so a
 * wide table is turned into columns once per data version, not once per request.
 */
const ROWS_JSON = new WeakMap<readonly StatisticsRow[], string>();

function rowsJson(rows: readonly StatisticsRow[]): string {
  let json = ROWS_JSON.get(rows);
  if (json === undefined) {
    json = JSON.stringify(rowColumns(rows));
    ROWS_JSON.set(rows, json);
  }
  return json;
}

/** Reads one leaf of counts: built once per leaf, as a wide table reads each leaf of every row. */
const LEAF_READERS: ReadonlyArray<(counts: AllegationCounts) => unknown> = LEAF_PLACES.map(({ first, second }) =>
  second === undefined
    ? (counts) => (counts as unknown as Record<string, unknown>)[first]
    : (counts) => ((counts as unknown as Record<string, Record<string, unknown>>)[first] as Record<string, unknown>)[second],
);

function encodeLeaf(value: unknown, kind: LeafKind): unknown {
  if (kind !== 'histogram') return value ?? null;
  const bins = value as number[];
  let end = bins.length;
  while (end > 0 && bins[end - 1] === 0) end--;
  return end === bins.length ? bins : bins.slice(0, end);
}

/** The rows as columns: a key column for each key field any row sets, a column per count leaf. */
function rowColumns(rows: readonly StatisticsRow[]): { n: number; keys: Record<string, unknown[]>; counts: unknown[][] } {
  const keyFields = KEY_FIELDS.filter((f) => rows.some((r) => r.key[f] != null));
  const keys: Record<string, unknown[]> = {};
  for (const f of keyFields) keys[f] = new Array(rows.length);
  const counts = COUNT_LEAVES.map(() => new Array<unknown>(rows.length));
  rows.forEach((row, i) => {
    for (const f of keyFields) (keys[f] as unknown[])[i] = row.key[f] ?? null;
    COUNT_LEAVES.forEach(([, kind], leaf) => {
      (counts[leaf] as unknown[])[i] = encodeLeaf((LEAF_READERS[leaf] as (c: AllegationCounts) => unknown)(row.counts), kind);
    });
  });
  return { n: rows.length, keys, counts };
}

/** Encodes a source's statistics (already decided by its disclosure policy) for the system view. */
export function encodeStatisticsContribution(contribution: SourceStatistics): string {
  const head = {
    kind: 'statistics',
    source: contribution.source,
    status: contribution.status,
    dataVersion: contribution.dataVersion ?? null,
    answeredAt: contribution.answeredAt ?? null,
    total: contribution.total
      ? COUNT_LEAVES.map(([, kind], leaf) =>
          encodeLeaf((LEAF_READERS[leaf] as (c: AllegationCounts) => unknown)(contribution.total!), kind),
        )
      : null,
    submissions: contribution.submissions
      ? contribution.submissions.map((s) => [s.entity, s.quarter, s.closed, s.changedAt ?? null, s.dataVersion ?? null])
      : null,
  };
  // The rows' columns go last, spliced in as the text they already are.
  const rows = contribution.rows ? rowsJson(contribution.rows) : 'null';
  return `${CONTRIBUTION_PREFIX}${JSON.stringify(head).slice(0, -1)},"rows":${rows}}`;
}
