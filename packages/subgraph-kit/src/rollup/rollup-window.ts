import { AGE_BAND_DAYS, Dimension, TIMELINESS_TARGETS } from '@psea/contract';
import { ROLLUP_MEASURES, rollupGroupTable, rollupKeys, rollupTable } from './rollup-columns';

/** A period of the time groupings, finest first: cells are cut at its boundaries. */
export interface WindowPeriod {
  /** date_trunc's name of the period. */
  readonly unit: 'month' | 'quarter' | 'year';
  /** Its length, as an interval. */
  readonly length: string;
}

const PERIODS: ReadonlyArray<readonly [Dimension, WindowPeriod]> = [
  [Dimension.MONTH, { unit: 'month', length: '1 month' }],
  [Dimension.QUARTER, { unit: 'quarter', length: '3 months' }],
  [Dimension.YEAR, { unit: 'year', length: '1 year' }],
];

/** The finest period a grouping asks for, or undefined when it groups by no time. */
export function windowPeriod(groupBy: readonly Dimension[]): WindowPeriod | undefined {
  return PERIODS.find(([dimension]) => groupBy.includes(dimension))?.[1];
}

/**
 * The month before which a case received in it is at least `days` old `today`, as the records'
 * statement ages it (`CURRENT_DATE - month >= days`): the months that old are those before it.
 */
export const agedBefore = (days: number | string, today = 'CURRENT_DATE') =>
  `(date_trunc('month', (${today} - ${days})::timestamp) + interval '1 month')::date`;

/**
 * The cut-offs of the open cases: the age bands, then the targets, urgent and not (over a target
 * is older than it: at least target + 1 days).
 */
const CUTOFFS = [
  ...AGE_BAND_DAYS.map((days) => agedBefore(days)),
  agedBefore(TIMELINESS_TARGETS.urgentDays + 1),
  agedBefore(TIMELINESS_TARGETS.days + 1),
];

/** The i-th cut-off inside the cell (a cut-off outside it reads as the cell's edge). */
const cut = (i: number) => `least(greatest(t.b${i}, cell.lo), cell.hi)`;

/** The running sum of `column` before the i-th cut-off: the cell's edge rows, or a lookup of its own. */
const before = (i: number, column: string) =>
  `CASE WHEN ${cut(i)} <= cell.lo THEN coalesce(z.${column}, 0) WHEN ${cut(i)} >= cell.hi THEN a.${column} ELSE coalesce(x${i}.${column}, 0) END`;

/**
 * Which groups a window visits, decided by the statement itself (CTEs `n` and `route`): every
 * group of the rollup (two lookups each: O(groups), the right way for coarse rollups and long
 * windows, which hold many rows per group), or only the groups with a row inside the window,
 * found through the month index (O(rows in the window): the right way for the finest rollups,
 * tens of thousands of groups with a row or two each, asked for a short window). The window's
 * rows are counted up to the number of groups (the planner's figure, or a count before the
 * table was ever analysed), so choosing costs at most what the first way would read. A group
 * without a row in the window adds nothing to it, so both ways give the same answer.
 */
function windowGroups(table: string, groups: string, inWindow: string): string {
  const estimate =
    `SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE (SELECT count(*) FROM ${groups}) END AS n ` +
    `FROM pg_class c WHERE c.oid = '${groups}'::regclass`;
  const rows = `SELECT count(*) FROM (SELECT 1 FROM ${table} c WHERE ${inWindow} LIMIT (SELECT n FROM n)) s`;
  return `n AS (${estimate}), route AS MATERIALIZED (SELECT (${rows}) < (SELECT n FROM n) AS few)`;
}

/**
 * The FROM of a statistics request over the i-th (cumulative) rollup, `r` being one row per
 * group and cell (the window, or each period of it asked for), with the group's columns, the
 * period's first month as `month`, and the sums of every measure within the cell: the running sums
 * at the last month before the cell's end minus those before its start (`a` and `z`, two index
 * lookups). The open cases' age bands and targets are the same differences at their cut-off months,
 * looked up only when a cut-off falls inside the cell (recent months). Rows read: a few per group
 * and cell, whatever the months or records; cells without records are left out.
 */
