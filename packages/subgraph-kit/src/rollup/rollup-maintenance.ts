import type { ContractMapping } from '../sql/contract-mapping';
import {
  ROLLUPS,
  ROLLUP_KEYS,
  ROLLUP_MEASURES,
  rollupGroupKey,
  rollupGroupTable,
  rollupKeys,
  rollupTable,
} from './rollup-columns';

const MEASURES = ROLLUP_MEASURES.map((m) => m.name);

/** The row-level keys and measures of the records of a FROM, each measure multiplied by `sign`. */
export function recordRows(mapping: ContractMapping, from: string, sign: 1 | -1): string {
  const keys = ROLLUP_KEYS.map((k) => `${k.sql(mapping)} AS ${k.name}`);
  const measures = ROLLUP_MEASURES.map((m) => `${sign === 1 ? '' : '-'}(${m.sql(mapping)}) AS ${m.name}`);
  return `SELECT ${[...keys, ...measures].join(', ')} FROM ${from}`;
}

/** New groups of the i-th rollup among the rows of `d`. */
const insertGroups = (i: number) =>
  `INSERT INTO ${rollupGroupTable(i)} (key, ${rollupKeys(i).join(', ')}) ` +
  `SELECT DISTINCT ${rollupGroupKey(i)}, ${rollupKeys(i).join(', ')} FROM d ON CONFLICT (key) DO NOTHING`;

/** The window of running sums over a group's months, in month order. */
const RUNNING = 'WINDOW w AS (PARTITION BY key ORDER BY month ROWS UNBOUNDED PRECEDING)';

/** Whether a group of `k<i>` (aliased `k`) is in the i-th rollup's groups (as of the statement's snapshot). */
const known = (i: number) => `EXISTS (SELECT 1 FROM ${rollupGroupTable(i)} g WHERE g.key = k.key)`;

/**
 * Adds the deltas of `k<i>` (per group and month) of the groups the i-th rollup already has to
 * its running sums, as one INSERT .. ON CONFLICT computed from the statement's snapshot: the rows
 * to write are the months of the deltas and every existing row of the same group after its first
 * delta (each later sum moves too), and each gets the sum at or before its month (itself, or the
 * month before it for a new month) plus the deltas up to its month. Only the affected groups'
 * rows are read or written. With `all`, every group of `k<i>` goes this way (no new groups).
 */
function addDeltas(i: number, all: boolean): string {
  const table = rollupTable(i);
  const sums = MEASURES.map((m) => `coalesce(b.${m}, 0) + sum(p.${m}) OVER w AS ${m}`);
  // The later rows without a delta of their own join the deltas with zeros, so the running sum
  // of the deltas is one window over one stream (no join of the wide deltas back onto the rows).
  const later =
    `SELECT c.key, c.month, ${MEASURES.map(() => '0').join(', ')} FROM ${table} c ` +
    `JOIN (SELECT key, min(month) AS first FROM k${i} GROUP BY key) f ON c.key = f.key AND c.month > f.first ` +
    `WHERE NOT EXISTS (SELECT 1 FROM k${i} k WHERE k.key = c.key AND k.month = c.month)`;
  const deltas = `SELECT key, month, ${MEASURES.join(', ')} FROM k${i} k${all ? '' : ` WHERE ${known(i)}`}`;
  return (
    `INSERT INTO ${table} AS r (key, month, month_allegations, ${MEASURES.join(', ')}) ` +
    `SELECT p.key, p.month, CASE WHEN b.month = p.month THEN b.month_allegations ELSE 0 END + p.allegations, ${sums.join(', ')} ` +
    `FROM (${deltas} UNION ALL ${later}) p ` +
    `LEFT JOIN LATERAL (SELECT * FROM ${table} c WHERE c.key = p.key AND c.month <= p.month ORDER BY c.month DESC LIMIT 1) b ON true ` +
    `WINDOW w AS (PARTITION BY p.key ORDER BY p.month ROWS UNBOUNDED PRECEDING) ` +
    `ON CONFLICT (key, month) DO UPDATE SET month_allegations = EXCLUDED.month_allegations, ${MEASURES.map((m) => `${m} = EXCLUDED.${m}`).join(', ')}`
  );
}