export function windowFrom(
  index: number,
  lo: string,
  hi: string,
  period: WindowPeriod | undefined,
  groupWhere: string[],
  /** The window ends before every cut-off (`endsAged`): each open case in it is past them all, no lookup needed. */
  options: { aged: boolean } = { aged: false },
): string {
  const table = rollupTable(index);
  const lookup = (alias: string, columns: string, bound: string, gate = '') =>
    `LEFT JOIN LATERAL (SELECT ${columns} FROM ${table} c WHERE ${gate}c.key = g.key AND c.month < ${bound} ORDER BY c.month DESC LIMIT 1) ${alias} ON true`;
  const cells = period
    ? `CROSS JOIN LATERAL (SELECT greatest(ps::date, w.lo) AS lo, least((ps + interval '${period.length}')::date, w.hi) AS hi, ps::date AS period ` +
      `FROM generate_series(date_trunc('${period.unit}', (SELECT c.month FROM ${table} c WHERE c.key = g.key AND c.month >= w.lo ORDER BY c.month LIMIT 1)::timestamp), ` +
      `(SELECT c.month FROM ${table} c WHERE c.key = g.key AND c.month < w.hi ORDER BY c.month DESC LIMIT 1)::timestamp, interval '${period.length}') AS ps) cell`
    : 'CROSS JOIN LATERAL (SELECT w.lo, w.hi, NULL::date AS period) cell';
  const differences = ROLLUP_MEASURES.map((m) => `a.${m.name} - coalesce(z.${m.name}, 0) AS ${m.name}`);
  const open = (i: number) => before(i, 'open_cases');
  const urgent = (i: number) => before(i, 'open_urgent');
  const openCases = 'a.open_cases - coalesce(z.open_cases, 0)';
  const bands = options.aged
    ? ['0 AS open_u3', '0 AS open_3_6', '0 AS open_6_12', `${openCases} AS open_o12`, `${openCases} AS open_over`]
    : [
        `a.open_cases - ${open(0)} AS open_u3`,
        `${open(0)} - ${open(1)} AS open_3_6`,
        `${open(1)} - ${open(2)} AS open_6_12`,
        `${open(2)} - coalesce(z.open_cases, 0) AS open_o12`,
        `(${urgent(3)} - coalesce(z.open_urgent, 0)) + (${open(4)} - ${urgent(4)}) - (coalesce(z.open_cases, 0) - coalesce(z.open_urgent, 0)) AS open_over`,
      ];
  const select = [...rollupKeys(index).map((k) => `g.${k}`), 'cell.period AS month', ...differences, ...bands];
  const where = [...groupWhere, 'a.allegations > coalesce(z.allegations, 0)'];
  const groups = rollupGroupTable(index);
  // The bounds themselves, not the CTE's columns: the planner sees the window and takes the month index.
  const inWindow = `c.month >= ${lo}::date AND c.month < ${hi}::date`;
  const branch = (source: string, route: string) =>
    `SELECT ${select.join(', ')} ` +
    `FROM w CROSS JOIN (SELECT ${CUTOFFS.map((sql, i) => `${sql} AS b${i}`).join(', ')}) t ` +
    `CROSS JOIN ${source} g ${cells} ` +
    `${lookup('a', '*', 'cell.hi').replace('LEFT JOIN', 'JOIN')} ` +
    `${lookup('z', '*', 'cell.lo')} ` +
    (options.aged
      ? ''
      : CUTOFFS.map((_, i) =>
          lookup(`x${i}`, 'c.open_cases, c.open_urgent', cut(i), `${cut(i)} > cell.lo AND ${cut(i)} < cell.hi AND `),
        ).join(' ')) +
    ` WHERE ${[...where, route].join(' AND ')}`;
  return (
    `(WITH w AS (SELECT ${lo}::date AS lo, ${hi}::date AS hi), ${windowGroups(table, groups, inWindow)} ` +
    `${branch(groups, 'NOT (SELECT few FROM route)')} UNION ALL ` +
    `${branch(`(SELECT * FROM ${groups} WHERE key IN (SELECT c.key FROM ${table} c WHERE ${inWindow}))`, '(SELECT few FROM route)')}) r`
  );
}