/**
 * The running sums of the groups of `k<i>` that the i-th rollup does not have yet: such a group
 * has no row to start from, none after its months and none to conflict with, so its rows are
 * its deltas' running sums, inserted as the first fill does. A first load into an empty source
 * (every group new) costs what counting the records afresh costs, with no lookup per group-month.
 */
const addNewGroups = (i: number) =>
  `INSERT INTO ${rollupTable(i)} (key, month, month_allegations, ${MEASURES.join(', ')}) ` +
  `SELECT key, month, allegations, ${MEASURES.map((m) => `sum(${m}) OVER w`).join(', ')} FROM k${i} k WHERE NOT ${known(i)} ${RUNNING}`;

/** The deltas of `d` per group and month of the i-th rollup. */
const deltas = (i: number) =>
  `k${i} AS MATERIALIZED (SELECT ${rollupGroupKey(i)} AS key, month, ${MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', ')} ` +
  `FROM d GROUP BY 1, month)`;

/**
 * One statement that adds the rows of `source` (keys and measures already computed, negative for
 * records that went away) to every rollup: the records are read (and joined) once for all of
 * them. `newGroups`: the rows may hold groups not seen yet (not so when records are only removed).
 */
export function addToRollups(source: string, newGroups: boolean): string {
  const ctes = [`d AS MATERIALIZED (${source})`];
  ROLLUPS.forEach((_, i) => {
    ctes.push(deltas(i));
    if (newGroups) ctes.push(`g${i} AS (${insertGroups(i)})`, `n${i} AS (${addNewGroups(i)})`);
    // Data-modifying CTEs run whether referenced or not; the last insert is the statement itself.
    // They all see the snapshot from before the statement: `known` reads the groups as they were.
    if (i < ROLLUPS.length - 1) ctes.push(`c${i} AS (${addDeltas(i, !newGroups)})`);
  });
  return `WITH ${ctes.join(', ')} ${addDeltas(ROLLUPS.length - 1, !newGroups)}`;
}

/**
 * After records were removed or moved: drops the rows of months left without records (their sums
 * equal the month before: no read needs them) and the groups left without any row, so reads stay
 * O(groups that have records). Only rows marked empty are visited (a partial index).
 */
export function dropEmpty(): string {
  const ctes = ROLLUPS.map((_, i) => `e${i} AS (DELETE FROM ${rollupTable(i)} WHERE month_allegations = 0 RETURNING key)`);
  // The snapshot still shows the rows being deleted: a group keeps a row iff one has records.
  const groups = ROLLUPS.map(
    (_, i) =>
      `DELETE FROM ${rollupGroupTable(i)} g WHERE g.key IN (SELECT key FROM e${i}) ` +
      `AND NOT EXISTS (SELECT 1 FROM ${rollupTable(i)} c WHERE c.key = g.key AND c.month_allegations <> 0)`,
  );
  // A statement, not a query (PL/pgSQL runs it as one): the last delete is the statement itself.
  const last = groups.pop() as string;
  return `WITH ${[...ctes, ...groups.map((text, i) => `x${i} AS (${text})`)].join(', ')} ${last}`;
}

/**
 * The statement that counts every record into the (empty) rollups, in one pass: running sums by
 * a window over the groups' months. An existing group is kept (a rebuild may keep the groups).
 */
export function rollupFill(mapping: ContractMapping): string {
  const ctes = [`d AS MATERIALIZED (${recordRows(mapping, mapping.from, 1)})`];
  const inserts = ROLLUPS.map(
    (_, i) =>
      `INSERT INTO ${rollupTable(i)} (key, month, month_allegations, ${MEASURES.join(', ')}) ` +
      `SELECT key, month, allegations, ${MEASURES.map((m) => `sum(${m}) OVER w`).join(', ')} FROM (` +
      `SELECT ${rollupGroupKey(i)} AS key, month, ${MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', ')} FROM d GROUP BY 1, month) s ` +
      RUNNING,
  );
  ROLLUPS.forEach((_, i) => ctes.push(`g${i} AS (${insertGroups(i)})`));
  const last = inserts.pop() as string;
  inserts.forEach((text, i) => ctes.push(`c${i} AS (${text})`));
  return `WITH ${ctes.join(', ')} ${last}`;
}
